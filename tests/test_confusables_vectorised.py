"""TYP013's vectorised screen (gongwen.analysis.char_screen) leaves the rule's findings as they
are: ``suspects`` judging only the places the screen keeps finds what it finds judging every
uncovered character in Python (which test_confusables_screens.py compares with the rule's plain
definition). Texts: the repository's documents, screened whole (all units in one call, as the
rule does), and thousands of sentences spoiled with candidate characters (many suspects)."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from gongwen.analysis import char_model, char_screen, lexicon
from gongwen.analysis.count_units import unit_slips
from gongwen.rules import confusables as C
from test_confusables_model import spoil

ROOT = Path(__file__).resolve().parents[1]


def _documents() -> list[list[str]]:
    """Each document of the repository's report folders as its paragraphs."""
    files = [p for folder in ("genres", "typos/documents", "typos/documents2", "typos/documents3")
             for p in sorted((ROOT / "fixtures" / folder).glob("*.txt"))]
    return [[p for p in f.read_text(encoding="utf-8").split("\n") if p.strip()] for f in files]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    paragraphs = [p for doc in _documents() for p in doc]
    return spoil(random.Random("typ013-vectorised"), [p for p in paragraphs if 8 <= len(p) <= 160], 4000)


def _screen(texts: list[str]) -> list[dict[int, str | None]]:
    return C._screen_texts(texts)


def _same(texts: list[str]) -> tuple[bool, int]:
    """Whether judging the screen's places finds what judging every place finds, on all
    ``texts`` (screened in one call), and how many suspects there were."""
    kept = _screen(texts)
    found = 0
    for text, places in zip(texts, kept):
        plain = C.suspects(text)
        if C.suspects(text, places=places) != plain:
            return False, found
        found += len(plain)
    return True, found


def test_the_screened_rule_finds_what_the_plain_rule_finds_on_spoiled_sentences(texts):
    same, found = _same(texts)
    assert same
    assert found > 500  # enough suspects for the comparison to mean something


def test_the_screened_rule_finds_what_the_plain_rule_finds_on_whole_documents():
    found = 0
    for doc in _documents():
        kept = _screen(doc)
        for text, places in zip(doc, kept):
            plain = C.plausible_suspects(text, "\n".join(doc))
            assert C.plausible_suspects(text, "\n".join(doc), places) == plain, text
            assert C.suspects(text, places=places) == C.suspects(text), text
            found += len(C.suspects(text))
    assert found > 20


def test_the_screen_keeps_few_places(texts):
    """It is a screen: most characters are not kept (else it would not save the rule's time)."""
    kept = _screen(texts)
    assert sum(map(len, kept)) < sum(map(len, texts)) / 20


@pytest.mark.parametrize("wrong", [
    ("SLACK", -0.5),  # a score test stricter than the rule's by half a nat
    ("USUAL", 50),  # a usual pair that must be seen ten times as often
])
def test_a_screen_stricter_than_the_rule_is_caught(texts, monkeypatch, wrong):
    """The comparison can fail: a screen that drops places the rule reports differs."""
    monkeypatch.setattr(char_screen, *wrong)
    assert not _same(texts)[0]


def test_a_screen_with_a_wider_runner_up_gap_is_caught(texts, monkeypatch):
    """The step that keeps only the places where the rule's search answers can fail the
    comparison too: asking the best candidate to be 2 clear of the next (the rule: 1)."""
    penalties = (C._PENALTY["same"], C._PENALTY["near"], C._PENALTY["shape"])
    monkeypatch.setattr(C, "_screen_texts", lambda texts: char_screen.screen(
        texts, C.MARGIN, 2 * C.RUNNER_UP_GAP, penalties, C._SCREEN_NUMERALS, C.BACKOFF_MARGIN))
    assert not _same(texts)[0]


def test_the_screens_answers_are_the_searchs():
    """Where the screen names the substitute, it is what ``_best_substitute`` finds."""
    named = 0
    for doc in _documents():
        for text, places in zip(doc, _screen(doc)):
            for at, meant in places.items():
                if meant is not None:
                    start = C._HAN_BEFORE.match(text, 0, at).start()
                    run = C._HAN_RUN.match(text, start).group()
                    assert C._best_substitute(char_model.model(), run, at - start, C._alternatives(text[at]))[1] == meant
                    named += 1
    assert named > 20


def test_the_arrays_hold_the_model_and_the_candidates():
    """Parsed as arrays, the two files say what the character model reads from them."""
    lm, arr = char_model.model(), char_screen.arrays(C._SCREEN_NUMERALS)
    np = arr.np

    def ids(chars: str):
        return arr.id_of[np.array([ord(c) for c in chars], dtype=np.int64)]

    contexts = [line.split("\t")[0] for line in lexicon.text("official_trigrams.txt").splitlines()
                if line and not line.startswith("#") and not line.startswith(char_model.UNIGRAM_CONTEXT)]
    for context in contexts:
        following = lm.following(context)
        chars = "".join(following)
        counts = (arr.bigram(ids(context * len(chars)), ids(chars)) if len(context) == 1 else
                  arr.trigram(ids(context[0] * len(chars)), ids(context[1] * len(chars)), ids(chars)))
        assert counts.tolist() == list(following.values()), context
    assert arr.total == lm.total
    assert arr.unigram[ids("".join(lm.chars))].tolist() == list(lm.chars.values())
    for c in sorted(char_model.candidates()):
        alternatives = C._alternatives(c)
        keys = ids(c * len(alternatives)) * arr.base + ids("".join(alternatives))
        assert [C._PENALTY[("same", "near", "shape")[g - 1]] for g in arr.alternative[keys].tolist()] == list(
            alternatives.values()), c
        assert (arr.alternative[ids(c) * arr.base + np.arange(arr.base)] > 0).sum() == len(alternatives), c
        assert bool(arr.has_alternative[ids(c)][0]) == bool(alternatives), c  # numerals too (round 22)


def test_contains_is_find_without_the_index():
    """``contains`` (the covered test, the fit test) says what ``find`` says, on every known
    trigram and on as many random triples of characters (most of them unknown)."""
    arr = char_screen.arrays(C._SCREEN_NUMERALS)
    np = arr.np
    known = arr.trigrams.slot_keys[arr.trigrams.slot_keys >= 0]
    rng = np.random.default_rng(13)
    triples = rng.integers(0, arr.base, size=(3, len(known)))
    queries = np.concatenate((known, (triples[0] * arr.base + triples[1]) * arr.base + triples[2]))
    found = arr.trigrams.contains(queries)
    assert found.tolist() == (arr.trigrams.find(queries) >= 0).tolist()
    assert found[:len(known)].all() and not found[len(known):].all()


def test_a_search_that_reaches_the_tables_end_finds_nothing():
    """The numpy index has a tail, not a wrap: keys crowded into the last homes fill the table
    to its last slot, and an absent key homed inside that run is searched to the end and no
    further (an IndexError before round 19, met once the model's texts changed)."""
    np = pytest.importorskip("numpy")
    shift = 64 - 4  # three keys: sixteen homes
    candidates = np.arange(1, 5000, dtype=np.int64)
    homes = char_screen._home(np, candidates, shift)
    keys = candidates[homes == 14][:3]
    absent = candidates[homes == 15][:1]
    index = char_screen._HashIndex(np, **char_screen._HashIndex.build(np, keys))
    assert len(index.slot_keys) == 17 and index.shift == shift
    assert index.find(np.concatenate((keys, absent))).tolist() == [0, 1, 2, -1]
    assert index.contains(absent).tolist() == [False]


def test_the_han_table_is_the_rules_han():
    """Runs of Han characters as the rule's ``regex`` finds them, on every code point."""
    import regex

    arr = char_screen.arrays(C._SCREEN_NUMERALS)
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    han = regex.compile(r"\p{Han}")
    assert [c for c in map(ord, every) if arr.han[c]] == [ord(m.group()) for m in han.finditer(every)]


def test_the_rule_reports_the_same_whether_it_screens_or_not(monkeypatch):
    """End to end (the engine, TYP013's per-document screen of its units): the same
    diagnostics on the repository's documents in every format with the screen from the first
    character (both thresholds 0) as with Python only (never reached)."""
    from gongwen.api import make_linter, read_path

    files = sorted(p for folder in ("genres", "typos/documents3", "web", "tables", "docx", "corpus-sample")
                   for p in (ROOT / "fixtures" / folder).rglob("*")
                   if p.suffix in (".txt", ".html", ".md", ".docx"))
    linter = make_linter(None, select=["TYP013"])
    screened = []
    screen = C._screen_texts
    monkeypatch.setattr(C, "_screen_texts", lambda texts: screened.append(texts) or screen(texts))
    found = {}
    for after in (1 << 60, 0):
        monkeypatch.setattr(C, "SCREEN_AFTER", after)
        monkeypatch.setattr(C, "SCREEN_AFTER_CACHED", after)
        found[after] = [repr(d) for p in files for d in linter.lint(read_path(p))]
    assert found[0] == found[1 << 60]
    assert len(found[0]) > 5
    assert len(screened) > 20  # the documents did go through the screen


def test_edge_texts():
    """No texts, empty ones, one character, a lone surrogate, characters beyond the BMP and
    both line ends: the screen keeps what the rule needs and nothing breaks."""
    assert _screen([]) == []
    texts = ["", "中", "中国", "\ud800发展机智", "𠀀𠀁发展机智𠀂", "总休方案\r\n污染防冶", "污染防冶\r深入"]
    kept = _screen(texts)
    assert [C.suspects(t, places=p) for t, p in zip(texts, kept)] == [C.suspects(t) for t in texts]
    assert sum(map(len, (C.suspects(t) for t in texts))) >= 3


def test_the_document_rule_reports_what_each_unit_judged_alone_holds(monkeypatch):
    """TYP013 is called once per document and judges only the units the screen keeps places
    in: through the engine, it reports at each unit's start plus each suspect that
    ``plausible_suspects`` finds judging that unit whole in Python and its layout leaves
    (``_laid_out``: a name, a list item), and each slip in a count's unit that
    ``count_units.unit_slips`` finds in that unit (searched in the whole text, judged in the
    unit), the substitute as the fix's text, on the repository's documents in every format
    (screened from the first character), and nothing in a document written before
    ``MODERN_SINCE``."""
    from gongwen.analysis.outline import written_year
    from gongwen.api import make_linter, read_path

    files = sorted(p for folder in ("genres", "typos/documents3", "web", "tables", "docx", "corpus-sample")
                   for p in (ROOT / "fixtures" / folder).rglob("*")
                   if p.suffix in (".txt", ".html", ".md", ".docx"))
    monkeypatch.setattr(C, "SCREEN_AFTER", 0)
    monkeypatch.setattr(C, "SCREEN_AFTER_CACHED", 0)
    linter = make_linter(None, select=["TYP013"])
    reported = 0
    for path in files:
        doc = read_path(path)
        found = [(d.start, d.end, d.fixes[0].edits[0].content) for d in linter.lint(doc)]
        year = written_year(doc)
        judged = year is None or year >= char_model.MODERN_SINCE
        expected = sorted([(u.start + s.at, u.start + s.at + 1, s.meant) for u in doc.units if judged
                           for s in C.plausible_suspects(u.text, doc.text) if not C._laid_out(u.text, s.at)]
                          + [(u.start + at, u.start + at + 1, meant) for u in doc.units if judged
                             for at, _, meant in unit_slips(u.text)])
        assert found == expected, path
        reported += len(found)
    assert reported > 5
