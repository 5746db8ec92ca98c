"""The punctuation rules skip a paragraph, or most of its positions, on a cheap necessary
condition (a trigger or a gate). Each condition must hold wherever the full pattern matches:
over many random texts, a paragraph the condition rejects has no match, and an anchored scan
gives exactly the matches of ``finditer``. A condition that is too narrow is caught.
"""
from __future__ import annotations

import random

import pytest
import regex

from gongwen.rules import pairs, punct_layout, punct_marks
from gongwen.analysis.text import BLANKS, anchored_finditer


def _texts(seed: str, alphabet: str, n: int = 20_000, longest: int = 24, words=()) -> list[str]:
    rnd = random.Random(seed)
    pieces = list(alphabet) + list(words)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def _key(matches):
    return [(m.span(), m.groups()) for m in matches]


# --- PUN006: tried only at a 、 between two possible numerals ------------------------------

APPROX_ALPHABET = "一二两三四五六七八九十、、、1289０第周期.-百千万亿年级度天个岁倍"


def test_pun006_trigger_gives_every_match():
    for text in _texts("PUN006", APPROX_ALPHABET):
        assert _key(anchored_finditer(punct_marks._APPROX, text, punct_marks._DUNHAO, 1, 1)) \
            == _key(punct_marks._APPROX.finditer(text)), text


@pytest.mark.parametrize("narrow", [
    r"、(?<=[一二三四五六七八九1-8]、)(?=[二三四五六七八九2-9])",  # forgets 两
    r"、(?<=[一二两三四五六七八九]、)(?=[二三四五六七八九])",       # forgets Arabic numerals
])
def test_pun006_a_narrow_trigger_is_caught(narrow):
    trigger = regex.compile(narrow)
    caught = [t for t in _texts("PUN006", APPROX_ALPHABET)
              if _key(anchored_finditer(punct_marks._APPROX, t, trigger, 1, 1)) != _key(punct_marks._APPROX.finditer(t))]
    assert caught


def test_pun006_a_wrong_bound_is_caught():
    text = "用两、三天时间"
    assert _key(anchored_finditer(punct_marks._APPROX, text, punct_marks._DUNHAO, 0, 0)) == []
    assert _key(punct_marks._APPROX.finditer(text)) != []


# --- PUN016: a name's last two characters must stand somewhere in the paragraph -----------

PUB_ALPHABET = "《》“”社报告汇人民日湖南晚记者论坛刊\\]^-"


@pytest.mark.parametrize("extra", [(), ("雁峰周末谈", "a]b^", "x-\\报")])
def test_publication_gate_rejects_only_texts_without_a_name(extra):
    gate, pattern = pairs._publication_gate(extra), pairs._publication_pattern(extra)
    words = sorted({*pairs._publications()["names"], *extra}) + sorted(pairs._publications()["not-before"])
    texts = _texts("PUN016" + "".join(extra), PUB_ALPHABET, n=10_000, longest=8, words=words)
    rejected = [t for t in texts if gate.search(t) is None]
    assert len(rejected) > 1000
    for text in rejected:
        assert list(pattern.finditer(text)) == [], text


def test_publication_gate_steps_aside_for_a_one_character_name():
    assert pairs._publication_gate(("报",)) is None


def test_a_narrow_publication_gate_is_caught():
    """Dropping one next-to-last character (日 of 人民日报) lets a real name through unseen."""
    names = pairs._publications()["names"]
    last = "".join(sorted({regex.escape(n[-1]) for n in names}))
    before = "".join(sorted({regex.escape(n[-2]) for n in names} - {"日"}))
    narrow = regex.compile(f"[{last}](?<=[{before}][{last}])")
    text = "在人民日报上"
    assert narrow.search(text) is None and list(pairs._publication_pattern(()).finditer(text))


# --- Gates that skip a whole paragraph ----------------------------------------------------

def _no_match_when_rejected(seed, alphabet, rejects, patterns, words=()):
    texts = _texts(seed, alphabet, words=words)
    rejected = [t for t in texts if rejects(t)]
    assert len(rejected) > 100  # the gate is exercised
    for text in rejected:
        for pattern in patterns:
            assert list(pattern.finditer(text)) == [], (pattern.pattern, text)
    return texts


def test_pun009_gate():
    _no_match_when_rejected(
        "PUN009", "―─－-–—中国东盟20215 ，", lambda t: punct_marks._DASH_ROUTE.search(t) is None,
        [punct_marks._DASH_RUN, punct_marks._DOUBLE_DASH_BETWEEN_NUMBERS, punct_marks._HAN_HYPHEN_HAN])


def test_pun012_gate():
    _no_match_when_rejected(
        "PUN012", "。？！”’）)，；：、好“（", lambda t: punct_marks._TERMINAL_CLOSE.search(t) is None,
        [punct_marks._DOUBLE_TERMINAL])


def test_pun012_gate_is_not_too_narrow():
    assert punct_marks._TERMINAL_CLOSE.search("责任。”。") is not None
    assert regex.compile(r"”(?<=[。？！]”)").search("责任。）。") is None  # a narrower one would miss ）


def test_pun017_gate_looks_past_the_indent_only():
    def rejects(text):
        return punct_layout._ANY_SPACE.search(text, len(text) - len(text.lstrip(BLANKS))) is None
    _no_match_when_rejected(
        "PUN017", " \t\xa0\u3000张三主任，“好品山东”a1\n\r", rejects,
        [punct_layout._TRAILING, punct_layout._INNER_SPACE, punct_layout._PADDED, punct_layout._SLOGAN])
    assert not rejects("　　张 三，") and rejects("　　张三，")


PUN007_ALPHABET = " \t\u3000\xa0一二十123、.．，,:：第首先其次再最后a（）()①⑳。；;"


def test_pun007_shortcuts_give_every_match():
    texts = _texts("PUN007", PUN007_ALPHABET, words=["首先", "其次", "再次", "最后", "。（一）", "；①"])
    later = 0
    for text in texts:
        plain = list(punct_layout._ORDINAL_MARK.finditer(text))
        assert _key(punct_layout.ordinal_marks(text)) == _key(plain), text
        later += any(m.start() > 0 for m in plain)
    assert later > 100  # matches after a stop mark were exercised


def test_pun007_a_narrow_stop_gate_is_caught(monkeypatch):
    """Forgetting the half-width semicolon lets a marker after it go unseen."""
    import re

    monkeypatch.setattr(punct_layout, "_MARKER_AFTER_STOP", re.compile(r"[。；：:][ \t\u3000\xa0]*[（(①-⑳]"))
    texts = _texts("PUN007", PUN007_ALPHABET, words=["首先", "其次", "再次", "最后", "。（一）", "；①"])
    assert any(_key(punct_layout.ordinal_marks(t)) != _key(punct_layout._ORDINAL_MARK.finditer(t)) for t in texts)


_STDLIB = [(punct_layout._ORDINAL_MARK, regex.VERBOSE), (punct_layout._INNER_STOP, 0),
           (punct_layout._TITLE_INNER, 0)]


def _differs_from_regex(pattern, flags) -> list[str]:
    """Random PUN007 texts on which ``pattern`` finds other matches than regex's compile of
    the same source."""
    old = regex.compile(pattern.pattern, flags)
    texts = _texts("PUN007-engines", PUN007_ALPHABET + "！？!?", words=["首先", "其次", "。（一）", "；①", "……"])
    return [t for t in texts if _key(pattern.finditer(t)) != _key(old.finditer(t))]


@pytest.mark.parametrize("index", range(len(_STDLIB)))
def test_stdlib_patterns_find_what_regex_found(index):
    """PUN007's and PUN018's patterns run on stdlib re (a third of regex's cost per heading)."""
    assert _differs_from_regex(*_STDLIB[index]) == []


def test_a_pattern_compiled_without_its_flags_is_caught():
    import re

    assert _differs_from_regex(re.compile(punct_layout._ORDINAL_MARK_SOURCE), regex.VERBOSE)


def test_pun011_gate():
    _no_match_when_rejected(
        "PUN011", "，。、；：,;:好…", lambda t: punct_marks._TWO_POINTS.search(t) is None, [punct_marks._STACKED])
    assert punct_marks._TWO_POINTS.search("好，；") and not punct_marks._TWO_POINTS.search("好，好；")


def test_pun011_two_points_as_written_match_the_repeated_class():
    """_TWO_POINTS writes its class twice; the repeated class ``{2}`` matches the same spans."""
    import re

    plain = re.compile(rf"[{re.escape(punct_marks._POINT)}]{{2}}")
    texts = _texts("two-points", "，。、；：,;:好…a", 20_000, 12)
    assert sum(plain.search(t) is not None for t in texts) > 5_000
    assert [t for t in texts if _key(punct_marks._TWO_POINTS.finditer(t)) != _key(plain.finditer(t))] == []
    wrong = re.compile(rf"[{re.escape(punct_marks._POINT)}][{re.escape(punct_marks._POINT[:-1])}]")  # no : second
    assert [t for t in texts if _key(wrong.finditer(t)) != _key(plain.finditer(t))]
