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

import contextlib
import gzip
import hashlib
import io
import os
import random
import sys
import tempfile
import zipfile
from pathlib import Path

try:
    import atheris
except ImportError:  # no wheel for this Python or platform: the plain driver at the end runs
    atheris = None

os.environ["GONGWEN_RAISE_ON_CRASH"] = "1"

with atheris.instrument_imports() if atheris else contextlib.nullcontext():
    from gongwen import api, fix, safe_write, sources
    from gongwen.document import Document
    from gongwen.formats.warc import SkippedRecords, read_pages
    from gongwen.output.stream import Report

LINTER = api.make_linter({}, select=["ALL"])
# The last byte of an input picks one, modulo 6: the readers' formats in sorted order, then
# a web archive (last, so that the seeds' bytes 0-4 still pick what they picked before).
FORMATS = sorted(set(sources.FORMAT_BY_SUFFIX.values())) + ["warc"]
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


def _as_warc(payload: bytes, gzipped: bool) -> bytes:
    """An archive as they are (``WARC/``, or gzip's magic), anything else as the HTML body
    of one response record, so that the fuzzer explores pages, not the record header."""
    if not payload.startswith((b"WARC/", b"\x1f\x8b")):
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + payload
        payload = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.gov.cn/a.html\r\n"
                   b"WARC-Record-ID: <urn:uuid:0>\r\nContent-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n")
        if gzipped:
            payload = gzip.compress(payload, mtime=0)
    return payload


def _check_archive(payload: bytes) -> None:
    """Every page of the archive linted and written; fixing it (the API's ``fix_path``) must
    leave the archive's bytes alone: its pages' offsets are not the file's."""
    for page in read_pages(io.BytesIO(payload), "fuzz.warc", sources.InputOptions(), SkippedRecords()):
        _write_every_format(page.path, page, api.lint_document(page, LINTER))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.warc"
        path.write_bytes(payload)
        fix.fix_path(path, LINTER, unsafe=True)
        if path.read_bytes() != payload or os.listdir(folder) != ["fuzz.warc"]:
            raise AssertionError("fixing a web archive wrote it")


def _write_every_format(name: str, doc, found) -> None:
    for fmt in OUTPUTS:
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        report = Report(fmt, out, rules=list(api.registry()))
        report.add(name, doc, found)
        report.close()
        out.flush()


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data) if atheris else PlainDataProvider(data)
    fmt = FORMATS[fdp.ConsumeIntInRange(0, len(FORMATS) - 1)]
    encoding = ENCODINGS[fdp.ConsumeIntInRange(0, len(ENCODINGS) - 1)]
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    if fmt == "warc":
        _check_archive(_as_warc(payload, encoding is not None))  # the encoding's byte: gzipped or not
        return
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
        _check_archive(payload)


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


class PlainDataProvider:
    """atheris.FuzzedDataProvider's calls used above, taking bytes as libFuzzer's does
    (integers from the end, big-endian, modulo the range), so that an input means the same
    under both drivers."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def ConsumeIntInRange(self, low: int, high: int) -> int:  # noqa: N802 (atheris's name)
        span, value, offset = high - low, 0, 0
        while offset < 64 and span >> offset and self.data:
            value, self.data = (value << 8) | self.data[-1], self.data[:-1]
            offset += 8
        return low + value % (span + 1)

    def ConsumeBytes(self, count: int) -> bytes:  # noqa: N802
        taken, self.data = self.data[:count], self.data[count:]
        return taken

    def remaining_bytes(self) -> int:
        return len(self.data)


def _mutate(data: bytes, seeds: list[bytes], rng: random.Random) -> bytes:
    """A seed with a few bytes changed, inserted, removed, spliced from another or cut."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(out))
        kind = rng.randrange(5)
        if kind == 0 and out:
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif kind == 1:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == 2:
            del out[at:at + rng.randint(1, 16)]
        elif kind == 3:
            other = rng.choice(seeds)
            start = rng.randint(0, len(other))
            out[at:at] = other[start:start + rng.randint(1, 64)]
        else:
            del out[at:max(at, len(out) - 2)]  # cut, keeping the two bytes that pick format and encoding
    if rng.random() < 0.3 and out:
        out[-1] = rng.randrange(256)  # another format
    return bytes(out)


def plain_fuzz(folders: list[str], runs: int, seed: int) -> int:
    """Without atheris: every seed in ``folders``, then ``runs`` random mutations of them
    (no coverage guidance: a smoke run, which a test repeats). A crash is written as
    ``crash-<sha1>`` in the working directory, as libFuzzer does, and raised."""
    seeds = [p.read_bytes() for folder in folders for p in sorted(Path(folder).iterdir()) if p.is_file()]
    rng = random.Random(seed)
    inputs = seeds + [_mutate(rng.choice(seeds), seeds, rng) for _ in range(runs)] if seeds else []
    for data in inputs:
        try:
            test_one_input(data)
        except BaseException:
            Path(f"crash-{hashlib.sha1(data).hexdigest()}").write_bytes(data)
            raise
    return len(inputs)


def main() -> None:
    if atheris is not None:
        atheris.Setup(sys.argv, test_one_input)
        atheris.Fuzz()
        return
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    options = dict(a.lstrip("-").split("=", 1) for a in sys.argv[1:] if a.startswith("-") and "=" in a)
    files = [a for a in args if Path(a).is_file()]
    if files:  # replaying crashes
        for name in files:
            test_one_input(Path(name).read_bytes())
        return
    done = plain_fuzz(args, int(options.get("runs", 1000)), int(options.get("seed", 0)))
    print(f"{done} inputs, no crash (plain driver: atheris is not installed)")


if __name__ == "__main__":
    main()
