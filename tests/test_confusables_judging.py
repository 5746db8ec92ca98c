"""TYP013's judging shortcuts (rules/confusables.py) answer as the plain definitions they replace.
Texts: the repository's report folders, every character of thousands of runs of Han characters
judged with its candidates written in."""
from __future__ import annotations

import random

import pytest
import regex

from gongwen.analysis import char_model
from gongwen.analysis.evidence import PARALLEL, in_parallel_frame, word_count
from gongwen.rules import confusables as C
from test_confusables_vectorised import _documents


def _plain_best_word(s: str, i: int, char: str, whole: bool) -> tuple[str | None, int]:
    """``_best_word`` as defined: every word of two to four characters through i looked up,
    lengths from the shortest, starts from the leftmost, a word kept when strictly commoner."""
    t = s[:i] + char + s[i + 1:]
    best, best_at, best_count = None, -1, 0
    for n in (2, 3, 4):
        for j in range(max(0, i - n + 1), min(i, len(t) - n) + 1):
            count = word_count(t[j:j + n])
            if count > best_count and not (whole and C._takes_from_neighbour(t, j, j + n, i)):
                best, best_at, best_count = t[j:j + n], j, count
    return best, best_at


@pytest.fixture(scope="module")
def places() -> list[tuple[str, int, str]]:
    """(run, position, character written there): each position of 3,000 runs drawn from the
    repository's documents (runs of 2 to 12 characters: every window size at both ends), with
    the character as written and each of its candidates."""
    runs = sorted({r.group() for doc in _documents() for p in doc for r in C._HAN_RUN.finditer(p)})
    rnd = random.Random("typ013-best-word")
    table = char_model.candidates()
    out = []
    for run in rnd.sample(runs, 3000):
        run = run[:rnd.randint(2, 12)]
        for i, c in enumerate(run):
            options = table.get(c)
            out += [(run, i, x) for x in c + (options.same_sound + options.near_sound + options.shape if options else "")]
    return out


def test_the_words_of_a_start_found_at_once_are_the_plain_search_s(places):
    """One look-up per start (``words_beginning``) finds the word the plain search finds, tie
    rule and the whole-word test included."""
    found = 0
    for s, i, char in places:
        for whole in (False, True):
            fast = C._best_word(s, i, char, whole)
            assert fast == _plain_best_word(s, i, char, whole), (s, i, char, whole)
            found += fast[0] is not None
    assert len(places) > 100_000 and found > 50_000


def _plain_in_parallel_frame(text: str, at: int, distance: int = PARALLEL) -> bool:
    """``in_parallel_frame`` as defined: every slot within ``distance`` looked at."""
    if at == 0 or at + 1 >= len(text):
        return False
    before, after = text[at - 1], text[at + 1]
    if not (before.isalpha() and after.isalpha()):
        return False
    lo, hi = max(1, at - distance), min(len(text) - 1, at + distance + 1)
    return any(text[k - 1] == before and text[k + 1] == after and text[k] != text[at]
               for k in range(lo, hi) if k != at)


def test_a_frame_found_by_searching_its_first_character_is_the_plain_search_s():
    """Every position of texts over a few characters (frames everywhere, repeated slots, the
    frame at the window's edges, a text's ends) and of the repository's paragraphs."""
    rnd = random.Random("typ013-frame")
    texts = ["".join(rnd.choice("政企分开、资事a1") for _ in range(rnd.randint(1, 30))) for _ in range(20_000)]
    texts += [p for doc in _documents() for p in doc][:2000]
    framed = 0
    for text in texts:
        for at in range(len(text)):
            for distance in (PARALLEL, 1, 2):
                fast = in_parallel_frame(text, at, distance)
                assert fast == _plain_in_parallel_frame(text, at, distance), (text, at, distance)
                framed += fast
    assert framed > 10_000


def test_a_verdict_judged_on_its_window_is_the_whole_runs():
    """``_judge_unknown`` judges the nine characters around a place and remembers the verdict
    by them (a long run repeating one slip was judged again at every repeat, and each judging
    copied the run: quadratic). Every test it asks reads at most four characters either side,
    so on the window each answers as on the whole run: the search for a substitute, the words
    with and without it, the model's scores, and the verdict. Positions of long runs (10 to 40
    characters), the screen's answer given (candidates) and not (the search)."""
    runs = sorted({r.group() for doc in _documents() for p in doc for r in C._HAN_RUN.finditer(p) if len(r.group()) > 9})
    rnd = random.Random("typ013-window")
    lm, table = C.model(), char_model.candidates()
    judged = suspects = 0
    for run in rnd.sample(runs, 400):
        run = run[:rnd.randint(10, 40)]
        for i, c in enumerate(run):
            if not table.get(c):
                continue
            lo = max(0, i - 4)
            window, at = run[lo:i + 5], i - lo
            alternatives = C._alternatives(c)
            assert C._best_substitute(lm, window, at, alternatives) == C._best_substitute(lm, run, i, alternatives)
            for x in [c, *sorted(alternatives)]:
                for whole in (False, True):
                    word, word_at = C._best_word(run, i, x, whole)
                    assert C._best_word(window, at, x, whole) == (word, word_at - lo if word else -1), (run, i, x)
                assert lm.span_score(window, at, x) == lm.span_score(run, i, x)
                meant = None if x == c else x
                verdict = C._window_verdict.__wrapped__(lm, run, i, meant)
                suspect = C._judge_unknown(lm, table, run, i, 7, meant)
                judged += 1
                if verdict is None:
                    assert suspect is None, (run, i, meant)
                    continue
                suspects += 1
                answer, word, margin, word_at = verdict
                assert suspect == C.Suspect(7 + i, c, answer, word, margin, 7 + word_at, 7), (run, i, meant)
    assert judged > 6_000 and suspects > 6, (judged, suspects)


def _plain_fitting(lm, s: str, i: int, alternatives: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """``_fitting`` as first written: each trigram through i found in its context's parsed line."""
    following = lm.following
    ending = following(s[i - 2:i]) if i >= 2 else {}
    middle = s[i - 1] if i >= 1 and i + 1 < len(s) else None
    starting = s[i + 1:i + 3] if i + 2 < len(s) else None
    return [(alt, penalty) for alt, penalty in alternatives
            if alt in ending or (middle is not None and s[i + 1] in following(middle + alt))
            or (starting is not None and starting[1] in following(alt + starting[0]))]


def test_the_trigrams_searched_in_their_lines_as_written_fit_as_the_parsed_lines_say(places):
    """``_fitting`` asks ``count`` of lines searched as written (not parsed: most of a run's
    ~500 lines are asked a few counts): the same alternatives as the plain membership test in
    each context's parsed line, at every position of the 3,000 runs, with every candidate."""
    searching = char_model.CharacterModel(char_model.lexicon.binary("official_trigrams.txt"))
    parsing = char_model.CharacterModel(char_model.lexicon.binary("official_trigrams.txt"))
    asked = fitting = 0
    for s, i, char in places:
        if char != s[i] or char not in C.candidates():
            continue  # one call per position with candidates: the alternatives are all of them
        alternatives = list(C._alternatives(char).items())
        fast = C._fitting(searching, s, i, alternatives)
        assert fast == _plain_fitting(parsing, s, i, alternatives), (s, i)
        asked += len(alternatives)
        fitting += len(fast)
    assert not any(len(context) == 2 for context in searching._parsed)  # answered from the lines as written
    assert asked > 100_000 and fitting > 5_000, (asked, fitting)


def test_a_short_quotation_found_at_the_place_is_the_pattern_s():
    """``_in_short_quote`` asks at the place what a pass of “[^“”\\n]{1,10}” over the text found:
    every Han position of 20,000 texts over a few characters, quotation marks and line breaks
    (quotations of 0 to 13 characters, nested, unclosed, broken by a line), and of the
    repository's paragraphs with quotation marks."""
    pattern = regex.compile(r"“[^“”\n]{1,10}”")
    rnd = random.Random("typ013-short-quote")
    texts = ["".join(rnd.choice("甲乙“”“”\n") for _ in range(rnd.randint(1, 40))) for _ in range(20_000)]
    texts += [p for doc in _documents() for p in doc if "“" in p]
    asked = inside = 0
    for text in texts:
        spans = [m.span() for m in pattern.finditer(text)]
        for at, c in enumerate(text):
            if c in "“”\n":
                continue
            expected = any(a <= at < b for a, b in spans)
            assert C._in_short_quote(text, at) == expected, (text, at)
            asked += 1
            inside += expected
    assert asked > 100_000 and inside > 10_000, (asked, inside)


def test_a_form_in_use_kept_is_the_table_s_answer():
    """``in_use`` keeps its answers: each of 20,000 forms asked in random order, most of them
    again (the repository's runs cut at random, some with a character changed), answers as a
    search of the table itself."""
    from gongwen.analysis import usage_words

    table = usage_words.lexicon.sorted_words(usage_words.TABLE)
    runs = sorted({r.group() for doc in _documents() for p in doc for r in C._HAN_RUN.finditer(p)})
    rnd = random.Random("typ013-in-use")
    forms = []
    for run in rnd.sample(runs, 5000):
        at = rnd.randint(0, max(0, len(run) - 2))
        form = run[at:at + rnd.randint(2, 6)]
        forms += [form, form[:-1] + "丙", form]
    forms += rnd.choices(forms, k=5000)
    rnd.shuffle(forms)
    usage_words.in_use.cache_clear()
    answers = [usage_words.in_use(f) for f in forms]
    assert answers == [f in table for f in forms]
    assert usage_words.in_use.cache_info().hits > 5000 and 1000 < sum(answers) < len(forms) - 1000
