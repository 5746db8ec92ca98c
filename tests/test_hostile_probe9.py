"""Cases of the ninth hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test):

The eighth probe's leftovers:
- `--cluster` at a scheduler that takes the handshake and then never answers (stopped with
  SIGSTOP), and at one with no worker (`dask scheduler` without `dask worker`: the clumsy
  case) → the run waited for ever (killed after 60 s, nothing said) → the scheduler must
  answer within 30 s, a run gives up after 120 s without a worker (an adaptive cluster has
  that long to start one): exit 2 naming the address (test_a_cluster_that_cannot_do_the_work…).
  Left: the report then still says "未发现问题，检查了 0 个文件" above the error, as for
  any run error after the report has begun.
- HTML report of a file named with U+202E, LF, ESC, U+0085, a byte that is not UTF-8, in a
  folder named with U+2066 → each link was the escaped display form (`a%5Cu202egpj.txt`) and
  opened nothing; the escapes cannot be undone from the text (`\\x80` is U+0080 or a raw byte,
  a name may hold a backslash) → the name is found again in its folder (one listing per
  folder), linked by its bytes; an ambiguous one keeps the old link
  (test_the_html_report_links_to_the_file…)
- a baseline near the 1 GB cap took about 6x its size to read (measured again: a 42 MB one,
  300,000 entries, 277 MB more at the peak, tracemalloc 6.6x) → each entry is kept as its
  fingerprint as it is parsed (json's object_pairs_hook), the bytes dropped once decoded:
  147 MB (4.0x, all of it while decoding: the bytes and the text widened to two bytes a
  character by its CJK). A streaming reader would take it to the set alone; not done
  (test_a_big_baseline_is_read_into_its_fingerprints_alone)

Found and fixed (most serious first):
- a file named `-oREADME.md` (or `--output-file=README.md`, `-j2.txt`) at the top of a
  repository, named by pre-commit after the hook's options with no `--` → read as `-o
  README.md`: README.md, not an input, replaced by the report → a token read as an option
  that names an existing file is refused, exit 2, asking for `./-oREADME.md` or `--`; an
  option's value is still a value (test_a_file_whose_name_reads_as_an_option…,
  test_an_option_value_that_names…)
- SIGTERM (`kill`, a CI timeout) or SIGHUP (a closed terminal) to a `--jobs 2 -o report.json`
  run → the main process died on the spot: the report's temporary stayed beside it, and the
  workers, blocked for ever writing to a result pipe nobody read (they hold its read end
  too), kept the caller's stdout/stderr open — `subprocess.communicate` waited for ever;
  two such runs left four sleeping processes for good → both end the run as Ctrl-C does
  (pool stopped, temporary removed), exit 143/129; ignored signals (nohup) stay ignored;
  a forked worker still dies by them (test_a_run_told_to_terminate…)
- SIGKILL on that run's main process (`timeout -s KILL`, the OOM killer) → the same workers
  slept for ever holding its output → each worker watches its parent and exits when it is
  gone (within a second; linter/pool.py) (test_workers_do_not_outlive_a_killed_run)
- a web archive's WARC-Target-URI holding ESC [2J, BEL, CSI (U+009B) or U+202E, and a name
  under a URL (an object store's listing; file:// here) → shown raw in the concise, full and
  GitHub formats: a crawled site could clear the screen, colour or forge a finding, reverse a
  name → escaped as a local file's name is (sources.printable_name), still read by its real
  URL; so is a listed archive's name in the "跳过 N 条" note (two-line edit in linter/run.py)
  (test_a_page_name_from_a_web_archive…, test_a_listed_name_under_a_url…)
- a .docx whose zip holds word/document.xml twice (or again as WORD/Document.xml: OPC part
  names ignore case) → checked by its last copy ("未发现问题") while the first, which other
  programs show, held the error; --annotate copied both → LNT901 "zip 中有两个同名而内容
  不同的部件"; the same bytes twice are one part, read as before (probe 2's case)
  (test_a_word_file_holding_its_body_twice…)
- PYTHONIOENCODING=ascii or latin-1 → the first finding "内部错误：UnicodeEncodeError", exit 2,
  the JSON report "[ ]" (nothing found, it said); utf-16 → a JUnit file declaring UTF-8 that
  was not → the machine formats are UTF-8 whatever the locale, the text formats show what
  the stream cannot hold as escapes (test_a_standard_output_that_cannot_hold_chinese…)
- `time-budget = 1e12` (or GONGWEN_TIME_BUDGET=1e10), meant as "no limit" → every file LNT903
  "OverflowError: timestamp out of range", nothing checked or fixed → a budget past what the
  interval timer holds (9.2e9 s) is 31 years (test_a_time_budget_longer_than…)
- `cache-dir = "a\\u0000b"` in the configuration → "内部错误：ValueError('embedded null byte')"
  → the key, "路径（不含 NUL 字符）" and the value (test_a_cache_folder_named_with_a_nul…)
- the web archive reader was in neither the hypothesis profiles nor the atheris target →
  generated and damaged archives, every item a document or LNT901 with a printable name
  (test_the_web_archive_reader_on_generated_and_damaged_archives; nightly profile: 5,000
  examples, no fault). The atheris target (benchmarks/fuzz) still lacks it.

Found here, fixed in round 10b (tests/test_hostile_probe9_abort.py):
- a run that ends with an error after its report has begun (a cluster that stops answering,
  Ctrl-C, SIGTERM) closed the report as a whole document, so the full format ended
  "未发现问题，检查了 0 个文件" above the error, and `-o` replaced the previous report with the
  partial one; now `-o` leaves the previous file as it was and every format says the run is
  incomplete.

Found, not fixed (owned elsewhere or minor):
- tomllib's own English for a table declared twice ("Cannot declare ('tool', …) twice").
- FMT009's options (`max-length`, `max-lost`) take any size: a huge one in a repository's
  configuration makes the rule slow on long lines (bounded by the time budget; rules/).
- `--diff` names a file with a newline or a byte that is not UTF-8 by its escaped name
  (`--- a/x\\ny.txt`), which patch cannot apply to the real file (safe, not applicable).

Tried, no fault: LANG=C (UTF-8 mode), LC_ALL=C, no HOME, HOME a file or missing, a
read-only working folder; `--fix` and `--diff` | patch on CRLF, CR-only, mixed endings, a
UTF-8 BOM with CRLF, UTF-16 LE/BE with BOM, GB18030, Big5 (only the fixed characters change;
patch gives --fix's bytes), the same on standard input for .txt and .md; TOML: `[[tool]]`,
`tool = "x"`, `tool.gongwen` an integer, array or array of tables, dates and datetimes
where strings or numbers belong, 10^29 for max-file-size, 1e400, `encodings` rot13/base64
(refused)/utf-7, NUL in globs, encodings, per-file-ignores, content-selector and term keys
(refused or harmless), `terms = [{}]`; the language server fed lone surrogates (in the text
and next to a finding), a configuration changed 40 times (a linter kept per mtime; the peak memory did not
move); a cache folder under /dev/null/x, /proc/self/fd/1, a file, "/"; WARC pages whose
Content-Type names utf-16/utf-7 over UTF-8 bytes; `.docx` zipped with LZMA; control
characters (VT, FF, BS, ESC, U+FFFE, U+FFFF, DEL, U+0085, U+0001) beside findings with
`--select ALL --preview` in JUnit/SARIF/JSON/HTML (all parse); reports written with -o into
the checked folder in every format (skipped as gongwen's own); `-o x.json --write-baseline
x.json` (no report is rendered with --write-baseline); SIGINT/SIGTERM/SIGHUP in a loop of 8
runs after the fixes: no temporary, no process left.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from support import default_signals, run_cli

COMMA = "这是一段测试文字,有半角逗号。\n"


@pytest.mark.parametrize("where", ["config", "environment"])
def test_a_time_budget_longer_than_the_timer_holds_is_no_limit(tmp_path, where):
    """``time-budget = 1e12`` (meant as "no limit"), or GONGWEN_TIME_BUDGET=1e10, made every
    file "LNT903 …OverflowError: timestamp out of range" — nothing checked, nothing fixed:
    the interval timer holds at most 9.2e9 s."""
    (tmp_path / "f.txt").write_text(COMMA, encoding="utf-8")
    env = {}
    if where == "config":
        (tmp_path / "gongwen.toml").write_text("time-budget = 1e12\n", encoding="utf-8")
    else:
        env["GONGWEN_TIME_BUDGET"] = "1e10"
    result = run_cli("check", "--no-cache", "--fix", "f.txt", cwd=tmp_path, env=env)
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert result.returncode == 0, out
    assert "LNT90" not in out and "内部错误" not in out, out
    assert (tmp_path / "f.txt").read_text(encoding="utf-8") == COMMA.replace(",", "，")


@pytest.mark.parametrize("name", ["-oREADME.md", "--output-file=README.md", "-j2.txt"])
def test_a_file_whose_name_reads_as_an_option_is_refused_not_obeyed(tmp_path, name):
    """pre-commit runs ``gongwen check --force-exclude --allow-empty <files>`` with no ``--``:
    a file named ``-oREADME.md`` at the top of a repository was read as ``-o README.md``, and
    README.md (not an input) was replaced by the report. Named as ``./-oREADME.md`` or after
    ``--`` it is checked as a file."""
    (tmp_path / "README.md").write_text("不要覆盖我\n", encoding="utf-8")
    (tmp_path / name).write_text(COMMA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(COMMA, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--force-exclude", "--allow-empty", name, "b.txt", cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert name in err and f"./{name}" in err and result.stdout == b"", err
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "不要覆盖我\n"
    for spelled in (("--", name), (f"./{name}",)):
        result = run_cli("check", "--no-cache", "--output-format", "concise", *spelled, cwd=tmp_path)
        assert result.returncode == 1 and b"PUN001" in result.stdout, result.stderr.decode("utf-8")


def test_an_option_value_that_names_a_file_is_still_a_value(tmp_path):
    """``-o -report.txt`` names the report: the value of an option is not refused."""
    (tmp_path / "b.txt").write_text(COMMA, encoding="utf-8")
    (tmp_path / "-report.txt").write_text("旧报告\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "-o", "-report.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode("utf-8")
    assert "PUN001" in (tmp_path / "-report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "junit", "html"])
def test_a_standard_output_that_cannot_hold_chinese_still_gets_the_whole_report(tmp_path, encoding, fmt):
    """PYTHONIOENCODING=ascii (an old image, a CI runner's setting) made the first finding
    "内部错误：UnicodeEncodeError", exit 2; the JSON report was "[ ]", as if nothing was found.
    The machine formats are UTF-8 whatever the locale; the text formats show escapes."""
    import json
    import xml.dom.minidom

    (tmp_path / "f.txt").write_text(COMMA, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--output-format", fmt, "f.txt", cwd=tmp_path,
                     env={"PYTHONIOENCODING": encoding})
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, err
    assert "内部错误" not in err and "\\u5185" not in err, err
    out = result.stdout.decode("utf-8")
    if fmt in ("json", "sarif"):
        assert "半角逗号" in json.dumps(json.loads(out), ensure_ascii=False)
    elif fmt == "junit":
        assert "半角逗号" in xml.dom.minidom.parseString(result.stdout).toxml()
    elif fmt == "html":
        assert "半角逗号" in out and out.rstrip().endswith("</html>")
    else:
        assert "PUN001" in out, out


def _scheduler_process(tmp_path: Path):
    """A Dask scheduler in its own process (so that it can be stopped), and its address."""
    import subprocess
    import time

    started = tmp_path / "scheduler.json"
    code = ("import asyncio, sys\nfrom distributed import Scheduler\n"
            "async def main():\n"
            "    async with Scheduler(port=0, dashboard_address=None, scheduler_file=sys.argv[1]):\n"
            "        await asyncio.sleep(600)\n"
            "asyncio.run(main())\n")
    process = subprocess.Popen([sys.executable, "-c", code, str(started)], stderr=subprocess.DEVNULL)
    for _ in range(300):
        if started.exists() and started.stat().st_size:
            break
        time.sleep(0.1)
    import json

    return process, json.loads(started.read_text())["address"]


@pytest.mark.parametrize("trouble", ["no worker", "scheduler stops answering"])
def test_a_cluster_that_cannot_do_the_work_ends_the_run_instead_of_holding_it(tmp_path, monkeypatch, trouble):
    """``--cluster`` at a scheduler with no worker (``dask scheduler`` started, no ``dask
    worker``), or one that took the handshake and then stopped answering (stopped, a dead
    proxy): the run waited for ever — killed after 60 s here, nothing reported. Now the
    scheduler must answer within ANSWER_SECONDS and a run without a worker gives up after
    NO_WORKER_SECONDS, each a ClusterError naming the address (exit 2 from the command)."""
    import signal

    distributed = pytest.importorskip("distributed")
    from gongwen import api, cluster
    from gongwen.sources import InputOptions

    monkeypatch.setattr(cluster, "ANSWER_SECONDS", 0.5, raising=False)
    monkeypatch.setattr(cluster, "NO_WORKER_SECONDS", 1.0, raising=False)
    (tmp_path / "f.txt").write_text(COMMA, encoding="utf-8")
    process, address = _scheduler_process(tmp_path)
    try:
        client = distributed.Client(address, timeout="30s")
        try:
            if trouble == "scheduler stops answering":
                process.send_signal(signal.SIGSTOP)
            ended: list = []

            def run() -> None:
                try:
                    list(cluster.lint_paths([tmp_path / "f.txt"], api.make_linter(), None, InputOptions(),
                                            address=address, client=client))
                    ended.append(None)
                except Exception as exc:  # noqa: BLE001 - what ended it is the verdict
                    ended.append(exc)

            import threading

            waiting = threading.Thread(target=run, daemon=True)  # left behind if it never ends
            waiting.start()
            waiting.join(60)
            assert ended, "the run was still waiting after 60 s"
            assert isinstance(ended[0], cluster.ClusterError) and address in str(ended[0]), ended
        finally:
            process.send_signal(signal.SIGCONT)
            client.close(timeout=10)
    finally:
        process.kill()
        process.wait()


@pytest.mark.parametrize("name", ["a\u202egpj.txt", "new\nline.txt", "esc\x1b[31m.txt", "c1\x85.txt",
                                  os.fsdecode(b"bad\xff.txt"), "sub\u2066/a\\x80.txt"])
def test_the_html_report_links_to_the_file_whatever_its_name_holds(tmp_path, name):
    """A name holding U+202E (or another control character, or a byte that is not UTF-8) is
    shown escaped (``a\\u202egpj.txt``), and the HTML report's link was made of that escaped
    form (``a%5Cu202egpj.txt``): it opened nothing. The link is now the real name's bytes;
    the shown text stays escaped. A backslash really in a name is left as it is."""
    import re
    from urllib.parse import unquote_to_bytes

    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(COMMA, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--output-format", "html", "-o", "report.html", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode("utf-8")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    links = set(re.findall(r'class="page-link" href="([^"]*)"', page))
    assert len(links) == 1, links
    href = unquote_to_bytes(links.pop().replace("&amp;", "&"))
    assert href == os.fsencode(name) and (tmp_path / os.fsdecode(href)).is_file(), href
    assert "\u202e" not in page and "\x1b" not in page


def test_a_big_baseline_is_read_into_its_fingerprints_alone(tmp_path):
    """A baseline may be 1 GB (the cap); reading one took about six times its size (67 MB →
    345 MB in probe 8): every entry a dict of four strings, beside the file's bytes and
    text. The entries are now kept as their fingerprints and the bytes let go once decoded:
    four times the file at the peak, while it is decoded (its bytes, and its text, which holds
    CJK: two bytes a character, widened from a first part of one byte a character)."""
    from support import baseline_load_peak

    ratio, exact = baseline_load_peak(tmp_path / "baseline.json", 50_000)
    assert exact and ratio < 5, ratio


_DRIVES_THE_TERMINAL = ("\x1b", "\x07", "\x9b", "\u202e")


def _warc_record(url: bytes, body: bytes) -> bytes:
    """One response record written by hand: warcio's writer refuses a URL that is not ASCII,
    a crawler's need not."""
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n"
            % len(body)) + body
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url +
            b"\r\nWARC-Record-ID: <urn:uuid:%08d>\r\nContent-Type: application/http; msgtype=response"
            b"\r\nContent-Length: %d\r\n\r\n" % (len(url), len(http)) + http + b"\r\n\r\n")


@pytest.mark.parametrize("fmt", ["concise", "full", "github"])
def test_a_page_name_from_a_web_archive_cannot_drive_the_terminal(tmp_path, fmt):
    """A crawled site names its pages: a WARC-Target-URI holding ESC [2J, BEL, CSI (U+009B)
    or U+202E reached the terminal raw in every text format (a cleared screen, a forged
    finding, a name shown reversed), where a local file's name is escaped."""
    body = f"<html><body><p>{COMMA}</p></body></html>".encode()
    urls = ["http://x.gov.cn/a\x1b[2J\x1b[31m.html", "http://x.gov.cn/b\x07\x9b2J.html",
            "http://x.gov.cn/\u202elmth.exe"]
    (tmp_path / "a.warc").write_bytes(b"".join(_warc_record(u.encode(), body) for u in urls))
    result = run_cli("check", "--no-cache", "--output-format", fmt, "a.warc", cwd=tmp_path)
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert result.returncode == 1, out
    assert not any(c in out for c in _DRIVES_THE_TERMINAL), out
    assert out.count("PUN001") >= 3 and "\\x1b[2J" in out and "\\u202elmth.exe" in out, out


def test_a_listed_name_under_a_url_cannot_drive_the_terminal(tmp_path):
    """The names under a URL (an object store's listing, here file://) are anyone's too."""
    pytest.importorskip("fsspec")
    site = tmp_path / "site"
    site.mkdir()
    (site / "x\x1b[2J\u202e.txt").write_text(COMMA, encoding="utf-8")
    from support import write_warc  # a request record and a warcinfo: "跳过 N 条" on stderr

    write_warc(site / "crawl\x1b[2J.warc.gz", [("http://x.gov.cn/a.html", "200 OK", "text/html",
                                                 f"<p>{COMMA}</p>".encode())])
    result = run_cli("check", "--no-cache", "--output-format", "concise", site.as_uri() + "/", cwd=tmp_path)
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert result.returncode == 1 and out.count("PUN001") == 2, out
    assert not any(c in out for c in _DRIVES_THE_TERMINAL), out
    assert "x\\x1b[2J\\u202e.txt" in out and "crawl\\x1b[2J.warc.gz：" in result.stderr.decode("utf-8"), out


def _docx_with_a_second_document(first_name: str) -> bytes:
    """A Word file whose zip holds the body twice: first (``first_name``) with a half-width
    comma, last (word/document.xml) without. zipfile reads the last; other programs the first."""
    import io
    import warnings
    import zipfile

    import docx

    made = docx.Document()
    made.add_paragraph(COMMA.strip())
    buffer = io.BytesIO()
    made.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        warnings.simplefilter("ignore")  # "Duplicate name": the point
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                package.writestr(first_name, data)
                data = data.replace(COMMA.strip().encode(), "干净的一段文字。".encode())
            package.writestr(info.filename, data)
    return out.getvalue()


@pytest.mark.parametrize("first_name", ["word/document.xml", "WORD/Document.xml"])
def test_a_word_file_holding_its_body_twice_is_refused(tmp_path, first_name):
    """A .docx whose zip holds word/document.xml twice (or again in other case: OPC names
    ignore case) was checked by its last copy — "未发现问题" — while the first, which other
    programs show, held the error; --annotate copied both. Two different texts under one
    name: LNT901 (the same bytes twice are read, tests/test_hostile_probe2.py)."""
    (tmp_path / "a.docx").write_bytes(_docx_with_a_second_document(first_name))
    result = run_cli("check", "--no-cache", "--output-format", "concise", "a.docx", cwd=tmp_path)
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1 and "LNT901" in out and "同名而内容不同的部件" in out, out
    result = run_cli("check", "--no-cache", "--annotate", "a.docx", cwd=tmp_path)
    assert not (tmp_path / "a.gongwen.docx").exists(), result.stderr.decode("utf-8")


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_run_told_to_terminate_ends_as_ctrl_c_ends_it(tmp_path, signame):
    """``kill`` (SIGTERM: a CI timeout, a service stopping) or a closed terminal (SIGHUP) in a
    --jobs run killed the main process on the spot: the report's temporary stayed beside it,
    and the workers, blocked for ever writing to a pipe nobody read, kept the caller's
    output open — a harness waiting for it hung (here: no end within 60 s). It now ends as
    Ctrl-C does: workers stopped, the temporary gone, exit 128 + the signal's number."""
    import contextlib
    import signal
    import subprocess
    import time

    tree = tmp_path / "tree"
    tree.mkdir()
    page = "".join(f"第{i}条：今年完成任务,进展顺利,成效明显。\n" for i in range(200))
    for i in range(600):
        (tree / f"{i:04d}.txt").write_text(page, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    run = subprocess.Popen([sys.executable, "-m", "gongwen", "check", "--no-cache", "--jobs", "2",
                            "--output-format", "json", "-o", "report.json", "tree"], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                           preexec_fn=default_signals)
    try:
        for _ in range(600):  # the report's temporary is made before any file is read
            if any(p.name.endswith(".gongwen-tmp") for p in tmp_path.iterdir()):
                break
            time.sleep(0.05)
        time.sleep(0.5)
        run.send_signal(getattr(signal, signame))
        try:
            _, err = run.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the run's output was still held open 60 s after it was told to end")
    finally:  # whatever is left of the run (workers are still in its process group)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 128 + getattr(signal, signame), err.decode("utf-8", "replace")
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".gongwen-tmp")]


def test_workers_do_not_outlive_a_killed_run(tmp_path):
    """SIGKILL (``timeout -s KILL``, the out-of-memory killer) on a --jobs run's main process:
    its workers slept for ever on a result pipe, holding the caller's output open."""
    import contextlib
    import signal
    import subprocess

    tree = tmp_path / "tree"
    tree.mkdir()
    page = "".join(f"第{i}条：今年完成任务,进展顺利,成效明显。\n" for i in range(200))
    for i in range(600):
        (tree / f"{i:04d}.txt").write_text(page, encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-m", "gongwen", "check", "--no-cache", "--jobs", "2",
                            "--output-format", "json", "tree"], cwd=tmp_path, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, start_new_session=True)
    try:
        first = run.stdout.read(1)  # the report has begun: the workers are at work
        run.send_signal(signal.SIGKILL)
        try:
            run.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the killed run's workers still held its output 60 s later")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    assert first == b"[" and run.returncode == -signal.SIGKILL


def test_a_cache_folder_named_with_a_nul_is_named_as_a_bad_value(tmp_path):
    """``cache-dir = "a\\u0000b"`` (TOML writes any character) ended the run as
    "内部错误：ValueError('embedded null byte')"; now the key, the expected type and the
    value, escaped."""
    (tmp_path / "f.txt").write_text(COMMA, encoding="utf-8")
    (tmp_path / "gongwen.toml").write_text('cache-dir = "a\\u0000b"\n', encoding="utf-8")
    result = run_cli("check", "f.txt", cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "内部错误" not in err, err
    assert 'cache-dir 应为路径（不含 NUL 字符），实为字符串 "a\\x00b"' in err, err


def _hypothesis_strategies():
    from hypothesis import strategies as st

    url = st.text(max_size=30).map(lambda t: ("http://x.gov.cn/" + t).encode("utf-8", "surrogatepass"))
    body = st.one_of(st.just(f"<p>{COMMA}</p>".encode()), st.binary(max_size=60),
                     st.text(max_size=40).map(lambda t: f"<p>{t}</p>".encode("utf-8", "surrogatepass")))
    records = st.lists(st.tuples(url, body), min_size=1, max_size=4)
    edits = st.lists(st.tuples(st.integers(0, 10_000), st.binary(min_size=1, max_size=6)), max_size=3)
    return records, edits, st.booleans()


def test_the_web_archive_reader_on_generated_and_damaged_archives(tmp_path):
    """The WARC reader was in neither the hypothesis profiles nor the atheris target (issue
    18 item 6). Records with any URL and body, then a few bytes overwritten or the archive
    cut: every item is a document or an LNT901, never an exception (the suite is strict),
    and every name is as the reports print it (no control character reaches a terminal)."""
    from hypothesis import given

    from gongwen.document import Document
    from gongwen.formats.warc import SkippedRecords, pages
    from gongwen.sources import InputOptions, InputProblem, printable_name

    records, edits, cut = _hypothesis_strategies()

    @given(records, edits, cut)
    def check(made, changes, cut_short):
        data = bytearray(b"".join(_warc_record(u, b) for u, b in made))
        for at, new in changes:
            at %= len(data)
            data[at:at + len(new)] = new
        if cut_short:
            del data[len(data) * 2 // 3:]
        path = tmp_path / "a.warc"
        path.write_bytes(bytes(data))
        for item in pages(path, InputOptions(), SkippedRecords()):
            assert isinstance(item, (Document, InputProblem)), item
            assert printable_name(item.path) == item.path, item.path

    check()
