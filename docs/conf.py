"""
Sphinx configuration: MyST Markdown pages, the furo theme, an API reference from docstrings.

Built with warnings as errors: ``python -m sphinx -n -W -b html docs docs/_build``.
"""

import twoplustwo

project = "twoplustwo"
author = "The twoplustwo developers"
copyright = "2026, The twoplustwo developers"  # noqa: A001 - the name Sphinx reads
release = twoplustwo.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "schema/*.json"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"twoplustwo {release}"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_class_signature = "separated"
autodoc_default_options = {"exclude-members": "__new__, __init__"}
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

intersphinx_mapping: dict[str, tuple[str, None]] = {}

# Types the reference mentions that no inventory here documents: intersphinx would need the
# network, which the build must not depend on.
nitpick_ignore_regex = [
    ("py:class", r"pendulum\..*"),
    ("py:class", r"datetime\..*"),
    ("py:class", r"pathlib\..*"),
    ("py:class", r"os\..*"),
    ("py:class", r"(SupportsRead|SupportsWrite)"),
    ("py:class", r"cattrs\..*"),
    ("py:class", r"attrs?\..*"),
    ("py:class", r"hypothesis\..*"),
    ("py:class", r"(collections\.abc|typing)\..*"),
    ("py:class", r"(str|int|bool|bytes|dict|tuple|list|type|object|None)"),
    ("py:class", r"(ValueError|LookupError|ModuleNotFoundError)"),
    ("py:class", r"T"),
    ("py:class", r"(tpt|st)\..*"),  # annotations as the strategies module spells them
    ("py:class", r"twoplustwo\.strategies\.T"),
    ("py:class", r"twoplustwo\._.*"),
    ("py:obj", r"twoplustwo\..*\.T"),
    ("py:class", r"Rotation|RoundRow"),
    ("py:data", r"typing\..*"),
    ("py:exc", r"(ValueError|LookupError|ModuleNotFoundError)"),
]
