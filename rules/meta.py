"""Findings about the input itself rather than its text: a file that cannot be read."""
from __future__ import annotations

from typing import Iterable

from gongwen import engine, faults
from gongwen.diagnostic import Severity, Violation
from gongwen.document import TextUnit
from gongwen.output import incomplete
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


class _Fault(_InputProblem):
    """Reported by the run when one of its own parts fails on a file (gongwen.faults).

    Always reported, whatever ``select`` or ``ignore`` say, and always an error: a part of a
    file that was not checked must not pass a gate silently."""

    severity = Severity.ERROR


class RuleCrashed(_Fault):
    """## What it does
    报告一条规则在某个文件上出错（程序异常，或报告了文本之外的位置）。这条规则在此文件上
    的结果被跳过，其他规则和其他文件照常检查；消息写明规则代码、名称和出错原因，
    加 `--verbose` 时附上调用栈。

    ## Why is this bad?
    出错的规则没有检查完这个文件，不能当作通过，所以总是报告为错误，不受 `--select`、
    `--ignore` 影响。这是 gongwen 或规则包的缺陷，请把文件和消息报告给维护者；
    暂时可用 `--ignore 该规则` 跳过它。

    ## Example
    ```text
    LNT903 规则 FMT012（missing-heading-marker）在此文件上出错，已跳过：IndexError: string index out of range
    ```

    Use instead:
    ```text
    报告缺陷；修复前用 --ignore FMT012 运行。
    ```
    """

    code, name = faults.RULE_CRASHED


class ReaderCrashed(_Fault):
    """## What it does
    报告读取某个文件时的意外错误：格式解析器（DOCX、PDF、HTML、Markdown）遇到了
    它没有预料到的内容。已知的“无法读取”情形（损坏的压缩包、加密的 PDF、无法解码的文本）
    仍由 LNT901 报告。

    ## Why is this bad?
    这个文件完全没有检查，不能当作通过；其他文件照常检查。请把文件报告给维护者。

    ## Example
    ```text
    LNT904 读取此文件时出错，未检查：OverflowError: Python int too large to convert to C int
    ```

    Use instead:
    ```text
    把文件另存为 .docx 或 .txt 后再检查，并报告缺陷。
    ```
    """

    code, name = faults.READER_CRASHED


class WriterCrashed(_Fault):
    """## What it does
    报告某个文件的检查结果无法按所选格式输出（例如其中有输出编码不能表示的字符）。
    这个文件的结果以这一条错误代替，其他文件的结果照常输出，输出仍是完整的
    JSON、SARIF 或 JUnit 文档。

    ## Why is this bad?
    这个文件的问题没有列出，不能当作通过。换一种输出格式（如 `--output-format concise`）
    通常能看到它们；请把文件报告给维护者。

    ## Example
    ```text
    LNT905 无法以 html 格式输出此文件的检查结果，结果未列出：UnicodeEncodeError: …
    ```

    Use instead:
    ```text
    gongwen check --output-format concise 该文件
    ```
    """

    code, name = faults.WRITER_CRASHED


class WorkerDied(_Fault):
    """## What it does
    报告检查某个文件的工作进程意外退出（被系统终止、内存耗尽、`--cluster` 的机器下线）。
    本机并行（`--jobs`）时进程池会重启，这些文件各重试一次；`--cluster` 时调度器把任务交给
    其他工作进程重试，仍然失败的任务再逐个文件单独重试。仍然失败的文件报告为这一条错误。

    ## Why is this bad?
    这个文件没有检查，不能当作通过；其他文件照常检查。不带 `--cluster`、用 `--jobs 1`
    单独检查它可以看到原因。

    ## Example
    ```text
    LNT906 检查此文件的工作进程意外退出（重试后仍然如此），未检查：BrokenProcessPool: …
    LNT906 检查此文件的工作进程意外退出（重试后仍然如此），未检查：KilledWorker: …
    ```

    Use instead:
    ```text
    gongwen check --jobs 1 该文件
    ```
    """

    code, name = faults.WORKER_DIED


class FixCrashed(_Fault):
    """## What it does
    报告 `--fix` 或 `--diff` 在某个文件上出错。这个文件不写回，只按原样检查并报告问题，
    其他文件照常修复。

    ## Why is this bad?
    要求的修复没有做，不能当作通过。请把文件和消息报告给维护者。

    ## Example
    ```text
    LNT907 修复此文件时出错，文件未写回：ValueError: …
    ```

    Use instead:
    ```text
    报告缺陷；修复前不带 --fix 检查此文件并手工修改。
    ```
    """

    code, name = faults.FIX_CRASHED


class OverTimeBudget(_Fault):
    """## What it does
    报告检查某个文件用时超过了时间预算（配置项 `time-budget`，按 CPU 秒计，默认 300 秒）：
    检查在此停止，这个文件没有检查完，其他文件照常检查。消息写明当时在运行的规则。
    只在主线程中、有间隔计时器的系统上（不含 Windows）计时。

    ## Why is this bad?
    一条规则（多半是规则包中的）在这个文件上陷入了死循环或极慢的匹配；没有预算时，
    一个这样的文件会让整次运行永远等下去。这个文件不能当作通过，所以总是报告为错误。

    ## Example
    ```text
    LNT910 检查此文件用时超过 300 CPU 秒的预算，已停止，未检查完（当时在运行规则 TST001（looping））
    ```

    Use instead:
    ```text
    报告缺陷；暂时用 --ignore 该规则 检查此文件，或在配置中调大 time-budget。
    ```
    """

    code, name = faults.OVER_BUDGET


class RunIncomplete(_Fault):
    """## What it does
    报告整次运行没有正常结束（Ctrl-C、SIGTERM、SIGHUP，或运行本身出错）：报告末尾多出
    这一条错误，写明原因和已检查的文件数。它不属于任何文件（`path` 为空，位置 1:1）；
    SARIF 另把 `executionSuccessful` 设为 false，JUnit 多一个含 `<error>` 的用例。

    ## Why is this bad?
    未完成的运行只检查了一部分文件，没有列出的问题不等于没有问题。这一条让报告不会被
    当作完整的通过：人看得到，统计问题数的门禁也会失败。

    ## Example
    ```text
    LNT909 检查未完成（收到 SIGTERM 信号），只检查了 12 个文件：以上结果不完整，不能当作检查通过
    ```

    Use instead:
    ```text
    重新运行检查，等它正常结束后再使用报告
    ```
    """

    code, name = incomplete.CODE, incomplete.NAME


class FindingsTruncated(_InputProblem):
    """## What it does
    一条规则在一个文件中报告的问题超过上限（每条规则每个文件 1000 处）时，只列出前 1000 处，
    其余的数目由这一条提示报告，位置是第一处未列出的问题。只在检查时这样做；`--fix`
    和 `--diff` 处理全部问题。忽略本规则（`ignore = ["LNT908"]`、`--ignore LNT908` 或
    `per-file-ignores`）时上限照旧，只是不再写这条提示；但超出基线、抑制注释或允许列表
    比对范围的问题仍以该规则自身的级别报告（它们可能都是新问题）。

    ## Why is this bad?
    上千处同类问题通常是同一个原因（整篇用了半角逗号、引号全部不成对），逐条列出只会让
    输出和内存随文件无限增长。列出的问题照常计入退出码。

    ## Example
    ```text
    LNT908 PUN001（halfwidth-punctuation）在此文件中另有 523288 处问题未列出，第一处在此
    ```

    Use instead:
    ```text
    gongwen check --fix 该文件      # 或改正原因后重新检查
    ```
    """

    code, name = engine.TRUNCATED_CODE, engine.TRUNCATED_NAME
    severity = Severity.INFO


RULES = (UnreadableInput, EmptyInput, UnusedSuppression, UnknownSuppressionCode, RuleCrashed, ReaderCrashed, WriterCrashed,
         WorkerDied, FixCrashed, FindingsTruncated, RunIncomplete, OverTimeBudget)
