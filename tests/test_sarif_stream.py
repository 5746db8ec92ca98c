"""SARIF is written as results arrive (a site's run keeps no finding until the end), byte
for byte the document ``sarif.write`` gives for the whole list."""
from __future__ import annotations

import io

from support import SEED

from gongwen import api
from gongwen.output import sarif


def _results() -> list[dict]:
    found = api.lint_text(SEED.read_text(encoding="utf-8")[:4000] + "\n换行\n在\"引号\"里\t制表", path="a/报告.txt")
    index = {rule.code: i for i, rule in enumerate(api.registry())}
    return [sarif.result(d, index) for d in found]


def test_streamed_sarif_is_the_whole_document():
    results, rules = _results(), list(api.registry())
    assert len(results) > 3
    for parts in ([], [results], [results[:1], [], results[1:3], results[3:]], [[r] for r in results]):
        whole, streamed = io.StringIO(), io.StringIO()
        sarif.write([r for part in parts for r in part], whole, rules)
        stream = sarif.Stream(streamed, rules)
        for part in parts:
            stream.add(part)
        stream.close()
        assert streamed.getvalue() == whole.getvalue()
