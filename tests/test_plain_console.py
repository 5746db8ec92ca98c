"""The full format's plain console writes what rich's Console writes to a pipe, byte for byte.

``gongwen.output.console.PlainConsole`` stands in for rich's Console when the output is not a
terminal; these tests hold it to rich on random texts (tabs, line breaks, control characters,
wide characters, trailing blanks, lines longer than the width), on whole rendered reports, and
on the width rich reads from the environment.
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from gongwen import api
from gongwen.output import full
from gongwen.output.console import PlainConsole, Text as OurText, _plain, console, plain_width

ALPHABET = st.sampled_from(list("ab 甲乙，。\t\n\r\x07\x08\x0b\x0c\x1b[]é\u3000\u200b😀"))
STYLES = st.sampled_from(["", "bold", "blue", "bold red"])
# (operation, text, style): how full.py builds a line — Text(s, style), .append(s, style),
# .append(Text(s, style)), + Text(s, style), + s
OPS = st.lists(st.tuples(st.sampled_from(["append", "append_text", "add_text", "add"]),
                         st.text(ALPHABET, max_size=12), STYLES), max_size=6)


def _build(cls, first: tuple[str, str], ops) -> object:
    text = cls(*first)
    for op, piece, style in ops:
        if op == "append":
            text.append(piece, style=style or None)
        elif op == "append_text":
            text.append(cls(piece, style=style))
        elif op == "add_text":
            text = text + cls(piece, style=style)
        else:
            text = text + piece
    return text


@settings(max_examples=300, deadline=None)
@given(st.tuples(st.text(ALPHABET, max_size=12), STYLES), OPS)
def test_our_text_is_the_rich_text_it_stands_for(first, ops):
    ours, theirs = _build(OurText, first, ops).__rich__(), _build(Text, first, ops)
    assert (ours.plain, ours.style, ours.spans) == (theirs.plain, theirs.style, theirs.spans)
    terminal = [io.StringIO(), io.StringIO()]
    for out, text in zip(terminal, (_build(OurText, first, ops), theirs)):
        Console(file=out, force_terminal=True, color_system="truecolor", soft_wrap=True, width=40).print(text)
    assert terminal[0].getvalue() == terminal[1].getvalue()


def test_a_text_that_lost_its_base_style_would_be_caught():
    ours = OurText("a", style="blue") + OurText("b")
    ours.style = ""
    assert ours.__rich__().spans == (Text("a", style="blue") + Text("b")).spans
    assert ours.__rich__().style != (Text("a", style="blue") + Text("b")).style


def _rich(out) -> Console:
    return Console(file=out, highlight=False, emoji=False, markup=False, soft_wrap=True, width=40)


def _texts(pieces: list[tuple[str, str | None]]) -> Text:
    text = Text()
    for piece, style in pieces:
        text.append(piece, style=style)
    return text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.tuples(st.text(ALPHABET, max_size=60), st.sampled_from([None, "bold", "blue"])),
                         max_size=4), max_size=5))
def test_printing_random_texts_matches_rich(lines):
    ours, theirs = io.StringIO(), io.StringIO()
    plain, rich = PlainConsole(ours, 40), _rich(theirs)
    for pieces in lines:
        for c in (plain, rich):
            c.print(_texts(pieces)) if pieces else c.print()
    assert ours.getvalue() == theirs.getvalue()


def test_a_wrong_tab_expansion_would_be_caught():
    # The comparison above is only as good as its power to see a difference: a plain text
    # that kept its tab differs from rich's.
    text = Text("甲\t乙")
    theirs = io.StringIO()
    _rich(theirs).print(text)
    assert theirs.getvalue() != text.plain + "\n" and theirs.getvalue() == _plain(text) + "\n"


def test_a_captured_report_matches_rich(tmp_path):
    (tmp_path / "r.txt").write_text("关于2024年工作的报告\n\n会议于2025127召开,全区共57件,\t其中A30件。\n"
                                    "2024年,全市完成投资12.5亿元，同比增长8%。第次会议审议通过……\n", encoding="utf-8")
    [(doc, found)] = [(d, f) for d, f in api.lint_files([tmp_path / "r.txt"], api.make_linter())]
    assert found
    outputs = []
    for c in (PlainConsole(io.StringIO(), 60), _rich(io.StringIO())):
        c.width = 60
        with c.capture() as captured:
            full.render_file(found, doc, c)
        outputs.append(captured.get())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("environ", [{}, {"COLUMNS": "100"}, {"COLUMNS": "0"}, {"COLUMNS": "abc"},
                                     {"COLUMNS": " 90"}, {"LINES": "10", "COLUMNS": "70"}])
def test_the_width_is_the_one_rich_reads(environ):
    probe = ("import io, json, sys; from rich.console import Console; from gongwen.output.console import plain_width;"
             "out = io.StringIO(); print(json.dumps([plain_width(out), Console(file=out).width]))")
    env = {"PATH": os.environ.get("PATH", ""), **environ}
    ours, theirs = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                             env=env, check=True, stdin=subprocess.DEVNULL).stdout)
    assert ours == theirs


@pytest.mark.parametrize("environ", [{"FORCE_COLOR": "1"}, {"TTY_COMPATIBLE": "1"}, {"FORCE_COLOR": ""}])
def test_what_could_make_rich_print_otherwise_gets_rich(environ):
    assert plain_width(io.StringIO(), environ) is None


def test_a_terminal_gets_rich():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert plain_width(Terminal(), {}) is None
    assert isinstance(console(Terminal()), Console)
    assert isinstance(console(io.StringIO()), (PlainConsole, Console))
