"""The figure rules (CON001–CON007) on whole texts written for them (fixtures/figures): no report
on the texts as written, every one-figure injection found by its rule.

Run as a script, it prints the counts the precision measurement records (data/precision.toml)."""
from __future__ import annotations

import tomllib

import pytest
from support import FIXTURES

from gongwen import api
from gongwen.document import Document

FIGURES = FIXTURES / "figures"
CODES = ["CON001", "CON002", "CON003", "CON004", "CON005", "CON006", "CON007"]
TEXTS = sorted(p.name for p in FIGURES.iterdir() if p.suffix in (".txt", ".md"))
INJECTIONS = tomllib.loads((FIGURES / "injections.toml").read_text(encoding="utf-8"))["injection"]


def lint(name: str, text: str):
    return api.make_linter({}, select=CODES).lint(Document(path=name, text=text))


def inject(case: dict) -> tuple[str, int, int]:
    """The text with the injection, and where the new figure stands in it."""
    text = (FIGURES / case["text"]).read_text(encoding="utf-8")
    assert text.count(case["find"]) == 1, case["find"]
    start = text.index(case["find"])
    return text.replace(case["find"], case["replace"]), start, start + len(case["replace"])


@pytest.mark.parametrize("name", TEXTS)
def test_texts_as_written_draw_no_report(name):
    found = lint(name, (FIGURES / name).read_text(encoding="utf-8"))
    assert found == [], [(d.code, d.location.line, d.message) for d in found]


@pytest.mark.parametrize("case", INJECTIONS, ids=[f"{c['code']}-{c['replace']}" for c in INJECTIONS])
def test_each_injection_is_found_by_its_rule(case):
    text, start, end = inject(case)
    found = lint(case["text"], text)
    touching = [d for d in found if d.code == case["code"] and (
        d.start < end and start < d.end or any(lb.start < end and start < lb.end for lb in d.labels))]
    assert touching, (case["why"], [(d.code, d.message) for d in found])
    assert {case["code"]} <= {d.code for d in found} <= {case["code"], *case.get("also", ())}, \
        [(d.code, d.message) for d in found]


if __name__ == "__main__":
    right = {c: [0, 0] for c in CODES}  # reports, judged right (an injected figure's own rule)
    for case in INJECTIONS:
        text, start, end = inject(case)
        for d in lint(case["text"], text):
            right[d.code][0] += 1
            right[d.code][1] += d.code in (case["code"], *case.get("also", ()))
    for name in TEXTS:
        for d in lint(name, (FIGURES / name).read_text(encoding="utf-8")):
            right[d.code][0] += 1
    for code, (reports, good) in right.items():
        print(f"{code}: {reports} reports, {good} right")
