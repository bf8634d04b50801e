"""
``python -m twoplustwo``: the same as the ``twoplustwo`` command.
"""

from twoplustwo.cli import main

raise SystemExit(main())
