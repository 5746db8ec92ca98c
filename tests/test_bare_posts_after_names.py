"""TYP022: a bare post cut short after a person's name opening a clause (rules/posts_before_names.py:
柏松林副县⟦长⟧在会上). Sentences written here, not the tuning batches'."""
from __future__ import annotations

from gongwen import api
from gongwen.document import Document


def _reports(text: str) -> list[str]:
    linter = api.make_linter({}, select=["TYP022"])
    return [d.message for d in linter.lint(Document(path="x.txt", text=text))]


def test_a_bare_post_cut_after_a_name_is_reported():
    for text, written, whole in [("孔令辉副县在全县秋粮收购工作会上讲话。", "副县", "副县长"),
                                 ("会后，严子墨副市带队察看了防洪堤。", "副市", "副市长"),
                                 ("霍思远副书主持召开党建工作推进会。", "副书", "副书记")]:
        assert _reports(text) == [f"名称可能缺字：“{written}”应为“{whole}”"], text


def test_a_bare_post_after_a_name_that_reads_on_is_silent():
    for text in ["孔令辉副县长在全县秋粮收购工作会上讲话。",   # written whole
                 "孔令辉副县级干部待遇已落实。",               # 副县级: a rank
                 "严子墨副市场总监出席签约仪式。",             # 市场: a word runs across
                 "会上，孔令辉副县。"]:                        # no clause goes on: left to the end rule
        assert _reports(text) == [], text
