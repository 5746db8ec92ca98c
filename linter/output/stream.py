"""Rendering file by file as results arrive, keeping only counts between files.

A CI gate over a website lints ten thousand pages; holding every page's text and every
finding until the end made the run's memory grow with the site (357 MB on 100 MB of pages).
The formats whose output is a sequence of per-file parts — full, concise, json, github,
SARIF (its results close the document) and ``--statistics`` — are written as each file is
done and the file is dropped. JUnit and the HTML report are single documents whose header
counts everything, so they still collect the run's findings (never its texts, except the
HTML report's snippets).
"""
from __future__ import annotations

from collections import Counter, _count_elements  # what Counter.update counts a list with
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple, TextIO

from gongwen import faults
from gongwen.diagnostic import Diagnostic, Severity, allowed, applicable_fix
from gongwen.document import Document
from gongwen.held_signals import held

try:  # the surrogate test in C (guarded); else the part is encoded to test it
    from gongwen.output._json_item import has_surrogate as _has_surrogate
except ImportError:
    _has_surrogate = None

_UNASKED = object()

# Formats whose per-file part is plain text that does not depend on the terminal: it can be
# rendered in the worker process that linted the file (see ``prerender``).
MACHINE_STREAMED = ("concise", "json", "github")


def _empty_counter() -> Counter:
    """``Counter()`` without its ``__init__``: that runs ``update(None)`` in Python (~1.3 us, three
    per Tally, and a Tally is made for every file a worker renders); a Counter holds nothing
    but its dict, which ``dict.__new__`` makes empty."""
    return Counter.__new__(Counter)


@dataclass
class Tally:
    """What a run found, as counts: enough for the exit code, the footer and --statistics."""

    severities: Counter = field(default_factory=_empty_counter)
    codes: Counter = field(default_factory=_empty_counter)
    fixable: Counter = field(default_factory=_empty_counter)
    names: dict[str, str] = field(default_factory=dict)

    def add(self, found: list[Diagnostic], unsafe: bool = False) -> None:
        if not found:  # a clean file (86 of the speed benchmark's first 400): four updates of nothing
            return
        # Counted in C by what Counter.update calls for a list (without its Python preamble,
        # three times a file), not by += of Python per finding.
        _count_elements(self.severities, [d.severity for d in found])
        _count_elements(self.codes, [d.code for d in found])
        self.names.update({d.code: d.name for d in found})
        _count_elements(self.fixable, _fixable_codes(found, unsafe))

    @property
    def total(self) -> int:
        return sum(self.codes.values())

    def at_or_above(self, threshold: Severity) -> int:
        return sum(n for severity, n in self.severities.items() if severity >= threshold)

    def merge(self, other: "Tally") -> None:
        if not (other.severities or other.codes or other.fixable or other.names):  # a clean file's
            return
        self.severities.update(other.severities)
        self.codes.update(other.codes)
        self.fixable.update(other.fixable)
        self.names.update(other.names)


def _fixable_codes(found: list[Diagnostic], unsafe: bool) -> list[str]:
    """``[d.code for d in found if applicable_fix(d, unsafe)]``. A finding's fix is its first
    that is not display-only, else its first (Diagnostic.fix); a display-only one never
    applies: so for a tuple of at most one fix, the fix applies if its applicability is
    allowed, asked here without the two Python calls per finding (applicable_fix, the fix
    property) that the rest still take."""
    kinds = allowed(unsafe)
    codes = []
    for d in found:
        fixes = d.fixes
        if fixes.__class__ is tuple and len(fixes) < 2:
            if fixes and fixes[0].applicability in kinds:
                codes.append(d.code)
        elif applicable_fix(d, unsafe):
            codes.append(d.code)
    return codes


def file_text(fmt: str, doc: object, found: list[Diagnostic]) -> str:
    """One file's part of a machine format in ``MACHINE_STREAMED`` (JSON: its array items,
    comma-separated, without the brackets)."""
    from gongwen.output import concise, github, json_format

    if fmt == "json":
        if not isinstance(doc, Document):
            return ",\n".join(json_format.item_text(d, None) for d in found)
        locate, lines = doc.locate, doc.line_index if doc.offset_map.is_identity else None
        return ",\n".join(json_format.item_text(d, locate, lines) for d in found)
    return "".join((concise.line if fmt == "concise" else github.line)(d) for d in found)


def file_bytes(fmt: str, doc: object, found: list[Diagnostic]) -> bytes:
    """``file_text(fmt, doc, found)`` in UTF-8, encoded strictly (a lone surrogate raises as
    ``str.encode`` raises): a JSON part of a document whose offsets are its source's is
    written by json_format.part_bytes in one C call where it can."""
    if fmt == "json" and isinstance(doc, Document) and doc.offset_map.is_identity:
        from gongwen.output import json_format

        data = json_format.part_bytes(found, doc.locate, doc.line_index)
        if data is not None:
            return data
    return file_text(fmt, doc, found).encode("utf-8")


def guarded(fmt: str, path: str, found: list[Diagnostic], render: Callable[[list[Diagnostic]], Any],
            as_text: Callable[[Any], str] = str) -> tuple[list[Diagnostic], Any]:
    """One file's part of the output (``render(found)``), and the findings it shows. A part
    that cannot be rendered, or whose text (``as_text(part)``) cannot be written as UTF-8 —
    every format's encoding; a lone surrogate from a broken reader or an undecodable file
    name cannot — is replaced by one LNT905 on the file before anything of it is written,
    so the output stays one valid document. A part rendered as bytes (``prerender``'s) was
    encoded strictly by ``render``: a surrogate raised there, the same error."""
    try:
        part = render(found)
        if part.__class__ is bytes:  # already UTF-8: the strict encode that made it was the test
            return found, part
        text = as_text(part)
        # str.encode("utf-8") fails on a surrogate alone: tested for first (in C, without
        # building the bytes that the output's writer builds again), encoded only to raise
        # the very error LNT905 names.
        if _has_surrogate is None or text.__class__ is not str or _has_surrogate(text):
            text.encode("utf-8")
        return found, part
    except Exception as exc:
        if faults.strict():
            raise
        found = [faults.writer_crashed(path, fmt, exc)]
        return found, render(found)


class Prerendered(NamedTuple):
    """What the parent process needs of a linted file when the worker has rendered it: the
    file's counts and its part in UTF-8, instead of its whole document and findings."""

    path: str
    tally: Tally
    data: bytes  # the part in UTF-8: encoded once, here; ``--jobs`` ships bytes, not a str to re-encode

    @property
    def text(self) -> str:
        """The part as text (what callers of the API read before it was kept as bytes)."""
        return self.data.decode("utf-8")


def prerender(fmt: str, unsafe: bool, doc: object, found: list[Diagnostic]) -> Prerendered:
    """Render one file's part in the process that linted it. A run over ten thousand pages
    then ships kilobytes of text to the parent instead of every page, and the JSON encoding
    (pure Python with ``indent``) runs on every core instead of in the parent alone."""
    found, data = guarded(fmt, doc.path, found, lambda f: file_bytes(fmt, doc, f) if f else b"")
    tally = Tally()
    tally.add(found, unsafe)
    return Prerendered(doc.path, tally, data)


def statistics(tally: Tally, out: TextIO, fmt: str | None = "full") -> None:
    """``--statistics``: one line per rule, most frequent first, with fixability, and the
    total — also when it is 0, so a clean run says so. With ``--output-format json``, the
    same as a JSON array of ``{code, name, count, fixable}`` (``[]`` for a clean run)."""
    ordered = sorted(tally.codes.items(), key=lambda kv: (-kv[1], kv[0]))
    if fmt == "json":
        import json

        rows = [{"code": code, "name": tally.names[code], "count": n, "fixable": tally.fixable[code]}
                for code, n in ordered]
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    width = len(str(max(tally.codes.values()))) if tally.codes else 1
    for code, n in ordered:
        fixable = tally.fixable[code]
        mark = "[*]" if fixable == n else ("[-]" if fixable else "   ")
        out.write(f"{n:>{width}}\t{code}\t{mark} {tally.names[code]}\n")
    out.write(f"共 {tally.total} 处问题\n")
    if any(tally.fixable.values()):
        out.write("[*] 全部可用 --fix 修复；[-] 部分可修复\n")


class Report:
    """One output format over one run: ``add`` each file's findings in input order, then
    ``close``. Every format's bytes are the same as rendering the whole run at once. A
    ``fmt`` of None only counts (``--diff``, ``--write-baseline``)."""

    def __init__(self, fmt: str | None, out: TextIO, *, statistics_only: bool = False, unsafe: bool = False,
                 ambiguous_width: int = 1, rules: list | None = None) -> None:
        self.fmt, self.out, self.unsafe = fmt, out, unsafe
        self.statistics_only = statistics_only
        self.ambiguous_width = ambiguous_width
        self.rules = rules or []
        self.tally = Tally()
        self.files = 0  # checked: counted, not listed — a run of a million pages must not grow here
        self.checked: list[str] = []  # only for the HTML report, which lists them
        self._kept: list[Diagnostic] = []  # only for the single-document formats
        self._parts: list = []  # their rendered per-file parts (SARIF results, JUnit cases, HTML sections)
        self._rule_index = {rule.code: i for i, rule in enumerate(self.rules)}  # SARIF ruleIndex
        self._json_open = False  # "[" written
        self._sink: Any = _UNASKED  # where prerendered UTF-8 goes (output_guard.utf8_sink), asked once
        self._sarif = None  # SARIF results are written as they come (sarif.Stream)
        if fmt == "sarif" and not statistics_only:
            from gongwen.output import sarif

            self._sarif = sarif.Stream(out, self.rules)
        self._console = None
        if fmt == "full" and not statistics_only:
            from gongwen.output.console import console

            self._console = console(out)

    def add(self, path: str, doc: object, found: list[Diagnostic]) -> None:
        """``doc`` is the file's Document, or what stood in for it (an unreadable file)."""
        doc = doc if isinstance(doc, Document) else None
        if self.fmt is None or self.statistics_only or (not found and self.fmt != "junit"):
            self.tally.add(found, self.unsafe)
            self._count(path)
            return
        if self.fmt in MACHINE_STREAMED:
            found, text = guarded(self.fmt, path, found, lambda f: file_text(self.fmt, doc, f))
            self._write(text)
        elif self.fmt == "full":
            found, text = guarded(self.fmt, path, found, lambda f: self._full_text(doc, f))
            with held():
                self.out.write(text)
        elif self._sarif is not None:
            found, part = self._part(path, doc, found)
            self._sarif.add(part)
        else:
            found, part = self._part(path, doc, found)
            self._kept.extend(found)
            self._parts.append(part)
        self.tally.add(found, self.unsafe)
        self._count(path)  # last: a run interrupted in the middle of a file has not reported it

    def _full_text(self, doc: Document | None, found: list[Diagnostic]) -> str:
        from gongwen.output import full

        with self._console.capture() as captured:
            full.render_file(found, doc, self._console, self.ambiguous_width)
        return captured.get()

    def _part(self, path: str, doc: Document | None, found: list[Diagnostic]) -> tuple[list[Diagnostic], object]:
        """One file's part of a single-document format, rendered now (so that a failure is
        this file's alone) and assembled by ``close``."""
        from gongwen.output import html_report, junit, sarif

        if self.fmt == "sarif":
            return guarded(self.fmt, path, found, lambda f: [sarif.result(d, self._rule_index) for d in f],
                           sarif.dumps)
        if self.fmt == "junit":
            return guarded(self.fmt, path, found, lambda f: junit.testcase(path, f), junit.dumps)
        first = len(self._kept)  # the page numbers findings across files
        return guarded(self.fmt, path, found, lambda f: html_report.section(path, doc, f, first))

    def add_prerendered(self, part: Prerendered) -> None:
        """A file that a worker has already rendered with ``prerender(self.fmt, …)``."""
        self.tally.merge(part.tally)
        if part.data:
            self._write_utf8(part.data)
        self._count(part.path)

    def _count(self, path: str) -> None:
        self.files += 1
        if self.fmt == "html":
            self.checked.append(path)

    def _write(self, text: str) -> None:
        """One file's part, whole and with the flag that says the document has begun: a
        signal between them left '[' unflagged, and the incomplete run's close wrote a
        second one; a signal inside a write that blocked on a full pipe left half a part.
        Held, it ends the run after the part (see ``close``)."""
        with held():
            if self.fmt == "json":
                self.out.write("[\n" if not self._json_open else ",\n")
                self._json_open = True
            self.out.write(text)

    def _write_utf8(self, data: bytes) -> None:
        """``_write`` of a part already in UTF-8: to the output's buffer as it is where the
        output allows it (``output_guard.utf8_sink``), else decoded and written as text (a
        test's StringIO, a text format on a terminal that is not UTF-8): the same bytes."""
        if self._sink is _UNASKED:
            from gongwen.output_guard import utf8_sink

            self._sink = utf8_sink(self.out)
        if self._sink is None:
            self._write(data.decode("utf-8"))
            return
        with held():
            if self.fmt == "json":
                self._sink.write(b"[\n" if not self._json_open else b",\n")
                self._json_open = True
            self._sink.write(data)
            # What the text layer does after a write that holds a line end (a terminal's):
            if self.out.line_buffering and (self.fmt == "json" or b"\n" in data or b"\r" in data):
                self.out.flush()

    def close(self, incomplete: str | None = None) -> None:
        """End the document. ``incomplete`` (why the run ended early, see
        output.incomplete) marks it as a run that did not finish, in the format's own way.
        The closing bytes are written and flushed with the terminating signals held: cut
        short, they left a document without its end (or, in the close of an interrupted
        run, a second signal did). A signal that comes meanwhile ends the run after them."""
        if self.fmt is None:
            return
        with held():
            self._close(incomplete)
            self.out.flush()

    def _close(self, incomplete: str | None) -> None:
        mark = None
        if incomplete is not None:
            from gongwen.output import incomplete as unfinished

            mark = unfinished.diagnostic(incomplete, self.files)
        if self.statistics_only:
            if mark is not None:
                self.tally.add([mark])
            statistics(self.tally, self.out, self.fmt)
            if mark is not None and self.fmt != "json":
                self.out.write(mark.message + "\n")
        elif self.fmt == "json":
            if mark is not None:  # still one array of findings; a gate counting errors fails
                self._write(file_text("json", None, [mark]))
            self.out.write("\n]\n" if self._json_open else "[]\n")
        elif self.fmt == "full":
            from gongwen.output import full

            if mark is None:
                full.footer(self.tally, self._console, self.files)
            else:  # a console of its own: the run's may have been stopped while capturing a file
                from gongwen.output.console import console

                full.unfinished(self.tally, console(self.out), mark.message)
        elif self.fmt == "sarif":
            self._sarif.close(None if mark is None else mark.message)
        elif self.fmt == "junit":
            from gongwen.output import junit

            junit.write(self._parts, self.out, None if mark is None else mark.message)
        elif self.fmt == "html":
            from gongwen.output import html_report

            html_report.write(self._kept, self._parts, self.checked, self.out, rules=self.rules,
                              incomplete=None if mark is None else mark.message)
        elif mark is not None:  # concise, github: a line of the format's own
            from gongwen.output import github

            self.out.write(github.run_error(mark) if self.fmt == "github" else f"gongwen: {mark.message}\n")
