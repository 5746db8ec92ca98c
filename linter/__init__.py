"""gongwen-lint: a data-validation and consistency linter for Chinese official reports."""
from __future__ import annotations

from gongwen import dataclass_methods as _dataclass_methods

__version__ = "0.1.0"

# Before any module of the package makes its classes: their dataclass methods come compiled
# with the package instead of from source in every process (gongwen.dataclass_methods).
_dataclass_methods.install()
__all__ = ["__version__", "lint_text", "lint_paths", "fix_text"]


def __getattr__(name: str):
    # Lazy, so that `gongwen --version` and the CLI's start-up do not import the engine twice.
    if name in ("lint_text", "lint_paths"):
        from gongwen import api

        return getattr(api, name)
    if name == "fix_text":
        from gongwen import fix

        return fix.fix_text
    raise AttributeError(name)
