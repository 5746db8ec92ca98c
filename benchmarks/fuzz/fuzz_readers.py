"""Coverage-guided fuzz target (atheris) for every reader, the rules, the output writers and
the fix path.

    .venv/bin/pip install atheris
    .venv/bin/python benchmarks/fuzz/fuzz_readers.py -atheris_runs=200000 benchmarks/fuzz/corpus

Each input picks a format (txt, md, html, docx, pdf) and an encoding. DOCX bytes are wrapped
as ``word/document.xml`` of a fresh package (so the fuzzer explores the XML, not the zip
header) unless they already are a zip; PDF bytes go to the reader as they are. The result
is linted with every rule, written in every output format (to a strict UTF-8 stream, as
stdout is), and, for plain text and Markdown, fixed (``fix_text``) twice: neither may raise,
and for plain text the second pass must change nothing (Markdown's idempotence waits for
``fix_text`` to read Markdown as Markdown, issue 18's other half). Plain text and Markdown
are also fixed on disk (``fix.fix_path`` in a fresh folder): the file must then hold exactly
the bytes of the fixed text, or be left as it was with a reason, and nothing else may appear
beside it. An input that starts as a web archive (``WARC/``) is also read as one, each page
linted and written. It runs strict (GONGWEN_RAISE_ON_CRASH=1): an exception a
user's run would report as LNT903–LNT907 is a crash here. The reader's own "cannot read
this" (LNT901/LNT902) is a normal outcome, and so is the
writer's refusal (Unwritable); the bytes --fix would write must decode back to the fixed text. Not run in CI.
"""
from __future__ import annotations

import io
import os
import sys
import tempfile
import zipfile
from pathlib import Path

import atheris

os.environ["GONGWEN_RAISE_ON_CRASH"] = "1"

with atheris.instrument_imports():
    from gongwen import api, fix, safe_write, sources
    from gongwen.document import Document
    from gongwen.formats.warc import SkippedRecords, read_pages
    from gongwen.output.stream import Report

LINTER = api.make_linter({}, select=["ALL"])
FORMATS = sorted(set(sources.FORMAT_BY_SUFFIX.values()))
ENCODINGS = [None, "utf-8", "gb18030", "big5", "utf-16", "latin-1", "no-such-codec"]
OUTPUTS = ("json", "sarif", "junit", "html", "full", "concise", "github")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _as_docx(payload: bytes) -> bytes:
    if payload.startswith(b"PK"):
        return payload
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='"
                    + W.encode() + b"'><w:body>" + payload + b"</w:body></w:document>")
    return buf.getvalue()


def _write_every_format(name: str, doc, found) -> None:
    for fmt in OUTPUTS:
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        report = Report(fmt, out, rules=list(api.registry()))
        report.add(name, doc, found)
        report.close()
        out.flush()


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    fmt = FORMATS[fdp.ConsumeIntInRange(0, len(FORMATS) - 1)]
    encoding = ENCODINGS[fdp.ConsumeIntInRange(0, len(ENCODINGS) - 1)]
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    if fmt == "docx":
        payload = _as_docx(payload)
    name = f"fuzz.{fmt}"
    doc = sources.document_from_bytes(payload, name, fmt, encoding)
    found = api.lint_document(doc, LINTER)
    if isinstance(doc, Document):
        size = len(doc.source if doc.source is not None else doc.text)
        for d in found:
            if not 0 <= d.start <= d.end <= size:
                raise AssertionError(f"{d.code} span [{d.start}, {d.end}) outside text of {size}")
            doc.locate(d.start), doc.locate(d.end)
    _write_every_format(name, doc, found)
    if isinstance(doc, Document) and fmt in ("text", "markdown"):
        fixed, _ = fix.fix_text(doc.text, True, fmt=fmt)
        again, applied = fix.fix_text(fixed, True, fmt=fmt)
        if fmt == "text" and again != fixed:
            raise AssertionError(f"fix_text is not idempotent: {applied[:3]}")
    if isinstance(doc, Document) and fix.can_write(doc) is None:
        _check_fix(doc, payload, encoding)
        _check_fix_on_disk(payload, name, encoding)
    if payload.startswith(b"WARC/"):
        for page in read_pages(io.BytesIO(payload), "fuzz.warc", sources.InputOptions(), SkippedRecords()):
            _write_every_format(page.path, page, api.lint_document(page, LINTER))


def _check_fix(doc: Document, payload: bytes, encoding: str | None) -> None:
    result = fix.fix_document(doc, LINTER)
    try:
        written = safe_write.encode_for_write(doc.source, result.text, payload, doc.encoding, encoding)
    except safe_write.Unwritable:
        return  # refused with a reason: nothing is written
    bom, codec = safe_write.bom_and_codec(payload, doc.encoding)
    if not written.startswith(bom) or written[len(bom):].decode(codec) != result.text:
        raise AssertionError("the bytes to be written do not decode to the fixed text")


def _check_fix_on_disk(payload: bytes, name: str, encoding: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(payload)
        outcome = fix.fix_path(path, LINTER, unsafe=True, encoding=encoding)
        if os.listdir(folder) != [name]:
            raise AssertionError(f"the fix left {os.listdir(folder)}")
        now = path.read_bytes()
        if outcome is None or not outcome.written:
            if now != payload:
                raise AssertionError("a file not written back changed")
            return
        bom, codec = safe_write.bom_and_codec(payload, outcome.doc.encoding)
        if not now.startswith(bom) or now[len(bom):].decode(codec) != outcome.result.text:
            raise AssertionError("the file does not hold the fixed text")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
