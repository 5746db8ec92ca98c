"""Suppression comments in Markdown and HTML.

``<!-- gongwen-disable CODE[, CODE…]; reason -->`` … ``<!-- gongwen-enable CODE -->`` turns
rules off for the source between the two comments (to the end of the file when there is no
enable); ``<!-- gongwen-disable-next-block CODE; reason -->`` turns them off for the next
paragraph (text unit) after the comment. A CODE may be a full code (PUN001), a prefix (PUN)
or ALL; no code at all means ALL. Ranges are in *source* offsets, so they work the same for
masked Markdown and for extracted HTML text. A directive that suppressed nothing while one
of its rules ran is reported as LNT001 (unused-suppression), as ruff's RUF100 does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

import regex

_COMMENT = regex.compile(r"<!--(.*?)-->", regex.DOTALL)
_DIRECTIVE = regex.compile(
    r"^\s*gongwen-(disable-next-block|disable|enable)(?![\w-])([^;]*)(?:;(.*))?$", regex.DOTALL)
_CODE = regex.compile(r"[A-Za-z]{1,10}[0-9]{0,4}")


def find_html_comments(source: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, body) of every ``<!-- … -->`` in source; an unclosed one runs to the end."""
    pos = start
    while True:
        a = source.find("<!--", pos)
        if a < 0:
            return
        b = source.find("-->", a + 4)
        end = len(source) if b < 0 else b + 3
        yield a, end, source[a + 4:(b if b >= 0 else len(source))]
        pos = end


@dataclass(frozen=True)
class Directive:
    kind: str  # "disable", "enable" or "disable-next-block"
    codes: tuple[str, ...]  # upper-case codes or prefixes; () means all
    reason: str
    start: int  # source offsets of the comment
    end: int

    @classmethod
    def parse(cls, body: str, start: int, end: int) -> "Directive | None":
        m = _DIRECTIVE.match(body)
        if not m:
            return None
        codes = tuple(c.upper() for c in regex.split(r"[\s,，、]+", m.group(2).strip()) if c)
        if "ALL" in codes:
            codes = ()
        return cls(m.group(1), codes, (m.group(3) or "").strip(), start, end)

    def covers(self, code: str) -> bool:
        return not self.codes or any(code.startswith(c) for c in self.codes)


@dataclass
class Suppression:
    directive: Directive
    start: int  # source range it covers
    end: int
    used: bool = False
    bad_codes: tuple[str, ...] = field(default=())


def build(directives: Iterable[Directive], unit_spans: list[tuple[int, int]],
          source_len: int) -> list[Suppression]:
    """Turn directives into covered source ranges; ``unit_spans`` are the source spans of
    the document's units, for next-block."""
    result: list[Suppression] = []
    open_: list[Suppression] = []
    for d in sorted(directives, key=lambda d: d.start):
        if d.kind == "disable":
            s = Suppression(d, d.end, source_len)
            result.append(s)
            open_.append(s)
        elif d.kind == "enable":
            for s in list(open_):
                if not d.codes or set(s.directive.codes) & set(d.codes) or not s.directive.codes:
                    s.end = d.start
                    open_.remove(s)
        else:
            nxt = next(((a, b) for a, b in unit_spans if a >= d.end), None)
            result.append(Suppression(d, *(nxt or (d.end, d.end))))
    return result


def is_valid_code(code: str) -> bool:
    return bool(_CODE.fullmatch(code))


def apply(doc, diagnostics: list, enabled: frozenset[str], lnt001_severity=None) -> list:
    """Drop diagnostics inside a suppression; report the unused ones as LNT001 when
    ``enabled`` holds LNT001 (``lnt001_severity`` overrides its default severity)."""
    from gongwen.diagnostic import Diagnostic, Severity

    spans = [(doc.offset_map.to_source(u.start), doc.offset_map.to_source(max(u.start, u.end - 1)) + 1)
             for u in doc.units]
    sups = build(doc.directives, spans, len(doc.source))
    kept = []
    for d in diagnostics:
        src = doc.offset_map.to_source(d.start)
        hit = [s for s in sups if s.start <= src < s.end and s.directive.covers(d.code)]
        for s in hit:
            s.used = True
        if not hit:
            kept.append(d)
    if "LNT001" not in enabled:
        return kept
    from gongwen.api import registry

    known = [r.code for r in registry()]
    index = doc.line_index
    for s in sups:
        codes = s.directive.codes
        unknown = [c for c in codes if not any(k.startswith(c) for k in known)]
        ran = not codes or any(e.startswith(c) for c in codes for e in enabled)
        if unknown:
            message = f"抑制注释中的规则代码 {'、'.join(unknown)} 不存在"
        elif s.used or not ran:
            continue
        else:
            message = f"抑制注释没有抑制任何问题（{'、'.join(codes) or '所有规则'}）"
        at, end = index.locate(s.directive.start), index.locate(s.directive.end)
        shown = doc.source[s.directive.start:s.directive.end]
        kept.append(Diagnostic(
            code="LNT001", name="unused-suppression",
            severity=lnt001_severity or Severity.WARNING,
            message=message, path=doc.path,
            start=0, end=0, location=at, end_location=end, matched=shown,
            help="删除这条注释，或检查其中的规则代码是否写错",
            fingerprint=fingerprint_of(doc.path, shown, at.line)))
    kept.sort(key=lambda d: (d.location, d.code))
    return kept


def fingerprint_of(path: str, shown: str, line: int) -> str:
    from gongwen.diagnostic import fingerprint

    return fingerprint("LNT001", path, shown, "", 0)
