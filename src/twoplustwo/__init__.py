"""
twoplustwo: a typed model, a rotation calculator and a dataset for 2+2 ministerial dialogues.
"""

from twoplustwo import exceptions
from twoplustwo._dates import FuzzyDate
from twoplustwo._ics import to_ics
from twoplustwo._json import FORMAT, MAX_SIZE, converter, dumps, loads
from twoplustwo._model import (
    Alternating,
    City,
    Country,
    Cycle,
    Dataset,
    FixedVenue,
    Grouping,
    Mechanism,
    Minister,
    Portfolio,
    Rotation,
    Round,
    RoundStatus,
    SanctionRisk,
    SanctionStatus,
    Source,
)
from twoplustwo._rotation import BacktestRow, Basis, Forecast, backtest, next_round, venue_for
from twoplustwo._schema import json_schema
from twoplustwo._seed import load_seed
from twoplustwo.exceptions import (
    DecodeError,
    Error,
    InvalidDate,
    InvalidModel,
    NotForecastable,
    UnknownId,
    UnknownMechanism,
)

__version__ = "0.1.0"

__all__ = [
    "FORMAT",
    "MAX_SIZE",
    "Alternating",
    "BacktestRow",
    "Basis",
    "City",
    "Country",
    "Cycle",
    "Dataset",
    "DecodeError",
    "Error",
    "FixedVenue",
    "Forecast",
    "FuzzyDate",
    "Grouping",
    "InvalidDate",
    "InvalidModel",
    "Mechanism",
    "Minister",
    "NotForecastable",
    "Portfolio",
    "Rotation",
    "Round",
    "RoundStatus",
    "SanctionRisk",
    "SanctionStatus",
    "Source",
    "UnknownId",
    "UnknownMechanism",
    "__version__",
    "backtest",
    "converter",
    "dumps",
    "exceptions",
    "json_schema",
    "load_seed",
    "loads",
    "next_round",
    "to_ics",
    "venue_for",
]
