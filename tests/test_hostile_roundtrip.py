"""Round trips change only the fixed characters, for every codec --fix writes (issue 18):
a file whose text does not re-encode to its own bytes is refused, and the fix loop is
linear in the number of fixes."""
from __future__ import annotations

import codecs
import difflib
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from support import run_cli

from gongwen import api, fix as fixmod
from gongwen.diagnostic import Applicability, Edit, Fix
from gongwen.safe_write import bom_and_codec
from gongwen.sources import InputProblem

LINTER = api.make_linter({})
BAD = "2024年,全区共办理行政复议案件57件。\n"


def test_big5_duplicate_code_points_are_refused_not_rewritten(tmp_path):
    # A2CC and A451 both decode to 十; a re-encode writes A451 and changes a byte no fix touched.
    assert b"\xa2\xcc".decode("big5") == b"\xa4\x51".decode("big5") == "十"
    data = "二十四年,全國共辦理案件。\n".encode("big5").replace("十".encode("big5"), b"\xa2\xcc")
    f = tmp_path / "r.txt"
    f.write_bytes(data)
    result = run_cli("check", "--fix", "--encoding", "big5", "r.txt", cwd=tmp_path)
    assert f.read_bytes() == data
    assert result.returncode == 1 and "一字多码" in result.stderr.decode()
    # Without the duplicate the same file is fixed.
    f.write_bytes(data.replace(b"\xa2\xcc", b"\xa4\x51"))
    assert run_cli("check", "--fix", "--encoding", "big5", "r.txt", cwd=tmp_path).returncode == 0
    assert f.read_bytes().decode("big5") == "二十四年，全國共辦理案件。\n"


def test_forced_encoding_on_utf8_bytes_is_not_written(tmp_path):
    data = "全年,全区办理\n".encode("utf-8")  # also decodes, as mojibake, in GB18030
    data.decode("gb18030")
    f = tmp_path / "r.txt"
    f.write_bytes(data)
    result = run_cli("check", "--fix", "--encoding", "gb18030", "r.txt", cwd=tmp_path)
    assert f.read_bytes() == data  # a fix wrote GB18030 bytes into UTF-8 text
    assert result.returncode == 1 and "UTF-8" in result.stderr.decode()
    # The same force on real GB18030 text is what the option is for.
    f.write_bytes(BAD.encode("gb18030"))
    assert run_cli("check", "--fix", "--encoding", "gb18030", "r.txt", cwd=tmp_path).returncode == 0


def test_a_stateful_codec_is_not_written(tmp_path):
    data = BAD.encode("iso2022_jp_2")
    f = tmp_path / "r.txt"
    f.write_bytes(data)
    result = run_cli("check", "--fix", "--encoding", "iso2022_jp_2", "r.txt", cwd=tmp_path)
    assert f.read_bytes() == data and "有状态" in result.stderr.decode()


# -- property: bytes outside the fixed spans are the original bytes ----------------------

ALPHABET = "年月日全共办理案件十卅二国國區区政府報告第次会议，。,.;:()（）“”\"' 0123456789\n\r"
CODECS = [  # (codec the bytes are in, BOM, encoding forced on the reader)
    ("utf-8", b"", None), ("utf-8", codecs.BOM_UTF8, None), ("utf-16-le", codecs.BOM_UTF16_LE, None),
    ("utf-16-be", codecs.BOM_UTF16_BE, None), ("utf-32-le", codecs.BOM_UTF32_LE, None),
    ("gb18030", b"", "gb18030"), ("gbk", b"", "gbk"), ("gb2312", b"", "gb2312"),
    ("big5", b"", "big5"), ("cp950", b"", "cp950"), ("big5hkscs", b"", "big5hkscs"),
    ("utf-8", b"", "gb18030"), ("utf-8", b"", "big5"),  # forced wrongly: must never write mojibake
]
BIG5_DUPLICATES = {b"\xa4\x51": b"\xa2\xcc", b"\xa4\xca": b"\xa2\xce"}  # 十, 卅


def _char_ends(body: bytes, codec: str) -> list[int]:
    """Byte offset where each decoded character ends, found by feeding one byte at a time."""
    decoder, ends = codecs.getincrementaldecoder(codec)(), []
    for k in range(len(body)):
        ends.extend([k + 1] * len(decoder.decode(body[k:k + 1])))
    return ends


def _expected_bytes(original_body: bytes, old: str, new: str, codec: str) -> bytes:
    """The original bytes wherever the text is unchanged, the new text encoded elsewhere."""
    starts = [0] + _char_ends(original_body, codec)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        out.append(original_body[starts[i1]:starts[i2]] if op == "equal" else new[j1:j2].encode(codec))
    return b"".join(out)


@settings(max_examples=80, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=60), st.sampled_from(CODECS), st.booleans(),
       st.booleans())
def test_fix_on_disk_changes_only_the_fixed_bytes(text, codec_case, duplicates, unsafe):
    codec, bom, forced = codec_case
    try:
        body = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    if duplicates and codec in ("big5", "cp950"):
        for canonical, duplicate in BIG5_DUPLICATES.items():
            body = body.replace(canonical, duplicate)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.txt"
        path.write_bytes(bom + body)
        outcome = fixmod.fix_path(path, LINTER, unsafe=unsafe, encoding=forced)
        written = path.read_bytes()
        if outcome is None or not outcome.written:
            assert written == bom + body  # refused or nothing to fix: not one byte differs
            return
        # A wrongly forced codec is never written (ASCII reads the same in every one of them).
        assert forced is None or codec == forced or body.isascii()
        reader_codec = forced or codec
        old = (bom + body)[len(bom):].decode(reader_codec)
        assert written.startswith(bom)
        assert written[len(bom):] == _expected_bytes(body, old, outcome.result.text, reader_codec)


# -- 5. the fix loop is linear in the number of fixes ------------------------------------

def _fix_at(d, start: int, end: int, content: str, title: str):
    return replace(d, fixes=(Fix((Edit(start, end, content),), Applicability.SAFE, title),))


def test_choosing_fixes_compares_each_edit_with_its_neighbours_only(monkeypatch):
    template = api.lint_text("甲,乙\n", select=["PUN001"])[0]
    n = 4000
    text = "甲," * n
    candidates = [_fix_at(template, 2 * i + 1, 2 * i + 2, "，", "a") for i in range(n)]
    candidates += [_fix_at(template, 2 * i + 1, 2 * i + 2, "、", "b") for i in range(n)]  # all overlap
    calls = 0
    real = fixmod._conflicts

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(fixmod, "_conflicts", counting)
    new, applied = fixmod.apply_fixes(text, candidates)
    assert new == "甲，" * n and len(applied) == n
    assert calls <= 2 * len(candidates)  # the all-pairs check made about n²/2 = 8,000,000


def _all_pairs_reference(text, candidates):
    """The old quadratic choice, kept here as the specification of which fixes win: a fix
    that touches (overlaps or meets end to end) one already taken waits for the next pass."""
    taken, chosen = [], []
    for d in sorted(candidates, key=lambda d: min((e.start, e.end) for e in d.fix.edits)):
        edits = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
        if any(fixmod._touches(e, t) for e in d.fix.edits for t in taken) or any(
                fixmod._conflicts(a, b) for a, b in zip(edits, edits[1:])):
            continue
        taken.extend(d.fix.edits)
        chosen.append(d.fix.title)
    return fixmod.apply_edits(text, taken)[0], chosen


EDITS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4), st.sampled_from(["", "x", "yy"])),
                 min_size=1, max_size=3)


@given(st.lists(EDITS, max_size=25))
def test_the_sweep_chooses_the_same_fixes_as_the_all_pairs_check(specs):
    template = api.lint_text("甲,乙\n", select=["PUN001"])[0]
    text = "abcdefghij" * 4
    candidates = [replace(template, fixes=(Fix(tuple(Edit(s, min(s + w, len(text)), c) for s, w, c in spec),
                                               Applicability.SAFE, str(i)),))
                  for i, spec in enumerate(specs)]
    new, applied = fixmod.apply_fixes(text, candidates)
    expected_text, expected_titles = _all_pairs_reference(text, candidates)
    assert new == expected_text and [a.title for a in applied] == expected_titles


@pytest.mark.parametrize("unsafe", [False, True])
def test_many_fixes_in_one_file_converge(unsafe):
    text = "全区,共办理" * 3000 + "\n"
    new, applied = fixmod.fix_text(text, unsafe=unsafe)
    assert new == "全区，共办理" * 3000 + "\n" and len(applied) == 3000


@settings(max_examples=80, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=40), st.sampled_from(CODECS),
       st.lists(st.tuples(st.integers(0, 200), st.binary(min_size=1, max_size=2)), max_size=3),
       st.sampled_from(["r.txt", "r.md"]))
def test_fixing_any_decodable_bytes_keeps_the_unfixed_bytes(text, codec_case, splices, name):
    """Bytes spliced into encoded text (what detection and the readers see in the wild):
    whatever the reader decodes, a fix that is written changes only the fixed characters."""
    from gongwen.formats import format_for
    from gongwen.sources import document_from_bytes

    codec, bom, forced = codec_case
    try:
        data = bytearray(bom + text.encode(codec))
    except UnicodeEncodeError:
        assume(False)
    for at, piece in splices:
        data[at:at] = piece
    data = bytes(data)
    doc = document_from_bytes(data, name, format_for(name), forced)
    assume(not isinstance(doc, InputProblem))
    result = fixmod.fix_document(doc, LINTER)
    try:
        written = fixmod.encode_for_write(doc.source, result.text, data, doc.encoding, forced)
    except fixmod.Unwritable:
        return
    bom, body_codec = bom_and_codec(data, doc.encoding)
    assert written.startswith(bom)
    assert written[len(bom):] == _expected_bytes(data[len(bom):], doc.source, result.text, body_codec)
