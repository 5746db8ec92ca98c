"""Cases of the tenth hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test):

Found and fixed (most serious first):
- a rule pack whose fix has an edit that is no span of the text (end before start, end past
  the text, negative, a float, content that is not text) → --fix wrote it: [4, 1) wrote the
  text between twice, ten passes, the file grew each run; [1, 55) on a 6-character file
  deleted everything after the finding. The engine checks a finding's span, not its fix's
  → MalformedFix: the file is not written, LNT907 names the rule and the edit (since probe
  10b the engine refuses such a finding first: the rule's LNT903 names it)
  (test_a_fix_whose_edit_is_no_span_of_the_text…, test_the_language_server_offers_no_action…)
- a rule pack that calls sys.exit(0) — in a rule's check, its __init__, at import or in its
  load() — ended the run with exit 0: a gate passed having checked nothing ("检查未完成" said
  on stderr, or nothing at all); sys.exit(3) ended it with 3 and every other file's findings
  lost → in a check it is that rule's LNT903 on that file (as any exception), the other rules
  and files checked, with --jobs too; elsewhere exit 2 naming the pack or saying a pack's code
  exited (test_sys_exit_in_a_rule…, test_sys_exit_in_a_pack…)
- a pack whose load() returns codes or rule instances instead of classes → "内部错误：
  AttributeError" / "TypeError" → names the pack and what it returned (test_a_pack_that_…)
- `--diff` over a tree holding a file it cannot read (not UTF-8, binary) or whose fix raises
  (LNT907) → left out of the diff without a word; a --diff of only such files exited 0, "没有
  可应用的修复", as if the file were clean. `--fix -` of such input passed it through with
  exit 1 and no reason → both print each LNT9xx error on stderr (concise) and --diff exits 1
  (test_diff_says_which_files_it_could_not_read…, test_a_fix_of_standard_input_says_why…)
- a `.gitignore` in a git work tree that is a FIFO → the walk blocked for ever; a symbolic
  link to /dev/zero (git stores links: a cloned tree can hold one) → MemoryError under a
  2 GB limit, "内部错误" → read as git (2.32+) reads it: a regular file, opened without
  following a link or waiting, at most 4 MB (a cut last line dropped); a link to a real
  .gitignore is not read either, as git warns and reads none (test_a_gitignore_that_is…)
- a tree nested under long folder names past PATH_MAX (300 levels of 20 characters) → the walk's
  lstat raised ENAMETOOLONG: "错误：… File name too long", exit 2, every other file's findings
  lost and --fix fixed nothing after it → LNT901 "路径过长" on the deepest folder it can name,
  the run goes on (test_a_tree_nested_past_the_path_limit…)
- `-o report.json` with `--diff`, `--write-baseline` or `--fix -` (standard input) → none of
  them renders a report: the file was left as the previous run wrote it, exit 0/1, not a
  word; a gate reading it read the last run's findings (or its "[]") → refused, exit 2,
  before anything is read or written (test_an_output_file_a_run_would_not_write…)
- the cache keyed a third-party rule by its own module's bytes only: a pack's helper module or
  word list edited (`mypack/words.py`, `mypack/words.txt`) → the next run read the old findings
  back, "未发现问题" for a file the edited pack reports → every file of the pack's top-level
  package is keyed, as gongwen's own are (test_a_rule_packs_helper_module_and_word_list…)
- `--cache-dir .` (or `cache-dir = "docs"`), the clumsy user's → the cache wrote its `.gitignore`
  of `*` into the project: git status showed nothing any more (every new file ignored), and
  every later run checked 0 files — exit 2, or a pass with --allow-empty, as the pre-commit
  hook runs → a folder holding other files and no CACHEDIR.TAG is not made a cache (off,
  silently, as an unwritable one); a new, empty or tagged one is (test_a_cache_folder_that_…)
- an unrelated installed distribution with a broken entry_points.txt (a line with no "=", not
  UTF-8) → "内部错误：TypeError(\"Pair.__new__() missing…\")" / "错误：utf-8" (importlib.metadata's
  own failure, naming nothing); one that is a FIFO → every run hung → exit 2 naming the file:
  rule packs cannot be known while the metadata cannot be read (importlib.metadata fails on it
  too); a FIFO is not read (test_a_broken_entry_points_file…)
- `--fix --stdin-filename site.warc - < site.warc > fixed.warc` → the archive was read as plain
  text and its page's comma fixed in place: a longer character under an unchanged
  Content-Length, the next record lost ("记录之后不是空行"); a check linted its WARC and HTTP
  headers as text → an archive name on standard input is refused, exit 2 (an archive is read
  from a path) (test_standard_input_named_as_a_web_archive…)
- `-o /dev/stdout` (or /proc/self/fd/1) when standard output is a pipe, as in CI's `| tee` →
  "无法写入 /dev/stdout：No such file or directory（ENOENT）", exit 2: realpath cannot follow
  /proc's "pipe:[…]" link, so the report was staged as a new file in /proc/self/fd → a name
  that reaches something other than a regular file is written as it goes, through its own
  name (linter/output_guard.py, not this probe's file: a three-line edit)
  (test_a_report_to_dev_stdout_on_a_pipe…)
- a `gongwen.toml` planted by another user in a folder anyone may write to (/tmp) above the
  working folder, `[severity] PUN001 = "info"` → discovery took it: the run below passed,
  exit 0, nothing said → skipped, with a note naming it and its owner; --config still reads
  it; one the user (or root) owns is read as before (test_a_configuration_planted…)
- a `.gitignore` line holding U+2028, U+0085, FF, VT or \x1c–\x1e (`d\u2028e.txt`, which git
  reads as one pattern naming no file) → str.splitlines broke it in two, and the stray `e.txt`
  hid e.txt from the check, exit 0 → lines end at \n alone, a CR before it dropped, as git
  reads them; what git ignores here is what the walk skips (test_gitignore_lines_end_where…)
- a `gongwen.toml` holding top-level keys and a `[tool.gongwen]` table → only the table was
  read: a top-level `ignore`, `select` or `fail-on` dropped without a word → exit 2 naming
  the keys (test_a_gongwen_toml_with_keys_at_both_levels…)
- `--fix` on a file with extended attributes (user.* notes; a POSIX ACL is one too:
  system.posix_acl_access, who may read it) → the atomic replace made a new inode with none:
  all dropped → copied onto the replacement before the swap; one that cannot be set (and is
  not already the same) refuses the write (linter/safe_write.py, shared: one call and one
  function) (test_fix_keeps_the_files_extended_attributes)
- a document that mentions the report marker in its first KB (a page about the gate:
  "报告首行写有 gongwen:generated-report", or a heading `# gongwen:generated-report`) → skipped
  as a report gongwen wrote, its findings never checked ("检查了 0 个文件" or a pass beside
  other files) → a report is known by the marker in the form each one carries it (a text
  report's whole first line, JUnit's comment, HTML's generator meta, SARIF's property); the
  text line is one constant for the writer (run.py, shared: one line) and the walk
  (test_a_document_that_mentions_the_report_marker…)
- `cache-dir = "cache"` (a name without a dot) in the checked tree with `include = ["*"]` →
  from the second run on, gongwen's own cache entries were checked as undecodable files: two
  more LNT901 errors every run, a gate that never passes → a folder below the walked one
  tagged by a CACHEDIR.TAG (the cache-directory standard: ours, or another tool's) is skipped
  with a note (test_a_folder_tagged_as_a_cache…)

Found, not fixed (owned elsewhere or minor):
- Markdown: a directive in an inline code span (`` `<!-- gongwen-disable ALL -->` ``, a page
  about the gate) is read as a comment and turns every rule off to the end of the file, exit
  0; CommonMark makes it code (fenced blocks are already excluded): linter/formats/markdown.py.
- HTML: a directive inside <textarea> or <title> (RCDATA: text to a browser) is honoured.
- a pack's Label outside the text (negative, past the end) or a fix edit outside it in a check
  is LNT905 "无法以 full/json 格式输出" naming the format, not the rule: the engine checks a
  finding's span only; it should check its labels and edits the same way (linter/engine.py).
- `gongwen rule LNT909` says there is no such rule (run-incomplete has no documented class in
  rules/meta.py, unlike LNT901–LNT910).
- `-o -` writes a file named "-"; `-o reports/` writes a file "reports" (the parsed Path
  drops the slash); neither loses anything.
- os._exit() in a rule under --jobs 1 ends the process with the rule's status; nothing in
  the process can catch it (--jobs 2 reports LNT906).
- a pack's rule that reads its environment or files outside its package: not in the cache
  key (a cached result for a changed environment).

Tried, no fault: pack load() returning None, an int, object, a generator that raises, one
rule twice; violations with float or bool offsets, a non-text message or help, a tuple or
None yielded, infinite recursion, an attempt to change the unit (all LNT903/LNT905, the run
goes on); a pack's rule options with None, object(), dict, NaN, bytes defaults; suppression
codes `lnt`, `LNT903` (faults never hidden), `ＰＵＮ００１`, `PUN001PUN002`, `；PUN001`, `PUN 001`,
`: PUN001`, `GONGWEN-DISABLE` (ignored), fenced code; .gitignore negations (`!keep.txt`,
`!sub/deep/` under an ignored `sub/`) and CRLF lines, as git; a broken .git (a file naming no
gitdir) honours .gitignore as a real one would (no more power to a hostile tree); HTML with a
BOM against <meta charset>, UTF-16 BOM with meta utf-8, meta after 1 MB, meta naming big5,
utf-16, utf-7, x-user-defined, rot13, base64, hex_codec (the bytes decide); --stdin-filename
x.HTM/.xhtml/.Docx (refused for --fix), .MD/.markdown/X.TXT/noext/.json/.csv (text);
`-o ""`, `.`, `/` (one message); a setuid file owned by another user fixed as root (owner
kept, set-uid bit dropped); `[severity] LNT903 = "info"` (the gate still fails); names past
NAME_MAX or PATH_MAX on the command line (exit 2 naming them).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import RULE_DOC, install_rule_pack, rule_class, run_cli

from gongwen import fix
from gongwen.diagnostic import Applicability, Edit, Fix, Violation
from gongwen.document import Document
from gongwen.engine import Linter, Settings


def _fixing_rule(edit):
    """A rule that reports the first 中 and offers one safe fix made of ``edit(i, unit)``."""

    def check(self, unit, ctx):
        i = unit.text.find("中")
        if i >= 0:
            yield Violation(i, i + 1, "m", fixes=(Fix((edit(i, unit),), Applicability.SAFE, "t"),))

    return rule_class("TSB001", "bad-fix", check)


BAD_EDITS = {
    "end before start": lambda i, unit: Edit(i + 3, i, "Z"),
    "end past the text": lambda i, unit: Edit(i, len(unit.text) + 50, "Z"),
    "negative": lambda i, unit: Edit(-3, -1, "Z"),
    "float": lambda i, unit: Edit(i + 0.5, i + 1, "Z"),
    "content not text": lambda i, unit: Edit(i, i + 1, 5),
}


@pytest.mark.parametrize("kind", list(BAD_EDITS))
def test_a_fix_whose_edit_is_no_span_of_the_text_is_refused_and_the_file_kept(tmp_path, kind):
    path = tmp_path / "a.txt"
    original = "甲中乙丙丁\n第二行\n".encode()
    path.write_bytes(original)
    linter = Linter(Settings([_fixing_rule(BAD_EDITS[kind])], raise_on_crash=False))
    # The engine refuses the finding as it refuses a span outside the text (probe 10b): the
    # rule's LNT903 names it, and no fix of it is applied.
    outcome = fix.fix_path(path, linter)
    assert not outcome.written and path.read_bytes() == original
    assert [(d.code, "TSB001" in d.message) for d in outcome.result.remaining] == [("LNT903", True)]
    assert fix.fix_document(Document("a.txt", original.decode()), linter).text == original.decode()


def test_a_good_fix_of_the_same_rule_is_still_applied(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("甲中乙\n", encoding="utf-8")
    linter = Linter(Settings([_fixing_rule(lambda i, unit: Edit(i, i + 1, "Z"))], raise_on_crash=False))
    assert fix.fix_path(path, linter).written
    assert path.read_text(encoding="utf-8") == "甲Z乙\n"


@pytest.mark.parametrize("kind", list(BAD_EDITS))
def test_the_language_server_offers_no_action_for_a_fix_that_is_no_span(kind):
    from lsprotocol import types

    from gongwen import api, server

    text = "甲中乙丙丁\n第二行\n"
    doc = Document("a.txt", text)
    linter = Linter(Settings([_fixing_rule(BAD_EDITS[kind])], raise_on_crash=False))
    linted = server.Linted(doc, api.lint_document(doc, linter), linter)
    everywhere = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=2, character=0))
    assert server.code_actions("file:///a.txt", linted, everywhere, server.Positions(doc, len)) == []


def _install_pack(tmp_path: Path, source: str) -> dict[str, str]:
    """support's misbehaving pack with its module's source replaced by ``source`` (``{doc}``:
    a rule's docstring), crashes reported, not raised."""
    from gongwen import faults

    env = install_rule_pack(tmp_path)
    (tmp_path / "site" / "crashpack.py").write_text(source.replace("{doc}", repr(RULE_DOC)), encoding="utf-8")
    return {**env, faults.STRICT_ENV: "0"}


EXITING_PACK = '''
import os, sys
from gongwen.diagnostic import Severity, Violation
from gongwen.rule import Rule

WHERE = os.environ.get("EXIT_IN")
if WHERE == "import":
    sys.exit(0)

class Exiting(Rule):
    __doc__ = {doc}
    code, name, category, severity = "TSB002", "exiting", "test", Severity.WARNING

    def __init__(self, options=None):
        super().__init__(options)
        if WHERE == "init":
            sys.exit(0)

    def check(self, unit, ctx):
        if WHERE == "check" and "中" in unit.text:
            sys.exit(0)
        return ()

def load():
    if WHERE == "load":
        sys.exit(0)
    return [Exiting]
'''


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sys_exit_in_a_rule_is_that_rules_fault_on_that_file(tmp_path, jobs):
    env = {**_install_pack(tmp_path, EXITING_PACK), "EXIT_IN": "check"}
    (tmp_path / "a.txt").write_text("甲中乙\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("甲,乙\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "--jobs", jobs, "--output-format", "concise",
                     str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), env=env)
    out = result.stdout.decode()
    assert result.returncode == 1, (out, result.stderr.decode())
    assert "LNT903" in out and "TSB002" in out and "b.txt:1:2: PUN001" in out


@pytest.mark.parametrize("where", ["import", "load", "init"])
def test_sys_exit_in_a_pack_outside_a_check_ends_the_run_as_an_error(tmp_path, where):
    env = {**_install_pack(tmp_path, EXITING_PACK), "EXIT_IN": where}
    (tmp_path / "b.txt").write_text("甲,乙\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", str(tmp_path / "b.txt"), env=env)
    err = result.stderr.decode()
    assert result.returncode == 2 and ("sys.exit(0)" in err or "SystemExit(0)" in err), err


@pytest.mark.parametrize("returned", ["['TSB001']", "[object()]"])
def test_a_pack_that_returns_something_else_than_rule_classes_is_named(tmp_path, returned):
    env = _install_pack(tmp_path, f"def load():\n    return {returned}\n")
    (tmp_path / "b.txt").write_text("甲乙\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", str(tmp_path / "b.txt"), env=env)
    err = result.stderr.decode()
    assert result.returncode == 2 and "crashpack 1.0" in err and "内部错误" not in err, err


def test_diff_says_which_files_it_could_not_read_and_does_not_pass(tmp_path):
    (tmp_path / "bad.txt").write_bytes("\xc3( 中文\n".encode("latin-1", "ignore") + "中文\n".encode())
    result = run_cli("check", "--no-cache", "--diff", str(tmp_path / "bad.txt"))
    assert result.returncode == 1 and result.stdout == b""
    assert "bad.txt:1:1: LNT901" in result.stderr.decode()
    (tmp_path / "ok.txt").write_text("甲,乙\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "--diff", str(tmp_path))
    assert result.returncode == 1 and b"+\xe7\x94\xb2\xef\xbc\x8c" in result.stdout  # 甲，
    assert "bad.txt:1:1: LNT901" in result.stderr.decode()


def test_a_fix_of_standard_input_says_why_it_passed_the_text_through():
    result = run_cli("check", "--no-cache", "--fix", "-", input=b"\xc3( \xe4\xb8\xad\n")
    assert result.returncode == 1 and result.stdout == b"\xc3( \xe4\xb8\xad\n"
    assert "-:1:1: LNT901" in result.stderr.decode()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_a_gitignore_that_is_a_fifo_or_a_link_is_not_read(tmp_path, kind):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("甲,乙\n", encoding="utf-8")
    (tmp_path / "patterns").write_text("b.txt\n", encoding="utf-8")
    if kind == "fifo":
        os.mkfifo(tmp_path / "sub" / ".gitignore")
    else:  # what git reads of it: nothing ("unable to access …: Too many levels of symbolic links")
        (tmp_path / "sub" / ".gitignore").symlink_to("../patterns")
    result = subprocess.run([sys.executable, "-m", "gongwen", "check", "--no-cache", "--output-format",
                             "concise", "."], cwd=tmp_path, capture_output=True, timeout=30)
    assert result.returncode == 1 and b"sub/b.txt:1:2: PUN001" in result.stdout, result.stderr.decode()


def _nest(top: Path, levels: int, name: str) -> None:
    """``levels`` folders of 20-character names below ``top``, made one level at a time
    through descriptors (a path past PATH_MAX cannot be named whole), a file at the bottom."""
    fd = os.open(top, os.O_RDONLY)
    try:
        for i in range(levels):
            os.mkdir(f"d{i:019d}", dir_fd=fd)
            below = os.open(f"d{i:019d}", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = below
        out = os.open(name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, "甲,乙\n".encode())
        os.close(out)
    finally:
        os.close(fd)


def test_a_tree_nested_past_the_path_limit_is_one_finding_and_the_other_files_are_checked(tmp_path):
    _nest(tmp_path, 300, "x.txt")
    (tmp_path / "top.txt").write_text("甲,乙\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gongwen", "check", "--no-cache", "--output-format",
                             "concise", "."], cwd=tmp_path, capture_output=True, timeout=60)
    out = result.stdout.decode()
    assert result.returncode == 1, result.stderr.decode()[-300:]
    assert "top.txt:1:2: PUN001" in out and "LNT901 路径过长" in out


@pytest.mark.parametrize("options", [["--diff"], ["--write-baseline", "bl.json"], ["--fix"]])
def test_an_output_file_a_run_would_not_write_is_refused_not_left_stale(tmp_path, options):
    (tmp_path / "r.json").write_text("[]\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲,乙\n", encoding="utf-8")
    target = "-" if options == ["--fix"] else "a.txt"
    result = run_cli("check", "--no-cache", *options, "--output-format", "json", "-o", "r.json", target,
                     input="甲,乙\n".encode(), cwd=tmp_path)
    assert result.returncode == 2 and "--output-file 不会被写入" in result.stderr.decode()
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "甲,乙\n" and not (tmp_path / "bl.json").exists()
    assert result.stdout == b""


def test_a_rule_packs_helper_module_and_word_list_are_part_of_the_cache_key(tmp_path, monkeypatch):
    from gongwen import cache

    package = tmp_path / "keyedpack"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (package / "sub" / "rules.py").write_text(
        "from gongwen.rule import Rule as Base\n"
        "class Rule(Base):\n    code, name, category = 'TSC001', 'keyed', 'test'\n", encoding="utf-8")
    (package / "words.txt").write_text("甲\n", encoding="utf-8")
    (package / "helper.py").write_text("WORDS = []\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    from keyedpack.sub.rules import Rule

    linter = Linter(Settings([Rule]))
    before = cache.ruleset_key(linter)
    assert cache.ruleset_key(linter) == before
    (package / "words.txt").write_text("乙\n", encoding="utf-8")
    after_words = cache.ruleset_key(linter)
    (package / "helper.py").write_text("WORDS = ['丙']\n", encoding="utf-8")
    assert len({before, after_words, cache.ruleset_key(linter)}) == 3


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_cache_folder_that_holds_the_project_is_not_marked_as_a_cache(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a.txt").write_text("甲,乙\n", encoding="utf-8")
    for cache_dir in (".", "."):  # the second run reads what the first left
        result = run_cli("check", "--cache-dir", cache_dir, "--allow-empty", "--output-format", "concise", ".",
                         cwd=tmp_path)
        assert result.returncode == 1 and b"a.txt:1:2: PUN001" in result.stdout, result.stderr.decode()
    assert not (tmp_path / ".gitignore").exists() and not (tmp_path / "CACHEDIR.TAG").exists()
    new = tmp_path / "new-cache"  # a folder of its own is still made a cache
    assert run_cli("check", "--cache-dir", str(new), ".", cwd=tmp_path).returncode == 1
    assert (new / "CACHEDIR.TAG").is_file() and len([p for p in new.iterdir() if p.is_dir()]) == 1


@pytest.mark.parametrize("kind", ["no equals", "not utf-8", "fifo"])
def test_a_broken_entry_points_file_of_any_distribution_is_named(tmp_path, kind):
    from gongwen import faults

    info = tmp_path / "site" / "junk-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: junk\nVersion: 1.0\n", encoding="utf-8")
    if kind == "fifo":
        os.mkfifo(info / "entry_points.txt")
    else:
        (info / "entry_points.txt").write_bytes(b"[console_scripts]\nno equals sign\n" if kind == "no equals"
                                                 else b"\xff\xfe[console_scripts]\n")
    (tmp_path / "a.txt").write_text("甲乙\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), faults.STRICT_ENV: "0"}
    result = subprocess.run([sys.executable, "-m", "gongwen", "check", "--no-cache", "a.txt"], cwd=tmp_path,
                            env=env, capture_output=True, timeout=30)
    err = result.stderr.decode()
    assert result.returncode == 2 and str(info / "entry_points.txt") in err and "内部错误" not in err, err


@pytest.mark.parametrize("options", [["--fix"], ["--diff"], []])
def test_standard_input_named_as_a_web_archive_is_refused(tmp_path, options):
    from support import write_warc

    page = "<html><body><p>今年,经济平稳增长。</p></body></html>".encode()
    write_warc(tmp_path / "s.warc", [("https://example.gov.cn/1.html", "200 OK", "text/html", page)], gzip=False)
    result = run_cli("check", "--no-cache", *options, "--stdin-filename", "site.WARC", "-",
                     input=(tmp_path / "s.warc").read_bytes())
    assert result.returncode == 2 and result.stdout == b"" and "网页归档" in result.stderr.decode()


@pytest.mark.parametrize("name", ["/dev/stdout", "/proc/self/fd/1"])
def test_a_report_to_dev_stdout_on_a_pipe_is_written_to_the_pipe(tmp_path, name):
    import json

    if not os.path.exists(name):
        pytest.skip(f"no {name} here")
    (tmp_path / "a.txt").write_text("甲,乙\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "--output-format", "json", "-o", name, "a.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode()
    assert [d["code"] for d in json.loads(result.stdout)] == ["PUN001"]


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_configuration_planted_by_another_user_in_a_shared_folder_is_not_used(tmp_path):
    shared = tmp_path / "shared"
    (shared / "work").mkdir(parents=True)
    shared.chmod(0o1777)
    config = shared / "gongwen.toml"
    config.write_text('[severity]\nPUN001 = "info"\n', encoding="utf-8")
    (shared / "work" / "a.txt").write_text("甲,乙\n", encoding="utf-8")
    os.chown(config, 65534, 65534)
    result = run_cli("check", "--no-cache", "a.txt", cwd=shared / "work")
    assert result.returncode == 1 and str(config) in result.stderr.decode()
    assert run_cli("check", "--no-cache", "--config", str(config), "a.txt", cwd=shared / "work").returncode == 0
    os.chown(config, 0, 0)
    assert run_cli("check", "--no-cache", "a.txt", cwd=shared / "work").returncode == 0


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_gitignore_lines_end_where_git_ends_them(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    separators = ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\r", "\r\n", "\n"]
    for i, sep in enumerate(separators):
        sub = tmp_path / f"s{i}"
        sub.mkdir()
        (sub / ".gitignore").write_bytes(f"d{sep}e.txt\n".encode())
        (sub / "e.txt").write_text("甲,乙\n", encoding="utf-8")
    listed = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"], cwd=tmp_path,
                            capture_output=True, check=True).stdout.decode()
    ignored_by_git = {line[3:] for line in listed.splitlines() if line.startswith("!! ")}
    result = subprocess.run([sys.executable, "-m", "gongwen", "check", "--no-cache", "--allow-empty",
                             "--output-format", "concise", "."], cwd=tmp_path, capture_output=True, timeout=60)
    checked = {line.split(":")[0] for line in result.stdout.decode().splitlines()}
    every = {f"s{i}/e.txt" for i in range(len(separators))}
    assert checked == every - ignored_by_git
    assert ignored_by_git >= {f"s{separators.index(sep)}/e.txt" for sep in ("\r\n", "\n")}  # the test can tell


def test_a_gongwen_toml_with_keys_at_both_levels_is_refused_by_name(tmp_path):
    (tmp_path / "gongwen.toml").write_text('fail-on = "info"\n[tool.gongwen]\npreview = false\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲乙\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "gongwen.toml" in err and "fail-on" in err, err


def test_fix_keeps_the_files_extended_attributes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("甲,乙\n", encoding="utf-8")
    try:
        os.setxattr(path, "user.note", b"keep me")
        os.setxattr(path, "user.empty", b"")
    except (OSError, AttributeError) as exc:
        pytest.skip(f"no user extended attributes here: {exc}")
    result = run_cli("check", "--no-cache", "--fix", str(path))
    assert result.returncode == 0, result.stderr.decode()
    assert path.read_text(encoding="utf-8") == "甲，乙\n"
    assert {name: os.getxattr(path, name) for name in os.listxattr(path)} == {"user.note": b"keep me", "user.empty": b""}


def test_a_document_that_mentions_the_report_marker_is_still_checked(tmp_path):
    (tmp_path / "a.md").write_text("# gongwen:generated-report\n\n甲,乙\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("报告首行写有 gongwen:generated-report。甲,乙\n", encoding="utf-8")
    assert run_cli("check", "--no-cache", "-o", str(tmp_path / "r.txt"), str(tmp_path / "b.txt")).returncode == 1
    result = run_cli("check", "--no-cache", "--output-format", "concise", str(tmp_path))
    out = result.stdout.decode()
    assert result.returncode == 1 and "a.md:3:2: PUN001" in out and "b.txt:1:" in out and "r.txt" not in out


def test_a_folder_tagged_as_a_cache_is_not_walked(tmp_path):
    (tmp_path / "gongwen.toml").write_text('cache-dir = "cache"\ninclude = ["*.txt", "*.pickle", "*.tmp"]\n',
                                          encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲，乙\n", encoding="utf-8")
    for _ in range(2):  # the first run fills the cache, the second walks past it
        result = run_cli("check", "--output-format", "concise", ".", cwd=tmp_path)
        assert result.returncode == 0 and result.stdout == b"", result.stdout.decode()[:300]
    assert (tmp_path / "cache" / "CACHEDIR.TAG").is_file() and "缓存目录" in result.stderr.decode()
    other = tmp_path / "other-tool-cache"  # any tool's tag, not only ours
    other.mkdir()
    (other / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")
    (other / "b.txt").write_text("甲,乙\n", encoding="utf-8")
    assert run_cli("check", "--no-cache", ".", cwd=tmp_path).returncode == 0
    assert run_cli("check", "--no-cache", str(other), cwd=tmp_path).returncode == 1  # named, it is checked
