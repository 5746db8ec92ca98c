"""Text a web page's template left in a report copied or scraped from the page."""
from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files
from typing import Iterable

import regex

from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.textscan import BLANKS



# Patterns of the data file, as written there on 2026-11-27, that cannot match without a colon
# (each has a required ``[:：]``, outside any optional part). Most paragraphs have no colon, and
# two of these scan up to 60 characters per paragraph. A pattern edited or added in the data
# file is not in this set and is always searched.
_NEED_COLON = frozenset((
    r"^(?:当前位置|您现在的位置|您的位置|您当前的位置|所在位置)\s*[:：]",
    r"^(?:上一篇|下一篇|上一条|下一条)\s*[:：]",
    r"^.{0,40}?【?\s*字(?:体|号)\s*[:：]\s*(?:\[?\s*[大中小]\s*\]?\s*){2,3}】?",
    r"^.{0,60}?(?:浏览次数|访问次数|阅读次数|点击数|点击量|浏览量)\s*[:：]\s*[0-9]*\s*$",
    r"^(?=.{0,120}$)(?:.{0,60}?(?:发布时间|发布日期|信息来源|来源|浏览次数|访问量|点击数|字号|作者|责任编辑)\s*[:：]){2}",
    r"^[【\[(（]?\s*责任编辑\s*[:：]\s*\S{1,12}\s*[】\])）]?$",
))


# The other patterns of the data file, as written there on 2026-11-27, and the strings one of
# which each match holds (the words of its required alternation). With the colon above, they
# make one stdlib ``re`` test that skips almost every paragraph; it is used only while every
# pattern of the data file is in one of the two tables.
_NEED_ANY = {
    r"^(?:(?:当前位置|您现在的位置|您的位置|您当前的位置|当前页面|所在位置)\s*[:：]\s*)?(?:网站首页|首页|主页|返回首页)"
    r"\s*(?:>{1,2}|＞|»|›|→|/|-{1,2}>)": ("首页", "主页"),
    r"^【?(?:相关文章|相关链接|相关阅读|相关新闻|相关信息|相关稿件|相关附件|延伸阅读|推荐阅读|上一篇|下一篇)】?\s*[:：]?\s*$":
        ("相关", "延伸阅读", "推荐阅读", "上一篇", "下一篇"),
    r"^(?:[【\[]?\s*(?:打印本页|打印此页|打印文章|关闭窗口|关闭本页|收藏本页|加入收藏|返回顶部|保存本页|打印|关闭|收藏)"
    r"\s*[】\]]?\s*[|｜]?\s*){2,4}$": ("打印", "关闭", "收藏", "返回顶部", "保存本页"),
    r"^[【\[]?\s*(?:打印本页|打印此页|关闭窗口|关闭本页|收藏本页|返回顶部)\s*[】\]]?\s*$":
        ("打印", "关闭", "收藏", "返回顶部"),
    r"^(?:分享到|分享至)\s*[:：]|^扫一扫在手机(?:上)?打开当前页": ("分享", "扫一扫"),
}


@cache
def furniture_patterns() -> tuple[tuple[str, regex.Pattern], ...]:
    """(kind, compiled pattern) from ``data/page_furniture.toml``."""
    text = files("gongwen.rules").joinpath("data", "page_furniture.toml").read_text(encoding="utf-8")
    return tuple((p["kind"], regex.compile(p["regex"])) for p in tomllib.loads(text)["pattern"])


@cache
def _gated_patterns() -> tuple[tuple[str, regex.Pattern, bool], ...]:
    """(kind, pattern, whether a match needs a colon) for every data-file pattern, in order."""
    return tuple((kind, pattern, pattern.pattern in _NEED_COLON) for kind, pattern in furniture_patterns())


@cache
def _furniture_gate() -> "re.Pattern[str] | None":
    """A test every paragraph that some pattern matches passes (None: a pattern is unknown)."""
    needs = {":", "："}
    for _, pattern in furniture_patterns():
        if pattern.pattern in _NEED_ANY:
            needs.update(_NEED_ANY[pattern.pattern])
        elif pattern.pattern not in _NEED_COLON:
            return None
    return re.compile("|".join(map(re.escape, sorted(needs))))


class PageFurniture(Rule):
    """## What it does
    检查从网页复制或采集正文时带进来的页面元素：面包屑导航（`首页 > 专题专栏 > …`、
    `当前位置：`）、`相关文章:` 等链接栏、`【字体：大 中 小】`、`打印本页`、`关闭窗口`、
    `分享到：`、浏览次数。

    ## Why is this bad?
    这些文字属于网页模板，不属于报告。留在正文里，说明稿件是从网页反向复制的，
    发布或归档时会混入无意义的导航文字，检查时也会被当作内容错误。
    整段都是页面元素时才报告；正文中提到“首页”“打印”等词不报告。
    模式保存在数据文件 `page_furniture.toml` 中，可以补充。
    修复（删除该段）为不安全修复：须确认这一段确实不是正文。

    ## Example
    ```text
    首页 > 专题专栏 > 法治政府建设 > 九、法治政府建设组织领导落实到位
    ```

    Use instead:
    ```text
    （删去整行，正文从报告标题开始）
    ```
    """

    code = "WEB004"
    name = "page-furniture"
    category = "web"
    severity = Severity.WARNING
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        body = unit.text.strip(BLANKS)
        if not body or len(body) > 200:
            return
        gate = _furniture_gate()
        if gate is not None and gate.search(body) is None:
            return  # no pattern can match: see _NEED_COLON and _NEED_ANY
        has_colon = ":" in body or "：" in body
        for kind, pattern, needs_colon in _gated_patterns():
            if (has_colon or not needs_colon) and pattern.search(body):
                start = unit.text.index(body[0])
                end = start + len(body)
                yield Violation(start, end, f"网页页面元素混入正文：{kind}",
                                help="删除这一段网页模板文字",
                                fixes=(Fix.replace(0, len(unit.text), "", "删除这一段",
                                                   Applicability.UNSAFE),))
                return


RULES = (PageFurniture,)
