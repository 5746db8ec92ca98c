"""TYP016's frames (rules/function_words.py, data/function_word_frames.toml): the one joined
pattern finds what trying every frame at every position finds, each frame reads a bounded
window (linear time), and every slip wakes the rule (its trigger characters and pairs)."""
from __future__ import annotations

import random
import re
import tomllib
from pathlib import Path
from re import _parser as sre_parse  # noqa: the parse tree, to find unbounded repeats

import pytest

from gongwen.analysis import lexicon
from gongwen.rules import function_words as fw
from gongwen.triggers import TriggerIndex

# Pieces the frames are made of, and some that veto or spoil them, so that random strings
# hold whole frames, frames cut short, vetoes and two frames of one character at one place.
PIECES = (list("再已以即象致需既代带至") * 3 + [
    "此", "这", "基础上", "过程中", "范围内", "的", "推进", "，", "。", "、", "2024年", "11月", "30日",
    "前", "底", "份", "县政府", "名义", "冒用", "经", "为", "核心", "抓手", "成", "列", "完工", "完成",
    "全部", "了", "于", "3月", "今年", "要", "又要", "也是", "是", "不", "然", "后", "一样", "那样",
    "现", "截", "直", "年", "2", "5", "必", "坚持", "在", "一", "得", "次", "立", "\n", "项目",
    "既", "代", "带", "至", "将", "来", "来访", "使", "使馆", "表大会", "好", "就", "征",
    # round 14, second round: 在次, 做为, 既使, 以至/以致, 其间, 必须/必需, 需知, 不只, 权利/权力
    "在", "次", "强调", "日", "做", "为民", "办实事", "作", "使用", "也", "造成", "以至", "以致",
    "其", "间", "会议", "此", "在此", "必须", "品", "所", "所必须", "知", "知识", "不只", "只",
    "十家", "权", "权利", "权力", "利", "力", "机关", "清单", "和义务", "讲", "又讲", "上述",
    "现有", "本周五", "下月底", "上周", "便", "便于", "便是", "关键", "意义", "所难免", "接再厉",
    "一如", "往", "力于",
    # round 15: 已便/已及/已后/已免, 可已/予已, 以经, 旨再/存再/实现再, 一在/在三/在度, 即定, 既日, 得确
    "便", "便利", "及", "及时", "后", "前", "来", "后移", "印发", "免", "免除", "可", "予", "加", "难",
    "不得", "认可", "已经", "经", "完工", "形成", "经济", "旨", "存", "储存", "正", "现", "实现",
    "所", "场所", "意", "同意", "一", "统一", "强调", "三", "三年", "度", "度汛", "荣获", "定", "目标",
    "得利益", "成事实", "刻", "刻苦", "日", "日益", "时", "时间", "得", "确", "确实", "确是",
])

# Denser: for each character with two frames, the pieces of both, so that both (and a veto
# of the first) often fall at one place (已县为核心名义, 已冒用县为核心名义).
DENSE = (["已", "县", "冒用", "为核心", "为", "名义", "成", "以", "，"],
         ["再", "此", "基础上", "2024年", "11月", "30日", "前", "，", "推进"],
         ["以", "于", "3月", "完工", "全部", "。", "得"],
         ["即", "然", "要", "又要", "是", "也是", "，", "立"],
         ["致", "截", "2", "年", "直", "以"],
         ["象", "就", "好", "一样", "那样", "征", "，", "现"],
         ["在", "次", "在次", "强调", "日", "存", "同志", "做", "为", "为民", "办实事", "为期", "看"],
         ["既", "使", "使用", "又使", "也", "即", "以至", "以致", "于", "造成", "，", "便", "便于", "便是"],
         ["再", "于", "关键", "根本", "就", "下月", "在", "拟", "，", "所难免", "所", "接再厉", "一如", "往", "即", "至", "力于"],
         ["其", "间", "其间", "会议", "在此", "穿插", "必须", "品", "所必须", "的", "需", "知", "知识", "所"],
         ["不只", "一次", "十家", "是", "权利", "权力", "机关", "清单", "和义务", "、", "义务"],
         ["已", "便", "便利", "及", "及时", "年", "印发", "后", "前", "前往", "免", "免除", "可", "认可",
          "予", "给予", "得", "不得", "已经", "经", "以", "完工", "经济", "，"],
         ["再", "在", "旨", "宗旨", "存", "储存", "实现", "现", "就业", "次", "一", "统一", "强调", "三",
          "三年", "度", "度汛", "荣获", "即", "既", "定", "目标", "日", "日益", "时", "时间", "得", "确",
          "确实", "是"],
         ["在次", "在", "次", "强调", "次日", "接再厉", "接", "一", "，"],
         ["的", "很", "非常", "开展", "抓", "扎实", "好", "之举", "目的", "很多", "工作", "讲", "。", "，", "再"])


def plain(text: str, held_to=lambda since: True):
    """Every frame tried at every position, in the file's order."""
    table, _ = fw.frames()
    for start in range(len(text)):
        for frame in table:
            end = fw._holds(frame, text, start, held_to)
            if end is not None:
                yield start, end, frame
                break


def random_texts(n: int, seed: int):
    rng = random.Random(seed)
    for i in range(n):
        pieces = DENSE[i // 2 % len(DENSE)] if i % 2 else PIECES
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))


def test_joined_pattern_finds_what_every_frame_tried_everywhere_finds():
    """The shortcut (one joined pattern, a later frame of the same character retried only
    where the first is vetoed) against the plain path, on 6,000 random strings. Checked to
    catch two wrong variants: without the retry (the first frame matching decides: 已冒用县为核心名义,
    the 名义 frame vetoed by 冒用 where the 为 frame holds), and the frames joined in the reverse
    order (已县为核心名义 then reads as the 为 frame, not the first in the file); round 15: an
    anchored frame (的, found at its 很) reported at its anchor instead of one before it."""
    checked = found = 0
    for text in random_texts(6000, seed=16):
        got = list(fw.slips(text))
        assert got == list(plain(text)), text
        checked += 1
        found += bool(got)
    assert checked == 6000 and found > 300  # the generator reaches the frames


def test_a_later_frame_holds_where_the_first_is_vetoed():
    assert [(s, f.meant) for s, _, f in fw.slips("已冒用县为核心名义")] == [(0, "以")]


def _unbounded(tree) -> bool:
    for op, av in tree:
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            if av[1] == sre_parse.MAXREPEAT or _unbounded(av[2]):
                return True
        elif op in (sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            if _unbounded(av[1]):
                return True
        elif op is sre_parse.SUBPATTERN:
            if _unbounded(av[-1]):
                return True
        elif op is sre_parse.BRANCH:
            if any(_unbounded(b) for b in av[1]):
                return True
    return False


def test_unbounded_is_caught():
    assert _unbounded(sre_parse.parse("再(?=[^，]*?名义)")) and not _unbounded(sre_parse.parse("再(?=[^，]{0,9}?名义)"))


@pytest.mark.parametrize("frame", lexicon.table(fw.FRAMES)["frame"], ids=lambda f: f["pattern"][:12])
def test_every_frame_reads_a_bounded_window(frame):
    """A frame looks at most a fixed number of characters past the written one, so the scan
    is linear in the text whatever it holds (a 1 MB line of the trigger characters below)."""
    assert frame["pattern"].startswith(frame["written"])
    assert not _unbounded(sre_parse.parse(frame["pattern"]))
    assert "unless" not in frame or not _unbounded(sre_parse.parse(frame["unless"]))


@pytest.mark.parametrize("unit", ["再已以即象致需既代带至", "再此基础上，", "已县政府名义", "以完工。截致",
                                  "在次强调做为其间不只一次权利机关", "做为为为为为为为为为为为为为服务"])
def test_a_megabyte_line_of_trigger_characters(unit):
    n = 1_000_000 // len(unit)
    once, twice = (sum(1 for _ in fw.slips(unit * k)) for k in (1, 2))
    assert sum(1 for _ in fw.slips(unit * n)) == once + (twice - once) * (n - 1)


def _case_texts(rng: random.Random, n: int) -> list[str]:
    """The rule's fail cases (one per frame or more), whole, cut and set among random pieces:
    frames the random pieces rarely build (以经完成, 一如即往, 的很) are each held several ways."""
    cases = [c["fail"] for c in tomllib.loads(Path(CASES).read_text(encoding="utf-8"))["case"] if "fail" in c]
    texts = list(cases)
    for _ in range(n):
        case = rng.choice(cases)
        a, b = sorted(rng.randrange(len(case) + 1) for _ in range(2))
        around = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 3))) for _ in range(2)]
        texts.append(around[0] + (case if rng.random() < 0.5 else case[a:b + 6]) + around[1])
    return texts


CASES = Path(__file__).resolve().parent.parent / "fixtures" / "rules" / "TYP016.toml"


@pytest.mark.parametrize("compiled", [True, False], ids=["trigger-scan", "plain"])
def test_every_slip_wakes_the_rule(compiled):
    """The engine calls the rule only on units its trigger characters or pairs wake
    (gongwen.triggers): every unit holding a slip must be woken, through the compiled trigger
    scan and its plain reference, on 8,000 random strings and 6,000 built from the fail cases,
    where every frame of the data fires. Checked to catch wrong variants (not committed): 经
    left out of 以's pair (以经完成), the pair 的很/的非 left out, 象 left out of the characters;
    round 14: 间 left out; round 15: 很 left out."""
    rule = fw.FunctionWordSlip()
    index = TriggerIndex([(rule, rule.severity, rule.check)])
    if not compiled:
        index._scanner = None
    elif index._scanner is None:
        pytest.skip("gongwen.analysis._trigger_scan is not built")
    table, _ = fw.frames()
    fired = set()
    texts = [*random_texts(8000, seed=19), *_case_texts(random.Random(20), 6000)]
    for text in texts:
        found = list(fw.slips(text))
        fired.update(table.index(frame) for _, _, frame in found)
        if found:
            assert index.plan(text), text
    assert fired == set(range(len(table)))  # every frame's wake is put to the test


@pytest.mark.parametrize("select", [None, ["ALL"]], ids=["default", "all-preview"])
def test_the_pairs_leave_the_rule_sets_within_the_compiled_trigger_scan(select):
    """TYP016's pairs take 17 of the trigger scan's 64 classes; past 64 (or 256 kinds of
    character) the engine silently takes the plain path, a search per pair and unit."""
    from gongwen import api, triggers

    if triggers._trigger_scan is None:
        pytest.skip("gongwen.analysis._trigger_scan is not built")
    linter = api.make_linter({}, select=select, preview=select is not None)
    plan = linter._plan(api.document_from_text("在次强调"))[1]
    for index in (plan.units, plan.unrouted):
        assert any(entry[0].code == "TYP016" for entry in index.entries)
        assert index._scanner is not None, len(index._classes)


@pytest.mark.parametrize("which, pattern", [(0, "(?<=请)再"), (1, "再(?=(此)基础上)"), (2, "在(?=次(次))")],
                         ids=["starts-elsewhere", "captures", "anchored-captures"])
def test_a_frame_must_start_with_its_character_and_capture_nothing(monkeypatch, which, pattern):
    """The frames' patterns are compiled on first use, so the joined pattern's groups tell a
    frame that captures (an anchored frame's own pattern is not in it: compiled at load)."""
    table = lexicon.table(fw.FRAMES)["frame"]
    anchored = next(f for f in table if f.get("anchor", f["written"]) != f["written"])
    frame = {**table[0], "pattern": pattern} if which < 2 else {**anchored, "pattern": pattern}
    bad = {"frame": [table[5], frame]}
    monkeypatch.setattr(fw.lexicon, "table", lambda name: bad)
    fw.frames.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match="frame 1 must start with"):
            fw.frames()
    finally:
        fw.frames.cache_clear()


def test_an_older_document_is_not_held_to_a_later_usage():
    text = "要象大庆那样组织生产"
    assert [f.meant for _, _, f in fw.slips(text)] == ["像"]
    assert list(fw.slips(text, held_to=lambda since: 1978 >= since)) == []
    assert [f.meant for _, _, f in fw.slips(text, held_to=lambda since: 1990 >= since)] == ["像"]


def test_a_long_text_of_unknown_date_is_not_held_to_a_dated_usage():
    """A page cut from a longer text, naming no year where a document states it, may be older
    than the usage (10 KB slices of pre-1987 reports: 要象大庆那样): the dated frames leave it;
    the undated frames and a short text with no year are judged."""
    from gongwen import api

    def codes(text):
        return [d.code for d in api.make_linter({}, select=["TYP016"]).lint(api.document_from_text(text))]

    filler = "各项工作稳步推进。" * 400
    assert codes(filler + "要象大庆那样组织生产。") == []
    assert codes(filler + "即然制度已经出台，就要抓落实。") == ["TYP016"]
    assert codes("2025年工作总结\n" + filler + "要象大庆那样组织生产。") == ["TYP016"]
    assert codes("要象大庆那样组织生产。") == ["TYP016"]


def test_reported_span_is_the_written_character():
    for text in random_texts(2000, seed=7):
        for start, end, frame in fw.slips(text):
            assert text[start:end] == frame.written
            assert re.fullmatch(frame.written, text[start:end])


def test_the_tuning_set_of_function_slips():
    """fixtures/typos/function_slips_*.toml (round 14, written before the second round of
    frames): the default rules find TYP016's slips at the marked span and flag none of the
    correct twins, which use the same characters rightly (在次日, 做为民办实事, 既使…又使)."""
    from support import ROOT, load_script

    # A name of its own: tests/test_typos_benchmark.py keeps the module it loaded as typos_benchmark.
    typos = load_script(ROOT / "benchmarks" / "quality" / "typos.py", "typos_benchmark_function_slips")
    errors = typos.load_errors(typos.FIXTURES / "function_slips_errors.toml")
    correct = typos.load_correct(typos.FIXTURES / "function_slips_correct.toml")
    assert len(errors) >= 40 and len(correct) >= 40 and len(set(correct)) == len(correct)
    result = typos.evaluate(sentences="function-slips")
    assert sum(found for found, _ in result["per_kind"].values()) >= 38
    assert result["by_code"].get("TYP016", 0) >= 36
    assert result["flagged"] == []


def test_the_second_tuning_set_of_function_slips():
    """fixtures/typos/function_slips_round15_*.toml (round 15, written before that round's
    frames): the default rules find TYP016's slips at the marked span, and TYP016 flags none of
    the correct twins, which use the same characters rightly (实现再就业, 统一在, 以经济建设为中心)."""
    from support import ROOT, load_script

    typos = load_script(ROOT / "benchmarks" / "quality" / "typos.py", "typos_benchmark_function_slips_15")
    result = typos.evaluate(sentences="function-slips-15")
    assert result["by_code"].get("TYP016", 0) >= 40
    assert not [text for text, codes in result["flagged"] if "TYP016" in codes]
