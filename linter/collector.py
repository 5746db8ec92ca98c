"""The garbage collector paused while a document's many small objects are built or read.

Reading a page of short lines builds a text unit per line (500,000 in 1 MB of one-word lines)
and linting it builds a few small objects per unit; the collections they set off re-scan the
document's long-lived objects over and over (a third of building the units, ~10% of linting a
page of dated lines). Refcounting still frees what is not in a cycle; cycles are collected once
the collector runs again. A caller that turned the collector off keeps it off.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
