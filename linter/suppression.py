"""Suppression comments in Markdown and HTML.

``<!-- gongwen-disable CODE[, CODE…]; reason -->`` … ``<!-- gongwen-enable CODE -->`` turns
rules off for the source between the two comments (to the end of the file when there is no
enable); ``<!-- gongwen-disable-next-block CODE; reason -->`` turns them off for the next
paragraph (text unit) after the comment. A CODE may be a full code (PUN001), a family (PUN)
or ALL; no code at all means ALL. A cut-off code (``DAT01``) is a typo, not a prefix: it
suppresses nothing and is reported as LNT002 (unknown-suppression-code), as is a code no rule
has. Ranges are in *source* offsets, so they work the same for masked Markdown and for
extracted HTML text. A directive that suppressed nothing while one of its rules ran is
reported as LNT001 (unused-suppression), as ruff's RUF100 does.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

import regex

from gongwen.analysis.text import SpanSet
from gongwen.analysis import pattern_cache

_COMMENT = pattern_cache.regex_compile(r"<!--(.*?)-->", regex.DOTALL)
_DIRECTIVE = pattern_cache.regex_compile(
    r"^\s*gongwen-(disable-next-block|disable|enable)(?![\w-])([^;]*)(?:;(.*))?$", regex.DOTALL)
# Raw HTML and autolinks as CommonMark reads them inside a paragraph (markdown-it-py's own
# patterns). The comment's alternatives exclude each other, so a match that fails has scanned
# to the paragraph's end once, never backtracking into a second reading.
_INLINE_COMMENT = pattern_cache.regex_compile(r"<!---?>|<!--(?:[^-]|-[^-]|--[^>])*-->")
_ATTRIBUTE = r"""(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^"'=<>`\x00-\x20]+|'[^']*'|"[^"]*"))?)"""
_TAG = pattern_cache.regex_compile(rf"<[A-Za-z][A-Za-z0-9\-]*{_ATTRIBUTE}*\s*/?>|</[A-Za-z][A-Za-z0-9\-]*\s*>")
_AUTOLINK = pattern_cache.regex_compile(r"[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^<>\x00-\x20]*")
_EMAIL = pattern_cache.regex_compile(r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                       r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*")
# Raw HTML that ends at the first given closer after its opener: (opener, closer, where the
# search for the closer starts past the opener).
_CLOSED_BY = (("<?", "?>", 2), ("<![CDATA[", "]]>", 9))
_DECLARATION = pattern_cache.regex_compile(r"<![A-Za-z]")
# What the left-to-right scan of a paragraph stops at: a backslash escape (an escaped backtick
# or < opens nothing), a backtick run, a < (autolink or raw HTML).
_INLINE_TOKEN = pattern_cache.regex_compile(r"\\[!-/:-@\[-`{-~]|`+|<")
_BACKTICK_RUN = pattern_cache.regex_compile(r"`+")
_ANGLE = pattern_cache.regex_compile(r"[<>]")
_DASHES = pattern_cache.regex_compile(r"-*")
# What a directive may name: a family (PUN) or a whole code (PUN001), as the registry spells them.
_FAMILY_OR_CODE = pattern_cache.regex_compile(r"[A-Z]{2,4}(?:[0-9]{3})?")
_CODE_SEPARATOR = pattern_cache.regex_compile(r"[\s,，、]+")


def find_html_comments(source: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, body) of every ``<!-- … -->`` in source; an unclosed one runs to the end."""
    pos = start
    while (a := source.find("<!--", pos)) >= 0:
        comment = _html_comment_at(source, a)
        yield comment
        pos = comment[1]


def _html_comment_at(source: str, a: int) -> tuple[int, int, str]:
    b = source.find("-->", a + 4)
    end = len(source) if b < 0 else b + 3
    return a, end, source[a + 4:(b if b >= 0 else len(source))]


def markdown_comments(source: str, start: int, prose: list[tuple[int, int]],
                      in_code) -> list[tuple[int, int, str]]:
    """(start, end, body) of the comments a Markdown reader reads as comments, from ``start``.

    In a paragraph (a span of ``prose``) a ``<!--`` is a comment only where CommonMark reads
    one: not inside a code span (`` `<!-- gongwen-disable ALL -->` `` on a page about the gate
    is code a reader sees), not escaped, and closed in the paragraph. Elsewhere (HTML blocks)
    every ``<!-- … -->`` is one, as before; one starting in a code block (``in_code``) is left
    out."""
    paragraphs = SpanSet.union(prose)
    real: dict[int, tuple[int, int, str]] = {}
    scanned: set[int] = set()
    found = []
    pos = start
    while (a := source.find("<!--", pos)) >= 0:
        i = bisect.bisect_right(paragraphs.starts, a) - 1
        if i >= 0 and a < paragraphs.ends[i]:
            if i not in scanned:  # each paragraph holding a "<!--" is scanned once
                scanned.add(i)
                real.update((c[0], c) for c in paragraph_comments(
                    source, paragraphs.starts[i], paragraphs.ends[i]))
            comment = real.get(a)
            if comment is not None:
                found.append(comment)
            pos = comment[1] if comment is not None else a + 1
            continue
        comment = _html_comment_at(source, a)
        if not in_code(a):
            found.append(comment)
        pos = comment[1]
    return found


def paragraph_comments(source: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, body) of the comments in the paragraph ``source[start:end]``, read left to
    right as CommonMark reads code spans, autolinks and raw HTML: whichever starts first wins.
    A backtick run opens a code span that ends at the next run of the same length (a run with
    none is text); a backslash escapes the character after it outside code spans; a tag, a
    processing instruction, a declaration or CDATA hides what it holds.

    Linear in the paragraph but for tags whose quoted attributes hold more tags: a run finds
    its closer through a per-length list of runs with a pointer that only moves forward; an
    opener whose closer is missing marks its kind as unclosed for the rest of the paragraph;
    once a comment has failed to close, a later opener can close only within its first dashes
    (_closes_early); an autolink is looked for only up to the next < or >. markdown-it-py's
    refusal of some link schemes (javascript:) is not followed: such a link hides what it holds."""
    runs: dict[int, list[int]] = {}  # run length -> starts of the runs of exactly that length
    for m in _BACKTICK_RUN.finditer(source, start, end):
        runs.setdefault(m.end() - m.start(), []).append(m.start())
    next_run = dict.fromkeys(runs, 0)
    unclosed: set[str] = set()  # the closers missing from here to the paragraph's end
    comments = []
    pos = start
    while (m := _INLINE_TOKEN.search(source, pos, end)) is not None:
        a, b = m.span()
        if source[a] == "\\":
            pos = b
        elif source[a] == "`":
            # The run may be the tail of one whose first backtick was escaped: it is then no
            # run of the index, and its closer is still the next run of its length.
            n = b - a
            same = runs.get(n, ())
            k = next_run.get(n, 0)
            while k < len(same) and same[k] < b:
                k += 1
            next_run[n] = k
            pos = same[k] + n if k < len(same) else b
        else:
            pos = _autolink_end(source, a, end) or _raw_html_end(source, a, end, unclosed, comments) or b
    return comments


def _autolink_end(source: str, a: int, end: int) -> int | None:
    m = _ANGLE.search(source, a + 1, end)
    if m is None or m.group() != ">":
        return None
    inside = m.start()
    found = _AUTOLINK.fullmatch(source, a + 1, inside) or _EMAIL.fullmatch(source, a + 1, inside)
    return inside + 1 if found else None


def _raw_html_end(source: str, a: int, end: int, unclosed: set[str], comments: list) -> int | None:
    """The end of the raw HTML starting at ``a``, a comment among them added to ``comments``."""
    if source.startswith("<!--", a):
        c = (_closes_early(source, a, end) if "-->" in unclosed
             else _INLINE_COMMENT.match(source, a, end))
        if c is None:  # the pattern fails only at the paragraph's end
            unclosed.add("-->")
            return None
        comments.append((a, c.end(), source[a + 4:max(a + 4, c.end() - 3)]))
        return c.end()
    for opener, closer, skip in _CLOSED_BY:
        if source.startswith(opener, a):
            return _closed_end(source, a + skip, end, closer, unclosed)
    if _DECLARATION.match(source, a, end):
        return _closed_end(source, a + 3, end, ">", unclosed)
    m = _TAG.match(source, a, end)
    return m.end() if m else None


def _closed_end(source: str, at: int, end: int, closer: str, unclosed: set[str]) -> int | None:
    """The end of the first ``closer`` from ``at``: none there means none for any later opener."""
    i = -1 if closer in unclosed else source.find(closer, at, end)
    if i < 0:
        unclosed.add(closer)
        return None
    return i + len(closer)


def _closes_early(source: str, a: int, end: int):
    """The comment opened at ``a`` if it closes within the dashes after ``<!--`` and the
    character after them. An opener before it has read to ``end`` unclosed: every token of the
    comment pattern ends at a character other than "-", so past the first such character the
    two read the same tokens and this one cannot close either."""
    q = _DASHES.match(source, a + 4, end).end()
    return _INLINE_COMMENT.match(source, a, min(q + 1, end))


@dataclass(frozen=True)
class Directive:
    kind: str  # "disable", "enable" or "disable-next-block"
    codes: tuple[str, ...]  # upper-case codes or prefixes; () means all
    reason: str
    start: int  # source offsets of the comment
    end: int

    @classmethod
    def parse(cls, body: str, start: int, end: int) -> "Directive | None":
        read = _read_directive(body)
        return None if read is None else cls(*read, start, end)

    def covers(self, code: str) -> bool:
        return _codes_cover(self.codes, code)


def _codes_cover(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(names(c, code) for c in codes)


def _by_codes(judge):
    """``judge(codes)`` asked once per distinct list of codes: a page repeats a few directives
    thousands of times (tests/test_suppression_memo.py compares it with asking every time)."""
    seen: dict[tuple[str, ...], object] = {}

    def judged(codes: tuple[str, ...]):
        if (verdict := seen.get(codes)) is None:
            verdict = seen[codes] = judge(codes)
        return verdict
    return judged


# A page repeats a few comments thousands of times: each is read once (bounded, as a page of
# distinct comments would otherwise grow it).
@lru_cache(maxsize=1024)
def _read_directive(body: str) -> tuple[str, tuple[str, ...], str] | None:
    """A comment's kind, codes (() for all) and reason, or None if it is no directive."""
    m = _DIRECTIVE.match(body)
    if not m:
        return None
    codes = tuple(c.upper() for c in _CODE_SEPARATOR.split(m.group(2).strip()) if c)
    if "ALL" in codes:
        codes = ()
    return m.group(1), codes, (m.group(3) or "").strip()


def names(written: str, code: str) -> bool:
    """Whether a code written in a directive names the rule ``code``: the same code, or
    its family (letters only). ``DAT01`` names nothing, though DAT010 starts with it."""
    return code == written or (written.isalpha() and code.startswith(written))


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
    unit_starts = [a for a, _ in unit_spans]
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
            # The first unit starting at or after the comment, by bisection (units are in
            # source order): a scan per directive was quadratic on a page of many of them.
            i = bisect.bisect_left(unit_starts, d.end)
            result.append(Suppression(d, *(unit_spans[i] if i < len(unit_spans) else (d.end, d.end))))
    return result


def apply(doc, diagnostics: list, enabled: frozenset[str], severity: dict | None = None) -> list:
    """Drop diagnostics inside a suppression; report unused directives (LNT001) and codes
    that name no rule (LNT002) when those rules are in ``enabled`` (``severity`` holds the
    configured overrides)."""
    spans = [(doc.offset_map.to_source(u.start), doc.offset_map.to_source(max(u.start, u.end - 1)) + 1)
             for u in doc.units]
    sups = build(doc.directives, spans, len(doc.source))
    kept = _unsuppressed(sups, diagnostics, doc.offset_map.to_source)
    if not {"LNT001", "LNT002"} & enabled:
        return kept
    from gongwen.api import registry

    known = {r.code for r in registry()} | set(enabled)
    levels = {code: (severity or {}).get(code) or registry().by_code[code].severity for code in ("LNT001", "LNT002")}
    judge = _by_codes(lambda codes: _judge(codes, known, enabled))
    for s in sups:
        codes = s.directive.codes
        unknown, ran = judge(codes)
        if unknown and "LNT002" in enabled:
            kept.append(_report(doc, s, "LNT002", "unknown-suppression-code", levels["LNT002"],
                                f"抑制注释中的规则代码 {'、'.join(unknown)} 不存在",
                                _unknown_help(unknown, known)))
        elif not unknown and ran and not s.used and "LNT001" in enabled:
            kept.append(_report(doc, s, "LNT001", "unused-suppression", levels["LNT001"],
                                f"抑制注释没有抑制任何问题（{'、'.join(codes) or '所有规则'}）",
                                "问题已改正时删除这条注释"))
    kept.sort(key=lambda d: (d.location, d.code))
    return kept


def _judge(codes: tuple[str, ...], known: set[str], enabled: frozenset[str]) -> tuple[list[str], bool]:
    """The codes of a directive that name no known rule, and whether it names a rule that ran."""
    unknown = [c for c in codes if not _FAMILY_OR_CODE.fullmatch(c) or not any(names(c, k) for k in known)]
    return unknown, not codes or any(names(c, e) for c in codes for e in enabled)


def _unsuppressed(sups: list[Suppression], diagnostics: list, to_source) -> list:
    """The diagnostics no suppression covers, marking each suppression that covers one as
    used. Per code, not per diagnostic: testing every diagnostic against every directive
    was quadratic on a page of many directives (8,000: 30 s). A code's findings are sorted
    by source offset, so a suppression finds whether it covers one by bisection, and a
    finding whether some suppression covers it in the union of their ranges."""
    at = [to_source(d.start) for d in diagnostics]
    by_code: dict[str, list[int]] = {}
    for d, src in zip(diagnostics, at):
        by_code.setdefault(d.code, []).append(src)
    hidden: dict[str, SpanSet] = {}
    for code, offsets in by_code.items():
        offsets.sort()
        ranges = []
        covers = _by_codes(lambda codes: _codes_cover(codes, code))
        for s in sups:
            if s.start < s.end and covers(s.directive.codes):
                ranges.append((s.start, s.end))
                i = bisect.bisect_left(offsets, s.start)
                s.used = s.used or (i < len(offsets) and offsets[i] < s.end)
        hidden[code] = SpanSet.union(ranges)
    return [d for d, src in zip(diagnostics, at) if not hidden[d.code].covers(src)]


def _unknown_help(unknown: list[str], known: set[str]) -> str:
    import difflib

    close = [m for c in unknown for m in difflib.get_close_matches(c, sorted(known), n=3, cutoff=0.6)]
    hint = f"是否想写 {'、'.join(dict.fromkeys(close))}？" if close else ""
    return (hint + "规则代码是字母加三位数字（如 DAT001），也可只写字母表示一类（DAT）或写 ALL；"
            "gongwen rules 列出全部规则")


def _report(doc, s: Suppression, code: str, name: str, severity, message: str, help: str):
    from gongwen.diagnostic import Diagnostic

    index = doc.line_index
    at, end = index.locate(s.directive.start), index.locate(s.directive.end)
    shown = doc.source[s.directive.start:s.directive.end]
    return Diagnostic(
        code=code, name=name, severity=severity,
        message=message, path=doc.path,
        start=0, end=0, location=at, end_location=end, matched=shown, help=help,
        fingerprint=fingerprint_of(doc.path, shown, at.line, code))


def fingerprint_of(path: str, shown: str, line: int, code: str = "LNT001") -> str:
    from gongwen.diagnostic import fingerprint

    return fingerprint(code, path, shown, "", 0)
