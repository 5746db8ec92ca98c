"""Datelines are news furniture like bylines, and byline_spans' shortcut (search only a text
that names a role or a dateline mark) finds what the plain search finds."""
from __future__ import annotations

import random

import regex

from gongwen.analysis import bylines, lexicon
from support import template_lines


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in bylines.byline_spans(text)]


def test_a_dateline_and_the_byline_after_it_are_one_span():
    assert _spans("本报南江3月1日电　记者　周立　今年以来，全市新建口袋公园。") == ["本报南江3月1日电　记者　周立　今年以来"]
    assert _spans("新华社北京3月1日电　全国春耕备耕有序推进。") == ["新华社北京3月1日电　"]
    assert _spans("南江晚报讯 近日，城北湿地公园开园。") == ["南江晚报讯 "]


def test_a_dateline_needs_its_source_and_the_space_after_it():
    assert _spans("他在3月1日电话中说 项目已开工。") == []  # no source before the date
    assert _spans("据本报讯，工程进展顺利。") == []  # no space after it: a sentence, not furniture
    assert _spans("本报讯（记者　吴桐）日前") == ["记者　吴桐"]  # the bracketed byline, as before


def test_a_name_padded_to_three_cells_is_a_name():
    # A two-character name is padded to three cells in bylines as in rosters (round 12).
    assert _spans("本报讯（记者　符晓东　通讯员　柯　雪）12月5日") == ["记者　符晓东　通讯员　柯　雪"]
    assert _spans("本报讯（记者　柯　雪）日前") == ["记者　柯　雪"]
    # One character and then a word is no padded name, so no byline.
    assert _spans("本报讯（记者　柯　雪峰）") == []


def test_a_photo_credit_after_its_caption_and_one_without_a_role():
    assert _spans("图为新建成的公园。　记者 张三　摄") == ["\u3000记者 张三\u3000摄"]
    assert _spans("（图：受理大厅。县融媒体中心　王磊　摄）") == ["县融媒体中心\u3000王磊\u3000摄"]
    assert _spans("县融媒体中心　王磊　报道") == []  # without a role, only the credit mark makes a credit
    # A bare name after a caption is a credit where it ends the line (round 9: pages whose 文/图
    # line names the photographer credit each picture by name only); inside a sentence it is not.
    assert _spans("图为新建成的公园。　张三　摄") == ["\u3000张三\u3000摄"]
    assert _spans("图为新建成的公园。　张三　摄影展在此举办。") == []
    assert _spans("村民在晒秋。　（县文旅局供图）\n游客在游览。　溪口镇供图") == ["\u3000（县文旅局供图）", "\u3000溪口镇供图"]


def _plain_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in bylines._pattern().finditer(text)]


def _texts(count: int) -> list[str]:
    data = lexicon.table("bylines.toml")
    pieces = (data["roles"] + data["own-sources"] + data["dateline-marks"] + data["qualifiers"]
              + ["南江", "晚报", "3月1", "12月", "日", "电", "讯", "张三", "今年以来", "，", "（", " ", "\u3000", "摄"] * 2
              + ["。", "供图", "）", "\n"])
    rnd = random.Random("bylines")
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 10))) for _ in range(count)]


def test_the_shortcut_finds_what_the_plain_search_finds():
    texts = _texts(20_000)
    assert sum(1 for t in texts if _plain_spans(t)) > 200, "too few bylines to prove anything"
    assert [t for t in texts if bylines.byline_spans(t) != _plain_spans(t)] == []


def test_a_shortcut_that_forgets_datelines_is_caught():
    roles = lexicon.table("bylines.toml")["roles"]

    def narrow(text: str) -> list[tuple[int, int]]:
        return _plain_spans(text) if any(r in text for r in roles) else []

    assert any(narrow(t) != _plain_spans(t) for t in _texts(20_000))


def test_a_shortcut_that_forgets_supplied_pictures_is_caught():
    data = lexicon.table("bylines.toml")

    def narrow(text: str) -> list[tuple[int, int]]:
        marks = data["roles"] + data["dateline-marks"] + [data["credit-mark"]]
        return _plain_spans(text) if any(m in text for m in marks) else []

    assert any(narrow(t) != _plain_spans(t) for t in _texts(20_000))


def _unfactored(source_first: bool = True) -> "regex.Pattern[str]":
    """The pattern as written before its source was factored out: a dateline, a sourced
    byline and a sourced photo credit as separate alternatives, each reading the source again
    (``source_first=False``: a wrong form that forgets the sourced byline)."""
    import regex
    p = bylines._parts()
    rest = "|(?:^" + bylines._pattern().pattern.split("|(?:^", 1)[1]
    lead = p["after_caption"] + p["source"]
    sourced = lead + p["people"] + f"(?:{p['space']}{p['credit']})?"
    alternatives = [lead + p["dateline"], *([sourced] if source_first else []), lead + p["photographers"]]
    return regex.compile("|".join(alternatives) + rest, regex.MULTILINE)


def test_the_factored_source_finds_what_two_alternatives_find():
    texts, old = _texts(20_000), _unfactored()
    assert sum(1 for t in texts if _plain_spans(t)) > 200
    assert [t for t in texts if _plain_spans(t) != [m.span() for m in old.finditer(t)]] == []
    wrong = _unfactored(source_first=False)
    assert any(_plain_spans(t) != [m.span() for m in wrong.finditer(t)] for t in texts)


def test_a_roster_line_is_only_a_title_and_a_name():
    def roster(text: str) -> list[str]:
        return [text[s:e] for s, e in bylines.roster_spans(text)]

    assert roster("县　长　李明远\n主持县政府全面工作。") == ["\u3000"]  # padded title
    assert roster("副县长　陈红梅（女）\n负责教育。") == ["\u3000"]
    assert roster("南溪区人民政府副区长　杜晓峰") == ["\u3000"]
    assert roster("党委副书记　陶　然\n协助党委书记工作。") == ["\u3000"]  # a padded name (round 12)
    assert roster("党委副书记　陶　然然") == []  # a character and a word: no padded name
    assert roster("副县长　王志刚同志负责发展改革工作。") == []  # the line goes on: a sentence
    assert roster("我们要 加强管理\n工作。") == []  # no title before the space


def test_a_name_list_line_gives_the_name_then_the_posts():
    # 政协, 人大 lists (round 12): the gap of two blanks or more is a column's, and commas may join
    # the posts; the line ends in a title.
    def roster(text: str) -> list[str]:
        return [text[s:e] for s, e in bylines.roster_spans(text)]

    assert roster("　　欧阳帆（女）　　市律师协会副会长，衡平律师事务所主任\n") == ["\u3000\u3000"]
    assert roster("覃国栋　　交通投资集团有限公司党委副书记、总经理") == ["\u3000\u3000"]
    assert roster("柯　雪（女，畲族）　　县民族宗教事务局局长") == ["\u3000\u3000"]
    assert roster("王志刚　同志担任县长") == []  # one blank: a stray space in a sentence
    assert roster("王志刚　　同志说，要抓好工作。") == []  # a sentence, no title at its end
    assert roster("王志刚　　任县长。") == []  # a sentence end after the title


def test_the_last_answer_is_reused_only_for_the_same_text():
    """PUN016 and PUN017 ask about the same paragraph in turn, so the last answer is kept; a
    different text (even one built to be equal, or asked about in between) gets its own."""
    texts = _texts(3_000)
    rnd = random.Random("byline memo")
    for _ in range(6_000):
        text = rnd.choice(texts)
        if rnd.random() < 0.3:
            text = "".join(list(text))  # an equal text that is another object
        first = bylines.byline_spans(text)
        assert first == _plain_spans(text)
        assert bylines.byline_spans(text) == first


def test_a_labelled_line_of_attendees_is_a_list_of_names():
    # Round 14's minutes: names opening with a surname, blanks between them, to the line's end.
    text = "出席：韩卫国　许晓梅　龙　飞　欧阳丽娟\n"
    assert [text[s:e] for s, e in bylines.attendance_spans(text)] == ["韩卫国　许晓梅　龙　飞　欧阳丽娟"]
    assert bylines.attendance_spans("出席：韩卫国　许晓梅　县政府办\n") == []  # 县政府办 is no name
    assert bylines.attendance_spans("会议要求出席：韩卫国　许晓梅\n") == []  # the label opens the line
    assert bylines.attendance_spans("出席：韩卫国\n") == []  # one name has no blank to explain


def test_a_photo_credit_in_brackets_right_after_its_caption():
    assert _spans("撤离。（樊晓琪　摄）") == ["（樊晓琪\u3000摄"]
    assert _spans("撤离。（樊晓琪　摄影展）") == []


def _attendance_plain(pattern: str, wrong: bool = False) -> "regex.Pattern[str]":
    """The attendance pattern with its names read by plain backtracking, not atomically (or,
    ``wrong``, atomically but taking one name as a list)."""
    atomic = "(?P<names>(?>"
    assert atomic in pattern
    if wrong:
        assert ")+))[" in pattern
        return regex.compile(pattern.replace(")+))[", ")*))["), regex.MULTILINE)
    return regex.compile(pattern.replace(atomic, "(?P<names>(?:"), regex.MULTILINE)


def test_the_atomic_read_of_attendees_finds_what_backtracking_finds():
    # The names are read atomically (plain backtracking through them was quadratic when the
    # line ended in something else); each name is read one way only, so the answers are the
    # same: compared on 5,000 random lines, and the comparison catches a wrong variant.
    pattern = bylines._attendance_line()
    plain, wrong = _attendance_plain(pattern.pattern), _attendance_plain(pattern.pattern, wrong=True)
    pieces = ["出席：", "列席人员：", "会议", "韩", "卫", "国", "许", "晓梅", "欧阳", "龙", "县", "政府",
              "　", "　", " ", "\n", "。", "（", "）"]
    rng = random.Random(14)
    caught = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 24)))
        got = [m.span("names") for m in pattern.finditer(text)]
        assert got == [m.span("names") for m in plain.finditer(text)], text
        caught += got != [m.span("names") for m in wrong.finditer(text)]
    assert caught


def _long_texts(count: int, seed: str = "byline stretches") -> list[str]:
    """Texts of up to a few hundred pieces on one line or several: the byline's words and
    names beside every character that breaks a stretch or that a lookaround reads (sentence
    ends, brackets, line breaks, ASCII, \\xa0)."""
    data = lexicon.table("bylines.toml")
    words = (data["roles"] + data["qualifiers"] + data["own-sources"] + data["source-endings"]
             + data["dateline-marks"] + [data["credit-mark"], data["supplied-mark"]])
    pieces = (words + ["南江", "张三", "柯", "雪", "王磊", "图为新建成的公园", "今年以来", "3月1", "１２月４", "日",
                       "电", "（", "("] * 2
              + [" ", "\u3000", "\xa0"] * 6
              + ["，", "。", "！", "？", "、", "：", "“", "”", "（", "）", "(", ")", "\n", "\r", "\r\n", "a", "5", "-"])
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.choice((4, 12, 40, 300)))) for _ in range(count)]


def test_the_search_by_stretches_finds_what_the_whole_search_finds():
    # Only the stretches between two break characters that hold a mark are searched (a page of
    # one long line cost 0.7 s a MB); compared with the whole text's search on 6,000 texts.
    # Caught when tried and not kept: a stretch's search ending at its break, not one past it (7
    # texts differ); brackets (3), digits (7) or \xa0 (492) taken as breaks; a stretch searched
    # from its mark, not from the break before it (540); a range of near marks not grown to its
    # last mark.
    texts = _long_texts(6_000)
    assert sum(1 for t in texts if _plain_spans(t)) > 1_000, "too few bylines to prove anything"
    assert sum(len(_plain_spans(t)) > 1 for t in texts) > 300, "too few texts of several bylines"
    assert [t for t in texts if bylines._search_stretches(t) != _plain_spans(t)] == []
    assert [t for t in texts if bylines.byline_spans(t) != _plain_spans(t)] == []



def test_the_roster_and_attendance_lines_tried_at_line_starts_find_what_finditer_finds():
    # The line patterns (``^`` in MULTILINE) are tried only at line starts, not at every
    # character of a page that is one long line. Caught when tried and not kept: the text's
    # start only.
    blanks = ["\u3000", " ", "\u3000\u3000", "\xa0", ""]
    templates = [
        (["", "\u3000"], ["副县长", "县\u3000长", "党委副书记", "会议", "欧阳帆"], blanks, ["王志刚", "陶\u3000然", "韩卫国许", "。"],
         ["", "（女）", "。", "a"]),
        (["", "\u3000"], ["欧阳帆", "柯\u3000雪", "王志刚同志"], ["", "（女，畲族）"], ["\u3000\u3000", "  ", "\u3000"],
         ["市律师协会副会长", "县民族宗教事务局局长", "说"], ["", "，总经理", "。"]),
        (["出席：", "列席人员：", "会议要求出席："], ["韩卫国", "龙\u3000飞"], blanks, ["许晓梅", "欧阳丽娟", "县政府办"], blanks,
         ["龙\u3000飞", "", "。"])]
    rnd = random.Random("roster line starts")
    texts = [template_lines(rnd, templates) for _ in range(4_000)]
    for pattern, group in ((bylines._roster_line(), "space"), (bylines._name_first_roster_line(), "space"),
                           (bylines._attendance_line(), "names")):
        plain = [[m.span(group) for m in pattern.finditer(t)] for t in texts]
        assert sum(1 for p in plain if p) > 400 and sum(len(p) > 1 for p in plain) > 80
        assert [t for t, p in zip(texts, plain)
                if [m.span(group) for m in bylines.matches_at(pattern, t, bylines.LINE_START)] != p] == []


def test_the_speaker_and_noted_list_lines_tried_at_line_starts_find_what_finditer_finds():
    # The speaker's label (``^`` in MULTILINE) and the noted list line (a line-start lookbehind,
    # after \r as well) are tried only at line starts too. Caught when tried and not kept: line
    # starts after \n only (\r alone breaks a line for the noted list line).
    blanks = ["\u3000", " ", "\u3000\u3000", "\xa0", ""]
    templates = [
        (["", "\u3000"], ["消费者代表", "经营者代表", "专家", "会议强调"], blanks, ["", "县公交公司总经理", "澧阳学院副教授"],
         blanks, ["耿丽娟", "郎建明", "龙\u3000飞", "各单位"], ["", "（女）"], ["：", ":", "。"], ["", "建议降低票价。"]),
        (["", "\u3000"], ["扎西顿珠", "阿依古丽·买买提", "王志刚"], ["（藏族）", "（女，维吾尔族）", "", "("], blanks,
         ["县人民医院医生", "县第一中学教师", "。"], ["", "，", "a"])]
    rnd = random.Random("speaker and noted line starts")
    texts = [template_lines(rnd, templates) for _ in range(4_000)]
    for pattern, group in ((bylines._speaker_label(), "label"), (bylines._noted_name_line(), "space")):
        plain = [[m.span(group) for m in pattern.finditer(t)] for t in texts]
        assert sum(1 for p in plain if p) > 400 and sum(len(p) > 1 for p in plain) > 80
        assert [t for t, p in zip(texts, plain)
                if [m.span(group) for m in bylines.matches_at(pattern, t, bylines.LINE_START)] != p] == []


def test_a_person_label_then_a_post_and_the_names():
    # Round 16's minutes and project board: after a label that names a person the post is free
    # and one name will do; after another label the post ends in a role or title and two names
    # or more follow. Lines end at \n, \r\n or \r.
    text = ("记录人：村文书　田小燕\r\n质量监督：社区居民代表　汪国强　田桂芝\r"
            "会议要求：全体党员　严守纪律\n记录人：村文书　田小燕同志负责整理\n出席：韩卫国　许晓梅\n")
    assert [text[s:e] for s, e in bylines.attendance_spans(text)] == [
        "\u3000田小燕", "\u3000汪国强\u3000田桂芝", "韩卫国\u3000许晓梅"]


def test_the_post_and_names_line_tried_at_line_starts_finds_what_finditer_finds():
    # Tried only at line starts (after \n, \r\n or \r), not at every character. Caught when
    # tried and not kept: line starts after \n only.
    blanks = ["\u3000", " ", "\u3000\u3000", "\xa0", ""]
    templates = [
        (["", "\u3000"], ["记录人：", "质量监督：", "会议要求：", "主持："], ["村文书", "社区居民代表", "全体党员", ""],
         blanks, ["田小燕", "严守纪律", "龙\u3000飞"], blanks, ["", "汪国强", "同志"], ["", "。", "\u3000"])]
    rnd = random.Random("post and names line starts")
    texts = [template_lines(rnd, templates) for _ in range(4_000)]
    pattern = bylines._post_and_names_line()
    plain = [[m.span() for m in pattern.finditer(t)] for t in texts]
    assert sum(1 for p in plain if p) > 400 and sum(len(p) > 1 for p in plain) > 80
    assert [t for t, p in zip(texts, plain)
            if [m.span() for m in bylines.matches_at(pattern, t, bylines.LINE_START)] != p] == []
