"""Cases of the fifth hostile probe (issue 18), none of them in the other test_hostile files:
what probe 4 left (a language server fed broken headers, Word ids past 32 bits, escapes in
an error message) and what a careful attacker or a clumsy user tries next."""
from __future__ import annotations

import io
import re
import zipfile

import docx as python_docx
import pytest
from support import run_cli

from gongwen import api
from gongwen.annotate import annotate

BAD = "我们开展了检查,发现问题。\n"
FIXED = BAD.replace(",", "，")


# -- error messages on stderr -------------------------------------------------------------

def _controls(data: bytes) -> list[str]:
    """Control characters (other than the line break) in what a run wrote on stderr."""
    return re.findall(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", data.decode("utf-8", "replace"))


def test_an_error_quoting_a_path_shows_its_escapes_instead_of_sending_them(tmp_path):
    """A missing path named with an escape sequence and a bell: the error message wrote the
    bell raw and silently dropped the escape sequence, so the user saw neither."""
    proc = run_cli("check", "nope\x1b[31mred\x07.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert not _controls(proc.stderr)
    assert "nope\\x1b[31mred\\x07.txt" in proc.stderr.decode()


def test_a_bad_cluster_address_is_shown_escaped(tmp_path):
    pytest.importorskip("distributed")
    (tmp_path / "r.txt").write_text(FIXED, encoding="utf-8")
    proc = run_cli("check", "r.txt", cwd=tmp_path, env={"GONGWEN_CLUSTER": "tcp://\x1b[2Jhost\x07"})
    assert proc.returncode == 2
    assert not _controls(proc.stderr)
    assert "tcp://\\x1b[2Jhost\\x07" in proc.stderr.decode()


# -- --annotate: comment and revision ids -------------------------------------------------

def _docx_with_id(value: str) -> bytes:
    """A one-paragraph .docx with a half-width comma and a bookmark whose w:id is ``value``."""
    d = python_docx.Document()
    d.add_paragraph(BAD.strip())
    raw = io.BytesIO()
    d.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                mark = f'<w:bookmarkStart w:id="{value}" w:name="b"/><w:bookmarkEnd w:id="{value}"/>'
                data = data.replace(b"<w:p>", b"<w:p>" + mark.encode(), 1)
            out_item = zipfile.ZipInfo(item.filename, item.date_time)
            dst.writestr(out_item, data)
    return out.getvalue()


@pytest.mark.parametrize("value", ["2147483647", "3000000000", "9" * 5000])
def test_annotate_numbers_its_marks_within_32_bits_whatever_ids_the_document_holds(value):
    """Ids are xsd:integer in OOXML but 32-bit in Word and python-docx: an id of 3,000,000,000
    made the next one 3,000,000,001, which python-docx refused (an internal LNT905), and one
    of 5,000 digits was more than int() reads."""
    data = _docx_with_id(value)
    doc = api.read_bytes(data, path="r.docx")
    linter = api.make_linter()
    for fix in (False, True):
        result = annotate(data, doc, api.lint_document(doc, linter), linter, fix=fix)
        assert (result.comments, result.revisions) == ((0, 1) if fix else (1, 0))
        with zipfile.ZipFile(io.BytesIO(result.data)) as z:
            ids = re.findall(r'w:id="(-?\d+)"', z.read("word/document.xml").decode())
        new = [int(i) for i in ids if i != value]
        assert new and all(0 <= i < 2 ** 31 for i in new)
