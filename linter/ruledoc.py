"""A rule's documentation as people read it: ``gongwen rule CODE`` and the pages in docs/rules.

The docstring is written in fixed sections whose headings are English, because a rule pack's
contract (gongwen.registry.SECTIONS) checks them; an editor reads them in Chinese. The
reference in docs/rules is generated from the same text plus each rule's case file (what it
reports and what it deliberately leaves alone), and rebuilt with::

    python -m gongwen.ruledoc            # writes docs/rules/ from the repository root

tests/test_ruledoc.py fails when the pages are not what this would write.
"""
from __future__ import annotations

import html
import inspect
import sys
import tomllib
from pathlib import Path

from gongwen.output.width import join_lines

# Docstring heading -> what an editor reads. The order is the docstring's.
SECTION_TITLES = {
    "## What it does": "## 检查什么",
    "## Why is this bad?": "## 为什么要改",
    "## Example": "## 示例",
    "Use instead:": "改为：",
    # Optional sections (ruff's names), for the rules and packs that have them.
    "## Fix safety": "## 修复的安全性",
    "## Options": "## 选项",
    "## Measured precision": "## 实测精确率",
    "## Precision": "## 实测精确率",
    "## Known limits": "## 已知局限",
    "## References": "## 参考",
}
BUILTIN_PACK = "builtin"


def enabled_label(rule: type) -> str:
    """Whether a rule runs by default, as `gongwen rules` and the rules index say it."""
    if getattr(rule, "removed", ""):
        return "已移除"
    return "预览" if getattr(rule, "preview", False) else ("是" if rule.default_enabled else "否")


def _documentation(rule: type) -> str:
    """The docstring plus what the pack measured (the ``## Precision`` section), when it did."""
    documentation = getattr(rule, "documentation", None)
    return documentation() if callable(documentation) else (rule.__doc__ or "")


def body(rule: type) -> str:
    """The rule's docstring with its section headings in Chinese and its paragraphs on one
    line each: Markdown turns a line break inside a paragraph into a space, which is right
    between English words and wrong between Chinese characters."""
    lines = [SECTION_TITLES.get(line.strip(), line)
             for line in inspect.cleandoc(_documentation(rule)).splitlines()]
    out: list[str] = []
    fenced = False
    for line in lines:
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and out and _continues(out[-1], line):
            out[-1] = join_lines(out[-1], line)
            continue
        out.append(line)
    return "\n".join(out)


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` goes on the paragraph that ``previous`` is in (not a new block)."""
    if not previous.strip() or not line.strip() or previous.startswith(("#", "```")):
        return False
    return not line.lstrip().startswith(("#", "```", "- ", "* ", "|", ">")) and not line[0].isspace()


def summary(rule: type) -> str:
    """One line under the title: category, default severity, fix, default on or off."""
    if getattr(rule, "removed", ""):
        return f"类别：{rule.category}　已于 {rule.removed} 移除，不再运行（代码保留，不会另作他用）"
    fix = "可自动修复" if rule.fixable else "不自动修复"
    enabled = "预览（--preview 时启用）" if getattr(rule, "preview", False) else (
        "默认启用" if rule.default_enabled else "默认关闭")
    return f"类别：{rule.category}　默认严重级别：{rule.severity}　{fix}　{enabled}"


def source_files(rule: type) -> tuple[str | None, str | None]:
    """Where a rule is written and where its cases are, so that its code leads to both
    without a grep: its module as ``folder/file.py``, relative to the folder above its
    package (the built-in ``rules/dates.py`` is so named in the repository and in an
    installed package alike), and its case file ``fixtures/rules/CODE.toml`` when there is
    one beside that package (in a checkout, not in an installed wheel; input problems have
    none). None for what is not there."""
    try:
        path = Path(inspect.getsourcefile(rule) or "")
    except TypeError:  # a class made at run time has no file
        return None, None
    if path.suffix != ".py":
        return None, None
    root = path.parent.parent
    cases = f"fixtures/rules/{rule.code}.toml"
    return path.relative_to(root).as_posix(), cases if (root / cases).is_file() else None


def files_line(rule: type, code: str = "") -> str:
    """The source and case files on one line (``code`` = the Markdown quote, if any)."""
    source, cases = source_files(rule)
    parts = [f"源文件：{code}{source}{code}"] if source else []
    parts += [f"测试用例：{code}{cases}{code}"] if cases else []
    return "　".join(parts)


def markdown(rule: type) -> str:
    """The whole page: title, summary, where the rule and its cases are, documentation."""
    head = [f"# {rule.code} {rule.name}", summary(rule), files_line(rule, "`")]
    return "\n\n".join(part for part in head if part) + f"\n\n{body(rule)}\n"


def _case_text(text: str) -> str:
    """A case's text on one line of a Markdown list: line breaks shown as ↵, HTML escaped."""
    return html.escape(text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")).replace("|", "&#124;")


def cases_section(case_file: Path) -> str:
    """What the rule's case file says it reports and leaves alone, as two lists."""
    if not case_file.is_file():
        return ""
    cases = tomllib.loads(case_file.read_text(encoding="utf-8")).get("case", [])
    fail = [c["fail"] for c in cases if "fail" in c]
    keep = [c["pass"] for c in cases if "pass" in c]
    out = ["## 测试用例", "", f"来自 `fixtures/rules/{case_file.name}`，每次测试都会核对。", ""]
    if fail:
        out += ["报告：", ""] + [f"- <code>{_case_text(t)}</code>" for t in fail] + [""]
    if keep:
        out += ["不报告：", ""] + [f"- <code>{_case_text(t)}</code>" for t in keep] + [""]
    return "\n".join(out)


def _first_line(rule: type) -> str:
    lines = body(rule).splitlines()
    start = lines.index(SECTION_TITLES["## What it does"]) + 1 if SECTION_TITLES["## What it does"] in lines else 0
    return next((line.strip() for line in lines[start:] if line.strip()), "")


def pages(root: Path) -> dict[str, str]:
    """File name -> content of every page in docs/rules: an index and one page per built-in
    rule (``root`` is the repository, for the case files)."""
    from gongwen import api

    rules = [r for pack in api.registry().packs if pack.name == BUILTIN_PACK for r in pack.rules]
    rules.sort(key=lambda r: r.code)
    result = {}
    index = ["# 规则参考", "", "由 `python -m gongwen.ruledoc` 从各规则的文档字符串和测试用例生成，请勿手改。"
             "命令行里同样的说明：`gongwen rule CODE`。", "",
             "| 代码 | 名称 | 默认严重级别 | 自动修复 | 默认启用 | 检查什么 |", "|---|---|---|---|---|---|"]
    for rule in rules:
        page = markdown(rule)
        extra = cases_section(root / "fixtures" / "rules" / f"{rule.code}.toml")
        result[f"{rule.code}.md"] = page + ("\n" + extra if extra else "")
        summary = _first_line(rule).replace("|", "\\|")
        index.append(f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.severity} | "
                     f"{'是' if rule.fixable else ''} | {enabled_label(rule)} | {summary} |")
    result["README.md"] = "\n".join(index) + "\n"
    return result


def write(folder: Path, root: Path) -> list[str]:
    """Write the pages into ``folder``, removing pages of rules that no longer exist;
    returns the names written or removed."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = pages(root)
    changed = []
    for stale in sorted(set(p.name for p in folder.glob("*.md")) - set(wanted)):
        (folder / stale).unlink()
        changed.append(stale)
    for name, text in wanted.items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8", newline="\n")
            changed.append(name)
    return changed


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    changed = write(root / "docs" / "rules", root)
    print(f"docs/rules：更新了 {len(changed)} 个文件" + (f"（{'、'.join(changed)}）" if changed else ""))
