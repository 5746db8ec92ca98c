"""--annotate on real drafts: two provincial work reports as published (fixtures/docx, copied
from the shared corpus) and the seed report as .docx (with its header and footer).

For each: every finding is one comment or counted in one, accepting all of gongwen's
revisions gives the ``--fix`` text (safe, and with unsafe fixes), rejecting them all gives
the original text, untouched parts are byte-for-byte the same and python-docx reopens it."""
from __future__ import annotations

import io
import re

import docx as python_docx
import pytest
import word_review as wr
from lxml import etree
from support import FIXTURES, run_cli

from gongwen import api
from gongwen.annotate import annotate
from gongwen.fix import fix_document
from gongwen.formats import LIMITS, docx

DRAFTS = [FIXTURES / "docx" / "gwr_prov2025__xizang.docx", FIXTURES / "docx" / "gwr_prov2025__guangxi.docx",
          FIXTURES / "reports" / "yanfeng-2024.docx"]


@pytest.fixture(scope="module")
def linter():
    return api.make_linter()


@pytest.fixture(scope="module", params=DRAFTS, ids=lambda p: p.stem)
def draft(request, linter):
    data = request.param.read_bytes()
    doc = docx.read(data, request.param.name, LIMITS)
    return data, doc, linter.lint(doc)


def test_the_drafts_have_findings_with_and_without_fixes(draft):
    _, _, found = draft
    assert any(d.fix for d in found) and len(found) >= 20


def test_every_finding_is_one_comment_or_counted_in_one(draft, linter):
    data, doc, found = draft
    result = annotate(data, doc, found, linter)
    wr.check_structure(result.data)
    ours = [c["text"] for c in wr.comments(result.data).values() if c["author"] == "gongwen"]
    counted = sum(int(m.group(1)) if (m := re.search(r"本段共 (\d+) 处", t)) else 1 for t in ours)
    assert counted == len(found) and len(ours) == result.comments
    assert wr.body_comments(result.data) == wr.expected_body_comments(doc.text, found, wr.body_lines(doc))
    assert docx.read(result.data, "x.docx", LIMITS).text == doc.text


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_accept_all_is_the_fix_and_reject_all_the_original(draft, linter, unsafe):
    data, doc, found = draft
    result = annotate(data, doc, found, linter, fix=True, unsafe=unsafe)
    wr.check_structure(result.data)
    expected = fix_document(doc, linter, unsafe, diagnostics=found).text
    assert expected != doc.text and result.revisions
    assert docx.read(wr.review(result.data, wr.accept), "x.docx", LIMITS).text == expected
    assert docx.read(wr.review(result.data, wr.reject), "x.docx", LIMITS).text == doc.text
    # What is left after fixing is commented on the characters it points at in the fixed text.
    left = wr.expected_body_comments(result.document.text, result.findings, wr.body_lines(doc))
    assert wr.body_comments(result.data) == left
    ids = wr.our_comment_ids(result.data)
    before, after = wr.parts(data), wr.parts(result.data)
    for name, content in before.items():
        if content != after[name]:
            assert name in ("word/document.xml", "word/header1.xml", "word/footer1.xml",
                            "word/_rels/document.xml.rels", "[Content_Types].xml"), name
    for name in ("word/document.xml",):
        original = etree.fromstring(before[name])
        restored = etree.fromstring(after[name])
        wr.ours(restored, comment_ids=ids)
        assert wr.char_formats(restored) == wr.char_formats(original)
        assert wr.skeleton(restored) == wr.skeleton(original)
    reopened = python_docx.Document(io.BytesIO(result.data))
    assert {c.author for c in reopened.comments} == ({"gongwen"} if result.comments else set())


def test_the_seed_fixed_in_word_equals_the_command_line_fix_of_its_text(tmp_path, linter):
    """Independent of fix_document: `gongwen check --fix` on the .docx's text as a .txt."""
    data = DRAFTS[-1].read_bytes()
    doc = docx.read(data, "seed.docx", LIMITS)
    result = annotate(data, doc, linter.lint(doc), linter, fix=True)
    plain = tmp_path / "seed.txt"
    plain.write_text(doc.text, encoding="utf-8")
    run_cli("check", "--fix", "--exit-zero", str(plain))
    accepted = docx.read(wr.review(result.data, wr.accept), "x.docx", LIMITS).text
    assert accepted == plain.read_text(encoding="utf-8") != doc.text
