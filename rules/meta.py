"""Findings about the input itself rather than its text: a file that cannot be read."""
from __future__ import annotations

from typing import Iterable

from gongwen.diagnostic import Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext


class _InputProblem(Rule):
    """Reported by the reader, never by scanning text."""

    category = "input"
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        return ()


class UnreadableInput(_InputProblem):
    """## What it does
    报告无法读取或无法解码的输入：不存在的文件、权限不足、二进制文件、编码无法识别的文本。

    ## Why is this bad?
    没有检查的文件不能当作检查通过。每个无法读取的文件单独报告一次并计入退出码，
    其他文件照常检查。编码不是 UTF-8 时，可用 `--encoding gb18030` 等指定。

    ## Example
    ```text
    （一个用 GB18030 保存、却按 UTF-8 读取的文件）
    ```

    Use instead:
    ```text
    gongwen check --encoding gb18030 报告.txt
    ```
    """

    code = "LNT901"
    name = "unreadable-input"
    severity = Severity.ERROR


class EmptyInput(_InputProblem):
    """## What it does
    报告空文件或只有空白的文件。

    ## Why is this bad?
    一份待发布的报告是空的，通常是导出或复制出了错；静默通过会让错误发布出去。

    ## Example
    ```text
    （0 字节的 报告.txt）
    ```

    Use instead:
    ```text
    导出包含正文的文件后再检查。
    ```
    """

    code = "LNT902"
    name = "empty-input"
    severity = Severity.WARNING


RULES = (UnreadableInput, EmptyInput)
