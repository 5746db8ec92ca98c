"""TYP013's shortcuts find what its plain definition finds (rules/confusables.py).

``suspects`` looks up each trigram of a run once (``CharacterModel.uncovered``), asks the vetoes that
do not depend on a substitute before searching for one, and scores the candidates that cannot
be the answer (no known trigram through them) only once one that can clears ``MARGIN``. The
plain definition below is the rule as it was before those shortcuts (round 8): every character,
every candidate scored, the vetoes asked of each suspect afterwards. Texts: sentences of
official writing spoiled with candidate characters (many suspects) and the repository's own
documents (``fixtures/genres``, ``fixtures/typos/documents3``)."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from gongwen.analysis import char_model, screen_backoff
from gongwen.analysis.evidence import USUAL, in_parallel_frame
from gongwen.analysis.numeral_slips import reads_as_number
from gongwen.rules import confusables as C
from gongwen.rules.characters import script_tables
from test_confusables_model import spoil

ROOT = Path(__file__).resolve().parents[1]


def _plain_known(lm, s: str, i: int) -> bool:
    return any(lm.count(s[k:k + 2], s[k + 2]) for k in range(max(0, i - 2), min(i, len(s) - 3) + 1))


def _plain_best(lm, s: str, i: int, options):
    written = lm.span_score(s, i, s[i])
    scored = []
    for group, chars in (("same", options.same_sound), ("near", options.near_sound), ("shape", options.shape)):
        for alt in chars:
            if alt in C._NUMERALS:
                continue
            if ((i == 0 or lm.pair_count(s[i - 1] + alt) < USUAL)
                    and (i == len(s) - 1 or lm.pair_count(alt + s[i + 1]) < USUAL)):
                continue
            scored.append((lm.span_score(s, i, alt) - written - C._PENALTY[group], alt))
    if not scored:
        return None
    scored.sort(reverse=True)
    if scored[0][0] < C.MARGIN or (len(scored) > 1 and scored[1][0] > scored[0][0] - C.RUNNER_UP_GAP):
        return None
    return scored[0]


def _plain_judge(lm, table, s: str, i: int, offset: int):
    c = s[i]
    if c not in table or _plain_known(lm, s, i):
        return None
    best = _plain_best(lm, s, i, table[c])
    if best is None:
        return None
    margin, meant = best
    if not _plain_known(lm, s[:i] + meant + s[i + 1:], i):
        return None
    # the word's evidence is no shortcut: the rule's own (a common word, or a rare one the margin vouches for)
    found = C._substitute_word(lm, s, i, meant) or C._rare_word(lm, s, i, meant, margin)
    if found is None:
        return None
    word, word_at, written = found
    if written is None or margin >= C.WORD_MARGIN:
        return C.Suspect(offset + i, c, meant, word, margin, offset + word_at, offset)
    return None


# The short quotations as first defined: a pass of this pattern over the whole text.
_SHORT_QUOTE = regex.compile(r"“[^“”\n]{1,10}”")


def _plain_suspects(text: str) -> list:
    found = []
    lm, table = char_model.model(), char_model.candidates()
    traditional = script_tables()[0]
    quoted = [m.span() for m in _SHORT_QUOTE.finditer(text)]
    for run in C._HAN_RUN.finditer(text):
        s = run.group()
        if any(c in traditional for c in s):
            continue
        for i in range(len(s)):
            at = run.start() + i
            if any(a <= at < b for a, b in quoted) or (s[i] in C._NUMERALS and reads_as_number(text, at)):
                continue
            suspect = _plain_judge(lm, table, s, i, run.start())
            if suspect is not None:
                found.append(suspect)
    return found


def _plain_plausible(text: str, document_text: str) -> list:
    found = []
    for suspect in _plain_suspects(text):
        run = C._HAN_RUN.match(text, suspect.run_start).group()
        if (C._between_words(text, suspect.run_start, suspect.run_start + len(run), suspect.at)
                or in_parallel_frame(text, suspect.at)
                or C._set_phrase(text, suspect.run_start, suspect.run_start + len(run), suspect.at)):
            continue
        word_at = suspect.word_at - suspect.run_start
        if (C._used_again(document_text, run[word_at:word_at + len(suspect.word)])
                or (C._in_general_usage(run, word_at, len(suspect.word))
                    and not C._out_of_place(run, word_at, suspect.word))
                or C._opens_place_name(text, suspect) or C._in_trade_name(text, suspect.at)):
            continue
        found.append(suspect)
    return found


def _spoiled(seed: str, n: int) -> list[str]:
    """Sentences of the repository's documents with one to three characters replaced by a
    candidate that sounds or looks like them."""
    return spoil(random.Random(seed), [p for p in _paragraphs() if 8 <= len(p) <= 120], n)


def _paragraphs() -> list[str]:
    files = sorted((ROOT / "fixtures" / "genres").glob("*.txt")) + sorted(
        (ROOT / "fixtures" / "typos" / "documents3").glob("*.txt"))
    return [p for f in files for p in f.read_text(encoding="utf-8").splitlines() if p.strip()]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _paragraphs() + _spoiled("typ013-screens", 1200)


def test_the_shortcuts_find_what_the_plain_definition_finds(texts, monkeypatch, request):
    # The plain definition is the trigram path's: the dictionary's back-off (on by default since
    # round 27) is compared with its own definition in tests/rules/test_backoff_vetoes.py.
    monkeypatch.setattr(screen_backoff, "ON", False)
    C._window_verdict.cache_clear()  # verdicts are remembered by window, not by switch
    request.addfinalizer(C._window_verdict.cache_clear)
    found = 0
    for text in texts:
        fast = C.suspects(text)
        assert fast == _plain_suspects(text), text
        assert C.plausible_suspects(text, text) == _plain_plausible(text, text), text
        found += len(fast)
    assert found > 150  # the spoiled sentences hold enough suspects for the comparison to mean something


def test_a_screen_that_drops_a_scorable_candidate_is_caught(texts, monkeypatch):
    """The comparison can fail: a screen that counts only the trigram ending at the character
    (not those through it or starting there) as a fit throws away real repairs."""
    def ending_only(lm, s, i, alternatives):
        return [(alt, p) for alt, p in alternatives if i >= 2 and lm.count(s[i - 2:i], alt) > 0]

    monkeypatch.setattr(C, "_fitting", ending_only)
    assert any(C.suspects(t) != _plain_suspects(t) for t in texts)


def test_a_run_end_left_unjudged_is_caught(texts, monkeypatch):
    """And a position list that forgets a run's last character (no trigram starts there)."""
    model_class = type(C.model())  # the rule's own (a test elsewhere reloads char_model)
    plain = model_class.uncovered

    def short(lm, s):
        return [i for i in plain(lm, s) if i < len(s) - 1]

    monkeypatch.setattr(model_class, "uncovered", short)
    assert any(C.suspects(t) != _plain_suspects(t) for t in texts)


def test_wrong_character_on_the_screens_places_finds_what_judging_every_position_finds(texts):
    # TYP014 reads TYP013's screened places (round 21): only those can hold a suspect, and the
    # screen's substitute is the one the search would find.
    sample = texts[::4]
    screened = C._screen_texts(sample)
    found = 0
    for text, places in zip(sample, screened):
        everywhere = C.confident_suspects(text, text)
        assert C.confident_suspects(text, text, places) == everywhere, text
        found += len(everywhere)
    assert found > 20  # enough confident suspects for the comparison to mean something
