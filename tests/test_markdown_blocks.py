"""The Markdown reader's block map (markdown_blocks.block_map: a line pre-scan, markdown-it-py
for the regions that need it) against markdown-it-py's parse of the whole body, on generated
documents that mix every block construct, and wrong variants of the pre-scan that the
comparison must catch."""
from __future__ import annotations

import random
import re

import pytest

from gongwen.formats import markdown, markdown_blocks
from gongwen.formats.markdown_blocks import block_map, reference_block_map

# Pieces of documents, one or more lines each: every block construct, its near misses, and
# what ends or continues it (closers long, short and indented; html block ends; underlines).
PIECES = [
    # fences, closers and near misses
    "```", "````", "~~~", "~~~~", "```python", "``` a`b", "~~~ a`b", "  ```", "   ~~~", "    ```",
    "\t```", "```  ", "``` \t", "``` a|b", "~~~ |", "`````", " ````", "~~", "``", "```\n```", "~~~\n~~~", "```\na\n```",
    # indented code
    "    code", "\tcode", "     x", "  \tx",
    # HTML blocks, kinds 1-7, and their ends
    "<script>", "</script>", "<pre>x", "</pre>", "<style type=x>", "</style>", "<textarea>",
    "</textarea>", "<!-- c", "-->", "<!-- c -->", "<?php", "?>", "<!DOCTYPE html>", "<![CDATA[", "]]>",
    "<!-- a -->", "<!-->", "<!-- a", "b -->", " <!--", "    <!--", "<!--a-->b", "-->x", "\t<!--",
    "<div>", "</div>", "<table>", "<p class=a>", "<custom-tag a=\"1\">", "</custom-tag>", "<a href=x>",
    "<b>", "a <b>c</b>", "<div>a</div>",
    # lists and quotes, nested and lazy
    "- a", "* a", "+ a", "1. a", "2) a", "10. a", "-", "- ```", "  - b", "   b", "  ```", "- > a",
    "> a", "> ```", ">> a", "> - a", ">", "> # h", "  > a", "- # h", "1. ```", "- - a",
    # tables and their delimiter rows
    "| a | b |", "|---|---|", "a | b", "--- | ---", "|:-:|", "| - |", "-|-", ":--", "|a|", "| x | y | z |",
    # headings: setext underlines, ATX and near misses
    "===", "---", "- - -", "***", "___", "# a", "## b ##", "####### a", "#a", "#", "   # c", "    # d",
    "#\ta", "=", "--", "# a | b",
    # reference definitions and link-like lines
    "[a]: /url", "[a]:", "/url 'title'", "'title'", "[b]: <x> \"t\"", "[c]\n: /u", "[d]: /u\n'x'",
    # plain lines
    "a", "b c", "中文段落，内容。", "  b", "   c", "\\# not", "!x", "a|b", "x:y", "é", "\u3000\u3000正文",
    "a`b`", "2024年", "1 a", "a\tb",
    # blank lines
    "", "", "", "   ", "\t", " \t ",
]
FRONT = ["---\ntitle: x\n---", "+++\na = 1\n+++", "---\n---", "---\nx"]
ENDS = ["\n", "\n", "\n", "\r\n", "\r"]


def document(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.1:
        parts.append(rng.choice(FRONT))
    for _ in range(rng.randint(1, 24)):
        parts.append(rng.choice(PIECES))
    end = rng.choice(ENDS) if rng.random() < 0.8 else None
    lines = "\n".join(parts).split("\n")
    text = "".join(line + (end or rng.choice(ENDS)) for line in lines)
    return text if rng.random() < 0.8 else text.rstrip("\r\n") + rng.choice(["", " ", "\t", "x"])


def _documents(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [document(rng) for _ in range(n)]


@pytest.fixture
def short_regions(monkeypatch):
    """Regions for markdown-it-py as short as they can be (every blank line followed by an
    unindented line ends one), so the pre-scan's fresh points are tried as often as possible."""
    monkeypatch.setattr(markdown_blocks, "_REGION_CHARS", 0)


def _mismatches(docs: list[str]) -> list[str]:
    return [d for d in docs if block_map(d) != reference_block_map(d)]


def test_block_map_equals_markdown_it_on_generated_documents(short_regions):
    docs = _documents(12_000, seed=18)
    assert _mismatches(docs) == []


def test_block_map_equals_markdown_it_with_long_regions():
    # The regions of the default size on longer documents: each is parsed once or twice.
    rng = random.Random(7)
    docs = ["".join(document(rng) for _ in range(rng.randint(20, 120))) for _ in range(150)]
    assert any(len(d) > markdown_blocks._REGION_CHARS for d in docs)
    assert _mismatches(docs) == []


def test_the_reader_gives_the_same_text_and_units_as_with_markdown_it_alone(short_regions):
    for doc in _documents(10_000, seed=4):
        fast, whole = markdown.read(doc, "x.md"), markdown.read(doc, "x.md", blocks=reference_block_map)
        assert fast.text == whole.text, doc
        assert fast.units == whole.units, doc
        assert fast.directives == whole.directives, doc


def test_the_pre_scan_does_take_the_fast_path(monkeypatch):
    """The comparison above means something only if the fast path runs: on a page of short
    fences and paragraphs, markdown-it-py is never called."""
    calls = []
    real = markdown_blocks._tokens
    monkeypatch.setattr(markdown_blocks, "_tokens", lambda text: calls.append(text) or real(text))
    blocks = block_map("```\na\n" * 1000 + "# h\n\n正文\n<!-- c -->\n~~~\n")
    assert calls == []
    assert len(blocks) == 1004


# -- wrong variants: each must be caught by the comparison -----------------------------------

def _wrong_fast(monkeypatch, old: str, new: str) -> None:
    pattern = markdown_blocks._FAST.pattern
    assert old in pattern
    monkeypatch.setattr(markdown_blocks, "_FAST", re.compile(pattern.replace(old, new, 1)))


@pytest.mark.parametrize("old, new, why", [
    (r"(?![ \t]*[|:\-])", "", "a fence with a pipe before a delimiter row is a table's header"),
    (r"(?:\n|\Z))" + markdown_blocks._NO_TABLE, r"(?:\n|\Z))",
     "so is a heading with a pipe"),
    (r"[^\x00-\x20`~>*+\-_#<\[|=:0-9]", r"[^\x00-\x20`~>*+\-_#<\[|:0-9]",
     "a paragraph line followed by === is a setext heading"),
])
def test_a_wrong_fast_pattern_is_caught(monkeypatch, short_regions, old, new, why):
    _wrong_fast(monkeypatch, old, new)
    assert _mismatches(_documents(3_000, seed=18)), why


def test_a_closer_indented_four_spaces_is_caught(monkeypatch, short_regions):
    monkeypatch.setattr(markdown_blocks, "_CLOSER", re.compile(r"^ {0,4}(`{3,}|~{3,})[ \t]*$", re.M))
    assert _mismatches(_documents(3_000, seed=18))


def test_a_closer_shorter_than_the_opener_or_of_the_other_mark_is_caught(monkeypatch, short_regions):
    monkeypatch.setattr(markdown_blocks, "_closer", lambda text, start, opener: (
        m.end() if (m := markdown_blocks._CLOSER.search(text, start)) else None))
    assert _mismatches(_documents(3_000, seed=18))


def test_a_comment_ended_only_on_a_later_line_is_caught(monkeypatch, short_regions):
    real = markdown_blocks._comment_end
    monkeypatch.setattr(markdown_blocks, "_comment_end",
                        lambda text, start: real(text, text.find("\n", start) + 1 or len(text)))
    assert _mismatches(_documents(3_000, seed=18))


def test_a_comment_indented_four_spaces_is_caught(monkeypatch, short_regions):
    _wrong_fast(monkeypatch, markdown_blocks._COMMENT, markdown_blocks._COMMENT.replace("{0,3}", "{0,4}"))
    assert _mismatches(_documents(3_000, seed=18))


def test_a_region_end_taken_without_checking_is_caught(monkeypatch, short_regions):
    """A region that ends inside an unclosed top-level fence or an HTML comment must not be
    cut there: the block goes on."""
    monkeypatch.setattr(markdown_blocks, "_runs_on", lambda tokens, end: False)
    assert _mismatches(_documents(3_000, seed=18))


def test_a_region_end_inside_a_list_is_caught(monkeypatch, short_regions):
    """Ending a region at a blank line followed by an indented line cuts list items."""
    monkeypatch.setattr(markdown_blocks, "_REGION_END", re.compile(r"\n[ \t]*\n(?=[ a-z`~#])"))
    assert _mismatches(_documents(3_000, seed=18))
