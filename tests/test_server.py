"""``gongwen server`` end to end, driven by pygls's own client over stdio as an editor would:
open a document, receive its diagnostics at exact UTF-16 positions, change it, ask for code
actions and apply one."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

types = pytest.importorskip("lsprotocol.types")
from pygls.lsp.client import BaseLanguageClient  # noqa: E402  (after the importorskip)

TIMEOUT = 60  # seconds for one answer; a loaded CI machine starts Python slowly


class Editor:
    """A pygls client holding one server process and the diagnostics it published."""

    def __init__(self) -> None:
        self.client = BaseLanguageClient("gongwen-test", "1")
        self.published: asyncio.Queue = asyncio.Queue()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: types.PublishDiagnosticsParams) -> None:
            self.published.put_nowait(params)

        self.messages: asyncio.Queue = asyncio.Queue()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def _message(params: types.ShowMessageParams) -> None:
            self.messages.put_nowait(params)

    async def start(self, root: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "gongwen", "server", cwd=str(root))
        capabilities = types.ClientCapabilities(general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind.Utf16]))
        result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=capabilities, root_uri=root.as_uri())), TIMEOUT)
        assert result.capabilities.position_encoding in (None, types.PositionEncodingKind.Utf16)
        self.client.initialized(types.InitializedParams())

    async def open(self, path: Path, text: str, language: str = "plaintext"):
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=path.as_uri(), language_id=language, version=1, text=text)))
        return await self.next_diagnostics()

    async def change(self, path: Path, text: str, version: int):
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return await self.next_diagnostics()

    async def next_diagnostics(self) -> list:
        params = await asyncio.wait_for(self.published.get(), TIMEOUT)
        return params.diagnostics

    async def actions(self, path: Path, where: types.Range) -> list:
        return await asyncio.wait_for(self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()), range=where,
            context=types.CodeActionContext(diagnostics=[]))), TIMEOUT)

    async def stop(self) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), TIMEOUT)


def _run(tmp_path: Path, scenario) -> None:
    async def main() -> None:
        editor = Editor()
        await editor.start(tmp_path)
        try:
            await scenario(editor)
        finally:
            await editor.stop()
    asyncio.run(main())


def _utf16_index(text: str, position: types.Position) -> int:
    """The str index of an LSP position counted in UTF-16 units (the test's own reading)."""
    lines = text.splitlines(keepends=True)
    offset = sum(len(line) for line in lines[:position.line])
    line, units = lines[position.line] if position.line < len(lines) else "", 0
    for i, ch in enumerate(line):
        if units >= position.character:
            return offset + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return offset + len(line)


def _covered(text: str, where: types.Range) -> str:
    return text[_utf16_index(text, where.start):_utf16_index(text, where.end)]


def _apply(text: str, edits: list) -> str:
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        a, b = _utf16_index(text, edit.range.start), _utf16_index(text, edit.range.end)
        text = text[:a] + edit.new_text + text[b:]
    return text


def test_diagnostics_arrive_at_utf16_positions_and_follow_changes(tmp_path):
    # Two characters outside the BMP (two UTF-16 units each) before the date on line 2.
    text = "第一行。\n𠀀𠀁会议于2025127召开。\n"
    path = tmp_path / "a.txt"

    async def scenario(editor: Editor) -> None:
        found = await editor.open(path, text)
        [date] = [d for d in found if d.code == "DAT001"]
        assert date.source == "gongwen" and date.severity == types.DiagnosticSeverity.Error
        assert (date.range.start.line, date.range.start.character) == (1, 2 * 2 + 3)
        assert (date.range.end.line, date.range.end.character) == (1, 2 * 2 + 3 + 7)
        assert _covered(text, date.range) == "2025127"
        # The same findings as the command line (whose message the LSP one starts with).
        from gongwen import api
        cli = api.lint_text(text, path="a.txt")
        assert sorted((d.code, d.message.split("\n")[0]) for d in found) == sorted((d.code, d.message) for d in cli)
        found = await editor.change(path, "会议于2025年1月27日召开。\n", 2)
        assert list(found) == []

    _run(tmp_path, scenario)


def test_safe_and_unsafe_fixes_are_code_actions(tmp_path):
    text = "𠀀全区共办理57件,同比增长5%。\n二零二五年工作安排\n截至24年1月底完成。\n"
    path = tmp_path / "b.md"

    async def scenario(editor: Editor) -> None:
        found = await editor.open(path, text, "markdown")
        comma = next(d for d in found if d.code == "PUN001")
        assert _covered(text, comma.range) == ","
        actions = await editor.actions(path, comma.range)
        quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
        assert [a.diagnostics[0].code for a in quick] == ["PUN001"] and quick[0].is_preferred
        fixed = _apply(text, quick[0].edit.changes[path.as_uri()])
        assert fixed == text.replace(",", "，")
        # The same through the editor: the diagnostics of the fixed text no longer hold it.
        assert "PUN001" not in {d.code for d in await editor.change(path, fixed, 2)}
        # Fix-all applies every safe fix, as --fix would; an unsafe one is marked as such.
        year = next(d for d in found if d.code == "NUM012")
        actions = await editor.actions(path, year.range)
        [fix_all] = [a for a in actions if a.kind == "source.fixAll.gongwen"]
        assert "二〇二五年" in _apply(fixed, fix_all.edit.changes[path.as_uri()])
        two_digit = next(d for d in found if d.code == "DAT004")
        [unsafe] = [a for a in await editor.actions(path, two_digit.range) if a.kind == types.CodeActionKind.QuickFix]
        assert "不安全修复" in unsafe.title and not unsafe.is_preferred
        assert "截至2024年1月底" in _apply(text, unsafe.edit.changes[path.as_uri()])

    _run(tmp_path, scenario)


def test_the_configuration_is_the_one_the_command_line_uses(tmp_path):
    (tmp_path / "gongwen.toml").write_text('ignore = ["PUN001"]\n', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "c.txt"

    async def scenario(editor: Editor) -> None:
        found = await editor.open(path, "全区共办理57件,会议于2025127召开。\n")
        assert {d.code for d in found} == {"DAT001"}

    _run(tmp_path, scenario)


def test_html_is_checked_in_source_lines_without_fixes(tmp_path):
    text = "<html><body>\n<nav>首页 > 新闻</nav>\n<p>全区共办理57件,会议于2025127召开。</p>\n</body></html>\n"
    path = tmp_path / "d.html"

    async def scenario(editor: Editor) -> None:
        found = await editor.open(path, text, "html")
        date = next(d for d in found if d.code == "DAT001")
        assert date.range.start.line == 2
        assert _covered(text, date.range) == "2025127"
        assert not await editor.actions(path, date.range)  # HTML is never rewritten

    _run(tmp_path, scenario)


def test_a_bad_configuration_is_shown_to_the_editor_naming_the_key(tmp_path):
    (tmp_path / "gongwen.toml").write_text('fail-on = "critical"\n', encoding="utf-8")
    path = tmp_path / "e.txt"

    async def scenario(editor: Editor) -> None:
        editor.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=path.as_uri(), language_id="plaintext", version=1, text="正文。\n")))
        message = await asyncio.wait_for(editor.messages.get(), TIMEOUT)
        assert message.type == types.MessageType.Error
        assert "fail-on" in message.message and "critical" in message.message

    _run(tmp_path, scenario)
