"""Bylines and photo credits (``本报记者 张三 摄``): where a news item's furniture stands.

A byline is a role (记者, 通讯员 …, see ``data/bylines.toml``), optionally after the source it
works for (本报, 湖南日报) and a qualifier (全媒体), then one or more names separated by spaces,
optionally a further role and names, and ``摄`` for a photo credit; a photo credit may also
be a source and names without a role (``县融媒体中心 王磊 摄``), and the space that sets it apart
from its caption's sentence is its own; after a caption's sentence a credit may be only names
(``…明火。　罗晓峰　摄``) or who supplied the picture (``…技术。　（县林业局供图）``). A dateline (``本报北京12月4日电``,
``本报讯``) is the source, where and when the item was filed; the space after it, and the byline
that may follow, are furniture too. It counts only where a
byline stands: at the start of a line, after an opening bracket (``本报讯（记者 张三）``), or
with a named source or a ``摄`` that no sentence has. Spaces inside it are layout (PUN017); a
newspaper named in it is the employer, not a cited title (PUN016).

A contact line of a notice (``联系人：市统计局办公室 孙晓明，电话：0371-12345678``) is the same
kind of furniture: the space between the office or title and the person's name is its layout
(``contact_spans``, words in ``data/contacts.toml``), and so is a roster line that is only a
title and a name, a list of leaders or a signature (``副县长　王志刚``: ``roster_spans``), and
a labelled line of attendees' names (``出席：韩卫国　许晓梅``: ``attendance_spans``), and the
speaker's label that opens a speech in a hearing's or forum's record (``消费者代表　耿丽娟：``:
``speaker_spans``), and the blank after the bracketed note of a name list's lines
(``扎西顿珠（藏族）　县人民医院医生``: ``noted_list_spans``).
"""
from __future__ import annotations

from functools import cache

import regex

from gongwen.analysis import lexicon
from gongwen.analysis.text import LINE_START, matches_at
from gongwen.analysis import pattern_cache


@cache
def _data() -> dict:
    return lexicon.table("bylines.toml")


_MAX_PEOPLE = 6  # names after the first in one byline (本报记者 甲 乙 通讯员 丙 丁 …)


@cache
def _parts() -> dict[str, str]:
    """The pieces of the byline pattern, by name (tests/analysis/test_bylines.py builds the
    pattern's unfactored form from them)."""
    data = _data()
    space = r"[ \u3000\xa0]+"
    # A two-character name may be padded to three cells, as in a roster (通讯员　柯　雪, round 12).
    name = r"(?:\p{Han}{2,4}|\p{Han}[ \u3000]\p{Han}(?!\p{Han}))"
    role = rf"(?:{lexicon.alternation(data['qualifiers'])})?(?:{lexicon.alternation(data['roles'])})"
    source = (rf"(?:{lexicon.alternation(data['own-sources'])}"
              rf"|\p{{Han}}{{1,12}}?(?:{lexicon.alternation(data['source-endings'])}))")
    credit = regex.escape(data["credit-mark"])
    # Atomic, and at most _MAX_PEOPLE names: a role word can also be read as a name (记者 张三
    # is one role and a name, or two names), and without both a long run of them that fails
    # at the end would be retried every way (exponential), or rescanned from every role in it.
    people = (rf"(?>{role}{space}{name}(?:{space}(?:{role}{space})?{name}){{0,{_MAX_PEOPLE}}})")
    # 本报北京12月4日电, 新华社江州12月4日电, 本报讯: the source, where and when it was filed,
    # set off by a space from the byline or the text that follows it.
    when = r"(?:\p{Han}{1,8}?[0-9０-９]{1,2}月[0-9０-９]{1,2})?"
    dateline = rf"{when}(?:{lexicon.alternation(data['dateline-marks'])}){space}(?:{people}(?:{space}{credit})?)?"
    # A photo credit may name the source and the photographer without a role (县融媒体中心
    # 王磊 摄): the credit mark makes it one.
    photographers = rf"(?>{space}{name}(?:{space}{name}){{0,{_MAX_PEOPLE}}}){space}{credit}"
    # A credit set after its caption's sentence (图为…。　记者 张三 摄): the space that sets it
    # apart is the credit's too.
    after_caption = r"(?:(?<=[。！？])[ \u3000\xa0]+)?"
    # A credit set after its caption's sentence may name only the photographer (…明火。　罗晓峰
    # 摄) or only who supplied the picture (…技术。　梅岭镇人民政府供图, in brackets or not):
    # the sentence end before it and the line end after it make it a credit (round 9: real
    # pages credit a photographer already named in the item's 文/图 line by name only).
    supplied = regex.escape(data["supplied-mark"])
    # Such a credit ends its line (or the bracket around the caption): 罗晓峰　摄影展 is no credit.
    # The names and the credit mark may also stand in brackets right after the sentence
    # (…撤离。（樊佳琪　摄）, round 14), as who supplied the picture may.
    in_brackets = rf"[（(](?>{name}(?:{space}{name}){{0,{_MAX_PEOPLE}}}){space}{credit}"
    caption_credit = (rf"(?<=[。！？])(?:{photographers}|{in_brackets}"
                      rf"|[ \u3000\xa0]+[（(]?\p{{Han}}{{2,20}}?{supplied}[）)]?)"
                      r"(?=[ \u3000\xa0]*(?:[）)\r\n]|\Z))")
    return {"space": space, "source": source, "credit": credit, "people": people, "dateline": dateline,
            "photographers": photographers, "after_caption": after_caption, "caption_credit": caption_credit}


@cache
def _pattern() -> "regex.Pattern[str]":
    p = _parts()
    # Named source or credit mark: a byline wherever it stands; bare role: only where a
    # byline can start (line start, after an opening bracket). The source is read once for
    # all that can follow it (a dateline, names, photographers): tried in separate alternatives,
    # it was read again for each at every character, the larger part of this scan on a page
    # that is one long line.
    return pattern_cache.regex_compile(
        rf"{p['after_caption']}{p['source']}(?:{p['dateline']}|{p['people']}(?:{p['space']}{p['credit']})?"
        rf"|{p['photographers']})"
        rf"|(?:^[ \u3000\xa0]*|(?<=[（(])){p['people']}(?:{p['space']}{p['credit']})?"
        rf"|{p['after_caption']}{p['people']}{p['space']}{p['credit']}"
        rf"|{p['caption_credit']}",
        regex.MULTILINE)


# The last text asked about and its spans, one tuple so that a thread reading it never sees
# one without the other. PUN016 and PUN017 ask about the same paragraph one after the other,
# and on a page that is one long line the scan is most of both rules' time.
_last: tuple[str | None, list[tuple[int, int]]] = (None, [])


def byline_spans(text: str) -> list[tuple[int, int]]:
    """The bylines and photo credits in ``text``, as sorted ``(start, end)`` spans (callers
    must not change the list: the same one answers the next caller asking about ``text``)."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    if not any(m in text for m in _mark_words()):
        return []  # every byline names a role, ends a dateline or credits a photo: most paragraphs do none
    spans = _search_stretches(text)
    _last = (text, spans)
    return spans


@cache
def _mark_words() -> tuple[str, ...]:
    """What every byline holds: a role, a dateline mark, the credit mark or the supplied mark."""
    data = _data()
    return (*data["roles"], *data["dateline-marks"], data["credit-mark"], data["supplied-mark"])


@cache
def _marks() -> "regex.Pattern[str]":
    return pattern_cache.regex_compile(lexicon.alternation(_mark_words()))


@cache
def _breaks() -> tuple["regex.Pattern[str]", "regex.Pattern[str]"]:
    """A character no byline holds, searched forwards and backwards. The pattern reads only Han
    characters, blanks, digits (the dateline's date), brackets and its data's words; the
    lookarounds that read further (the sentence end before a caption's credit, the line's end
    after it) are not part of a match."""
    data = _data()
    words = [*data["roles"], *data["qualifiers"], *data["own-sources"], *data["source-endings"],
             *data["dateline-marks"], data["credit-mark"], data["supplied-mark"]]
    held = "".join(regex.escape(c) for c in sorted(set("".join(words))))
    other = rf"[^\p{{Han}} \u3000\xa00-9０-９（()）{held}]"
    return pattern_cache.regex_compile(other), pattern_cache.regex_compile(other, regex.REVERSE)


# Marks this close (in characters) are searched in one range with the breaks between them: a
# range's own costs (its two break searches, a finditer) outweigh the pattern's tries at the few
# characters between (~0.7 µs each); 1 MB of a摄 was a range a mark, 3 times the plain search.
_NEAR = 8


def _search_stretches(text: str) -> list[tuple[int, int]]:
    """``_pattern().finditer(text)``'s spans, searched only in the stretches between two break
    characters that hold a mark: every byline holds a mark and no break character, so none
    starts elsewhere. On a page that is one long line the plain search tried the whole pattern
    at every character (0.7 s a MB); the stretches of a mark are a few clauses. Marks up to
    _NEAR apart share one range, breaks and all (no byline starts at a break). A range's search
    ends one past its last stretch, so that the lookaheads read the break after it, and its
    lookbehinds read the text before it (``pos`` does not cut the string)."""
    pattern, (ahead, behind) = _pattern(), _breaks()
    spans: list[tuple[int, int]] = []
    start = reach = -1  # the range being gathered (start -1: none), to the end of its last mark
    end = 0  # where the last range searched ends (at a break, or the text's end)
    for mark in _marks().finditer(text):
        if start >= 0:
            if mark.start() - reach <= _NEAR:
                reach = mark.end()
                continue
            end = _range_end(ahead, text, reach)
            spans += [m.span() for m in pattern.finditer(text, start, end + 1)]
            start = -1
        if mark.start() < end:
            continue  # in the range just searched
        before = behind.search(text, end, mark.start())
        start, reach = before.end() if before else end, mark.end()
    if start >= 0:
        spans += [m.span() for m in pattern.finditer(text, start, _range_end(ahead, text, reach) + 1)]
    return spans


def _range_end(ahead: "regex.Pattern[str]", text: str, pos: int) -> int:
    """The first break at or after ``pos``, or the text's end."""
    after = ahead.search(text, pos)
    return after.start() if after else len(text)


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


# A telephone number written with no channel before it (网格长：社区党委书记　杜海涛　138 7915 2206,
# round 13b): a mobile number of 11 digits, perhaps grouped 3-4-4, or a number with its area
# code (0796-8236 5501). After a name it is the channel itself, as 电话： and a number would be.
_PHONE = r"(?:1[3-9][0-9](?:[ \xa0-]?[0-9]{4}){2}|0[0-9]{2,3}-[0-9]{3,4}[ \xa0]?[0-9]{4})(?![0-9])"
_PHONE_START = pattern_cache.regex_compile(r"1[3-9][0-9]|0[0-9]{2,3}-")


@cache
def _contacts() -> dict:
    return lexicon.table("contacts.toml")


@cache
def _contact_pattern() -> "regex.Pattern[str]":
    """The space between an office or title and a 2–4 character name, inside a contact clause:
    one labelled ``联系人：``/``监督电话：``… (the office follows the colon), or one whose name is
    followed by a channel and its number (``，电话：0371…``, ``，手机138…``). Every part is
    bounded (an office of at most 20 characters, a name of 2–4) and the match starts at the
    space, so each space is looked at a constant number of times: linear in the text."""
    data = _contacts()
    space = r"[ \u3000\xa0]{1,2}"
    # A two-character name may be padded to three cells, as in a roster (钟　磊).
    name = r"(?:\p{Han}{2,4}|\p{Han}[ \u3000]\p{Han})"
    head = (rf"(?:{lexicon.pattern('organ_suffixes.txt')}"
            rf"|{lexicon.alternation(data['divisions'] + data['titles'])})")
    channel = (rf"(?:[，,；;、]?[ \u3000\xa0]?(?:{lexicon.alternation(data['channels'])})(?:号码|号)?"
               rf"[：:]?[ \u3000\xa0]?[0-9０-９(（]|[ \u3000\xa0]{{1,2}}{_PHONE})")
    clause_end = r"(?:[，,；;。）)、]|[ \u3000\xa0]*$)"
    labelled = rf"(?:{lexicon.alternation(data['labels'])})[：:]\p{{Han}}{{0,20}}?{head}"
    # The blank between that name and the channel's label sets the number apart from the name
    # (（主任　谭家富　电话：139…）, round 16), as the blank before a bare number does.
    channel_label = (rf"(?:{lexicon.alternation(data['channels'])})(?:号码|号)?"
                     rf"[：:]?[ \u3000\xa0]?[0-9０-９(（]")
    return pattern_cache.regex_compile(
        rf"(?<={head}){space}(?={name}{channel})"
        rf"|(?<={head}{space}{name}){space}(?={channel_label})"
        rf"|(?<={labelled}){space}(?={name}{clause_end})",
        regex.MULTILINE)


def contact_spans(text: str) -> list[tuple[int, int]]:
    """The spaces between an office or title and a person's name in the contact clauses of
    ``text`` (``联系人：县政府办公室 刘建华，电话：…``), as sorted ``(start, end)`` spans."""
    data = _contacts()
    if (not any(w in text for w in data["channels"]) and not any(w in text for w in data["labels"])
            and not _PHONE_START.search(text)):
        return []  # every contact clause names a channel, a label or a number: most paragraphs have none
    return [m.span() for m in _contact_pattern().finditer(text)]


@cache
def _title_ends() -> frozenset[str]:
    """The last characters of the titles (54 titles end in 10 characters: 长, 任 …): a line
    holding none of them is no roster line, and each is looked for once, not once a title."""
    return frozenset(t[-1] for t in _contacts()["titles"])


@cache
def _roster_line() -> "regex.Pattern[str]":
    """A line that is only a title and a name (``副县长　王志刚``, ``县　长　李明远``,
    ``副县长　陈红梅（女）``, ``党委副书记　陶　然``): the title may be padded to the width of the
    others, and so may a two-character name (round 12), a note in brackets may follow the name. Bounded parts, anchored at both ends of the line: linear."""
    blanks = r"[ \u3000\xa0]"
    # The title's characters may be padded apart (县　长): one blank may stand between two.
    titles = "|".join(f"{blanks}?".join(map(regex.escape, t))
                      for t in sorted(_contacts()["titles"], key=len, reverse=True))
    return pattern_cache.regex_compile(
        rf"^{blanks}*(?:\p{{Han}}{blanks}?){{0,10}}?(?<=(?:{titles}){blanks}?)(?P<space>{blanks}+)"
        rf"(?:\p{{Han}}{{2,4}}|\p{{Han}}[ \u3000]\p{{Han}})(?:[（(]\p{{Han}}{{1,6}}[）)])?{blanks}*$",
        regex.MULTILINE)


@cache
def _name_first_roster_line() -> "regex.Pattern[str]":
    """A line of a name list that gives the name first and then the posts (``欧阳帆（女）　　
    雁川市律师协会副会长，江右衡平律师事务所主任``, a 政协 or 人大 list, round 12): a name of 2–4
    characters or one padded to three cells, perhaps a note in brackets, a gap of two blanks or
    more (a column's), and posts that end the line in a title; the posts may be joined by
    commas, which make no sentence of the line. Bounded parts, anchored at both ends: linear."""
    blanks = r"[ \u3000\xa0]"
    titles = lexicon.alternation(_contacts()["titles"])
    return pattern_cache.regex_compile(
        rf"^{blanks}*(?:\p{{Han}}{{2,4}}|\p{{Han}}[ \u3000]\p{{Han}})(?:[（(][^（）()\r\n]{{1,8}}[）)])?"
        rf"(?P<space>{blanks}{{2,}})\p{{Han}}[^\r\n。！？；;]{{0,60}}?(?:{titles}){blanks}*$",
        regex.MULTILINE)


@cache
def _noted_name_line() -> "regex.Pattern[str]":
    """A line of a list that gives each person a note in brackets after the name, then a blank
    or more and what the person is (``阿依古丽·买买提（女，维吾尔族）　县第一中学教师``,
    ``扎西顿珠（藏族）　县人民医院医生``, round 15's award list): the closing bracket ends the
    name's column, so one blank sets the next apart. The name may be a transliterated one
    joined by ·; the rest holds no sentence punctuation. Bounded parts, anchored at both ends of
    the line (any of \n, \r\n, \r ends it): linear. Only lines next to another such line
    count (noted_list_spans)."""
    blanks = r"[ \u3000\xa0]"
    name = r"(?:\p{Han}{2,6}(?:·\p{Han}{1,8}){0,2}|\p{Han}[ \u3000]\p{Han})"
    return pattern_cache.regex_compile(
        rf"(?<![^\r\n]){blanks}*{name}[（(][^（）()\r\n]{{1,10}}[）)](?P<space>{blanks}+)"
        rf"\p{{Han}}[^\r\n。！？；;，,：:]{{0,40}}(?=[\r\n]|\Z)")


def noted_list_spans(text: str) -> list[tuple[int, int]]:
    """The blank after the bracketed note in each line of a list of such lines in ``text`` (see
    _noted_name_line): a line counts when the line before or after it is one too, as sorted
    spans; a single such line among prose is no list, and its blank still reports."""
    if "）" not in text and ")" not in text:
        return []
    lines = [(m.start(), m.end(), m.span("space")) for m in matches_at(_noted_name_line(), text, LINE_START)]
    spans = []
    for i, (start, end, space) in enumerate(lines):
        before = i > 0 and _next_line_start(text, lines[i - 1][1]) == start
        after = i + 1 < len(lines) and _next_line_start(text, end) == lines[i + 1][0]
        if before or after:
            spans.append(space)
    return spans


def _next_line_start(text: str, end: int) -> int:
    """Where the line after the one ending at ``end`` starts (\r\n, \r or \n)."""
    return end + 2 if text.startswith("\r\n", end) else end + 1


@cache
def _surname_name() -> str:
    """A personal name as layout gives it (an attendee's, a speaker's): two to four characters
    opening with a surname of ``data/surnames.txt`` (one or two characters), or a two-character
    one padded to three cells (``龙　飞``)."""
    surnames = lexicon.words("surnames.txt")
    single = lexicon.single_chars(surnames)
    compound = lexicon.alternation(s for s in surnames if len(s) == 2)
    return rf"(?:(?:{compound})\p{{Han}}{{1,2}}|[{single}](?:\p{{Han}}{{1,3}}|[ \u3000]\p{{Han}}))"


@cache
def _attendance_line() -> "regex.Pattern[str]":
    """A line listing who attended, after its label (``出席：韩卫国　许晓梅　龙　飞``, round 14's
    minutes): names of two to four characters opening with a surname (``data/surnames.txt``),
    or a two-character one padded to three cells, separated by blanks to the line's end. The
    label and the surnames keep a stray space in prose out (``参加：市委　市政府`` names no
    people). Anchored at both ends of the line, each name bounded and read one way only, the
    names read atomically (backtracking through them when the line ends in something else was
    quadratic in the line): linear."""
    blanks = r"[ \u3000\xa0]"
    name = rf"{_surname_name()}(?!\p{{Han}})"
    labels = lexicon.alternation(_contacts()["attendance-labels"])
    return pattern_cache.regex_compile(
        rf"^{blanks}*(?:{labels})[：:]{blanks}*(?P<names>(?>{name}(?:{blanks}+{name})+)){blanks}*$",
        regex.MULTILINE)


@cache
def _post_and_names_line() -> "regex.Pattern[str]":
    """A labelled line that gives a post and then the people holding it, to the line's end
    (``记录人：村文书　田小燕``, ``质量监督：社区居民代表　汪国强　田桂芝　杨家顺``, round 16's
    minutes and project board): what stands before the first blank is what the people are, the
    blanks set the names apart. Either the label is one that names a person (an attendance
    label: 记录人, 主持人), and then the post is free (posts cannot be listed: 文书) and one name
    will do; or the label is any short one and the post ends in a speaker's role or a title,
    and then two names or more must follow (``全体党员　严守纪律`` is one phrase opening with a
    surname, not a list). Names open with a surname, as in _attendance_line. Each part is
    bounded, the names read atomically, anchored at both ends of the line (a line ends at \n,
    \r\n or \r): linear."""
    data = _contacts()
    blanks = r"[ \u3000\xa0]"
    name = rf"{_surname_name()}(?!\p{{Han}})"
    labels = lexicon.alternation(data["attendance-labels"])
    roles = lexicon.alternation(data["speaker-roles"] + data["titles"])
    return pattern_cache.regex_compile(
        rf"(?<![^\r\n]){blanks}*(?:(?:{labels})[：:]{blanks}*\p{{Han}}{{1,20}}?(?P<one>{blanks}+(?>{name}(?:{blanks}+{name})*))"
        rf"|\p{{Han}}{{1,8}}[：:]{blanks}*\p{{Han}}{{0,20}}?(?:{roles})(?P<many>{blanks}+(?>{name}(?:{blanks}+{name})+))"
        rf"){blanks}*(?=[\r\n]|\Z)",
        regex.MULTILINE)


def attendance_spans(text: str) -> list[tuple[int, int]]:
    """The names, with the blanks between them, of each line of ``text`` that lists who
    attended after its label (see _attendance_line), or the people holding a post after a
    label (see _post_and_names_line), as sorted spans."""
    if "：" not in text and ":" not in text:
        return []  # every such line has its label's colon
    lists = {m.start(): m.span("names") for m in matches_at(_attendance_line(), text, LINE_START)}
    # A line of names only is read as such, not as a post (韩卫国) and the names after it.
    for m in matches_at(_post_and_names_line(), text, LINE_START):
        lists.setdefault(m.start(), m.span("one") if m.start("one") >= 0 else m.span("many"))
    return sorted(lists.values())


@cache
def _speaker_label() -> "regex.Pattern[str]":
    """The label that opens a speech in a record (``消费者代表　耿丽娟：``, ``经营者代表　县公交公司
    总经理　郎建明：``, ``专家　澧阳学院副教授　霍思远：``, round 15's hearing): at a line's start,
    a part ending in a speaker's role or a title (``data/contacts.toml``: who the speaker speaks
    for or what they are), up to two more parts (the organ and post, ``青陂县竹韵家居有限公司
    董事长``, which no list can hold), a name opening with a surname (or a two-character one
    padded to three cells), perhaps a note in brackets, and the colon. The role first and the
    surname last keep a stray space in prose out (``会议强调　各单位：`` has no role before its
    blank). Each part is bounded and cannot hold a blank, anchored at the line's start: linear."""
    data = _contacts()
    roles = lexicon.alternation(data["speaker-roles"] + data["titles"])
    blanks = r"[ \u3000\xa0]"
    return pattern_cache.regex_compile(
        rf"^{blanks}*(?P<label>\p{{Han}}{{0,20}}(?:{roles}){blanks}+(?:\p{{Han}}{{1,30}}{blanks}+){{0,2}}){_surname_name()}"
        rf"(?:[（(][^（）()\r\n]{{1,8}}[）)])?[：:]",
        regex.MULTILINE)


@cache
def _bracketed_speaker_label() -> "regex.Pattern[str]":
    """The same label with the speaker's post and name in brackets after the role
    (``主持人（市政府新闻办副主任　宓　婕）：``, ``答（县教育局副局长　亓　昉）：``, round 17's press
    conferences): at a line's start, a role (``data/contacts.toml``'s speaker-roles and titles,
    or the 问/答 of a question-and-answer record, its qa-roles), an opening bracket, the organ
    and post ending in a title, blanks, a name of two to four characters or a two-character one
    padded to three cells, the closing bracket and the colon. The name need not open with a
    surname of data/surnames.txt: the post before it and the bracket and colon after it say
    it is the speaker's, and the surnames of people speaking for an organ (宓, 亓, 逄) are
    rarer than that list of common ones goes (round 18's second batch). The title before the blank and
    the name, bracket and colon after it keep a stray space in prose out (``答（经研究　同意）：``
    has no title, ``主持人（副主任　下面请记者提问）：`` no name). Bounded parts, anchored: linear."""
    data = _contacts()
    roles = lexicon.alternation(data["speaker-roles"] + data["titles"] + data["qa-roles"])
    titles = lexicon.alternation(data["titles"])
    blanks = r"[ \u3000\xa0]"
    return pattern_cache.regex_compile(
        rf"^{blanks}*\p{{Han}}{{0,20}}(?:{roles})[（(](?P<label>\p{{Han}}{{0,30}}?(?:{titles}){blanks}+)(?:\p{{Han}}{{2,4}}|\p{{Han}}[ \u3000]\p{{Han}})[）)][：:]",
        regex.MULTILINE)


def speaker_spans(text: str) -> list[tuple[int, int]]:
    """The roles, posts and blanks before the name in each speaker's label of ``text`` (see
    _speaker_label), and the post and blanks before the name in a bracketed one (see
    _bracketed_speaker_label), as sorted spans."""
    if "：" not in text and ":" not in text:
        return []  # every label ends in its colon
    spans = [m.span("label") for m in matches_at(_speaker_label(), text, LINE_START)]
    if "（" in text or "(" in text:
        spans += [m.span("label") for m in matches_at(_bracketed_speaker_label(), text, LINE_START)]
    return sorted(spans)


def roster_spans(text: str) -> list[tuple[int, int]]:
    """The space between the title and the name in each roster line of ``text`` (a line that is
    only a title and a name, ``副县长　王志刚``: a list of leaders, a signature; or a name list's
    line of a name and its posts, see _name_first_roster_line), as sorted spans."""
    if not any(end in text for end in _title_ends()):
        return []
    # A title-and-name line holds only Han characters, blanks and a note's brackets: a text of
    # one line that holds a prose mark (PUN017 asks only about paragraphs that hold one) has
    # none, and its line is not tried (the title's lazy run against the padded titles'
    # alternation: ~80,000 instructions a paragraph).
    one_line = "\n" not in text and "\r" not in text
    spans = [] if one_line and _PROSE_MARK.search(text) else [
        m.span("space") for m in matches_at(_roster_line(), text, LINE_START)]
    spans += [m.span("space") for m in matches_at(_name_first_roster_line(), text, LINE_START)]
    return sorted(spans)


# Marks no title-and-name line holds (none is a Han character, a blank or a bracket).
_PROSE_MARK = pattern_cache.re_compile(r"[，。；：、,;:]")


@cache
def _roster_item() -> "regex.Pattern[str]":
    """The space inside one item of a labelled list of office-and-name pairs (村级河长：上洲村党支部
    书记　吴海波；河口村党支部书记　邓春花; 值班：副主任　黄春林、秘书股　覃丽): the item opens after
    the label's colon or the list's ；/、 and ends at the next one, a full stop or the line's end. An office
    of at most 20 characters and a name of 2–4: each space is looked at a bounded number of times."""
    data = _contacts()
    head = (rf"(?:{lexicon.pattern('organ_suffixes.txt')}"
            rf"|{lexicon.alternation(data['divisions'] + data['titles'])})")
    blanks = r"[ \u3000\xa0]"
    return pattern_cache.regex_compile(
        rf"(?<=[：:；;、]\p{{Han}}{{0,20}}?{head})(?P<space>{blanks}{{1,2}})"
        rf"(?=(?:\p{{Han}}{{2,4}}|\p{{Han}}[ \u3000]\p{{Han}})(?:[（(]\p{{Han}}{{1,6}}[）)])?(?:[；;、。]|{blanks}*$))",
        regex.MULTILINE)


def roster_list_spans(text: str) -> list[tuple[int, int]]:
    """The spaces between office and name in the items of labelled lists of such pairs in
    ``text``, as sorted spans (see _roster_item)."""
    if "；" not in text and ";" not in text and "、" not in text:
        return []  # a list of pairs separates them; a single pair is a roster line's
    return [m.span("space") for m in _roster_item().finditer(text)]
