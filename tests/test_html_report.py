"""The reviewer report: one self-contained page, document text escaped, spans highlighted;
loaded in headless Chromium (Debian's package, installed by .ci/run) to check what a reviewer
sees: the highlighted spans, the rule filter, and a screenshot."""
from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from support import run_cli

from gongwen import api
from gongwen.output import html_report

SEED_ARG = "fixtures/reports/yanfeng-2024.txt"


class Page(HTMLParser):
    """Collects findings (li.finding), their highlighted spans and the page's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[dict] = []
        self.marks: list[list] = []  # [code, text]
        self.in_mark = 0
        self.root: dict = {}
        self.tags: list[tuple[str, dict]] = []
        self.sections: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        classes = (a.get("class") or "").split()
        if tag == "html":
            self.root = a
        if tag == "section" and "doc" in classes:
            self.sections.append(a)
        if tag == "li" and "finding" in classes:
            self.findings.append(a)
        if tag == "mark" and "hl" in classes:
            self.marks.append([a.get("data-code"), ""])
            self.in_mark += 1

    def handle_endtag(self, tag):
        if tag == "mark" and self.in_mark:
            self.in_mark -= 1

    def handle_data(self, data):
        if self.in_mark:
            self.marks[-1][1] += data


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def seed_report(tmp_path):
    target = tmp_path / "report.html"
    result = run_cli("check", "--output-format", "html", "-o", str(target), SEED_ARG)
    assert result.returncode == 1 and result.stdout == b""
    return target


def test_report_is_self_contained_and_highlights_every_span(tmp_path):
    target = seed_report(tmp_path)
    text = target.read_text(encoding="utf-8")
    page = parse(text)
    for tag, attrs in page.tags:
        assert "src" not in attrs and tag not in ("link", "iframe", "img", "object")
        assert not (attrs.get("href") or "#").strip().lower().startswith(("http", "//", "file"))
    assert "url(" not in text and "@import" not in text
    found = json.loads(run_cli("check", "--output-format", "json", SEED_ARG).stdout)
    assert [m[1] for m in page.marks] == [d["text"] for d in found]
    assert [m[0] for m in page.marks] == [d["code"] for d in found]
    commas = sum(1 for d in found if d["code"] == "PUN001")
    assert f'<td class="n">{commas}<' in text and "PUN001" in text  # the summary by rule
    by_severity = text.split('id="by-severity"')[1].split("</table>")[0]
    for label, severity in (("错误", "error"), ("警告", "warning"), ("提示", "info")):
        count = sum(1 for d in found if d["severity"] == severity)
        assert f'{label}</span></td><td class="n">{count}<' in by_severity


def test_document_text_is_escaped():
    diagnostics = api.lint_text('<script>alert("x")</script>一是推进,落实&nbsp;<b>粗</b>\n',
                                path="<evil>.txt", select=["PUN001"])
    from gongwen.document import Document
    import io

    doc = Document(path="<evil>.txt", text='<script>alert("x")</script>一是推进,落实&nbsp;<b>粗</b>\n')
    out = io.StringIO()
    html_report.render(diagnostics, {"<evil>.txt": doc}, ["<evil>.txt"], out, rules=list(api.registry()))
    page = out.getvalue()
    assert page.count("<script>") == 1  # ours, at the end
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&amp;nbsp;&lt;b&gt;粗&lt;/b&gt;" in page
    assert "&lt;evil&gt;.txt" in page and "<evil>" not in page
    assert [m[1] for m in parse(page).marks] == [","]


def _chromium():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    pytest.skip("Debian's chromium is not installed and could not be (.ci/run installs it with apt-get)")


def _browser(tmp_path, *args):
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1800", *args]
    return subprocess.run(cmd, capture_output=True, timeout=180, cwd=tmp_path)


def test_in_chromium_spans_filter_and_screenshot(tmp_path):
    target = seed_report(tmp_path)
    found = json.loads(run_cli("check", "--output-format", "json", SEED_ARG).stdout)

    dom = _browser(tmp_path, "--dump-dom", target.as_uri())
    assert dom.returncode == 0, dom.stderr.decode()[-2000:]
    page = parse(dom.stdout.decode())
    assert page.root.get("data-ready") == "1"  # the inline script ran
    assert [m[1] for m in page.marks] == [d["text"] for d in found]
    assert not [f for f in page.findings if "hidden" in f]

    # The address picks rules: only DAT001 and TYP005 stay visible after the script ran.
    dom = _browser(tmp_path, "--dump-dom", target.as_uri() + "#rule=DAT001,TYP005")
    page = parse(dom.stdout.decode())
    visible = [f["data-code"] for f in page.findings if "hidden" not in f]
    assert visible == ["TYP005", "DAT001"]
    assert len(page.findings) == len(found)

    shot = tmp_path / "report.png"
    result = _browser(tmp_path, f"--screenshot={shot}", target.as_uri() + "#rule=DAT001,PUN003,TYP005")
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000


@pytest.mark.parametrize("epoch, stamp", [("0", "1970-01-01 00:00 UTC"), ("1733356800", "2024-12-05 00:00 UTC")])
def test_source_date_epoch_fixes_the_stamp(monkeypatch, epoch, stamp):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert html_report.generated_at().strftime("%Y-%m-%d %H:%M UTC") == stamp


@pytest.mark.parametrize("epoch", ["", "soon", "9" * 40])
def test_without_a_usable_epoch_the_stamp_is_now(monkeypatch, epoch):
    from datetime import datetime, timedelta, timezone
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert abs(html_report.generated_at() - datetime.now(timezone.utc)) < timedelta(minutes=1)
