"""The whole site: a web archive (WARC) read page by page with URLs as paths, a mirrored
folder of pages, and the HTML report as a site report."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from support import FIXTURES, run_cli, write_warc

warcio = pytest.importorskip("warcio")

WEB = FIXTURES / "web"
HOST = "http://www.yanfeng.gov.cn"


_warc = write_warc  # records: (url, status, content type, body bytes)


def _site_records():
    zoom = (WEB / "zoom.html").read_bytes()
    xxgk = (WEB / "xxgk-content.html").read_bytes()
    return [
        (f"{HOST}/zwgk/fzzf/2025/0127/1.html", "200 OK", "text/html; charset=utf-8", zoom),
        (f"{HOST}/xxgk/2025/2.html", "200 OK", "text/html", xxgk),
        (f"{HOST}/images/banner.jpg", "200 OK", "image/jpeg", b"\xff\xd8\xff\xe0" + bytes(100)),
        (f"{HOST}/css/site.css", "200 OK", "text/css", "body{content:'第次会议'}".encode()),
        (f"{HOST}/missing.html", "404 Not Found", "text/html", "<p>页面不存在,第次</p>".encode()),
        (f"{HOST}/zwgk/fzzf/2025/0127/1.html", "200 OK", "text/html", zoom),  # crawled twice
    ]


def _json(result):
    return json.loads(result.stdout)


@pytest.mark.parametrize("gzip", [True, False])
def test_every_html_response_is_a_document_named_by_its_url(tmp_path, gzip):
    name = "site.warc.gz" if gzip else "site.warc"
    _warc(tmp_path / name, _site_records(), gzip=gzip)
    result = run_cli("check", "--output-format", "json", name, cwd=tmp_path)
    found = _json(result)
    article = _json(run_cli("check", "--output-format", "json", str(WEB / "article.txt")))
    pages = {d["path"] for d in found}
    assert pages == {f"{HOST}/zwgk/fzzf/2025/0127/1.html", f"{HOST}/xxgk/2025/2.html"}
    for url in pages:  # the pages' article findings, nothing from chrome, css or the 404 page
        assert [(d["code"], d["text"]) for d in found if d["path"] == url] == [
            (d["code"], d["text"]) for d in article]
    stderr = result.stderr.decode()
    # warcinfo 1, request 6, image/jpeg, text/css, HTTP 4xx, the second capture of one URL
    assert "跳过 11 条非 HTML 页面记录" in stderr and "image/jpeg 1" in stderr and "request 6" in stderr, stderr


def test_archive_pages_are_cached_like_files(tmp_path):
    _warc(tmp_path / "site.warc.gz", _site_records())
    runs = [run_cli("check", "--output-format", "json", "--cache-dir", "c", "site.warc.gz", cwd=tmp_path)
            for _ in range(2)]
    fresh = run_cli("check", "--output-format", "json", "--no-cache", "site.warc.gz", cwd=tmp_path)
    assert runs[0].stdout == runs[1].stdout == fresh.stdout and fresh.stdout.strip() != b"[]"
    assert len(list((tmp_path / "c").glob("*/*.pickle"))) == 2  # one entry per page


def test_the_servers_charset_decodes_a_page_without_a_meta_charset(tmp_path):
    from gongwen.formats.warc import SkippedRecords, pages
    from gongwen.sources import InputOptions

    # Too short for detection (it reads these GB18030 bytes as Big5): the header decides.
    _warc(tmp_path / "gbk.warc", [(f"{HOST}/a.html", "200 OK", "text/html; charset=GB2312",
                                   "<p>雁峰区</p>".encode("gb18030")),
                                  (f"{HOST}/b.html", "200 OK", "text/html; charset=GB2312",
                                   "<p>雁峰区</p>".encode("utf-8"))], gzip=False)
    docs = list(pages(tmp_path / "gbk.warc", InputOptions(), SkippedRecords()))
    assert [(d.text, d.encoding) for d in docs] == [("雁峰区\n", "gb18030"), ("雁峰区\n", "utf-8")]


def test_a_folder_walk_finds_archives_and_a_broken_one_is_reported(tmp_path):
    (tmp_path / "crawl").mkdir()
    _warc(tmp_path / "crawl" / "a.warc.gz", _site_records()[:1])
    (tmp_path / "crawl" / "broken.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    found = _json(run_cli("check", "--output-format", "json", "crawl", cwd=tmp_path))
    assert {d["path"] for d in found} == {f"{HOST}/zwgk/fzzf/2025/0127/1.html", "crawl/broken.warc.gz"}
    assert [d["code"] for d in found if d["path"].endswith("broken.warc.gz")] == ["LNT901"]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def test_site_report_of_a_mirrored_folder(tmp_path):
    site = tmp_path / "www.yanfeng.gov.cn"
    for rel, fixture in (("zwgk/fzzf/1.html", "zoom.html"), ("zwgk/fzzf/2.html", "trs-editor.html"),
                         ("xxgk/1.html", "xxgk-content.html"), ("index.html", None)):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        body = (WEB / fixture).read_bytes() if fixture else "<div class='content'><p>欢迎访问雁峰区人民政府门户网站。</p></div>".encode()
        (site / rel).write_bytes(body)
    result = run_cli("check", "--output-format", "html", "-o", "report.html", site.name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    links = _Links()
    links.feed(report)
    # Pages with the most findings, per section, each finding linked to its page.
    assert 'id="pages"' in report and 'id="sections"' in report
    assert "www.yanfeng.gov.cn/zwgk" in report and "www.yanfeng.gov.cn/xxgk" in report
    page_links = [h for h in links.hrefs if h.endswith(".html")]
    assert {"www.yanfeng.gov.cn/zwgk/fzzf/1.html", "www.yanfeng.gov.cn/xxgk/1.html"} <= set(page_links)
    anchors = [h[1:] for h in links.hrefs if h.startswith("#p")]
    assert anchors and all(a in links.ids for a in anchors)  # the page table jumps to each page
    findings = report.count('<li class="finding')
    assert report.count('class="page-link"') >= findings > 0
