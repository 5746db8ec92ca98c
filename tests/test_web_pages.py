"""Government web pages as published: the article is found without configuration, chrome
gives no findings, and every finding points at its characters in the page's source.

fixtures/web/ holds ten pages (fixtures/web/make_pages.py) of different CMS layouts around
the same report text, ``article.txt``; their chrome is written to be flagged if it leaked.
"""
from __future__ import annotations

import datetime
import html
import json
import re

import pytest

from gongwen import api
from gongwen.document import LineIndex
from gongwen.formats import html as html_reader
from gongwen.sources import read_document
from support import FIXTURES, run_cli

WEB = FIXTURES / "web"
PAGES = sorted(p.name for p in WEB.glob("*.html"))


@pytest.fixture(scope="module")
def article_findings():
    doc = read_document(WEB / "article.txt")
    found = api.lint_document(doc, api.make_linter())
    assert len(found) > 100 and {d.code for d in found} >= {"DAT001", "PUN001", "TYP005"}
    return found


def test_ten_layouts():
    assert len(PAGES) >= 10


@pytest.mark.parametrize("name", PAGES)
def test_page_findings_are_the_articles_at_source_positions(name, article_findings):
    doc = read_document(WEB / name)
    assert not isinstance(doc, api.InputProblem), doc
    found = api.lint_document(doc, api.make_linter())
    assert [(d.code, d.matched) for d in found] == [(d.code, d.matched) for d in article_findings]
    index = LineIndex(doc.source)
    for d in found:
        raw = doc.source[index.offset(d.location):index.offset(d.end_location)]
        # Entities decoded, source wrapping between Han characters removed: the same characters.
        assert re.sub(r"\s*\n\s*", "", html.unescape(raw)).replace("\xa0", " ") == d.matched, (d, raw)


def test_page_metadata_is_read():
    xxgk = read_document(WEB / "xxgk-content.html").page
    assert xxgk.written == datetime.date(2025, 1, 27) and xxgk.published == datetime.date(2025, 1, 27)
    trs = read_document(WEB / "trs-editor.html").page
    assert trs.title == "衡阳市雁峰区2024年度法治政府建设情况报告"  # <meta name="ArticleTitle">
    assert trs.written is None and trs.published == datetime.date(2025, 1, 27)
    assert read_document(FIXTURES / "reports" / "yanfeng-2024.txt").page is None


def _text(page: str) -> str:
    return html_reader.read(page, "p.html").text


BODY = "<p>区政府召开常务会议，研究部署法治政府建设重点工作，推动各项任务落地见效。</p>" * 3


def test_a_known_container_is_the_article():
    page = f"<div>导航栏目一二三四五六七八九十</div><div class='TRS_Editor'>{BODY}</div><div>其他栏目文字内容四五六七</div>"
    assert _text(page) == "区政府召开常务会议，研究部署法治政府建设重点工作，推动各项任务落地见效。\n" * 3


def test_labelled_metadata_table_and_footer_are_chrome_but_one_label_in_prose_is_not():
    table = ("<table><tr><td>索引号：</td><td>001/2025-01</td></tr><tr><td>发布机构：</td><td>区政府</td></tr>"
             "<tr><td>成文日期：</td><td>2025年01月07日</td></tr></table>")
    footer = "<div>主办单位：某某区人民政府　网站标识码：4304060001</div>"
    line = "<div>发布机构：雁峰区人民政府　成文日期：2025年01月27日</div>"
    prose = "<p>本报告的成文日期为2025年1月27日，由区司法局起草。</p><p>成文日期和发布日期不一致的，以成文日期为准。</p>"
    text = _text(f"<div id='main'>{table}{line}{BODY}{prose}{footer}</div>")
    assert "索引号" not in text and "主办" not in text and "发布机构" not in text
    assert "本报告的成文日期为2025年1月27日，由区司法局起草。\n成文日期和发布日期不一致的，以成文日期为准。" in text


def test_link_lists_are_chrome_but_a_paragraph_with_one_link_is_not():
    links = "<ul>" + "".join(f"<li><a href='/{i}'>第{i}条相关新闻标题,有逗号</a></li>" for i in range(4)) + "</ul>"
    cited = "<p>详见<a href='/law'>《中华人民共和国行政复议法》</a>第二十条的规定，依法办理。</p>"
    text = _text(f"<div>{BODY}{cited}{links}</div>")
    assert "相关新闻" not in text and "详见《中华人民共和国行政复议法》第二十条的规定" in text


def test_furniture_lines_in_plain_divs_are_dropped():
    chrome = ("<div>您现在的位置：首页 &gt; 政务公开</div><div>发布时间：2025-01-27　来源：区政府　浏览次数：12</div>"
              "<div>【字体：大 中 小】</div>")
    after = "<div>上一篇：关于开展专项检查的通知</div><div>下一篇：无</div>"
    assert _text(f"<div>{chrome}{BODY}{after}</div>") == _text(f"<div>{BODY}</div>")


def test_readability_picks_the_article_when_no_container_is_named():
    pytest.importorskip("readability")
    side = "<div>" + "".join(f"<p>栏目{i}简介：本栏目发布政务信息和通知公告。</p>" for i in range(3)) + "</div>"
    text = _text(f"<div>{side}</div><div><div>{BODY * 3}</div></div>")
    assert "栏目" not in text and text.count("区政府召开常务会议") == 9


def test_our_own_html_report_is_not_input(tmp_path):
    (tmp_path / "a.txt").write_text("第次会议\n", encoding="utf-8")
    first = run_cli("check", "--output-format", "html", "-o", "report.html", "--exit-zero", ".", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = run_cli("check", "--output-format", "json", ".", cwd=tmp_path)
    assert {d["path"] for d in json.loads(again.stdout)} == {"a.txt"}


def test_a_selector_that_selects_nothing_is_a_usage_error(tmp_path):
    (tmp_path / "a.html").write_text(f"<div id='zoom'>{BODY}</div>", encoding="utf-8")
    typo = run_cli("check", "--content-selector", "#zom", "a.html", cwd=tmp_path)
    err = typo.stderr.decode()
    assert typo.returncode == 2 and "'#zom'" in err and "a.html" in err, err
    invalid = run_cli("check", "--content-selector", "div[[", "a.html", cwd=tmp_path)
    assert invalid.returncode == 2 and "div[[" in invalid.stderr.decode(), invalid.stderr.decode()
    assert run_cli("check", "--content-selector", "#zoom", "a.html", cwd=tmp_path).returncode == 0


def test_config_sets_selectors_per_glob(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "xxgk").mkdir()
    page = f"<div class='a'>第次会议，专题研究。</div><div class='b'>{BODY}</div>"
    (tmp_path / "news" / "1.html").write_text(page, encoding="utf-8")
    (tmp_path / "xxgk" / "1.html").write_text(page, encoding="utf-8")
    (tmp_path / "gongwen.toml").write_text('[content-selector]\n"news/**" = ".a"\n"xxgk/**" = ".b"\n',
                                           encoding="utf-8")
    found = json.loads(run_cli("check", "--output-format", "json", ".", cwd=tmp_path).stdout)
    assert [(d["path"], d["code"]) for d in found] == [("news/1.html", "TYP005")]
    (tmp_path / "gongwen.toml").write_text('[content-selector]\n"news/**" = "div[["\n', encoding="utf-8")
    bad = run_cli("check", ".", cwd=tmp_path)
    assert bad.returncode == 2 and "content-selector" in bad.stderr.decode(), bad.stderr.decode()


def test_full_view_shows_rendered_text_at_the_source_position(tmp_path):
    from gongwen.output.width import cells

    page = "<html><body>\n<div id='zoom'>\n<p>&nbsp;&nbsp;雁峰区人民政府&ensp;<b>2025127</b></p>\n</div></body></html>\n"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    out = run_cli("check", "--select", "DAT001", "p.html", cwd=tmp_path).stdout.decode()
    column = page.split("\n")[2].index("2025127") + 1
    assert f"--> p.html:3:{column}" in out, out  # the header keeps the source position
    shown = next(line for line in out.splitlines() if line.startswith("3 | "))
    assert shown.endswith("雁峰区人民政府\u20022025127"), shown  # entities decoded, tags dropped
    caret = next(line for line in out.splitlines() if "^" in line)
    assert caret.index("^") == cells(shown[:shown.index("2025127")]) and caret.count("^") == 7, (shown, caret)


def test_the_pages_written_date_stands_in_for_a_missing_signature():
    body = "<div id='zoom'><p>2025年3月，区政府召开了法治政府建设专题会议。</p></div>"
    table = "<table><tr><td>索引号：</td><td>001</td><td>发布机构：</td><td>区政府</td><td>成文日期：</td><td>2025-01-27</td></tr></table>"
    linter = api.make_linter(select=["DAT007"])
    with_date = api.lint_document(html_reader.read(table + body, "p.html"), linter)
    assert [(d.code, d.matched) for d in with_date] == [("DAT007", "2025年3月")]
    assert "网页标注的成文日期是2025年1月27日" in with_date[0].message
    assert api.lint_document(html_reader.read(body, "p.html"), linter) == []  # nothing to compare with


def test_a_generic_wrapper_is_narrowed_to_the_article():
    pytest.importorskip("readability")
    bios = ("<div class='ldjj'><h3>领导简介</h3><p>张某某，男，1975年3月出生,现任区长。</p>"
            "<p>李某某，女，1980年5月出生,现任副区长。</p></div>")
    text = _text(f"<div class='content'>{bios}<div class='rside'>{BODY * 3}</div></div>")
    assert "领导简介" not in text and "出生" not in text and text.count("区政府召开常务会议") == 9


def test_a_signature_set_apart_after_the_article_is_still_read():
    sign = "<div class='sign'><p>雁峰区人民政府</p><p>2025127</p></div>"
    for container in ("<div id='zoom'>", "<div class='content'>"):
        page = f"<div class='wz'>{container}{BODY}</div>{sign}<div class='tools'>分享到：微信</div></div>"
        assert _text(page).endswith("雁峰区人民政府\n2025127\n"), container
    # A following block that is not a 落款 (a link, long lines, no date at the end) is not taken.
    for other in ("<div><a href='/x'>2025年1月27日</a></div>", "<div>" + "很长的一行文字" * 10 + "2025年1月27日</div>",
                  "<div>雁峰区人民政府</div>"):
        assert _text(f"<div><div id='zoom'>{BODY}</div>{other}</div>") == _text(f"<div id='zoom'>{BODY}</div>")


def test_a_pages_own_date_decides_whether_a_formulation_was_already_outdated():
    body = "<div id='zoom'><p>2012年以来，我区坚持和发展“枫桥经验”，矛盾纠纷就地化解。</p></div>"  # changed in 2023
    linter = api.make_linter(select=["TRM"])

    def codes(meta: str) -> list[str]:
        return [d.code for d in api.lint_document(html_reader.read(meta + body, "p.html"), linter)]

    assert codes("<p>发布日期：2025-01-27 浏览次数：3</p>") == ["TRM005"]
    assert codes("<p>发布日期：2020-01-27 浏览次数：3</p>") == []
    assert codes("") == []  # no page date: the text's first year, 2012, predates the change


def test_a_small_widget_with_an_article_class_name_is_not_the_article():
    widget = "<div class='news_content'><p>区政府召开常务会议,部署工作。</p><p>区长调研法治建设,强调依法行政。</p></div>"
    text = _text(f"{widget}<div class='wz'><div class='nr'>{BODY * 3}</div></div>")
    assert "部署工作" not in text and text.count("区政府召开常务会议，研究部署") == 9
