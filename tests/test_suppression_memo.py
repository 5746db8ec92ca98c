"""Suppression asks once per distinct list of codes whether a directive names a known rule,
one that ran, or a finding's code (``suppression._by_codes``), and reads each distinct comment
once; a Markdown span is masked by one slice when it holds no line break. Each is compared
with the plain path over thousands of generated documents and spans, and a wrong variant is
shown to be caught.
"""
from __future__ import annotations

import random

from gongwen import api
from gongwen import suppression
from gongwen.formats import markdown

# Codes a directive may name: whole codes, families, ALL, a code that names nothing, a
# family prefix of the wrong length; and lines that trip rules (PUN by the comma, DAT by the
# date) for the directives to cover or leave unused.
_CODES = ["DAT", "PUN", "PUN001", "DAT001", "ALL", "XYZ999", "DAT01", "TYP002", "pun", "LNT001"]
_KINDS = ["disable-next-block", "disable", "enable"]
_LINES = ["甲,乙", "2024年13月1日召开会议。", "正文。", "推进推进工作。"]


def _documents(name: str, count: int) -> list[str]:
    rnd = random.Random(name)
    docs = []
    for _ in range(count):
        blocks = []
        for _ in range(rnd.randint(1, 8)):
            if rnd.random() < 0.6:
                codes = rnd.choice(["，", ", ", " ", "、"]).join(rnd.sample(_CODES, rnd.randint(0, 3)))
                reason = rnd.choice(["", "; 原文如此"])
                blocks.append(f"<!-- gongwen-{rnd.choice(_KINDS)} {codes}{reason} -->")
            blocks.append(rnd.choice(_LINES))
        docs.append("\n\n".join(blocks) + "\n")
    return docs


def _findings(docs: list[str]) -> list[list[tuple]]:
    return [[(d.code, d.location, d.message, d.severity) for d in
             api.lint_text(doc, path="t.md", fmt="markdown", select=["DAT", "PUN", "TYP002", "LNT"])]
            for doc in docs]


def _asked_every_time(judge):
    return judge


def _by_first_code(judge):
    seen = {}
    return lambda codes: seen.setdefault(codes[:1], judge(codes))


def test_directives_judged_once_per_codes_give_the_plain_findings(monkeypatch):
    docs = _documents("suppression-memo", 1_500)
    memo = _findings(docs)
    assert sum(1 for f in memo if any(code.startswith("LNT") for code, *_ in f)) > 300
    monkeypatch.setattr(suppression, "_by_codes", _asked_every_time)
    monkeypatch.setattr(suppression, "_read_directive", suppression._read_directive.__wrapped__)
    assert memo == _findings(docs)


def test_a_memo_keyed_by_the_first_code_is_caught(monkeypatch):
    docs = _documents("suppression-memo", 1_500)
    plain = _findings(docs)
    monkeypatch.setattr(suppression, "_by_codes", _by_first_code)
    assert plain != _findings(docs)


def _plain_mask(chars: list[str], start: int, end: int, fill: str) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = fill


def _masks(mask, name: str) -> list[list[str]]:
    rnd = random.Random(name)
    out = []
    for _ in range(20_000):
        chars = [rnd.choice("ab\r\n中 ") for _ in range(rnd.randint(0, 12))]
        start = rnd.randint(0, len(chars))
        mask(chars, start, rnd.randint(start, len(chars)), rnd.choice(" \x00"))
        out.append(chars)
    return out


def test_the_sliced_mask_is_the_plain_mask():
    assert _masks(markdown._mask, "mask") == _masks(_plain_mask, "mask")


def test_a_sliced_mask_that_overwrites_carriage_returns_is_caught():
    def wrong(chars, start, end, fill):
        if "\n" not in chars[start:end]:
            chars[start:end] = [fill] * (end - start)
        else:
            _plain_mask(chars, start, end, fill)

    assert _masks(wrong, "mask") != _masks(_plain_mask, "mask")
