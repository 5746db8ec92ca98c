"""Coverage-guided fuzz target (atheris) for the input readers and the rules behind them.

    .venv/bin/pip install atheris
    .venv/bin/python benchmarks/fuzz/fuzz_readers.py -atheris_runs=200000 benchmarks/fuzz/corpus

Feeds arbitrary bytes to ``gongwen.sources.document_from_bytes`` (every format it knows,
with and without an explicit encoding) and lints what it reads with every rule; a text or
Markdown document is then fixed as ``--fix`` would fix it. A crash is any exception other
than the reader's own "cannot read this" answer (an InputProblem) or the writer's refusal
(Unwritable), a diagnostic whose span is outside the text, or bytes to be written that do
not decode back to the fixed text. Not run in CI.
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from gongwen import api, fix, safe_write, sources
    from gongwen.document import Document

LINTER = api.make_linter({}, select=["ALL"])
FORMATS = sorted(set(sources.FORMAT_BY_SUFFIX.values())) or ["text"]
ENCODINGS = [None, "utf-8", "gb18030", "utf-16", "latin-1", "no-such-codec"]


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    fmt = FORMATS[fdp.ConsumeIntInRange(0, len(FORMATS) - 1)]
    encoding = ENCODINGS[fdp.ConsumeIntInRange(0, len(ENCODINGS) - 1)]
    payload = fdp.ConsumeBytes(fdp.remaining_bytes())
    doc = sources.document_from_bytes(payload, f"fuzz.{fmt}", fmt, encoding)
    if not isinstance(doc, Document):
        return  # an unreadable or empty input is a diagnostic, not a crash
    for d in LINTER.lint(doc):
        if not 0 <= d.start <= d.end <= len(doc.text):
            raise AssertionError(f"{d.code} span [{d.start}, {d.end}) outside text of {len(doc.text)}")
        doc.locate(d.start), doc.locate(d.end)
    if fix.can_write(doc) is None:
        _check_fix(doc, payload, encoding)


def _check_fix(doc: Document, payload: bytes, encoding: str | None) -> None:
    result = fix.fix_document(doc, LINTER)
    try:
        written = safe_write.encode_for_write(doc.source, result.text, payload, doc.encoding, encoding)
    except safe_write.Unwritable:
        return  # refused with a reason: nothing is written
    bom, codec = safe_write.bom_and_codec(payload, doc.encoding)
    if not written.startswith(bom) or written[len(bom):].decode(codec) != result.text:
        raise AssertionError("the bytes to be written do not decode to the fixed text")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
