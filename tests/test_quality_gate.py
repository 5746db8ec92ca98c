"""CI gate on detection quality: the quality benchmark over the bundled sample
(fixtures/corpus-sample) must meet benchmarks/quality/thresholds.toml [sample]."""
from __future__ import annotations

import random
import sys

import pytest
from support import ROOT, load_script

HERE = ROOT / "benchmarks" / "quality"


def _load_benchmark():
    """benchmarks/quality/run.py as a module (it imports its sibling injectors.py)."""
    return load_script(HERE / "run.py", "quality_run")


run = _load_benchmark()
injectors = sys.modules["injectors"]


@pytest.fixture(scope="module")
def sample():
    return run.load_texts(run.SAMPLE)


@pytest.fixture(scope="module")
def results(sample):
    return run.evaluate(sample, seed=8, per_class=40, corpus="fixtures/corpus-sample")


def test_sample_meets_thresholds(results):
    broken = run.failures(results, run.load_thresholds("sample"))
    assert not broken, "\n".join(broken)


def test_every_installed_class_is_measured_on_the_sample(results):
    """A class whose rule exists must find sites in the sample, or the gate measures nothing."""
    for c in results.classes:
        if c.status == "measured":
            assert c.injected >= 1, f"{c.injector.name}: no site in fixtures/corpus-sample"
    assert any(c.status == "measured" for c in results.classes)


def test_deterministic(sample, results):
    again = run.evaluate(sample, seed=8, per_class=40, corpus="fixtures/corpus-sample")
    assert [(c.injector.name, c.injected, c.hits, c.misses) for c in again.classes] == \
           [(c.injector.name, c.injected, c.hits, c.misses) for c in results.classes]
    assert again.reports == results.reports


def test_injections_are_recorded_exactly(sample):
    """Every injector changes the text only at its recorded edit, and its spans are in bounds."""
    site_texts = [text for _, text in sample]
    for injector in injectors.INJECTORS:
        made = 0
        for i, text in enumerate(site_texts):
            inj = injector.inject(injectors.Site(text, []), random.Random(i))
            if inj is None:
                continue
            made += 1
            start, end, new_len = inj.edit
            assert inj.text[:start] == text[:start], injector.name
            assert inj.text[start + new_len:] == text[end:], injector.name
            assert inj.text != text, injector.name
            for a, b in inj.spans:
                assert 0 <= a < b <= len(inj.text), (injector.name, inj.spans)
        assert made, f"{injector.name} finds no site anywhere in the sample"


def test_gate_fails_on_a_class_the_rules_miss_and_reports_missing_rules(sample):
    """The gate can fail: an injector aimed at an installed rule that cannot catch it scores 0%,
    and one whose rule is not installed is "no rule", not 0%."""
    def swap_marks(site, rng, codes=()):
        m = site.text.find("，")
        return None if m < 0 else injectors.replace(site, m, m + 1, "。")

    blind = injectors.Injector("blind", ("DAT001",), "， → 。 (DAT001 cannot see it)", swap_marks)
    absent = injectors.Injector("absent", ("ZZZ999",), "no such rule", swap_marks)
    res = run.evaluate(sample, injectors=(blind, absent))
    by_name = {c.injector.name: c for c in res.classes}
    assert by_name["blind"].injected and by_name["blind"].recall == 0
    assert by_name["absent"].status == "no rule" and by_name["absent"].recall is None
    broken = run.failures(res, run.load_thresholds("sample"))
    assert any(line.startswith("blind: recall 0%") for line in broken)
    assert "no rule" in run.render(res, broken)


def test_false_report_limit_fails_when_exceeded(results):
    limits = {**run.load_thresholds("sample"), "max-false-per-10k": {"error": 0.0, "warning": 0.0}}
    # a rule whose severity the limits name: an info rule has no limit here
    noisy = [code for code in results.rules if results.reports[code] and results.rules[code][1] in ("error", "warning")]
    if not noisy:
        pytest.skip("no error or warning rule reports anything on the sample")
    assert any(noisy[0] in line for line in run.failures(results, limits))


def test_fixed_split_of_the_clean_corpus():
    """Checking half iff the SHA-1 of the file name is odd: by name only, not path or order."""
    import hashlib

    for name in ("gwr_national__2024.txt", "cpc_congress_20.txt", "gongwen_state_council__5342665.txt"):
        odd = int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 1
        assert run.split_of(name) == ("checking" if odd else "tuning")
        assert run.split_of(f"some/folder/{name}") == run.split_of(name)
    assert {run.split_of(f"f{i}.txt") for i in range(20)} == {"tuning", "checking"}


def test_parts_are_counted_apart_and_gated_by_their_own_limits(sample):
    """Reports are counted per part; an extra part is linted but never injected into, and a
    part with its own limits is gated by them."""
    genre = [("notice.txt", "关于做好防汛工作的通知\n（一）、各单位要落实责任，加强值班。\n")]
    res = run.evaluate(sample[:3], per_class=1, part_of=lambda name: "corpus", extra={"genres": genre})
    assert set(res.parts) == {"corpus", "genres"}
    assert res.parts["genres"].files == 1 and res.parts["genres"].chars == len(genre[0][1])
    assert res.parts["genres"].reports["PUN007"] == 1
    assert res.files == 3  # only the corpus is injected into
    strict = {**run.load_thresholds("sample"), "max-false-per-10k": {"error": 0.0, "warning": 0.0}}
    lenient = {**strict, "false-per-10k": {"PUN007": 10_000.0}}
    assert any("PUN007 ordinal-marker-punct [genres]" in line for line in run.failures(res, lenient, {"genres": strict}))
    assert not any("[genres]" in line for line in run.failures(res, strict, {"genres": lenient}))
    table = run.render(res, [])
    assert "genres reports | per 10k |" in table and "corpus reports | per 10k |" in table


def test_the_sample_holds_no_checking_half_text():
    """The checking half is counted, never read to tune: the CI gate's floors are set on the
    sample, so its excerpts come from the tuning half (SOURCES.tsv names each one's source)."""
    sources = [line.split("\t")[1] for line in (run.SAMPLE / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    assert sorted(sources) == sorted(p.name for p in run.SAMPLE.glob("*.txt"))
    assert [s for s in sources if run.split_of(s) == "checking"] == []


# --- the genres part: reports on slips planted on purpose are detections, not false reports ---
# Two texts of the same sentence, each with the same formulation cut (TRM007, error): in the
# first the cut is a slip its manifest plants, in the second the planted slip is a word beside it.
CUT = "各级党组织要深入学习贯彻习近平新时代中国特色社主义思想，推动工作落实。"
WRITTEN = "特色社主义"


def _genres_folder(tmp_path, offset_of_slip):
    (tmp_path / "a.txt").write_text(CUT, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(
        f'[[slip]]\nfile = "a.txt"\nwritten = "{CUT[offset_of_slip:offset_of_slip + 2]}"\n'
        f'right = "-"\nkind = "test"\noffset = {offset_of_slip}\n', encoding="utf-8")
    return tmp_path


def _genres_failures(folder):
    res = run.evaluate([], injectors=(), extra={"genres": run.load_texts(folder)},
                       planted=run.planted_slips(folder))
    strict = {"max-false-per-10k": {"error": 0.0, "warning": 0.0}}
    return res.parts["genres"], run.failures(res, strict, {"genres": strict})


def test_a_report_on_a_planted_slip_is_not_counted_against_the_limit(tmp_path):
    part, broken = _genres_failures(_genres_folder(tmp_path, CUT.index(WRITTEN) + 2))
    assert part.reports["TRM007"] == 1 and part.at_slips["TRM007"] == 1
    assert (part.slips, part.slips_found) == (1, 1)
    assert not [b for b in broken if b.startswith("TRM007")]


def test_a_report_beside_a_planted_slip_is(tmp_path):
    part, broken = _genres_failures(_genres_folder(tmp_path, CUT.index("推动")))
    assert part.reports["TRM007"] == 1 and part.at_slips["TRM007"] == 0
    assert (part.slips, part.slips_found) == (1, 0)
    assert [b for b in broken if b.startswith("TRM007")]


def test_a_manifest_offset_that_misses_its_written_form_is_an_error(tmp_path):
    folder = _genres_folder(tmp_path, 3)
    (folder / "manifest.toml").write_text(
        '[[slip]]\nfile = "a.txt"\nwritten = "特色社主义"\nright = "-"\nkind = "test"\noffset = 3\n', encoding="utf-8")
    with pytest.raises(ValueError, match="特色社主义"):
        run.planted_slips(folder)


def test_the_genres_manifests_point_at_their_slips():
    """Every slip of fixtures/genres/*/manifest.toml is where its offset says, keyed by the name
    load_texts gives its text, so the genres gate leaves out exactly the planted slips."""
    slips = run.planted_slips(run.GENRES)
    names = {name for name, _ in run.load_texts(run.GENRES)}
    assert set(slips) <= names
    assert sum(map(len, slips.values())) >= 332  # rounds 16 to 24, miss19, prev20
