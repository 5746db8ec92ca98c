"""docs/api.md's example runs and prints what its comments say."""
from __future__ import annotations

import contextlib
import io
import re

from support import ROOT

import gongwen


def test_api_doc_example_output_matches_its_comments():
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/api.md", "exec"), {})
    expected = [m.group(1) for line in code.splitlines() if (m := re.search(r"#\s(.+)$", line))]
    assert out.getvalue().splitlines() == expected


def test_api_names_are_exported():
    assert {"lint_text", "lint_paths", "fix_text"} <= set(gongwen.__all__)
    for name in ("lint_text", "lint_paths", "fix_text"):
        assert callable(getattr(gongwen, name))
