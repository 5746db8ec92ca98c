"""A file's JSON part written by one C call straight into UTF-8 (json_format.part_bytes, round
28) must be the Python template's part encoded (stream.file_text's ``",\\n".join`` of
item_text, then ``.encode("utf-8")``), byte for byte; where the C writer declines (a field of
another type than the contract's, a pack's own enum, a lone surrogate, a ``locate`` that
raises) it returns None and the template writes the part, errors included."""
from __future__ import annotations

import enum
import random

import pytest

from gongwen.diagnostic import Applicability, Diagnostic, Edit, Fix, Label, Severity
from gongwen.document import Document, Location
from gongwen.output import json_format, stream

pytestmark = pytest.mark.skipif(json_format._document_part is None, reason="gongwen.output._json_item not built")

# Every escape json writes (quote, backslash, the short controls, \u00xx), DEL (not escaped),
# Latin-1, CJK, characters beyond the BMP, a line break in a message.
_PIECES = ["a", "文", '"', "\\", "\x01", "\x1f", "\t", "\n", "\r", "\b", "\f", "\x7f", "é", "ÿ", "😀", "。", " ", "0"]


class _PackKind(enum.Enum):  # a pack's own applicability: the template writes its value
    SOMETIMES = "sometimes"


def _text(rng: random.Random, most: int = 6) -> str:
    return "".join(rng.choices(_PIECES, k=rng.randint(0, most)))


def _document(rng: random.Random) -> Document:
    text = "".join(rng.choice(["ab", "文字", "\n", "\r\n", "\r", "😀"]) for _ in range(rng.randint(1, 30)))
    return Document(path=rng.choice(["a.txt", "目录/报告.txt", 'q"\\.txt']), text=text)


def _fix(rng: random.Random, doc: Document, start: int, odd: bool) -> Fix:
    n = len(doc.text)
    line = doc.locate(start).line
    first = doc.line_index.starts[line - 1]
    edits = []
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
        if rng.random() < 0.7:  # on the finding's line, mostly
            a = rng.randint(first, start)
            b = rng.randint(a, min(n, a + 3))
        else:
            a = rng.randint(0, n)
            b = rng.randint(a, n)
        edits.append(Edit(a, b, _text(rng)))
    kinds = [*Applicability, _PackKind.SOMETIMES] if odd else list(Applicability)
    return Fix(tuple(edits), rng.choice(kinds), _text(rng))


def _finding(rng: random.Random, doc: Document, odd: bool) -> Diagnostic:
    n = len(doc.text)
    start = rng.randint(0, n)
    end = rng.randint(start, n)
    location = doc.locate(start) if rng.random() < 0.9 else Location(rng.randint(1, 40), rng.randint(1, 9))
    fields = dict(
        code=rng.choice(["TYP013", "PUN001", "X\"1"]), name=_text(rng) or "x",
        severity=rng.choice(list(Severity)), message=_text(rng, 12), path=doc.path, start=start, end=end,
        location=location, end_location=doc.locate(end), help=rng.choice([None, _text(rng)]),
        fixes=tuple(_fix(rng, doc, start, odd) for _ in range(rng.choice([0, 1, 1, 2]))),
        labels=tuple(Label(a, max(a, b), _text(rng)) for a, b in
                     ((rng.randint(0, n), rng.randint(0, n)) for _ in range(rng.choice([0, 0, 1, 2])))),
        notes=tuple(_text(rng) for _ in range(rng.choice([0, 0, 1, 3]))),
        matched=doc.text[start:end], fingerprint=f"{rng.getrandbits(80):020x}", headline=rng.random() < 0.1)
    if odd:  # one field a pack's rule might give, or a string UTF-8 cannot hold
        key, value = rng.choice([("message", 5), ("help", 1.5), ("start", True), ("end", 2**70),
                                 ("severity", 2), ("notes", ["列表"]), ("fixes", []), ("message", "坏\ud800"),
                                 ("matched", "\udfff"), ("location", (1, 1)), ("name", None),
                                 ("labels", (Label(n + 5, n + 6, "界外"),))])
        fields[key] = value
    return Diagnostic(**fields)


def _template(doc: Document, found: list[Diagnostic]) -> bytes:
    return stream.file_text("json", doc, found).encode("utf-8")


def _outcome(make):
    try:
        return make()
    except Exception as exc:  # noqa: BLE001 - the same error both ways is what is compared
        return type(exc), str(exc)


def test_the_c_part_is_the_templates_part_in_utf8():
    rng = random.Random(28)
    written = 0
    for _ in range(3_000):
        doc = _document(rng)
        found = [_finding(rng, doc, odd=False) for _ in range(rng.randint(1, 5))]
        data = json_format.part_bytes(found, doc.locate, doc.line_index)
        assert data is not None, found  # nothing odd: never declined
        assert data == _template(doc, found), found
        written += 1
    assert written == 3_000


def test_an_odd_finding_is_declined_and_written_by_the_template():
    """A part holding one odd finding: the C writer returns None or the very bytes, and the
    part stream.file_bytes writes (or the error it raises) is the template's."""
    rng = random.Random(2028)
    declined = 0
    for _ in range(2_000):
        doc = _document(rng)
        found = [_finding(rng, doc, odd=False) for _ in range(rng.randint(0, 3))]
        found.insert(rng.randint(0, len(found)), _finding(rng, doc, odd=True))
        expected = _outcome(lambda: _template(doc, found))
        data = _outcome(lambda: json_format.part_bytes(found, doc.locate, doc.line_index))
        if data is None:
            declined += 1
        else:
            assert data == expected, found
        assert _outcome(lambda: stream.file_bytes("json", doc, found)) == expected, found
    assert declined > 1_000  # most odd fields are the template's to write


def test_what_the_c_writer_cannot_write_is_declined():
    doc = Document(path="a.txt", text="第一行文字\n第二行")
    plain = Diagnostic(code="X001", name="x", severity=Severity.ERROR, message="信息", path="a.txt",
                       start=1, end=3, location=Location(1, 2), end_location=Location(1, 4),
                       fixes=(Fix((Edit(1, 3, "改"), Edit(7, 8, "")), Applicability.UNSAFE, "改"),),
                       labels=(Label(6, 8, "另一处"),), notes=("注",), matched="一行", fingerprint="f")
    assert json_format.part_bytes([plain], doc.locate, doc.line_index) == _template(doc, [plain])
    from dataclasses import replace

    for odd in (replace(plain, message="\ud800"), replace(plain, severity=3),
                replace(plain, fixes=(Fix((Edit(1, 3, "改"),), _PackKind.SOMETIMES, "改"),)),
                replace(plain, labels=(Label(99, 100, "界外"),)), replace(plain, start=-2**64)):
        assert json_format.part_bytes([plain, odd], doc.locate, doc.line_index) is None, odd


def test_the_run_writes_json_parts_with_the_c_writer(monkeypatch):
    """stream.prerender's JSON part comes from part_bytes for a plain document (not the
    template), and is the template's bytes."""
    calls = []
    real = json_format.part_bytes
    monkeypatch.setattr(json_format, "part_bytes", lambda *a: calls.append(1) or real(*a))
    doc = Document(path="a.txt", text="文字")
    d = Diagnostic(code="X001", name="x", severity=Severity.INFO, message="信息", path="a.txt", start=0, end=1,
                   location=Location(1, 1), end_location=Location(1, 2), matched="文", fingerprint="f")
    part = stream.prerender("json", False, doc, [d])
    assert calls and part.data == _template(doc, [d])
