"""Web archives (``.warc``, ``.warc.gz``): a crawled site as a stream of pages.

Every HTML response with a 2xx status is one document whose path is its URL (the first
capture of a URL; later captures are duplicates). Every other record — requests, warcinfo,
metadata, revisits, images, scripts, styles, error pages — is skipped and counted, so that a
run can say what it did not read. Records are read one at a time through warcio (pure
Python, imported only when an archive is checked; it also writes archives, which the tests
use): an archive of any size is never held in memory, and one bad record does not lose the
pages after it.
"""
from __future__ import annotations

import codecs
import io
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterator
from gongwen.analysis import pattern_cache

if TYPE_CHECKING:
    from gongwen.document import Document
    from gongwen.remote import Url
    from gongwen.sources import InputOptions, InputProblem

SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = pattern_cache.re_compile(r"(?i)charset\s*=\s*[\"']?([A-Za-z0-9_\-]{2,20})")
# A WARC or HTTP header line is well under a kilobyte. warcio reads a line until its line
# break however far that is: a 300 KB .warc.gz inflating to 300 MB without one took 2.5 GB
# of memory, and its "first line" was quoted whole in the error.
MAX_HEADER_LINE = 64 * 1024
_QUOTED = 200  # characters of warcio's error message kept (it quotes the line it could not read)


class HeaderLineTooLong(ValueError):
    """A line of an archive that does not end within MAX_HEADER_LINE bytes."""


def is_archive(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


@dataclass
class SkippedRecords:
    """Records of an archive that were not read as pages, by reason."""

    reasons: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.reasons.values())

    def describe(self) -> str:
        parts = "、".join(f"{reason} {n}" for reason, n in sorted(self.reasons.items(), key=lambda kv: -kv[1]))
        return f"跳过 {self.total} 条非 HTML 页面记录（{parts}）"


def _reason(record) -> str | None:
    """Why a record is not a page to check, or None if it is one."""
    if record.rec_type != "response":
        return record.rec_type or "未知类型"
    if record.http_headers is None:
        return "非 HTTP 响应"
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return f"HTTP {status[:1]}xx" if status else "无状态码"
    kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        return kind or "无类型"
    return None


def _http_charset(record, data: bytes) -> str | None:
    """The charset of the response's Content-Type, for a page that is not UTF-8: the server's
    word outranks a <meta> in the page, as in a browser. GB2312 and GBK widen to GB18030,
    their superset, as browsers do."""
    kind = record.http_headers.get_header("Content-Type") or ""
    m = _CHARSET.search(kind)
    if m is None:
        return None
    try:
        data.decode("utf-8")
        return None  # valid UTF-8 (a BOM, or a mislabelled page) is read as UTF-8
    except UnicodeDecodeError:
        pass
    name = m.group(1).lower()
    name = "gb18030" if name in ("gb2312", "gbk", "x-gbk") else name
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


@dataclass(frozen=True)
class PageRecord:
    """Where one page of an archive is stored: ``length`` bytes at ``offset`` (of the file
    as stored, a gzip member for ``.warc.gz``), or -1 when the archive breaks inside it.
    A cluster worker reads and checks it from there (``page_at``) without the rest."""

    url: str
    offset: int
    length: int


def pages(path: "Path | Url", opts: "InputOptions", skipped: SkippedRecords,
          where_only: bool = False) -> Iterator["Document | InputProblem | PageRecord"]:
    """Each HTML page of the archive (a file, or a URL read through gongwen.remote), read as
    the HTML reader reads a file; counts the rest. ``where_only``: see ``read_pages``."""
    from gongwen.sources import InputProblem, display_path

    try:
        if isinstance(path, Path):
            shown = display_path(path)
            stream = open(path, "rb")
        else:
            from gongwen import remote

            shown = remote.shown(path.url)
            stream = remote.open_binary(path.url)
    except OSError as exc:
        yield InputProblem(shown, "LNT901", f"无法读取网页归档：{exc.strerror or exc}")
        return
    with stream:
        yield from read_pages(stream, shown, opts, skipped, where_only)


def read_pages(stream: BinaryIO, shown: str, opts: "InputOptions", skipped: SkippedRecords,
               where_only: bool = False) -> Iterator["Document | InputProblem | PageRecord"]:
    """``pages`` of an open archive named ``shown``; with ``where_only``, each page as its
    PageRecord instead of a document (the same pages and problems, in the same places)."""
    from warcio.exceptions import ArchiveLoadFailed

    from gongwen.sources import InputProblem, printable_name

    seen: set[str] = set()
    records = 0
    try:
        iterator = _archive_iterator(stream, shown)
        for record in iterator:
            if not record.format.startswith("warc"):
                break  # warcio reads any text as an old ARC record: this is no web archive
            records += 1
            reason = _reason(record)
            # The page's name in every report. A crawled site chose it: an escape sequence
            # or a bidi override in it drove the terminal (a forged finding, colours, a
            # cleared screen) as the name of a file would, so it is escaped as one is.
            url = printable_name(record.rec_headers.get_header("WARC-Target-URI") or "")
            if reason is None and url in seen:
                reason = "重复抓取的 URL"
            if reason is not None:
                skipped.reasons[reason] += 1
                if iterator.reader.decompressor is None and _declared_past_end(record):
                    # A skipped record (a PDF, a revisit) that lies took the pages after it
                    # too: they were lost with no word but "skipped 1 record".
                    yield InputProblem(url or shown, "LNT901", "网页归档已损坏：一条跳过的记录声明的长度"
                                                               "（Content-Length）超出文件末尾，其后的记录未检查")
                    break
                continue
            seen.add(url)
            data = record.content_stream().read(opts.max_file_size + 1)
            if len(data) > opts.max_file_size:
                yield InputProblem(url, "LNT901", f"页面过大（超过 {opts.max_file_size} 字节），未检查")
            elif _declared_past_end(record):
                if iterator.reader.decompressor is not None:  # its gzip member ended: the next is intact
                    yield InputProblem(url, "LNT901", "网页归档已损坏：此记录声明的长度（Content-Length）"
                                                      "超过它实际的内容，此页未检查")
                    continue
                # Uncompressed, the record took every byte after it, to the end of the file.
                yield InputProblem(url, "LNT901", "网页归档已损坏：此记录声明的长度（Content-Length）超出文件末尾，"
                                                  "此页及其后的记录未检查")
                break
            elif where_only:
                offset = iterator.offset  # the record's start, until it is read to its end
                try:
                    iterator.read_to_end()
                except Exception:  # `pages` checks this page, then meets the failure: the same here
                    yield PageRecord(url, offset, -1)
                    raise
                yield PageRecord(url, *iterator.member_info)
            else:
                yield _page(record, url, data, opts)
        if not records:
            yield InputProblem(shown, "LNT901", "不是有效的网页归档：没有读到 WARC 记录",
                               "用 wget --warc-file 或 warcio 等工具重新生成归档")
    except OSError as exc:
        yield InputProblem(shown, "LNT901", f"无法读取网页归档：{exc.strerror or exc}")
    except (ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
        yield InputProblem(shown, "LNT901", f"网页归档已损坏，其后的记录未检查：{_short(exc)}")
    except AttributeError:  # warcio's loader on a header without WARC-Target-URI: None.startswith
        yield InputProblem(shown, "LNT901", "网页归档已损坏：一条记录的头部不完整（归档可能在写入中途被截断），"
                                            "其后的记录未检查")


def _archive_iterator(stream: BinaryIO, shown: str = ""):
    """warcio's ArchiveIterator over ``stream``, whose every line read is capped at
    MAX_HEADER_LINE bytes (HeaderLineTooLong past it). Lines are read only for headers and
    the blank lines between records; contents are read in blocks."""
    from warcio.archiveiterator import ArchiveIterator

    from gongwen.sources import printable_name

    iterator = ArchiveIterator(stream)
    # warcio warns on stderr after each record not followed by a blank line, quoting the line:
    # 2,000 such records in a 350 KB archive wrote 120 MB. One short line each, naming the file.
    name = printable_name(shown).replace("{", "{{").replace("}", "}}")
    iterator.INC_RECORD = f"gongwen: {name}：偏移 {{0}} 处的记录之后不是空行（其 Content-Length 可能有误）\n"
    plain = iterator.reader.readline  # nothing has been read yet

    def readline(length: int | None = None) -> bytes:
        line = plain(MAX_HEADER_LINE + 1 if length is None else min(length, MAX_HEADER_LINE + 1))
        if len(line) > MAX_HEADER_LINE and not line.endswith(b"\n"):
            raise HeaderLineTooLong(f"一行超过 {MAX_HEADER_LINE} 字节仍未换行，不是 WARC 或 HTTP 头部")
        return line

    iterator.reader.readline = readline
    return iterator


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= _QUOTED else text[:_QUOTED] + "…"


def _declared_past_end(record) -> bool:
    """Whether a record whose content was read whole declares more bytes than the archive
    holds (a lying Content-Length): its stream ends before the declared length. What a
    chunked body leaves unread (the last chunk's line end) is still there to read; a lie is not."""
    raw = record.raw_stream
    while getattr(raw, "limit", 0) > 0:
        if not raw.read(min(raw.limit, 1 << 16)):
            return True
    return False


def page_at(data: bytes, url: str, opts: "InputOptions") -> "Document | InputProblem":
    """The page of a PageRecord, from the bytes stored there: what ``pages`` makes of it."""
    from warcio.exceptions import ArchiveLoadFailed

    from gongwen.sources import InputProblem

    try:
        record = next(iter(_archive_iterator(io.BytesIO(data))))
        return _page(record, url, record.content_stream().read(opts.max_file_size + 1), opts)
    except (StopIteration, ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
        return InputProblem(url, "LNT901", f"网页归档已损坏，此页未检查：{_short(exc)}")


def _page(record, url: str, data: bytes, opts: "InputOptions") -> "Document | InputProblem":
    from gongwen.sources import document_from_bytes

    # Config globs (content-selector per section) see host/path, as a mirror's folders.
    where = Path(url.split("://", 1)[-1].split("?")[0].split("#")[0] or "index.html")
    encoding = opts.encoding or _http_charset(record, data)
    return document_from_bytes(data, url, "html", encoding, opts.reader_options(where))
