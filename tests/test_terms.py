"""TRM rules beyond the case files: the data file's contract, speed with thousands of
entries, and the seed."""
from __future__ import annotations

import random
import time
import tomllib
from importlib.resources import files

import pytest
from support import SEED

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


def test_five_thousand_entries_scan_about_as_fast_as_fifty():
    prose = SEED.read_text(encoding="utf-8") * 40
    small, large = Formulations.from_toml(_synthetic(50)), Formulations.from_toml(_synthetic(5000))

    def best_of(f):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            f.scan(prose)
            times.append(time.perf_counter() - start)
        return min(times)

    assert best_of(large) < 3 * best_of(small) + 0.05  # pyahocorasick: 15x; one regex: 300x


def test_adversarial_input_is_linear():
    """Megabyte-scale runs of one character, of overlapping variants and of exceptions
    cost about what prose does: one automaton pass and one sweep, nothing quadratic."""
    linter = api.make_linter({}, select=["TRM"])

    def elapsed(text):
        start = time.perf_counter()
        linter.lint(Document(path="t.txt", text=text))
        return time.perf_counter() - start

    base = elapsed((SEED.read_text(encoding="utf-8") * 40)[:200_000])
    for text in ("第" * 200_000, "“" * 200_000, "0" * 200_000, " " * 200_000,
                 "中华人民共和国" * 30_000, "人民共和国" * 40_000):
        assert elapsed(text) < 10 * base + 0.5, text[:7]
    # Inputs that are all findings cost in proportion to the findings: twice the text,
    # about twice the time.
    for unit in ("中华人民共合国", "委常委", "依法治"):
        small, large = elapsed(unit * 5_000), elapsed(unit * 20_000)
        assert large < 8 * small + 0.2, unit


def test_a_lone_surrogate_does_not_crash_the_term_rules_or_move_offsets():
    """ahocorasick-rs cannot take a lone surrogate (hypothesis found the crash); the text is
    searched with NUL in its place, so the finding keeps its offset."""
    text = "\ud800筑牢中华民族共同体意识。"
    found = [d for d in api.lint_text(text, select=["TRM"]) if d.code == "TRM001"]
    assert [(d.start, d.matched) for d in found] == [(1, "筑牢中华民族共同体意识")]
