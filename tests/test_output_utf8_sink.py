"""A machine format's part is encoded to UTF-8 once, where it is rendered (stream.prerender),
and written as those bytes past the output's text layer (output_guard.utf8_sink) instead of
being encoded a second time there (round 26). The bytes must be the text path's in every case:
after text written before them, on a line-buffered terminal, on an output that is not UTF-8,
and for a part that cannot be encoded (LNT905)."""
from __future__ import annotations

import io
import os

import pytest
from support import SEED

from gongwen import api
from gongwen.diagnostic import Diagnostic, Severity
from gongwen.document import Location
from gongwen.output import stream
from gongwen.output_guard import _Watched, open_output, utf8_sink
from gongwen.sources import read_document


@pytest.fixture(scope="module")
def linted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parts")
    seed = SEED.read_text(encoding="utf-8")
    texts = {"a.txt": seed[:3000], "clean.txt": "各位代表：\n现在报告工作。\n", "b.txt": "二〇二五年1月5日召开第次会议。\n"}
    linter = api.make_linter({})
    files = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        doc = read_document(folder / name, None, None)
        files.append((doc, api.lint_document(doc, linter)))
    assert sum(len(found) for _, found in files) > 5
    return files


def _by_text(fmt, files):
    """The report as the text path writes it (a StringIO takes no bytes)."""
    out = io.StringIO()
    report = stream.Report(fmt, out)
    for doc, found in files:
        report.add_prerendered(stream.prerender(fmt, False, doc, found))
    report.close()
    return out.getvalue()


@pytest.mark.parametrize("fmt", stream.MACHINE_STREAMED)
def test_parts_written_as_bytes_after_text_are_the_text_paths_bytes(fmt, linted, tmp_path):
    """A report file (output_guard's writer, not write-through) that already holds a line of
    text when the first part's bytes come: the line must not be left behind in the text layer."""
    path = tmp_path / f"report.{fmt}"
    handle = open_output(path)
    handle.write("# 由 gongwen 生成\n")
    report = stream.Report(fmt, handle)
    for doc, found in linted:
        report.add_prerendered(stream.prerender(fmt, False, doc, found))
    report.close()
    assert report._sink is handle.buffer  # the bytes went past the text layer
    handle.close()
    assert path.read_bytes() == ("# 由 gongwen 生成\n" + _by_text(fmt, linted)).encode("utf-8")


def test_a_line_buffered_output_gets_each_part_at_once(linted):
    """A terminal's standard output is line-buffered: each part reaches it when written."""
    read, write = os.pipe()
    try:
        out = io.TextIOWrapper(io.BufferedWriter(_Watched(write, "w", named="标准输出", closefd=False)),
                               encoding="utf-8", newline="\n", line_buffering=True)
        report = stream.Report("concise", out)
        doc, found = linted[0]
        part = stream.prerender("concise", False, doc, found[:2])
        assert len(part.data) < io.DEFAULT_BUFFER_SIZE  # held by the buffer unless flushed
        report.add_prerendered(part)
        os.set_blocking(read, False)
        assert os.read(read, 1 << 20) == part.data
    finally:
        os.close(read)
        os.close(write)


def test_an_output_that_is_not_utf8_gets_the_text_paths_escapes(linted, tmp_path):
    """``name_standard_output`` under PYTHONIOENCODING=latin-1: the text formats write what it
    cannot hold as escapes, so the part goes through the text layer, decoded."""
    def written(through_report):
        path = tmp_path / "out.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        out = io.TextIOWrapper(io.BufferedWriter(_Watched(fd, "w", named="标准输出")), encoding="latin-1",
                               errors="backslashreplace", newline="\n")
        report = stream.Report("concise", out)
        for doc, found in linted:
            if through_report:
                report.add_prerendered(stream.prerender("concise", False, doc, found))
            else:
                out.write(stream.file_text("concise", doc, found))
        out.close()
        assert report._sink is (None if through_report else stream._UNASKED)
        return path.read_bytes()

    by_report = written(True)
    assert b"\\u" in by_report and by_report == written(False)


def test_only_output_guards_utf8_writers_take_bytes(tmp_path):
    fd = os.open(tmp_path / "f", os.O_WRONLY | os.O_CREAT)
    raw = _Watched(fd, "w", named="f", closefd=False)
    ours = io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8", newline="\n")
    assert utf8_sink(ours) is ours.buffer and ours.write_through
    unbuffered = io.TextIOWrapper(raw, encoding="UTF8", newline="\n", write_through=True)  # -u
    assert utf8_sink(unbuffered) is raw
    assert utf8_sink(io.StringIO()) is None
    assert utf8_sink(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")) is None  # not ours: its newline unknown
    assert utf8_sink(io.TextIOWrapper(io.BufferedWriter(raw), encoding="gbk")) is None
    os.close(fd)


def test_a_part_that_cannot_be_encoded_is_the_same_lnt905(tolerant):
    """The worker's strict encode is the test: a lone surrogate in a finding's message makes
    the file's part one LNT905, the same bytes as the text path writes."""
    finding = Diagnostic("DAT001", "x", Severity.ERROR, "日期\udc80", "a.txt", 0, 1, Location(1, 1),
                         Location(1, 2), fingerprint="f")

    class Doc:  # what stands in for an unreadable file's document
        path = "a.txt"

    part = stream.prerender("json", False, Doc(), [finding])
    assert part.data.__class__ is bytes and b'"LNT905"' in part.data
    found, text = stream.guarded("json", "a.txt", [finding], lambda f: stream.file_text("json", None, f))
    assert part.data == text.encode("utf-8") and part.tally.codes == {"LNT905": 1}
