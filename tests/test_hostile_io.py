"""Hostile and clumsy command lines (issue 18): an output over an input, --fix on a standard
input it cannot round-trip, a run that checks nothing. Each case first reproduces what the
probe found (an emptied input, raw HTML rewritten, exit 0 on nothing) and then the rule."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from support import run_cli

import gongwen
from gongwen import sources

BAD = "2024年,全区共办理行政复议案件57件。\n"
GOOD = "2024年，全区共办理行政复议案件57件。\n"


def _run_with_stdin_file(stdin_path, *args, cwd):
    """The CLI with standard input redirected from a file (``< r.txt``), not a pipe."""
    with open(stdin_path, "rb") as handle:
        return subprocess.run([sys.executable, "-m", "gongwen", *args], stdin=handle, cwd=cwd,
                              capture_output=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})


# -- 1. an output path is never one of the inputs -----------------------------------------

@pytest.mark.parametrize("option", [["--output-format", "json", "-o"], ["--write-baseline"]])
def test_output_over_the_input_is_refused_before_it_is_opened(tmp_path, option):
    f = tmp_path / "r.txt"
    f.write_text(BAD, encoding="utf-8")
    result = run_cli("check", *option, "r.txt", "r.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert f.read_text(encoding="utf-8") == BAD  # was emptied, then the run passed with 0
    assert "r.txt" in result.stderr.decode() and "输入" in result.stderr.decode()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_output_that_reaches_an_input_through_a_link_is_refused(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(BAD, encoding="utf-8")
    os.symlink("r.txt", tmp_path / "soft.txt")
    os.link(f, tmp_path / "hard.txt")
    for output in ("soft.txt", "hard.txt", "./sub/../r.txt"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        assert run_cli("check", "-o", output, "r.txt", cwd=tmp_path).returncode == 2, output
    assert f.read_text(encoding="utf-8") == BAD


def test_output_over_standard_input_or_its_filename_is_refused(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(BAD, encoding="utf-8")
    redirected = _run_with_stdin_file(f, "check", "-o", "r.txt", "-", cwd=tmp_path)
    assert redirected.returncode == 2 and "标准输入" in redirected.stderr.decode()
    named = run_cli("check", "-o", "r.txt", "--stdin-filename", "r.txt", "-", input=BAD.encode(), cwd=tmp_path)
    assert named.returncode == 2
    assert f.read_text(encoding="utf-8") == BAD
    # Another file is fine: the report is written.
    ok = _run_with_stdin_file(f, "check", "--output-format", "json", "-o", "out.json", "-", cwd=tmp_path)
    assert ok.returncode == 1 and json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


def test_output_over_the_configuration_or_the_baseline_is_refused(tmp_path):
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    config = tmp_path / "gongwen.toml"
    config.write_text('fail-on = "error"\n', encoding="utf-8")
    assert run_cli("check", "-o", "gongwen.toml", "r.txt", cwd=tmp_path).returncode == 2
    assert config.read_text(encoding="utf-8") == 'fail-on = "error"\n'
    assert run_cli("check", "--write-baseline", "b.json", "r.txt", cwd=tmp_path).returncode == 0
    before = (tmp_path / "b.json").read_bytes()
    assert run_cli("check", "--baseline", "b.json", "-o", "b.json", "r.txt", cwd=tmp_path).returncode == 2
    assert (tmp_path / "b.json").read_bytes() == before
    # Refreshing a baseline in place reads it first and writes it last: allowed.
    assert run_cli("check", "--baseline", "b.json", "--write-baseline", "b.json", "r.txt",
                   cwd=tmp_path).returncode == 0


def test_a_baseline_inside_the_checked_folder_can_be_refreshed_under_any_name(tmp_path):
    (tmp_path / "page.txt").write_text(BAD, encoding="utf-8")
    for _ in range(2):  # the second run meets the first run's baseline in the folder it checks
        result = run_cli("check", "--write-baseline", "baseline.txt", ".", cwd=tmp_path)
        assert result.returncode == 0, result.stderr.decode()
    later = run_cli("check", "--output-format", "json", ".", cwd=tmp_path)
    assert {d["path"] for d in json.loads(later.stdout)} == {"page.txt"}


def test_an_existing_input_inside_a_checked_folder_is_not_an_output(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "-o", "site/page.txt", "site", cwd=tmp_path)
    assert result.returncode == 2 and (site / "page.txt").read_text(encoding="utf-8") == BAD


@pytest.mark.parametrize(("fmt", "name"), [("full", "report.txt"), ("concise", "report.txt"),
                                           ("github", "gh.txt"), ("html", "report.html"),
                                           ("html", "report.txt"), ("json", "report.txt"),
                                           ("json --statistics", "stats.md"), ("sarif", "report.md"),
                                           ("junit", "report.txt"), ("full --statistics", "stats.txt")])
def test_a_report_inside_the_checked_folder_is_never_linted_then_or_later(tmp_path, fmt, name):
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.txt").write_text(BAD, encoding="utf-8")
    for _ in range(2):  # the second run overwrites its own earlier report: not an input
        first = run_cli("check", "--output-format", *fmt.split(), "-o", f"site/{name}", "site", cwd=tmp_path)
        assert first.returncode == 1 and (site / name).stat().st_size > 0, first.stderr.decode()
    # The next run, without -o, recognises the report by its marker and says it skipped it.
    later = run_cli("check", "--output-format", "json", "site", cwd=tmp_path)
    assert {d["path"] for d in json.loads(later.stdout)} == {"site/page.txt"}
    assert f"site/{name}" in later.stderr.decode() and "跳过" in later.stderr.decode()
    # A file that merely mentions gongwen is no report: only the marker counts.
    (site / "notes.txt").write_text("gongwen 报告,说明。\n", encoding="utf-8")
    paths = {d["path"] for d in json.loads(run_cli("check", "--output-format", "json", "site", cwd=tmp_path).stdout)}
    assert "site/notes.txt" in paths


def test_an_empty_json_report_is_recognised_too(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "page.txt").write_text(GOOD, encoding="utf-8")
    assert run_cli("check", "--output-format", "json", "-o", "site/r.txt", "site", cwd=tmp_path).returncode == 0
    assert (site / "r.txt").read_text(encoding="utf-8").strip() == "[]"
    later = run_cli("check", "--output-format", "json", "site", cwd=tmp_path)
    assert json.loads(later.stdout) == [] and "site/r.txt" in later.stderr.decode()


@pytest.mark.parametrize("text", [
    '[{"name": "x", "code": "A1"}]',  # another tool's keys in another order
    '["path", "code", "name"]',
    '[{"path": "a.txt", "text": "报告,说明"}]',
    '[]\n还有正文。',
    '我们的 [{"path": "a", "code": "PUN001", "name": "x"}] 示例',  # a report quoted in prose
])
def test_json_that_is_not_a_gongwen_report_is_still_linted(tmp_path, text):
    (tmp_path / "data.txt").write_text(text, encoding="utf-8")
    assert sources._is_generated(tmp_path / "data.txt") is False
    later = run_cli("check", "--output-format", "json", ".", cwd=tmp_path)  # walked, not named
    assert "跳过" not in later.stderr.decode(), later.stderr.decode()


# -- 3. --fix on standard input only for formats it can write back ------------------------

@pytest.mark.parametrize("name", ["p.html", "p.htm", "p.docx", "p.pdf"])
@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_stdin_fix_is_refused_for_formats_it_cannot_write_back(name, mode):
    page = b"<html><head><title>t</title></head><body><p>2024\xe5\xb9\xb4,\xe5\x85\xa8\xe5\x8c\xba</p></body></html>"
    result = run_cli("check", mode, "--stdin-filename", name, "-", input=page)
    assert result.returncode == 2 and result.stdout == b""  # was: "，t，l，head…"
    assert "纯文本和 Markdown" in result.stderr.decode()


def test_stdin_fix_of_markdown_leaves_code_alone():
    text = "```\n2024年,代码\n```\n\n" + BAD
    result = run_cli("check", "--fix", "--stdin-filename", "r.md", "-", input=text.encode())
    assert result.returncode == 0 and result.stdout.decode() == "```\n2024年,代码\n```\n\n" + GOOD


def test_stdin_fix_prints_in_the_input_encoding_and_passes_unreadable_input_through():
    result = run_cli("check", "--fix", "--encoding", "gb18030", "-", input=BAD.encode("gb18030"))
    assert result.stdout == GOOD.encode("gb18030")
    binary = b"\x00\x01\x02 not text \xff"
    result = run_cli("check", "--fix", "-", input=binary)
    assert result.stdout == binary  # a filter that cannot read its input loses none of it


def test_fix_text_goes_through_the_format_reader():
    md = "```\n2024年,代码\n```\n\n" + BAD
    assert gongwen.fix_text(md, fmt="markdown")[0] == "```\n2024年,代码\n```\n\n" + GOOD
    assert gongwen.fix_text(md)[0] == "```\n2024年，代码\n```\n\n" + GOOD  # plain text: no code
    with pytest.raises(ValueError, match="纯文本和 Markdown"):
        gongwen.fix_text("<script>a,b</script><p>" + BAD + "</p>", fmt="html")
    with pytest.raises(ValueError):
        gongwen.fix_text(BAD, fmt="docx")


# -- 6. runs that check nothing, empty selections, unknown encodings ----------------------

def test_a_run_that_checks_nothing_says_so_and_fails(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.rst").write_text(BAD, encoding="utf-8")  # not a checked suffix
    result = run_cli("check", "empty", cwd=tmp_path)
    assert result.returncode == 2 and "没有检查任何文件" in result.stderr.decode()
    assert run_cli("check", "--allow-empty", "empty", cwd=tmp_path).returncode == 0
    (tmp_path / "gongwen.toml").write_text("allow-empty = true\n", encoding="utf-8")
    assert run_cli("check", "empty", cwd=tmp_path).returncode == 0
    (tmp_path / "gongwen.toml").write_text('allow-empty = "yes"\n', encoding="utf-8")
    assert run_cli("check", "empty", cwd=tmp_path).returncode == 2


def test_an_empty_file_still_counts_as_checked(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    assert run_cli("check", "--ignore", "LNT902", "e.txt", cwd=tmp_path).returncode == 0


def test_empty_select_is_a_usage_error(tmp_path):
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--select=", "r.txt", cwd=tmp_path)
    assert result.returncode == 2 and "--select" in result.stderr.decode()
    assert run_cli("check", "--select", " , ", "r.txt", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize("name", ["rot13", "base64", "undefined", "no-such-codec"])
def test_unknown_encoding_is_one_usage_error_not_one_per_file(tmp_path, name):
    for n in range(3):
        (tmp_path / f"r{n}.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--output-format", "json", "--encoding", name, ".", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().count(name) == 1



def test_precommit_hooks_pass_a_commit_whose_files_are_all_excluded(tmp_path):
    import shlex

    import yaml
    from support import ROOT

    (tmp_path / "gongwen.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text(BAD, encoding="utf-8")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        args = shlex.split(hook["entry"])[1:]  # after "gongwen"
        result = run_cli(*args, "drafts/d.txt", cwd=tmp_path)
        assert result.returncode == 0, (hook["id"], result.stderr.decode())
    assert (tmp_path / "drafts" / "d.txt").read_text(encoding="utf-8") == BAD
