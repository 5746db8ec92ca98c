"""TRM rules beyond the case files: the data file's contract, thousands of entries,
adversarial runs and the seed."""
from __future__ import annotations

import random
import tomllib
from importlib.resources import files

import pytest
from support import SEED, repeated

from gongwen import api
from gongwen.document import Document
from gongwen.rules.terms import Formulations, builtin_formulations


def _data() -> dict:
    return tomllib.loads(files("gongwen.rules").joinpath("data", "formulations.toml").read_text("utf-8"))


def test_every_entry_cites_a_source_and_a_check_date():
    data = _data()
    assert data["version"]
    for entry in data["entry"]:
        assert entry["source"].strip(), entry["canonical"]
        assert entry["status"] in {"read", "secondary", "recalled"}
        assert str(entry["checked"]) >= "2026-01-01"
        if entry["status"] == "recalled":
            assert entry["severity"] != "error", entry["canonical"]
            assert "[recalled]" in entry["source"]


def test_catalog_rows_one_to_forty_eight_are_all_present():
    rows = {e["row"] for e in _data()["entry"]}
    assert set(range(1, 49)) <= rows


def test_the_rules_read_the_data_file():
    assert len(builtin_formulations().entries) == len(_data()["entry"])


def test_a_recalled_error_entry_is_refused():
    bad = ('[[entry]]\ncanonical = "甲"\nvariants = ["乙"]\nseverity = "error"\n'
           'status = "recalled"\nsource = "[recalled]"\nchecked = 2026-11-27\n')
    with pytest.raises(ValueError, match="recalled"):
        Formulations.from_toml(bad)


def test_seed_findings():
    text = SEED.read_text(encoding="utf-8")
    linter = api.make_linter({}, select=["TRM"])
    found = [(d.code, d.matched) for d in linter.lint(Document(path="seed.txt", text=text))]
    assert found == [("TRM004", "委常委"), ("TRM004", "依法治"), ("TRM005", "坚持和发展“枫桥经验”")]


def test_variant_inside_longer_correct_phrase_is_not_reported():
    f = Formulations.from_toml(
        '[[entry]]\ncanonical = "蒙古国"\nvariants = ["蒙古"]\nseverity = "warning"\n'
        'status = "read"\nsource = "x"\nchecked = 2026-11-27\nexcept = ["内蒙古"]\n')
    assert [m.variant for m in f.scan("内蒙古自治区与蒙古国、蒙古")] == ["蒙古"]


def _synthetic(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    lines = []
    for i in range(n):
        wrong = "".join(rng.choice(han) for _ in range(rng.randint(3, 12)))
        right = "".join(rng.choice(han) for _ in range(rng.randint(3, 12)))
        lines.append(f'[[entry]]\ncanonical = "{right}"\nvariants = ["{wrong}"]\nseverity = "error"\n'
                     f'status = "read"\nsource = "synthetic"\nchecked = 2026-11-27\n')
    return "\n".join(lines)


def test_five_thousand_entries_find_exactly_the_planted_variants():
    """With thousands of entries every variant is still found, once, at its place, and
    nothing else is (the speed of one automaton over all entries is what pyahocorasick
    was chosen for; the benchmark, not a clock here, measures it)."""
    entries = tomllib.loads(_synthetic(5000))["entry"]
    planted = [entries[i]["variants"][0] for i in (0, 2500, 4999)]
    prose = SEED.read_text(encoding="utf-8")
    text = prose + "。".join(planted) + prose
    found = Formulations.from_toml(_synthetic(5000)).scan(text)
    assert [m.variant for m in found] == planted
    assert [text[m.start:m.end] for m in found] == planted


@pytest.mark.parametrize("unit, per_unit", [
    ("第", 0), ("“", 0), ("0", 0), (" ", 0), ("中华人民共和国", 0), ("人民共和国", 0),
    ("中华人民共合国", 1),  # a variant repeated: one TRM001 per repetition
    ("委常委", 1), ("依法治", 1),  # incomplete forms (no level, no object): one TRM004 each
])
def test_adversarial_run_is_linted_with_bounded_findings(unit, per_unit):
    """Runs of one character, of overlapping variants and of exceptions (their speed is
    measured by benchmarks/speed/run.py) raise one finding per variant occurrence: the
    overlaps are resolved in one sweep, not reported once per overlapping reading."""
    text = repeated(unit)
    found = api.make_linter({}, select=["TRM"]).lint(Document(path="t.txt", text=text))
    assert len(found) == per_unit * (len(text) // len(unit)), (unit, found[:3])


def test_a_lone_surrogate_does_not_crash_the_term_rules_or_move_offsets():
    """ahocorasick-rs cannot take a lone surrogate (hypothesis found the crash); the text is
    searched with NUL in its place, so the finding keeps its offset."""
    text = "\ud800筑牢中华民族共同体意识。"
    found = [d for d in api.lint_text(text, select=["TRM"]) if d.code == "TRM001"]
    assert [(d.start, d.matched) for d in found] == [(1, "筑牢中华民族共同体意识")]
