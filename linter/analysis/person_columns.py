"""Blanks that set a person's name apart in duty lists, contacts and labels that
``bylines`` does not read (PUN017): layout, not stray spaces.

- an item of a duty list, after the label's colon or the list's ；: a role (责任人, 河长, 巡查员,
  data/duty_roles.txt, or a title of contacts.toml), perhaps a post that ends in a title, and a
  name opening with a surname or padded to three cells, each a column (``县级责任人　县水利局副局长　覃晓燕；巡查员　吴小兰``);
- the blank before a name that a channel and its number follow, whatever post stands before it
  (``乡卫生院防保专干　梁秀英，电话：0791…``: posts cannot be listed in full), the name opening
  with a surname;
- the speaker's label of a record that gives a screen name in quotes (``网友　“山城小雨”：``);
- a two-character name padded to three cells right after a post (``整改责任人：副镇长龚　平``).

Every part is bounded, so each blank is looked at a bounded number of times: linear.
"""
from __future__ import annotations

import re
from functools import cache

import regex

from gongwen.analysis import lexicon, pattern_cache
from gongwen.analysis.text import LINE_START, matches_at

_BLANK = r"[ \u3000\xa0]"
_ITEM_END = rf"(?=[；;。，,、]|{_BLANK}*$)"
# Where a duty item may start: after a label's colon or the list's ；, or where a line starts
# (its ``^``, in MULTILINE, holds after \n and at 0: \r too is a superset). The item's pattern
# opens with a lookbehind or ``^``, so ``finditer`` tried it at every character (in PUN017's
# paragraphs with an inner space, 100 ns a character: a third of the rule's conventions);
# ``matches_at`` tries it only here (tests/analysis/test_person_columns.py).
_DUTY_ITEM_START = pattern_cache.re_compile(r"(?<![^\r\n：:；;])")
# A role's Han characters before its listed word (县级|河长, 上洲村党支部|书记).
_ROLE_LEAD = 10


@cache
def _contacts() -> dict:
    return lexicon.table("contacts.toml")


@cache
def _duty_item() -> "regex.Pattern[str]":
    titles = _contacts()["titles"]
    # A role is a duty's name or a post of two characters or more: the single-character ends of
    # titles (…员, …师) would take 全体党员 for one (会议要求：全体党员　严守纪律 is a sentence).
    role = (rf"\p{{Han}}{{0,{_ROLE_LEAD}}}(?:{lexicon.pattern('duty_roles.txt')}"
            rf"|{lexicon.alternation(t for t in titles if len(t) > 1)})")
    post = rf"\p{{Han}}{{0,16}}(?:{lexicon.alternation(titles)})"
    name = rf"(?:(?:{lexicon.pattern('surnames.txt')})\p{{Han}}{{1,2}}|\p{{Han}}[ \u3000]\p{{Han}})"
    return pattern_cache.regex_compile(
        rf"(?:(?<=[：:；;])|^{_BLANK}*){role}{_BLANK}{{1,2}}(?:{post}{_BLANK}{{1,2}})?{name}{_ITEM_END}",
        regex.MULTILINE)


@cache
def _duty_item_starts() -> "re.Pattern[str]":
    """Where ``_duty_item`` may match: one of its starts (_DUTY_ITEM_START) that a role of Han
    characters and a blank follow, perhaps after the line's blanks. The role is at most
    _ROLE_LEAD characters and its longest word, and holds no blank and nothing ASCII, so a
    stdlib lookahead turns down most starts (a clause after ：, every line) at C speed, where the
    item's alternations of roles and titles were tried at each (8 of PUN017's 39 M in 400 files).
    A word with a blank or an ASCII character (none listed) would leave only the starts."""
    words = [*lexicon.words("duty_roles.txt"), *(t for t in _contacts()["titles"] if len(t) > 1)]
    if any(ch.isascii() or ch.isspace() for w in words for ch in w):
        return _DUTY_ITEM_START
    reach = _ROLE_LEAD + max(map(len, words))
    return pattern_cache.re_compile(
        rf"(?<![^\r\n：:；;])(?=[ \u3000\xa0]*[^\x00-\x7f\s]{{1,{reach}}}[ \u3000\xa0])")


@cache
def _named_contact() -> "regex.Pattern[str]":
    data = _contacts()
    channel = rf"[，,；;]?{_BLANK}?(?:{lexicon.alternation(data['channels'])})(?:号码|号)?[：:]?{_BLANK}?[0-9０-９(（]"
    return pattern_cache.regex_compile(
        rf"(?<=\p{{Han}})(?P<space>{_BLANK}{{1,2}})(?=(?:{lexicon.pattern('surnames.txt')})\p{{Han}}{{1,2}}{channel})")


@cache
def _quoted_speaker() -> "regex.Pattern[str]":
    roles = lexicon.alternation(_contacts()["speaker-roles"])
    return pattern_cache.regex_compile(
        rf"^{_BLANK}*(?:{roles})(?P<space>{_BLANK}{{1,2}})“[^“”\r\n]{{1,12}}”[：:]", regex.MULTILINE)


@cache
def _glued_padded_name() -> "regex.Pattern[str]":
    titles = lexicon.alternation(t for t in _contacts()["titles"] if len(t) > 1)
    return pattern_cache.regex_compile(
        rf"(?<=(?:{titles})\p{{Han}})(?P<space>[ \u3000])(?=\p{{Han}}{_ITEM_END})", regex.MULTILINE)


def person_column_spans(text: str) -> list[tuple[int, int]]:
    """The blanks of ``text`` that the layouts above put there, as ``(start, end)`` spans."""
    spans = []
    blanks = pattern_cache.regex_compile(f"{_BLANK}+")
    # The item and the speaker's label are tried only where they may start (matches_at): their
    # lookbehind or ``^`` had ``regex`` try them at every character. The other two start at a
    # blank, which these paragraphs hold often enough that a Python step per blank costs more
    # (measured: 2.1 -> 2.5 M each) than regex's own scan.
    for m in matches_at(_duty_item(), text, _duty_item_starts()):
        spans += [b.span() for b in blanks.finditer(text, m.start(), m.end())]
    spans += [m.span("space") for m in matches_at(_quoted_speaker(), text, LINE_START)]
    for pattern in (_named_contact(), _glued_padded_name()):
        spans += [m.span("space") for m in pattern.finditer(text)]
    return sorted(spans)
