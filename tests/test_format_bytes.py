"""Every output format's bytes on a fixed set of inputs, against digests recorded on the tree
before a change to how findings are built, located or written (round 23: the per-finding path).

The inputs hold findings with fixes, labels and notes, an HTML page (a projected text: its
offsets are mapped), a DOCX (regions: a note per finding), a text with \\r\\n line ends, a clean
file and an empty one. Each format is written through ``output.stream.Report`` file by file as
the CLI does, and the machine formats also through ``prerender`` (what ``--jobs`` workers send).

A change to a rule's findings changes these digests too. Then check that the difference is the
rule's (``GONGWEN_FORMAT_BYTES=DIR`` writes each format's text to DIR, to diff against the
same run on the tree before), and record the new digests with
``GONGWEN_FORMAT_BYTES_RECORD=1 .venv/bin/pytest tests/test_format_bytes.py``."""
from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import pytest

from gongwen import api
from gongwen.output import sarif, stream
from gongwen.sources import read_document
from support import FIXTURES

DIGESTS = Path(__file__).with_name("format_bytes.json")
FORMATS = ("full", "concise", "json", "github", "sarif", "junit", "html")
# Relative paths (read from FIXTURES): the outputs name them, and must not name a tmp folder.
INPUTS = ("reports/yanfeng-2024.txt", "reports/yanfeng-2024.html", "reports/yanfeng-2024.docx",
          "reports/yanfeng-2024.md", "format-bytes/crlf.txt", "format-bytes/clean.txt",
          "format-bytes/empty.txt")
CONFIGS = {"default": {}, "all-preview": {"select": ["ALL"], "preview": True}}


@pytest.fixture(scope="module")
def linted(request):
    cwd = os.getcwd()
    os.chdir(FIXTURES)
    try:
        runs = {}
        for name, options in CONFIGS.items():
            linter = api.make_linter({}, **options)
            runs[name] = [(path, doc, api.lint_document(doc, linter))
                          for path in INPUTS for doc in [read_document(Path(path))]]
        yield runs
    finally:
        os.chdir(cwd)


def _written(fmt, files, *, statistics_only=False, prerendered=False):
    out = io.StringIO()
    rules = list(api.registry()) if fmt in ("sarif", "html") else None
    report = stream.Report(fmt, out, statistics_only=statistics_only, rules=rules)
    for path, doc, found in files:
        if prerendered:
            report.add_prerendered(stream.prerender(fmt, False, doc, found))
        else:
            report.add(path, doc, found)
    report.close()
    return out.getvalue()


def _outputs(runs):
    """Each format's text, with the SARIF's base URI (the absolute path of the checkout's
    fixtures, which differs from one clone to the next) written as one fixed name, and each
    rule's documentation in the SARIF's rule table as its code: a rule's docstring is its
    documentation and changes with the rule, not with how findings are written."""
    texts = _formatted(runs)
    root = Path(FIXTURES).resolve().as_uri()
    texts = {name: text.replace(root, "file:///FIXTURES") for name, text in texts.items()}
    for name in [name for name in texts if ".sarif" in name]:
        texts[name] = _without_documentation(texts[name])
    return texts


def _without_documentation(text):
    for rule in api.registry():
        descriptor = sarif.rule_descriptor(rule)
        for key in ("fullDescription", "shortDescription"):
            written = json.dumps(descriptor[key]["text"], ensure_ascii=False)[1:-1]
            text = text.replace(f'"{written}"', f'"<{key} of {rule.code}>"')
    return text


def _formatted(runs):
    texts = {}
    for config, files in runs.items():
        for fmt in FORMATS:
            texts[f"{config}.{fmt}"] = _written(fmt, files)
        for fmt in stream.MACHINE_STREAMED:
            texts[f"{config}.{fmt}.prerendered"] = _written(fmt, files, prerendered=True)
        for fmt in ("full", "json"):
            texts[f"{config}.{fmt}.statistics"] = _written(fmt, files, statistics_only=True)
    return texts


def test_every_format_writes_the_bytes_recorded(linted, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the full format's console width
    texts = _outputs(linted)
    found = {name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in texts.items()}
    if os.environ.get("GONGWEN_FORMAT_BYTES"):
        folder = Path(os.environ["GONGWEN_FORMAT_BYTES"])
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
    if os.environ.get("GONGWEN_FORMAT_BYTES_RECORD"):
        DIGESTS.write_text(json.dumps(found, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    counts = {config: sum(len(f) for _, _, f in files) for config, files in linted.items()}
    assert counts["default"] > 100 and counts["all-preview"] > counts["default"]
    assert any(d.labels for _, _, f in linted["all-preview"] for d in f)
    assert any(d.notes for _, _, f in linted["default"] for d in f)
    assert found == json.loads(DIGESTS.read_text(encoding="utf-8"))
