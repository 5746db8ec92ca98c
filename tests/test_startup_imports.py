"""What a short run imports: start-up is paid on every pre-commit hook and editor save.

Checking a small file must not import the command-line framework (typer and its click), the
terminal renderer when the format is not ``full``, or the heavy libraries only some rules need
on some texts (jieba's dictionary, cn2an's patterns). This guards the structure, not a time.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# rich.console is the terminal renderer (rich.cells alone, for display widths, is small).
HEAVY = {"typer", "click", "rich.console", "jieba", "cn2an"}
PROBE = """
import atexit, json, runpy, sys
record = sys.argv[1]
atexit.register(lambda: open(record, "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["gongwen", *sys.argv[2:]]
runpy.run_module("gongwen", run_name="__main__")
"""


def _heavy(modules) -> set[str]:
    return {name for name in modules if name in HEAVY or name.split(".")[0] in HEAVY}


def _imported(tmp_path, *args: str, stdout=subprocess.PIPE) -> set[str]:
    """The modules a ``gongwen`` process imported by the time it exited."""
    record = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", PROBE, str(record), *args], cwd=tmp_path, stdout=stdout,
                   stderr=subprocess.PIPE, timeout=120, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    return set(json.loads(record.read_text()))


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text("关于2024年工作的报告\n\n2024年,全市完成投资12.5亿元，同比增长8%。第次会议审议通过……\n",
                    encoding="utf-8")
    return path


def test_importing_the_command_line_module_imports_no_framework():
    out = subprocess.run([sys.executable, "-c", "import sys, gongwen.cli; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, timeout=60, check=True).stdout.split()
    assert not _heavy(out)


@pytest.mark.parametrize("fmt", ["concise", "json", "github", "sarif"])
def test_checking_a_small_file_imports_nothing_heavy(tmp_path, small, fmt):
    found = _imported(tmp_path, "check", "--no-cache", "--output-format", fmt, str(small))
    assert "gongwen.engine" in found and not _heavy(found)


def test_the_full_format_to_a_pipe_imports_no_terminal_renderer(tmp_path, small):
    # rich prints plain text to a pipe: gongwen.output.console writes the same without it.
    found = _imported(tmp_path, "check", "--no-cache", str(small))
    assert "gongwen.output.full" in found and not _heavy(found)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_the_full_format_to_a_terminal_imports_only_the_renderer(tmp_path, small):
    main, terminal = os.openpty()
    try:
        found = _imported(tmp_path, "check", "--no-cache", str(small), stdout=terminal)
    finally:
        os.close(main)
        os.close(terminal)
    assert _heavy(found) == {"rich.console"}


# Needed only for what a plain-text check with --no-cache never does: rules' documentation
# (measured precision), data files inside a zip (importlib.resources, which brings zipfile),
# writing a file (tempfile, which brings shutil, bz2 and lzma), a crash's --verbose traceback.
NOT_FOR_A_PLAIN_CHECK = {"gongwen.rules._precision", "importlib.resources", "tempfile", "traceback"}


@pytest.mark.parametrize("fmt", ["full", "json"])
def test_checking_a_text_file_imports_no_documentation_zip_reader_or_file_writer(tmp_path, small, fmt):
    found = _imported(tmp_path, "check", "--no-cache", "--output-format", fmt, str(small))
    assert "gongwen.analysis.lexicon" in found and not found & NOT_FOR_A_PLAIN_CHECK


def test_the_probe_sees_the_documentation_where_it_is_needed(tmp_path):
    assert "gongwen.rules._precision" in _imported(tmp_path, "rule", "DAT001")


def test_the_probe_sees_typer_where_typer_is_needed(tmp_path):
    # --help is typer's: if the probe could not see an import, the tests above would pass vacuously.
    assert "typer" in _imported(tmp_path, "check", "--help")


def test_segmenting_imports_no_file_writer(tmp_path):
    # 要要 is a doubled character: TYP001 segments its clause, which imports jieba; jieba imports
    # tempfile at its top for its own dictionary cache, which the segmenter never writes (jieba's
    # logging brings traceback: not checked here).
    path = tmp_path / "doubled.txt"
    path.write_text("关于加强管理的通知\n\n我们要要加强管理，做好各项工作。\n", encoding="utf-8")
    found = _imported(tmp_path, "check", "--no-cache", "--output-format", "json", str(path))
    assert "jieba" in found and "tempfile" not in found


# Needed only for HTML (the page-chrome table, parsed by tomllib at the module's import) and for
# a TOML configuration: a plain-text check in a folder without one imports neither (~9 M
# instructions of a small file's start-up, round 26).
ONLY_FOR_HTML_OR_TOML = {"gongwen.formats.html_content", "tomllib"}
# Needed only to fix or show a diff: a check counts fixable findings without it (round 26).
ONLY_FOR_FIXING = {"gongwen.fix", "gongwen.safe_write"}


@pytest.mark.parametrize("fmt", ["full", "json"])
def test_checking_a_text_file_without_configuration_imports_no_html_reader_or_toml(tmp_path, small, fmt):
    found = _imported(tmp_path, "check", "--no-cache", "--output-format", fmt, str(small))
    assert "gongwen.engine" in found and not found & ONLY_FOR_HTML_OR_TOML


@pytest.mark.parametrize("fmt", ["full", "json"])
def test_checking_imports_nothing_only_fixing_needs(tmp_path, small, fmt):
    found = _imported(tmp_path, "check", "--no-cache", "--output-format", fmt, str(small))
    assert "gongwen.engine" in found and not found & ONLY_FOR_FIXING


def test_the_probe_sees_the_fixer_where_it_is_needed(tmp_path, small):
    assert ONLY_FOR_FIXING <= _imported(tmp_path, "check", "--no-cache", "--diff", str(small))


def test_the_probe_sees_the_html_reader_where_it_is_needed(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><div id='zoom'><p>关于2024年工作的报告</p></div></body></html>", encoding="utf-8")
    assert ONLY_FOR_HTML_OR_TOML <= _imported(tmp_path, "check", "--no-cache", "--content-selector", "#zoom",
                                              str(page))
