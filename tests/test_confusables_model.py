"""TYP013's evidence: the character trigram model and the decision built on it
(linter/analysis/char_model.py, rules/confusables.py). Sentences written for this test, not taken from
fixtures/typos or the corpus."""
from __future__ import annotations

import math
import random

import pytest

from gongwen.analysis import char_model as _char_model
from gongwen.analysis.evidence import USUAL
from gongwen.rules.confusables import suspects


def test_model_prefers_a_seen_trigram_and_backs_off_to_a_finite_score():
    lm = _char_model.model()
    assert lm.count("发展", "战") > 0  # 发展战略 is everyday official writing
    assert lm.span_score("发展战略", 3, "略") > lm.span_score("发展战略", 3, "落")
    never = lm.log_score("龘龘", "龘")  # nothing known: the character's floor, not -inf
    assert math.isfinite(never) and never < lm.log_score("", "的")


@pytest.mark.parametrize("text, at, meant", [
    ("坚持依法知国，建设法治政府。", 4, "治"),      # same reading, no word as written
    ("加快推进新型城镇话建设。", 8, "化"),
    ("会议审议通过了年度工作记划。", 11, "计"),     # similar shape and reading
])
def test_a_slip_that_makes_no_word_is_found_at_the_character(text, at, meant):
    found = [(s.at, s.meant) for s in suspects(text)]
    assert found == [(at, meant)]


@pytest.mark.parametrize("text", [
    "健全长效发展机制，巩固整治成果。",
    "稳步推进城乡结合部环境整治。",
    "“打早除小”专项行动取得实效。",            # a coined term in a short quotation
    "堅持依法知國，建設法治政府。",              # traditional script: TYP010's, not judged here
    "本次共表彰先进个人十二名。",
    "甲乙丙庚地",                                # 耕地 is a word, but nonsense is no context
])
def test_correct_or_out_of_scope_text_is_left_alone(text):
    assert suspects(text) == []


def test_importing_the_rule_loads_no_model():
    # The model is read on first use only: a run without TYP013 never pays for it.
    import importlib

    importlib.reload(_char_model)
    assert _char_model.model.cache_info().currsize == 0


# --- TYP014: the confident part of TYP013 -------------------------------------------------

from gongwen.rules import confusables  # noqa: E402


@pytest.mark.parametrize("text, at, meant", [
    ("依法维护职工合法权益，全年接特游客300万人次。", 14, "待"),  # both neighbours fit 待 only
    ("切实保樟群众用水安全。", 3, "障"),                          # a rare shape slip
    ("全面推进生活垃圾份类。", 8, "分"),
])
def test_a_confident_slip_is_found(text, at, meant):
    assert [(s.at, s.meant) for s in confusables.confident_suspects(text, text)] == [(at, meant)]


@pytest.mark.parametrize("text, why", [
    ("坚持涵养税源，不断为党的肌体注入新活力。", "the text as written is a dictionary word"),
    ("广大干部要敢于担当，知责而行。", "a clause's first character"),
])
def test_doubtful_evidence_is_left_to_typ013(text, why):
    assert confusables.suspects(text), "TYP013 suspects it: the test is of TYP014's principle"
    assert confusables.confident_suspects(text, text) == [], why


def test_a_name_is_read_as_written():
    lm = _char_model.model()
    # before a place ending it seldom pairs with (滆湖), not 保樟 before 妇女
    assert confusables._written_as_meant(lm, "大力实施滆湖治理", 4, "大力实施滆湖治理")
    assert not confusables._written_as_meant(lm, "依法保樟妇女儿童", 3, "依法保樟妇女儿童")
    # a rare character the document keeps using is its own name; once, it is judged
    assert confusables._written_as_meant(lm, "实施冀货出海", 2, "实施冀货出海。冀企出海。冀字号品牌。")
    assert not confusables._written_as_meant(lm, "实施冀货出海", 2, "实施冀货出海。")


def test_a_substitute_word_may_not_take_a_particle():
    lm = _char_model.model()
    # 地去 is as rare as 包护's 包护 and 区 fits both sides, but 地 is the adverbial particle
    assert lm.pair_count("地去") < USUAL and lm.pair_count("区实") >= USUAL
    particle = confusables.Suspect(5, "去", "区", "地区", 12.0, 4)
    assert not confusables._substitute_fits(lm, "坚定不移地去实现", 5, 4, particle)
    content = confusables.Suspect(4, "包", "保", "保护", 15.0, 4)
    assert confusables._substitute_fits(lm, "加强耕地包护", 4, 4, content)


def _plain_confident(text: str) -> list:
    """TYP014's definition without the shortcut: every suspect of the plain scan, kept when it
    does not open its run, is no function character and no numeral (TYP013 judges a numeral
    that reads as no number, round 22; TYP014 none), stands in no set phrase (``_set_phrase``)
    and passes ``_beyond_doubt``."""
    kept = []
    for s in confusables.suspects(text):
        run = next(r for r in confusables._HAN_RUN.finditer(text) if r.start() <= s.at < r.end())
        i = s.at - run.start()
        if i == 0 or s.written in confusables._function_chars() or s.written in confusables._NUMERALS:
            continue
        if confusables._set_phrase(text, run.start(), run.end(), s.at):
            continue
        if confusables._beyond_doubt(_char_model.model(), run.group(), i, s.word_at - run.start(), s, text):
            kept.append(s)
    return kept


def _spoiled_sentences(seed: str, n: int) -> list[str]:
    """Sentences of official writing with one to three characters replaced by a candidate
    that sounds or looks like them: many suspects, confident and not."""
    rnd = random.Random(seed)
    base = ["全面推进乡村振兴，加快建设农业强省。", "持续优化营商环境，激发市场主体活力。",
            "依法保障妇女儿童合法权益。", "扎实做好防汛抗旱各项准备工作。", "深入开展农村人居环境整治。",
            "城乡居民人均可支配收入增长百分之六。", "坚决守住不发生规模性返贫的底线。",
            "加强耕地保护，严守耕地红线。", "推动科技创新和产业创新深度融合。", "严厉打击电信网络诈骗犯罪。",
            "开展“保障安全”和“科技创新”行动，推进“放管服”改革。"]  # slips inside short quotes are not judged
    return spoil(rnd, base, n)


def spoil(rnd: random.Random, base: list[str], n: int) -> list[str]:
    """``n`` sentences drawn from ``base``, each with one to three characters replaced by a
    candidate that sounds or looks like them (also used by test_confusables_screens.py)."""
    table = _char_model.candidates()
    out = []
    for _ in range(n):
        s = list(rnd.choice(base))
        for _ in range(rnd.randint(1, 3)):
            k = rnd.randrange(len(s))
            options = table.get(s[k])
            pool = options and (options.same_sound + options.near_sound + options.shape)
            if pool:
                s[k] = rnd.choice(pool)
        out.append("".join(s))
    return out


def test_judging_only_open_positions_finds_what_the_plain_scan_finds():
    texts = _spoiled_sentences("typ014", 1500)
    found = 0
    for text in texts:
        fast = confusables.confident_suspects(text, text)
        assert fast == _plain_confident(text), text
        found += len(fast)
    assert found > 100  # the spoiled sentences hold enough confident slips to test both answers


def test_a_too_narrow_shortcut_would_be_caught(monkeypatch):
    """The comparison above can fail: judging only characters unusual on both sides loses
    slips at a clause's end (生太) and next to a usual pair (保樟妇 has 樟妇 rare, 保樟 rare,
    but 接特游: 特游 is usual)."""
    def both_sides(lm, table, s):
        for i in range(1, len(s)):
            c = s[i]
            if c in confusables._NUMERALS or c in confusables._function_chars() or c not in table:
                continue
            if lm.pair_count(s[i - 1:i + 1]) < USUAL and i + 1 < len(s) and lm.pair_count(s[i:i + 2]) < USUAL:
                yield i

    monkeypatch.setattr(confusables, "_open_positions", both_sides)
    assert any(confusables.confident_suspects(t, t) != _plain_confident(t) for t in _spoiled_sentences("typ014", 1500))


def test_a_form_the_document_writes_again_is_its_own_term():
    # once, 保樟 is a slip; a document that writes it again means it (a term it defines)
    once = "依法保樟妇女儿童合法权益。"
    assert [s.meant for s in confusables.confident_suspects(once, once)] == ["障"]
    again = once + "本办法所称保樟，是指专项资金。"  # 樟 twice: too few for a rare character's name
    assert confusables.confident_suspects(once, again) == []
    # the right form written elsewhere is no excuse for the slip
    assert confusables.confident_suspects(once, once + "保障有力。") != []


# --- TYP013 in running text: what the text around a suspect explains ----------------------

from gongwen.analysis.evidence import in_parallel_frame  # noqa: E402


@pytest.mark.parametrize("text, at, expected", [
    ("推进政社分开、政资分开。", 8, True),         # 政_分 framed again two characters before
    ("由先审后批改为先批后审。", 2, True),          # 先_后 holds 审, then 批: both are slots
    ("由先审后批改为先批后审。", 8, True),
    ("由先审后批改为先批后审。", 3, False),         # 审_批 is framed nowhere else
    ("知重而担、知责而行。", 6, True),
    ("推进政社分开。另外，政资分开。", 11, False),   # the frame is more than six characters away
    ("，资，又，事，", 1, False),                    # punctuation frames anything: no parallel
    ("加强资金管理。", 2, False),
])
def test_a_character_framed_like_its_neighbour_phrase_is_a_slot(text, at, expected):
    assert in_parallel_frame(text, at) is expected


def test_plausible_suspects_keep_a_slip_and_leave_the_parallel_slot():
    slip = "深入打好污染防冶攻坚战。"
    assert [(s.at, s.meant) for s in confusables.plausible_suspects(slip, slip)] == [(7, "治")]
    framed = "推进政府与市场分开、政社分开、政资分开。"
    assert confusables.suspects(framed), "the model alone suspects 资: the test is of the frame"
    assert confusables.plausible_suspects(framed, framed) == []


def test_plausible_suspects_leave_a_form_the_document_writes_again():
    once = "深入打好污染防冶攻坚战。"
    assert confusables.plausible_suspects(once, once + "防冶工作有序推进。") == []


@pytest.mark.parametrize("text, why", [
    ("全县各级党组织要切实履行职责。", "全县: official writing uses the form"),
    ("当地村民生活物资严重匮乏。", "严重缺乏: no window official writing writes often"),
    ("他处置突发情况十分机智。", "十分机制: the model does not even suspect it"),
])
def test_a_word_of_general_usage_is_left_alone_unless_official_context_calls_for_another(text, why):
    assert confusables.plausible_suspects(text, text) == [], why


def test_an_everyday_word_official_writing_never_uses_is_judged_by_its_collocation():
    # 机智 is a word (wordfreq has it) official writing never uses; 保障机制 is a window it
    # writes often. 服务水平 likewise for 水瓶.
    text = "加快完善社会保障机智，全面提升医疗服务水瓶。"
    assert [(s.at, s.meant) for s in confusables.plausible_suspects(text, text)] == [(9, "制"), (20, "平")]
    assert confusables._out_of_place("社会保障机智", 4, "机制")
    assert not confusables._out_of_place("机智", 0, "机制"), "no context beside the word"
    assert not confusables._out_of_place("全县各级", 0, "全省"), "a form official writing uses"
    assert not confusables._out_of_place("直接攸关", 2, "有关"), "a rare character chosen on purpose"
    assert _char_model.collocation_count("直接有关") >= confusables.COLLOCATION, "the test is of the rare character"
    assert _char_model.collocation_count("保障机制") >= confusables.COLLOCATION
    assert _char_model.collocation_count("保障机智") == 0


@pytest.mark.parametrize("stride, every", [(1, 1), (_char_model.INDEX_STRIDE, 1), (300_000, 97), (10_000_000, 997)])
def test_a_line_found_through_the_index_is_the_line_of_a_dict(monkeypatch, stride, every):
    """CharacterModel finds a context's line through a sparse index of the file's bytes: it
    finds the same line as a dict of all lines of the decoded text for every context of the
    file, and none for contexts it lacks (before the first, after the last, between two, a
    prefix of one, a lone surrogate), with index entries every line, far apart, or only the
    first (every ``every``-th context of the file then: a stretch that long is searched whole)."""
    text = _char_model.lexicon.text("official_trigrams.txt")
    lines = dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    asked = sorted(lines)[::every] + ["", "\u0001", "\U0010ffff", "丙庚", "发展展", "的的的", "发", "\n发", "发\t",
                                      "\ud800", "发\udfff"]
    monkeypatch.setattr(_char_model, "INDEX_STRIDE", stride)
    model = _char_model.CharacterModel(_char_model.lexicon.binary("official_trigrams.txt"))
    assert [model._line(c) for c in asked] == [lines.get(c) for c in asked]


def test_a_line_missed_by_a_wrong_index_is_caught(monkeypatch):
    """The comparison above can fail: an index whose entries point one line past the line
    of their context (the search then misses that line) loses lines."""
    text, data = _char_model.lexicon.text("official_trigrams.txt"), _char_model.lexicon.binary("official_trigrams.txt")
    lines = dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))
    model = _char_model.CharacterModel(data)
    keys, starts = model._lines._build_index()
    model._lines._index = keys, [starts[0]] + [data.index(b"\n", s) + 1 for s in starts[1:-1]] + [len(data)]
    assert [model._line(c) for c in sorted(lines)] != [lines[c] for c in sorted(lines)]


def test_a_pair_read_from_its_line_as_written_is_the_parsed_count():
    """pair_count searches the first character's line as written until the line is parsed:
    the same count for every pair the model lists, 0 for pairs it lacks (digits included: a
    count's digits are no item's head)."""
    text = _char_model.lexicon.text("official_trigrams.txt")
    lines = [line.split("\t", 1) for line in text.splitlines()
             if line and not line.startswith("#") and len(line.split("\t", 1)[0]) == 1]
    data = _char_model.lexicon.binary("official_trigrams.txt")
    searching, parsing = _char_model.CharacterModel(data), _char_model.CharacterModel(data)
    for first, raw in lines:
        following = parsing.following(first)
        asked = [*following, "1", "0", "丙", "\U0002a6d6"]
        assert [searching.pair_count(first + c) for c in asked] == [following.get(c, 0) for c in asked], first
    assert not searching._parsed  # every answer came from the lines as written


def test_a_trigram_read_from_its_line_as_written_is_the_parsed_count():
    """count searches a two-character context's line as written until the line is parsed: the
    same count for every trigram of every 5th context of the model, 0 for characters the line
    lacks (digits included: a count's digits are no item's head); no item counts 0, so a count
    above 0 is membership in the parsed line."""
    text = _char_model.lexicon.text("official_trigrams.txt")
    contexts = [line.split("\t", 1)[0] for line in text.splitlines()
                if line and not line.startswith("#") and len(line.split("\t", 1)[0]) == 2][::5]
    data = _char_model.lexicon.binary("official_trigrams.txt")
    searching, parsing = _char_model.CharacterModel(data), _char_model.CharacterModel(data)
    for context in contexts + ["丙庚", "发\udfff"]:
        following = parsing.following(context)
        assert all(following.values()), context
        asked = [*following, "1", "0", "5", "丙", "\U0002a6d6"]
        assert [searching.count(context, c) for c in asked] == [following.get(c, 0) for c in asked], context
    assert len(contexts) > 10_000 and not searching._parsed


def test_a_candidate_line_parsed_when_asked_is_the_line_parsed_at_once():
    """candidates() parses a character's line when first asked about it: the same Candidates
    for every character of the file, in the file's order, and none for characters it lacks
    (the header's, a tab, a character of no line)."""
    text = _char_model.lexicon.text("character_candidates.txt")
    eager = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            char, same, near, shape = line.split("\t")
            eager[char] = _char_model.Candidates(same, near, shape)
    table = _char_model.CandidateTable(_char_model.lexicon.binary("character_candidates.txt"))
    assert list(table) == list(eager) and len(table) == len(eager)
    assert {c: table[c] for c in eager} == eager
    assert [c in table for c in ("#", "\t", "a", "\U0002a6d6")] == [False] * 4
    assert table.get("a") is None


# --- the substitute's word: common in the dictionary or in official writing ----------------


def _dictionary_only(lm, s, i, meant, word, word_at):
    return False


@pytest.mark.parametrize("text, at, meant", [
    ("推动企业降本赠效。", 6, "增"),        # 增效: jieba 24, official writing 153
    ("深入推进企业提质赠效。", 8, "增"),
    ("完善城乡抵保制度。", 4, "低"),        # 低保: jieba 40 (round 19: counted without the checking half)
])
def test_a_word_official_writing_made_common_is_evidence(monkeypatch, text, at, meant):
    assert [(s.at, s.meant) for s in confusables.plausible_suspects(text, text)] == [(at, meant)]
    monkeypatch.setattr(confusables, "_common_here", _dictionary_only)
    monkeypatch.setattr(confusables, "_official_word", lambda s, i, meant: None)  # 提质增效 is there too
    # and the rare-word test (round 23): 增效 and 低保 are in the dictionary, and the margin is wide
    monkeypatch.setattr(confusables, "_rare_word", lambda lm, s, i, meant, margin: None)
    confusables._window_verdict.cache_clear()
    try:
        assert confusables.plausible_suspects(text, text) == []  # the dictionary alone misses it
    finally:
        confusables._window_verdict.cache_clear()


@pytest.mark.parametrize("text", [
    "车间应当设置泄爆装置。",   # 易爆 is common, but official writing has no 置易爆 or 易爆装
    "在厂房设置泄爆面积。",
])
def test_official_writing_must_know_the_word_at_that_place(monkeypatch, text):
    assert confusables.plausible_suspects(text, text) == []

    def anywhere(lm, s, i, meant, word, word_at):
        return lm.phrase_count(word) >= confusables.FREQUENT_WORD

    monkeypatch.setattr(confusables, "_common_here", anywhere)
    confusables._window_verdict.cache_clear()
    try:
        assert confusables.plausible_suspects(text, text) != []  # the test is of the place
    finally:
        confusables._window_verdict.cache_clear()


def test_a_pair_mostly_heading_one_longer_word_is_no_word_of_its_own(monkeypatch):
    lm = confusables.model()  # the rule's (a test above reloads char_model)
    assert lm.phrase_count("高质") < confusables.FREQUENT_WORD <= lm.pair_count("高质")  # 高质量
    assert lm.phrase_count("资金") > confusables.FREQUENT_WORD
    text = "推进高值医用耗材集中采购。"  # round 19: 和高值 was the checking half's evidence
    assert confusables.plausible_suspects(text, text) == []
    monkeypatch.setattr(type(lm), "phrase_count",
                        lambda self, p: self.pair_count(p) if len(p) == 2 else min(
                            self.count(p[k:k + 2], p[k + 2]) for k in range(len(p) - 2)))
    confusables._window_verdict.cache_clear()
    try:
        assert [s.meant for s in confusables.plausible_suspects(text, text)] == ["质"]
    finally:
        confusables._window_verdict.cache_clear()


@pytest.mark.parametrize("text, at, alone", [
    ("既要积极进取，又利于稳定预期。", 7, True),     # opens its run
    ("产量已相当或接近全国平均水平。", 5, True),     # after the word 相当
    ("我们要坚定不移地去落实。", 8, True),           # after the function character 地
    ("对违规企业依法予已查处。", 8, False),          # after 予, which ends no word
    ("全力推进园区基础设施建没。", 11, False),       # after 建
    ("不致引起物价大的震动。", 7, True),             # a particle follows any character
    ("各部门要大力之持民营经济。", 6, False),         # but 持 alone is no word: 支持
    ("这是全市经济之所以稳步回升的原因。", 6, True),  # 所以 follows the particle
    ("深化国有企业该革，提高核心竞争力。", 6, False),  # after 企业, but 革 then opens no word
    ("会议要求切实增强正治意识。", 8, False),         # 治意识 is no word
    ("他们还能够按时完成。", 2, True),                # the word 能够 follows
    ("这项工作已经完成，效果也很好。", 11, True),     # the function character 很 follows
    ("全县已三年未发生重大事故。", 2, True),          # a numeral follows
    ("学员将赴柘塘镇实地观摩。", 2, True),            # 赴 alone (4,943): over ten times 赶赴 (173)
])
def test_a_function_character_stands_alone_between_words(text, at, alone):
    start = confusables._HAN_BEFORE.match(text, 0, at).start()
    end = confusables._HAN_AFTER.match(text, at).end()
    assert confusables._stands_alone(text, start, end, at, confusables._function_chars()) is alone


@pytest.mark.parametrize("text, meant", [
    ("深化国有企业该革，提高核心竞争力。", ["改"]),   # 革 opens no word; 改革 19,018, 革 1,242
    ("要加快推进国企该革。", ["改"]),
    ("会议要求切实增强正治意识。", ["政"]),           # 治意识 is no word; 政治 24,866, 治 7,500
    ("学员将赴柘塘镇实地观摩。", []),                  # 赴 alone 4,943, ten times 赶赴 (173)
    ("工作组将赴各县开展督导。", []),
    ("代表们还将对执法情况进行视察。", []),            # 对 a function character
    ("物价指数只升不降。", []),
    ("该局正研究制定实施方案。", []),                  # 研究 a word
])
def test_a_function_character_is_judged_unless_a_word_follows_it(text, meant):
    """The veto on a function character standing alone asks both its sides: before a character
    that opens no word, and that a candidate makes a much commoner word with, it stands between
    no words (国有企业该|革). Without the right side, every case found here is vetoed."""
    assert [s.meant for s in confusables.plausible_suspects(text, text)] == meant


@pytest.mark.parametrize("text, word, word_at, expected", [
    ("二组负责服务望湖街道。", "服务网", 4, True),
    ("第三小组　服务望湖村", "服务网", 5, True),
    ("二组负责服务望湖总局。", "服务网", 4, False),   # no settlement ending: 总局 ends words too
    ("二组负责服务望湖街道。", "网湖", 6, False),      # the substitute's word goes on past it
])
def test_a_suspect_opening_a_place_name_is_left_alone(text, word, word_at, expected):
    at = text.index("望")
    suspect = confusables.Suspect(at, "望", "网", word, 10.0, word_at)
    assert confusables._opens_place_name(text, suspect) is expected


@pytest.mark.parametrize("text, expected", [
    ("1. 清河区好味来面包店；", True),
    ("白鹭县青禾农业发展有限公司", True),
    ("清河区好味来面包店开业。", False),          # the run goes on: no name's end in sight
    ("清河区好味来面包房；", False),              # no organisation form
    ("清河区推进好味来面包店", False),            # too far from the division's name
])
def test_a_character_of_a_trade_name_is_left_alone(text, expected):
    at = text.index("味") if "味" in text else text.index("禾")
    assert confusables._in_trade_name(text, at) is expected


def _collocation_build_script():
    from support import ROOT, load_script

    return load_script(ROOT / "rules" / "data" / "build_official_collocations.py", "build_official_collocations")


def test_the_collocation_table_follows_the_rule_s_terms():
    """data/official_collocations.txt is counted with TYP013's terms: every window seen
    ``COLLOCATION`` times or more and holding a target word (``is_target``: RARE_FORM,
    COMMON_CHAR, FREQUENT_WORD) at its start or end. Rebuild it after changing them (the
    corpus is needed for the counts; the targets of 500 windows drawn at random are checked
    here, all 11,000 take ~10 s)."""
    from gongwen.analysis import lexicon

    build = _collocation_build_script()
    rows = [line.split("\t") for line in lexicon.entry_lines("official_collocations.txt")]
    assert rows and min(int(count) for _, count in rows) >= confusables.COLLOCATION
    slips = build.could_write()
    sample = random.Random("official-collocations").sample(rows, 500)
    stray = [w for w, _ in sample if not (build.is_target(w[:2], slips) or build.is_target(w[2:], slips))]
    assert stray == []


def _plain_in_trade_name(text: str, at: int) -> bool:
    """``_in_trade_name`` as defined: the run followed to both its ends."""
    divisions, forms = confusables._enterprise_name_parts()
    lo = confusables._HAN_BEFORE.match(text, 0, at).start()
    if not any(text[k] in divisions for k in range(max(lo, at - confusables.TRADE_NAME), at)):
        return False
    end = confusables._HAN_AFTER.match(text, at).end()
    return end - at <= confusables.ENTERPRISE_NAME and text[at:end].endswith(forms)


def test_a_trade_name_searched_as_far_as_a_name_reaches_is_the_whole_run_s():
    rnd = random.Random("trade-names")
    pieces = ["县", "区", "市", "好", "味", "来", "有限公司", "店", "合作社", "农业", "，", "1", "\n"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14))) for _ in range(4000)]
    answers = [(_plain_in_trade_name(t, at), confusables._in_trade_name(t, at)) for t in texts for at in range(len(t))]
    assert all(plain == fast for plain, fast in answers)
    assert sum(plain for plain, _ in answers) > 1000  # the texts hold enough trade names to mean something


def _plain_out_of_place(s: str, word_at: int, word: str) -> bool:
    """``_out_of_place`` as first written: the whole run copied with the substitute in it."""
    lm = _char_model.model()
    written = s[word_at:word_at + 2]
    if len(word) != 2 or lm.phrase_count(written) >= confusables.RARE_FORM:
        return False
    if any(lm.chars.get(c, 0) < confusables.COMMON_CHAR for c in written):
        return False
    t = s[:word_at] + word + s[word_at + 2:]
    return any(_char_model.collocation_count(t[a:a + 4]) >= confusables.COLLOCATION
               for a in (word_at - 2, word_at) if a >= 0 and a + 4 <= len(t))


def test_the_collocation_asked_of_a_window_is_the_whole_run_s():
    from gongwen.analysis import lexicon

    rnd = random.Random("collocations")
    windows = [line.split("\t")[0] for line in lexicon.entry_lines("official_collocations.txt")]
    slips = _collocation_build_script().could_write()
    cases = []
    for window in rnd.sample(windows, 3000):
        k = rnd.choice((0, 2))  # the target word at the window's start or end
        word = window[k:k + 2]
        j = rnd.randrange(2)
        written = word[:j] + rnd.choice(sorted(slips.get(word[j], {word[j]}))) + word[j + 1:]
        prefix = rnd.choice(windows)[:rnd.randint(0, 4)]
        s = prefix + window[:k] + written + window[k + 2:] + rnd.choice(windows)[:rnd.randint(0, 4)]
        cases.append((s, len(prefix) + k, word))
    answers = [(_plain_out_of_place(*c), confusables._out_of_place(*c)) for c in cases]
    assert all(plain == fast for plain, fast in answers)
    assert sum(plain for plain, _ in answers) > 100


@pytest.mark.parametrize("text, at, meant, word", [
    ("全区共改造老救小区十二个。", 6, "旧", "老旧小区"),      # the dictionary has no 老旧
    ("推进紧密型县域医公体建设。", 8, "共", "医共体"),        # nor 医共体
    ("加快构建普惠拖育服务体系。", 6, "托", "普惠托育"),
    ("加快推进专精特心企业培育。", 7, "新", "专精特新"),      # jieba has it, once
])
def test_a_slip_in_a_word_only_official_writing_counts_is_found(text, at, meant, word):
    found = [(s.at, s.meant, s.word) for s in confusables.plausible_suspects(text, text)]
    assert found == [(at, meant, word)]


@pytest.mark.parametrize("text", [
    "全区共改造老旧小区十二个。",
    "推进紧密型县域医共体建设。",
    "加快构建普惠托育服务体系。",
    "加快推进专精特新企业培育。",
])
def test_the_official_words_written_right_are_left_alone(text):
    assert confusables.plausible_suspects(text, text) == []


def test_an_official_word_takes_no_character_from_a_dictionary_word_beside_it():
    assert confusables._official_word("改造老救小区", 3, "旧")[:2] == ("老旧小区", 2)
    # 区 is 区域's: not 雄安新区 (老旧, the round-14 example, was official only through the checking half)
    assert confusables._official_word("建设雄按新区", 3, "安")[:2] == ("雄安新区", 2)
    assert confusables._official_word("雄按新区域", 1, "安")[:2] == ("雄安", 0)
    assert confusables._official_word("改造老救小区", 3, "就") is None  # no word with 就


def test_the_official_words_are_read_only_where_the_dictionary_has_no_common_word():
    _char_model._official_words.cache_clear()
    confusables._window_verdict.cache_clear()
    assert [s.meant for s in suspects("加快推进新型城镇话建设。")] == ["化"]  # 城镇化: jieba's
    assert _char_model._official_words.cache_info().currsize == 0
    assert [s.meant for s in suspects("全区共改造老救小区十二个。")] == ["旧"]
    assert _char_model._official_words.cache_info().currsize == 1


def _official_words_build_script():
    from support import ROOT, load_script

    return load_script(ROOT / "rules" / "data" / "build_official_words.py", "build_official_words")


def test_the_official_words_table_follows_the_rule_s_terms():
    """data/official_words.txt holds words of official writing jieba lacks or undercounts
    (under FREQUENT_WORD), seen at least as often as the judge asks (OFFICIAL_WORD), each on
    the line of its first two characters, none made of function characters alone.
    Rebuild it after changing the terms (the corpus is needed for the counts)."""
    from gongwen.analysis import lexicon
    from gongwen.analysis.evidence import word_count

    build = _official_words_build_script()
    assert build.MIN_COUNT <= confusables.OFFICIAL_WORD
    function_chars = frozenset(lexicon.table(lexicon.FUNCTION_CHARS)["tags"])
    words = []
    for line in lexicon.entry_lines("official_words.txt"):
        key, rest = line.split("\t")
        items = rest.split(" ")
        for word, count in zip(items[::2], items[1::2]):
            assert word.startswith(key) and min(2, build.MIN_LENGTH) <= len(word) <= build.MAX_LENGTH, word
            assert int(count) >= build.MIN_COUNT and not function_chars.issuperset(word), word
            words.append(word)
    assert len(words) > 1000
    sample = random.Random("official-words").sample(words, 500)
    assert [w for w in sample if word_count(w) >= confusables.FREQUENT_WORD] == []


def test_an_official_word_outweighs_a_dictionary_word_official_writing_never_writes():
    # 老化 304 against 老话 111 in the dictionary: it cannot tell them apart; official writing
    # writes 适老化 29 times and 老话 never.
    text = "加快实施居家适老话改造工程。"
    assert [(s.at, s.meant, s.word) for s in confusables.plausible_suspects(text, text)] == [(8, "化", "适老化")]
    lm = _char_model.model()
    assert lm.phrase_count("老话") * confusables.WORD_RATIO <= 29 < confusables.WORD_RATIO * confusables.word_count("老话")


def test_an_administrative_level_written_for_another_is_no_slip():
    # The counted texts are national and provincial: 请省政协 is an official word there.
    assert _char_model.official_words_beginning("请省").get("请省政协", 0) >= confusables.OFFICIAL_WORD
    text = "会议邀请县政协委员列席。"
    assert confusables.plausible_suspects(text, text) == []
    assert confusables._official_word("并请县政协委员", 2, "省") is None


def test_a_written_word_official_writing_writes_together_outweighs_the_official_word():
    # 常委 is mostly the head of 常委会 (phrase_count 0), but official writing writes its two
    # characters together 120 times: 各级常委 is no slip for 各级党委 (22).
    lm = _char_model.model()
    assert confusables._official_word("各级常委和政府", 2, "党")[:2] == ("各级党委", 0)
    assert lm.phrase_count("常委") * confusables.WORD_RATIO <= 22, "counted as a unit, it would pass"
    assert confusables._window_verdict(lm, "各级常委和政府", 2, "党") is None


def test_a_written_word_that_reaches_past_the_official_word_is_read_as_written():
    # 事业|兴衰: the written word 兴衰 ends past 事业性, so the two readings cut the text
    # differently and the written one is a word.
    lm = _char_model.model()
    assert confusables._official_word("事业兴衰", 2, "性")[:2] == ("事业性", 0)
    assert confusables._best_word("事业兴衰", 2, "兴", whole=False) == ("兴衰", 2)
    assert confusables._written_together(lm, "兴衰") * confusables.WORD_RATIO <= 93, "only the cut decides"
    assert confusables._window_verdict(lm, "事业兴衰", 2, "性") is None


@pytest.mark.parametrize("text, expected", [
    ("持续优化营商还境，激发市场主体活力。", [("还", "环")]),   # 营商环境 takes 商 and 境
    ("开展农村人居环境正治行动。", [("正", "整")]),             # 人居环境整治 takes 境 and 治
    ("营商还要讲诚信。", []),                                   # 还 before 要: no official word holds 要
    ("我们要坚定不移地去落实。", []),                           # 去 after the particle 地
])
def test_a_function_character_glued_inside_an_official_word_is_judged(text, expected):
    # 还 after the word 营商 could stand alone (营商|还|…), but a candidate for it makes with both
    # neighbours a word official writing writes often (营商环境 231): the run reads as that word.
    assert [(s.written, s.meant) for s in confusables.plausible_suspects(text, text)] == expected


def test_the_glue_needs_both_neighbours_inside_the_official_word():
    text = "持续优化营商还境"
    assert confusables._glued_in_official_word(text, 0, len(text), 6)
    assert not confusables._glued_in_official_word(text[:7], 0, 7, 6)  # the run ends at 还: no 境


@pytest.mark.parametrize("text, meant", [
    ("进一步提高城真化率。", "镇"),     # 高城 (19) is a fragment: 提高 (16,882) keeps 高
    ("年末提高城镇花率两个百分点。", "化"),
])
def test_a_dictionary_fragment_takes_nothing_from_an_official_word(text, meant):
    assert [(s.meant, s.word) for s in confusables.plausible_suspects(text, text)] == [(meant, "城镇化率")]


def test_a_neighbour_word_that_keeps_its_outer_character_still_takes_from_an_official_word():
    # 区域: nothing after 域 claims it, so 区 is 区域's and 雄安新区 is no reading here.
    assert confusables._official_word("雄按新区域", 1, "安")[0] != "雄安新区"
    assert confusables._official_word_whole("提高城镇化率", 2, 6, 3)
    assert confusables._pair_keeps("提高城镇", 1, outer_left=True) is False   # 提高 claims 高
    assert confusables._pair_keeps("小区域", 1, outer_left=False) is True


def test_a_pair_of_single_tokens_enters_the_official_words_only_when_it_hangs_together():
    from collections import Counter

    build = _official_words_build_script()
    tokens = Counter({"托": 184, "育": 174, "日": 2685, "起": 1207})
    assert build.pair_holds("托育", 115, tokens)          # 62% of 托's, 66% of 育's single uses
    assert not build.pair_holds("日起", 791, tokens)      # 29% of 起's: 日起 merely meet
    assert not build.pair_holds("托育", 60, tokens)       # under 40% of 托's


@pytest.mark.parametrize("text, expected", [
    ("发展普会金融。", [("会", "惠", "普惠")]),                     # 普惠 170: no jieba word
    ("推动文绿融合发展。", [("绿", "旅", "文旅")]),                 # 文旅 191
    ("发展普惠金融。", []),
    ("推动文旅融合发展。", []),
])
def test_two_character_official_words_stand_in_for_the_dictionary(text, expected):
    assert [(s.written, s.meant, s.word) for s in confusables.plausible_suspects(text, text)] == expected


def test_a_written_word_reaching_past_the_official_word_is_a_reading_only_if_it_keeps_its_end():
    # 口缘 (jieba's, 3) reaches before 援疆, but 对口 (459) claims 口: a fragment, not a reading.
    text = "扎实做好对口缘疆工作。"
    assert [(s.meant, s.word) for s in confusables.plausible_suspects(text, text)] == [("援", "援疆")]
    assert confusables._reads_past("做好对口缘疆工作", 5, "口缘", 4, "援疆", 5) is False
    # 兴衰 reaches past 事业性 and nothing claims 衰: the text reads 事业|兴衰 as written.
    assert confusables._reads_past("事业兴衰", 2, "兴衰", 2, "事业性", 0) is True


def test_official_words_beginning_answers_as_the_search_of_the_file():
    # The heads' set answers a pair no line starts with, without searching the file: it must
    # answer every pair as the search does, for the table's own keys (every line), pairs one
    # character away from them and pairs of characters the table holds in no such order.
    lines = _char_model._official_words()
    keys = [key for key, _ in lines.items()]

    def searched(pair):
        line = lines.get(pair)
        if not line:
            return {}
        items = line.split(" ")
        return {items[k]: int(items[k + 1]) for k in range(0, len(items), 2)}

    chars = sorted({c for key in keys for c in key})
    rng = random.Random(17)
    pairs = keys + [key[0] + rng.choice(chars) for key in keys[:2000]] \
        + [rng.choice(chars) + rng.choice(chars) for _ in range(3000)] + ["", "请", "\ud800省"]
    assert sum(bool(searched(p)) for p in pairs) >= len(keys)  # the keys all head a line
    assert [_char_model.official_words_beginning(p) for p in pairs] == [searched(p) for p in pairs]
