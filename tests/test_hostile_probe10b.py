"""The defects hostile probe 10 found and left (issue 18; see test_hostile_probe10.py's log):

- Markdown: a directive inside an inline code span (`` `<!-- gongwen-disable ALL -->` ``) was
  read as a comment and turned every rule off to the end of the file. A paragraph's comments
  are now those CommonMark reads, found by a left-to-right scan compared here with
  markdown-it-py's html_inline comments on generated paragraphs (wrong variants caught).
- HTML: a directive inside <title> or <textarea> (RCDATA) or <xmp> (raw text), text to a
  browser, was obeyed; <script> and <style> were already read as raw text.
- A third-party rule's Label or fix Edit outside the text passed the engine and failed in the
  output writer as LNT905, naming the format: the engine now checks them with the finding's
  span, and the rule's LNT903 names it.
- `gongwen rule LNT909` said there was no such rule: run-incomplete is documented in
  rules/meta.py as the other LNT9xx are.
"""
from __future__ import annotations

import json
import random

import pytest
import regex
from markdown_it import MarkdownIt

from support import rule_class, run_cli

from gongwen import suppression
from gongwen.diagnostic import Applicability, Edit, Fix, Label, Violation
from gongwen.document import Document, TextUnit
from gongwen.engine import Linter, Settings
from gongwen.formats import markdown

_md = MarkdownIt("commonmark")
_COMMENT = regex.compile(r"<!---?>|<!--(?:[^-]|-[^-]|--[^>])*-->")


def _reference(paragraph: str) -> list[str]:
    """The comments markdown-it-py reads in the paragraph, in order."""
    tokens = _md.parse(paragraph)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], paragraph
    return [t.content for t in tokens[1].children
            if t.type == "html_inline" and _COMMENT.fullmatch(t.content)]


def _scanned(paragraph: str, scan=None) -> list[str]:
    scan = scan or suppression.paragraph_comments
    return [paragraph[a:b] for a, b, _ in scan(paragraph, 0, len(paragraph))]


# Pieces that make code spans, escapes, comments, other raw HTML and autolinks meet in every
# order: openers without closers, runs of other lengths, escaped backticks and <, dashes that
# do and do not close, tags whose quoted attributes hold a backtick or a comment. A line break
# is followed by a letter, so no line starts a block of its own.
_PIECES = ["`", "``", "```", "\\`", "\\\\", "\\<", "<!--", "-->", "<!-->", "<!--->", "-", "--", "---",
           ">", "<", "!", " ", "a", "中", "\na", "x", "<!-- gongwen-disable ALL -->", "<a>", "</a>",
           "<a b='", "'", '"', " b=", "'>", '<a b="', '">', "<?", "?>", "<![CDATA[", "]]>", "<!x", "<ab:", "@", ":"]


def _paragraphs(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["a" + "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 24))) for _ in range(count)]


def _mismatches(scan, count: int = 4_000, seed: int = 11) -> list[str]:
    return [p for p in _paragraphs(count, seed) if _scanned(p, scan) != _reference(p)]


def test_paragraph_comments_are_the_comments_markdown_it_reads():
    paragraphs = _paragraphs(6_000, 10)
    found = sum(bool(_reference(p)) for p in paragraphs)
    assert found > 1_000  # the pieces make comments often, and code spans that hide them
    assert [p for p in paragraphs if _scanned(p) != _reference(p)] == []


def _without(name: str, replacement):
    """paragraph_comments with one of its module-level helpers replaced."""
    def scan(source, start, end):
        saved = getattr(suppression, name)
        setattr(suppression, name, replacement)
        try:
            return suppression.paragraph_comments(source, start, end)
        finally:
            setattr(suppression, name, saved)
    return scan


_WRONG = {
    "no code spans": ("_INLINE_TOKEN", regex.compile(r"\\[!-/:-@\[-`{-~]|<")),
    "no escapes": ("_INLINE_TOKEN", regex.compile(r"`+|<")),
    "a longer run closes": ("_BACKTICK_RUN", regex.compile(r"`")),  # as a rescan for "`" might
    "no tags": ("_TAG", regex.compile(r"(?!)")),
    "no autolinks": ("_autolink_end", lambda source, a, end: None),
    "no early close": ("_closes_early", lambda source, a, end: None),
}


@pytest.mark.parametrize("variant", sorted(_WRONG))
def test_the_comparison_catches_wrong_scans(variant):
    assert _mismatches(_without(*_WRONG[variant]))


def test_a_directive_in_an_inline_code_span_is_code_not_a_directive():
    source = "# 说明\n\n在页面中写 `<!-- gongwen-disable ALL -->` 可关闭检查。\n\n正文有误，，句号。\n"
    doc = markdown.read(source, "gate.md")
    assert doc.directives == ()
    assert "gongwen-disable" not in doc.text  # masked as the code span it is
    # A real comment in the same paragraph, after the span, is still one.
    doc = markdown.read("正文 `代码` <!-- gongwen-disable PUN -->，，\n", "x.md")
    assert [d.codes for d in doc.directives] == [("PUN",)]


def test_a_code_span_directive_no_longer_passes_the_page(tmp_path):
    page = tmp_path / "gate.md"
    page.write_text("在页面中写 `<!-- gongwen-disable ALL -->` 可关闭检查。\n\n正文有误，，句号。\n",
                    encoding="utf-8")
    plain = tmp_path / "plain.md"
    plain.write_text("正文有误，，句号。\n", encoding="utf-8")
    codes = []
    for path in (page, plain):
        out = run_cli("check", "--output-format", "json", "--no-cache", str(path))
        codes.append(sorted(d["code"] for d in json.loads(out.stdout)))
    assert codes[0] == codes[1] != []


# HTML: what a browser shows as text (RCDATA, raw text) holds no comment, so no directive.
_DIRECTIVE = "<!-- gongwen-disable ALL -->"


@pytest.mark.parametrize("element", ["title", "textarea", "xmp", "iframe", "script", "style", "noscript"])
def test_a_directive_a_browser_shows_as_text_is_no_directive(element):
    from gongwen.formats import html

    for inner in (_DIRECTIVE, f"<b>{_DIRECTIVE}</b>"):
        page = f"<html><head></head><body><{element}>{inner}</{element}><p>正文有误，，句号。</p></body></html>"
        assert html.read(page, "x.html").directives == (), (element, inner)
    # The same comment outside them is a directive, and one after them still is.
    page = f"<html><body><textarea>a</textarea>{_DIRECTIVE}<p>正文，，</p></body></html>"
    assert len(html.read(page, "x.html").directives) == 1


def test_a_directive_in_a_title_no_longer_passes_the_page(tmp_path):
    (tmp_path / "a.html").write_text(
        f"<html><head><title>{_DIRECTIVE}</title></head><body><p>正文有误，，句号。</p></body></html>",
        encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>t</title></head><body><p>正文有误，，句号。</p></body></html>", encoding="utf-8")
    codes = []
    for name in ("a.html", "b.html"):
        out = run_cli("check", "--output-format", "json", "--no-cache", str(tmp_path / name))
        codes.append(sorted(d["code"] for d in json.loads(out.stdout)))
    assert codes[0] == codes[1] != []


# The engine: a finding's labels and fix edits are checked where its span is.
LABELLING_PACK = '''
import os
from gongwen.diagnostic import Applicability, Edit, Fix, Label, Severity, Violation
from gongwen.rule import Rule

BAD = os.environ["BAD"]

class Labelling(Rule):
    __doc__ = {doc}
    code, name, category, severity = "TSB003", "labelling", "test", Severity.WARNING

    def check(self, unit, ctx):
        i = unit.text.find("中")
        if i < 0:
            return
        span = {"negative": (-5, -2), "past the end": (i, len(unit.text) + 50), "float": (i + 0.5, i + 1),
                "end before start": (i + 1, i)}[BAD.split(":")[1]]
        if BAD.startswith("label"):
            yield Violation(i, i + 1, "m", labels=(Label(*span, "这里"),))
        else:
            yield Violation(i, i + 1, "m", fixes=(Fix((Edit(*span, "Z"),), Applicability.SAFE, "t"),))

def load():
    return [Labelling]
'''


@pytest.mark.parametrize("bad", [f"{part}:{kind}" for part in ("label", "edit")
                                 for kind in ("negative", "past the end", "float", "end before start")])
@pytest.mark.parametrize("fmt", ["json", "full"])
def test_a_label_or_edit_outside_the_text_is_the_rules_fault_not_the_formats(tmp_path, bad, fmt):
    from test_hostile_probe10 import _install_pack

    env = {**_install_pack(tmp_path, LABELLING_PACK), "BAD": bad}
    (tmp_path / "a.txt").write_text("甲中乙\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("甲,乙\n", encoding="utf-8")
    out = run_cli("check", "--no-cache", "--select", "TSB003,PUN", "--output-format", fmt, "a.txt", "b.txt",
                  cwd=tmp_path, env=env)
    shown = out.stdout.decode()
    assert out.returncode == 1 and "LNT905" not in shown, shown + out.stderr.decode()
    assert "LNT903" in shown and "TSB003" in shown and "b.txt" in shown
    if fmt == "json":
        found = json.loads(shown)
        crash = [d for d in found if d["code"] == "LNT903"]
        assert len(crash) == 1 and crash[0]["path"] == "a.txt" and "TSB003" in crash[0]["message"]


def test_labels_and_edits_inside_the_text_are_kept():
    """The check is no wider than the text: a label at the text's very end and an edit of the
    whole unit pass."""
    def check(self, unit, ctx):
        if "中" in unit.text:
            n = len(unit.text)
            yield Violation(0, 1, "m", labels=(Label(n, n, "末尾"), Label(0, n)),
                            fixes=(Fix((Edit(0, n, "Z"),), Applicability.SAFE, "t"),))

    text = "甲中乙\n丙\n"
    doc = Document("a.txt", text, units=(TextUnit(0, 3, "甲中乙", "paragraph", 0),))
    found = Linter(Settings([rule_class("TSB004", "fine", check)], raise_on_crash=False)).lint(doc)
    assert [d.code for d in found] == ["TSB004"] and len(found[0].labels) == 2


def test_run_incomplete_has_its_documentation_as_the_other_faults():
    out = run_cli("rule", "LNT909")
    shown = out.stdout.decode()
    assert out.returncode == 0 and "run-incomplete" in shown and "检查未完成" in shown, out.stderr.decode()
