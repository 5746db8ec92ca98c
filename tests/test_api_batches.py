"""Rules' batch steps (Rule.precompute) over documents read ahead in batches (gongwen.api):
a document's findings, and what TYP013's screen reads and remembers, are the same as when
documents are linted one by one; a batch step that raises loses nothing; the look-ahead
holds at most its bound.

TYP013's step screens ahead only where its check is sure to screen too; the comparison reads
the screen's memo of every document and the characters the rule judged in Python at the end,
so a step that screened where the check would not fails it: a step ignoring the document's
year, or one counting its document's characters twice in the screen's threshold, fails the
first test (tried, not committed). A step screening every document (what check would do, only
earlier) passes it: the characters judged in Python then grow in the same order.
"""
from __future__ import annotations

import functools
import random
import tomllib
from pathlib import Path

import pytest

import gongwen.rules.confusables as cf
from gongwen import api, faults
from gongwen.document import Document

from support import FIXTURES, sample_paragraphs

_MISSING = object()


def _suspect_texts() -> list[str]:
    data = tomllib.loads((FIXTURES / "rules" / "TYP013.toml").read_text(encoding="utf-8"))
    return [case["fail"] for case in data["case"] if case.get("fail", "").strip()]


def _files(tmp_path: Path, rnd: random.Random, count: int, old_share: float = 0.15) -> list[Path]:
    """Reports of 1 to 40 sample paragraphs, some with a suspect character, ``old_share`` of
    them dated before the model's time (TYP013 does not screen them), a few empty (an input
    problem)."""
    paragraphs, suspects = sample_paragraphs(), _suspect_texts()
    files = []
    for i in range(count):
        lines = rnd.sample(paragraphs, rnd.randint(1, 40))
        lines.insert(rnd.randrange(len(lines) + 1), rnd.choice(suspects))
        if rnd.random() < old_share:
            lines.insert(0, f"{rnd.randint(1980, 1989)}年工作总结")
        path = tmp_path / f"r{i:03d}.txt"
        path.write_text("" if rnd.random() < 0.05 else "\n".join(lines), encoding="utf-8")
        files.append(path)
    return files


def _seen(doc, found) -> tuple:
    """What a test compares of a linted document: its findings and TYP013's screen."""
    screened = doc._memo.get(cf._screen_units, _MISSING) if isinstance(doc, Document) else _MISSING
    return getattr(doc, "path", None), [repr(d) for d in found], "unscreened" if screened is _MISSING else screened


def _fresh_screen_state(monkeypatch, after_cached: int, after: int, cached: bool = True) -> None:
    """TYP013's process state as at start-up, its thresholds as given (whether the arrays are
    cached answered at the rule's first ask, as in a run)."""
    monkeypatch.setattr(cf, "_read_in_python", 0)
    monkeypatch.setattr(cf, "_screen_cached", functools.cache(lambda: cached))
    monkeypatch.setattr(cf, "SCREEN_AFTER_CACHED", after_cached)
    monkeypatch.setattr(cf, "SCREEN_AFTER", after)


def _one_by_one(files, linter) -> list:
    return [api._lint_path(path, linter, None, None, _seen) for path in files]


def _batched(files, linter) -> list:
    return list(api.lint_files(files, linter, jobs=1, prepare=_seen))


@pytest.fixture(scope="module")
def linter():
    return api.make_linter(None)


def test_findings_and_screen_same_in_batches_as_one_by_one(tmp_path, monkeypatch, linter):
    rnd = random.Random(13)
    files = _files(tmp_path, rnd, 60)
    ahead = 0
    precompute = cf.SuspectCharacter.precompute

    def counted(self, document):
        nonlocal ahead
        precompute(self, document)
        ahead += cf._screen_units in document._memo

    monkeypatch.setattr(cf.SuspectCharacter, "precompute", counted)
    for _ in range(40):
        chosen = rnd.sample(files, rnd.randint(1, len(files)))
        monkeypatch.setattr(api, "BATCH_DOCUMENTS", rnd.randint(1, 12))
        monkeypatch.setattr(api, "BATCH_CHARACTERS", rnd.choice((2_000, 20_000, 1_000_000)))
        state = rnd.choice((0, 3_000, 5_000, 10_000)), rnd.choice((0, 10_000, 50_000)), rnd.random() < 0.7
        _fresh_screen_state(monkeypatch, *state)
        alone, judged_alone = _one_by_one(chosen, linter), cf._read_in_python
        _fresh_screen_state(monkeypatch, *state)
        together, judged_together = _batched(chosen, linter), cf._read_in_python
        assert together == alone
        assert judged_together == judged_alone
    assert ahead > 100  # the steps did screen ahead: the comparison is not of two plain runs


def test_a_raising_batch_step_loses_nothing(tmp_path, monkeypatch, linter):
    files = _files(tmp_path, random.Random(7), 20)
    _fresh_screen_state(monkeypatch, 0, 0)
    alone = _one_by_one(files, linter)
    raised = []

    def failing(self, document):
        raised.append(document.path)
        raise RuntimeError("a batch step's bug")

    monkeypatch.setattr(cf.SuspectCharacter, "precompute", failing)
    _fresh_screen_state(monkeypatch, 0, 0)
    assert _batched(files, linter) == alone
    assert len(raised) == sum(1 for f in files if f.read_text(encoding="utf-8"))  # every document's step raised


def test_a_batch_step_out_of_budget_leaves_the_batch_to_the_lint(tmp_path, monkeypatch, linter):
    """The batch's steps share one file's budget: the step that runs it out ends them, and
    the lint computes what they left, as it would without them."""
    files = _files(tmp_path, random.Random(7), 20)
    _fresh_screen_state(monkeypatch, 0, 0)
    alone = _one_by_one(files, linter)
    asked = []
    screen_step = cf.SuspectCharacter.precompute

    def running_out(self, document):
        asked.append(document.path)
        if len(asked) == 3:
            raise faults.OverBudget(1.0, "TYP013")
        screen_step(self, document)

    monkeypatch.setattr(api, "BATCH_DOCUMENTS", 8)
    monkeypatch.setattr(cf.SuspectCharacter, "precompute", running_out)
    _fresh_screen_state(monkeypatch, 0, 0)
    assert _batched(files, linter) == alone
    in_first_batch = sum(1 for f in files[:8] if f.read_text(encoding="utf-8"))
    assert len(asked) == 3 + sum(1 for f in files[8:] if f.read_text(encoding="utf-8")) and in_first_batch > 3


def test_a_check_failing_again_is_reported(tmp_path, monkeypatch, linter):
    files = _files(tmp_path, random.Random(3), 4, old_share=0)  # a text TYP013 screens
    files = [f for f in files if f.read_text(encoding="utf-8")]
    assert files

    def broken(document):
        raise RuntimeError("the screen's bug")

    monkeypatch.setattr(cf, "_screen_units", broken)
    monkeypatch.setattr(faults, "strict", lambda: False)  # as in a user's run, not the test suite's
    _fresh_screen_state(monkeypatch, 0, 0)
    for _path, found, _screened in _batched(files, api.make_linter(None)):
        assert any("LNT903" in d and "TYP013" in d for d in found)


def test_look_ahead_holds_at_most_its_bound(tmp_path, monkeypatch, linter):
    rnd = random.Random(5)
    files = _files(tmp_path, rnd, 50)
    held = most = 0
    read = api.read_path

    def counted(*args, **kwargs):
        nonlocal held, most
        doc = read(*args, **kwargs)
        held += len(doc.text) if isinstance(doc, Document) else 0
        most = max(most, held)
        return doc

    def released(doc, found):
        nonlocal held
        held -= len(doc.text) if isinstance(doc, Document) else 0
        return doc.path

    monkeypatch.setattr(api, "read_path", counted)
    longest = max(len(f.read_text(encoding="utf-8")) for f in files)
    for documents, characters in ((1, 10**9), (7, 10**9), (32, 10_000), (32, 1)):
        monkeypatch.setattr(api, "BATCH_DOCUMENTS", documents)
        monkeypatch.setattr(api, "BATCH_CHARACTERS", characters)
        most = 0
        counts = []
        for path in api.lint_files(files, linter, jobs=1, prepare=released):
            counts.append(path)
        assert len(counts) == len(files)
        assert most <= min(documents * longest, characters + longest)
        assert most > 0


def test_look_ahead_counts_documents(tmp_path, monkeypatch, linter):
    files = _files(tmp_path, random.Random(11), 40)
    batches = []
    monkeypatch.setattr(api, "BATCH_DOCUMENTS", 6)
    read_batch = api._read_batch
    monkeypatch.setattr(api, "_read_batch", lambda *a: batches.append(read_batch(*a)) or batches[-1])
    paths = list(api.lint_files(files, linter, jobs=1, prepare=lambda doc, found: doc.path))
    assert len(paths) == len(files)
    assert max(map(len, batches)) == 6 and batches[-1] == []


def test_steps_only_where_the_rule_runs(tmp_path, monkeypatch):
    files = _files(tmp_path, random.Random(2), 8)
    stepped = []
    monkeypatch.setattr(cf.SuspectCharacter, "precompute", lambda self, document: stepped.append(document.path))
    ignoring = api.make_linter({"per-file-ignores": {"*/r00[0-3].txt": ["TYP013"]}})
    list(api.lint_files(files, ignoring, jobs=1))
    assert stepped and all(Path(p).name >= "r004.txt" for p in stepped)


def test_no_batches_without_a_batch_step(tmp_path, monkeypatch):
    files = _files(tmp_path, random.Random(2), 5)
    monkeypatch.setattr(api, "_lint_in_batches", lambda *a: pytest.fail("batched"))
    list(api.lint_files(files, api.make_linter(None, ignore=["TYP013"]), jobs=1))


@pytest.mark.parametrize("jobs", [1, 2])
def test_cached_documents_pass_through(tmp_path, monkeypatch, linter, jobs):
    """With a findings cache, the steps run on the documents it does not hold, and its
    answers and the lint's are those of a run without batches."""
    from gongwen.cache import Cache

    files = _files(tmp_path, random.Random(23), 30)
    _fresh_screen_state(monkeypatch, 0, 10**9)
    alone = _one_by_one(files, linter)
    stepped = []
    precompute = cf.SuspectCharacter.precompute

    def counted(self, document):
        stepped.append(document.path)
        precompute(self, document)

    monkeypatch.setattr(cf.SuspectCharacter, "precompute", counted)
    cache = Cache(tmp_path / "cache", linter)
    found = lambda doc, found: (doc.path, [repr(d) for d in found])  # noqa: E731
    expected = [(path, found) for path, found, _ in alone]
    half = files[::2]
    assert list(api.lint_files(half, linter, jobs=jobs, cache=cache, prepare=found)) == expected[::2]
    if jobs == 1:
        assert len(stepped) == len([f for f in half if f.read_text(encoding="utf-8")])
    stepped.clear()
    assert list(api.lint_files(files, linter, jobs=jobs, cache=cache, prepare=found)) == expected
    if jobs == 1:  # the steps ran on the documents the first run did not cache, and only on them
        assert sorted(Path(p).name for p in stepped) == [f.name for f in files[1::2] if f.read_text(encoding="utf-8")]


def _seen_ahead(doc, found) -> tuple:
    return _seen(doc, found), isinstance(doc, Document) and "screened-ahead" in doc._memo


def test_worker_chunks_in_batches(tmp_path, monkeypatch, linter):
    files = _files(tmp_path, random.Random(17), 80)
    _fresh_screen_state(monkeypatch, 0, 10**9)  # every document screened, in any process
    alone = _one_by_one(files, linter)
    seen_ahead = _seen_ahead_marked(monkeypatch)  # the marking step forked into the workers
    monkeypatch.setattr(api, "BATCH_DOCUMENTS", 5)
    _fresh_screen_state(monkeypatch, 0, 10**9)
    results = list(api.lint_files(files, linter, jobs=2, prepare=seen_ahead))
    assert [seen for seen, _ in results] == alone
    assert sum(ahead for _, ahead in results) > len(files) // 2


def test_a_process_screens_its_first_batch_ahead(tmp_path, monkeypatch, linter):
    """The first batch is screened by the step too, not one by one in the checks: whether the
    arrays are cached is one answer a process, and the step may be the first to ask it.
    (Waiting for the check to ask first, as round 13's step did, fails this: ~100 of the
    benchmark's 1,000 reports were screened each between the other rules' work.)"""
    files = [f for f in _files(tmp_path, random.Random(29), 12, old_share=0) if f.read_text(encoding="utf-8")]
    _fresh_screen_state(monkeypatch, 0, 10**9)  # screened once the arrays are known to be cached
    alone = _one_by_one(files, linter)
    monkeypatch.setattr(api, "BATCH_DOCUMENTS", len(files))  # one batch: the process's first
    _fresh_screen_state(monkeypatch, 0, 10**9)
    results = list(api.lint_files(files, linter, jobs=1, prepare=_seen_ahead_marked(monkeypatch)))
    assert [seen for seen, _ in results] == alone
    screened = [ahead for seen, ahead in results if seen[2] != "unscreened"]  # not those the rule skips by their year
    assert len(screened) > len(files) // 2 and all(screened)


def _seen_ahead_marked(monkeypatch):
    """``_seen_ahead``, with TYP013's step marking the documents it screened."""
    precompute = cf.SuspectCharacter.precompute

    def marked(self, document):
        precompute(self, document)
        if cf._screen_units in document._memo:
            document._memo["screened-ahead"] = True

    monkeypatch.setattr(cf.SuspectCharacter, "precompute", marked)
    return _seen_ahead
