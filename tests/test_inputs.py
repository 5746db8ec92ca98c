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
