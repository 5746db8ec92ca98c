"""Inputs named by URL (``s3://``, ``hdfs://``, ``gs://``, ``http(s)://``, ``file://``,
``memory://``): listed and read through fsspec, the filesystem layer Dask itself uses.

A URL is checked like a path: a folder (an object-store prefix) is walked for the same
suffixes as a local folder, in sorted order, each file named by its URL; a ``.warc.gz`` is
read page by page. Storage options and credentials come from where each filesystem
usually takes them (``AWS_*`` and ``~/.aws`` for s3fs, the Hadoop environment for HDFS,
``FSSPEC_<PROTOCOL>_<OPTION>`` for any fsspec option), so the command needs no option of
its own and a cluster's workers, started with the same environment, read the same URLs.

fsspec (and the filesystem's own package, s3fs, gcsfs, pyarrow…) is imported only when a
URL is given: it is in the ``cluster`` extra, not a dependency of the plain command.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterator
from gongwen.analysis import pattern_cache

if TYPE_CHECKING:
    from gongwen.document import Document
    from gongwen.sources import InputOptions, InputProblem

_URL = pattern_cache.re_compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
INSTALL = "读取 URL 需要 fsspec：pip install '.[cluster]'（在仓库目录中）；s3:// 另需 s3fs，hdfs:// 另需 pyarrow"


def is_url(text: str) -> bool:
    return bool(_URL.match(text))


@dataclass(frozen=True)
class Url:
    """A file named by URL, where a local file would be a Path."""

    url: str

    @property
    def name(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return self.url


def shown(url: str) -> str:
    """How the reports name a URL: a folder's listing is anyone's, so a name holding an
    escape sequence or a bidi override is escaped as a local file's name is (it drove the
    terminal: a forged finding, a cleared screen). The URL itself is still what is read."""
    from gongwen.sources import printable_name

    return printable_name(url)


class RemoteError(Exception):
    """fsspec (or the URL's filesystem package) is not installed."""


def _filesystem(url: str):
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:
        raise RemoteError(INSTALL) from exc
    try:
        return url_to_fs(url)
    except (ImportError, ValueError) as exc:  # "Install s3fs to access S3", an unknown protocol
        raise RemoteError(f"无法读取 {url}：{exc}") from exc


def _problem(url: str, message: str) -> "InputProblem":
    from gongwen.sources import InputProblem

    return InputProblem(shown(url), "LNT901", message)


def walk(url: str, opts: "InputOptions") -> Iterator["Url | InputProblem"]:
    """The files a check of ``url`` reads: itself if it is a file, else every file below it
    that a local walk would pick (by suffix or ``include``, minus ``exclude``, hidden and
    tool folders), in sorted order. Globs match the path below ``url``."""
    from gongwen.sources import SKIP_DIRS, TEXT_SUFFIXES
    from gongwen.formats.warc import is_archive

    fs, root = _filesystem(url)
    try:
        if not fs.isdir(root):
            yield Url(url) if fs.isfile(root) else _problem(url, "无法读取：路径不存在")
            return
        found = sorted(fs.find(root))
    except OSError as exc:
        yield _problem(url, f"无法读取目录：{exc.strerror or exc}")
        return
    include = _spec(opts.include)
    exclude = _spec(opts.exclude)
    base = url.rstrip("/")
    prefix = root.rstrip("/") + "/"
    for path in found:
        rel = path[len(prefix):] if path.startswith(prefix) else path.lstrip("/")
        parts = PurePosixPath(rel).parts
        if any(p in SKIP_DIRS or p.startswith(".") for p in parts[:-1]):
            continue
        picked = include.match_file(rel) if include else (
            PurePosixPath(rel).suffix.lower() in TEXT_SUFFIXES or is_archive(rel))
        if picked and not (exclude and exclude.match_file(rel)):
            yield Url(f"{base}/{rel}")


def _spec(globs):
    if not globs:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(globs)


def read(url: str, limit: int) -> "bytes | InputProblem":
    """A file's bytes, at most ``limit`` of them (as ``sources.read_capped`` reads a file)."""
    fs, path = _filesystem(url)
    try:
        with fs.open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        return _problem(url, f"无法读取：{exc.strerror or exc}")
    if len(data) > limit:
        return _problem(url, f"文件过大（超过上限 {limit} 字节），未检查")
    return data


def read_range(url: str, start: int, end: int) -> bytes:
    """Bytes ``start`` to ``end`` of a file (one ranged request on an object store)."""
    fs, path = _filesystem(url)
    # By keyword: s3fs's cat_file takes version_id before start and end, so positional
    # offsets reach S3 as an object version (found by running docs/cluster.md against an
    # S3-compatible server).
    return fs.cat_file(path, start=start, end=end)


def open_binary(url: str):
    """A seekable binary stream of the file, read in blocks as it is consumed."""
    fs, path = _filesystem(url)
    return fs.open(path, "rb")


def read_document(url: str, encoding: str | None, opts: "InputOptions") -> "Document | InputProblem":
    """The file at ``url`` as a document, read as a local file of that name would be (a
    reader that raises is LNT904 on the URL). Per-path config (encodings, content selector)
    sees host/path, as for a page of a web archive."""
    from gongwen import faults
    from gongwen.formats import format_for
    from gongwen.sources import InputProblem, document_from_bytes

    data = read(url, opts.max_file_size)
    if isinstance(data, InputProblem):
        return data
    where = Path(url.split("://", 1)[-1])
    name = shown(url)
    return faults.read_guarded(name, lambda: document_from_bytes(
        data, name, format_for(url), encoding or opts.encoding_for(where), opts.reader_options(where)))
