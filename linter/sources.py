"""Finding input files and reading them into documents.

Reading never raises for a bad file: it returns an :class:`InputProblem` that the run
reports as a diagnostic (LNT901/LNT902), so one bad file never hides the others.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from gongwen.document import Document

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
FORMAT_BY_SUFFIX = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}

# BOM -> (codec that decodes the rest, name recorded so a fix can write the BOM back)
_BOMS = ((codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
         (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"))


@dataclass(frozen=True)
class InputProblem:
    path: str
    code: str  # LNT901 unreadable, LNT902 empty
    message: str
    help: str | None = None


def display_path(path: Path) -> str:
    """Relative to the working directory when below it; always with ``/`` separators."""
    try:
        rel = path.resolve().relative_to(Path.cwd().resolve())
        return rel.as_posix()
    except ValueError:
        return path.as_posix()


def iter_files(paths: list[Path]) -> Iterator[Path]:
    """Files named on the command line as given; directories walked for known suffixes,
    in sorted order so that output is stable."""
    for path in paths:
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
                found.extend(Path(root) / name for name in files
                             if Path(name).suffix.lower() in TEXT_SUFFIXES)
            yield from sorted(found)
        else:
            yield path


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode bytes into text; returns (text, encoding, had_bom). Raises UnicodeDecodeError."""
    if encoding:
        text = data.decode(encoding)
        had_bom = text.startswith("\ufeff")
        return (text[1:] if had_bom else text), encoding, had_bom
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec), name, True
    return data.decode("utf-8"), "utf-8", False


def document_from_bytes(data: bytes, path: str, fmt: str = "text",
                        encoding: str | None = None) -> Document | InputProblem:
    if not data.strip():
        return InputProblem(path, "LNT902", "文件为空" if not data else "文件只有空白字符")
    bomless = any(data.startswith(b) for b, _, _ in _BOMS)
    if b"\x00" in data[:8192] and not bomless and not (encoding or "").lower().startswith("utf-16"):
        return InputProblem(path, "LNT901", "二进制文件，不是文本", "只检查 .txt、.md 等文本文件")
    try:
        text, used, had_bom = decode(data, encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        where = f"第 {exc.start} 字节" if isinstance(exc, UnicodeDecodeError) else ""
        return InputProblem(path, "LNT901", f"无法按 {encoding or 'UTF-8'} 解码{where}",
                            "用 --encoding 指定文件编码，例如 --encoding gb18030")
    return Document(path=path, text=text, format=fmt, encoding=used, had_bom=had_bom)


def read_document(path: Path, encoding: str | None = None) -> Document | InputProblem:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputProblem(shown, "LNT901", f"无法读取：{exc.strerror or exc}")
    return document_from_bytes(data, shown, FORMAT_BY_SUFFIX.get(path.suffix.lower(), "text"), encoding)
