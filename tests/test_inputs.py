"""Bad inputs get one clear diagnostic each and never stop the other files."""
from __future__ import annotations

import codecs
import json

from support import run_cli


def _json(result):
    return json.loads(result.stdout)


def test_unreadable_binary_and_empty_files_are_reported_and_others_checked(tmp_path):
    (tmp_path / "a_binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_gbk.txt").write_bytes("第次会议".encode("gb18030"))  # detected, not refused
    (tmp_path / "c_invalid.txt").write_bytes(b"report \x80\xff\x80\xff end")
    (tmp_path / "d_good.txt").write_text("第次会议\n", encoding="utf-8")
    result = run_cli("check", "--output-format", "json", ".", cwd=tmp_path)
    assert result.returncode == 1
    found = [(d["path"], d["code"]) for d in _json(result)]
    assert found == [("a_binary.txt", "LNT901"), ("b_empty.txt", "LNT902"),
                     ("c_gbk.txt", "TYP005"), ("c_invalid.txt", "LNT901"), ("d_good.txt", "TYP005")]
    messages = {d["path"]: d["message"] for d in _json(result)}
    assert "二进制" in messages["a_binary.txt"]
    assert "UTF-8" in messages["c_invalid.txt"] and "第 7 字节" in messages["c_invalid.txt"]


def test_explicit_encoding_and_boms(tmp_path):
    (tmp_path / "gb.txt").write_bytes("会议于2025127召开。".encode("gb18030"))
    (tmp_path / "u16.txt").write_bytes(codecs.BOM_UTF16_LE + "会议于2025127召开。".encode("utf-16-le"))
    (tmp_path / "u8bom.txt").write_bytes(codecs.BOM_UTF8 + "会议于2025127召开。".encode())
    gb = _json(run_cli("check", "--output-format", "json", "--encoding", "gb18030", "gb.txt", cwd=tmp_path))
    assert [(d["code"], d["location"]["column"]) for d in gb] == [("DAT001", 4)]
    both = _json(run_cli("check", "--output-format", "json", "u16.txt", "u8bom.txt", cwd=tmp_path))
    # The BOM is not a character of the text: columns are the same as without it.
    assert [(d["path"], d["code"], d["location"]["column"]) for d in both] == [
        ("u16.txt", "DAT001", 4), ("u8bom.txt", "DAT001", 4)]


# --- formats, malformed inputs, discovery (issue 6) -----------------------------------

import io  # noqa: E402
import os  # noqa: E402
import zipfile  # noqa: E402

import pytest  # noqa: E402

from gongwen import api  # noqa: E402
from gongwen.formats import Limits, docx as docx_reader  # noqa: E402
from support import FIXTURES  # noqa: E402

DOCX = (FIXTURES / "reports" / "yanfeng-2024.docx").read_bytes()
PDF = (FIXTURES / "reports" / "yanfeng-2024.pdf").read_bytes()


def _problem(data: bytes, name: str):
    doc = api.read_bytes(data, path=name)
    assert isinstance(doc, api.InputProblem), f"{name} was read as a document"
    assert doc.code == "LNT901" and doc.path == name
    return doc.message


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_truncated_docx_is_a_clear_error():
    for cut in (len(DOCX) // 2, len(DOCX) - 30, 100):
        assert "截断" in _problem(DOCX[:cut], "cut.docx")


def test_docx_without_document_part_and_a_doc_renamed():
    assert "word/document.xml" in _problem(_zip({"a.txt": b"x"}), "other.docx")
    assert "截断" in _problem(b"\xd0\xcf\x11\xe0 old binary .doc" * 10, "old.docx")


def test_zip_bomb_is_refused_by_declared_ratio_and_by_counting(monkeypatch):
    bomb = _zip({"word/document.xml": b"<" + b" " * (150 * 1024 * 1024)})
    inflated = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, *a, **k: inflated.append(a) or real_open(self, *a, **k))
    assert "压缩炸弹" in _problem(bomb, "bomb.docx")
    assert inflated == []  # refused from the header: no member was opened, nothing inflated
    monkeypatch.undo()
    # Headers can lie; the streaming cap counts what actually inflates.
    small = _zip({"word/document.xml": b"<w:document/>" + b" " * 300_000})
    with pytest.raises(docx_reader.FormatError, match="压缩炸弹"):
        docx_reader.read(small, "s.docx", Limits(max_member=100_000, max_ratio=10**9))


def test_xml_entity_bomb_is_refused():
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    # defusedxml refuses the entity declarations themselves, before anything is expanded.
    message = _problem(_zip({"word/document.xml": lol}), "lol.docx")
    assert "实体" in message


def test_broken_pdfs_are_clear_errors():
    assert "PDF" in _problem(PDF[: len(PDF) // 3], "cut.pdf")
    assert "PDF" in _problem(b"%PDF-1.4\n%garbage only\n", "junk.pdf")


def test_invalid_utf8_in_each_text_format():
    for name in ("x.txt", "x.md", "x.html"):
        message = _problem(b"ok \xff\xfe\x80 <p>bad</p>" * 3, name)
        assert "解码" in message


def test_huge_single_line_is_refused_and_a_large_one_is_linted(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # 100 MB, one "line" of NULs is binary anyway…
    with huge.open("r+b") as fh:  # …so make it text: one 100 MB line of Chinese and commas
        chunk = ("第一次会议,2024年" * 4000).encode()
        for _ in range(100 * 1024 * 1024 // len(chunk)):
            fh.write(chunk)
    result = run_cli("check", "--output-format", "json", "huge.txt", cwd=tmp_path)
    [d] = _json(result)
    assert d["code"] == "LNT901" and "过大" in d["message"]
    # Under the size cap a long single line is linted, every span inside the text. What it
    # costs against prose of the same size is measured in benchmarks/speed (adversarial inputs).
    linter = api.make_linter()
    n = 100_000
    for adversarial in ("第" * n, "1" * n, " " * (n - 1) + "x", "<!--" * (n // 4)):
        doc = api.read_bytes(adversarial.encode(), path="l.txt")
        assert all(0 <= d.start <= d.end <= len(doc.text) for d in api.lint_document(doc, linter))


def test_gb18030_and_per_glob_encoding_from_config(tmp_path):
    (tmp_path / "legacy").mkdir()
    # Big5 bytes that are also valid GB18030: detection cannot know; the config says.
    (tmp_path / "legacy" / "a.txt").write_bytes("第次會議於本年召開".encode("big5"))
    (tmp_path / "gongwen.toml").write_text('[encodings]\n"legacy/*.txt" = "big5"\n', encoding="utf-8")
    found = _json(run_cli("check", "--output-format", "json", "legacy", cwd=tmp_path))
    assert [d["code"] for d in found] == ["TYP005"]
    (tmp_path / "gongwen.toml").write_text('[encodings]\n"*.txt" = "no-such-codec"\n', encoding="utf-8")
    bad = run_cli("check", "legacy", cwd=tmp_path)
    assert bad.returncode == 2 and "no-such-codec" in bad.stderr.decode()


def test_utf16_without_bom_needs_the_option(tmp_path):
    (tmp_path / "u.txt").write_bytes("第次会议 2024".encode("utf-16-le"))
    assert [d["code"] for d in _json(run_cli("check", "--output-format", "json", "u.txt", cwd=tmp_path))] == ["LNT901"]
    ok = _json(run_cli("check", "--output-format", "json", "--encoding", "utf-16-le", "u.txt", cwd=tmp_path))
    assert [d["code"] for d in ok] == ["TYP005"]


def test_line_endings_are_preserved(tmp_path):
    (tmp_path / "crlf.txt").write_bytes("第一段。\r\n第次会议。\r\n".encode())
    (tmp_path / "cr.md").write_bytes("第一段。\r\r第次会议。\r".encode())
    found = _json(run_cli("check", "--output-format", "json", ".", cwd=tmp_path))
    assert [(d["path"], d["location"]["line"], d["location"]["column"]) for d in found] == [
        ("cr.md", 3, 1), ("crlf.txt", 2, 1)]


def _tree(tmp_path):
    for rel in ("a.txt", "b.md", "c.html", "notes.rst", "build/out.txt", "drafts/x.txt",
                "drafts/keep.txt", "node_modules/m.txt", ".hidden/h.txt"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<p>第次会议</p>" if rel.endswith(".html") else "第次会议\n", encoding="utf-8")


def _paths(result):
    return sorted({d["path"] for d in _json(result)})


def test_walk_picks_known_suffixes_and_respects_gitignore_and_excludes(tmp_path):
    _tree(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\ndrafts/*.txt\n!drafts/keep.txt\n", encoding="utf-8")
    found = _paths(run_cli("check", "--output-format", "json", ".", cwd=tmp_path))
    assert found == ["a.txt", "b.md", "c.html", "drafts/keep.txt"]
    (tmp_path / "gongwen.toml").write_text('exclude = ["*.md"]\nrespect-gitignore = false\n', encoding="utf-8")
    found = _paths(run_cli("check", "--output-format", "json", ".", cwd=tmp_path))
    assert found == ["a.txt", "build/out.txt", "c.html", "drafts/keep.txt", "drafts/x.txt"]
    (tmp_path / "gongwen.toml").write_text('include = ["*.rst", "a.txt"]\n', encoding="utf-8")
    assert _paths(run_cli("check", "--output-format", "json", ".", cwd=tmp_path)) == ["a.txt", "notes.rst"]


def test_explicit_paths_bypass_exclude_unless_force_exclude(tmp_path):
    _tree(tmp_path)
    (tmp_path / "gongwen.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    named = run_cli("check", "--output-format", "json", "drafts/x.txt", cwd=tmp_path)
    assert _paths(named) == ["drafts/x.txt"]
    forced = run_cli("check", "--output-format", "json", "--force-exclude", "drafts/x.txt", "a.txt", cwd=tmp_path)
    assert _paths(forced) == ["a.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_loop_and_dangling_link_are_reported_not_fatal(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("第次会议\n", encoding="utf-8")
    os.symlink("..", tmp_path / "d" / "loop")
    os.symlink("missing.txt", tmp_path / "dead.txt")
    result = run_cli("check", "--output-format", "json", ".", cwd=tmp_path)
    found = [(d["path"], d["code"]) for d in _json(result)]
    assert ("d/a.txt", "TYP005") in found and ("dead.txt", "LNT901") in found
    assert any(code == "LNT901" and "循环" in d["message"] for d in _json(result)
               for code in [d["code"]])
    assert len([f for f in found if f == ("d/a.txt", "TYP005")]) == 1


def test_stdin_filename_picks_the_format():
    md = "```\n第次会议\n```\n\n第次会议\n".encode()
    found = _json(run_cli("check", "--output-format", "json", "--stdin-filename", "r.md", "-", input=md))
    assert [(d["path"], d["location"]["line"]) for d in found] == [("r.md", 5)]
    page = "<script>第次</script>\n<p>第次会议</p>".encode()
    found = _json(run_cli("check", "--output-format", "json", "--stdin-filename", "r.html", "-", input=page))
    assert [(d["code"], d["location"]["line"], d["location"]["column"]) for d in found] == [("TYP005", 2, 4)]
    found = _json(run_cli("check", "--output-format", "json", "--stdin-filename", "r.docx", "-", input=DOCX))
    assert found and all(d["path"] == "r.docx" for d in found)


def test_pathological_html_is_read_whole():
    """Unterminated constructs (html.parser's close() used to rescan each to the end, which was
    quadratic) are read to the end without an error; their cost is a benchmark's matter."""
    from gongwen.formats import html as html_reader
    from gongwen.formats.html_content import SelectorError

    for unit in ("<!--", "<a x='", "<a ", "<![CDATA[", "<div>", "<p>第次<b>"):
        page = unit * 4000
        doc = html_reader.read(page, "x.html", None)
        assert doc.source == page and len(doc.text) <= len(page), unit
        try:
            html_reader.read(page, "x.html", "div")
        except SelectorError:  # a page without a <div>: the selector selects nothing
            pass
    # An unclosed comment runs to the end of the file and still works as a directive.
    found = api.lint_document(api.read_bytes("<p>第次会议</p><!-- gongwen-disable TYP005".encode(),
                                             path="u.html"), api.make_linter())
    assert [d.code for d in found] == ["TYP005", "LNT001"]
