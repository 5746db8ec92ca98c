"""person_column_spans tries two of its patterns only where a match may start (a duty item after
a colon or ；, or where a line starts, when a role and a blank follow; a speaker's label where a
line starts) instead of at every character: the spans must be those of trying them everywhere
(plain ``finditer``)."""
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
    contacts = person_columns._contacts()
    marks = list("：:；;，。、,\r\n") + ["\r\n", " ", "\u3000", "\xa0", "\u3000\u3000", "  ", "\t"]
    return (roles + titles + surnames + contacts["channels"] + contacts["speaker-roles"]
            + ["“山城小雨”", "0791", "1"] + list("县水利局副镇甲乙丙丁") + marks * 6)


def _item(rnd: random.Random, roles: list[str], titles: list[str], surnames: list[str]) -> str:
    """A duty item, or one a piece short or long: role, blanks, perhaps a post, a name."""
    blank = lambda: rnd.choice([" ", "\u3000", "\xa0", "\u3000\u3000", "   "])  # noqa: E731
    lead = rnd.choice(["", "县级", "村", "甲" * rnd.randint(0, person_columns._ROLE_LEAD + 1)])
    parts = [lead + rnd.choice(roles + titles), blank()]
    if rnd.random() < 0.5:
        parts += [rnd.choice(["", "县水利局", "镇"]) + rnd.choice(titles), blank()]
    parts.append(rnd.choice(surnames) + "甲乙"[:rnd.randint(0, 2)] if rnd.random() < 0.8 else "龚\u3000平")
    return "".join(parts)


def _other_item(rnd: random.Random, titles: list[str], surnames: list[str]) -> str:
    """A contact's name before its channel, a speaker's label with a screen name, or a padded
    name glued to its post, each with a piece perhaps left out."""
    contacts = person_columns._contacts()
    blank = rnd.choice([" ", "\u3000", "\xa0", "  "])
    kind = rnd.randrange(3)
    if kind == 0:
        parts = ["办公室", blank, rnd.choice(surnames) + "建华", rnd.choice(["，", "", "；"]),
                 rnd.choice(contacts["channels"]), rnd.choice(["：", "号码", ""]), rnd.choice(["0396", "（", "a"])]
    elif kind == 1:
        parts = [rnd.choice(["", "\u3000"]), rnd.choice(contacts["speaker-roles"]), blank,
                 "“山城小雨”", rnd.choice(["：", ":", ""])]
    else:
        parts = [rnd.choice(titles), "龚", rnd.choice([" ", "\u3000", "\xa0"]), "平", rnd.choice(["；", "", "甲"])]
    if rnd.random() < 0.2:
        del parts[rnd.randrange(len(parts))]
    return "".join(parts)


def _texts(rnd: random.Random, count: int) -> list[str]:
    pieces = _pieces()
    words = (lexicon.pattern("duty_roles.txt").split("|"), person_columns._contacts()["titles"],
             lexicon.pattern("surnames.txt").split("|")[:40])
    return ["".join(_item(rnd, *words) if rnd.random() < 0.2 else _other_item(rnd, *words[1:])
                    if rnd.random() < 0.2 else rnd.choice(pieces)
                    for _ in range(rnd.randint(0, 16))) for _ in range(count)]


def test_spans_are_those_of_trying_every_character():
    rnd = random.Random("person columns")
    texts = ["县级河长　副县长　郑志远；巡查员　吴小兰", "村级河长：上洲村党支部书记　吴海波；河口村党支部书记　邓春花",
             "责任人　张三\r巡查员　李四", "\n\u3000河长　王五\r\n路长　赵六"]
    texts += _texts(rnd, 4_000)
    patterns = (person_columns._duty_item(), person_columns._named_contact(),
                person_columns._quoted_speaker(), person_columns._glued_padded_name())
    found = [0] * len(patterns)
    for text in texts:
        expected = _everywhere(text)
        assert person_columns.person_column_spans(text) == expected, repr(text)
        found = [n + (p.search(text) is not None) for n, p in zip(found, patterns)]
    assert min(found) > 100, found  # the random texts hold every pattern's matches


def test_a_start_scan_without_the_semicolon_is_caught():
    """The comparison can fail: starts that leave out ； drop the list's second item."""
    text = "县级河长　副县长　郑志远；巡查员　吴小兰"
    narrow = person_columns.pattern_cache.re_compile(r"(?<![^\r\n：:;])")
    every = [m.span() for m in person_columns._duty_item().finditer(text)]
    assert [m.span() for m in matches_at(person_columns._duty_item(), text, narrow)] != every
    assert [m.span() for m in matches_at(person_columns._duty_item(), text,
                                         person_columns._DUTY_ITEM_START)] == every


def test_a_role_reach_one_short_is_caught(monkeypatch):
    """The comparison can fail: a lookahead one character short of the longest role (ten Han
    characters and a four-character title) misses that item."""
    title = max((t for t in person_columns._contacts()["titles"] if len(t) > 1), key=len)
    text = "值班：" + "甲" * person_columns._ROLE_LEAD + title + "　张三"
    assert person_columns.person_column_spans(text) == _everywhere(text) != []
    monkeypatch.setattr(person_columns, "_ROLE_LEAD", person_columns._ROLE_LEAD - 1)
    person_columns._duty_item_starts.cache_clear()
    try:
        assert person_columns.person_column_spans(text) != _everywhere(text)
    finally:
        person_columns._duty_item_starts.cache_clear()
