"""The language server's standard input, passed on to pygls one well-formed message at a time.

pygls reads the LSP base protocol (``Content-Length: N``, a blank line, N bytes of JSON)
trusting every header: after ``Content-Length: abc``, a negative length or a header with
no blank line after it, the next real message's header is glued to the end of the body
that follows, so it never matches again and the server stays alive but deaf; a huge
length made it allocate the whole length at once before a byte of it came.

This reader checks each header block itself. A bad one is named on stderr (where an
editor shows a server's log) and skipped up to the next line that ends with a valid
``Content-Length`` header, which is where the next message starts even when the bad
body has no line break of its own (a JSON body can hold no raw line break inside a
string, and ``Content-Length`` is no JSON outside one). pygls then sees only canonical
frames. A body is read in chunks as its bytes arrive, so memory follows what was
actually sent, never what a header claims.
"""
from __future__ import annotations

import re
from collections import deque
from typing import BinaryIO, TextIO

from gongwen.sources import MAX_FILE_SIZE, printable_name
from gongwen.analysis import pattern_cache

# A message carries a whole document as JSON: past twice the largest file the command
# line reads (a CJK character written as \\uXXXX takes 6 bytes instead of 3) it is refused.
MAX_MESSAGE = 2 * MAX_FILE_SIZE + 1024 * 1024
MAX_HEADER_LINE = 4096  # a header line is a few dozen bytes
CHUNK = 1024 * 1024

_FIELD = pattern_cache.re_compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*\r?\n")  # RFC 7230 token: value
_LENGTH_AT_END = pattern_cache.re_compile(rb"Content-Length:[ \t]*(\d{1,12})[ \t]*\r?\n\Z", re.IGNORECASE)
_TAIL = 64  # bytes of a skipped line kept to find a Content-Length header at its end


class BadHeader(Exception):
    """Why a header block is not a message's (Chinese)."""


class FramedInput:
    """``readline`` and ``read`` as pygls' reader calls them, from a raw binary stream."""

    def __init__(self, raw: BinaryIO, log: TextIO) -> None:
        self.raw, self.log = raw, log
        self._lines: deque[bytes] = deque()
        self._body = b""
        self._restart: bytes | None = None  # a header line found while skipping

    def readline(self) -> bytes:
        if not self._lines:
            length, self._body = self._next_message()
            if length is None:
                return b""  # the end of input: pygls stops the server
            self._lines.extend((b"Content-Length: %d\r\n" % length, b"\r\n"))
        return self._lines.popleft()

    def read(self, size: int) -> bytes:
        body, self._body = self._body, b""
        return body[:size]

    def _next_message(self) -> tuple[int | None, bytes]:
        while True:
            try:
                length = self._header()
            except BadHeader as exc:
                self._say(f"忽略格式错误的消息头（{exc}），从下一个有效的 Content-Length 处继续")
                if not self._skip():
                    return None, b""
                continue
            if length is None:
                return None, b""
            body = self._body_of(length)
            if len(body) < length:
                self._say(f"输入在消息体中途结束（应有 {length} 字节，只收到 {len(body)} 字节）")
                return None, b""
            return length, body

    def _header(self) -> int | None:
        """The Content-Length of the next header block; None at the end of input."""
        length = None
        first = True
        while True:
            line, self._restart = self._restart or self.raw.readline(MAX_HEADER_LINE), None
            if not line:
                if not first:
                    self._say("输入在消息头中途结束")
                return None
            first = False
            if line in (b"\r\n", b"\n"):
                if length is None:
                    raise BadHeader("缺少 Content-Length")
                return length
            field = _FIELD.fullmatch(line)
            if field is None:
                self._restart = _restart_line(line)
                raise BadHeader(f"不是“名称: 值”形式的消息头：{_quote(line)}")
            if field.group(1).lower() == b"content-length":
                given = _length(field.group(2))
                if length is not None and given != length:
                    raise BadHeader(f"两个不同的 Content-Length：{length} 和 {given}")
                length = given

    def _skip(self) -> bool:
        """Skip to a line ending with a valid Content-Length header; False at the end of input."""
        tail = b""
        while self._restart is None:
            chunk = self.raw.readline(CHUNK)
            if not chunk:
                return False
            tail = (tail + chunk)[-_TAIL:]
            if chunk.endswith(b"\n"):
                self._restart, tail = _restart_line(tail), b""
        return True

    def _body_of(self, length: int) -> bytes:
        parts, left = [], length
        while left:
            chunk = self.raw.read(min(left, CHUNK))
            if not chunk:
                break
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts)

    def _say(self, message: str) -> None:
        self.log.write(printable_name(f"gongwen server：{message}") + "\n")
        self.log.flush()


def _length(value: bytes) -> int:
    if not value.isdigit():  # bytes: ASCII digits only
        raise BadHeader(f"Content-Length 不是非负整数：{_quote(value)}")
    length = int(value[:12]) if len(value) <= 12 else MAX_MESSAGE + 1
    if length == 0:
        raise BadHeader("Content-Length 为 0")
    if length > MAX_MESSAGE:
        raise BadHeader(f"Content-Length {_quote(value)} 超过上限 {MAX_MESSAGE} 字节")
    return length


def _restart_line(line: bytes) -> bytes | None:
    """A header line to restart from when ``line`` ends with a Content-Length header."""
    found = _LENGTH_AT_END.search(line)
    return found.group(0) if found else None


def _quote(raw: bytes, limit: int = 40) -> str:
    text = raw.rstrip(b"\r\n").decode("utf-8", "replace")
    return repr(text[:limit] + ("…" if len(text) > limit else ""))
