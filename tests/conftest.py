import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

import twoplustwo as tpt
from twoplustwo import _news, _seed
from twoplustwo.cli import _options

# The default keeps `python -m pytest` under a minute on a 2-core machine: few examples,
# drawn the same way every run, so that the 100% branch coverage it requires never rests on
# luck. CI runs the thorough profile, over ten times the examples and new ones every run, which
# with the heavy runs keeps .ci/run under ten minutes here. A test that asks for its own
# number of examples asks through strategies.examples, which scales it to the profile.
settings.register_profile("default", max_examples=3, deadline=None, derandomize=True)
settings.register_profile(
    "ci", max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "mutation",
    max_examples=15,
    deadline=None,
    database=None,
    derandomize=True,
    # mutmut runs pytest many times in one process: a test class then has several instances
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
    # a failure kills the mutant as it stands: shrinking it would only take minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """
    Skip the tests marked heavy unless TWOPLUSTWO_HEAVY=1: CI runs them as a step of their own.
    """
    if os.environ.get("TWOPLUSTWO_HEAVY") == "1":
        return
    skip = pytest.mark.skip(reason="heavy: set TWOPLUSTWO_HEAVY=1 to run it")
    for item in items:
        if item.get_closest_marker("heavy"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seed() -> tpt.Dataset:
    """
    The embedded seed: the India-US record of the article, loaded once for the session.
    """
    return tpt.load_seed()


@pytest.fixture(scope="session")
def world() -> tpt.Dataset:
    """
    The embedded record of the world's dialogues, loaded once for the session.
    """
    return tpt.load_dataset()


@pytest.fixture(scope="session", autouse=True)
def _the_record_is_read_once(world: tpt.Dataset) -> Iterator[None]:
    """
    Give every reader of the embedded record, commands included, the copy the session read.

    A Dataset is immutable, so sharing it is safe; reading the 26 files is most of what a
    command on the record costs under coverage, and about ninety tests run one. The reading
    itself is tested where a folder is named (test_data) and by the world fixture above, which
    calls the real function.
    """
    real = _seed.load_dataset

    def load_dataset(folder: Path | None = None) -> tpt.Dataset:
        return world if folder is None else real(folder)

    with pytest.MonkeyPatch.context() as patch:
        for module in (tpt, _seed, _news, _options):
            patch.setattr(module, "load_dataset", load_dataset)
        yield
