"""Cases of the fifth hostile probe (issue 18), none of them in the other test_hostile files:
what probe 4 left (a language server fed broken headers, Word ids past 32 bits, escapes in
an error message) and what a careful attacker or a clumsy user tries next."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile

import docx as python_docx
import pytest
from support import lsp_frame, lsp_messages, run_cli

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


# -- the language server fed broken headers ------------------------------------------------

_INITIALIZE = {"jsonrpc": "2.0", "id": 7, "method": "initialize",
               "params": {"processId": None, "rootUri": None, "capabilities": {}}}
_PING = json.dumps({"jsonrpc": "2.0", "method": "$/ping"}).encode()

_BROKEN = {
    "length not a number": b"Content-Length: abc\r\n\r\n" + _PING,
    "negative length": b"Content-Length: -5\r\n\r\n" + _PING,
    "huge length": b"Content-Length: 99999999999999999999999\r\n\r\n" + _PING,
    "no blank line after the header": b"Content-Length: %d\r\n" % len(_PING) + _PING,
    "no Content-Length": b"Content-Type: application/json\r\n\r\n" + _PING,
    "a megabyte of garbage without a line break": b"\x00\xff" * 500_000,
    "a body shorter than its length": b"Content-Length: %d\r\n\r\n" % (len(_PING) + 40) + _PING,
}


@pytest.mark.parametrize("broken", list(_BROKEN))
def test_the_language_server_names_a_malformed_header_and_answers_the_next_message(broken, tmp_path):
    """pygls trusted every header: after one of these the next message's header was glued to
    the body before it and never matched again, so the server lived on but answered nothing
    (a huge length was allocated whole before a byte of it came). Now the bad header is
    named on stderr and the server answers the next well-formed message; at the end of its
    input it exits."""
    pytest.importorskip("pygls")
    sent = _BROKEN[broken] + lsp_frame(_INITIALIZE)
    if broken == "a body shorter than its length":  # it swallows the start of the next one
        sent += lsp_frame({**_INITIALIZE, "id": 8})
    proc = subprocess.run([sys.executable, "-m", "gongwen", "server"], input=sent, capture_output=True,
                          cwd=tmp_path, timeout=120)
    replies = [r for r in lsp_messages(proc.stdout) if "id" in r]
    assert replies and "capabilities" in replies[-1]["result"], (proc.stdout[:300], proc.stderr[-500:])
    assert "gongwen server：" in proc.stderr.decode()
    assert not _controls(proc.stderr)


def test_well_formed_messages_pass_the_header_check_unchanged():
    """Whatever headers a client adds (Content-Type, any case, spaces), every body reaches
    pygls as sent: the check must not cost a real editor a message."""
    from gongwen.server_input import FramedInput

    bodies = [json.dumps({"jsonrpc": "2.0", "id": i, "params": {"text": "甲\r\n乙" * i}}).encode()
              for i in range(1, 40)]
    heads = [b"Content-Length: %d\r\n\r\n", b"content-length:%d\r\n\r\n",
             b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: %d\r\n\r\n",
             b"Content-Length: %d  \r\nX-Other: 1\r\n\r\n"]
    raw = b"".join(heads[i % len(heads)] % len(b) + b for i, b in enumerate(bodies))
    log = io.StringIO()
    framed, got = FramedInput(io.BytesIO(raw), log), []
    while line := framed.readline():
        length = int(line.split(b":")[1])
        assert framed.readline() == b"\r\n"
        got.append(framed.read(length))
    assert got == bodies and log.getvalue() == ""


# -- the Markdown reader on pages of many blocks -------------------------------------------

def test_the_markdown_span_test_agrees_with_trying_every_span():
    """Comments and reference definitions were each tested against every code block (9 s for
    8,000 of each); the bisection must answer as the plain test does, and a wrong bisection
    (bisect_left, which misses an offset at a span's start) is caught."""
    import bisect
    import random

    from gongwen.formats import markdown

    rnd = random.Random(5)
    for _ in range(3000):
        spans = sorted({(a, a + rnd.randint(0, 6)) for a in rnd.sample(range(60), rnd.randint(0, 8))})
        test = markdown._inside(spans)
        starts = [s for s, _ in spans]
        wrong = 0
        for x in range(-2, 70):
            plain = any(s <= x < e for s, e in spans)
            assert test(x) == plain, (spans, x)
            i = bisect.bisect_left(starts, x) - 1
            wrong += (i >= 0 and x < spans[i][1]) != plain
    assert wrong


_MARKS = "`<>[]()#: \nab甲，-\"/@"


def _markdown_pages(count: int) -> list[str]:
    import random

    rnd = random.Random(7)
    return ["".join(rnd.choice(_MARKS) for _ in range(rnd.randint(0, 60))) for _ in range(count)]


def test_the_markdown_reader_masks_as_it_would_trying_every_pattern_everywhere(monkeypatch):
    """The inline patterns are tried only on prose holding their first character (and only
    on spans holding one of those characters); on random pages of Markdown marks the document
    must be what trying each pattern everywhere gives, and a gate that skips a span's first
    character or forgets a mark is caught."""
    from gongwen.formats import markdown

    import re

    pages = _markdown_pages(4000)
    gated = [markdown.read(p, "p.md").text for p in pages]
    with monkeypatch.context() as patch:
        patch.setattr(markdown, "_occurs", lambda text, ch, s, e: True)
        patch.setattr(markdown, "_INLINE_MARK", re.compile(r"(?s)."))
        assert [markdown.read(p, "p.md").text for p in pages] == gated
    with monkeypatch.context() as patch:
        patch.setattr(markdown, "_occurs", lambda text, ch, s, e: text.find(ch, s + 1, e) >= 0)
        assert [markdown.read(p, "p.md").text for p in pages] != gated
    with monkeypatch.context() as patch:  # a span gate that forgets the quote mark
        patch.setattr(markdown, "_INLINE_MARK", re.compile(r"[`<\[#]"))
        assert [markdown.read(p, "p.md").text for p in pages] != gated


# -- suppression comments by the thousand --------------------------------------------------

class _Found:
    def __init__(self, code: str, start: int) -> None:
        self.code, self.start = code, start


def _plain_unsuppressed(sups, diagnostics) -> tuple[list, list[bool]]:
    """The suppression test as it was: every finding against every directive."""
    kept = []
    for d in diagnostics:
        hit = [s for s in sups if s.start <= d.start < s.end and s.directive.covers(d.code)]
        for s in hit:
            s.used = True
        if not hit:
            kept.append(d)
    return kept, [s.used for s in sups]


def _random_suppressions(rnd):
    from gongwen.suppression import Directive, build

    units = sorted({(a, a + rnd.randint(0, 5)) for a in rnd.sample(range(80), rnd.randint(0, 10))})
    directives = []
    for _ in range(rnd.randint(0, 8)):
        start = rnd.randrange(80)
        codes = tuple(rnd.sample(["PUN", "PUN001", "DAT001", "DAT"], rnd.randint(0, 2)))
        directives.append(Directive(rnd.choice(["disable", "enable", "disable-next-block"]), codes, "",
                                    start, start + rnd.randint(0, 4)))
    return units, directives, build(directives, units, 90)


def test_suppressions_hide_and_count_as_the_plain_test_does(monkeypatch):
    """Every finding was tested against every directive and every next-block directive
    scanned every unit (8,000 directives in a Markdown page: 30 s). On random directives,
    units and findings the bisections must give what the plain scans give, and a wrong
    bisection (bisect_right, missing a finding at a range's first offset) is caught."""
    import bisect
    import random
    import types

    from gongwen import suppression

    def compare(rnd) -> bool:
        units, directives, sups = _random_suppressions(rnd)
        for s, d in zip([s for s in sups if s.directive.kind == "disable-next-block"],
                        [d for d in sorted(directives, key=lambda d: d.start) if d.kind == "disable-next-block"]):
            if (s.start, s.end) != next(((a, b) for a, b in units if a >= d.end), (d.end, d.end)):
                return False
        found = [_Found(rnd.choice(["PUN001", "PUN002", "DAT001"]), rnd.randrange(90)) for _ in range(rnd.randint(0, 12))]
        again = [suppression.Suppression(s.directive, s.start, s.end) for s in sups]
        kept = suppression._unsuppressed(sups, found, lambda x: x)
        plain_kept, plain_used = _plain_unsuppressed(again, found)
        return kept == plain_kept and [s.used for s in sups] == plain_used

    rnd = random.Random(11)
    assert all(compare(rnd) for _ in range(4000))
    wrong = types.SimpleNamespace(bisect_left=bisect.bisect_right)
    monkeypatch.setattr(suppression, "bisect", wrong)
    rnd = random.Random(11)
    assert not all(compare(rnd) for _ in range(4000))


# -- baselines that are not what they claim ------------------------------------------------

_HEADER = '{"format": "gongwen-baseline", "version": 1, '


@pytest.mark.parametrize("content", [
    _HEADER + '"findings": 5}', _HEADER + '"findings": [1]}', _HEADER + '"findings": [{"code": "PUN001"}]}',
    _HEADER + '"findings": [{"fingerprint": [1]}]}', _HEADER + '"findings": {"a": 1}}',
    "[" * 100_000 + "]" * 100_000,
])
def test_a_malformed_baseline_is_one_clear_error_naming_it(tmp_path, content):
    """A baseline with the right header but findings of the wrong shape, or nested deeper than
    the JSON reader recurses, was an internal error (TypeError, KeyError, RecursionError)."""
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "base.json").write_text(content, encoding="utf-8")
    proc = run_cli("check", "--baseline", "base.json", "r.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "内部错误" not in err and "无法读取基线 base.json" in err, err


# -- the findings cache ---------------------------------------------------------------------

_PLANTED = """
import glob, os, pickle, sys
class Planted:
    def __reduce__(self):
        return (open, (sys.argv[1], "w"))
for entry in glob.glob(".gongwen_cache/*/*.pickle"):
    with open(entry, "wb") as out:
        out.write(pickle.dumps(Planted()))
"""


def test_a_cache_entry_planted_in_a_checked_out_tree_is_never_unpickled(tmp_path):
    """The cache lives in the project (.gongwen_cache) and its entries were unpickled as found:
    a repository that ships a crafted entry ran code on the machine of whoever checked it.
    Entries now carry a MAC under a key of the user's own, so a planted one is a miss."""
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    first = run_cli("check", "r.txt", "--output-format", "json", cwd=tmp_path, env=env)
    marker = tmp_path / "ran-planted-code"
    subprocess.run([sys.executable, "-c", _PLANTED, str(marker)], cwd=tmp_path, check=True)
    again = run_cli("check", "r.txt", "--output-format", "json", cwd=tmp_path, env=env)
    assert not marker.exists()
    assert again.returncode == first.returncode == 1 and again.stdout == first.stdout


@pytest.mark.parametrize("planted", ["folder", "rule-set folder", "marker", "entry"])
def test_a_cache_reached_through_a_planted_link_is_neither_written_nor_read_there(tmp_path, planted):
    """A checked-out tree could make .gongwen_cache (or the rule-set folder, or a marker) a
    link to any folder: a link to /etc had .gitignore, CACHEDIR.TAG and the entries written
    there; a dangling marker link created its target. An entry linked to a FIFO hung."""
    import os

    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    (tree / "r.txt").write_text(BAD, encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    cache = tree / ".gongwen_cache"
    if planted == "folder":
        cache.symlink_to(outside)
    else:
        run_cli("check", "r.txt", cwd=tree, env=env)
        (folder,) = [p for p in cache.iterdir() if p.is_dir()]
        if planted == "rule-set folder":
            for p in folder.iterdir():
                p.unlink()
            folder.rmdir()
            folder.symlink_to(outside)
        elif planted == "marker":
            for name in (".gitignore", "CACHEDIR.TAG"):
                (cache / name).unlink()
                (cache / name).symlink_to(outside / name)
            for p in folder.iterdir():
                p.unlink()
            folder.rmdir()
        else:
            (entry,) = folder.iterdir()
            entry.unlink()
            os.mkfifo(outside / "fifo")
            entry.symlink_to(outside / "fifo")
    proc = run_cli("check", "r.txt", "--output-format", "concise", cwd=tree, env=env)
    assert proc.returncode == 1 and b"PUN001" in proc.stdout
    assert [p.name for p in outside.iterdir()] == (["fifo"] if planted == "entry" else [])


def _with_member(data: bytes, name: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        with dst.open(name, "w") as member:
            for _ in range(size >> 20):
                member.write(b"\0" * (1 << 20))
    return out.getvalue()


def test_annotate_copies_a_big_picture_in_pieces_and_refuses_a_zip_bomb(monkeypatch):
    """Every member was read whole to be copied: a 1.5 GB picture that deflates to 2 MB took
    3 GB of memory and 94 s. Members are now copied in chunks (the picture comes back byte
    for byte), and one that inflates past the reader's whole budget at a bomb's ratio is
    refused (shown here with the budget scaled down)."""
    from gongwen.annotate import package
    from gongwen.annotate.package import PackageError
    from gongwen.formats import Limits

    data = _with_member(_docx_with_id("5"), "word/media/image1.png", 8 << 20)
    doc = api.read_bytes(data, path="r.docx")
    linter = api.make_linter()
    found = api.lint_document(doc, linter)
    result = annotate(data, doc, found, linter)
    with zipfile.ZipFile(io.BytesIO(result.data)) as z:
        assert z.read("word/media/image1.png") == b"\0" * (8 << 20)
    monkeypatch.setattr(package, "LIMITS", Limits(max_decompressed=4 << 20))
    with pytest.raises(PackageError, match="压缩炸弹"):
        annotate(data, doc, found, linter)


def test_a_file_this_run_creates_gets_the_mode_of_any_new_file(tmp_path):
    """--annotate's copy went through mkstemp and kept its 0600: the annotated .docx a
    reviewer was to open from a shared folder could be read by its writer only."""
    import os

    from gongwen.safe_write import write_new

    before = os.umask(0o022)
    try:
        write_new(tmp_path / "r.gongwen.docx", b"PK")
    finally:
        os.umask(before)
    assert (tmp_path / "r.gongwen.docx").stat().st_mode & 0o777 == 0o644
