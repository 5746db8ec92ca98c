"""The table rules on bulletins written for them (fixtures/tables): the texts as written, in
Markdown, HTML and DOCX, draw nothing; each one-figure change is found by its rule."""
from __future__ import annotations

import tomllib

import pytest
from support import FIXTURES

from gongwen import api
from gongwen.formats import read_binary_format, read_text_format

TABLES = FIXTURES / "tables"
CODES = ["CON008", "CON009", "CON010"]
INJECTIONS = tomllib.loads((TABLES / "injections.toml").read_text(encoding="utf-8"))["injection"]


def _lint(name: str, source: str | bytes):
    if name.endswith(".docx"):
        doc = read_binary_format("docx", source, name, {})
    else:
        doc = read_text_format("html" if name.endswith(".html") else "markdown", source, name, {})
    return doc, api.make_linter({}, select=CODES).lint(doc)


@pytest.mark.parametrize("name", ["bulletin.md", "bulletin.html", "bulletin.docx"])
def test_bulletins_as_written_draw_no_report(name):
    path = TABLES / name
    _, found = _lint(name, path.read_bytes() if name.endswith(".docx") else path.read_text(encoding="utf-8"))
    assert found == [], [(d.code, d.message) for d in found]


def test_bulletin_tables_are_read_as_grids():
    _, found = _lint("bulletin.docx", (TABLES / "bulletin.docx").read_bytes())
    doc, _ = _lint("bulletin.docx", (TABLES / "bulletin.docx").read_bytes())
    assert [(t.n_rows, t.n_cols) for t in doc.tables] == [(8, 6), (8, 5), (5, 3)]


@pytest.mark.parametrize("case", INJECTIONS, ids=[c["replace"][:24] for c in INJECTIONS])
def test_each_injection_is_found_by_its_rule(case):
    source = (TABLES / case["file"]).read_text(encoding="utf-8")
    assert source.count(case["find"]) == 1, case["find"]
    changed = source.replace(case["find"], case["replace"])
    doc, found = _lint(case["file"], changed)
    at = changed.index(case["replace"])
    start, end = at, at + len(case["replace"])

    def touches(a, b):
        return doc.offset_map.to_source(a) < end and start < doc.offset_map.end_to_source(b)

    assert {d.code for d in found} == {case["code"]}, (case["why"], [(d.code, d.message) for d in found])
    assert any(touches(d.start, d.end) or any(touches(lb.start, lb.end) for lb in d.labels) for d in found), \
        (case["why"], [(d.code, d.message) for d in found])
