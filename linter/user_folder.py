"""The user's own cache folder, apart from ``gongwen.cache``: TYP013's arrays
(``gongwen.analysis.array_cache``) and the compiled patterns (``gongwen.analysis.pattern_cache``)
are read from it in runs with ``--no-cache`` too; importing the findings cache only to find the
folder cost such a run ~1.6 ms, and the modules that compile patterns as they load cannot import
it (it imports ``sources``, which imports ``document``)."""
from __future__ import annotations

import os
from pathlib import Path


def user_folder() -> Path:
    """The user's own cache folder, ``$XDG_CACHE_HOME/gongwen`` or ``~/.cache/gongwen``
    (the secret key, and arrays derived from data files: gongwen.analysis.array_cache). A
    relative XDG_CACHE_HOME is ignored, as the XDG specification says: it put the secret key
    inside whatever folder the run was started in (a checked tree, a repository)."""
    home = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(home):
        home = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "gongwen"
