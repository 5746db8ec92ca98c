"""Cases of the fourth hostile probe (issue 18), none of them in the other test_hostile files:
writes killed or raced, names near the system's limits, findings whose text would drive the
terminal, configuration files that are not files, an editor that sends a huge document."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from support import run_cli

from gongwen import api
from gongwen import fix as fixmod

BAD = "我们开展了检查,发现问题。\n"
FIXED = BAD.replace(",", "，")


# -- writing back -------------------------------------------------------------------------

_KILLED_MID_WRITE = textwrap.dedent("""
    import contextlib, os, signal, sys
    from pathlib import Path
    from gongwen import safe_write

    path, linked, broken = Path(sys.argv[1]), sys.argv[2] == "1", sys.argv[3] == "1"
    if broken:  # the writer before this probe: nothing held the signal
        safe_write.held = contextlib.nullcontext
    real = os.fsync

    def fsync_then_killed(fd):
        real(fd)
        os.kill(os.getpid(), signal.SIGTERM)  # `kill` arrives now, in the middle of the write

    safe_write.os.fsync = fsync_then_killed
    old = path.read_bytes()
    if linked:
        os.link(path, path.with_name("other-name"))
    safe_write.write_atomic(path, "我们开展了检查，发现问题。\\n".encode() * 1000, safe_write.digest(old))
""")


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
@pytest.mark.parametrize("linked", [False, True])
def test_a_run_killed_in_the_middle_of_a_write_leaves_a_whole_file_and_no_temporary(tmp_path, linked):
    """A default SIGTERM ends the process at once: between the fsync of the temporary and its
    rename the temporary was left behind, and in an in-place write (a hard-linked file) the
    file was left half written. The signal now waits until the write is done."""
    def killed(broken: bool) -> tuple[int, set[str], bytes]:
        folder = tmp_path / f"{linked}-{broken}"
        folder.mkdir()
        (folder / "r.txt").write_bytes(BAD.encode())
        proc = subprocess.run([sys.executable, "-c", _KILLED_MID_WRITE, str(folder / "r.txt"),
                               "1" if linked else "0", "1" if broken else "0"], capture_output=True, timeout=60)
        return proc.returncode, {p.name for p in folder.iterdir()}, (folder / "r.txt").read_bytes()

    names = {"r.txt", "other-name"} if linked else {"r.txt"}
    code, left, data = killed(broken=False)
    assert code == -signal.SIGTERM and left == names and data == FIXED.encode() * 1000
    code, left, data = killed(broken=True)  # the check catches the writer without the hold
    assert code == -signal.SIGTERM and (left != names or data not in (BAD.encode(), FIXED.encode() * 1000))


def test_a_file_whose_name_is_near_the_limit_is_fixed(tmp_path):
    """The temporary's name is the file's name and more: past 255 bytes it failed with
    ENAMETOOLONG, so a file named with 83 Chinese characters could never be fixed."""
    name = "长" * 83 + ".txt"
    assert len(name.encode()) == 253
    (tmp_path / name).write_bytes(BAD.encode())
    result = run_cli("check", "--fix", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / name).read_bytes() == FIXED.encode() and os.listdir(tmp_path) == [name]


@pytest.mark.parametrize("change", ["edited", "deleted", "replaced by a folder"])
def test_a_file_changed_between_the_lint_and_the_write_is_left_as_it_now_is(tmp_path, change):
    """An editor saves (or the file goes away) while the run is fixing it: the fix was made
    from the old text and must not be written over the new one, nor bring a deleted file back."""
    path = tmp_path / "r.txt"
    path.write_bytes(BAD.encode())
    linter = api.make_linter({})
    lint = linter.lint

    def lint_then_change(doc):
        found = lint(doc)
        if path.is_file() and path.read_bytes() == BAD.encode():
            if change == "edited":
                path.write_bytes(("编辑器保存的新文本," + BAD).encode())
            else:
                path.unlink()
                if change != "deleted":
                    path.mkdir()
        return found

    linter.lint = lint_then_change
    outcome = fixmod.fix_path(path, linter)
    assert not outcome.written and outcome.blocked, outcome
    assert ("不是普通文件" if change == "replaced by a folder" else "检查期间") in outcome.refused, outcome.refused
    if change == "edited":
        assert path.read_bytes() == ("编辑器保存的新文本," + BAD).encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if change == "deleted" else ["r.txt"])


# -- findings whose text would drive the terminal -------------------------------------------

# What a message can quote from a document: colour and screen-clearing escape sequences, a
# window-title command ended by BEL, C1's one-byte CSI, a right-to-left override, a line break.
_NASTY = "标题\x1b[31m红\x1b]0;标题栏\x07\x9b2J\u202e倒序\r\n下一行 ]]> </script>"
_RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


def _rendered(fmt: str) -> str:
    import io

    from gongwen.diagnostic import Diagnostic, Location, Severity
    from gongwen.document import Document
    from gongwen.output.stream import Report

    doc = Document(path="r.txt", text=BAD, format="text")
    d = Diagnostic("FMT009", "near-duplicate-line", Severity.WARNING, f"缺少“{_NASTY}”", "r.txt", 7, 8,
                   Location(1, 8), Location(1, 9), help=_NASTY, notes=(_NASTY,))
    out = io.StringIO()
    report = Report(fmt, out, rules=list(api.registry()))
    report.add("r.txt", doc, [d])
    report.close()
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["full", "concise", "github"])
def test_a_message_quoting_control_characters_cannot_drive_the_terminal(fmt):
    """FMT009 quotes a line of the document in its message: an escape sequence there was
    printed raw by the text formats (colours, a cleared screen, a new window title), and a
    line break split a concise line in two. They are shown as escapes, as in file names."""
    out = _rendered(fmt)
    assert not [c for c in _RAW if c in out], out
    assert "\\x1b[31m红" in out and "\\u202e倒序" in out
    if fmt != "full":
        assert len(out.splitlines()) == 1


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_machine_formats_carry_the_same_message_exactly_and_stay_valid(fmt):
    from xml.dom import minidom

    out = _rendered(fmt)
    if fmt == "junit":
        minidom.parseString(out.encode())  # XML 1.0 cannot carry ESC: it is replaced there
        return
    found = json.loads(out)
    message = found[0]["message"] if fmt == "json" else found["runs"][0]["results"][0]["message"]["text"]
    assert _NASTY in message


@pytest.mark.parametrize("fmt", ["full", "concise", "github"])
def test_a_message_with_a_lone_surrogate_is_shown_not_lost_in_the_text_formats(fmt):
    """Text handed to the API may hold a lone surrogate, which no UTF-8 stream takes: the
    text formats replaced the file's findings by LNT905; they now show it as an escape."""
    import io

    from gongwen.diagnostic import Diagnostic, Location, Severity
    from gongwen.document import Document
    from gongwen.output.stream import Report

    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")  # strict, as stdout is
    report = Report(fmt, out)
    report.add("r.txt", Document(path="r.txt", text=BAD, format="text"),
               [Diagnostic("PUN001", "halfwidth-punctuation", Severity.ERROR, "半角逗号\ud800", "r.txt", 7, 8,
                           Location(1, 8), Location(1, 9))])
    report.close()
    out.flush()
    assert report.tally.codes == {"PUN001": 1} and "半角逗号\\ud800" in raw.getvalue().decode("utf-8")


# -- configuration files that are not files -----------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_configuration_that_is_not_a_regular_file_is_named_as_such(tmp_path, kind):
    """``--config`` on a FIFO, /dev/zero or a folder said the file did not exist."""
    config = tmp_path / "gongwen.toml"
    if kind == "fifo":
        os.mkfifo(config)
    elif kind == "device":
        config.symlink_to(os.devnull)
    else:
        config.mkdir()
    (tmp_path / "a.txt").write_bytes(BAD.encode())
    result = run_cli("check", "--config", "gongwen.toml", "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "不是普通文件" in err and err.count("\n") == 1 and not result.stdout, err


# -- the language server ------------------------------------------------------------------

def test_the_language_server_caps_findings_per_rule_and_still_fixes_them_all(tmp_path):
    """400,000 pasted lines with a half-width comma each were 400,000 diagnostics (a 130 MB
    message, over a minute per change): the editor gets what a report shows, and fixing all
    still fixes every one."""
    types = pytest.importorskip("lsprotocol.types")
    from gongwen.run import MAX_FINDINGS_PER_RULE
    from gongwen.server import Positions, Session, code_actions

    path = tmp_path / "a.txt"
    linted = Session().lint(path.as_uri(), str(path), "中," * 3 * MAX_FINDINGS_PER_RULE)
    codes = [d.code for d in linted.found]
    assert codes.count("PUN001") == MAX_FINDINGS_PER_RULE and codes.count("LNT908") == 1
    everywhere = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    fix_all = code_actions(path.as_uri(), linted, everywhere, Positions(linted.doc, len))[-1]
    assert fix_all.kind == "source.fixAll.gongwen"
    assert list(fix_all.edit.changes.values())[0][0].new_text == "中，" * 3 * MAX_FINDINGS_PER_RULE


# -- item 6: the web archive reader under hypothesis (the other readers: test_hostile_readers) --

def _warc(pages: list[tuple[str, str, bytes]], gzipped: bool) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for i, (status, kind, body) in enumerate(pages):
        headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
        fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>",  # the same bytes each time
                 "WARC-Date": "2026-12-05T00:00:00Z"}
        writer.write_record(writer.create_warc_record(f"http://x.gov.cn/{i % 3}.html", "response",
                                                      payload=io.BytesIO(body), http_headers=headers,
                                                      warc_headers_dict=fixed))
    return out.getvalue()


def _archives():
    from hypothesis import strategies as st
    from test_hostile_readers import HTML, _mutated

    page = st.tuples(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "200"]),
                     st.sampled_from(["text/html", "text/html; charset=gbk", "text/html; charset=no-such",
                                      "text/html; charset=utf-7", "application/pdf", "text/html; charset="]),
                     st.one_of(HTML.map(lambda t: t.encode("utf-8", "replace")), st.binary(max_size=80)))
    whole = st.tuples(st.lists(page, max_size=4), st.booleans()).map(lambda a: _warc(*a))
    damaged = st.booleans().flatmap(lambda gz: _mutated(_warc([("200 OK", "text/html", BAD.encode())] * 3, gz)))
    return st.one_of(whole, damaged, st.binary(max_size=120))


def test_the_web_archive_reader_on_generated_and_damaged_archives():
    """Was in neither the hypothesis tests nor the fuzz target. Every record a document or
    its own LNT901, each page checked and written in every format, never an exception; and
    the cluster's index (where_only), each place read as a worker reads it, gives the same pages."""
    import io

    from hypothesis import given, settings
    from test_hostile_readers import PROFILE, lint_and_write

    from gongwen.formats.warc import PageRecord, SkippedRecords, page_at, read_pages
    from gongwen.sources import InputOptions, InputProblem

    @settings(PROFILE)
    @given(_archives())
    def check(data: bytes) -> None:
        found = list(read_pages(io.BytesIO(data), "a.warc", InputOptions(), SkippedRecords()))
        index = list(read_pages(io.BytesIO(data), "a.warc", InputOptions(), SkippedRecords(), where_only=True))
        # What a cluster worker reads at each place (gongwen.cluster): the same pages.
        rebuilt = [page_at(data[p.offset:None if p.length < 0 else p.offset + p.length], p.url, InputOptions())
                   if isinstance(p, PageRecord) else p for p in index]
        assert [(p.path, isinstance(p, InputProblem) and p.message) for p in found] == \
               [(p.path, isinstance(p, InputProblem) and p.message) for p in rebuilt]
        for page in found:
            lint_and_write(page.path, page)

    check()


def _pages_warc(tmp_path, cut_in_second_header: bool = False):
    data = _warc([("200 OK", "text/html", f"<p>{BAD}</p>".encode())] * 3, gzipped=False)
    if cut_in_second_header:  # a crawler killed while writing the second record
        second = data.index(b"WARC/1.0", 1)
        data = data[:data.index(b"WARC-Target-URI", second)]
    (tmp_path / "a.warc").write_bytes(data)
    (tmp_path / "b.txt").write_bytes(BAD.encode())


def test_a_web_archive_cut_inside_a_record_header_is_one_finding_not_the_end_of_the_run(tmp_path):
    """warcio met the header without its URL as None.startswith: an internal error, exit 2,
    and b.txt never checked."""
    _pages_warc(tmp_path, cut_in_second_header=True)
    result = run_cli("check", "--no-cache", "--output-format", "json", "a.warc", "b.txt", cwd=tmp_path)
    found = [(d["path"], d["code"]) for d in json.loads(result.stdout)]
    assert found == [("http://x.gov.cn/0.html", "PUN001"), ("a.warc", "LNT901"), ("b.txt", "PUN001")]
    assert result.returncode == 1 and "截断" in result.stdout.decode() and not result.stderr, result.stderr.decode()


def test_an_archive_reader_that_raises_costs_only_the_rest_of_that_archive(tolerant, tmp_path, monkeypatch, capsys):
    """Files are read through faults.read_guarded; an archive was read outside it, so any
    exception in its reader ended the run. It is LNT904 on the archive now."""
    from pathlib import Path

    from gongwen import run

    _pages_warc(tmp_path)
    real = run.warc_pages

    def breaks_after_one(path, opts, skipped):
        yield next(real(path, opts, skipped))
        raise KeyError("record")

    monkeypatch.setattr(run, "warc_pages", breaks_after_one)
    monkeypatch.chdir(tmp_path)
    run.execute([Path("a.warc"), Path("b.txt")], api.make_linter({}), run.RunOptions(fmt="json"))
    found = [(d["path"], d["code"]) for d in json.loads(capsys.readouterr().out)]
    assert found == [("http://x.gov.cn/0.html", "PUN001"), ("a.warc", "LNT904"), ("b.txt", "PUN001")]


# -- found by the fuzz target once it read archives and fixed on disk (benchmarks/fuzz) ------

def test_a_pdf_whose_font_maps_to_lone_surrogates_is_read_with_replacement_characters():
    """A damaged ToUnicode map gave '\\ud800' in the text: no output format could write the
    file's findings (LNT905 in a run, a crash under the fuzzer)."""
    from test_hostile_probe3 import _CATALOG, _pdf, _stream

    from gongwen.sources import document_from_bytes

    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"2 beginbfchar <41> <D800> <42> <6211> endbfchar endcmap CMapName currentdict /CMap "
            b"defineresource pop end end")
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>")
    data = _pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page,
                 _stream(b"BT /F1 12 Tf 72 700 Td (BABAB) Tj ET"),
                 b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>", _stream(cmap)])
    doc = document_from_bytes(data, "x.pdf", "pdf")
    assert doc.text == "我\ufffd我\ufffd我"


@pytest.mark.parametrize("encoding", ["no-such-codec", "rot13"])
def test_the_api_given_an_encoding_that_decodes_no_text_reports_it_on_the_file(encoding):
    """The command line refuses it before the run; document_from_bytes raised LookupError
    from the check for UTF-16/32 that a probe-3 change put before its own handling."""
    from gongwen.sources import InputProblem, document_from_bytes

    problem = document_from_bytes(BAD.encode(), "x.txt", "text", encoding)
    assert isinstance(problem, InputProblem) and problem.code == "LNT901" and encoding in problem.message


# -- the command line ---------------------------------------------------------------------

def test_a_dangling_or_looping_link_named_on_the_command_line_says_it_is_a_link(tmp_path):
    """"路径不存在：l1" for a link that is there: the user looks for a missing file."""
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    (tmp_path / "l1").symlink_to("l2")
    (tmp_path / "l2").symlink_to("l1")
    result = run_cli("check", "dangling.txt", "l1", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("符号链接，目标不存在或链接成环") == 2 and not result.stdout, err


def test_fix_of_standard_input_named_after_an_existing_file_never_writes_that_file(tmp_path):
    """--stdin-filename only names the text (its format, its config globs): the fixed text is
    printed, the file of that name is not touched."""
    (tmp_path / "a.txt").write_bytes(BAD.encode())
    result = run_cli("check", "--fix", "--stdin-filename", "a.txt", "-", input=BAD.encode(), cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == FIXED.encode(), result.stderr.decode()
    assert (tmp_path / "a.txt").read_bytes() == BAD.encode() and os.listdir(tmp_path) == ["a.txt"]


def test_fix_in_a_folder_where_no_file_can_be_created_is_refused_with_the_reason(tmp_path, monkeypatch):
    """A read-only folder (root ignores its mode bits, so the refusal is injected where the
    temporary is made): the file is left as it was, the reason is given, nothing is left."""
    import errno
    import tempfile

    def read_only_folder(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only_folder)
    path = tmp_path / "r.txt"
    path.write_bytes(BAD.encode())
    outcome = fixmod.fix_path(path, api.make_linter({}))
    assert outcome.blocked and not outcome.written and "Permission denied" in outcome.refused
    assert path.read_bytes() == BAD.encode() and os.listdir(tmp_path) == ["r.txt"]
