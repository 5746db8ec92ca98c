"""Cases of the third hostile probe (issue 18), none of them in the other test_hostile files:
fixes that touch, --diff read by patch, PDFs that lie, repeated inputs, configuration that
nests too deep."""
from __future__ import annotations

import gzip
import io
import json
import random
import re
import shlex
import shutil
import subprocess
import sys
import zlib

import pytest
from support import run_cli, write_warc

from gongwen import api, fix as fixmod
from gongwen.document import Document

BAD = "我们开展了检查,发现问题。"
LINTER = api.make_linter({}, select=["ALL"])


# -- fixes from two findings that touch --------------------------------------------------

def _one_at_a_time(text: str, unsafe: bool) -> str:
    """The reference: apply the first fix alone, re-lint, repeat."""
    for _ in range(100):
        found = [d for d in LINTER.lint(Document(path="x.txt", text=text, format="text"))
                 if (f := fixmod.applicable_fix(d, unsafe)) and f.edits]
        if not found:
            return text
        first = min(found, key=lambda d: min((e.start, e.end) for e in d.fix.edits))
        text, _ = fixmod.apply_edits(text, first.fix.edits)
    raise AssertionError("did not converge")


# Ellipses, dots, dashes and commas: pieces whose fixes meet end to end.
_PIECES = [".", "…", "...", "我们", ",", "，", "—", "——", "-", "。", "发现"]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 12))) for _ in range(count)]


@pytest.mark.parametrize("text", ["宣传...…调解", "宣传…...调解", "宣传…...…调解", "宣传—…...…,发现"])
def test_fixes_that_meet_end_to_end_give_what_fixing_one_then_relinting_gives(text):
    """`...…` had a fix per piece, each to ……: applied in one pass they made …………."""
    for unsafe in (False, True):
        fixed, _ = fixmod.fix_text(text, unsafe, select=["ALL"])
        assert fixed == _one_at_a_time(text, unsafe)
        assert "………" not in fixed


def test_a_pass_never_applies_two_fixes_that_touch_on_random_texts():
    for text in _texts(3, 400):
        fixed = fixmod.fix_document(Document(path="x.txt", text=text, format="text"), LINTER).text
        assert fixed == _one_at_a_time(text, False), text


def _finding(start: int, end: int, content: str):
    from gongwen.diagnostic import Diagnostic, Fix, Location, Severity

    return Diagnostic("X001", "x", Severity.ERROR, "x", "x.txt", start, end, Location(1, start + 1),
                      Location(1, end + 1), fixes=(Fix.replace(start, end, content, "x"),))


def test_a_pass_that_took_touching_fixes_is_caught(monkeypatch):
    """The rule before this probe (only overlaps wait) applied both fixes of ``...…`` in one
    pass; with it back, the comparison above fails."""
    text = "宣传...…调解"
    touching = [_finding(2, 5, "……"), _finding(5, 6, "……")]
    assert fixmod.apply_fixes(text, touching)[0] == "宣传……" + "…调解"  # one waits
    monkeypatch.setattr(fixmod, "_touches", fixmod._conflicts)
    assert fixmod.apply_fixes(text, touching)[0] == "宣传…………调解"  # the corrupted mix


def test_fix_twice_is_idempotent_and_jobs_2_equals_jobs_1(tmp_path):
    texts = [t + "\n" for t in _texts(5, 60)] + [BAD + "\r\n", "宣传...…调解,发现\r"]
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        folder.mkdir()
        for i, t in enumerate(texts):
            (folder / f"f{i:03d}.txt").write_bytes(t.encode())
        first = run_cli("check", "--fix", "--jobs", jobs, ".", cwd=folder)
        assert first.returncode in (0, 1) and b"Traceback" not in first.stderr, first.stderr.decode()
        once = {p.name: p.read_bytes() for p in folder.iterdir()}
        second = run_cli("check", "--fix", "--jobs", jobs, ".", cwd=folder)
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == once
        assert "共修复" not in second.stderr.decode()
    assert {p.name: p.read_bytes() for p in (tmp_path / "1").iterdir()} == \
           {p.name: p.read_bytes() for p in (tmp_path / "2").iterdir()}


# -- PDFs that are not what they say ----------------------------------------------------

def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table, object 1 the catalogue."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, deflate: bool = False) -> bytes:
    if deflate:
        data = zlib.compress(data, 9)
    return (b"<< /Length %d%s >>\nstream\n" % (len(data), b" /Filter /FlateDecode" if deflate else b"")
            + data + b"\nendstream")


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"


def _one_page(content: bytes, deflate: bool = False) -> bytes:
    return _pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE, _stream(content, deflate), _FONT])


def _encrypted_pdf(password: str) -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_one_page(b"BT /F1 12 Tf 72 700 Td (Report 2024) Tj ET"))))
    writer.encrypt(password, "owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _lint(tmp_path, name: str, data: bytes, *args: str):
    (tmp_path / name).write_bytes(data)
    result = run_cli("check", "--output-format", "json", *args, name, cwd=tmp_path)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    return result, json.loads(result.stdout)


@pytest.mark.parametrize(("data", "message"), [
    # A password: pypdf's decrypt("") returned "not decrypted" and extraction then failed,
    # reported as a damaged file.
    (_encrypted_pdf("secret"), "已加密"),
    # Pages whose tree loops back on itself.
    (_pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>", _PAGE,
           _stream(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET"), _FONT,
           b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"]), "损坏"),
    # startxref pointing past the end, no trailer at all.
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nstartxref\n999999999\n%%EOF\n", "PDF"),
    # Only an image: no text layer.
    (_pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /XObject << /Im1 5 0 R >> >> >>", _stream(b"q 100 0 0 100 0 0 cm /Im1 Do Q"),
           b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
           b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"]), "没有文字层"),
    # Text named .pdf.
    ((BAD + "\n").encode(), "不是 PDF 文件"),
])
def test_a_pdf_that_cannot_be_read_is_one_clear_finding(tmp_path, data, message):
    result, found = _lint(tmp_path, "r.pdf", data)
    assert result.returncode == 1 and [d["code"] for d in found] == ["LNT901"], found
    assert message in found[0]["message"], found[0]["message"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"] and (tmp_path / "r.pdf").read_bytes() == data


def test_a_pdf_opened_by_the_empty_password_is_read(tmp_path):
    _, found = _lint(tmp_path, "r.pdf", _encrypted_pdf(""))
    assert "已加密" not in json.dumps(found, ensure_ascii=False)


@pytest.mark.parametrize("megabytes", [4, 90])
def test_a_content_stream_that_inflates_to_megabytes_is_refused_before_extraction(tmp_path, megabytes):
    """A few kilobytes of deflate holding megabytes of text operators: pypdf extracts about
    1 MB per 3 CPU seconds, so 4 MB took minutes; past 75 MB pypdf's own cap fired and was
    reported as a damaged file."""
    content = b"BT /F1 12 Tf 72 700 Td " + b"(a) Tj " * (megabytes * 1024 * 1024 // 7) + b"ET"
    data = _one_page(content, deflate=True)
    assert len(data) < megabytes * 1024 * 1024 // 100
    result, found = _lint(tmp_path, "r.pdf", data)
    assert [d["code"] for d in found] == ["LNT901"] and "疑似压缩炸弹" in found[0]["message"], found


def test_a_long_real_looking_pdf_is_within_the_content_budget():
    from gongwen.formats import LIMITS, pdf

    data = _one_page(b"BT /F1 12 Tf 72 700 Td " + b"(Report line) Tj T* " * 20_000 + b"ET", deflate=False)
    assert pdf._content_budget(len(data), LIMITS) > len(data)  # uncompressed: ratio about 1
    assert pdf._content_budget(10_000, LIMITS) == 1 << 20  # a small file still gets a megabyte


def test_thousands_of_empty_pages_end_quickly_as_no_text_layer(tmp_path):
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(1500))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * 1500
    _, found = _lint(tmp_path, "r.pdf", _pdf([_CATALOG, b"<< /Type /Pages /Kids [%s] /Count 1500 >>" % kids, *pages]))
    assert [d["code"] for d in found] == ["LNT901"] and "没有文字层" in found[0]["message"]


@pytest.mark.parametrize("name", ["r.txt", "r.md", "r.html"])
def test_a_pdf_named_as_text_is_refused_not_linted_or_fixed(tmp_path, name):
    """An uncompressed PDF is ASCII: read as text it was linted, and --fix would rewrite it."""
    data = _one_page(b"BT /F1 12 Tf 72 700 Td (" + "我们,发现".encode() + b") Tj ET")
    result, found = _lint(tmp_path, name, data, "--fix")
    assert [d["code"] for d in found] == ["LNT901"] and "PDF" in found[0]["message"], found
    assert ".pdf" in found[0]["help"] and (tmp_path / name).read_bytes() == data


# -- the command line ---------------------------------------------------------------------

def test_standard_input_named_twice_is_refused(tmp_path):
    result = run_cli("check", "-", "-", input=(BAD + "\n").encode(), cwd=tmp_path)
    assert result.returncode == 2 and "只能给一次" in result.stderr.decode() and not result.stdout


def test_a_file_named_twice_or_inside_a_named_folder_is_checked_once(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(BAD + "\n", encoding="utf-8")
    result = run_cli("check", "--output-format", "json", "d/a.txt", "d", "./d/a.txt", "d/../d/a.txt", cwd=tmp_path)
    assert [d["path"] for d in json.loads(result.stdout)] == ["d/a.txt"]
    fixed = run_cli("check", "--fix", "d/a.txt", "d/a.txt", cwd=tmp_path)
    assert "共修复 1 处（1 个文件）" in fixed.stdout.decode() and "检查了 1 个文件" in fixed.stdout.decode()


def test_sigpipe_with_two_jobs_ends_quietly(tmp_path):
    for i in range(200):
        (tmp_path / f"f{i:03d}.txt").write_text(BAD + "\n", encoding="utf-8")
    proc = subprocess.Popen(f"{shlex.quote(sys.executable)} -m gongwen check --jobs 2 "
                            "--output-format concise . | head -1", shell=True, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=120)
    assert out.decode().count("\n") == 1 and b"Traceback" not in err and b"BrokenPipe" not in err


# -- configuration ------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["x = " + "[" * 5000 + "]" * 5000, "a = " + "{b = " * 3000 + "1" + "}" * 3000,
                                  "# " + "x" * (5 << 20)])
def test_a_configuration_nested_too_deep_or_too_big_is_one_message(tmp_path, body):
    """A RecursionError from tomllib was an "internal error"; a 30 MB pyproject took 40 s."""
    (tmp_path / "pyproject.toml").write_text("[tool.gongwen]\n" + body + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(BAD + "\n", encoding="utf-8")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "pyproject.toml" in err and err.count("\n") == 1, err
    assert "内部错误" not in err and not result.stdout


def test_a_configuration_in_a_parent_folder_applies_to_the_tree_below(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.gongwen]\nselect = ["DAT"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(BAD + "\n", encoding="utf-8")
    assert run_cli("check", "--output-format", "json", "a.txt", cwd=tmp_path / "sub").stdout.strip() == b"[]"
    (tmp_path / "sub" / "gongwen.toml").write_text('select = ["PUN"]\n', encoding="utf-8")  # the nearer wins
    found = json.loads(run_cli("check", "--output-format", "json", "a.txt", cwd=tmp_path / "sub").stdout)
    assert [d["code"] for d in found] == ["PUN001"]


# -- --diff is what --fix writes -----------------------------------------------------------

_ENDINGS = {
    "crlf.txt": ((BAD + "\r\n") * 3).encode(),
    "cr.txt": ((BAD + "\r") * 3).encode(),  # patch reads one line: the diff must too
    "mixed.txt": (BAD + "\r\n" + BAD + "\n" + BAD + "\r" + BAD).encode(),
    "bom.txt": b"\xef\xbb\xbf" + (BAD + "\n").encode(),
    "gb.txt": ((BAD + "\r\n") * 2).encode("gb18030"),
    "md.md": ("# 标题\r\n\r\n" + BAD + "\r\n\r\n```\na,b\n```\r\n").encode(),
    "nul.txt": (BAD + "\x00" + BAD + "\n").encode(),  # binary: neither diffed nor fixed
}


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch")
def test_the_diff_applied_by_patch_gives_exactly_the_fixed_files(tmp_path):
    """The diff was of decoded text split at \\r too: patch could not apply it to a CR, mixed,
    BOM or GB18030 file. It is now of the bytes that --fix writes."""
    for name in ("fixed", "patched"):
        (tmp_path / name).mkdir()
        for file, data in _ENDINGS.items():
            (tmp_path / name / file).write_bytes(data)
    diff = run_cli("check", "--diff", ".", cwd=tmp_path / "patched")
    assert diff.returncode == 1 and b"Traceback" not in diff.stderr
    assert run_cli("check", "--fix", ".", cwd=tmp_path / "fixed").returncode == 1  # nul.txt is unreadable
    subprocess.run(["patch", "-s", "-p1", "--binary"], input=diff.stdout, cwd=tmp_path / "patched", check=True)
    for file, data in _ENDINGS.items():
        fixed = (tmp_path / "fixed" / file).read_bytes()
        assert (tmp_path / "patched" / file).read_bytes() == fixed, file
        assert (fixed == data) == (file == "nul.txt"), file
    assert sorted(p.name for p in (tmp_path / "patched").iterdir()) == sorted(_ENDINGS)  # no .orig/.rej


# -- web archives -------------------------------------------------------------------------

def _lying_archive(tmp_path, gzipped: bool) -> bytes:
    """Four pages, the first response declaring 99,999 bytes of content it does not have."""
    plain = tmp_path / "intact.warc"
    write_warc(plain, [(f"http://x.gov.cn/p/{i}.html", "200 OK", "text/html; charset=utf-8",
                        f"<p>{BAD}第{i}页。</p>".encode()) for i in range(4)], gzip=False)
    data = plain.read_bytes()
    at = data.index(b"Content-Length: ", data.index(b"WARC-Type: response"))
    data = data[:at] + b"Content-Length: 99999" + data[data.index(b"\r\n", at):]
    if not gzipped:
        return data
    starts = [m.start() for m in re.finditer(rb"WARC/1\.[01]\r\n", data)]  # one gzip member a record
    return b"".join(gzip.compress(data[a:b]) for a, b in zip(starts, starts[1:] + [len(data)]))


def test_a_warc_record_longer_than_the_file_is_reported_not_swallowing_the_rest(tmp_path):
    """Uncompressed, the lying record takes every byte after it: that page is LNT901 and says
    the records after it were not checked, instead of linting them as one page."""
    (tmp_path / "lie.warc").write_bytes(_lying_archive(tmp_path, gzipped=False))
    result = run_cli("check", "--output-format", "json", "--no-cache", "lie.warc", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(d["path"], d["code"]) for d in found] == [("http://x.gov.cn/p/0.html", "LNT901")]
    assert "超出文件末尾" in found[0]["message"] and "其后的记录未检查" in found[0]["message"]
    assert result.returncode == 1


def test_a_lying_record_in_a_gzipped_warc_costs_only_its_own_page(tmp_path):
    (tmp_path / "lie.warc.gz").write_bytes(_lying_archive(tmp_path, gzipped=True))
    result = run_cli("check", "--output-format", "json", "--no-cache", "lie.warc.gz", cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(d["path"], d["code"]) for d in found if d["code"] == "LNT901"] == [("http://x.gov.cn/p/0.html", "LNT901")]
    assert {d["path"] for d in found if d["code"] != "LNT901"} == {f"http://x.gov.cn/p/{i}.html" for i in (1, 2, 3)}


def test_the_cluster_index_of_a_lying_archive_has_the_same_problems(tmp_path):
    """A cluster indexes an archive with where_only: the same problems in the same places."""
    from gongwen.formats.warc import SkippedRecords, read_pages
    from gongwen.sources import InputOptions, InputProblem

    for gzipped in (False, True):
        data = _lying_archive(tmp_path, gzipped)
        pages = list(read_pages(io.BytesIO(data), "a", InputOptions(), SkippedRecords()))
        index = list(read_pages(io.BytesIO(data), "a", InputOptions(), SkippedRecords(), where_only=True))
        assert [(p.path, p.message) for p in pages if isinstance(p, InputProblem)] == \
               [(p.path, p.message) for p in index if isinstance(p, InputProblem)]
        assert len(index) == (1 if not gzipped else 4)
