"""
The embedded dataset: the source document's facts, shipped inside the package.
"""

from __future__ import annotations

from importlib import resources

from twoplustwo._json import loads
from twoplustwo._model import Dataset
from twoplustwo.exceptions import Error

SEED_RESOURCE = "seeds/india-2021-12-24.json"


def load_seed() -> Dataset:
    """
    Load the embedded dataset (as of 2021-12-24) from the installed package.

    Raises:
        Error: The embedded file is missing from the installation.
        DecodeError: The embedded file is damaged.
    """
    try:
        data = resources.files("twoplustwo").joinpath(SEED_RESOURCE).read_bytes()
    except OSError as error:
        raise Error(f"the embedded dataset {SEED_RESOURCE} cannot be read: {error}") from None
    return loads(data, Dataset)
