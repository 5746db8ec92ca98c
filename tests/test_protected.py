"""Near misses of protected strings (TRM007-TRM009): the principles that tell a typo from a
different, correct text, tested on strings and sentences written here, not on the data file's."""
from __future__ import annotations


import pytest

from gongwen import api
from gongwen.document import Document
from gongwen.analysis.fuzzy import FuzzyMatcher, Pattern
from gongwen.rules.protected import LawTitles

NUMERALS = "〇一二三四五六七八九十0123456789"


def matcher(*patterns: str, shields=(), levels="", **kwargs) -> FuzzyMatcher:
    return FuzzyMatcher([Pattern(p, p) for p in patterns], shields, NUMERALS, levels, **kwargs)


def found(m: FuzzyMatcher, text: str) -> list[tuple[str, str, str]]:
    return [(text[h.start:h.end], h.kind, h.fixed) for h in m.find(text)]


def test_each_kind_of_single_edit_is_found():
    m = matcher("乡村振兴示范带建设")
    assert found(m, "推进乡村振示范带建设。") == [("乡村振示范带建设", "missing", "乡村振兴示范带建设")]
    assert found(m, "推进乡村振兴示范范带建设。")[0][1] == "extra"
    assert found(m, "推进乡村振星示范带建设。")[0][1] == "wrong"
    assert found(m, "推进乡村兴振示范带建设。")[0][1] == "swapped"


def test_swap_across_the_middle_is_found():
    m = matcher("生态文明示范区")
    for i in range(1, 5):
        s = list("生态文明示范区")
        s[i], s[i + 1] = s[i + 1], s[i]
        assert found(m, "建设" + "".join(s) + "。"), "".join(s)


def test_exact_and_distant_text_is_silent():
    m = matcher("乡村振兴示范带建设")
    assert found(m, "推进乡村振兴示范带建设。") == []
    assert found(m, "推进乡村全面振兴，示范引领。") == []


def test_edges_belong_to_the_neighbouring_words():
    m = matcher("中国共产党")
    assert found(m, "团结全国共产党员。") == []  # 国共产党 + 全: a substitution at the edge
    assert found(m, "中国共产党员") == []


def test_an_open_edge_counts():
    m = FuzzyMatcher([Pattern("市长张三", "x", open_end=True)], (), NUMERALS)
    assert found(m, "市长张山主持会议") == [("市长张山", "wrong", "市长张三")]


def test_numbers_and_levels_are_content():
    m = matcher("##届#中全会", "省人民政府办公厅", levels="省市县")
    assert found(m, "十九届六中全会") == []
    assert found(m, "市人民政府办公厅") == []
    assert found(m, "十九届六种全会") == [("十九届六种全会", "wrong", "十九届六中全会")]


def test_a_numeral_excuses_only_a_numeral():
    m = matcher("两个责任清单")
    assert found(m, "落实两个责任青单。")  # 青 for 清: a typo, though 两 is a numeral elsewhere
    assert found(m, "落实三个责任清单。") == []


def test_correct_strings_shield_what_they_contain():
    m = matcher("全面建成小康社会", shields=["全面建设小康社会"])
    assert found(m, "全面建设小康社会") == []
    assert found(m, "全面建城小康社会")


def test_punctuation_inside_is_not_a_typo():
    m = matcher("乡村振兴示范带建设")
    assert found(m, "乡村振兴，示范带建设") == []


def test_two_missing_characters_only_in_long_strings():
    long = matcher("习近平新时代中国特色社会主义思想")
    assert found(long, "以习近平新时代中国特色社会思想为指导")[0][1] == "missing"
    short = matcher("社会治理现代化")
    assert found(short, "社会治现代") == []


def test_a_long_text_finds_each_near_miss_once():
    """Every repetition's near miss is found, once, at its place: the anchored pass does not
    lose or double candidates as the text grows (its cost is timed in benchmarks/speed)."""
    m = matcher("乡村振兴示范带建设", "中国特色社会主义", "全面从严治党")
    unit = "推进乡村振兴，坚持中国特设社会主义，全面从严治党，示范带动。"
    for n in (1, 2000, 4000):
        hits = m.find(unit * n)
        assert len(hits) == n
        assert sorted(h.start % len(unit) for h in hits) == [unit.index("中国特设")] * n


def lint(code: str, text: str, values=None):
    linter = api.make_linter(values or {}, select=[code])
    return linter.lint(Document(path="x.txt", text=text))


@pytest.mark.parametrize("text", [
    "坚持和发展中国特色社会主义。",            # shorter formulation, itself correct
    "实现中华民族的伟大复兴。",                # a particle between words
    "全国统一市场建设。",                      # a one-character word left out of a short phrase
    "高质量开展对口支援。",                    # a wrong character that makes a common word
    "具有世界影响力的社会主义现代化国际大都市。",  # the edge belongs to the next word
    "省农业农村厅印发通知。",                  # an institution's type character
    "坚持统筹发展与安全，守住底线。",          # a one-character word inside for another common one
])
def test_trm007_variants_are_not_typos(text):
    assert lint("TRM007", text) == []


@pytest.mark.parametrize("text", [
    "坚定不移走中国特设社会主义道路。",
    "推动构建人类命运共同休。",
    "中国人民政治协商会议全国委圆会。",
    "推动构建人类命运共同休2024年取得进展。",  # a digit after the edge: no pair count to read
    "推动粤港澳大湾曲建设提速。",              # a one-character last word: 曲 is a word, as nearly any character is
    "依法提请全国人大常务委会审查。",          # 委会 after the added 务: the end is not in doubt, though 会审 is a word
])
def test_trm007_typos(text):
    assert [d.code for d in lint("TRM007", text)] == ["TRM007"]


def test_law_titles_exact_short_far_and_numbered():
    titles = LawTitles([("中华人民共和国行政复议法", "2023-09-01"), ("中华人民共和国刑法修正案（十一）", "2020-12-26"),
                        ("中华人民共和国国防法", "2020-12-26"), ("中华人民共和国国籍法", "1980-09-10")], NUMERALS)
    assert titles.nearest("中华人民共和国行政复议法") is None
    assert titles.nearest("行政复议法") is None  # the short form
    assert titles.nearest("中华人民共和国行政复仪法") == ("中华人民共和国行政复议法", "wrong")
    assert titles.nearest("中华人民共和国刑法修正案（十二）") is None  # another amendment
    assert titles.nearest("政府工作报告") is None
    assert titles.nearest("中华人民共和国国X法") is None  # 国防法 and 国籍法 are equally near


def test_repealed_titles_are_real_titles_but_never_a_correction():
    titles = LawTitles([("物业管理条例", "2018-03-19"), ("中华人民共和国城乡规划法", "2019-04-23")], NUMERALS,
                       repealed=["盐业管理条例", "中华人民共和国城市规划法"])
    assert titles.nearest("盐业管理条例") is None  # one character from 物业管理条例, and repealed
    assert titles.nearest("城市规划法") is None  # the short form too
    assert titles.nearest("物业管理条列") == ("物业管理条例", "wrong")
    assert titles.nearest("盐业管理条列") is None  # nearest a repealed title only: nothing to offer


def test_roster_from_configuration():
    values = {"rules": {"TRM009": {"roster": [{"name": "张三", "before": ["市长"]}], "builtin-roster": False}}}
    assert [d.message for d in lint("TRM009", "市长张山出席会议。", values)] == ["姓名或职务错字：“市长张山”应为“市长张三”"]
    assert lint("TRM009", "市长张三主持会议。", values) == []
    assert lint("TRM009", "国务院总理李墙主持会议。", values) == []  # the built-in list is off


def test_roster_entry_without_titles_is_refused():
    with pytest.raises(ValueError):
        api.make_linter({"rules": {"TRM009": {"roster": [{"name": "张三"}]}}}, select=["TRM009"])


def test_a_title_missing_a_character_next_to_the_name_is_the_titles():
    """The names shield only what lies inside them: a character missing between a name and its
    title is the title's (王五经理 for 王五总经理), while a former leader's name next to a
    title stays silent (李克强总理, one character from 李强总理)."""
    values = {"rules": {"TRM009": {"roster": [{"name": "王五", "after": ["总经理"]}], "builtin-roster": False}}}
    assert [d.message for d in lint("TRM009", "王五经理在签约仪式上致辞。", values)] == ["姓名或职务缺字：“王五经理”应为“王五总经理”"]
    assert lint("TRM009", "王五总经理出席签约仪式。", values) == []
    assert [d.message for d in lint("TRM009", "国务院总李强主持召开常务会议。")] == ["姓名或职务缺字：“国务院总李强”应为“国务院总理李强”"]
    assert lint("TRM009", "李克强总理在会上讲话。") == []


@pytest.mark.parametrize("text, reported", [
    ("一九八二年宪法的修正案，即《中华人民共和国宪法修正案》，由全国人大通过。", False),  # 宪法 for 刑法: another law
    ("原《中华人民共和国城市规划法》已于2008年废止。", False),  # 城市 for 城乡: a repealed law's own title
    ("按照《中华人民共和国个人所得税发》办理汇算清缴。", True),  # 发 for 法: one character is nearly always some word
    ("依据《中华人民共和国行政处罚发》作出决定。", True),
    ("依据《中华人民共和国行政处发法》作出决定。", True),  # 处发 is no word
])
def test_trm008_a_wrong_character_making_another_common_word_names_another_law(text, reported):
    assert bool(lint("TRM008", text)) == reported


def test_a_function_character_between_two_words_of_a_whole_name_is_a_variant():
    """毛泽东思想 is one word to the segmenter, but 毛泽东 and 思想 are words: 在 between them
    is a sentence about the man (毛泽东在思想上), while 务 in 全国人大常务委会 splits no words
    and 是 in 社会是主义 splits a longer string, not a name of two words."""
    assert lint("TRM007", "毛泽东在思想上、理论上作出了重大贡献。") == []
    assert lint("TRM007", "毛泽东在思想和实践中探索。") == []
    assert [d.code for d in lint("TRM007", "坚定走中国特色社会是主义道路。")] == ["TRM007"]
    assert [d.code for d in lint("TRM007", "依法提请全国人大常务委会审查。")] == ["TRM007"]


def test_after_a_numeral_only_a_slip_is_a_typo():
    """The noun after a numeral in a numbered slogan is content (三极一带一区 is Hainan's own
    slogan); a character that sounds or looks like the one meant there is still a typo."""
    from gongwen import api
    from gongwen.document import Document

    linter = api.make_linter({}, select=["TRM007"])

    def found(text: str) -> list[str]:
        return [text[d.start:d.end] for d in linter.lint(Document(path="x.txt", text=text))]

    assert found("提升“三极一带一区”能级。") == []
    assert found("推进“一带一区”建设。") == []
    assert found("统筹推进五位一身总体布局。") == []
    assert found("共建一带一陆。") == ["一带一陆"]
    assert found("统筹推进五位一休总体布局。") == ["五位一休总体布局"]
    assert found("严格落实中央八项规定精种。") == ["中央八项规定精种"]


def test_a_central_body_less_a_character_and_its_name_written_short():
    # the State Council's bodies (protected_phrases.toml, recalled group), each one character short
    for text in ("国家医疗保局公布了年度统计数据。", "国家林业和草局部署了森林防火工作。", "中央纪委国家委通报了典型问题。"):
        assert [d.code for d in lint("TRM007", text)] == ["TRM007"], text
    # official short forms: 委 for 委员会 with the text going on after it, 和 left out
    for text in ("国家民族事务委要会同有关部门抓好落实。", "国家卫生健康委会同有关部门印发通知。",
                 "住房城乡建设部、国家医保局联合发文。"):
        assert lint("TRM007", text) == [], text
