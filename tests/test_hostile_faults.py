"""Fault isolation (issue 18): a reader, a rule, an output writer or a worker that fails on
one file becomes an LNT903–LNT907 error on that file; every other file and rule is still
checked and the output stays one valid JSON/SARIF/JUnit document."""
from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from support import SEED, install_rule_pack, rule_class as _rule, run_cli

from gongwen import api, faults
from gongwen.diagnostic import Diagnostic, Severity, Violation
from gongwen.document import Document, Location
from gongwen.engine import Linter, RuleCrash, Settings, finish
from gongwen.formats import read_text_format
from gongwen.output.stream import Report
from gongwen.rule import Rule, RuleContext
from gongwen.sources import document_from_bytes

NOT_STRICT = {faults.STRICT_ENV: "0"}


def _raise_on_boom(self, unit, ctx):
    if "BOOM" in unit.text:
        raise IndexError("string index out of range")
    return ()


def _span_past_the_unit(self, unit, ctx):
    if "BOOM" in unit.text:
        yield Violation(0, len(unit.text) + 5, "past the end")


def _linter(*extra: type[Rule], **settings) -> Linter:
    builtin = [api.registry().by_code[c] for c in ("DAT001", "TYP005")]
    return Linter(Settings([*builtin, *extra], **settings))


# --- rules -------------------------------------------------------------------------------------

@pytest.mark.parametrize("check", [_raise_on_boom, _span_past_the_unit])
def test_a_rule_that_fails_costs_only_its_own_findings(tolerant, check):
    linter = _linter(_rule("TST001", "exploding", check))
    doc = Document("b.txt", "2025127召开第次会议。\nBOOM\n")
    found = linter.lint(doc)
    assert sorted(d.code for d in found) == ["DAT001", "LNT903", "TYP005"]
    crash = next(d for d in found if d.code == "LNT903")
    assert crash.severity is Severity.ERROR and (crash.location.line, crash.path) == (1, "b.txt")
    assert crash.message.startswith("规则 TST001（exploding）在此文件上出错，已跳过：")
    assert "Traceback" not in "".join(crash.notes)  # only with --verbose


def test_a_document_rule_that_fails_is_isolated_too(tolerant):
    linter = _linter(_rule("TST002", "exploding-doc", _raise_on_boom, scope="document"))
    found = linter.lint(Document("b.txt", "2025127\nBOOM\n"))
    assert sorted(d.code for d in found) == ["DAT001", "LNT903"]


def test_the_suite_is_strict_a_crash_raises():
    linter = _linter(_rule("TST001", "exploding", _raise_on_boom))
    with pytest.raises(RuleCrash, match="TST001"):
        linter.lint(Document("b.txt", "BOOM\n"))
    with pytest.raises(RuleCrash):  # the explicit setting wins over the environment
        _linter(_rule("TST001", "exploding", _raise_on_boom), raise_on_crash=True).lint(Document("b", "BOOM"))


def test_the_rule_by_rule_path_finds_what_the_fast_path_finds(seed_text):
    """The slow path after a crash must not change the other rules' findings."""
    linter = api.make_linter({}, select=["ALL"])
    for text in (seed_text, seed_text.replace("\n", "\n\n")):
        doc = Document("seed.txt", text)
        fast = linter.lint(doc)
        again = Document("seed.txt", text)
        collected, crashed = linter._lint_rule_by_rule(again, RuleContext(again, linter.enabled),
                                                       [(r, r.severity) for r in linter.rules])
        assert not crashed and fast and finish(doc, collected.found) == fast


def test_verbose_adds_the_traceback_as_a_note(tolerant, monkeypatch):
    monkeypatch.setenv(faults.VERBOSE_ENV, "1")
    found = _linter(_rule("TST001", "exploding", _raise_on_boom)).lint(Document("b.txt", "BOOM\n"))
    note = "".join(found[0].notes)
    assert found[0].code == "LNT903" and "Traceback" in note and "_raise_on_boom" in note


# --- the real FMT012 bug: a paragraph of no-break spaces is no title line ---------------------

def test_fmt012_on_markdown_with_blank_paragraphs():
    body = ("（一）进一步下放权力。\n\n\u00a0\n\n权力过分集中的现象，不仅表现为党政不分、以党代政。\n\n"
            "完善政府工作机构。\n\n\u00a0\u3000\n\n当前政府机构庞大臃肿，层次过多，职责不清。\n\n"
            "（三）建立国家公务员制度。\n\n当前干部人事制度存在的主要问题是管理权限过分集中。\n")
    doc = read_text_format("markdown", body, "a.md", {})
    assert any(not u.text.strip(" \t\u3000\xa0") for u in doc.units)  # the case is present
    found = api.make_linter({}, select=["FMT012"]).lint(doc)  # strict: a crash fails here
    assert [(d.code, doc.text[d.start:d.end]) for d in found] == [("FMT012", "完善政府工作机构")]


# --- readers -------------------------------------------------------------------------------------

def _docx(paragraph_xml: str) -> bytes:
    xml = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
           '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           f"{paragraph_xml}</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


@pytest.mark.parametrize("char", ["FFFFFFFF", "D800", "DFFF", "110000", "-1"])
def test_docx_symbol_that_is_no_character_reads_as_replacement(char):
    data = _docx(f'<w:p><w:r><w:t>于2025127召开</w:t><w:sym w:font="Wingdings" w:char="{char}"/></w:r></w:p>')
    doc = document_from_bytes(data, "s.docx", "docx")
    assert isinstance(doc, Document) and doc.text.startswith("于2025127召开\ufffd")
    doc.text.encode("utf-8")  # every output format can write it


def test_docx_symbols_that_are_characters_are_kept():
    data = _docx('<w:p><w:r><w:sym w:char="F0FC"/><w:sym w:char="4E2D"/><w:sym w:char="zz"/></w:r></w:p>')
    assert document_from_bytes(data, "s.docx", "docx").text.startswith("\uf0fc中")


def test_reader_that_raises_is_lnt904_on_that_file(tolerant, tmp_path, monkeypatch):
    from gongwen import sources

    files = _three_files(tmp_path)
    real = sources.read_document

    def flaky(path, *args):
        if path.name == "b.txt":
            raise OverflowError("Python int too large to convert to C int")
        return real(path, *args)

    monkeypatch.setattr(api, "read_document", flaky)
    results = list(api.lint_files(files, api.make_linter({}), jobs=1))
    codes = [[d.code for d in found] for _, found in results]
    assert codes[0] == codes[2] == ["DAT001"] and codes[1] == ["LNT904"]
    assert "OverflowError" in results[1][1][0].message and results[1][1][0].path.endswith("b.txt")


def _three_files(tmp_path: Path) -> list[Path]:
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text("会议于2025127召开。\n" + ("BOOM\n" if name == "b" else ""),
                                              encoding="utf-8")
    return [tmp_path / f"{name}.txt" for name in "abc"]


# --- the command line, with a rule pack that fails and real hostile files ----------------------



def _install_pack(tmp_path: Path) -> dict[str, str]:
    return {**install_rule_pack(tmp_path), **NOT_STRICT}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_rule_crash_keeps_every_other_finding(tmp_path, jobs):
    env = _install_pack(tmp_path)
    tree = tmp_path / "docs"
    tree.mkdir()
    _three_files(tree)
    result = run_cli("check", "--output-format", "json", "--jobs", jobs, str(tree), env=env)
    found = json.loads(result.stdout)
    assert result.returncode == 1, result.stderr
    by_file = {Path(d["path"]).name: sorted(x["code"] for x in found if x["path"] == d["path"]) for d in found}
    assert by_file == {"a.txt": ["DAT001"], "b.txt": ["DAT001", "LNT903"], "c.txt": ["DAT001"]}
    crash = next(d for d in found if d["code"] == "LNT903")
    assert "TST001（exploding）" in crash["message"] and "IndexError" in crash["message"]
    assert crash["severity"] == "error" and not crash["notes"]
    verbose = json.loads(run_cli("check", "--output-format", "json", "--verbose", str(tree), env=env).stdout)
    assert "Traceback" in next(d for d in verbose if d["code"] == "LNT903")["notes"][0]


def test_cli_gate_fails_on_a_crash_even_when_only_other_rules_are_selected(tmp_path):
    env = _install_pack(tmp_path)
    (tmp_path / "b.txt").write_text("BOOM\n", encoding="utf-8")
    result = run_cli("check", "--select", "TST001", "--output-format", "concise", str(tmp_path / "b.txt"), env=env)
    assert result.returncode == 1 and "LNT903" in result.stdout.decode()


def test_cli_killed_worker_is_retried_then_reported(tmp_path):
    env = _install_pack(tmp_path)
    tree = tmp_path / "docs"
    tree.mkdir()
    for i in range(8):
        (tree / f"r{i}.txt").write_text("会议于2025127召开。\n" + ("KILL\n" if i == 3 else ""), encoding="utf-8")
    result = run_cli("check", "--output-format", "json", "--jobs", "2", str(tree), env=env)
    found = json.loads(result.stdout)
    assert result.returncode == 1, result.stderr
    assert [Path(d["path"]).name for d in found if d["code"] == "DAT001"] == [f"r{i}.txt" for i in range(8) if i != 3]
    died = [d for d in found if d["code"] == "LNT906"]
    assert [Path(d["path"]).name for d in died] == ["r3.txt"] and died[0]["severity"] == "error"


def test_cli_worker_killed_once_loses_nothing(tmp_path):
    env = {**_install_pack(tmp_path), "KILL_ONCE": str(tmp_path / "killed-once")}
    tree = tmp_path / "docs"
    tree.mkdir()
    for i in range(8):
        (tree / f"r{i}.txt").write_text("会议于2025127召开。\n" + ("KILL\n" if i == 5 else ""), encoding="utf-8")
    result = run_cli("check", "--output-format", "concise", "--jobs", "2", str(tree), env=env)
    assert (tmp_path / "killed-once").exists()  # the worker did die once
    lines = result.stdout.decode().splitlines()
    assert [Path(ln.split(":")[0]).name for ln in lines] == [f"r{i}.txt" for i in range(8)]
    assert all(" DAT001 " in ln for ln in lines)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "html", "concise", "github", "full"])
def test_cli_hostile_docx_symbols_do_not_end_the_run(tmp_path, fmt):
    for name, char in (("overflow", "FFFFFFFF"), ("surrogate", "D800")):
        (tmp_path / f"{name}.docx").write_bytes(
            _docx(f'<w:p><w:r><w:t>会议于2025127召开</w:t><w:sym w:char="{char}"/></w:r></w:p>'))
    (tmp_path / "plain.txt").write_text("会议于2025127召开。\n", encoding="utf-8")
    result = run_cli("check", "--output-format", fmt, str(tmp_path))
    assert result.returncode == 1, result.stderr
    text = result.stdout.decode("utf-8")  # strict: the output is valid UTF-8
    if fmt == "json":
        json.loads(text)
    elif fmt == "sarif":
        text = json.dumps(json.loads(text)["runs"][0]["results"], ensure_ascii=False)
    elif fmt == "junit":
        ET.fromstring(text.split("\n", 1)[1])
    for name in ("overflow.docx", "surrogate.docx", "plain.txt"):
        assert name in text
    assert "LNT90" not in text  # read correctly, not merely survived


# --- output writers ------------------------------------------------------------------------------

def _finding(path: str, message: str) -> Diagnostic:
    at = Location(1, 1)
    return Diagnostic("DAT001", "compact-numeric-date", Severity.ERROR, message, path, 0, 7, at,
                      Location(1, 8), matched="2025127", fingerprint="f" + path)


def _report(fmt: str, monkeypatch=None) -> tuple[str, Report]:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")  # strict, as stdout is
    report = Report(fmt, out, rules=list(api.registry()))
    docs = {name: Document(name, "2025127召开会议。\n") for name in ("a.txt", "b.txt", "c.txt")}
    for name, doc in docs.items():
        message = "日期数字连写\ud800" if name == "b.txt" else "日期数字连写"
        report.add(name, doc, [_finding(name, message)])
    report.close()
    out.flush()
    return raw.getvalue().decode("utf-8"), report


def test_junit_writes_what_xml_cannot_carry_as_replacement(tolerant):
    text, report = _report("junit")
    cases = list(ET.fromstring(text.split("\n", 1)[1]).iter("testcase"))
    assert report.tally.codes == {"DAT001": 3} and len(cases) == 3 and "日期数字连写\ufffd" in text


# The text formats show a message as printable text (escapes), lone surrogates included:
# tests/test_hostile_probe4.py.
@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
def test_a_file_whose_findings_cannot_be_written_is_lnt905(tolerant, fmt):
    text, report = _report(fmt)
    assert report.tally.codes == {"DAT001": 2, "LNT905": 1}
    assert text.count("LNT905") >= 1 and "\ud800" not in text
    if fmt == "json":
        found = json.loads(text)
        assert [(d["path"], d["code"]) for d in found] == [("a.txt", "DAT001"), ("b.txt", "LNT905"),
                                                           ("c.txt", "DAT001")]
    elif fmt == "sarif":
        assert [r["ruleId"] for r in json.loads(text)["runs"][0]["results"]] == ["DAT001", "LNT905", "DAT001"]


def test_a_writer_that_raises_is_lnt905(tolerant, monkeypatch):
    from gongwen.output import json_format

    real = json_format.item_text

    def broken(d, locate, lines=None):
        if d.path == "b.txt" and d.code != "LNT905":
            raise KeyError("fix")
        return real(d, locate, lines)

    monkeypatch.setattr(json_format, "item_text", broken)
    text, _ = _report("json")
    assert [d["code"] for d in json.loads(text)] == ["DAT001", "LNT905", "DAT001"]


def test_writer_failures_raise_in_the_suite():
    with pytest.raises(UnicodeEncodeError):
        _report("json")


def test_sarif_uri_keeps_the_bytes_of_an_undecodable_name():
    from gongwen.output import sarif

    assert sarif._uri("d/\udcff.txt") == "d/%FF.txt" and sarif._uri("报告 1.txt") == "%E6%8A%A5%E5%91%8A%201.txt"


def test_baseline_never_hides_a_failure():
    from gongwen import baseline

    crash = faults.rule_crashed("b.txt", "TST001", "exploding", IndexError("x"))
    new, old = baseline.partition([crash, _finding("a.txt", "m")], frozenset({crash.fingerprint, "fa.txt"}))
    assert new == [crash] and old == 1


# --- the fix path and the run around it ---------------------------------------------------------

def _execute(paths, **options):
    from gongwen import run

    return run.execute([Path(p) for p in paths], api.make_linter({}), run.RunOptions(**options))


def test_fix_that_raises_is_lnt907_and_the_file_is_still_checked(tolerant, tmp_path, monkeypatch, capsys):
    from gongwen import fix as fixmod

    files = _three_files(tmp_path)
    before = files[1].read_bytes()
    real = fixmod.fix_path

    def broken(path, *args, **kwargs):
        if path.name == "b.txt":
            raise ValueError("overlapping edits")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(fixmod, "fix_path", broken)
    outcome = _execute(files, fmt="json", fix=True)
    found = json.loads(capsys.readouterr().out)
    assert files[1].read_bytes() == before
    assert [(Path(d["path"]).name, d["code"]) for d in found] == [
        ("a.txt", "DAT001"), ("b.txt", "LNT907"), ("b.txt", "DAT001"), ("c.txt", "DAT001")]
    assert "ValueError: overlapping edits" in found[1]["message"] and outcome.tally.codes["LNT907"] == 1


def test_fix_on_stdin_that_raises_passes_the_text_through(tolerant, monkeypatch, capsys):
    from gongwen import fix as fixmod

    def broken(*args, **kwargs):
        raise ValueError("overlapping edits")

    monkeypatch.setattr(fixmod, "fix_document", broken)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("会议于2025127召开,\n".encode())))
    outcome = _execute(["-"], fix=True)
    assert capsys.readouterr().out == "会议于2025127召开,\n" and outcome.tally.codes["LNT907"] == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_an_undecodable_file_name_leaves_the_output_valid(tmp_path, jobs):
    (tmp_path / "good.txt").write_text("会议于2025127召开。\n", encoding="utf-8")
    bad = os.fsencode(str(tmp_path)) + b"/bad\xff.txt"
    with open(bad, "wb") as handle:
        handle.write("会议于2025128召开。\n".encode())
    result = run_cli("check", "--output-format", "json", "--jobs", jobs, str(tmp_path), env=NOT_STRICT)
    found = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8, complete
    assert result.returncode == 1
    # The byte is escaped, not replaced: two names differing only there stay two names.
    assert {Path(d["path"]).name for d in found} == {"bad\\xff.txt", "good.txt"}


def test_cli_a_run_that_ends_early_still_writes_one_whole_document(tmp_path):
    """Strict mode (the suite's) makes the rule crash end the run: exit 2, and the document
    written so far is closed, not cut off, and marked incomplete (LNT909 run-incomplete,
    docs/json-contract.md) so that no gate takes it for a clean pass."""
    env = {**_install_pack(tmp_path), faults.STRICT_ENV: "1"}
    tree = tmp_path / "docs"
    tree.mkdir()
    _three_files(tree)
    for fmt in ("json", "sarif", "junit"):
        result = run_cli("check", "--output-format", fmt, "--jobs", "1", str(tree), env=env)
        assert result.returncode == 2 and "TST001" in result.stderr.decode()
        text = result.stdout.decode()
        if fmt == "junit":
            suite = ET.fromstring(text.split("\n", 1)[1])
            cases = list(suite.iter("testcase"))
            assert Path(cases[0].get("name")).name == "a.txt" and len(cases) == 2
            assert cases[1].find("error").get("type") == "LNT909"
        elif fmt == "json":
            found = json.loads(text)
            assert len(found) == 2 and "a.txt" in found[0]["path"] and found[1]["code"] == "LNT909"
        else:
            run = json.loads(text)["runs"][0]
            assert len(run["results"]) == 1 and "a.txt" in json.dumps(run["results"])
            assert run["invocations"][0]["executionSuccessful"] is False
