"""
The ``twoplustwo`` command: renders what the library computes; holds no logic of its own.

Each command is one function in a module of its kind (`_answers`, `_exports`, `_documents`,
`_edits`) that declares its arguments and its handler together; `_app` puts them in a parser
and runs it.

Exit codes: 0 success, 1 a data or input error (one line on stderr), 2 a usage error.
"""

from twoplustwo.cli._answers import STATES
from twoplustwo.cli._app import main, run
from twoplustwo.cli._options import MAX_SAID

__all__ = ["MAX_SAID", "STATES", "main", "run"]
