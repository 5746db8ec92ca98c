"""The default, human view: rustc/ruff-style annotated snippets.

```
DAT001 error: 日期数字连写，无法确定年月日：2025127
  --> report.txt:51:35
   |
51 | …        2025127
   |          ^^^^^^^
   |
   = help: …
```
Long paragraphs are windowed around the span. Text from the document is passed to rich as
``Text`` objects (gongwen.output.console's, which rich renders as its own), never as markup,
so ``[bold]`` in a report prints as written.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from gongwen.diagnostic import Diagnostic, Severity
from gongwen.document import Document
from gongwen.output.console import Text
from gongwen.output.width import cells, printable
from gongwen.sources import printable_name

if TYPE_CHECKING:
    from rich.console import Console  # or gongwen.output.console.PlainConsole: see there

    from gongwen.output.stream import Tally

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
LABEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
MIN_CONTEXT_CELLS = 10  # shown before and after the span however narrow the terminal
MIN_SPAN_CELLS = 10  # a span is cut to what the terminal leaves (the header still gives its start)
SHOW_BEFORE_COLLAPSE = 3
COLLAPSE_OVER = 10   # more findings of one rule in one file than this are summarised


def _take(line: str, i: int, step: int, budget: int, ambiguous_width: int) -> tuple[int, int]:
    """From index ``i``, move by ``step`` (-1 left, +1 right) over characters while they fit in
    ``budget`` cells; the index reached and the cells used."""
    used = 0
    while 0 <= (i if step > 0 else i - 1) < len(line):
        size = cells(printable(line[i if step > 0 else i - 1]), ambiguous_width)  # a tab shows as 4
        if used + size > budget:
            break
        used += size
        i += step
    return i, used


def window(line: str, start: int, end: int, ambiguous_width: int = 1,
           width: int = 80) -> tuple[str, int, int]:
    """The part of ``line`` to show for the span [start, end) of it in ``width`` cells, and
    the span's cell offset and cell width inside that part (with "…" marking cut ends). The
    span is centred; context a line-start leaves unused goes to the other side."""
    max_span = max(MIN_SPAN_CELLS, width - 2 * MIN_CONTEXT_CELLS - 2)
    span_cells = cells(printable(line[start:end]), ambiguous_width)
    shown_end = end
    if span_cells > max_span:
        shown_end, span_cells = _take(line, start, +1, max_span, ambiguous_width)
    context = max(2 * MIN_CONTEXT_CELLS, width - span_cells - 2)  # 2: the ellipses
    # Half each side; what a short side leaves goes to the other (scans bounded by width).
    _, right = _take(line, shown_end, +1, context // 2, ambiguous_width)
    a, left = _take(line, start, -1, context - right, ambiguous_width)
    b, _ = _take(line, shown_end, +1, context - left, ambiguous_width)
    prefix = ("…" if a > 0 else "") + printable(line[a:start])
    body = prefix + printable(line[start:b])
    if b < len(line):
        body += "…"
    return body, cells(prefix, ambiguous_width), max(1, span_cells)


def _shown_line(d: Diagnostic, doc: Document) -> tuple[str, int, int]:
    """The line under the header and the span's columns in it: the source line, except for a
    web page, whose source line is markup (``…&nbsp;&nbsp;2025127</p>``): there it is the
    rendered line — entities decoded, tags dropped — while the header keeps the source position."""
    if doc.format == "html":
        from gongwen.document import LineIndex

        index = doc.memo("full-view-rendered-lines", lambda: LineIndex(doc.text))
        start, end = index.locate(d.start), index.locate(d.end)
        line = index.line_text(start.line)
        return line, start.column - 1, end.column - 1 if end.line == start.line else len(line)
    line = doc.line_index.line_text(d.location.line)
    col0 = d.location.column - 1
    return line, col0, d.end_location.column - 1 if d.end_location.line == d.location.line else len(line)


def _printable_text(text: str) -> str:
    """A message, help or note as the terminal may print it: it can quote the document, and
    an escape sequence there would drive the terminal. Its own line breaks (a traceback with
    --verbose) are kept."""
    return "\n".join(printable_name(line) for line in text.split("\n"))


def render_one(d: Diagnostic, doc: Document | None, console: Console, ambiguous_width: int) -> None:
    header = Text()
    header.append(d.code, style="bold")
    header.append(" ")
    header.append(LABEL[d.severity], style=STYLE[d.severity])
    header.append(": ")
    header.append(_printable_text(d.message), style="bold")
    console.print(header)
    line_no = d.location.line
    gutter = " " * len(str(line_no))
    console.print(Text(f"{gutter}--> ", style="blue") + Text(f"{d.path}:{line_no}:{d.location.column}"))
    if doc is not None and d.end >= d.start:
        line, col0, col1 = _shown_line(d, doc)
        room = console.width - cells(f"{line_no} | ")  # the snippet grows with the terminal
        body, offset, width = window(line, col0, max(col1, col0), ambiguous_width, room)
        bar = Text(f"{gutter} |", style="blue")
        console.print(bar)
        console.print(Text(f"{line_no} | ", style="blue") + Text(body))
        console.print(bar + Text(" " + " " * offset) + Text("^" * width, style=STYLE[d.severity]))
        console.print(bar)
    for label in d.labels:
        if doc is not None:
            where = doc.locate(label.start)
            console.print(Text(f"{gutter} = note: ", style="blue") +
                          Text(f"第 {where.line} 行第 {where.column} 列“{printable(doc.text[label.start:label.end])}”："
                               f"{_printable_text(label.message)}"))
    for note in d.notes:
        console.print(Text(f"{gutter} = note: ", style="blue") + Text(_printable_text(note)))
    if d.help:
        console.print(Text(f"{gutter} = help: ", style="blue") + Text(_printable_text(d.help)))
    console.print()


def render_file(found: list[Diagnostic], doc: Document | None, console: Console,
                ambiguous_width: int = 1) -> None:
    """One file's findings, document-level summaries first: one line about 168 commas beats
    168 snippets; past ``COLLAPSE_OVER`` findings of one rule, the rest are counted."""
    ordered = [d for d in found if d.headline] + [d for d in found if not d.headline]
    per_code = Counter(d.code for d in found)
    shown: Counter[str] = Counter()
    for d in ordered:
        collapse = per_code[d.code] > COLLAPSE_OVER
        if collapse and shown[d.code] >= SHOW_BEFORE_COLLAPSE:
            continue
        render_one(d, doc, console, ambiguous_width)
        shown[d.code] += 1
        if collapse and shown[d.code] == SHOW_BEFORE_COLLAPSE:
            rest = per_code[d.code] - SHOW_BEFORE_COLLAPSE
            console.print(Text(f"{d.code} 另有 {rest} 处同类问题未逐条显示（{d.name}）；"
                               f"完整列表：--output-format concise 或 json", style="dim"))
            console.print()


def unfinished(tally: Tally, console: Console, message: str) -> None:
    """The footer of a run that did not finish: never "未发现问题", whatever was found so far."""
    by_severity = tally.severities
    if tally.total:
        console.print(Text(f"已列出 {tally.total} 处问题（错误 {by_severity[Severity.ERROR]}、"
                           f"警告 {by_severity[Severity.WARNING]}、提示 {by_severity[Severity.INFO]}）。"))
    console.print(Text(message + "。", style="bold red"))


def footer(tally: Tally, console: Console, files_checked: int | None) -> None:
    files = f"，检查了 {files_checked} 个文件" if files_checked is not None else ""
    if not tally.total:
        console.print(Text(f"未发现问题{files}。", style="bold green"))
        return
    by_severity = tally.severities
    console.print(Text(
        f"共 {tally.total} 处问题（错误 {by_severity[Severity.ERROR]}、警告 {by_severity[Severity.WARNING]}、"
        f"提示 {by_severity[Severity.INFO]}）{files}：", style="bold"))
    width = len(str(max(tally.codes.values())))
    for code in sorted(tally.codes):
        console.print(Text(f"  {tally.codes[code]:>{width}}  {code}  {tally.names[code]}"))
