"""The repository root stays off sys.path (no tests/__init__.py; pytest runs with
--import-mode=importlib and only ``tests/`` on its pythonpath)."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings
from support import SEED

from gongwen.faults import STRICT_ENV

# Hypothesis profiles: "brief" (default; what CI runs, derandomized under CI=true so a run
# is reproducible) and "nightly" (HYPOTHESIS_PROFILE=nightly: 50x the examples, random).
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("brief", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK,
                          derandomize=bool(os.environ.get("CI")), print_blob=True)
settings.register_profile("nightly", max_examples=5000, deadline=None, suppress_health_check=_SLOW_OK,
                          print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "brief"))

# Strict by default: a rule, reader or writer that raises fails the test instead of becoming
# an LNT903–LNT907 diagnostic (gongwen.faults). An environment variable, so that the CLI in a
# subprocess and worker processes are strict too; tests of isolation use ``tolerant``.
os.environ[STRICT_ENV] = "1"

# The HTML report is stamped with the minute it was made: tests that compare two runs' bytes
# (local against cluster, before against after) would fail when the runs straddle a minute.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1733356800")


@pytest.fixture
def tolerant(monkeypatch):
    """Turn failures into diagnostics, as a user's run does."""
    monkeypatch.setenv(STRICT_ENV, "0")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
