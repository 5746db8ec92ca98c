"""TYP013's compiled screen (``_char_screen.c``) returns exactly what its numpy path
(``char_screen.screen_with_numpy``, the reference) returns: the same places and the same named
answers. test_confusables_vectorised.py shows that the places ``screen`` keeps lose none of the
rule's findings; this shows the two ways of computing them agree, so both are covered.

Texts: thousands generated from the model itself (walks along its known trigrams, so most
characters are covered, then spoiled with candidate characters, so many places survive every
step), with every kind of boundary a text can hold, plus the repository's documents."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from gongwen.analysis import char_model, char_screen
from gongwen.rules import confusables as C
from test_confusables_model import spoil

ROOT = Path(__file__).resolve().parents[1]

if char_screen._char_screen is None:
    # Only an install without a C compiler lacks it; CI builds it (.ci/run), so there it fails.
    assert not os.environ.get("CI"), "the compiled screen did not build (gongwen.analysis._char_screen)"
    pytest.skip("the compiled screen is not built (no C compiler at install?): the numpy path runs",
                allow_module_level=True)

_PENALTIES = (C._PENALTY["same"], C._PENALTY["near"], C._PENALTY["shape"])
# What can stand between runs of Han characters: ends of lines, punctuation, digits, a character
# beyond the BMP, a lone surrogate, one beyond the model's last character.
_BREAKS = ["\n", "\r\n", "\r", "，", "。", "2024", " ", "𠀀", "\ud800", "a", "\U0010ffff", ""]


def _compiled(texts):
    return char_screen.screen(texts, C.MARGIN, C.RUNNER_UP_GAP, _PENALTIES, C._SCREEN_NUMERALS, C.BACKOFF_MARGIN)


def _numpy(texts):
    return char_screen.screen_with_numpy(texts, C.MARGIN, C.RUNNER_UP_GAP, _PENALTIES, C._SCREEN_NUMERALS, C.BACKOFF_MARGIN)


def _walk(rnd: random.Random, lm, starts: list[str], length: int) -> str:
    """A run of Han characters along the model's trigrams (a bigram or a new start when a
    context has none), weighted by their counts."""
    s = rnd.choice(starts)
    while len(s) < length:
        following = lm.following(s[-2:]) or lm.following(s[-1])
        if not following:
            s += rnd.choice(starts)
            continue
        chars, counts = zip(*following.items())
        s += rnd.choices(chars, weights=counts)[0]
    return s


def generated(seed: str, n: int) -> list[str]:
    """``n`` texts of one to four runs of 1-40 Han characters walked along the model, each
    text spoiled with candidates, the runs joined by ``_BREAKS``."""
    rnd = random.Random(seed)
    lm = char_model.model()
    starts = [c for c, count in sorted(lm.chars.items(), key=lambda item: -item[1])[:400]]
    texts = []
    for _ in range(n):
        runs = [_walk(rnd, lm, starts, rnd.randint(1, 40)) for _ in range(rnd.randint(1, 4))]
        runs = spoil(rnd, runs, len(runs))
        text = runs[0]
        for run in runs[1:]:
            text += rnd.choice(_BREAKS) + run
        texts.append(text)
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return generated("char-screen", 6000)


def _documents() -> list[list[str]]:
    files = [p for folder in ("genres", "typos/documents", "typos/documents2", "typos/documents3")
             for p in sorted((ROOT / "fixtures" / folder).glob("*.txt"))]
    return [f.read_text(encoding="utf-8").split("\n") for f in files]


def test_the_compiled_screen_returns_what_numpy_returns_on_generated_texts(texts):
    compiled = _compiled(texts)
    assert compiled == _numpy(texts)
    assert sum(map(len, compiled)) > 10_000  # enough places for the comparison to mean something


@pytest.mark.parametrize("gap", [C.RUNNER_UP_GAP, 0.5])
def test_the_compiled_screen_returns_what_numpy_returns_on_doubtful_answers(texts, monkeypatch, gap):
    """With the rule's terms nearly every kept place is named (a doubt needs two scores a gap
    apart to the last bit); a slack of 0.3 nat leaves hundreds in doubt, so the tests that
    name an answer (best against margin and gap, each side of the slack) are compared too."""
    monkeypatch.setattr(char_screen, "SLACK", 0.3)
    compiled = char_screen.screen(texts, C.MARGIN, gap, _PENALTIES, C._SCREEN_NUMERALS, C.BACKOFF_MARGIN)
    assert compiled == char_screen.screen_with_numpy(texts, C.MARGIN, gap, _PENALTIES, C._SCREEN_NUMERALS, C.BACKOFF_MARGIN)
    assert sum(meant is None for places in compiled for meant in places.values()) > 300


def test_the_compiled_screen_returns_what_numpy_returns_on_each_text_alone(texts):
    """Per text, as per document: a text's ends are the ends of its runs in both."""
    for text in texts[:500]:
        assert _compiled([text]) == _numpy([text]), text


def test_the_compiled_screen_returns_what_numpy_returns_on_documents():
    kept = 0
    for doc in _documents():
        compiled = _compiled(doc)
        assert compiled == _numpy(doc)
        kept += sum(map(len, compiled))
    assert kept > 20


@pytest.mark.parametrize("wrong", [("SLACK", -0.5), ("USUAL", 50), ("BACK_OFF", 3.0)])
def test_the_compiled_screen_takes_the_terms_of_the_call(texts, monkeypatch, wrong):
    """The score slack, a usual pair's count and the back-off are read at each call, as the
    numpy path reads them (test_confusables_vectorised.py changes them to show its comparison
    can fail). A back-off above 1 makes a score's terms positive where they back off: the C
    then stops no sum early (a sum that only falls is what lets it stop)."""
    before = _compiled(texts)
    monkeypatch.setattr(char_screen, *wrong)
    after = _compiled(texts)
    assert after == _numpy(texts)
    assert after != before


def test_edge_texts():
    texts = ["", "中", "中国", "\ud800发展机智", "𠀀𠀁发展机智𠀂", "总休方案\r\n污染防冶", "污染防冶\r深入",
             "发展机智" * 5000]
    assert _compiled(texts) == _numpy(texts)
    assert _compiled([]) == []
    assert _compiled(("总休方案",)) == _numpy(["总休方案"])  # any sequence of texts


def test_damaged_arrays_are_refused():
    """The arrays come from a cache file: ones that disagree with each other are an error
    when the extension takes them, never a read out of bounds (what it cannot check without
    reading tens of MB, the packed tables' values, it checks where it reads them)."""
    from gongwen.analysis import _char_screen

    model = char_screen.compiled(C._SCREEN_NUMERALS)
    assert model is char_screen.compiled(C._SCREEN_NUMERALS)
    arr = char_screen.arrays(C._SCREEN_NUMERALS)
    np = arr.np
    parts = arr.parts
    _char_screen.Model(parts, arr.total)  # as they are: taken

    def changed(name: str, at: int, value, dtype=None) -> dict:
        part = np.array(parts[name], dtype=dtype)
        if at is not None:
            part[at] = value
        return {**parts, name: part}

    damaged = [
        {name: part for name, part in parts.items() if name != "chars"},  # one missing
        changed("id_of", 7, arr.base),  # a character id past the model's
        # two code points with one id (the flags read by id would be the other's)
        changed("id_of", int(np.flatnonzero(arr.id_of == arr.base - 1)[0]), 0),
        changed("id_of", len(arr.id_of) - 1, 0),  # the code points after the model's given an id of it
        changed("candidate_ids", 5, -1),
        changed("candidate_bounds", 3, len(arr.candidate_ids) + 1),  # bounds past their array
        changed("candidate_groups", 0, 4),  # a group that is none of the three
        changed("candidate_bits", None, None, "uint32"),  # the wrong width
        changed("candidate_bits", 0, 0),  # a candidate without its bit
        changed("packed_layout", 0, 30),  # a table smaller than its homes reach
        changed("packed_layout", 6, 40),  # spans wider than a word holds
        {**parts, "unigram": arr.unigram[:-1]},  # a short table
    ]
    for arrays in damaged:
        with pytest.raises(ValueError):
            _char_screen.Model(arrays, arr.total)


def test_the_cached_arrays_are_mapped_without_numpy_as_numpy_maps_them():
    """The extension reads the cached ``.npy`` files without importing numpy (its import is
    most of a short run's cost): each array as numpy loads it, same type and values."""
    arr = char_screen.arrays(C._SCREEN_NUMERALS)  # built and cached if it was not
    mapped = char_screen._mapped(char_screen.cache_key(C._SCREEN_NUMERALS))
    assert mapped is not None
    assert set(mapped) == set(char_screen._COMPILED_READS)
    for name, view in mapped.items():
        expected = arr.parts[name]
        assert view.itemsize == expected.itemsize and len(view) == len(expected), name
        assert arr.np.array_equal(arr.np.frombuffer(view, dtype=expected.dtype), expected), name


def test_a_damaged_npy_file_is_not_mapped(tmp_path, monkeypatch):
    """Anything but a plain flat array of a known type: numpy's way instead (None)."""
    from gongwen.analysis import array_cache

    key = char_screen.cache_key(C._SCREEN_NUMERALS)
    char_screen.arrays(C._SCREEN_NUMERALS)
    copy = tmp_path / key
    copy.mkdir()
    for name in char_screen._COMPILED_READS:
        (copy / f"{name}.npy").write_bytes((array_cache.folder(key) / f"{name}.npy").read_bytes())
    monkeypatch.setattr(array_cache, "folder", lambda k: tmp_path / k)
    assert char_screen._mapped(key) is not None
    np = char_screen.arrays(C._SCREEN_NUMERALS).np
    for damage in (b"not an array", None):
        if damage is None:  # a big-endian array: numpy reads it, the extension does not
            np.save(copy / "unigram.npy", np.arange(4, dtype=">i8"))
        else:
            (copy / "unigram.npy").write_bytes(damage)
        assert char_screen._mapped(key) is None
    (copy / "unigram.npy").unlink()
    assert char_screen._mapped(key) is None


def test_damaged_values_read_where_they_are_read_stay_in_bounds(texts):
    """What is checked where it is read (the continuations: 1.5 MB, not read whole at start):
    a continuation list of one candidate repeated hundreds of times, or of ids past the
    model's, screens without reading or writing out of bounds (the answers are then wrong,
    not the memory)."""
    from gongwen.analysis import _char_screen

    arr = char_screen.arrays(C._SCREEN_NUMERALS)
    np = arr.np
    frequent = int(arr.np.argmax(arr.unigram[:-1]))
    candidate = int(arr.candidate_ids[arr.candidate_bounds[frequent]])
    for value in (candidate, arr.base, 0xFFFF):
        parts = {**arr.parts, "continuations16": np.full_like(arr.parts["continuations16"], value)}
        model = _char_screen.Model(parts, arr.total)
        kept = model.screen(texts[:1000], C.MARGIN, C.RUNNER_UP_GAP, _PENALTIES, char_screen.SLACK,
                            char_screen.USUAL, char_screen.BACK_OFF, C.BACKOFF_MARGIN)
        assert len(kept) == 1000
