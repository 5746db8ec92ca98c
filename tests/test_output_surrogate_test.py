"""stream.guarded tests each file's part for what UTF-8 cannot encode with a C scan for
surrogates (gongwen.output._json_item.has_surrogate, round 25) instead of encoding it: the
scan must say exactly when ``str.encode("utf-8")`` fails, and a part it refuses must become
the same LNT905 as before."""
from __future__ import annotations

import random

import pytest

from gongwen.diagnostic import Diagnostic, Severity
from gongwen.document import Location
from gongwen.output import stream

has_surrogate = stream._has_surrogate
pytestmark = pytest.mark.skipif(has_surrogate is None, reason="gongwen.output._json_item not built")


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def test_the_scan_says_when_utf8_cannot_encode():
    """One-, two- and four-byte str; a surrogate first, last, at the scan's block edges
    (1,023, 1,024, 1,025) and far in; the code points just outside the surrogates' range
    (U+D7FF, U+E000) and those the mask could confuse (U+D000, U+F800, U+1D800)."""
    rng = random.Random(25)
    alphabet = ["a", "é", "文", "，", "\ud7ff", "\ue000", "\ud000", "\uf800", "😀", "\U0001d800"]
    texts = ["", "a", "é", "文", "\ud800", "\udfff", "\udbff\udc00", "😀\udc80"]
    for _ in range(3000):
        n = rng.choice([0, 1, 5, 1023, 1024, 1025, 2049, rng.randint(0, 3000)])
        chars = [rng.choice(alphabet[:rng.randint(1, len(alphabet))]) for _ in range(n)]
        if chars and rng.random() < 0.5:
            where = rng.choice([0, n - 1, min(n - 1, 1023), min(n - 1, 1024), rng.randrange(n)])
            chars[where] = chr(rng.randint(0xD800, 0xDFFF))
        texts.append("".join(chars))
    assert [has_surrogate(t) for t in texts] == [not _encodes(t) for t in texts]
    with pytest.raises(TypeError):
        has_surrogate(b"\xed\xa0\x80")


def test_a_part_with_a_surrogate_is_the_same_lnt905(tolerant, monkeypatch):
    """What guarded returns for a JSON part holding a lone surrogate (and for one without)
    is what encoding the part to test it returned."""
    def finding(message):
        return Diagnostic("DAT001", "x", Severity.ERROR, message, "a.txt", 0, 1, Location(1, 1),
                          Location(1, 2), fingerprint="f")

    def run():
        return [stream.guarded("json", "a.txt", [finding(m)], lambda f: stream.file_text("json", None, f))
                for m in ("日期\ud800", "日期\udfff文", "日期", "😀")]

    scanned = run()
    monkeypatch.setattr(stream, "_has_surrogate", None)
    assert scanned == run()
    assert [found[0].code for found, _ in scanned] == ["LNT905", "LNT905", "DAT001", "DAT001"]
