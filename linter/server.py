"""``gongwen server``: the linter as a language server (LSP over standard input and output).

An editor sends the text it holds; the server lints it as ``gongwen check`` would lint the
file (same rules, same configuration found from the file's folder, same reader for .txt,
.md and .html) and publishes the findings. Safe and unsafe fixes come back as code actions,
for the formats ``--fix`` writes (plain text, Markdown): edits in an HTML page's extracted
text have no place in its source. Positions go out in the client's units (UTF-16 unless it
negotiated another), counted on lines split as everywhere here: \\n, \\r\\n, \\r.

pygls is imported only when the server starts: the command line does not pay for it, and it
is an optional dependency, the extra ``[lsp]`` (``pip install '.[lsp]'`` in a clone).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from gongwen import __version__, api, config as config_mod
from gongwen.diagnostic import Applicability, Diagnostic, Severity
from gongwen.document import Document
from gongwen.engine import RuleCrash
from gongwen.fix import WRITABLE_FORMATS, MalformedFix, check_edits, fix_document, source_fix
from gongwen.formats import BINARY_FORMATS, format_for, read_text_format
from gongwen.run import MAX_FINDINGS_PER_RULE
from gongwen.sources import InputOptions

SOURCE = "gongwen"
FIX_ALL_KIND = "source.fixAll.gongwen"


@dataclass
class Linted:
    """The last lint of one open document: what code actions are computed from."""

    doc: Document
    found: list[Diagnostic]
    linter: Any


class Session:
    """Lints open documents; one linter per configuration file, reloaded when it changes."""

    def __init__(self) -> None:
        self._linters: dict[tuple[Path | None, float], tuple[Any, config_mod.Config]] = {}
        self.linted: dict[str, Linted] = {}

    def _linter(self, folder: Path):
        cfg_path = config_mod.discover(folder.resolve())
        stamp = cfg_path.stat().st_mtime if cfg_path else 0.0
        key = (cfg_path, stamp)
        if key not in self._linters:
            cfg = config_mod.load(cfg_path) if cfg_path else config_mod.Config()
            self._linters[key] = (api.make_linter(cfg.values), cfg)
        return self._linters[key]

    def lint(self, uri: str, path: str | None, text: str) -> Linted | None:
        """Lint an open document; None for a format that is not text (.docx, .pdf)."""
        fmt = format_for(path or uri)
        if fmt in BINARY_FORMATS:
            return None
        file = Path(path) if path else None
        linter, cfg = self._linter(file.parent if file else Path.cwd())
        shown = _relative(file, cfg.root) if file else uri
        options = InputOptions.from_config(cfg.values, cfg.root).reader_options()
        doc = read_text_format(fmt, text, shown, options)
        # Capped as a report is: 400,000 pasted lines with a half-width comma each were
        # 400,000 diagnostics, a 130 MB message the editor had to take after every keystroke.
        linted = Linted(doc, api.lint_document(doc, linter.capped(MAX_FINDINGS_PER_RULE)), linter)
        self.linted[uri] = linted
        return linted


def _relative(path: Path, root: Path) -> str:
    """The path as ``gongwen check`` run from the configuration's folder would show it, so
    per-file-ignores and allow entries match the same files."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()


class Positions:
    """Source offsets and our (line, column) locations as LSP positions in client units."""

    def __init__(self, doc: Document, units: Callable[[str], int]) -> None:
        self.doc, self.units = doc, units

    def at(self, line: int, column: int):
        from lsprotocol import types

        text = self.doc.line_index.line_text(line)
        return types.Position(line=line - 1, character=self.units(text[:column - 1]))

    def offset(self, offset: int):
        where = self.doc.line_index.locate(offset)
        return self.at(where.line, where.column)

    def range(self, start: int, end: int):
        from lsprotocol import types

        return types.Range(start=self.offset(start), end=self.offset(end))


_SEVERITY = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}  # LSP's numbers


def to_lsp(d: Diagnostic, positions: Positions):
    from lsprotocol import types

    start = positions.at(d.location.line, d.location.column)
    end = positions.at(d.end_location.line, d.end_location.column)
    message = d.message + (f"\n{d.help}" if d.help else "")
    return types.Diagnostic(range=types.Range(start=start, end=end), message=message,
                            severity=types.DiagnosticSeverity(_SEVERITY[d.severity]),
                            code=d.code, source=SOURCE, data={"name": d.name})


def code_actions(uri: str, linted: Linted, wanted, positions: Positions) -> list:
    """Quick fixes for the findings that overlap ``wanted`` (an LSP range), then one action
    that applies every safe fix to the whole document, as ``--fix`` would."""
    from lsprotocol import types

    if linted.doc.format not in WRITABLE_FORMATS:
        return []
    actions = []
    for d in linted.found:
        fix = d.fix
        if fix is None or fix.applicability is Applicability.DISPLAY_ONLY or not fix.edits:
            continue
        try:
            check_edits(d, fix, len(linted.doc.text))
        except MalformedFix:  # a rule's broken fix is offered as --fix takes it: never
            continue
        fix = source_fix(linted.doc, fix)
        if fix is None:
            continue
        shown = to_lsp(d, positions)
        if not _overlaps(shown.range, wanted):
            continue
        safe = fix.applicability is Applicability.SAFE
        edits = [types.TextEdit(range=positions.range(e.start, e.end), new_text=e.content) for e in fix.edits]
        actions.append(types.CodeAction(
            title=f"{d.code}：{fix.title}" + ("" if safe else "（不安全修复，请复核）"),
            kind=types.CodeActionKind.QuickFix, diagnostics=[shown], is_preferred=safe,
            edit=types.WorkspaceEdit(changes={uri: edits})))
    # Past the cap, the first pass fixes the findings shown and the next (linted.linter is
    # not capped) the rest.
    try:
        result = fix_document(linted.doc, linted.linter, unsafe=False, diagnostics=linted.found)
    except MalformedFix:  # --fix writes nothing of such a document either (LNT907)
        return actions
    if result.applied:
        whole = positions.range(0, len(linted.doc.source))
        actions.append(types.CodeAction(
            title=f"gongwen：应用全部安全修复（{len(result.applied)} 处）", kind=FIX_ALL_KIND,
            edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=whole, new_text=result.text)]})))
    return actions


def _overlaps(a, b) -> bool:
    key = lambda p: (p.line, p.character)  # noqa: E731
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def build():
    """The pygls server with its handlers (imported here: pygls is optional)."""
    from lsprotocol import types
    from pygls.lsp.server import LanguageServer

    server = LanguageServer(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                            protocol_cls=_protocol_class())
    session = Session()

    def publish(ls: LanguageServer, uri: str) -> None:
        if not _is_open(ls.workspace, uri):  # pygls would read it from disk, whole and unchecked
            _not_open(ls, uri, "保存")
            return
        document = ls.workspace.get_text_document(uri)
        try:
            linted = session.lint(uri, document.path, document.source)
        except (config_mod.ConfigError, RuleCrash, ValueError) as exc:  # each names its cause
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                           message=f"gongwen：{exc}"))
            return
        found = [] if linted is None else linted.found
        positions = Positions(linted.doc, ls.workspace.position_codec.client_num_units) if linted else None
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=document.version, diagnostics=[to_lsp(d, positions) for d in found]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        session.linted.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri,
                                                                            diagnostics=[]))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    def code_action(ls: LanguageServer, params: types.CodeActionParams):
        linted = session.linted.get(params.text_document.uri)
        if linted is None:
            return []
        positions = Positions(linted.doc, ls.workspace.position_codec.client_num_units)
        return code_actions(params.text_document.uri, linted, params.range, positions)

    return server


def _is_open(workspace, uri: str) -> bool:
    from urllib.parse import unquote

    return unquote(uri) in workspace.text_documents  # pygls' own key


def _not_open(ls, uri: str, event: str) -> None:
    """The LSP sends a change or a save only for an open document: another is ignored, with a
    line in the client's log (a notification has no answer to carry an error)."""
    from lsprotocol import types

    ls.window_log_message(types.LogMessageParams(
        type=types.MessageType.Warning, message=f"gongwen：收到未打开文档的{event}通知，已忽略：{uri}"))


def _protocol_class():
    """pygls' protocol, its didChange first asking whether the document is open: pygls applied
    the change to its workspace before any handler of ours and answered "KeyError" in a
    window message for a document never opened."""
    from lsprotocol import types
    from pygls.protocol import LanguageServerProtocol
    from pygls.protocol.language_server import lsp_method

    class Protocol(LanguageServerProtocol):
        @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
        def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
            if not _is_open(self.workspace, params.text_document.uri):
                _not_open(self._server, params.text_document.uri, "修改")
                return
            yield from super().lsp_text_document__did_change(params)

    return Protocol


def start(server) -> None:
    """Serve over standard input and output until the input ends, each message's header
    checked first (gongwen.server_input): a malformed one is named on stderr and skipped."""
    from gongwen.server_input import FramedInput

    server.start_io(stdin=FramedInput(sys.stdin.buffer, sys.stderr), stdout=sys.stdout.buffer)
