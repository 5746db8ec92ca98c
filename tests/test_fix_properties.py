"""Fixing is idempotent and converges, over generated report-like texts."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gongwen
from gongwen import api, fix as fixmod
from gongwen.document import Document

PIECES = st.sampled_from([
    "全区", "推进", "法治", "建设", "年", "月", "日", "第", "次", "会议", "一是", "（一）",
    ",", ":", ";", "?", "!", "(", ")", "，", "。", "、", "“", "”", "《", "》", "\"",
    "2024", "2025127", "20250127", "57", "3.5", "5%", "10:30", "http://a.cn/x,y", "ABC",
    " ", "\u00a0", "\n", "\r\n", "\n\n",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join)
LINTER = api.make_linter({})


def _fix(text: str, unsafe: bool) -> fixmod.FixResult:
    return fixmod.fix_document(Document(path="gen.txt", text=text), LINTER, unsafe)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.booleans())
def test_fix_is_idempotent_and_converges(text, unsafe):
    once = _fix(text, unsafe)
    assert once.converged
    assert not [d for d in once.remaining if fixmod.applicable_fix(d, unsafe)], \
        [(d.code, d.matched) for d in once.remaining if fixmod.applicable_fix(d, unsafe)]
    twice = _fix(once.text, unsafe)
    assert twice.text == once.text and twice.applied == []


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_fixes_never_touch_line_breaks_or_ambiguous_dates(text):
    new, _ = gongwen.fix_text(text, unsafe=True)
    for token in ("\r\n", "\r", "\n"):
        assert new.count(token) == text.count(token)
    assert new.count("2025127") >= text.count("2025127") - text.count("20250127")


ENCODINGS = st.sampled_from([
    ("utf-8", b"", None), ("utf-8", b"\xef\xbb\xbf", None), ("gb18030", b"", "gb18030"),
    ("utf-16-le", b"\xff\xfe", None), ("utf-16-be", b"\xfe\xff", None), ("utf-16-le", b"", "utf-16-le"),
])
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=60, deadline=None)
@given(TEXTS.filter(lambda t: t.strip()), ENCODINGS, NEWLINES, st.booleans())
def test_fix_on_disk_round_trips_encoding_bom_and_newlines(text, encoding, newline, unsafe):
    """What --fix writes is exactly fix_text's result, in the file's codec, BOM and newlines."""
    import tempfile
    from pathlib import Path

    codec, bom, given_encoding = encoding
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", newline)
    expected, _ = gongwen.fix_text(text, unsafe=unsafe, path="r.txt")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.txt"
        path.write_bytes(bom + text.encode(codec))
        outcome = fixmod.fix_path(path, LINTER, unsafe=unsafe, encoding=given_encoding)
        assert outcome is not None and outcome.refused is None
        assert path.read_bytes() == bom + expected.encode(codec)
        assert outcome.written == (expected != text)
        assert sorted(p.name for p in Path(folder).iterdir()) == ["r.txt"]
