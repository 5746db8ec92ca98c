"""The reviewer report: one self-contained HTML page for the people who approve publication.

A summary by rule and severity (with a check box per rule that filters the page), then each
document with every flagged span highlighted in its line and the explanation beside it.
Nothing is loaded from the network: the style and the little script are inline. Every piece
of document text goes through ``html.escape``; a report that contains ``<script>`` shows it.

The page also reads ``#rule=CODE,CODE`` from its address to open with only those rules shown,
so a link can point a reviewer at one kind of problem.

Over a whole site (more than one page checked) it is a site report as well: the pages with the
most findings and the counts per section of the site (a URL's host and first folder, or a
mirror's first two folders), each page and each finding linked to the page itself.
"""
from __future__ import annotations

import functools
import hashlib
import html
import os
from collections import Counter, defaultdict
from urllib.parse import quote
from datetime import datetime, timezone
from typing import Iterable, Mapping, TextIO

from gongwen import __version__
from gongwen.diagnostic import Applicability, Diagnostic, Severity
from gongwen.document import Document
from gongwen.output.width import printable
from gongwen.sources import GENERATED_MARKER, printable_name

CONTEXT = 60  # characters of the line shown each side of a span
TOP_PAGES = 20  # rows of the "pages with the most findings" table
SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
APPLICABILITY_ZH = {Applicability.SAFE: "安全修复，--fix 会自动应用",
                    Applicability.UNSAFE: "不安全修复，需 --unsafe-fixes 并复核",
                    Applicability.DISPLAY_ONLY: "仅供参考，须人工判断"}

STYLE = """
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--line:#ddd}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
 margin:0;padding:1.5rem 2rem;color:#222;background:#fafafa;line-height:1.6}
h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:1.5rem 0 .6rem}
.meta{color:#555;margin:0 0 1rem}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid var(--line);padding:.25rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.pill{display:inline-block;border-radius:.8rem;padding:0 .6rem;color:#fff;font-size:.85rem}
.pill.error{background:var(--err)}.pill.warning{background:var(--warn)}.pill.info{background:var(--info)}
.filters{margin:.6rem 0}button{font:inherit;margin-right:.4rem}
section.doc{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
section.doc h2{margin:.3rem 0 .6rem;word-break:break-all}
ol.findings{list-style:none;margin:0;padding:0}
li.finding{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;
 border-left:4px solid var(--line);padding:.5rem .8rem;margin:.5rem 0;background:#fcfcfc}
li.finding.error{border-left-color:var(--err)}li.finding.warning{border-left-color:var(--warn)}
li.finding.info{border-left-color:var(--info)}
.loc{color:#666;font-size:.85rem}
.snippet{white-space:pre-wrap;word-break:break-all;margin:.2rem 0;font-size:1.05rem}
mark.hl{padding:0 .1rem;border-radius:2px;outline:2px solid transparent}
mark.hl.error{background:#ffcdd2;outline-color:var(--err)}
mark.hl.warning{background:#ffe0b2;outline-color:var(--warn)}
mark.hl.info{background:#bbdefb;outline-color:var(--info)}
mark.hl.empty::before{content:"‸";color:var(--err);font-weight:bold}
.explain p{margin:.15rem 0}.code{font-family:monospace;font-weight:bold}
.help{color:#2e7d32}.fix{color:#444;font-size:.9rem}.note{color:#555;font-size:.9rem}
[hidden]{display:none!important}
"""

SCRIPT = """
(function () {
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.rule-filter"));
  function apply() {
    var on = {};
    boxes.forEach(function (b) { if (b.checked) on[b.value] = true; });
    var shown = 0;
    document.querySelectorAll("li.finding").forEach(function (li) {
      li.hidden = !on[li.getAttribute("data-code")];
      if (!li.hidden) shown++;
    });
    document.querySelectorAll("section.doc").forEach(function (s) {
      s.hidden = !s.querySelector("li.finding:not([hidden])");
    });
    document.getElementById("shown").textContent = String(shown);
  }
  var m = /rule=([A-Za-z0-9,]+)/.exec(window.location.hash);
  if (m) {
    var want = {};
    m[1].split(",").forEach(function (c) { want[c.toUpperCase()] = true; });
    boxes.forEach(function (b) { b.checked = !!want[b.value]; });
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  document.getElementById("all").addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = true; }); apply(); });
  document.getElementById("none").addEventListener("click", function () {
    boxes.forEach(function (b) { b.checked = false; }); apply(); });
  document.documentElement.setAttribute("data-ready", "1");
  apply();
})();
"""



def generated_at() -> datetime:
    """When the report says it was made: now, or ``SOURCE_DATE_EPOCH`` when set (the
    reproducible-builds convention), so that two runs of one check, or a local and a
    cluster run, can be compared byte for byte even when they straddle a minute."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except (ValueError, OverflowError, OSError):
            pass  # an unusable value: the report is still written, with the real time
    return datetime.now(timezone.utc)

def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _shown(text: str) -> str:
    """Escaped and with control characters made visible (U+FFFD), tabs expanded."""
    return e(printable(text))


def snippet(doc: Document | None, d: Diagnostic) -> str:
    """The span's line, cut to ``CONTEXT`` characters each side, with the span in <mark>."""
    sev = str(d.severity)
    if doc is None:
        return f'<mark class="hl {sev}" data-code="{e(d.code)}">{_shown(d.matched)}</mark>'
    text = doc.text
    line_start = max(text.rfind("\n", 0, d.start), text.rfind("\r", 0, d.start)) + 1
    ends = [i for i in (text.find("\n", d.end), text.find("\r", d.end)) if i != -1]
    line_end = min(ends) if ends else len(text)
    a = max(line_start, d.start - CONTEXT)
    b = min(line_end, d.end + CONTEXT)
    span = text[d.start:d.end]
    empty = " empty" if not span else ""
    return ("…" if a > line_start else "") + _shown(text[a:d.start]) + \
        f'<mark class="hl {sev}{empty}" data-code="{e(d.code)}" title="{e(d.code + " " + d.message)}">' \
        f"{_shown(span)}</mark>" + _shown(text[d.end:b]) + ("…" if b < line_end else "")


def section_of(path: str) -> str:
    """The part of a site a page belongs to: ``host/first-folder`` of a URL, the first two
    folders of a file's path (a mirror is ``host/first-folder/…``), or the folder it is in."""
    if "://" in path:
        host, _, rest = path.split("://", 1)[1].partition("/")
        folders = rest.split("/")[:-1]
        return host + ("/" + folders[0] if folders else "")
    folders = path.split("/")[:-1]
    return "/".join(folders[:2]) or "."


def page_href(path: str) -> str:
    """A link to the page: its URL, or its path relative to where the report is opened."""
    if path.startswith(("http://", "https://")):
        return path
    real = name_on_disk(path) if "\\" in path else None
    return quote(os.fsencode(real)) if real is not None else quote(path)


def name_on_disk(shown: str) -> str | None:
    """The path a report shows with escapes (sources.printable_name: ``a\\u202eb.txt`` for a
    name holding U+202E, ``bad\\xff.txt`` for a byte that is not UTF-8), found again in its
    folders; None when no entry, or more than one, shows so. The escapes cannot be undone
    from the text alone (``\\x80`` is a control character or a raw byte, and a name may hold
    a backslash), and a link to the escaped form opened nothing."""
    real: list[str] = []
    for i, part in enumerate(shown.split("/")):
        if "\\" in part:
            found = _escaped_names("/".join(real) or ("/" if i else ".")).get(part, ())
            if len(found) != 1:
                return None
            part = found[0]
        real.append(part)
    return "/".join(real)


@functools.lru_cache(maxsize=16)
def _escaped_names(folder: str) -> dict[str, list[str]]:
    """The names in ``folder`` that a report shows with a backslash (escaped, or holding one),
    by how it shows them (read once per folder: a site may hold thousands of such pages)."""
    shown: dict[str, list[str]] = {}
    try:
        for name in os.listdir(folder):
            escaped = printable_name(name)
            if "\\" in escaped:
                shown.setdefault(escaped, []).append(name)
    except OSError:
        pass
    return shown


def finding(doc: Document | None, d: Diagnostic, index: int) -> str:
    sev = str(d.severity)
    parts = [f'<li class="finding {sev}" data-code="{e(d.code)}" data-severity="{sev}" id="f{index}">',
             '<div class="context">',
             f'<div class="loc"><a class="page-link" href="{e(page_href(d.path))}">{e(d.path)}</a> '
             f'第 {d.location.line} 行第 {d.location.column} 列</div>',
             f'<p class="snippet">{snippet(doc, d)}</p></div>',
             '<div class="explain">',
             f'<p><span class="pill {sev}">{SEVERITY_ZH[d.severity]}</span> '
             f'<span class="code">{e(d.code)}</span> {e(d.name)}</p>',
             f'<p class="msg">{e(d.message)}</p>']
    if d.help:
        parts.append(f'<p class="help">建议：{e(d.help)}</p>')
    for label in d.labels:
        where = doc.locate(label.start) if doc else None
        text = doc.text[label.start:label.end] if doc else ""
        at = f"第 {where.line} 行第 {where.column} 列" if where else ""
        parts.append(f'<p class="note">{at}“{_shown(text)}”：{e(label.message)}</p>')
    for note in d.notes:
        parts.append(f'<p class="note">{e(note)}</p>')
    for fix in d.fixes:
        parts.append(f'<p class="fix">修复：{e(fix.title)}（{APPLICABILITY_ZH[fix.applicability]}）</p>')
    parts.append("</div></li>")
    return "".join(parts)


def anchor_of(path: str) -> str:
    """The id of a document's section: stable, so the site summary can link to it before the
    section is written (each file's section is rendered on its own, see output.stream)."""
    return "p" + hashlib.sha1(path.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def section(path: str, doc: Document | None, found: list[Diagnostic], first: int) -> str:
    """One document's findings; ``first`` numbers its first finding across the page."""
    parts = [f'<section class="doc" data-path="{e(path)}" id="{anchor_of(path)}"><h2>{e(path)} '
             f'<span class="meta">（{len(found)} 处）</span> '
             f'<a class="page-link" href="{e(page_href(path))}">打开页面</a></h2><ol class="findings">']
    parts += [finding(doc, d, first + i) for i, d in enumerate(found)]
    parts.append("</ol></section>\n")
    return "".join(parts)


def render(diagnostics: Iterable[Diagnostic], docs: Mapping[str, Document], checked: list[str],
           out: TextIO, rules: list | None = None) -> None:
    """The whole page at once (``write`` with every document's ``section``)."""
    diagnostics = list(diagnostics)
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_path[d.path].append(d)
    sections, first = [], 0
    for path, found in by_path.items():
        sections.append(section(path, docs.get(path), found, first))
        first += len(found)
    write(diagnostics, sections, checked, out, rules)


def write(diagnostics: list[Diagnostic], sections: list[str], checked: list[str], out: TextIO,
          rules: list | None = None, incomplete: str | None = None) -> None:
    """The page: the summary of every finding, then the documents' rendered sections. A run
    that did not finish (``incomplete``: what to say, output.incomplete) says so first."""
    per_code = Counter(d.code for d in diagnostics)
    severity_of = {d.code: d.severity for d in diagnostics}
    names = {d.code: d.name for d in diagnostics}
    summaries = {r.code: r.summary().replace("`", "") for r in rules or []}
    per_sev = Counter(d.severity for d in diagnostics)
    files_with = len({d.path for d in diagnostics})
    now = generated_at().strftime("%Y-%m-%d %H:%M UTC")

    w = out.write
    w('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
      '<meta name="viewport" content="width=device-width, initial-scale=1">'
      f'<meta name="generator" content="{GENERATED_MARKER}">'  # a later walk skips this file
      '<title>公文检查审阅报告</title>'
      f"<style>{STYLE}</style></head><body>\n")
    w('<header><h1>公文检查审阅报告</h1>'
      f'<p class="meta">gongwen {e(__version__)} · 生成于 {now} · 检查了 {len(checked)} 个文件，'
      f'{files_with} 个文件有问题，共 <b id="total">{len(diagnostics)}</b> 处问题'
      f'（错误 {per_sev[Severity.ERROR]}、警告 {per_sev[Severity.WARNING]}、提示 {per_sev[Severity.INFO]}），'
      f'当前显示 <b id="shown">{len(diagnostics)}</b> 处</p></header>\n')
    if incomplete is not None:
        w(f'<p id="incomplete" role="alert" style="color:var(--err)"><b>{e(incomplete)}。</b></p>\n')
    w('<section id="summary"><h2>按严重级别汇总</h2><table id="by-severity"><tbody><tr>')
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        w(f'<td><span class="pill {sev}">{SEVERITY_ZH[sev]}</span></td><td class="n">{per_sev[sev]}</td>')
    w("</tr></tbody></table><h2>按规则汇总</h2>")
    if per_code:
        w('<div class="filters"><button type="button" id="all">全部显示</button>'
          '<button type="button" id="none">全部隐藏</button> 勾选规则以筛选下方的问题</div>')
        w("<table><thead><tr><th>显示</th><th>规则</th><th>名称</th><th>严重级别</th><th>数量</th>"
          "<th>说明</th></tr></thead><tbody>")
        order = sorted(per_code, key=lambda c: (-severity_of[c], -per_code[c], c))
        for code in order:
            sev = severity_of[code]
            w(f'<tr data-code="{e(code)}"><td><input type="checkbox" class="rule-filter" '
              f'value="{e(code)}" id="r-{e(code)}" checked></td>'
              f'<td><label for="r-{e(code)}" class="code">{e(code)}</label></td><td>{e(names[code])}</td>'
              f'<td><span class="pill {sev}">{SEVERITY_ZH[sev]}</span></td>'
              f'<td class="n">{per_code[code]}</td><td>{e(summaries.get(code, ""))}</td></tr>')
        w("</tbody></table>")
    else:
        w(f'<p>{"未发现问题。" if incomplete is None else "检查未完成，已检查的文件中没有列出问题。"}</p>'
          '<span id="all"></span><span id="none"></span>')
    w("</section>\n")
    if len(checked) > 1:
        by_path: dict[str, list[Diagnostic]] = defaultdict(list)
        for d in diagnostics:
            by_path[d.path].append(d)
        w(_site_summary(by_path, checked))
    for part in sections:
        w(part)
    w(f"<script>{SCRIPT}</script>\n</body></html>\n")


def _site_summary(by_path: Mapping[str, list[Diagnostic]], checked: list[str]) -> str:
    """Pages with the most findings, and findings per section of the site."""
    parts = ['<section id="site"><h2>问题最多的页面</h2><table id="pages"><thead><tr><th>页面</th>'
             '<th>问题</th><th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>']
    ranked = sorted(by_path.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_PAGES]
    for path, found in ranked:
        sev = Counter(d.severity for d in found)
        parts.append(f'<tr><td><a href="#{anchor_of(path)}">{e(path)}</a></td><td class="n">{len(found)}</td>'
                     + "".join(f'<td class="n">{sev[s]}</td>' for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
                     + "</tr>")
    if not ranked:
        parts.append('<tr><td colspan="5">没有页面有问题</td></tr>')
    parts.append('</tbody></table><h2>按栏目汇总</h2><table id="sections"><thead><tr><th>栏目</th>'
                 '<th>检查页面</th><th>有问题的页面</th><th>问题</th><th>错误</th></tr></thead><tbody>')
    pages = Counter(section_of(p) for p in checked)
    flagged = Counter(section_of(p) for p in by_path)
    findings: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    for path, found in by_path.items():
        findings[section_of(path)] += len(found)
        errors[section_of(path)] += sum(1 for d in found if d.severity == Severity.ERROR)
    for section in sorted(pages, key=lambda s: (-findings[s], s)):
        parts.append(f'<tr><td>{e(section)}</td><td class="n">{pages[section]}</td>'
                     f'<td class="n">{flagged[section]}</td><td class="n">{findings[section]}</td>'
                     f'<td class="n">{errors[section]}</td></tr>')
    parts.append("</tbody></table></section>\n")
    return "".join(parts)
