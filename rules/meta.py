"""Findings about the input itself rather than its text: a file that cannot be read."""
from __future__ import annotations

from typing import Iterable

from gongwen.diagnostic import Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext


class _InputProblem(Rule):
    """Reported by the reader, never by scanning text."""

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




class UnusedSuppression(_InputProblem):
    """## What it does
    报告没有抑制任何问题的抑制注释（Markdown、HTML 中的
    `<!-- gongwen-disable CODE; 理由 -->`、`<!-- gongwen-disable-next-block CODE; 理由 -->`）。

    ## Why is this bad?
    问题改掉以后留下的抑制注释会悄悄地挡住以后同一位置的新问题；规则代码写错的注释则从来
    没有起作用。只在注释点名的规则本次运行时才报告（用 `--select` 关掉的规则不算未使用）。

    ## Example
    ```text
    <!-- gongwen-disable-next-block TYP005; 引用原文 -->

    第一次会议于三月召开。
    ```

    Use instead:
    ```text
    第一次会议于三月召开。
    ```
    """

    code = "LNT001"
    name = "unused-suppression"
    severity = Severity.WARNING


class UnknownSuppressionCode(_InputProblem):
    """## What it does
    报告抑制注释中不存在的规则代码，例如把 `DAT001` 写成 `DAT01`、`DTA001`。规则代码是字母
    加三位数字；只写字母（`DAT`）表示一类规则，`ALL` 表示全部。截短的代码（`DAT01`）
    不当作前缀，什么也不抑制。

    ## Why is this bad?
    写错代码的抑制注释从来没有起作用：作者以为挡住了的问题照样报告，或者以后改对了代码
    却挡住了不该挡的问题。报告时列出最接近的已有代码。

    ## Example
    ```text
    <!-- gongwen-disable-next-block DAT01; 内部编码，不是日期 -->
    ```

    Use instead:
    ```text
    <!-- gongwen-disable-next-block DAT001; 内部编码，不是日期 -->
    ```
    """

    code = "LNT002"
    name = "unknown-suppression-code"
    severity = Severity.WARNING


RULES = (UnreadableInput, EmptyInput, UnusedSuppression, UnknownSuppressionCode)
