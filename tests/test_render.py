"""The full view: carets under exactly the span, in display cells; long lines windowed."""
from __future__ import annotations

import io

import pytest
from rich.console import Console

from gongwen.diagnostic import Diagnostic, Severity
from gongwen.document import Document
from gongwen.output import full
from gongwen.output.width import cells


def _render(text: str, start: int, end: int, ambiguous_width: int = 1, width: int = 200) -> list[str]:
    doc = Document(path="t.txt", text=text)
    d = Diagnostic(code="TST001", name="test", severity=Severity.ERROR, message="消息", path="t.txt",
                   start=start, end=end, location=doc.locate(start), end_location=doc.locate(end),
                   help="帮助")
    out = io.StringIO()
    full.render_one(d, doc, Console(file=out, width=width, color_system=None, soft_wrap=True,
                                    markup=False, highlight=False), ambiguous_width)
    return out.getvalue().splitlines()


def _caret_columns(lines):
    source = next(ln for ln in lines if ln.startswith("1 | "))
    caret = next(ln for ln in lines if "^" in ln)
    return source, caret


def test_point_to_double_width_characters():
    # annotate-snippets' test_point_to_double_width_characters: 世界 after six wide characters.
    lines = _render("こんにちは、世界", 6, 8)
    assert lines[1].endswith("t.txt:1:7")
    source, caret = _caret_columns(lines)
    assert caret == "  |" + " " * (1 + 12) + "^^^^"
    assert source == "1 | こんにちは、世界"


def test_mixed_width_span():
    lines = _render("こんにちは、新しいWorld！", 6, 14)
    _, caret = _caret_columns(lines)
    assert caret.count("^") == 11


def test_ambiguous_width_quotes_shift_the_caret():
    text = "加快法治政府建设”“坚决"
    narrow = _caret_columns(_render(text, 9, 10, 1))[1]
    wide = _caret_columns(_render(text, 9, 10, 2))[1]
    assert narrow.index("^") == 3 + 1 + cells("加快法治政府建设”")
    assert wide.index("^") == narrow.index("^") + 1 and wide.count("^") == 2


@pytest.mark.parametrize("width", [40, 80, 120, 200])
def test_long_paragraph_is_windowed_around_the_span(width):
    text = "甲" * 300 + "第次" + "乙" * 300
    source, caret = _caret_columns(_render(text, 300, 302, width=width))
    assert source.startswith("1 | …") and source.endswith("…")
    # The window fills the terminal (less a cell or two of rounding), no more.
    assert width - 2 <= cells(source) <= width
    under = source[caret.index("^") // 1:]
    body = source[4:]
    # The carets sit under 第次: the cells before them equal the cells of the shown prefix.
    prefix_cells = cells(body[: body.index("第次")])
    assert caret.index("^") == 4 + prefix_cells
    assert caret.count("^") == 4
    assert under


def test_document_text_is_never_read_as_markup():
    lines = _render("[bold]注意[/bold]2025127", 14, 21)
    assert any("[bold]注意[/bold]2025127" in ln for ln in lines)


def test_tabs_and_control_characters_keep_alignment():
    source, caret = _caret_columns(_render("\t甲\x07乙2024推进", 4, 8))
    assert "\t" not in source and "\x07" not in source
    assert caret.index("^") == 4 + cells("    甲\ufffd乙")


def test_context_a_short_side_leaves_goes_to_the_other():
    text = "甲乙" + "第次" + "丙" * 300
    source, _ = _caret_columns(_render(text, 2, 4, width=80))
    assert source.startswith("1 | 甲乙第次丙") and 78 <= cells(source) <= 80
    text = "丙" * 300 + "第次" + "甲乙"
    source, _ = _caret_columns(_render(text, 300, 302, width=80))
    assert source.endswith("第次甲乙") and 78 <= cells(source) <= 80


@pytest.mark.parametrize("width", [40, 100, 200])
def test_a_long_span_is_cut_and_still_fits(width):
    text = "甲" * 10 + "乙" * 200 + "丙" * 10
    source, caret = _caret_columns(_render(text, 10, 210, width=width))
    assert cells(source) <= width
    # What is left after a little context each side goes to the span.
    assert caret.count("^") >= width - 4 - 2 * full.MIN_CONTEXT_CELLS - 4
