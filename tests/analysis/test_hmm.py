"""jieba's HMM cut in C (``_hmm.c``) ends tokens where ``jieba.finalseg.cut`` does: on runs of
the report's characters, of random characters of its Han range (most unknown to its tables:
ties at its floor), of one character repeated, from one to 300 long; it leaves any other run
to jieba; and the segmenter ends tokens in the same places with it or without it. Its tables,
read from ``data/hmm_tables.txt`` by ``_hmm.emission_table``, are jieba's own to the bit: the
shipped file against ``jieba.finalseg``, and the reader against the plain construction on
thousands of generated lines."""
from __future__ import annotations

import random
import struct
import subprocess
import sys
from array import array

import pytest
import regex
from support import ROOT, SEED, compiled_or_skip, load_script

from gongwen.analysis import lexicon, segmentation
from gongwen.analysis.segmentation import LazyTokenizer, _hmm_tables, _jieba_hmm_tables, _shipped_hmm_tables

_hmm = compiled_or_skip("_hmm")
jieba = segmentation.jieba


def _jieba_ends(run: str, offset: int) -> list[int]:
    ends = []
    for token in jieba.finalseg.cut(run):
        offset += len(token)
        ends.append(offset)
    return ends


def _runs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    known = sorted(set(regex.findall(r"[\u4E00-\u9FD5]", text)))
    rnd = random.Random("hmm")
    runs = [run[i:i + 25] for run in regex.findall(r"[\u4E00-\u9FD5]+", text) for i in range(0, len(run), 9)]
    for _ in range(3000):
        runs.append("".join(rnd.choices(known, k=rnd.randint(1, 40))))
        runs.append("".join(chr(rnd.randint(0x4E00, 0x9FD5)) for _ in range(rnd.randint(1, 40))))
        mixed = known + [chr(rnd.randint(0x4E00, 0x9FD5)) for _ in range(20)]
        runs.append("".join(rnd.choices(mixed, k=rnd.randint(2, 12))))
    runs += ["的" * 300, "乂" * 50, "".join(rnd.choices(known, k=300)), "\u4E00", "\u9FD5" * 3]
    return runs


def test_the_compiled_cut_ends_tokens_where_jiebas_does():
    runs = _runs()
    differ = sum(_hmm.cut_ends(run, 7, *_hmm_tables()) != _jieba_ends(run, 7) for run in runs)
    assert differ == 0 and len(runs) > 9000


def test_a_run_outside_the_han_range_is_left_to_jieba():
    for run in ("中国a", "\u4DFF中", "中\u9FD6", "中𠀋国", "中国2024", ""):
        expected = [] if not run else None
        assert _hmm.cut_ends(run, 0, *_hmm_tables()) == expected


def test_the_segmenter_cuts_the_same_with_or_without_it(monkeypatch):
    lazy = LazyTokenizer()
    for word in sorted(lexicon.words("segmentation_words.txt")):
        lazy.add_word(word)
    rnd = random.Random("hmm-clauses")
    text = SEED.read_text(encoding="utf-8")
    chars = sorted(set(regex.findall(r"\p{Han}", text)))
    clauses = [run[i:i + 30] for run in regex.findall(r"\p{Han}+", text) for i in range(0, len(run), 7)]
    clauses += ["".join(rnd.choices(chars, k=rnd.randint(1, 40))) for _ in range(3000)]
    called = []
    cut_ends = _hmm.cut_ends
    monkeypatch.setattr(_hmm, "cut_ends", lambda *args: called.append(args) or cut_ends(*args), raising=False)
    compiled = [lazy.token_ends(c) for c in clauses]
    monkeypatch.setattr(segmentation, "_hmm", None)
    assert [lazy.token_ends(c) for c in clauses] == compiled
    assert len(called) > 1000


def _build_module():
    return load_script(ROOT / "rules" / "data" / "build_hmm_tables.py", "build_hmm_tables")


def test_the_shipped_tables_are_what_the_build_script_derives_from_jieba():
    """Fails after a jieba upgrade changes its HMM: rerun rules/data/build_hmm_tables.py."""
    build, finalseg = _build_module(), jieba.finalseg
    expected = build.build(jieba.__version__, finalseg.start_P, finalseg.trans_P, finalseg.emit_P, finalseg.MIN_FLOAT)
    assert lexicon.read_binary("hmm_tables.txt").decode("utf-8") == expected


def test_the_shipped_tables_read_as_jiebas_own_to_the_bit():
    shipped, plain = _shipped_hmm_tables(), _jieba_hmm_tables()
    assert shipped is not None
    assert [struct.pack("<d", x) for x in shipped[0] + shipped[1]] == [struct.pack("<d", x) for x in plain[0] + plain[1]]
    assert shipped[2] == plain[2] and len(plain[2]) == (0x9FD5 - 0x4E00 + 1) * 4 * 8


def test_tables_built_for_another_jieba_are_not_used(monkeypatch):
    monkeypatch.setattr(jieba, "__version__", "0.0.0")
    assert _shipped_hmm_tables() is None


def _random_value(rnd) -> float:
    """Doubles of every kind: log probabilities, their floor, zero and negative zero, the
    extremes, infinities, random bits (a NaN's bits compare below as bytes)."""
    kind = rnd.randrange(6)
    if kind == 0:
        return -rnd.uniform(0, 30)
    if kind == 1:
        return rnd.choice([-3.14e100, 0.0, -0.0, 5e-324, -1.7976931348623157e308, float("-inf"), float("inf")])
    return struct.unpack(">d", rnd.getrandbits(64).to_bytes(8, "big"))[0]


def test_the_reader_gives_the_plain_construction_on_generated_lines():
    """_hmm.emission_table against the table built in Python (as _jieba_hmm_tables builds
    jieba's) from the same generated rows: random characters of the range, each state's value
    present or not, random doubles; with and without a final newline and blank lines."""
    build = _build_module()
    rnd = random.Random("hmm-tables")
    rows = 0
    for _ in range(40):
        floor = _random_value(rnd)
        chars = sorted(rnd.sample(range(0x4E00, 0x9FD6), rnd.randint(1, 300)))
        emit = {y: {} for y in "BMES"}
        for c in chars:
            states = rnd.sample("BMES", rnd.randint(1, 4))  # a line lists at least one state
            for y in states:
                emit[y][chr(c)] = _random_value(rnd)
        text = build.build("x", {y: -1.0 for y in "BMES"}, {y: {} for y in "BMES"}, emit, floor)
        if rnd.random() < 0.3:
            text = text.rstrip("\n")
        data = text.encode("utf-8")
        body = data.index(b"\nS\t") + 1
        body = data.index(b"\n", body) + 1
        expected = array("d", [floor]) * ((0x9FD5 - 0x4E00 + 1) * 4)
        for y, state in enumerate("BMES"):
            for char, value in emit[state].items():
                expected[(ord(char) - 0x4E00) * 4 + y] = value
        assert _hmm.emission_table(data, body, floor) == expected.tobytes()
        rows += len(chars)
    assert rows > 4000


@pytest.mark.parametrize("line", [
    "一\tc00d3c6961c4f4c\t\t\t",  # a field one digit short
    "一\tc00d3c6961c4f4caa\t\t\t",  # one digit long
    "一\tC00D3C6961C4F4CA\t\t\t",  # upper case: not what the builder writes
    "一\tc00d3c6961c4f4cg\t\t\t",
    "一\t\t\t",  # three fields
    "一\t\t\t\t\t",  # five
    "\u4DFF\t\t\t\t",  # outside the range
    "a\t\t\t\t",
])
def test_the_reader_refuses_a_malformed_line(line):
    with pytest.raises(ValueError):
        _hmm.emission_table(line.encode("utf-8"), 0, -1.0)


def test_a_cut_does_not_import_jiebas_tables():
    """The segmenter's HMM cut of a clause that needs it reads the shipped tables: jieba's
    ``finalseg`` (a 1.3 MB dict literal) is never imported. In a fresh process: this one's
    tests import it."""
    code = (
        "import sys\n"
        "from gongwen.analysis.segmentation import LazyTokenizer, _Deferred\n"
        "ends = LazyTokenizer().token_ends('\u4e42\u4e42\u4e44\u4e42\u4e44')\n"
        "import gongwen.analysis.segmentation as s\n"
        "assert s._hmm_model is not None, 'the HMM was not asked'\n"
        "print(isinstance(sys.modules['jieba.finalseg'], _Deferred), ends)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("True ")


def test_the_reader_refuses_a_field_with_any_one_byte_wrong():
    """The reader reads a field's digits eight at a time: each of the 16 places, and each
    byte next to the digits' ranges (/ : ` g, upper case, a space, NUL, DEL, non-ASCII), is
    checked on its own; the same field right reads as its bits."""
    good = "c00d3c6961c4f4ca"
    assert _hmm.emission_table(f"一\t{good}\t\t\t\n".encode(), 0, -1.0)[:8] == bytes.fromhex(good)[::-1]
    for place in range(16):
        for bad in b"/:`gGAF \x00\x7f\x80\xb0\xe6\xff":
            field = good.encode()[:place] + bytes([bad]) + good.encode()[place + 1:]
            with pytest.raises(ValueError):
                _hmm.emission_table("一\t\t".encode() + field + b"\t\t\n", 0, -1.0)
    for digit in "0123456789abcdef":  # every digit at every place
        field = "".join(digit if k % 3 == 0 else good[k] for k in range(16))
        table = _hmm.emission_table(f"一\t\t\t\t{field}\n".encode(), 0, -1.0)
        assert table[24:32] == bytes.fromhex(field)[::-1]
