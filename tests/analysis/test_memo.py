"""The per-document caches the layers share: keyed by the computing function, one table each."""
from __future__ import annotations

from gongwen.document import Document


def _counting(name: str):
    calls = []

    def compute(*args):
        calls.append(args)
        return (name, *args)
    compute.__name__ = compute.__qualname__ = "scan"  # two packs may well name their scans alike
    return compute, calls


def test_a_unit_scan_runs_once_per_unit_whoever_asks():
    doc = Document(path="t.txt", text="甲\n乙\n")
    scan, calls = _counting("a")
    first, second = doc.units
    assert doc.unit_memo(scan, first, first.text) == ("a", "甲")
    assert doc.unit_memo(scan, first, first.text) == ("a", "甲")
    assert doc.unit_memo(scan, second, second.text) == ("a", "乙")
    assert calls == [("甲",), ("乙",)]


def test_functions_with_the_same_name_keep_separate_tables():
    doc = Document(path="t.txt", text="甲\n")
    unit = doc.units[0]
    one, _ = _counting("one")
    other, _ = _counting("other")
    assert doc.unit_memo(one, unit, unit.text) == ("one", "甲")
    assert doc.unit_memo(other, unit, unit.text) == ("other", "甲")


def test_a_document_fact_is_computed_once_from_its_function():
    doc = Document(path="t.txt", text="甲\n")
    calls = []

    def facts(d):
        calls.append(d)
        return len(d.units)
    assert doc.memo(facts) == 1 and doc.memo(facts) == 1
    assert calls == [doc]
    # With an explicit computation, the key still names the table.
    assert doc.memo(len, lambda: "given") == "given" and doc.memo(len) == "given"


def test_the_string_named_form_of_earlier_packs_still_works():
    doc = Document(path="t.txt", text="甲\n")
    unit = doc.units[0]
    scan, calls = _counting("legacy")
    assert doc.unit_memo("legacy-scan", unit, scan, unit.text) == ("legacy", "甲")
    assert doc.unit_memo("legacy-scan", unit, scan, unit.text) == ("legacy", "甲")
    assert calls == [("甲",)]
    assert doc.memo("legacy-fact", lambda: 7) == 7
