"""The streaming baseline reader against the plain one (json.loads of the whole file).

The reader may decline a file (None: the plain reader then decides), but what it returns
must be what the plain reader returns: proven here on generated files of every shape a
baseline can be given by hand — keys in any order or twice, any whitespace, entries that
are not entries, wrong formats and versions, a BOM, cut or edited text — read through a
buffer of a few bytes, so that every value is cut by the buffer's end somewhere.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen import baseline
from gongwen.baseline_reader import fingerprints

# Values a hand-edited baseline may hold: numbers that end where a buffer may, CJK, escapes.
_SCALARS = (st.none() | st.booleans() | st.integers(-10**30, 10**30)
            | st.floats(allow_nan=False, allow_infinity=False) | st.text("ab\"\\\n\t，中é\x01\u2028 ", max_size=8))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.sampled_from(["fingerprint", "code", "x"]), inner, max_size=3),
                       max_leaves=6)
_ENTRY = st.builds(lambda fp, code, path: {"fingerprint": fp, "code": code, "path": path, "text": "，"},
                   st.text("0123456789abcdef中", max_size=20), st.sampled_from(["PUN001", "DAT001"]),
                   st.text("站点/ab\\\"", max_size=10))
_SPACE = st.text(" \t\n\r", max_size=3)
_FLAWS = ["format", "version", "no format", "entry", "findings not a list", "key twice", "findings twice",
          "fingerprint key", "object for a key", "character dropped", "character added", "cut", "trailing text"]


@st.composite
def baseline_texts(draw) -> tuple[str, bool]:
    """A baseline's text written by hand: (text, whether it is a plain well-formed baseline,
    which the streaming reader must read itself). Half of them have one flaw."""
    flaw = draw(st.sampled_from(_FLAWS)) if draw(st.booleans()) else None
    entries = draw(st.lists(_ENTRY, max_size=8))
    if flaw == "entry":
        entries.insert(draw(st.integers(0, len(entries))), draw(_VALUES))
    pairs: list[tuple[str, object]] = [
        ("format", draw(st.sampled_from(["other", None, 1, "gongwen-baseline "])) if flaw == "format"
         else baseline.FORMAT),
        ("version", draw(st.sampled_from([True, 1.0, 2, "1", None])) if flaw == "version" else baseline.VERSION),
        ("findings", {"a": entries} if flaw == "findings not a list" else entries)]
    if flaw == "no format":
        del pairs[0]
    if draw(st.booleans()):
        pairs.append((draw(st.sampled_from(["note", "中"])), draw(_VALUES)))  # a key of no meaning
    if flaw in ("key twice", "findings twice", "fingerprint key"):
        key = {"findings twice": "findings", "fingerprint key": "fingerprint"}.get(flaw) or draw(
            st.sampled_from(["format", "version", "note"]))
        pairs.append((key, draw(st.lists(_ENTRY, min_size=1, max_size=3) if key == "findings" else _VALUES)))
    order = draw(st.permutations(range(len(pairs))))
    pairs = [pairs[i] for i in order]
    ascii_only, indent = draw(st.booleans()), draw(st.sampled_from([None, 0, 1, 2, "\t"]))

    def dumps(value: object) -> str:
        return json.dumps(value, ensure_ascii=ascii_only, indent=indent)

    def key(k: str) -> str:  # an entry standing where a key goes is read as a str (its fingerprint)
        return dumps({"fingerprint": k}) if flaw == "object for a key" and k == "format" else dumps(k)

    text = draw(_SPACE) + "{" + ",".join(
        draw(_SPACE) + key(k) + draw(_SPACE) + ":" + draw(_SPACE) + dumps(v) + draw(_SPACE)
        for k, v in pairs) + draw(_SPACE) + "}" + draw(_SPACE)
    at = draw(st.integers(0, len(text)))
    added = draw(st.sampled_from(list(",:[]{}\"0e-. 中\\x")))
    text = {"character dropped": text[:at] + text[at + 1:], "character added": text[:at] + added + text[at:],
            "cut": text[:at], "trailing text": text + added}.get(flaw, text)
    return text, flaw is None


def _plain(path: Path) -> frozenset[str] | str:
    try:
        return baseline._load_whole(path)
    except ValueError as exc:
        return str(exc)


@settings(max_examples=max(1000, settings().max_examples))
@given(baseline_texts(), st.integers(1, 40), st.booleans())
def test_the_streaming_reader_returns_what_the_plain_reader_returns(written, chunk, bom):
    text, plain = written
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "baseline.json"
        path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8", "surrogatepass"))
        streamed = fingerprints(path, baseline.MAX_SIZE, baseline.FORMAT, baseline.VERSION, chunk=chunk)
        whole = _plain(path)
    if streamed is not None:
        assert streamed == whole
    assert streamed is not None or not plain, text


def test_a_file_over_the_cap_or_not_regular_is_left_to_the_plain_reader(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"format": baseline.FORMAT, "version": 1, "findings": [{"fingerprint": "f"}]}))
    size = path.stat().st_size
    assert fingerprints(path, size, baseline.FORMAT, baseline.VERSION) == {"f"}
    assert fingerprints(path, size - 1, baseline.FORMAT, baseline.VERSION) is None
    os.mkfifo(tmp_path / "fifo")
    assert fingerprints(tmp_path / "fifo", size, baseline.FORMAT, baseline.VERSION) is None  # never blocks
    assert fingerprints(tmp_path / "missing", size, baseline.FORMAT, baseline.VERSION) is None


def test_a_value_longer_than_many_buffers_is_read(tmp_path):
    """A value cut by the buffer's end is scanned again with more; the read doubles, so a
    long one is not scanned once per buffer."""
    long = "中" * 100_000
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"note": long, "format": baseline.FORMAT, "version": 1,
                                "findings": [{"fingerprint": long}, {"fingerprint": "12"}]}), encoding="utf-8")
    assert fingerprints(path, baseline.MAX_SIZE, baseline.FORMAT, baseline.VERSION, chunk=64) == {long, "12"}


def test_an_object_where_a_key_goes_is_not_taken_for_the_key(tmp_path):
    """An entry is read as its fingerprint, a str: as a key it passed for one."""
    path = tmp_path / "b.json"
    path.write_text('{{"fingerprint": "format"}: "gongwen-baseline", "version": 1, "findings": []}')
    assert fingerprints(path, baseline.MAX_SIZE, baseline.FORMAT, baseline.VERSION) is None
    with pytest.raises(ValueError):
        baseline.load(path)


@pytest.mark.parametrize("bad", ["1e", "[1,]", "{}", '{"fingerprint": 1}'])
def test_what_the_plain_reader_refuses_the_streaming_one_declines(tmp_path, bad):
    path = tmp_path / "b.json"
    path.write_text('{"format": "gongwen-baseline", "version": 1, "findings": [' + bad + "]}")
    assert fingerprints(path, baseline.MAX_SIZE, baseline.FORMAT, baseline.VERSION, chunk=3) is None
    with pytest.raises(ValueError):
        baseline.load(path)


def test_a_number_cut_anywhere_by_the_buffer_is_read_whole(tmp_path):
    """1|.5e+5, 1.5|e+5, 1.5e|+5: json's scanner takes the part before the cut as a whole
    number, so a value that ends near the buffer's end is scanned again with more."""
    path = tmp_path / "b.json"
    path.write_text('{"note": -1.5e+5, "format": "gongwen-baseline", "version": 1, "findings": []}')
    assert all(fingerprints(path, baseline.MAX_SIZE, baseline.FORMAT, baseline.VERSION, chunk=chunk) == set()
               for chunk in range(1, 20))


def test_a_big_baseline_is_read_in_about_the_memory_of_its_fingerprints(tmp_path):
    """Read whole, a baseline took four times its size at the peak (its bytes and its text,
    then the parse); read as it is parsed, its fingerprints and a buffer: 1.4 times here
    (a small file: the buffer weighs), 1.0 for 42 MB (benchmarks/speed/NOTES.md)."""
    from support import baseline_load_peak

    ratio, exact = baseline_load_peak(tmp_path / "baseline.json", 30_000)
    assert exact and ratio < 2, ratio
