"""The held-out statute harness (benchmarks/quality/heldout_statutes.py) keeps every version of a
law in one fold and counts a model that has not seen the fold it lints. Texts written for this test."""
from __future__ import annotations

from pathlib import Path

from support import ROOT, load_script

heldout = load_script(ROOT / "benchmarks" / "quality" / "heldout_statutes.py", "heldout_statutes")


def test_versions_of_a_law_share_a_fold():
    a, b = Path("行政法规/道路运输条例(2022-03-29).md"), Path("行政法规/道路运输条例(2023-07-20).md")
    assert heldout.law_title(a) == heldout.law_title(b) == "道路运输条例"
    assert heldout.fold_of(a) == heldout.fold_of(b)


def test_the_model_has_not_seen_the_held_out_statute(tmp_path):
    for folder in ("clean", "laws/行政法规", "docx"):
        (tmp_path / folder).mkdir(parents=True)
    kept = tmp_path / "laws/行政法规/甲条例(2020-01-01).md"
    held = tmp_path / "laws/行政法规/乙条例(2021-01-01).md"
    kept.write_text("依法保障公共安全。" * 25, encoding="utf-8")  # common enough to be suggested
    held.write_text("烟用丝束专卖管理。" * 4, encoding="utf-8")
    lm, table = heldout.held_out_model(heldout._builder(), tmp_path, {held})
    assert lm.count("保障", "公") > 0 and lm.pair_count("保障") > 0
    assert lm.count("烟用", "丝") == 0 and lm.pair_count("烟用") == 0 and "烟" not in lm.chars
    # substitutes only among the characters the model counts often enough (保, not 烟)
    suggested = {c for o in table.values() for c in o.same_sound + o.near_sound + o.shape}
    assert "保" in suggested and suggested <= {c for c, n in lm.chars.items() if n >= heldout._builder().COMMON}


def test_the_rule_judges_with_the_held_out_model_only(monkeypatch):
    """After ``judge_with``, TYP013 asks no compiled screen (its arrays are the shipped model's,
    which has counted the held-out statutes) however much it has read, and the rule, its
    candidates' cache and the unit pass all see the held-out table."""
    from gongwen.analysis import count_units
    from gongwen.rules import confusables

    confusables._alternatives("保")  # cached from the shipped table, as a fold before would leave it
    table = {"保": confusables.candidates()["保"].__class__("报", "", "")}
    lm = object()
    heldout.judge_with(lm, table, monkeypatch.setattr)
    try:
        assert not confusables._screen_worth_it(10 ** 12)
        assert confusables.model() is lm and confusables.candidates() is table and count_units.candidates() is table
        assert confusables._alternatives("保") == {"报": 0.0}
    finally:
        confusables._alternatives.cache_clear()
        count_units._route.cache_clear()
