"""The repository root stays off sys.path (no tests/__init__.py; pytest runs with
--import-mode=importlib and only ``tests/`` on its pythonpath)."""
from __future__ import annotations

import pytest
from support import SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
