"""A contact line's space between an office or title and a person's name is layout, like a
byline's; a space anywhere else in it, or in prose that merely mentions a phone, is not. And
contact_spans' shortcut (search only a text naming a channel or a label) finds what the plain
search finds."""
from __future__ import annotations

import random

from gongwen.analysis import bylines, lexicon


def _spaces(text: str) -> list[str]:
    """Each contact span with one character either side, to show which space it is."""
    return [text[s - 1:e + 1] for s, e in bylines.contact_spans(text)]


def test_office_or_title_then_name_in_a_contact_clause():
    # labelled, no channel after the name
    assert _spaces("联系人：区民政局社会救助科 周凯。") == ["科 周"]
    # a title before the name, a mobile number glued to the channel
    assert _spaces("咨询电话：街道办事处副主任　钱多多，手机13912345678") == ["任　钱"]
    # no label: a channel and its number after the name make it a contact
    assert _spaces("报名事宜请与区教育局 吴敏联系，或直接联系区体育中心 郑涛，电话：（0371）6543210。") == ["心 郑"]
    # two contacts on one line, the second unlabelled
    text = "投诉电话：市场监管所 冯刚，座机 0371-7654321；县消费者协会 陈亮，联系电话：0371-7654322"
    assert _spaces(text) == ["所 冯", "会 陈"]


def test_other_spaces_in_a_contact_line_are_not_layout():
    assert _spaces("联系人：区民政局社会救助科周 凯，电话：0371-1234567") == []  # inside the name
    assert _spaces("联系人：区民政 局社会救助科，电话：0371-1234567") == []  # inside the office
    assert _spaces("联系人：区民政局 社会救助科 周凯，电话：0371-1234567") == ["科 周"]  # only the last


def test_prose_that_mentions_a_phone_is_not_a_contact_line():
    assert _spaces("经市政府 研究，电话会议定于下周召开。") == []  # no number after the channel
    assert _spaces("市统计局办公室 孙晓明同志在会上发言。") == []  # neither label nor channel
    assert _spaces("加强监督检查，县住建局 王强负责。") == []  # 监督 without a colon is no label


def _plain(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in bylines._contact_pattern().finditer(text)]


def _texts(count: int) -> list[str]:
    data = lexicon.table("contacts.toml")
    pieces = (data["labels"] + data["channels"] + data["titles"][:6] + data["divisions"][:6]
              + ["：", "，", "；", "（", " ", "\u3000", "县政府", "王海涛", "李静", "0371-1234567", "138", "研究"] * 3
              + ["：县住建局", " 王海涛", "　李静", "，电话：0371", "办公室"] * 8)
    rnd = random.Random("contacts")
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(2, 12))) for _ in range(20_000)]


def test_the_shortcut_finds_what_the_plain_search_finds():
    texts = _texts(20_000)
    assert sum(1 for t in texts if _plain(t)) > 200, "too few contact lines to prove anything"
    assert [t for t in texts if bylines.contact_spans(t) != _plain(t)] == []


def test_a_shortcut_that_forgets_labels_is_caught():
    channels = lexicon.table("contacts.toml")["channels"]

    def narrow(text: str) -> list[tuple[int, int]]:
        return _plain(text) if any(c in text for c in channels) else []

    assert any(narrow(t) != _plain(t) for t in _texts(20_000))
