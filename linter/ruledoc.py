"""A rule's documentation as people read it: ``gongwen rule CODE`` and the pages in docs/rules.

The docstring is written in fixed sections whose headings are English, because a rule pack's
contract (gongwen.registry.SECTIONS) checks them; an editor reads them in Chinese.
"""
from __future__ import annotations

import inspect

from gongwen.output.width import char_cells

# Docstring heading -> what an editor reads. The order is the docstring's.
SECTION_TITLES = {
    "## What it does": "## 检查什么",
    "## Why is this bad?": "## 为什么要改",
    "## Example": "## 示例",
    "Use instead:": "改为：",
}


def body(rule: type) -> str:
    """The rule's docstring with its section headings in Chinese and its paragraphs on one
    line each: Markdown turns a line break inside a paragraph into a space, which is right
    between English words and wrong between Chinese characters."""
    lines = [SECTION_TITLES.get(line.strip(), line)
             for line in inspect.cleandoc(rule.__doc__ or "").splitlines()]
    out: list[str] = []
    fenced = False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and out and _continues(out[-1], line):
            out[-1] += line if _wide(out[-1][-1]) or _wide(line[0]) else " " + line
            continue
        out.append(line)
    return "\n".join(out)


def _wide(ch: str) -> bool:
    return char_cells(ch) == 2


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` goes on the paragraph that ``previous`` is in (not a new block)."""
    if not previous.strip() or not line.strip() or previous.startswith(("#", "```")):
        return False
    return not line.lstrip().startswith(("#", "```", "- ", "* ", "|", ">")) and not line[0].isspace()


def summary(rule: type) -> str:
    """One line under the title: category, default severity, fix, default on or off."""
    fix = "可自动修复" if rule.fixable else "不自动修复"
    enabled = "默认启用" if rule.default_enabled else "默认关闭"
    return f"类别：{rule.category}　默认严重级别：{rule.severity}　{fix}　{enabled}"


def markdown(rule: type) -> str:
    """The whole page: title, summary, documentation."""
    return f"# {rule.code} {rule.name}\n\n{summary(rule)}\n\n{body(rule)}\n"
