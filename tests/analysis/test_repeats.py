"""TYP001 and TYP002 read only the units one pass over the whole text picks
(gongwen.analysis.repeats): they must report exactly what they report reading every unit.

- ``units_with_doubled_han`` picks every unit in which a Han character stands twice in a row,
  ``units_with_doubled_run`` every unit ``has_doubled_run`` holds for, whatever stands next to
  the unit in the document (units joined by line breaks, a blank line or nothing), with
  characters whose code units share a byte (zero bytes straddling two lanes), runs of marks
  the Han scan skips whole, a lone surrogate and a character beyond the BMP (no lanes: each unit
  is searched).
- The two rules' findings over random documents and their cases are those of reading every
  unit; a skip one lane too far, a run size forgotten and a router that loses a unit are caught.
"""
from __future__ import annotations

import random
import re

import pytest
from support import case_documents, compiled_or_skip, joined_document

from gongwen import api
from gongwen.analysis import repeats
from gongwen.analysis.han_runs import has_doubled_han
from gongwen.document import Document, TextUnit
from gongwen.rule import RuleContext

# 丁 U+4E01, 乁 U+4E41, 䔁 U+4501 and ā U+0101 share a byte with each other; 　 and 0 make runs
# that are not Han; 𠀀 is beyond the BMP.
ALPHABET = "丁乁䔁法推进落实āa0　—，\n"
RARE = ("\ud800", "𠀀")
PIECES = ["学法法考试", "党的的领导", "推进推进", "进一步进一步", "落实全面落实", "宪法法律", "紧紧围绕",
          "实实在在", "哈哈哈", "00000", "　　", "————", "研究研究", "推进乡乡村", "《天天向上》", "，"]


def _text(rnd: random.Random) -> str:
    parts = []
    for _ in range(rnd.randint(0, 10)):
        r = rnd.random()
        parts.append(rnd.choice(PIECES) if r < 0.3 else rnd.choice(RARE) if r < 0.31 else rnd.choice(ALPHABET))
    return "".join(parts)


def _documents(name: str, count: int) -> list[Document]:
    rnd = random.Random(name)
    docs = [joined_document(rnd, [_text(rnd) for _ in range(rnd.randint(1, 12))]) for _ in range(count)]
    return [doc for doc in docs if doc.units]


def _fresh(doc: Document) -> Document:
    return Document(path=doc.path, text=doc.text, units=doc.units)  # no memo carried over


def _misses(docs, route, holds) -> tuple[int, int]:
    """(units that hold a place but were not picked, units that hold one)."""
    missed = held = 0
    for doc in docs:
        picked = {unit.start for unit in route(_fresh(doc))}
        for unit in doc.units:
            if holds(unit.text):
                held += 1
                missed += unit.start not in picked
    return missed, held


def _doubled_han(text: str) -> bool:
    return has_doubled_han(text, 0, len(text))


_ANY_DOUBLED_RUN = re.compile(r"(?=(..)\1|(...)\2|(....)\3)", re.DOTALL)  # what TYP002's gate decides


def _doubled_run(text: str) -> bool:
    return _ANY_DOUBLED_RUN.search(text) is not None


ROUTES = [("doubled Han", repeats.units_with_doubled_han, _doubled_han),
          ("doubled run", repeats.units_with_doubled_run, _doubled_run)]


@pytest.mark.parametrize("name, route, holds", ROUTES, ids=[r[0] for r in ROUTES])
def test_every_unit_that_holds_a_place_is_picked(name, route, holds):
    docs = _documents(name, 4_000)
    missed, held = _misses(docs, route, holds)
    assert held > 2_000 and missed == 0
    # and few more: a unit is picked only for a place that starts inside it (or, in a document
    # beyond the BMP, which each unit is searched for, because has_doubled_run holds for it)
    for doc in docs[:500]:
        for unit in route(_fresh(doc)):
            assert holds(doc.text[unit.start:]) or repeats.has_doubled_run(unit.text)


def test_a_skip_past_the_runs_end_is_caught(monkeypatch):
    """After a run of a mark (00, 　　) the Han scan goes on from the run's last character (the
    first lane that is not zero: the run's character against another), so a Han character
    typed twice right after the run is still found; two lanes further it is lost. (Lanes, the
    Python path: _repeats.c reads every character.)"""
    monkeypatch.setattr(repeats, "_repeats", None)
    docs = [joined_document(random.Random(0), ["0" * n + "法法"]) for n in range(2, 6)]
    assert _misses(docs, repeats.units_with_doubled_han, _doubled_han) == (0, 4)
    monkeypatch.setattr(repeats, "_ZERO_RUN", repeats.re.compile(rb"(?:\0\0)+...."))
    assert _misses(docs, repeats.units_with_doubled_han, _doubled_han)[0] == 4


def test_a_forgotten_run_size_is_caught(monkeypatch):
    docs = _documents("doubled run", 1_000)
    monkeypatch.setattr(repeats, "RUN_SIZES", (2, 3))
    assert _misses(docs, repeats.units_with_doubled_run, _doubled_run)[0] > 0


def test_units_that_are_not_slices_of_the_text_are_each_searched():
    doc = Document(path="r.txt", text="甲", units=(TextUnit(0, 9, "学法法推进推进", "paragraph", 0),))
    assert repeats.units_with_doubled_han(doc) == doc.units
    assert repeats.units_with_doubled_run(_fresh(doc)) == doc.units


def _findings(linter, docs: list[Document]) -> list[list[tuple]]:
    return [[(d.code, d.start, d.end, d.message, d.fixes) for d in linter.lint(_fresh(doc))] for doc in docs]


@pytest.fixture(scope="module")
def linter():
    return api.make_linter(select=["TYP001", "TYP002"])


@pytest.fixture(scope="module")
def documents():
    return case_documents(("TYP001", "TYP002")) + _documents("rules", 1_500)


def _every_unit(doc: Document) -> tuple[TextUnit, ...]:
    return doc.units


def test_the_rules_report_what_reading_every_unit_reports(linter, documents, monkeypatch):
    routed = _findings(linter, documents)
    assert sum(len(found) for found in routed) > 1_000
    assert {code for found in routed for code, *_ in found} == {"TYP001", "TYP002"}
    from gongwen.rules import repetition
    monkeypatch.setattr(repetition, "units_with_doubled_han", _every_unit)
    monkeypatch.setattr(repetition, "units_with_doubled_run", _every_unit)
    monkeypatch.setattr(repetition, "units_holding", lambda doc, pattern: doc.units)
    assert _findings(linter, documents) == routed


@pytest.mark.parametrize("router", ["units_with_doubled_han", "units_with_doubled_run"])
def test_a_router_that_loses_a_unit_is_caught(linter, documents, monkeypatch, router):
    plain = _findings(linter, documents)
    from gongwen.rules import repetition
    route = getattr(repeats, router)
    monkeypatch.setattr(repetition, router, lambda doc: route(doc)[1:])
    assert _findings(linter, documents) != plain


def _told_and_plain(monkeypatch, linter, text: str) -> tuple[list, list]:
    """The report with the rules told the cap (gongwen.rule.room), and with ``room`` always
    None (the rules build every finding and the engine drops the ones past the cap)."""
    told = linter.lint(Document("r.txt", text))
    with monkeypatch.context() as m:
        m.setattr(RuleContext, "room", lambda self, rule: None)
        plain = linter.lint(Document("r.txt", text))
    return told, plain


def test_findings_past_the_cap_are_counted_as_when_built(monkeypatch):
    """Past the cap the rules yield spans alone (Surplus): the same kept findings and the same
    LNT908 count at the same place, on dense random documents and caps from 1 to 40."""
    rnd = random.Random("repeats-surplus")
    base = api.make_linter({}, select=["TYP001", "TYP002"])
    truncated = 0
    for n in range(120):
        text = "\n".join(_text(rnd) * rnd.randint(1, 30) for _ in range(rnd.randint(1, 8)))
        told, plain = _told_and_plain(monkeypatch, base.capped(rnd.choice([1, 2, 3, 5, 10, 40])), text)
        assert told == plain, text
        truncated += any(d.code == "LNT908" for d in told)
    assert truncated > 30


@pytest.mark.parametrize("unit", ["全区年度学法法考试参考率很高。", "推进落实", "落实全面", "推进推进，"])
def test_the_adversarial_pages_report_the_same(monkeypatch, unit):
    text = "关于二〇二四年工作的报告\n" + unit * (60_000 // len(unit.encode())) + "\n"
    told, plain = _told_and_plain(monkeypatch, api.make_linter({}, select=["TYP001", "TYP002"]).capped(1000), text)
    assert told == plain and any(d.code == "LNT908" for d in told)


def _lanes_differences(lanes_of) -> tuple[int, int]:
    """(answers where ``lanes_of(text)`` differs from repeats.Lanes, the Python reference of
    ``_repeats.c``; answers compared): the first run of each size typed twice and the first
    doubled Han character from every place, and ``exact``. A text beyond the BMP compares only
    ``exact``: its lanes answer nothing exactly, and no caller asks them."""
    rnd = random.Random("repeats-compiled")
    texts = ["", "法", "法法", "00", "丁丁丁", "推进推进", "\ud800\ud800", "𠀀𠀀"]
    texts += [_text(rnd) + _text(rnd) for _ in range(4_000)]
    differ = asked = 0
    for text in texts:
        plain, other = repeats.Lanes(text), lanes_of(text)
        asked += 1
        differ += plain.exact != other.exact
        if not plain.exact:
            continue
        for pos in range(len(text) + 2):
            for size in (1, *repeats.RUN_SIZES):
                asked += 1
                differ += plain.find(size, pos) != other.find(size, pos)
            asked += 1
            differ += plain.find_doubled_han(pos) != other.find_doubled_han(pos)
    return differ, asked


def test_the_compiled_lanes_answer_as_lanes():
    """Where ``_repeats.c`` is built the routers and has_doubled_run use it (the tests above
    then check it end to end); its answers against the Python reference, one by one."""
    compiled_or_skip("_repeats")
    assert type(repeats._lanes("推进")) is repeats.CompiledLanes
    differ, asked = _lanes_differences(repeats.CompiledLanes)
    assert differ == 0 and asked > 100_000


def test_compiled_lanes_one_run_short_are_caught():
    """The comparison can fail: runs found where only size - 1 characters repeat."""
    compiled = compiled_or_skip("_repeats")

    class OneShort(repeats.CompiledLanes):
        __slots__ = ()

        def find(self, size: int, pos: int = 0) -> int:
            return compiled.doubled(self.text, max(1, size - 1), pos)
    differ, _ = _lanes_differences(OneShort)
    assert differ > 1000


def test_the_python_lanes_route_as_before(monkeypatch):
    """Where ``_repeats.c`` is not built: the routers over Lanes pick every unit."""
    monkeypatch.setattr(repeats, "_repeats", None)
    assert type(repeats._lanes("推进")) is repeats.Lanes
    docs = _documents("python-lanes", 300)
    for route, holds in ((repeats.units_with_doubled_han, _doubled_han),
                         (repeats.units_with_doubled_run, _doubled_run)):
        missed, held = _misses(docs, route, holds)
        assert missed == 0 and held > 100


def _lone_doubled_differences(find) -> tuple[int, int]:
    """(places where ``find(text, pos)`` differs from the first start >= pos of
    repeats.plain_lone_doubled_han, places compared), from every place of each text: Han and other
    characters once, twice, three and more times in a row, beyond the BMP too."""
    rnd = random.Random("lone-doubled")
    alphabet = ["法", "的", "哈", "第", "“", "a", "0", "　", "\n", "𠀀", "😀", "\ud800", "\xe9"]
    texts = ["", "法", "法法", "法法法", "法法a法法", "𠀀𠀀", "a法法", "法法𠀀𠀀法法法"]
    texts += ["".join(rnd.choice(alphabet) * rnd.choice((1, 1, 1, 2, 2, 3, 4, 7)) for _ in range(rnd.randint(0, 14)))
              for _ in range(4_000)]
    differ = asked = 0
    for text in texts:
        starts = list(repeats.plain_lone_doubled_han(text))
        for pos in range(len(text) + 2):
            asked += 1
            differ += find(text, pos) != next((i for i in starts if i >= pos), -1)
    return differ, asked


def test_the_compiled_lone_doubled_han_answers_as_the_pattern():
    """TYP001's candidates where ``_repeats.c`` is built: a Han character typed exactly twice,
    from every place, as the reference pattern finds them; and the iterator the rule reads."""
    compiled = compiled_or_skip("_repeats")
    assert repeats.lone_doubled_han is repeats._compiled_lone_doubled_han
    differ, asked = _lone_doubled_differences(compiled.lone_doubled_han)
    assert differ == 0 and asked > 50_000
    rnd = random.Random("lone-doubled-iter")
    for _ in range(3_000):
        text = _text(rnd) + _text(rnd)
        assert list(repeats.lone_doubled_han(text)) == list(repeats.plain_lone_doubled_han(text)), text


def test_a_lone_doubled_han_that_keeps_runs_of_three_is_caught():
    """The comparison can fail: every Han character typed twice (doubled_han), runs of three
    or more included, is not TYP001's candidate."""
    compiled = compiled_or_skip("_repeats")
    differ, _ = _lone_doubled_differences(compiled.doubled_han)
    assert differ > 1000


def _isolated_texts() -> list[str]:
    """Texts dense in TYP001's structures: Han and other characters once, twice, three times
    in a row (AABB, ABB, series of reduplications within and just past eight characters),
    beyond the BMP too."""
    rnd = random.Random("isolated-doubled")
    alphabet = ["法", "的", "歇", "脚", "“", "、", "a", "0", "\n", "𠀀", "\xe9"]
    texts = ["歇歇脚、喝喝水、热热饭", "认认真真", "干干净净地", "学法法考试", "法法" + "一" * 8 + "的的",
             "法法" + "一二三四五六七" + "的的", "的的" + "一二三四五六七八" + "法法", "看看书"]
    texts += ["".join(rnd.choice(alphabet) * rnd.choice((1, 1, 1, 1, 2, 2, 3)) for _ in range(rnd.randint(0, 24)))
              for _ in range(4_000)]
    return texts


def _isolated_differences(find) -> tuple[int, int]:
    """(places where ``find(text, pos)`` differs from the first start >= pos of
    repeats.plain_isolated_doubled_han, places compared) over ``_isolated_texts``."""
    differ = asked = 0
    for text in _isolated_texts():
        starts = list(repeats.plain_isolated_doubled_han(text))
        for pos in range(len(text) + 2):
            asked += 1
            differ += find(text, pos) != next((i for i in starts if i >= pos), -1)
    return differ, asked


def test_the_compiled_isolated_doubled_han_answers_as_the_plain_tests():
    """TYP001's candidates after its structural tests (AABB, series) in C, from every place,
    as the Python tests find them; and the iterator the rule reads."""
    compiled = compiled_or_skip("_repeats")
    assert repeats.isolated_doubled_han is repeats._compiled_isolated_doubled_han
    differ, asked = _isolated_differences(compiled.isolated_doubled_han)
    assert differ == 0 and asked > 50_000
    kept = sum(len(list(repeats.plain_isolated_doubled_han(text))) for text in _isolated_texts())
    dropped = sum(len(list(repeats.lone_doubled_han(text))) for text in _isolated_texts()) - kept
    assert kept > 400 and dropped > 1000  # both outcomes are exercised
    for text in _isolated_texts()[:3_000]:
        assert list(repeats.isolated_doubled_han(text)) == list(repeats.plain_isolated_doubled_han(text)), text


def test_isolated_doubled_han_without_its_tests_is_caught():
    """The comparison can fail: lone_doubled_han, which keeps AABB and series, is not it."""
    compiled = compiled_or_skip("_repeats")
    differ, _ = _isolated_differences(compiled.lone_doubled_han)
    assert differ > 1000


def test_typ001_reports_the_same_without_the_compiled_tests(monkeypatch):
    """TYP001's findings on its cases and random documents with the structural tests in
    Python (where _repeats is not built) and in C."""
    from gongwen.rules import repetition

    compiled_or_skip("_repeats")
    linter = api.make_linter(None, select=["TYP001"])
    rnd = random.Random("typ001-structures")
    texts = _isolated_texts()
    docs = case_documents(["TYP001"]) + [
        Document(path="r.txt", text="\n".join(rnd.choice(texts) + "，学法法考试取得进展，全面加强党的的领导。"
                                              for _ in range(rnd.randint(1, 6))))
        for _ in range(200)]

    def findings():
        return [[(v.code, v.start, v.end, v.message) for v in linter.lint(doc)] for doc in docs]
    compiled = findings()
    monkeypatch.setattr(repetition, "isolated_doubled_han", repeats.plain_isolated_doubled_han)
    assert findings() == compiled and sum(map(len, compiled)) > 300
