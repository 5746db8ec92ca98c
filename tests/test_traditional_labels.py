"""TYP010 tests its traditional characters against the language switch's labels only where the
document has a label (rules/characters.py): against the rule that always filters, over random
documents of simplified and traditional text, labels at item edges and in sentences; and that
the traditional characters are found in the text as it is, a lone surrogate and all."""
from __future__ import annotations

from gongwen.analysis import shared_scan
from gongwen.analysis.fuzzy import rust_safe
from gongwen.rules import characters
from gongwen.rules.characters import TraditionalCharacter

from support import assert_shortcut_caught, assert_shortcut_exact, fragment_texts

FRAGMENTS = ["我们要坚持", "發展", "我們", "堅持", "乾坤", "於", "，", "。", "\n", "|", " ", "【", "】",
             "（", "）", "：", "切换语言：", "繁體", "繁體中文", "English", "正體字", "简体", "的", "这",
             "國家", "們", "為", "中华人民共和国", "说话", "这里", "\r\n", "·", "繁體 | English",
             "\ud800", "們\udc80"]  # a lone surrogate: the Rust automata need rust_safe's text


def _check(filters):
    """The rule's check with the labels' test applied where ``filters(labels)`` says."""
    def check(self, unit, ctx):
        yield from _findings(unit, ctx, filters)
    return check


def _findings(unit, ctx, filters):
    text = unit.text
    if text.isascii():
        return
    text = rust_safe(text)
    found = [(i, text[i]) for _, i, _ in shared_scan.matches(ctx, characters._traditional_finder(), text)]
    if not found:
        return
    labels = characters._label_spans(text)
    if filters(labels):
        found = [(i, ch) for i, ch in found if not any(a <= i < b for a, b in labels)]
        if not found:
            return
    if not characters._mostly_simplified(text, len(found)):
        return
    yield from characters.reported(found)


plain_check = _check(lambda labels: True)  # the rule as it was: the labels' test always


def test_labels_asked_only_where_there_are_some(monkeypatch):
    """3,000 random documents, most with traditional characters, many with a label standing as
    an item of its own, some with a lone surrogate. Checked to catch wrong variants (not
    committed): the labels asked only where there are none (``if not labels``, below); no
    rust_safe at all (the Rust automaton refuses the surrogate)."""
    texts = fragment_texts(FRAGMENTS, "TYP010 labels", 3000, 30)
    assert sum(1 for t in texts if characters._label_spans(t)) > 300
    assert_shortcut_exact(monkeypatch, "TYP010", texts, TraditionalCharacter, "check", plain_check, 1000)


def test_a_wrong_variant_is_caught(monkeypatch):
    texts = fragment_texts(FRAGMENTS, "TYP010 labels", 3000, 30)
    assert_shortcut_caught(monkeypatch, "TYP010", texts, TraditionalCharacter, "check",
                           _check(lambda labels: not labels), plain_check)


def _every_place(text):
    """The labels found by trying the pattern everywhere (no test of the names first)."""
    return [m.span() for m in characters._autonym_items().finditer(text)]


def test_the_names_test_keeps_every_label():
    """_label_spans searches only a text holding one of the names that hold no other: the
    labels are those of searching every text."""
    texts = fragment_texts(FRAGMENTS + ["正體", "傳統中文", "繁", "體", "正"], "TYP010 names", 4000, 30)
    assert sum(1 for t in texts if _every_place(t)) > 500
    # … and many the names' test turns down unsearched (the shortcut is taken)
    assert sum(1 for t in texts if not any(map(t.__contains__, characters._autonym_cores()))) > 500
    assert [t for t in texts if characters._label_spans(t) != _every_place(t)] == []


def test_a_names_test_that_drops_one_is_caught(monkeypatch):
    """The comparison above can fail: 正體字 holds 正體, which 繁體 does not cover."""
    monkeypatch.setattr(characters, "_autonym_cores", lambda: ("傳統中文", "繁體"))
    texts = fragment_texts(FRAGMENTS + ["正體", "傳統中文", "繁", "體", "正"], "TYP010 names", 4000, 30)
    assert [t for t in texts if characters._label_spans(t) != _every_place(t)] != []
