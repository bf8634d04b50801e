import os

import pytest
from hypothesis import HealthCheck, settings

import twoplustwo as tpt

# The default keeps `python -m pytest` short; CI runs the thorough profile, more than twice
# times the examples, which with the heavy runs keeps .ci/run under ten minutes here
# (about 8.5 minutes on this 2-core machine).
settings.register_profile("default", max_examples=15, deadline=None)
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
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


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
