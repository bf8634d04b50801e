"""
twoplustwo: a typed model, a rotation calculator and a dataset for 2+2 ministerial dialogues.

The model and the exceptions load with the package. The calculator, JSON, the JSON Schema,
calendar export and the embedded dataset load on first use (PEP 562), so that
``import twoplustwo`` costs little more than its dependencies; every name in ``NAMES``
is importable from here all the same. ``__all__``, the public surface, is what a user
constructs, calls or catches.
"""

import importlib
from typing import TYPE_CHECKING, Any, Final

from twoplustwo import _dates, _model, _places, _policies, exceptions  # noqa: F401 - the model loads with the package

if TYPE_CHECKING:
    from twoplustwo._dates import FuzzyDate as FuzzyDate
    from twoplustwo._editing import Edit as Edit
    from twoplustwo._editing import edit_round as edit_round
    from twoplustwo._editing import edit_status as edit_status
    from twoplustwo._evaluate import METHODS as METHODS
    from twoplustwo._evaluate import Score as Score
    from twoplustwo._evaluate import Scoreboard as Scoreboard
    from twoplustwo._evaluate import evaluate as evaluate
    from twoplustwo._files import edit_file as edit_file
    from twoplustwo._files import load as load
    from twoplustwo._files import replace_file as replace_file
    from twoplustwo._files import save as save
    from twoplustwo._html import html_text as html_text
    from twoplustwo._ics import to_ics as to_ics
    from twoplustwo._json import FORMAT as FORMAT
    from twoplustwo._json import MAX_PROBLEMS as MAX_PROBLEMS
    from twoplustwo._json import MAX_SIZE as MAX_SIZE
    from twoplustwo._json import MODEL_CLASSES as MODEL_CLASSES
    from twoplustwo._json import READS as READS
    from twoplustwo._json import converter as converter
    from twoplustwo._json import dumps as dumps
    from twoplustwo._json import loads as loads
    from twoplustwo._model import Announcement as Announcement
    from twoplustwo._model import Dataset as Dataset
    from twoplustwo._model import Fact as Fact
    from twoplustwo._model import Grouping as Grouping
    from twoplustwo._model import HostBasis as HostBasis
    from twoplustwo._model import Hosting as Hosting
    from twoplustwo._model import Mechanism as Mechanism
    from twoplustwo._model import MechanismStatus as MechanismStatus
    from twoplustwo._model import Minister as Minister
    from twoplustwo._model import Mode as Mode
    from twoplustwo._model import Plan as Plan
    from twoplustwo._model import Portfolio as Portfolio
    from twoplustwo._model import Round as Round
    from twoplustwo._model import RoundStatus as RoundStatus
    from twoplustwo._model import SanctionRisk as SanctionRisk
    from twoplustwo._model import SanctionStatus as SanctionStatus
    from twoplustwo._model import Source as Source
    from twoplustwo._model import StatusChange as StatusChange
    from twoplustwo._model import Uncertainty as Uncertainty
    from twoplustwo._model import rounds_table as rounds_table
    from twoplustwo._news import extract as extract
    from twoplustwo._places import City as City
    from twoplustwo._places import Country as Country
    from twoplustwo._plot import timeline_svg as timeline_svg
    from twoplustwo._policies import Alternating as Alternating
    from twoplustwo._policies import Cycle as Cycle
    from twoplustwo._policies import FixedVenue as FixedVenue
    from twoplustwo._policies import Learned as Learned
    from twoplustwo._policies import Record as Record
    from twoplustwo._policies import Rotation as Rotation
    from twoplustwo._proposal import Proposal as Proposal
    from twoplustwo._rotation import BacktestRow as BacktestRow
    from twoplustwo._rotation import Basis as Basis
    from twoplustwo._rotation import Forecast as Forecast
    from twoplustwo._rotation import backtest as backtest
    from twoplustwo._rotation import next_round as next_round
    from twoplustwo._rotation import venue_for as venue_for
    from twoplustwo._schema import json_schema as json_schema
    from twoplustwo._seed import check_data as check_data
    from twoplustwo._seed import load_dataset as load_dataset
    from twoplustwo._seed import load_seed as load_seed
    from twoplustwo.exceptions import DecodeError as DecodeError
    from twoplustwo.exceptions import Error as Error
    from twoplustwo.exceptions import FieldError as FieldError
    from twoplustwo.exceptions import InvalidDate as InvalidDate
    from twoplustwo.exceptions import InvalidModel as InvalidModel
    from twoplustwo.exceptions import MissingExtra as MissingExtra
    from twoplustwo.exceptions import NotForecastable as NotForecastable
    from twoplustwo.exceptions import Problem as Problem
    from twoplustwo.exceptions import UnknownId as UnknownId
    from twoplustwo.exceptions import UnknownMechanism as UnknownMechanism

__version__ = "0.1.0"

CONSTRUCT, CALL, CATCH, RETURNED, INTERNAL = (
    "construct",
    "call",
    "catch",
    "returned",
    "internal",
)
"""What a user does with a name: the first three are the public surface, ``__all__``."""

NAMES: Final[dict[str, tuple[str, str]]] = {
    # What a user constructs: the model, its enumerations and the rotation policies.
    "City": ("_places", CONSTRUCT),
    "Country": ("_places", CONSTRUCT),
    "Dataset": ("_model", CONSTRUCT),
    "FuzzyDate": ("_dates", CONSTRUCT),
    "Grouping": ("_model", CONSTRUCT),
    "Mechanism": ("_model", CONSTRUCT),
    "Minister": ("_model", CONSTRUCT),
    "Plan": ("_model", CONSTRUCT),
    "Round": ("_model", CONSTRUCT),
    "SanctionRisk": ("_model", CONSTRUCT),
    "Source": ("_model", CONSTRUCT),
    "StatusChange": ("_model", CONSTRUCT),
    "Uncertainty": ("_model", CONSTRUCT),
    "Fact": ("_model", CONSTRUCT),
    "MechanismStatus": ("_model", CONSTRUCT),
    "Mode": ("_model", CONSTRUCT),
    "Portfolio": ("_model", CONSTRUCT),
    "RoundStatus": ("_model", CONSTRUCT),
    "SanctionStatus": ("_model", CONSTRUCT),
    "Announcement": ("_model", CONSTRUCT),
    "Alternating": ("_policies", CONSTRUCT),
    "Cycle": ("_policies", CONSTRUCT),
    "FixedVenue": ("_policies", CONSTRUCT),
    "Learned": ("_policies", CONSTRUCT),
    # What a user calls: reading and writing, JSON and its schema, forecasting, evaluating,
    # editing and exporting.
    "load": ("_files", CALL),
    "load_dataset": ("_seed", CALL),
    "save": ("_files", CALL),
    "loads": ("_json", CALL),
    "dumps": ("_json", CALL),
    "json_schema": ("_schema", CALL),
    "check_data": ("_seed", CALL),
    "next_round": ("_rotation", CALL),
    "evaluate": ("_evaluate", CALL),
    "edit_round": ("_editing", CALL),
    "edit_status": ("_editing", CALL),
    "edit_file": ("_files", CALL),
    "extract": ("_news", CALL),
    "html_text": ("_html", CALL),
    "to_ics": ("_ics", CALL),
    "timeline_svg": ("_plot", CALL),
    # What a user catches (the rest of twoplustwo.exceptions are subclasses or details).
    "Error": ("exceptions", CATCH),
    "InvalidModel": ("exceptions", CATCH),
    "DecodeError": ("exceptions", CATCH),
    "NotForecastable": ("exceptions", CATCH),
    "UnknownId": ("exceptions", CATCH),
    # What the calls return, for annotations; importable, outside the surface.
    "Forecast": ("_rotation", RETURNED),
    "Proposal": ("_proposal", RETURNED),
    "MissingExtra": ("exceptions", RETURNED),
    "rounds_table": ("_model", INTERNAL),
    "Basis": ("_rotation", RETURNED),
    "Edit": ("_editing", RETURNED),
    "Score": ("_evaluate", RETURNED),
    "Scoreboard": ("_evaluate", RETURNED),
    "Hosting": ("_model", RETURNED),
    "HostBasis": ("_model", RETURNED),
    "Rotation": ("_policies", RETURNED),
    "Problem": ("exceptions", RETURNED),
    "FieldError": ("exceptions", RETURNED),
    "InvalidDate": ("exceptions", RETURNED),
    "UnknownMechanism": ("exceptions", RETURNED),
    # Internals and older entry points: importable as before, may change without notice.
    "BacktestRow": ("_rotation", INTERNAL),
    "backtest": ("_rotation", INTERNAL),
    "venue_for": ("_rotation", INTERNAL),
    "load_seed": ("_seed", INTERNAL),
    "Record": ("_policies", INTERNAL),
    "METHODS": ("_evaluate", INTERNAL),
    "FORMAT": ("_json", INTERNAL),
    "MAX_PROBLEMS": ("_json", INTERNAL),
    "MAX_SIZE": ("_json", INTERNAL),
    "MODEL_CLASSES": ("_json", INTERNAL),
    "READS": ("_json", INTERNAL),
    "converter": ("_json", INTERNAL),
    "replace_file": ("_files", INTERNAL),
}
"""Every name the package offers: the module it comes from, and what a user does with it."""

__all__ = [name for name, (_, role) in NAMES.items() if role in (CONSTRUCT, CALL, CATCH)]

# Hidden from type checkers, which see the real imports above instead: a module
# __getattr__ would make them accept any attribute of the package, typos included.
if not TYPE_CHECKING:  # pragma: no branch - always true when the code runs

    def __getattr__(name: str) -> Any:
        """
        Import the submodule a lazy public name comes from; keep the name here for next time.
        """
        try:
            home, _ = NAMES[name]
        except KeyError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        module = importlib.import_module(f"{__name__}.{home}")
        try:
            value = getattr(module, name)
        except AttributeError:
            # The module is still being imported further up this thread, as when a signal
            # handler runs during its first import: it has not defined the name yet.
            raise exceptions.Error(
                f"twoplustwo.{name} is not ready: twoplustwo.{home} is still being imported "
                "(is this a signal handler that ran during its first import?)"
            ) from None
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        """
        List the module's names, the lazy ones included even before their first use.
        """
        return sorted({*globals(), *NAMES})
