"""Cases of the seventh hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test):

The sixth probe's leftovers:
- `-o /dev/full` → "No space left on device（ENOSPC）" naming no file (a device's write error
  carries none) → the report's writer names its path on any failed write (test_a_report_to_a_
  device…); a report folder that takes no temporary (EACCES) was written in place and a full
  disk left half a JSON report; a failed fsync (EIO) was ignored and the temporary renamed over
  the report → put back as it was (removed if new), fsync failures count (test_a_report_that_
  fails…)
- `--encoding utf-16` (utf-16-le/be) on UTF-8 text → CJK-looking garbage, exit 0; with --fix
  the garbage's "fixes" were written back as invalid UTF-8 (data loss) → bytes with no zero
  byte that decode as UTF-8 are UTF-8: LNT901 naming the codec (sure from 40 bytes; below, when
  the wide reading holds private-use/unassigned characters); real UTF-16/32, with and without
  BOM, and 3,000 random Chinese lines with no ASCII still read (test_a_forced_wide…,
  test_real_wide_text…, test_fix_with_a_forced_wide…)
- 3 MB of `select` (300,000 × DAT001) → 9 CPU s: every entry compared with every rule, the
  config parsed twice → each distinct selector matched once, the found config kept: 1.3 CPU s,
  the TOML parse (test_a_selector_listed_thousands…); unknown codes were already refused
- LSP didChange for a never-opened document → "KeyError" window message; didSave of one made
  pygls read the file from disk whole: a FIFO hung the server, /dev/zero would fill memory →
  both ignored with a window/logMessage naming the URI (test_the_language_server_ignores…)

Found and fixed in this probe (most serious first):
- `.gitignore` (or exclude/include/encodings/content-selector glob) `*a*a*…*ab` with 30 stars
  against a long file name → hours of backtracking in pathspec's Python-re backend; a cloned
  tree's .gitignore is anyone's → google-re2 as pathspec's backend (linear); a glob RE2 cannot
  compile (or over 4,096 characters) is refused by its config key, dropped from a .gitignore
  (test_globs_are_matched…, test_a_hostile_gitignore…, test_a_glob_the_matcher…)
- `--jobs 10000` on a big tree → the fork pool starts every worker at once, each with its own
  rules' tables: out of memory → at most four workers per core, with a note (test_jobs_far…)
- cache key (`$XDG_CACHE_HOME/gongwen/cache-key`) that is a FIFO or a link to one → every run
  hung → read only from a regular file, opened without waiting; relative XDG_CACHE_HOME
  wrote the secret key into the checked folder → ignored, as XDG says (test_a_cache_key…,
  test_a_relative_cache_home…)
- WARC: a skipped (text/plain) record whose Content-Length runs past the end swallowed the
  HTML pages after it, "skipped 1 record", exit 0 → LNT901 (test_a_skipped_record…)
- `--stdin-filename $'x\ny\x1b[31m.md'` → the newline split a concise/GitHub line (a forged
  finding), the escape reached the terminal → escaped as a walked file's name is
  (test_a_stdin_filename…)
- .docx of 100,000 empty paragraphs (600 KB, ratio 555) → refused as a compression bomb →
  the ratio counts only past 8 MB inflated (test_a_word_file_of_a_hundred_thousand…)
- `--diff --exit-zero` → exit 1 → 0, the diff still printed (test_diff_with_exit_zero…)

Found, not fixed:
- stdout on a full disk (`gongwen check > /dev/full`): exit 2, one line, but it says only
  "No space left on device（ENOSPC）", not "标准输出" (Python's stream error carries no name).

Tried, no fault: --fix with --diff (diff only, nothing written), --exit-zero, --statistics,
--write-baseline, -o, --annotate on .txt (refused); --jobs -1 / 0 / 10000 on one file;
--ambiguous-width 3, --fail-on nope (usage errors); COLUMNS=-1/0/abc/10^20, LINES=-5,
TERM=dumb, NO_COLOR=, FORCE_COLOR=abc, SOURCE_DATE_EPOCH=abc/-10^14/10^17/nan (the time of the run is shown),
XDG_CACHE_HOME=/dev/null; per-file-ignores `**/` × 1000 and `[abc` (fnmatch: linear);
.docx without [Content_Types].xml, without _rels, with a cyclic relationship, a 2 MB
[Content_Types].xml, a table nested 1,000 deep (LNT901 "嵌套过深"); WARC records with
Content-Length -5, " 0x10", 10^30 on an HTML page (LNT901 from probe 3); 100,000 empty
gzip members before a record (read, 0.9 s).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support import lsp_frame, lsp_messages, run_cli

BAD = "我们开展了检查,发现问题。\n"
FIXED = BAD.replace(",", "，")


# -- an output that cannot be written ---------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["full", "json", "sarif"])
def test_a_report_to_a_device_that_fails_names_the_device(tmp_path, fmt):
    """`-o /dev/full` said "No space left on device（ENOSPC）" and named no file: a device's
    write error carries none."""
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--output-format", fmt, "-o", "/dev/full", "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1, err
    assert "/dev/full" in err and "ENOSPC" in err and "内部错误" not in err


# A run whose report folder takes no new file (EACCES, as for a user who owns the report but
# not its folder; the tests run as root, so mkstemp is told to refuse), with the writes past
# 4 KB failing (RLIMIT_FSIZE: EFBIG, as a full disk) or the fsync failing (EIO).
_IN_PLACE = textwrap.dedent("""
    import errno, os, resource, sys, tempfile
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")
    how = sys.argv.pop(1)
    if how == "no-temporary":
        tempfile.mkstemp = refused
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    else:
        def eio(fd):
            raise OSError(errno.EIO, "Input/output error")
        os.fsync = eio
    sys.argv = ["gongwen", *sys.argv[1:]]
    from gongwen.cli import main
    main()
""")


@pytest.mark.skipif(os.name != "posix", reason="needs RLIMIT_FSIZE")
@pytest.mark.parametrize("how", ["no-temporary", "fsync fails"])
@pytest.mark.parametrize("existed", [True, False])
def test_a_report_that_fails_leaves_the_old_file_or_none(tmp_path, how, existed):
    """Where no temporary could be made beside the report it was written in place: a full
    disk left half a JSON report over the old one. An fsync that failed (EIO) was ignored and
    the temporary renamed over the report all the same."""
    for i in range(40):
        (tmp_path / f"f{i}.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "out").mkdir()
    report = tmp_path / "out" / "r.json"
    if existed:
        report.write_text("the previous report\n", encoding="utf-8")
    for option in (["--output-format", "json", "-o"], ["--write-baseline"]):
        proc = subprocess.run([sys.executable, "-c", _IN_PLACE, how, "check", "--no-cache", *option,
                               "out/r.json", "."], cwd=tmp_path, capture_output=True, timeout=120)
        err = proc.stderr.decode()
        assert proc.returncode == 2 and err.count("\n") == 1, err
        assert "out/r.json：" in err and "内部错误" not in err and ("EFBIG" in err or "EIO" in err), err
        assert [p.name for p in report.parent.iterdir()] == (["r.json"] if existed else [])
        if existed:
            assert report.read_text(encoding="utf-8") == "the previous report\n"


# -- a forced wide encoding on UTF-8 text ---------------------------------------------------

_WIDE = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]


def _read(data: bytes, encoding: str):
    from gongwen.sources import document_from_bytes

    return document_from_bytes(data, "r.txt", "text", encoding)


@pytest.mark.parametrize("encoding", _WIDE)
@pytest.mark.parametrize("text", [SEED_TEXT := (Path(__file__).parent.parent / "fixtures" / "reports"
                                                / "yanfeng-2024.txt").read_text(encoding="utf-8"),
                                  BAD, "Annual report 2024: all figures audited.\n", "我们开展了检查，发现问题"])
def test_a_forced_wide_encoding_on_utf8_text_is_refused_by_name(encoding, text):
    """`--encoding utf-16` on a UTF-8 file read CJK-looking garbage, found nothing and passed;
    with --fix, a "fix" in the garbage was written back as bytes that are not UTF-8."""
    found = _read(text.encode("utf-8"), encoding)
    assert getattr(found, "code", None) == "LNT901", found
    if encoding.startswith("utf-16"):
        assert f"指定的编码 {encoding} 与内容不符" in found.message and "UTF-8" in found.message


@pytest.mark.parametrize("encoding", _WIDE)
def test_real_wide_text_with_or_without_its_mark_is_still_read(encoding):
    """The other side: the seed report, and random Chinese lines with no ASCII character in
    them (no zero byte: the hardest case), in each wide form, read as what they are."""
    import random

    rnd = random.Random(encoding)
    chars = [c for c in SEED_TEXT if ord(c) > 127]
    texts = [SEED_TEXT, BAD] + ["".join(rnd.choice(chars) for _ in range(rnd.randint(1, 60)))
                                for _ in range(3000)]
    for text in texts:
        doc = _read(text.encode(encoding), encoding)
        assert getattr(doc, "text", None) == text, (text, doc)


def test_fix_with_a_forced_wide_encoding_never_writes_a_utf8_file(tmp_path):
    (tmp_path / "r.txt").write_text(BAD * 3, encoding="utf-8")
    result = run_cli("check", "--fix", "--encoding", "utf-16-le", "r.txt", cwd=tmp_path)
    assert result.returncode == 1 and "LNT901" in result.stdout.decode()
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == BAD * 3


# -- a huge selector list ------------------------------------------------------------------

def test_a_selector_listed_thousands_of_times_is_matched_once_and_selects_the_same(tmp_path, monkeypatch):
    """3 MB of `select = ["DAT001", …]` took 9 CPU s: every entry compared with every rule
    (twice), and the file was parsed twice (once to find it, once to load it)."""
    from gongwen import api, config
    class Scanned(dict):
        """The rules by code, counting the scans of every rule that a prefix selector makes."""
        scans = 0

        def __iter__(self):
            Scanned.scans += 1
            return super().__iter__()

    selectors = ["DAT001", "PUN", "halfwidth-punctuation", "TYP0"]
    once = api.make_linter({"select": selectors})
    fresh = type(api.registry()).discover()  # nothing remembered from other tests
    fresh.by_code = Scanned(fresh.by_code)
    monkeypatch.setattr(api, "_registry", fresh)
    many = api.make_linter({"select": selectors * 5000, "ignore": ["PUN002"] * 5000})
    assert [r.code for r in many.settings.rules] == [r.code for r in once.settings.rules if r.code != "PUN002"]
    assert Scanned.scans <= len(selectors) + 1  # each distinct selector once

    parsed: list[Path] = []
    real_table = config._table_of
    monkeypatch.setattr(config, "_table_of", lambda p: parsed.append(p) or real_table(p))
    (tmp_path / "gongwen.toml").write_text('select = ["DAT001"]\n', encoding="utf-8")
    assert config.load(start=tmp_path).values == {"select": ["DAT001"]}
    assert parsed == [tmp_path / "gongwen.toml"]


# -- the language server told of documents it never opened -------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_the_language_server_ignores_changes_and_saves_of_documents_never_opened(tmp_path):
    """A didChange naming a document never opened was answered with "KeyError" in a window
    message (pygls' workspace, before our handler); a didSave of one made pygls read the file
    from disk, whole and unchecked: a FIFO held the server for ever, /dev/zero filled the
    memory. The LSP says a change or save is sent only for an open document: each is now
    ignored with a log message naming it, and the server goes on."""
    pytest.importorskip("pygls")
    os.mkfifo(tmp_path / "pipe.txt")
    opened = (tmp_path / "r.txt").as_uri()
    notify = lambda method, params: lsp_frame({"jsonrpc": "2.0", "method": method, "params": params})  # noqa: E731
    sent = b"".join([
        lsp_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}),
        notify("initialized", {}),
        notify("textDocument/didChange", {"textDocument": {"uri": (tmp_path / "never.txt").as_uri(), "version": 2},
                                          "contentChanges": [{"text": BAD}]}),
        notify("textDocument/didSave", {"textDocument": {"uri": (tmp_path / "pipe.txt").as_uri()}}),
        notify("textDocument/didOpen", {"textDocument": {"uri": opened, "languageId": "plaintext",
                                                         "version": 1, "text": BAD}}),
        lsp_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
        notify("exit", None),
    ])
    try:
        proc = subprocess.run([sys.executable, "-m", "gongwen", "server"], input=sent, capture_output=True,
                              cwd=tmp_path, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the server hung on a document it never opened")
    messages = lsp_messages(proc.stdout)
    shown = [m["params"]["message"] for m in messages if m.get("method") == "window/showMessage"]
    logged = [m["params"]["message"] for m in messages if m.get("method") == "window/logMessage"]
    published = [m["params"] for m in messages if m.get("method") == "textDocument/publishDiagnostics"]
    assert not shown, shown
    assert [p["uri"] for p in published] == [opened] and published[0]["diagnostics"], published
    assert any("never.txt" in m and "未打开" in m for m in logged), logged
    assert any("pipe.txt" in m and "未打开" in m for m in logged), logged


# -- the cache's key ------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
@pytest.mark.parametrize("kind", ["fifo", "folder", "link to a fifo"])
def test_a_cache_key_that_is_not_a_file_turns_the_cache_off_and_never_blocks(tmp_path, kind):
    """The key was opened and read as it stood: a FIFO in its place (or a link to one) held
    every run for ever."""
    key = tmp_path / "user-cache" / "gongwen" / "cache-key"
    key.parent.mkdir(parents=True)
    if kind == "folder":
        key.mkdir()
    else:
        os.mkfifo(tmp_path / "pipe")
        if kind == "fifo":
            os.rename(tmp_path / "pipe", key)
        else:
            key.symlink_to(tmp_path / "pipe")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    try:
        result = run_cli("check", "--output-format", "json", "a.txt", cwd=tmp_path,
                         env={"XDG_CACHE_HOME": str(tmp_path / "user-cache")})
    except subprocess.TimeoutExpired:
        pytest.fail("the run waited on the cache key")
    assert result.returncode == 1 and [d["code"] for d in json.loads(result.stdout)] == ["PUN001"]
    assert not (tmp_path / ".gongwen_cache").exists() or not any((tmp_path / ".gongwen_cache").rglob("*.pickle"))


def test_a_relative_cache_home_is_ignored_not_created_in_the_checked_folder(tmp_path):
    """XDG_CACHE_HOME=relative made `relative/gongwen/cache-key`, the secret, in the folder
    being checked (the XDG specification: a relative path is invalid and ignored)."""
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "a.txt", cwd=tmp_path, env={"XDG_CACHE_HOME": "relative", "HOME": str(tmp_path / "home")})
    assert result.returncode == 1, result.stderr.decode()
    assert not (tmp_path / "relative").exists()
    assert (tmp_path / "home" / ".cache" / "gongwen" / "cache-key").is_file()


# -- --jobs far past the cores ----------------------------------------------------------------

def test_jobs_far_past_the_cores_starts_a_bounded_pool(tmp_path, monkeypatch):
    """`--jobs 10000` on a tree of 10,000 files forked 10,000 workers at once (the pool starts
    all of them under fork), each with its own rules' tables: out of memory. The pool is at
    most four workers per core; the findings are the same."""
    from gongwen import api, pool

    asked: list[int] = []
    real = pool.imap
    monkeypatch.setattr(pool, "imap", lambda job, items, workers, *rest: asked.append(workers) or real(
        job, items, min(workers, 2), *rest))  # never more than two here, whatever the code asks
    files = []
    for i in range(300):
        files.append(tmp_path / f"f{i}.txt")
        files[-1].write_text(BAD, encoding="utf-8")
    linter = api.make_linter({})
    found = [(doc.path, [d.code for d in ds]) for doc, ds in api.lint_files(files, linter, jobs=10_000)]
    assert asked and asked[0] <= 4 * api.default_jobs()
    assert [(Path(path).name, codes) for path, codes in found] == [(f.name, ["PUN001"]) for f in files]


# -- globs that backtrack -------------------------------------------------------------------

_STARS = "*a" * 30 + "b"  # never matches a name of a's; Python's re tried every split of it


def test_globs_are_matched_by_a_linear_time_engine():
    """pathspec chooses its backend by what is installed: RE2 (google-re2, a dependency) is
    linear in the name; its "simple" backend is Python's backtracking re."""
    from pathspec import GitIgnoreSpec

    spec = GitIgnoreSpec.from_lines([_STARS])
    assert type(spec._backend).__name__.startswith("Re2"), type(spec._backend)
    assert not spec.match_file("a" * 240 + ".txt")
    assert GitIgnoreSpec.from_lines(["**/" * 1000 + "a.txt", "[abc"]).match_file("x/a.txt")


def test_a_hostile_gitignore_in_a_cloned_tree_neither_hangs_the_walk_nor_hides_files(tmp_path):
    """A .gitignore holding `*a*a*…*ab` (30 stars) made the walk of a folder with one long
    file name run for hours; a line too big to compile raised from deep in the walk."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text(f"{_STARS}\n{'*a' * 50_000}\nskipped.txt\n", encoding="utf-8")
    (tmp_path / ("a" * 240 + ".txt")).write_text(BAD, encoding="utf-8")
    (tmp_path / "skipped.txt").write_text(BAD, encoding="utf-8")
    try:
        result = run_cli("check", "--output-format", "json", "--no-cache", ".", cwd=tmp_path)
    except subprocess.TimeoutExpired:
        pytest.fail("the walk did not end")
    assert result.returncode == 1, result.stderr.decode()
    assert [Path(d["path"]).name for d in json.loads(result.stdout)] == ["a" * 240 + ".txt"]


@pytest.mark.parametrize(("body", "key"), [(f'exclude = ["x", "{"*a" * 50_000}"]', "exclude[1]"),
                                           (f'include = ["{"*a" * 3000}"]', "include[0]"),
                                           (f'[encodings]\n"{"*a" * 50_000}" = "gbk"', "encodings")])
def test_a_glob_the_matcher_cannot_compile_is_named_by_its_key(tmp_path, body, key):
    (tmp_path / "gongwen.toml").write_text(body + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1 and "内部错误" not in err, err
    assert f"配置项 {key}" in err and "glob" in err


# -- a standard input named with control characters -----------------------------------------

@pytest.mark.parametrize("fmt", ["concise", "github", "json"])
def test_a_stdin_filename_with_a_newline_or_an_escape_is_shown_escaped(fmt):
    """A walked file's name was escaped (probe 2), the name --stdin-filename gives was not: a
    newline split the concise and GitHub line in two (a forged `y.md:1:8: …` finding), an
    escape sequence reached the terminal."""
    result = run_cli("check", "--output-format", fmt, "--stdin-filename", "x\ny\x1b[31m.md", "-",
                     input=BAD.encode())
    out = result.stdout.decode()
    assert result.returncode == 1, result.stderr.decode()
    assert "\x1b" not in out and "x\\ny\\x1b[31m.md" in out.replace("\\\\", "\\")
    if fmt != "json":
        assert len(out.splitlines()) == 1


# -- a Word file of many empty paragraphs ----------------------------------------------------

def test_a_word_file_of_a_hundred_thousand_empty_paragraphs_is_read_not_called_a_bomb():
    """600 KB of `<w:p/>` deflate 555 times: the ratio test alone called it a compression bomb
    (LNT901) though it is small; the ratio now counts only past 8 MB, and the streaming
    count still holds every part to the budget."""
    import io
    import zipfile

    from gongwen import api

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "<w:p/>" * 100_000 + f"<w:p><w:r><w:t>{BAD.strip()}</w:t></w:r></w:p>"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>')
    doc = api.read_bytes(raw.getvalue(), path="r.docx")
    found = api.lint_document(doc, api.make_linter({}))
    assert [(d.code, d.location.line) for d in found] == [("PUN001", 100_001)], found


# -- a web archive whose skipped record lies ----------------------------------------------------

def _record(kind: bytes, uri: bytes, length: int | None = None) -> bytes:
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: " + kind + b"; charset=utf-8\r\n\r\n<p>"
            + BAD.strip().encode() + b"</p>")
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/" + uri + b"\r\n"
            b"WARC-Record-ID: <urn:uuid:" + uri + b">\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
            + str(len(http) if length is None else length).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")


@pytest.mark.parametrize("length", [10 ** 30, 5000])
def test_a_skipped_record_whose_length_runs_past_the_end_is_reported(tmp_path, length):
    """A text/plain record (not linted, only counted as skipped) declaring more bytes than the
    archive holds swallowed the HTML page after it: the run said "skipped 1 record" and
    passed. A page record that lies was reported already (probe 3); a skipped one is now."""
    (tmp_path / "lying.warc").write_bytes(_record(b"text/plain", b"p.txt", length) + _record(b"text/html", b"a.html"))
    (tmp_path / "honest.warc").write_bytes(_record(b"text/plain", b"p.txt") + _record(b"text/html", b"a.html"))
    for name, codes in (("lying.warc", ["LNT901"]), ("honest.warc", ["PUN001"])):
        result = run_cli("check", "--no-cache", "--output-format", "json", name, cwd=tmp_path)
        found = json.loads(result.stdout)
        assert result.returncode == 1 and [d["code"] for d in found] == codes, (name, found)
        assert codes != ["LNT901"] or "Content-Length" in found[0]["message"]


# -- option combinations ------------------------------------------------------------------------

def test_diff_with_exit_zero_exits_zero_and_still_prints_the_diff(tmp_path):
    """`--diff --exit-zero` exited 1: --diff decided the exit code itself and --exit-zero was
    not asked. A read-only file that --fix cannot write still fails (tested elsewhere)."""
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--diff", "--exit-zero", "a.txt", cwd=tmp_path)
    assert result.returncode == 0 and "+" + FIXED.strip() in result.stdout.decode(), result
    assert run_cli("check", "--diff", "a.txt", cwd=tmp_path).returncode == 1
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == BAD
