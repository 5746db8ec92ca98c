"""roster_spans does not try the title-and-name line on a one-line text that holds a prose mark
(no such line holds one): its spans must be those of trying every line."""
from __future__ import annotations

import random

from gongwen.analysis import bylines
from gongwen.analysis.text import LINE_START, matches_at


def _every_line(text: str) -> list[tuple[int, int]]:
    """roster_spans without the gate (the former search)."""
    if not any(end in text for end in bylines._title_ends()):
        return []
    spans = [m.span("space") for m in matches_at(bylines._roster_line(), text, LINE_START)]
    spans += [m.span("space") for m in matches_at(bylines._name_first_roster_line(), text, LINE_START)]
    return sorted(spans)


def _texts(count: int) -> list[str]:
    titles = bylines._contacts()["titles"]
    rnd = random.Random("roster lines")
    marks = list("，。；：、,;:！？") + ["（女）", "(女)", "（", "）"]
    blanks = [" ", "\u3000", "\xa0", "\u3000\u3000", "  "]
    names = ["王志刚", "陶　然", "李明", "欧阳帆", "龚 平"]
    lines = []
    for _ in range(count):
        pieces = [rnd.choice(["", "\u3000", "党委"]), rnd.choice(titles), rnd.choice(blanks), rnd.choice(names)]
        if rnd.random() < 0.5:  # a name first, then posts
            pieces = [rnd.choice(names), rnd.choice(["", "（女）"]), rnd.choice(blanks), "县", rnd.choice(titles)]
        for _ in range(rnd.randint(0, 2)):
            pieces.insert(rnd.randint(0, len(pieces)), rnd.choice(marks + blanks + ["\n", "\r\n", "\r", "县"]))
        lines.append("".join(pieces) + rnd.choice(["", " ", "\u3000"]))
    return lines


def test_the_gate_keeps_every_roster_span():
    texts = _texts(8_000)
    with_spans = [t for t in texts if _every_line(t)]
    assert len(with_spans) > 1_000
    assert sum(1 for t in texts if "\n" not in t and "\r" not in t and bylines._PROSE_MARK.search(t)) > 1_000
    assert [t for t in texts if bylines.roster_spans(t) != _every_line(t)] == []


def test_a_gate_that_takes_a_bracket_for_prose_is_caught(monkeypatch):
    """The comparison can fail: a roster line may end in a bracketed note (副县长　陈红梅（女）)."""
    monkeypatch.setattr(bylines, "_PROSE_MARK", bylines.pattern_cache.re_compile(r"[，。；：、,;:（）]"))
    assert [t for t in _texts(8_000) if bylines.roster_spans(t) != _every_line(t)] != []
