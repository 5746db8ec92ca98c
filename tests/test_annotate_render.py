"""Seen as a person would: the annotated seed report opened by LibreOffice (headless),
exported to PDF with the comments in the margin, and page 1 rendered to PNG.

The comments' text must be on the pages (pdftotext reads the margin), the tracked changes
must show, and the page must have its margin drawn. ``.ci/run`` installs LibreOffice
(a version that can put comments in the margin) and poppler-utils when missing; without
them this test skips and says why. ``GONGWEN_UPDATE_PICTURE=1`` also copies the rendered
page to docs/annotate-page.png, the picture the README shows.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime, timezone

import pytest
import word_review as wr
from support import FIXTURES, ROOT

from gongwen import api
from gongwen.annotate import annotate
from gongwen.formats import LIMITS, docx

PICTURE = ROOT / "docs" / "annotate-page.png"
PREFIX = 15  # characters of a note's first line that must be found on the pages
# Notes drawn in a margin LibreOffice adds to each page, and not also as PDF note icons
# (which would sit on top of the text in the picture).
MARGIN_PDF = ('pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"},'
              '"ExportNotes":{"type":"boolean","value":"false"}}')


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed (Debian package {package}; .ci/run installs it with apt-get)")
    return found


def _to_pdf(tmp_path, source):
    soffice = _tool("soffice", "libreoffice-writer")
    profile = (tmp_path / "lo-profile").as_uri()  # a fresh profile: no lock shared with another run
    result = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                             MARGIN_PDF, "--outdir", str(tmp_path), str(source)],
                            capture_output=True, timeout=300, cwd=tmp_path)
    pdf = source.with_suffix(".pdf")
    if not pdf.exists():
        version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout.strip()
        if version and (m := re.search(r"LibreOffice (\d+)\.(\d+)", version)) and (int(m[1]), int(m[2])) < (7, 5):
            pytest.skip(f"{version} cannot export comments in the margin (7.5 or later can)")
        pytest.fail(f"LibreOffice made no PDF: {result.stdout.decode()[-800:]} {result.stderr.decode()[-800:]}")
    return pdf


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("render")
    data = (FIXTURES / "reports" / "yanfeng-2024.docx").read_bytes()
    doc = docx.read(data, "yanfeng-2024.docx", LIMITS)
    linter = api.make_linter()
    result = annotate(data, doc, linter.lint(doc), linter, fix=True,
                      when=datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc))
    source = tmp_path / "yanfeng-2024.gongwen.docx"
    source.write_bytes(result.data)
    return tmp_path, result, _to_pdf(tmp_path, source)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_comment_is_in_the_margin_of_the_pdf(rendered):
    _, result, pdf = rendered
    pdftotext = _tool("pdftotext", "poppler-utils")
    pages = _squash(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, check=True).stdout.decode())
    comments = [c for c in wr.comments(result.data).values() if c["author"] == "gongwen"]
    assert comments
    # LibreOffice 25.2 drops a character where it wraps a CJK note in the margin, so each
    # note is looked for by its start: the code and the first words of its message.
    missing = [c["text"] for c in comments if _squash(c["text"].split("\n")[0])[:PREFIX] not in pages]
    assert not missing
    assert pages.count("gongwen") >= len(comments)  # each note signed by its author


def test_tracked_changes_show_both_texts(rendered):
    _, _, pdf = rendered
    pdftotext = _tool("pdftotext", "poppler-utils")
    first = subprocess.run([pdftotext, "-l", "1", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert ",，" in _squash(first)  # the struck half-width comma beside the inserted full-width one


def test_page_one_renders_with_comments_in_the_margin(rendered):
    tmp_path, _, pdf = rendered
    pdftoppm = _tool("pdftoppm", "poppler-utils")
    subprocess.run([pdftoppm, "-r", "100", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")],
                   capture_output=True, check=True)
    (png,) = tmp_path.glob("page-*.png")
    from PIL import Image

    with Image.open(png) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        margin = rgb.crop((int(width * 0.76), 0, width, height))
        # LibreOffice draws each note as a coloured box in the margin it adds on the right.
        pixels = margin.tobytes()
        coloured = sum(1 for i in range(0, len(pixels), 3)
                       if pixels[i + 2] < 160 and pixels[i] > 200 and pixels[i + 1] > 200)
    assert width > height * 0.75  # the page was widened for the margin
    assert coloured > 2000
    if os.environ.get("GONGWEN_UPDATE_PICTURE"):
        shutil.copyfile(png, PICTURE)
