"""
twoplustwo: a typed model, a rotation calculator and a dataset for 2+2 ministerial dialogues.

The model and the exceptions load with the package. The calculator, JSON, the JSON Schema,
calendar export and the embedded dataset load on first use (PEP 562), so that
``import twoplustwo`` costs little more than its dependencies; every name in ``__all__``
is importable from here all the same.
"""

import importlib
from typing import TYPE_CHECKING, Any, Final

from twoplustwo import exceptions
from twoplustwo._dates import FuzzyDate
from twoplustwo._model import (
    Dataset,
    Fact,
    Grouping,
    HostBasis,
    Hosting,
    Mechanism,
    MechanismStatus,
    Minister,
    Mode,
    Plan,
    Portfolio,
    Round,
    RoundStatus,
    SanctionRisk,
    SanctionStatus,
    Source,
    StatusChange,
    Uncertainty,
    rounds_table,
)
from twoplustwo._places import City, Country
from twoplustwo._policies import Alternating, Cycle, FixedVenue, Learned, Record, Rotation
from twoplustwo.exceptions import (
    DecodeError,
    Error,
    InvalidDate,
    InvalidModel,
    MissingExtra,
    NotForecastable,
    Problem,
    UnknownId,
    UnknownMechanism,
)

if TYPE_CHECKING:
    from twoplustwo._editing import Edit, edit_round, edit_status
    from twoplustwo._evaluate import METHODS, Score, Scoreboard, evaluate
    from twoplustwo._files import edit_file, load, replace_file, save
    from twoplustwo._ics import to_ics
    from twoplustwo._json import (
        FORMAT,
        MAX_PROBLEMS,
        MAX_SIZE,
        MODEL_CLASSES,
        READS,
        converter,
        dumps,
        loads,
    )
    from twoplustwo._plot import timeline_svg
    from twoplustwo._rotation import BacktestRow, Basis, Forecast, backtest, next_round, venue_for
    from twoplustwo._schema import json_schema
    from twoplustwo._seed import check_data, load_dataset, load_seed

__version__ = "0.1.0"

__all__ = [
    "FORMAT",
    "MAX_PROBLEMS",
    "MAX_SIZE",
    "METHODS",
    "MODEL_CLASSES",
    "READS",
    "Alternating",
    "BacktestRow",
    "Basis",
    "City",
    "Country",
    "Cycle",
    "Dataset",
    "DecodeError",
    "Edit",
    "Error",
    "Fact",
    "FixedVenue",
    "Forecast",
    "FuzzyDate",
    "Grouping",
    "HostBasis",
    "Hosting",
    "InvalidDate",
    "InvalidModel",
    "Learned",
    "Mechanism",
    "MechanismStatus",
    "Minister",
    "MissingExtra",
    "Mode",
    "NotForecastable",
    "Plan",
    "Portfolio",
    "Problem",
    "Record",
    "Rotation",
    "Round",
    "RoundStatus",
    "SanctionRisk",
    "SanctionStatus",
    "Score",
    "Scoreboard",
    "Source",
    "StatusChange",
    "Uncertainty",
    "UnknownId",
    "UnknownMechanism",
    "__version__",
    "backtest",
    "check_data",
    "converter",
    "dumps",
    "edit_file",
    "edit_round",
    "edit_status",
    "evaluate",
    "exceptions",
    "json_schema",
    "load",
    "load_dataset",
    "load_seed",
    "loads",
    "next_round",
    "replace_file",
    "rounds_table",
    "save",
    "timeline_svg",
    "to_ics",
    "venue_for",
]

_LAZY: Final[dict[str, str]] = {
    "FORMAT": "_json",
    "MAX_PROBLEMS": "_json",
    "MAX_SIZE": "_json",
    "MODEL_CLASSES": "_json",
    "READS": "_json",
    "converter": "_json",
    "dumps": "_json",
    "loads": "_json",
    "BacktestRow": "_rotation",
    "Basis": "_rotation",
    "Forecast": "_rotation",
    "backtest": "_rotation",
    "next_round": "_rotation",
    "venue_for": "_rotation",
    "json_schema": "_schema",
    "check_data": "_seed",
    "load_dataset": "_seed",
    "load_seed": "_seed",
    "to_ics": "_ics",
    "timeline_svg": "_plot",
    "load": "_files",
    "edit_file": "_files",
    "Edit": "_editing",
    "edit_round": "_editing",
    "edit_status": "_editing",
    "replace_file": "_files",
    "save": "_files",
    "METHODS": "_evaluate",
    "Score": "_evaluate",
    "Scoreboard": "_evaluate",
    "evaluate": "_evaluate",
}
"""The public names that load on first use, with the submodule each comes from."""

# Hidden from type checkers, which see the real imports above instead: a module
# __getattr__ would make them accept any attribute of the package, typos included.
if not TYPE_CHECKING:  # pragma: no branch - always true when the code runs

    def __getattr__(name: str) -> Any:
        """
        Import the submodule a lazy public name comes from; keep the name here for next time.
        """
        try:
            home = _LAZY[name]
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
        return sorted({*globals(), *__all__})
