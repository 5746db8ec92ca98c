"""Output written file by file (gongwen.output.stream) is the output of the whole run."""
from __future__ import annotations

import io
import json

from support import SEED

from gongwen import api
from gongwen.diagnostic import Severity
from gongwen.output import json_format
from gongwen.output.stream import Report
from gongwen.sources import read_document


def _files(tmp_path):
    seed = SEED.read_text(encoding="utf-8")
    paths = []
    for name, text in (("a.txt", seed[:3000]), ("clean.txt", "各位代表：\n现在报告工作。\n"),
                       ("b.txt", "二〇二五年1月5日召开第次会议。\n"), ("empty.txt", "")):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def _run(fmt, paths, **kw):
    linter = api.make_linter({})
    out = io.StringIO()
    report = Report(fmt, out, **kw)
    everything = []
    for p in paths:
        doc = read_document(p, None, None)
        found = api.lint_document(doc, linter)
        everything.append((doc, found))
        report.add(str(p), doc, found)
    report.close()
    return out.getvalue(), everything, report


def test_json_written_per_file_is_one_array_in_input_order(tmp_path):
    text, everything, _ = _run("json", _files(tmp_path))
    items = json.loads(text)
    expected = [json.loads(json_format.item_text(d, getattr(doc, "locate", None)))
                for doc, found in everything for d in found]
    assert items == expected and len({i["path"] for i in items}) == 3  # the empty file has LNT902
    assert text.startswith("[\n  {") and text.endswith("}\n]\n")


def test_json_with_no_findings_is_an_empty_array(tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text("各位代表：\n现在报告工作。\n", encoding="utf-8")
    text, _, report = _run("json", [p])
    assert text == "[]\n" and report.tally.total == 0


def test_counts_survive_the_dropped_findings(tmp_path):
    text, everything, report = _run("full", _files(tmp_path))
    found = [d for _, f in everything for d in f]
    assert report.tally.total == len(found) > 0
    assert report.tally.at_or_above(Severity.ERROR) == sum(d.severity is Severity.ERROR for d in found)
    assert f"共 {len(found)} 处问题" in text and "检查了 4 个文件" in text


def test_statistics_lists_each_rule_once_with_its_count(tmp_path):
    text, everything, _ = _run("concise", _files(tmp_path), statistics_only=True)
    found = [d for _, f in everything for d in f]
    rows = {line.split("\t")[1]: int(line.split("\t")[0]) for line in text.splitlines() if "\t" in line}
    assert rows == {code: sum(d.code == code for d in found) for code in {d.code for d in found}}
