"""The segmentation dictionary read in C (``_word_groups.c``) as its Python reference reads it:
a character's line found by bisection over an index of the file's bytes as over its lines
split (every line of the shipped dictionary and of generated ones, and characters that begin
none), a group parsed as ``_Frequencies._python_group_words`` parses it (every group of both);
and the segmenter ends tokens in the same places whichever reads its dictionary."""
from __future__ import annotations

import random

import pytest
import regex
from support import SEED, compiled_or_skip

from gongwen.analysis import lexicon, segmentation
from gongwen.analysis.segmentation import LazyTokenizer, _Frequencies

_word_groups = compiled_or_skip("_word_groups")


def _differences(freq: _Frequencies, firsts) -> tuple[int, int]:
    """(groups whose compiled parse differs from the Python one, groups compared) over the
    lines of ``firsts``."""
    differ = tried = 0
    for first in firsts:
        group = freq.group(first)
        for at, second in enumerate(group.seconds):
            expected = freq._python_group_words(group, first + second)
            differ += _word_groups.parse(group.line, group.body, at, group.end) != expected
            tried += 1
    return differ, tried


def test_every_group_of_the_shipped_dictionary_parses_as_in_python():
    data = lexicon.binary("segmentation_dict.txt")
    firsts = [line.split(b"\t", 1)[0].decode("utf-8") for line in data.split(b"\n")
              if line and not line.startswith(b"# ")]
    differ, tried = _differences(_Frequencies(data), firsts)
    assert differ == 0 and tried > 100_000


def _generated_dictionary(rnd: random.Random, lines: int) -> tuple[bytes, list[str]]:
    """A dictionary in the builder's format: first characters of one, two, three and four
    UTF-8 bytes, second characters likewise, words of the pair and up to five more
    characters, counts from 1 to beyond 64 bits, with and without leading zeros."""
    pool = [chr(c) for span in ((0x41, 0x5B), (0x3B1, 0x3CA), (0x4E00, 0x9FA6), (0x20000, 0x2A6D7))
            for c in range(*span)]
    alphabet = "一中国人民法的了aé€𠀋𪚥〇々"
    firsts = rnd.sample(pool, lines)
    body = []
    for first in firsts:
        seconds = "".join(sorted(set(rnd.choices(pool[:60] + pool[-60:] + list(alphabet), k=rnd.randint(0, 8)))))
        groups = []
        for second in seconds:
            words = {first + second + "".join(rnd.choices(alphabet, k=rnd.randint(0, 5)))
                     for _ in range(rnd.randint(1, 6))}
            counts = [rnd.choice([str(rnd.randint(1, 9)), str(rnd.randint(1, 10**6)), "00" + str(rnd.randint(1, 99)),
                                  str(rnd.randint(10**17, 10**25))]) for _ in words]
            groups.append(" ".join(f"{w} {c}" for w, c in zip(sorted(words), counts)))
        single = rnd.choice(["", str(rnd.randint(1, 500))])
        body.append("\t".join([first, single, seconds, *groups]))
    body.sort(key=lambda line: line.encode())
    return ("# total 1000 longest 12\n" + "\n".join(body) + "\n").encode(), firsts


def test_generated_groups_parse_as_in_python():
    rnd = random.Random("word-groups")
    data, firsts = _generated_dictionary(rnd, 3000)
    differ, tried = _differences(_Frequencies(data), firsts)
    assert differ == 0 and tried > 10_000


def _lines_found(freq: _Frequencies, keys: list[bytes]) -> list[bytes | None]:
    spans = (freq._span(key) for key in keys)
    return [None if span is None else span[0][span[1]:span[2]] for span in spans]


def _keys(rnd: random.Random, data: bytes) -> list[bytes]:
    """The first character of every line, and 5,000 random ones (most begin none): astral,
    a lone surrogate, before the first line and after the last."""
    keys = [line.split(b"\t", 1)[0] for line in data.split(b"\n") if line and not line.startswith(b"# ")]
    keys += [chr(rnd.randrange(0x20, 0x10FFFF)).encode("utf-8", "surrogatepass") for _ in range(5_000)]
    return keys + [b"", b"\x00", b"\xff", "\ud800".encode("utf-8", "surrogatepass")]


def test_lines_are_found_in_c_as_in_python(monkeypatch):
    rnd = random.Random("word-groups-lines")
    shipped = lexicon.binary("segmentation_dict.txt")
    generated, _ = _generated_dictionary(rnd, 3000)
    without_newline = generated.rstrip(b"\n")
    dictionaries = [shipped, generated, without_newline, b"# total 1 longest 1\n", b""]
    keyed = [(data, _keys(rnd, data)) for data in dictionaries]
    compiled = [_lines_found(_Frequencies(data), keys) for data, keys in keyed]
    monkeypatch.setattr(segmentation, "_word_groups", None)
    assert [_lines_found(_Frequencies(data), keys) for data, keys in keyed] == compiled
    assert sum(line is not None for found in compiled for line in found) > 14_000


def _clauses() -> list[str]:
    runs = regex.findall(r"\p{Han}+", SEED.read_text(encoding="utf-8"))
    rnd = random.Random("word-groups-clauses")
    chars = sorted(set("".join(runs)))
    clauses = [run[i:i + 30] for run in runs for i in range(0, len(run), 7)]
    clauses += ["".join(rnd.choices(chars, k=rnd.randint(1, 40))) for _ in range(2000)]
    return clauses


def test_the_segmenter_cuts_the_same_with_either_parse(monkeypatch):
    """Each tokenizer of its own, so each parses every group it reads (with the domain words,
    whose added pairs join parsed groups)."""
    def tokenizer() -> LazyTokenizer:
        lazy = LazyTokenizer(frequencies=_Frequencies)
        for word in sorted(lexicon.words("segmentation_words.txt")):
            lazy.add_word(word)
        return lazy

    clauses = _clauses()
    compiled_tokenizer = tokenizer()
    compiled = [compiled_tokenizer.token_ends(c) for c in clauses]
    monkeypatch.setattr(segmentation, "_word_groups", None)
    plain = tokenizer()
    assert [plain.token_ends(c) for c in clauses] == compiled
    assert len(clauses) > 2000


def test_a_line_with_fewer_groups_is_an_error():
    line = "中\t5\t国\t中国 3\n".encode()
    body, end = line.index("中国".encode()), len(line) - 1
    assert _word_groups.parse(line, body, 0, end) == ({"中国": 3}, 2)
    with pytest.raises(IndexError):
        _word_groups.parse(line, body, 1, end)


def _fields_differences(data: bytes, keys: list[bytes]) -> tuple[int, int]:
    """(keys whose line's fields ``_word_groups.group_fields`` reads otherwise than
    ``_Frequencies._python_group_fields``, keys whose line was found)."""
    freq = _Frequencies(data)
    differ = found = 0
    for key in keys:
        line, expected = freq._python_group_fields(key)
        got = _word_groups.group_fields(freq._data, freq._index, key)
        differ += got != expected
        found += expected is not None
    return differ, found


def test_a_lines_fields_are_read_in_c_as_in_python():
    """Every line of the shipped dictionary and of generated ones (no count, no longer word,
    counts past 64 bits), and 5,000 characters that begin none."""
    rnd = random.Random("word-groups-fields")
    shipped = lexicon.binary("segmentation_dict.txt")
    generated, _ = _generated_dictionary(rnd, 3000)
    found = 0
    for data in (shipped, generated, generated.rstrip(b"\n"), b"# total 1 longest 1\n", b""):
        differ, tried = _fields_differences(data, _keys(rnd, data))
        assert differ == 0
        found += tried
    assert found > 14_000


def test_a_line_without_its_second_characters_is_an_error():
    data = "# total 1 longest 1\n中\t5\n".encode()
    freq = _Frequencies(data)
    for read in (lambda key: freq._python_group_fields(key), lambda key: _word_groups.group_fields(freq._data, freq._index, key)):
        with pytest.raises(ValueError):
            read("中".encode())


def test_a_wrong_field_reader_is_caught():
    """The comparison can fail: a count read one digit short."""
    data = lexicon.binary("segmentation_dict.txt")
    freq = _Frequencies(data)
    keys = _keys(random.Random("short count"), data)[:3000]
    differ = 0
    for key in keys:
        _, expected = freq._python_group_fields(key)
        got = _word_groups.group_fields(freq._data, freq._index, key)
        if got is not None and got[0] is not None:
            got = (got[0] // 10, *got[1:])
        differ += got != expected
    assert differ > 1000


_BYTES = [b"a", b"Z", b"\x80", b"\xbf", b"\xc0", b"\xc1", b"\xc2", b"\xdf", b"\xe0", b"\xed", b"\xef", b"\xf0",
          b"\xf4", b"\xf5", b"\xff", b"\xe0\x80\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xed\x9f\xbf"]


def _word_bytes(rnd: random.Random) -> bytes:
    """A word's bytes: characters of one to four UTF-8 bytes (a lone surrogate's three bytes
    too), stray and truncated bytes, overlong forms; up to 40 characters (past word_of's 32)."""
    parts = []
    for _ in range(rnd.choice([rnd.randint(1, 4), rnd.randint(28, 40)])):
        r = rnd.random()
        if r < 0.08:
            parts.append(rnd.choice(_BYTES))
        else:
            code = rnd.choice([rnd.randrange(0x20, 0x80), rnd.randrange(0x80, 0x800), rnd.randrange(0x800, 0x10000),
                               rnd.randrange(0x4E00, 0x9FA6), rnd.randrange(0x10000, 0x110000)])
            parts.append(chr(code).encode("utf-8", "surrogatepass"))
    return b"".join(p for p in parts if b" " not in p and b"\t" not in p)


def _decoded(word: bytes):
    try:
        text = word.decode("utf-8")
    except UnicodeDecodeError:
        return UnicodeDecodeError
    return text


def test_words_are_decoded_as_utf8_decodes_them():
    """``parse`` decodes a short word itself (``word_of``): every word of 20,000 generated ones
    as ``bytes.decode("utf-8")`` gives it, or an error where it raises; the same kind of str
    (a str built of a wider kind than its characters need would compare unequal to it)."""
    rnd = random.Random("word-of")
    errors = 0
    for _ in range(20_000):
        word = _word_bytes(rnd)
        expected = _decoded(word)
        line = word + b" 7"
        if expected is UnicodeDecodeError:
            errors += 1
            with pytest.raises(UnicodeDecodeError):
                _word_groups.parse(line, 0, 0, len(line))
            continue
        counts, longest = _word_groups.parse(line, 0, 0, len(line))
        assert list(counts) == [expected] and counts[expected] == 7 and longest == len(expected)
    assert 2_000 < errors < 18_000


def test_the_dictionary_is_mapped_and_reads_as_its_bytes():
    """LazyTokenizer maps the dictionary (lexicon.mapped): the same bytes as reading it, and
    the segmenter built on either ends tokens in the same places."""
    mapped = lexicon.mapped("segmentation_dict.txt")
    data = lexicon.read_binary("segmentation_dict.txt")
    assert not isinstance(mapped, bytes) and mapped[:] == data
    on_bytes = LazyTokenizer()
    on_bytes.FREQ = _Frequencies(data)
    on_map = LazyTokenizer()
    clauses = _clauses()[:1500]
    assert [on_map.token_ends(c) for c in clauses] == [on_bytes.token_ends(c) for c in clauses]
