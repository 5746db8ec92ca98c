"""What the command line says about itself: Chinese throughout, laid out by display width,
and the same words in ``--help`` and the README."""
from __future__ import annotations

import os
import re

import pytest
import typer
from support import ROOT, run_cli

from gongwen import api, cli, ruledoc
from gongwen.output.width import cells, wrap

# click's own English, which must not reach a user.
CLICK_ENGLISH = ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message", "Error:",
                 "Invalid value", "No such", "Missing", "Try '", "default:", "is not one of",
                 "requires an argument", "unexpected extra")


def _help(*args: str, columns: int) -> str:
    env = {**os.environ, "COLUMNS": str(columns)}
    result = run_cli(*args, "--help", env=env)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


@pytest.mark.parametrize("columns", [60, 80, 200])
@pytest.mark.parametrize("command", [(), ("check",), ("rule",)])
def test_help_fits_the_terminal_in_display_cells(command, columns):
    text = _help(*command, columns=columns)
    widest = max(cells(line) for line in text.splitlines())
    assert widest <= columns, f"{widest} cells at {columns} columns"
    assert not any(word in text for word in CLICK_ENGLISH)


def test_help_uses_a_wide_terminal_and_keeps_words_whole():
    narrow, wide = _help("check", columns=80), _help("check", columns=200)
    # At 200 columns the --encoding line is not wrapped; at 80 it is, between CJK characters.
    encoding = next(line for line in wide.splitlines() if "--encoding" in line)
    assert encoding.rstrip().endswith("GB18030/GBK/Big5）")
    assert len(narrow.splitlines()) > len(wide.splitlines())
    for token in (".pdf", ".docx", "GB18030/GBK/Big5）", "'div.article'", "--output-format"):
        assert token in narrow, token


def test_wrap_measures_cells_and_breaks_only_where_it_may():
    text = "从标准输入读取时的文件名（其后缀决定格式：.md、.html、.docx、.pdf），例如 'div.article' 或 gb18030。"
    for width in (8, 12, 20, 33, 50):
        lines = wrap(text, width)
        assert all(cells(line) <= width for line in lines), (width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line.startswith(("，", "。", "、", "）", "：")) for line in lines[1:])
        assert not any(line.endswith("（") for line in lines)
        if width >= 13:  # every ASCII word fits on a line, so none is cut
            joined = "\n".join(lines)
            for word in (".html", ".docx", ".pdf", "'div.article'", "gb18030"):
                assert word in joined, (width, lines)


def test_wrap_joins_source_lines_as_one_paragraph():
    assert wrap("第一行写到这里\n接着写，English\nwords stay apart", 80) == ["第一行写到这里接着写，English words stay apart"]


def test_wrap_cuts_a_word_longer_than_the_line():
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap("", 10) == [""]


@pytest.mark.parametrize(("args", "expected"), [
    (("check", "--fail-on", "critical", "x"), "'critical' 不是可选的值（可选：'error', 'warning', 'info'）"),
    (("check", "--sel", "DAT", "x"), "没有选项 --sel（是否想用："),
    (("check", "--jobs", "-3", "x"), "-3 超出范围 ≥0"),
    (("check", "--ambiguous-width", "x", "y"), "'x' 不是整数"),
    (("check", "--output-format"), "选项 '--output-format' 需要一个值"),
    (("chek",), "没有命令 'chek'，是否想用 'check'？"),
    (("rule",), "缺少参数 'CODE|NAME'"),
])
def test_usage_errors_are_in_chinese(args, expected):
    result = run_cli(*args)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert expected in err
    assert "gongwen: 错误：" in err
    assert not any(word in err for word in CLICK_ENGLISH), err


@pytest.mark.parametrize(("config", "expected"), [
    ('fail-on = "critical"\n', '配置项 fail-on 应为 "error"、"warning" 或 "info" 之一，实为字符串 "critical"'),
    ('select = "DAT"\n', '配置项 select 应为字符串数组'),
    ('respect-gitignore = "yes"\n', "应为布尔值（true 或 false）"),
    ('[severity]\nDAT999 = "error"\n', "配置项 severity.DAT999：没有规则 DAT999"),
    ('[rules.DAT001]\nfoo = 1\n', "未知的配置项 rules.DAT001.foo（可用：无）"),
])
def test_configuration_errors_are_in_chinese(tmp_path, config, expected):
    (tmp_path / "gongwen.toml").write_text(config, encoding="utf-8")
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert expected in err
    assert not re.search(r"\b(must|unknown|has no)\b", err), err


def test_rule_documentation_reads_in_chinese():
    out = run_cli("rule", "TRM006").stdout.decode()
    from gongwen.registry import SECTIONS  # the sections every rule has

    for heading in (ruledoc.SECTION_TITLES[section] for section in SECTIONS):
        assert heading.lstrip("# ").rstrip("：") in out
    for english in ("What it does", "Why is this bad", "Use instead", "recalled"):
        assert english not in out
    for rule in api.registry():
        assert "recalled" not in ruledoc.markdown(rule), rule.code


def test_a_paragraph_broken_across_lines_is_joined_without_a_space_between_chinese():
    class Sample:
        """## What it does
        第一行写到这里
        接着写，English words
        stay apart.

        ```text
        代码块
        不合并
        ```
        """
    body = ruledoc.body(Sample)
    assert "第一行写到这里接着写，English words stay apart." in body
    assert "代码块\n不合并" in body


def test_source_notes_carry_no_bookkeeping_words():
    """The note under a formulation finding says where it comes from and how sure that is,
    in words an editor reads: no ``[recalled]`` status tag, no catalogue source id."""
    from gongwen.rules.terms import builtin_formulations, source_note

    for entry in builtin_formulations().entries:
        note = source_note(entry)
        assert not re.search(r"\[(read|secondary|recalled)\]|\b(read|secondary|recalled)\b|\bS[0-9]+:", note), note
        assert entry.checked in note


# --- help and README agree -------------------------------------------------------------

def _readme_command_block() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Command line\n\n```\n(.*?)\n```", readme, re.S)
    assert block, "README has no command-line block"
    return block.group(1).splitlines()


def _click_lines() -> dict[str, str]:
    """What ``--help`` says, as README lines: the head (command or options with metavar)
    and the description."""
    root = typer.main.get_command(cli.app)
    lines: dict[str, str] = {}
    for name, command in root.commands.items():
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        head = " ".join(["gongwen", name, *(p.metavar or p.name.upper() for p in arguments)])
        # `check` is described by what its PATHS are; the other commands by their own help.
        lines[head] = arguments[0].help if name == "check" else command.help
        for p in command.params:
            if p.param_type_name == "option":
                opts = ", ".join(sorted(p.opts, key=len))
                lines[opts + (f" {p.metavar}" if p.metavar else "")] = p.help
    return lines


def test_readme_and_help_describe_the_same_options_in_the_same_words():
    readme: dict[str, str] = {}
    for line in _readme_command_block():
        m = re.match(r"^\s*(?P<head>\S.*?)(?:\s{2,}(?P<desc>\S.*))?$", line)
        if m and m.group("desc"):
            readme[m.group("head")] = m.group("desc")
    helped = _click_lines()
    assert set(readme) == set(helped), (
        f"only in README: {sorted(set(readme) - set(helped))}; only in --help: {sorted(set(helped) - set(readme))}")
    for head, desc in helped.items():
        assert readme[head] == desc.strip(), f"{head}: README says {readme[head]!r}, --help says {desc!r}"


def test_encoding_help_names_the_detected_encodings():
    encoding = _click_lines()["--encoding NAME"]
    for name in ("BOM", "UTF-8", "GB18030", "GBK", "Big5"):
        assert name in encoding
