"""PUN003 asks the paragraphs around a lone mark (the lines of a title laid out over several,
the paragraph before and after) for their problems; a paragraph whose marks nest has none and
is not scanned (``pairs._problems``). Over random documents of title-like lines, prose,
marks opened on one line and closed on the next, its findings equal those of the rule that
scans every neighbour; a shortcut that drops a neighbour's real problem is caught."""
from __future__ import annotations

from gongwen import api
from gongwen.analysis import pairs as pair_scan
import gongwen.rules.pairs as pairs_rules
from support import marked_line_documents

_SHORT = ["关于印发", "实施方案", "的通知", "工作要点", "（一）", "《条例》", "“放管服”", "某某市", "2024年"]
_LONG = ["加快法治政府建设，坚决做到依法行政。", "推进“互联网+政务服务”；", "按照（试行）办法执行",
         "学习《关于印发〈纲要〉的通知》精神。", "don't", "(except holidays)"]
_LONE = ["《", "》", "“", "”", "（", "）", "〈", "〉", "‘", "’", "【", "】", "(", ")"]


def _documents(count: int) -> list[str]:
    return marked_line_documents("pairs-neighbours", count, _SHORT, _LONG, _LONE, short_share=0.6)


def _findings(docs: list[str]) -> list[list[tuple]]:
    return [[(d.start, d.end, d.message) for d in api.lint_text(t, select=["PUN003"])] for t in docs]


def _scan_every_neighbour(doc, unit):
    return pairs_rules.unit_pairs(doc, unit).problems  # looked up at the call: the test may count it


def test_neighbours_that_nest_are_not_scanned_and_findings_stay(monkeypatch):
    docs = _documents(3_000)
    scanned: list[str] = []
    plain_unit_pairs = pairs_rules.unit_pairs

    def counting(doc, unit):
        scanned.append(unit.text)
        return plain_unit_pairs(doc, unit)

    monkeypatch.setattr(pairs_rules, "unit_pairs", counting)
    fast = _findings(docs)
    assert sum(1 for f in fast if f) > 1_000  # the documents trip the rule
    assert scanned and not any(pair_scan.nests(t) for t in scanned)  # the shortcut is taken
    monkeypatch.setattr(pairs_rules, "_problems", _scan_every_neighbour)
    scanned.clear()
    assert _findings(docs) == fast
    assert any(pair_scan.nests(t) for t in scanned)  # the plain path does scan them


def test_a_shortcut_dropping_real_problems_is_caught(monkeypatch):
    """Title lines whose 《 closes on a later line: a shortcut that reads no problem in a
    line holding 《 (as if it nested) changes the findings."""
    docs = _documents(3_000)
    fast = _findings(docs)
    monkeypatch.setattr(pairs_rules, "_problems",
                        lambda doc, unit: [] if "《" in unit.text else _scan_every_neighbour(doc, unit))
    assert _findings(docs) != fast
