"""person_column_spans tries the duty item's pattern only where an item may start (after a
colon or ；, or where a line starts) instead of at every character: the spans must be those of
trying it everywhere (plain ``finditer``)."""
from __future__ import annotations

import random

from gongwen.analysis import lexicon, person_columns
from gongwen.analysis.text import matches_at


def _everywhere(text: str) -> list[tuple[int, int]]:
    """person_column_spans with the duty item found by plain finditer (the former scan)."""
    spans = []
    blanks = person_columns.pattern_cache.regex_compile(f"{person_columns._BLANK}+")
    for m in person_columns._duty_item().finditer(text):
        spans += [b.span() for b in blanks.finditer(text, m.start(), m.end())]
    for pattern in (person_columns._named_contact(), person_columns._quoted_speaker(),
                    person_columns._glued_padded_name()):
        spans += [m.span("space") for m in pattern.finditer(text)]
    return sorted(spans)


def _pieces() -> list[str]:
    """Roles, titles, surnames, Han filler, blanks, the item's ends and every line break and
    separator around an item's start, so that items start at every kind of place."""
    roles = lexicon.pattern("duty_roles.txt").split("|")
    titles = person_columns._contacts()["titles"]
    surnames = lexicon.pattern("surnames.txt").split("|")[:40]
    marks = list("：:；;，。、,\r\n") + ["\r\n", " ", "\u3000", "\xa0", "\u3000\u3000", "  ", "\t"]
    return roles + titles + surnames + list("县水利局副镇甲乙丙丁") + marks * 6


def _item(rnd: random.Random, roles: list[str], titles: list[str], surnames: list[str]) -> str:
    """A duty item, or one a piece short or long: role, blanks, perhaps a post, a name."""
    blank = lambda: rnd.choice([" ", "\u3000", "\xa0", "\u3000\u3000", "   "])  # noqa: E731
    parts = [rnd.choice(["", "县级", "村"]) + rnd.choice(roles + titles), blank()]
    if rnd.random() < 0.5:
        parts += [rnd.choice(["", "县水利局", "镇"]) + rnd.choice(titles), blank()]
    parts.append(rnd.choice(surnames) + "甲乙"[:rnd.randint(0, 2)] if rnd.random() < 0.8 else "龚\u3000平")
    return "".join(parts)


def _texts(rnd: random.Random, count: int) -> list[str]:
    pieces = _pieces()
    words = (lexicon.pattern("duty_roles.txt").split("|"), person_columns._contacts()["titles"],
             lexicon.pattern("surnames.txt").split("|")[:40])
    return ["".join(_item(rnd, *words) if rnd.random() < 0.3 else rnd.choice(pieces)
                    for _ in range(rnd.randint(0, 16))) for _ in range(count)]


def test_spans_are_those_of_trying_every_character():
    rnd = random.Random("person columns")
    texts = ["县级河长　副县长　郑志远；巡查员　吴小兰", "村级河长：上洲村党支部书记　吴海波；河口村党支部书记　邓春花",
             "责任人　张三\r巡查员　李四", "\n\u3000河长　王五\r\n路长　赵六"]
    texts += _texts(rnd, 4_000)
    found = 0
    for text in texts:
        expected = _everywhere(text)
        assert person_columns.person_column_spans(text) == expected, repr(text)
        found += person_columns._duty_item().search(text) is not None
    assert found > 300  # the random texts hold items at starts of every kind


def test_a_start_scan_without_the_semicolon_is_caught():
    """The comparison can fail: starts that leave out ； drop the list's second item."""
    text = "县级河长　副县长　郑志远；巡查员　吴小兰"
    narrow = person_columns.pattern_cache.re_compile(r"(?<![^\r\n：:;])")
    every = [m.span() for m in person_columns._duty_item().finditer(text)]
    assert [m.span() for m in matches_at(person_columns._duty_item(), text, narrow)] != every
    assert [m.span() for m in matches_at(person_columns._duty_item(), text,
                                         person_columns._DUTY_ITEM_START)] == every
