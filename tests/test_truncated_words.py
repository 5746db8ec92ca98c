"""TYP017 (rules/truncated_words.py): the shortcut that skips the two-character words official
writing ends clauses with finds what the plain test finds, each place reads a bounded window
(linear time), and the data says what the generator's rules say."""
from __future__ import annotations

import random
import re

import pytest

from gongwen.analysis import lexicon
from gongwen.analysis.evidence import is_word
from gongwen.rules import truncated_words as tw

CHARS = "".join(sorted(tw.completions()))


def plain_cut_words(text: str, next_line: str = "") -> list[tuple[int, tuple[str, ...]]]:
    """Every listed character before clause punctuation or the end, judged by bare_end alone."""
    every = re.compile(f"[{re.escape(CHARS)}](?=[，。；！？\r\n]|\\Z)")
    return [(m.start(), tw.completions()[m.group()]) for m in every.finditer(text)
            if tw.bare_end(text, m.start(), next_line)]


def _pieces() -> list[str]:
    """Listed characters, the characters that make words with them (所, 已 …), their words,
    clause ends and the things the principles are about, so random strings hold many places."""
    before = sorted({pair[0] for pair in tw._end_pairs()})
    words = [w for ws in tw.completions().values() for w in ws]
    return (list(CHARS) * 4 + before * 2 + words + list("，。；！？、：“”") * 6
            + ["\n", "\r\n", "12", "5.5%", "％", "年", "3月", "亿", " ", "　", "联系人：", "陈", "欧阳",
               "依法依", "越唱越", "认真贯彻", "全面加强", "问计于", "于", "的", "工作", "A"])


@pytest.mark.parametrize("seed", range(4))
def test_the_pair_shortcut_finds_what_the_plain_test_finds(seed):
    rng = random.Random(seed)
    pieces = _pieces()
    found = 0
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        after = rng.choice(["", "行", "内", "工作"])
        got = list(tw.cut_words(text, after))
        assert got == plain_cut_words(text, after), text
        found += len(got)
    assert found > 100  # the inputs hold places the rule reports, not only ones it skips


def test_every_shortcut_pair_is_a_word():
    """The shortcut skips a place only where bare_end's first test (a word ends there) holds."""
    assert all(is_word(pair) and pair[1] in CHARS for pair in tw._end_pairs())


def test_every_completion_begins_with_its_character():
    assert all(w[0] == c and len(w) == 2 for c, ws in tw.completions().items() for w in ws)
    assert all(ws for ws in tw.completions().values())


@pytest.mark.parametrize("unit", [CHARS, "认真贯彻执。各项工作稳步推进。", "执，以。其；" * 3, "越唱越响，依法依规。",
                                  "控制在5.5%以\n"])
def test_a_megabyte_line(unit):
    """Each place reads a bounded window, so a megabyte line costs its length: the count on it is
    what the count on a few copies extrapolates to."""
    n = 1_000_000 // len(unit)
    once, twice = (len(list(tw.cut_words(unit * k))) for k in (1, 2))
    assert len(list(tw.cut_words(unit * n))) == once + (twice - once) * (n - 1)


def _lint(text: str) -> list:
    from gongwen import api

    return api.make_linter({}, select=["TYP017"], preview=True).lint(api.document_from_text(text))


def test_the_rule_on_a_megabyte_line_reports_every_place():
    """The completion is looked for in the text around a place, not the whole document: a
    report per place on a megabyte line stays linear."""
    assert len(_lint("2025年工作报告\n" + "认真贯彻执。各项工作稳步推进。" * 66_000)) == 66_000


def test_a_line_broken_inside_a_word_is_read_across_the_break():
    assert _lint("全县上下认真贯彻执\n行各项规定。\n") == []
    assert [d.code for d in _lint("全县上下认真贯彻执\n各项规定已经印发。\n")] == ["TYP017"]


def test_older_documents_are_not_judged():
    assert [d.code for d in _lint("2024年工作报告\n认真贯彻执。\n")] == ["TYP017"]
    assert _lint("1978年工作报告\n认真贯彻执。\n") == []


def test_a_long_text_of_unknown_date_is_not_judged():
    """A page longer than the window a document states its year in, naming none there, is cut
    from a longer text of unknown date (a slice of a 1986 report: 到“七五”期未); a sentence with
    no year is read as written now."""
    filler = "各项工作稳步推进。" * 400
    assert _lint(filler + "认真贯彻执。\n") == []
    assert [d.code for d in _lint("2025年工作报告\n" + filler + "认真贯彻执。\n")] == ["TYP017"]
    assert [d.code for d in _lint("认真贯彻执。\n")] == ["TYP017"]


def test_the_data_is_read_through_the_lexicon():
    assert lexicon.header(tw.CUT_CHARS).used_by == ("TYP017",)
    assert lexicon.header(tw.END_PAIRS).used_by == ("TYP017",)


def _documents(count: int, name: str) -> list:
    """Documents of generated lines dense in the rule's places: plain text split by the reader
    (units of whole lines, ended by \\n, \\r\\n, \\r or the text's end), and units made by hand
    that need not end a line (support.joined_document), whose ends only the units know."""
    from support import joined_document

    from gongwen import api

    rng = random.Random(name)
    pieces = _pieces()
    docs = []
    for k in range(count):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(rng.randint(1, 8))]
        if k % 3 == 2:
            docs.append(joined_document(rng, lines))
        else:
            docs.append(api.document_from_text("".join(line + rng.choice(("\n", "\r\n", "\r", "")) for line in lines)))
    return docs


def _findings(docs: list) -> list[list[tuple]]:
    from gongwen import api

    linter = api.make_linter({}, select=["TYP017"])
    return [[(d.start, d.end, d.message, d.help, d.fixes) for d in linter.lint(doc)] for doc in docs]


def _every_unit(doc):
    """The plain path: every unit of the document, as when TYP017 searched each."""
    return doc.units


def test_the_compiled_pass_picks_every_unit_with_a_place(monkeypatch):
    """TYP017 reads only the units one compiled pass over the whole text picks
    (units_with_places): the same findings as reading every unit, on 3,000 generated documents
    of both kinds of units. Caught: the text's end forgotten (a last line without a line
    break), the line breaks left out of the route's class."""
    docs = _documents(3000, "TYP017 units")
    picked = _findings(docs)
    assert sum(map(len, picked)) > 1000
    monkeypatch.setattr(tw, "units_with_places", _every_unit)
    assert _findings(docs) == picked

    from gongwen.analysis import routing
    from gongwen.analysis.class_routes import class_route

    def without_the_end(doc):
        return routing.units_holding(doc, tw._clause_end_route()) if routing.units_are_lines(doc) else doc.units
    monkeypatch.setattr(tw, "units_with_places", without_the_end)
    assert _findings(docs) != picked

    no_breaks = class_route(re.compile(f"[{re.escape(CHARS)}][，。；！？]"))

    def without_breaks(doc):
        return routing.units_holding(doc, no_breaks) + ((doc.units[-1],) if doc.units else ())
    monkeypatch.setattr(tw, "units_with_places", without_breaks)
    assert _findings(docs) != picked
