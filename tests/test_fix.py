"""--fix, --unsafe-fixes, --diff, --show-fixes and gongwen.fix_text: what is applied, what never
is, and what a write keeps (encoding, BOM, line endings, mode) or refuses to overwrite."""
from __future__ import annotations

import os
import stat

import pytest
from support import SEED, run_cli

import gongwen
from gongwen import api, fix as fixmod
from gongwen.diagnostic import Applicability

BAD = "2024年,全区共办理行政复议案件57件,同比增长5%。\n"
GOOD = "2024年，全区共办理行政复议案件57件，同比增长5%。\n"


def test_fix_text_applies_safe_fixes_and_reports_them():
    new, applied = gongwen.fix_text(BAD)
    assert new == GOOD
    assert [(a.code, a.title, a.applicability) for a in applied] == [
        ("PUN001", "改为“，”", Applicability.SAFE)] * 2


def test_unsafe_fixes_only_when_asked():
    text = "2024全区共办理行政复议案件57件。\n"  # DAT005: 补“年” is unsafe
    assert gongwen.fix_text(text)[0] == text
    assert gongwen.fix_text(text, unsafe=True)[0] == "2024年全区共办理行政复议案件57件。\n"


def test_ambiguous_date_is_never_repaired():
    text = "雁峰区人民政府\n2025127\n"
    for unsafe in (False, True):
        new, applied = gongwen.fix_text(text, unsafe=unsafe)
        assert new == text and applied == []
    assert api.lint_text(text, select=["DAT001"])  # still reported


def test_seed_fix_converges_and_leaves_no_safe_fix():
    text = SEED.read_text(encoding="utf-8")
    linter = api.make_linter({})
    from gongwen.document import Document

    result = fixmod.fix_document(Document(path="seed.txt", text=text), linter)
    assert result.converged and result.passes >= 1
    assert len(result.applied) == 194
    assert not [d for d in result.remaining if fixmod.applicable_fix(d, False)]
    assert any(d.code == "DAT001" for d in result.remaining)
    assert gongwen.fix_text(result.text)[0] == result.text


def test_overlapping_fixes_wait_for_the_next_pass():
    from gongwen.diagnostic import Edit, Fix
    from dataclasses import replace

    d = api.lint_text("甲,乙\n", select=["PUN001"])[0]
    first = replace(d, fixes=(Fix((Edit(1, 2, "，"),), Applicability.SAFE, "a"),))
    second = replace(d, code="X", fixes=(Fix((Edit(1, 2, "、"), Edit(3, 3, "!")), Applicability.SAFE, "b"),))
    text, applied = fixmod.apply_fixes("甲,乙\n", [second, first])
    assert text in ("甲，乙\n", "甲、乙!\n") and len(applied) == 1  # all of a fix or none of it


def test_cli_fix_writes_and_exit_code_reflects_what_remains(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--fix", "--show-fixes", str(f))
    assert result.returncode == 0, result.stdout.decode()
    assert f.read_text(encoding="utf-8") == GOOD
    out = result.stdout.decode()
    assert "2 × PUN001 改为“，”" in out and "共修复 2 处（1 个文件）" in out
    # With something no fix can repair the exit code stays 1 after fixing the rest.
    f.write_text(BAD + "成文日期：2025127\n", encoding="utf-8")
    result = run_cli("check", "--fix", "--output-format", "concise", str(f))
    assert result.returncode == 1
    assert f.read_text(encoding="utf-8").startswith(GOOD)
    assert "DAT001" in result.stdout.decode() and "PUN001" not in result.stdout.decode()


def test_cli_diff_writes_nothing(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--diff", str(f), cwd=tmp_path)
    assert result.returncode == 1
    assert f.read_text(encoding="utf-8") == BAD
    assert result.stdout.decode().splitlines() == [
        "--- a/a.txt", "+++ b/a.txt", "@@ -1 +1 @@", "-" + BAD.rstrip("\n"), "+" + GOOD.rstrip("\n")]
    f.write_text(GOOD, encoding="utf-8")
    clean = run_cli("check", "--diff", str(f), cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == b""


def test_stdin_fix_prints_the_fixed_text():
    result = run_cli("check", "--fix", "-", input=BAD.encode())
    assert result.stdout.decode() == GOOD and result.returncode == 0


@pytest.mark.parametrize(("encoding", "cli_encoding", "newline"), [
    ("utf-8", None, "\n"),
    ("utf-8-sig", None, "\r\n"),
    ("gb18030", "gb18030", "\r\n"),
    ("gb18030", "gb18030", "\r"),
    ("utf-16", None, "\r\n"),       # BOM (little-endian here)
    ("utf-16-be-bom", None, "\n"),  # big-endian with BOM
    ("utf-16-le", "utf-16-le", "\n"),
])
def test_fix_round_trips_encoding_bom_and_line_endings(tmp_path, encoding, cli_encoding, newline):
    text = ("标题\n" + BAD + "第二段,没有问题。\n").replace("\n", newline)
    expected = ("标题\n" + GOOD + "第二段，没有问题。\n").replace("\n", newline)
    if encoding == "utf-16-be-bom":
        data, enc = b"\xfe\xff" + text.encode("utf-16-be"), lambda t: b"\xfe\xff" + t.encode("utf-16-be")
    else:
        data, enc = text.encode(encoding), lambda t: t.encode(encoding)
    f = tmp_path / "r.txt"
    f.write_bytes(data)
    os.chmod(f, 0o640)
    args = ["check", "--fix", str(f)] + (["--encoding", cli_encoding] if cli_encoding else [])
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr.decode() + result.stdout.decode()
    assert f.read_bytes() == enc(expected)
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]  # no temporary file left


@pytest.fixture
def unencodable_fix(monkeypatch):
    """The file's codec as if it lacked the fixed characters (the original still round-trips)."""
    from gongwen import safe_write

    real = safe_write.encode_like

    def latin1(text, data, encoding):
        return data if text == BAD else real(text, data, "latin-1")

    monkeypatch.setattr(safe_write, "encode_like", latin1)


def test_unencodable_fix_is_not_written(tmp_path, unencodable_fix):
    with pytest.raises(UnicodeEncodeError):
        fixmod.encode_like("甲，乙", b"", "latin-1")
    f = tmp_path / "a.txt"
    f.write_text(BAD, encoding="utf-8")
    outcome = fixmod.fix_path(f, api.make_linter({}))
    assert not outcome.written and "无法用" in outcome.refused
    assert f.read_text(encoding="utf-8") == BAD
    assert [d.code for d in outcome.result.remaining].count("PUN001") == 2  # what the file still has


def test_file_changed_on_disk_is_not_overwritten(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BAD, encoding="utf-8")
    linter = api.make_linter({})

    class Meddler:
        """Lints as usual, but someone saves the file meanwhile."""

        def lint(self, doc):
            f.write_text(BAD + "新增一段。\n", encoding="utf-8")
            return linter.lint(doc)

    outcome = fixmod.fix_path(f, Meddler())
    assert not outcome.written and "被修改" in outcome.refused
    assert f.read_text(encoding="utf-8") == BAD + "新增一段。\n"
    with pytest.raises(fixmod.FileChanged):
        fixmod.write_atomic(f, b"x", fixmod.digest(b"something else"))


def test_symlink_keeps_being_a_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(BAD, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run_cli("check", "--fix", str(link)).returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == GOOD


def test_non_convergence_is_reported():
    from gongwen.diagnostic import Violation, Fix
    from gongwen.document import Document
    from gongwen.rule import Rule

    class Flip(Rule):
        """Toggles 甲 and 乙 forever."""

        code, name, category, fixable = "TST001", "flip", "test", True

        def check(self, unit, ctx):
            for i, ch in enumerate(unit.text):
                if ch in "甲乙":
                    yield Violation(i, i + 1, "flip", fixes=(Fix.replace(i, i + 1, "乙" if ch == "甲" else "甲", "flip"),))

    class OneRule:
        def lint(self, doc):
            from gongwen.engine import Linter, finish
            rule = Flip({})
            ds = [Linter._locate(doc, rule, rule.severity, u, v) for u in doc.units for v in rule.check(u, None)]
            return finish(doc, ds)

    result = fixmod.fix_document(Document(path="x", text="甲\n"), OneRule())
    assert not result.converged and result.passes == fixmod.MAX_PASSES


def test_gb2312_file_is_fixed_in_gb2312(tmp_path):
    g = tmp_path / "b.txt"
    g.write_bytes("甲乙,丙丁。\n".encode("gb2312"))
    result = run_cli("check", "--fix", "--encoding", "gb2312", str(g))
    assert g.read_bytes() == "甲乙，丙丁。\n".encode("gb2312")
    assert result.returncode == 0


def test_run_says_why_a_file_was_not_written(tmp_path, unencodable_fix, capsys):
    from gongwen import run

    f = tmp_path / "a.txt"
    f.write_text(BAD, encoding="utf-8")
    outcome = run.execute([f], api.make_linter({}), run.RunOptions(fix=True, fmt="concise"))
    err = capsys.readouterr().err
    assert "无法用 utf-8 编码" in err and f.read_text(encoding="utf-8") == BAD
    assert outcome.tally.codes == {"PUN001": 2}  # what the file still has


def test_non_text_formats_are_never_written(tmp_path):
    from gongwen.document import Document, OffsetMap

    f = tmp_path / "a.txt"
    f.write_text(BAD, encoding="utf-8")
    doc = Document(path="a.txt", text=BAD, format="docx")
    assert fixmod.can_write(doc)
    doc = Document(path="a.txt", text=BAD, format="markdown", source="# " + BAD,
                   offset_map=OffsetMap([(0, 2)]))
    assert fixmod.can_write(doc)
    assert fixmod.can_write(Document(path="a.txt", text=BAD)) is None


def test_unsafe_fixes_flag_adds_to_fix_and_diff_but_never_writes_alone(tmp_path):
    f = tmp_path / "a.txt"
    text = "2024全区共办理行政复议案件57件,同比增长。\n"
    f.write_text(text, encoding="utf-8")
    assert run_cli("check", "--unsafe-fixes", str(f)).returncode == 1
    assert f.read_text(encoding="utf-8") == text
    diff = run_cli("check", "--diff", "--unsafe-fixes", "a.txt", cwd=tmp_path).stdout.decode()
    assert "+2024年全区共办理行政复议案件57件，同比增长。" in diff
    assert run_cli("check", "--fix", "--unsafe-fixes", str(f)).returncode == 0
    assert f.read_text(encoding="utf-8") == "2024年全区共办理行政复议案件57件，同比增长。\n"


def test_report_after_fix_shows_the_fixed_text(tmp_path):
    """Positions after --fix point into the fixed file, and snippets show its lines."""
    f = tmp_path / "a.txt"
    f.write_text("2024全区推进,落实。成文日期：2025127\n", encoding="utf-8")
    result = run_cli("check", "--fix", "--unsafe-fixes", "--output-format", "json", "a.txt", cwd=tmp_path)
    import json

    [d] = json.loads(result.stdout)
    assert d["code"] == "DAT001" and d["location"] == {"line": 1, "column": 19}
    assert d["fix"]["edits"][0]["location"] == {"line": 1, "column": 19}
    f.write_text("2024全区推进,落实。成文日期：2025127\n", encoding="utf-8")
    full = run_cli("check", "--fix", "--unsafe-fixes", "a.txt", cwd=tmp_path).stdout.decode()
    assert "1 | 2024年全区推进，落实。成文日期：2025127" in full, full  # the whole line fits the window
