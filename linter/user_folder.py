"""The user's own cache folder: what ``gongwen.cache`` keeps its secret key in, and what data
derived from the package's files is kept in between runs (``gongwen.analysis.array_cache``,
``gongwen.analysis.pattern_cache``). On its own, importing nothing of gongwen: the modules that
compile patterns as they load ask for it."""
from __future__ import annotations

import os
from pathlib import Path


def user_folder() -> Path:
    """``$XDG_CACHE_HOME/gongwen`` or ``~/.cache/gongwen``. A relative XDG_CACHE_HOME is
    ignored, as the XDG specification says: it put the secret key inside whatever folder the
    run was started in (a checked tree, a repository)."""
    home = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(home):
        home = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "gongwen"
