"""Cases of the second hostile probe (issue 18), none of them in the other test_hostile files."""
from __future__ import annotations

import errno
import io
import json
import os
import signal
import subprocess
import sys
import time
import warnings
import zipfile
from urllib.parse import unquote

import pytest

from gongwen import config
from support import run_cli

BAD = "我们开展了检查,发现问题。\n"


@pytest.mark.parametrize("name", ["pyproject.toml", "gongwen.toml"])
def test_a_config_saved_with_a_byte_order_mark_is_read(tmp_path, name):
    """Windows Notepad writes a BOM; tomllib called it an invalid statement at line 1."""
    body = ("[tool.gongwen]\n" if name == "pyproject.toml" else "") + 'select = ["DAT"]\n'
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + body.encode())
    assert config.load(start=tmp_path).values["select"] == ["DAT"]
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--output-format", "json", "a.txt", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == [], result.stderr.decode()


@pytest.mark.skipif(os.name != "posix", reason="names as bytes")
@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "junit", "github", "html"])
def test_names_with_bytes_that_are_not_utf8_or_a_newline_are_reported_not_lost(tmp_path, fmt):
    """bad\\xff.txt used to crash every writer (LNT905, its findings lost): its name held a
    lone surrogate. A newline in a name split the concise and GitHub lines in two."""
    for name in (b"bad\xff.txt", b"new\nline.txt"):
        with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
            handle.write(BAD.encode())
    result = run_cli("check", "--output-format", fmt, ".", cwd=tmp_path)
    out = result.stdout.decode("utf-8")  # whole UTF-8, whatever the names
    assert result.returncode == 1, result.stderr.decode()
    crashed = '"ruleId": "LNT905"' if fmt == "sarif" else "LNT905"  # SARIF lists every rule
    assert crashed not in out and "Traceback" not in result.stderr.decode()
    shown = (unquote(out) if fmt == "sarif" else out).replace("\\\\", "\\")  # URIs; JSON strings
    assert "bad\\xff.txt" in shown and "new\\nline.txt" in shown
    if fmt in ("concise", "github"):  # one line per finding, each naming its file
        assert len(out.splitlines()) == 2
    fixed = run_cli("check", "--fix", ".", cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr.decode()
    for name in (b"bad\xff.txt", b"new\nline.txt"):
        with open(os.path.join(os.fsencode(tmp_path), name), "rb") as handle:
            assert handle.read() == BAD.replace(",", "，").encode()


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups")
def test_ctrl_c_during_a_parallel_fix_ends_every_process_and_damages_nothing(tmp_path):
    """Ctrl-C reaches the whole process group. Workers took it as an error of their job and
    went on, orphaned, holding the terminal: the run never ended. Whenever it comes, every
    process now ends, each file is either as it was or wholly fixed, and no temporary is left."""
    text = BAD * 20_000
    for i in range(24):
        (tmp_path / f"f{i}.txt").write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "gongwen", "check", "--fix", "--jobs", "2", "."],
                            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(2)  # somewhere in the run; any moment must do
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=100)  # EOF on stderr: no process holds it any more
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    assert proc.returncode in (130, 0), err.decode()
    assert b"Traceback" not in err
    fixed = text.replace(",", "，")
    assert {p.read_text(encoding="utf-8") in (text, fixed) for p in tmp_path.iterdir()} == {True}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"f{i}.txt" for i in range(24))


_CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
_DOCUMENT = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
             'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>' + BAD.strip() + '</w:t></w:r></w:p>'
             '</w:body></w:document>')


def _docx(members: list[tuple[str, str]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate names made on purpose
        with zipfile.ZipFile(buffer, "w") as z:
            for name, data in members:
                z.writestr(name, data)
    return buffer.getvalue()


def _encrypted(data: bytes) -> bytes:
    """The zip with the 'encrypted' flag set on every entry, as a zip tool's password leaves it."""
    out = bytearray(data)
    for magic, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = out.find(magic)
        while i >= 0:
            out[i + flag_at] |= 1
            i = out.find(magic, i + 4)
    return bytes(out)


@pytest.mark.parametrize(("data", "message"), [
    (_encrypted(_docx([("[Content_Types].xml", _CONTENT_TYPES), ("word/document.xml", _DOCUMENT)])), "已加密"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "OLE 复合文档"),
])
def test_a_password_protected_word_file_is_named_as_such(tmp_path, data, message):
    """An encrypted zip member raised RuntimeError: reported as a crash of the reader (LNT904)."""
    (tmp_path / "r.docx").write_bytes(data)
    found = json.loads(run_cli("check", "--output-format", "json", "r.docx", cwd=tmp_path).stdout)
    assert [d["code"] for d in found] == ["LNT901"] and message in found[0]["message"], found
    assert "密码" in found[0]["help"]


def test_odd_member_names_in_a_docx_are_never_written_or_followed(tmp_path):
    """Duplicate names and names that climb out (../, /abs) are read from the zip, never
    extracted: nothing appears outside it, and the document is still checked."""
    data = _docx([("[Content_Types].xml", _CONTENT_TYPES), ("../../evil.xml", _DOCUMENT),
                  ("/abs.xml", _DOCUMENT), ("word/document.xml", _DOCUMENT), ("word/document.xml", _DOCUMENT)])
    site = tmp_path / "a" / "b"
    site.mkdir(parents=True)
    (site / "r.docx").write_bytes(data)
    found = json.loads(run_cli("check", "--output-format", "json", "--fix", "r.docx", cwd=site).stdout or b"[]")
    assert [d["code"] for d in found] == ["PUN001"]
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["a", "a/b", "a/b/r.docx"]
    assert (site / "r.docx").read_bytes() == data  # --fix never rewrites a Word file


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["full", "json", "sarif"])
def test_a_full_disk_under_the_report_is_one_clear_message(tmp_path, fmt):
    """/dev/full fails every write with ENOSPC: it was an "internal error" with a repr."""
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--output-format", fmt, "-o", "/dev/full", "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and err.count("\n") == 1, err
    assert "ENOSPC" in err and "内部错误" not in err and "Traceback" not in err


def test_a_full_disk_during_a_fix_leaves_the_file_and_no_temporary(tmp_path, monkeypatch):
    from gongwen import safe_write

    f = tmp_path / "r.txt"
    f.write_bytes(BAD.encode())

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", full)
    with pytest.raises(OSError):
        safe_write.write_atomic(f, BAD.replace(",", "，").encode(), safe_write.digest(BAD.encode()))
    assert f.read_bytes() == BAD.encode() and [p.name for p in tmp_path.iterdir()] == ["r.txt"]
