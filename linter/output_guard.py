"""Where a run may write: never over one of its own inputs.

``gongwen check -o r.txt r.txt`` used to empty ``r.txt`` before reading it, and then pass.
Every output path (``--output-file``, ``--write-baseline``) is compared with every input
*before* anything is opened for writing — by file identity (device and inode, so a
symbolic or hard link to an input is caught), and by real path for files that do not
exist yet. Inputs are the files named on the command line, standard input (the file it is
redirected from, and the name ``--stdin-filename`` gives it), the configuration and the
baseline being read, and any existing file a walked folder would check.

An output inside a checked folder that is not an input (a new report, or one gongwen wrote
before) is fine: this run skips it by its real path, and the next recognises the
generated-report marker it carries (:data:`gongwen.sources.GENERATED_MARKER`).
"""
from __future__ import annotations

import codecs
import errno
import fcntl
import io
import os
import stat
import sys
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, TextIO

from gongwen.sources import InputOptions, special_kind, would_check


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _stat(path: Path | str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def _stdin_stat() -> os.stat_result | None:
    try:
        return os.fstat(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):  # closed, or replaced by a test harness
        return None


def clash(output: Path, files: list[Path], folders: list[Path], stdin_name: str | None,
          reads_stdin: bool, opts: InputOptions) -> str | None:
    """Why ``output`` must not be written in this run (Chinese), or None."""
    out_stat, out_real = _stat(output), os.path.realpath(output)
    if out_stat is not None and stat.S_ISDIR(out_stat.st_mode):
        return None  # opening it fails with its own message
    for path in files:
        st = _stat(path)
        if os.path.realpath(path) == out_real or (
                st is not None and out_stat is not None and _identity(st) == _identity(out_stat)):
            return f"它就是输入文件 {path}"
    if reads_stdin:
        st = _stdin_stat()
        if st is not None and out_stat is not None and stat.S_ISREG(st.st_mode) \
                and _identity(st) == _identity(out_stat):
            return "标准输入就是从这个文件读入的"
        if stdin_name and os.path.realpath(stdin_name) == out_real:
            return f"它就是 --stdin-filename 给出的文件 {stdin_name}"
    if out_stat is not None and stat.S_ISREG(out_stat.st_mode):
        for folder in folders:
            root = os.path.realpath(folder)
            # By the file that would be replaced: a link named like a report (``r.json``) to
            # a checked file was taken for a new report, and the file replaced by it.
            if os.path.commonpath([root, out_real]) == root and would_check(Path(out_real), opts):
                if out_real != os.path.abspath(output):
                    return f"它链接到被检查目录 {folder} 中的输入文件 {out_real}"
                return f"它是被检查目录 {folder} 中的一个输入文件"
    return None


def open_output(path: Path) -> TextIO:
    """``path`` opened for writing a report (UTF-8, \\n line ends), without ever waiting:
    a FIFO that nobody reads would block ``open`` forever, so it is opened non-blocking and
    refused with ENXIO; one with a reader (``-o /dev/stdout | cat``, ``-o >(gzip > r.gz)``)
    and devices such as /dev/null are written as usual. A failed write names ``path``
    (``-o /dev/full`` said only "No space left on device"). Raises OSError."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NONBLOCK, 0o666)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "它是命名管道（FIFO），此刻没有进程在读它，写入会一直等待") from None
        raise
    try:
        # Writes block as usual from here on: a slow reader must get every byte.
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        return _text(_Watched(fd, "w", named=str(path)))
    except BaseException:
        os.close(fd)
        raise


def not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot hold a file written for a later run to read back (a FIFO, a device or
    a socket would lose it or block), or None."""
    st = _stat(path)
    if st is None:
        return None
    kind = "目录" if stat.S_ISDIR(st.st_mode) else special_kind(st.st_mode)
    return f"它不是普通文件（{kind}），写入的内容无法留给下一次运行读取" if kind else None


def check_outputs(outputs: list[tuple[str, Path, list[Path]]], targets: list[Path],
                  stdin_name: str | None, opts: InputOptions) -> str | None:
    """The first clash among ``outputs`` as a message, or None. Each output is (option,
    path, other files the run reads that it must not be: configuration, baseline)."""
    files = [t for t in targets if str(t) != "-" and not t.is_dir()]
    folders = [t for t in targets if str(t) != "-" and t.is_dir()]
    reads_stdin = any(str(t) == "-" for t in targets)
    seen: dict[str, str] = {}
    for option, path, read_too in outputs:
        reason = clash(path, files + read_too, folders, stdin_name, reads_stdin, opts)
        if reason is None and os.path.realpath(path) in seen:
            reason = f"{seen[os.path.realpath(path)]} 也写入这个文件"
        if reason is not None:
            return f"{option} {path}：{reason}；为免覆盖输入，未运行检查"
        seen[os.path.realpath(path)] = option
    return None


class _Watched(io.FileIO):
    """A file that remembers whether a write to it failed (a full disk, a size limit, a device
    error) and says which report it was: a device's or a descriptor's error carries no name."""

    failed: OSError | None = None

    def __init__(self, fd: int, mode: str, named: str, closefd: bool = True) -> None:
        super().__init__(fd, mode, closefd=closefd)
        self.named = named

    dropping = False  # set once a failure of standard output has been reported

    def write(self, data) -> int:
        if self.dropping:
            return len(data)
        try:
            return super().write(data)
        except OSError as exc:
            self.failed = OSError(exc.errno, exc.strerror, self.named)
            raise self.failed from None


STANDARD_OUTPUT = "标准输出"


def name_standard_output() -> None:
    """Make a failed write to standard output say so: ``gongwen check > /dev/full`` said only
    "No space left on device", as Python's stream error carries no name, and the user could
    not tell it from a report or a fixed file that failed. Standard output is reopened on the
    same descriptor, with the same encoding, errors and buffering, through a writer that
    names it "标准输出". A stream without a descriptor (a test harness's) is left alone."""
    old = sys.stdout
    try:
        fd = old.fileno()
        old.flush()
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return
    raw = _Watched(fd, "w", named=STANDARD_OUTPUT, closefd=False)
    unbuffered = isinstance(getattr(old, "buffer", None), io.RawIOBase)  # PYTHONUNBUFFERED, -u
    # PYTHONIOENCODING=ascii (or latin-1, an old image's locale) cannot hold a Chinese
    # message: the first finding was "内部错误：UnicodeEncodeError", exit 2, nothing shown.
    # The text formats write what the terminal cannot show as escapes; the machine formats
    # are UTF-8 whatever the locale (see machine_standard_output).
    errors = old.errors if codecs.lookup(old.encoding).name.startswith("utf") else "backslashreplace"
    sys.stdout = io.TextIOWrapper(raw if unbuffered else io.BufferedWriter(raw), encoding=old.encoding,
                                  errors=errors, newline="\n", line_buffering=old.line_buffering,
                                  write_through=old.write_through)


def machine_standard_output() -> None:
    """Standard output in UTF-8, the encoding JSON and SARIF must be in and the one the JUnit
    and HTML reports declare: under PYTHONIOENCODING=latin-1 a JSON report was "[ ]" and an
    internal error, under utf-16 a JUnit file that says UTF-8 was not."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8", errors="strict")


def utf8_sink(out: TextIO) -> BinaryIO | None:
    """Where a part already encoded as UTF-8 may be written for ``out``, past its text layer,
    or None. A machine format's part is encoded once, by the worker that rendered it (that
    strict encode is also the test that it can be written, see ``stream.guarded``); writing it
    through ``out`` encoded the same text a second time (~27 M instructions over 400 files).
    Only a writer this module made (a named standard output, a report file) qualifies: its
    newline is "\\n" (nothing to translate), its buffer a ``BufferedWriter`` over a ``_Watched``,
    or the ``_Watched`` itself for an unbuffered standard output (``-u``, PYTHONUNBUFFERED: one
    write call per part, as the text layer makes), so a failed write is named and a dropped
    standard output dropped at the same place; and its encoding must be UTF-8 (a text format
    on a latin-1 terminal writes escapes instead). It is made write-through first, so that no
    text written through it ever waits in the text layer behind bytes written past it: the
    order of every byte stays the order of the writes. The caller honours line buffering (a
    terminal's)."""
    buffer = getattr(out, "buffer", None)
    raw = buffer.raw if type(buffer) is io.BufferedWriter else buffer
    if type(out) is not io.TextIOWrapper or not isinstance(raw, _Watched) \
            or codecs.lookup(out.encoding).name != "utf-8":
        return None
    if not out.write_through:
        out.reconfigure(write_through=True)  # flushes what the text layer holds, once
    return buffer


def drop_standard_output() -> None:
    """Drop what is still buffered for standard output once its failure has been reported:
    flushed again at exit, it would fail again, as a traceback and exit status 120."""
    buffer = getattr(sys.stdout, "buffer", None)
    raw = getattr(buffer, "raw", buffer)
    if isinstance(raw, _Watched) and raw.named == STANDARD_OUTPUT:
        raw.dropping = True


def _text(raw: _Watched) -> TextIO:
    return io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8", newline="\n")


def _opened(path: Path) -> TextIO:
    """``open_output(path)``, its failure naming ``path``."""
    try:
        return open_output(path)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None


@contextmanager
def staged_output(path: Path, abandoned: Callable[[BaseException], None] | None = None) -> Iterator[TextIO]:
    """A report or baseline written to ``path`` whole or not at all. A regular file (or a new
    one) is written to a temporary beside it, fsynced and renamed over it at the end: a disk
    that filled up mid-report left a truncated JSON/SARIF/JUnit file for the next step of a
    pipeline to choke on (or an old report to be taken for this run's). If any write failed,
    the temporary is removed, ``path`` is left as it was and OSError names it. A FIFO or a
    device (``-o /dev/stdout``) is written as it goes (``open_output``); so is a file whose
    folder takes no new file, put back as it was if a write fails (``_in_place``). An
    exception that ends the block (Ctrl-C, SIGTERM, a run's error) leaves ``path`` as it was
    too — a partial report must not replace the last whole one — and is raised after
    ``abandoned(exc)`` is told; what went to a FIFO or a device cannot be taken back."""
    import tempfile  # here, not at the top: most runs write no report file

    from gongwen.safe_write import new_file_mode, shortened_name

    target = Path(os.path.realpath(path))  # a link to the report is written through, as open() did
    st = _stat(target)
    if st is None and (direct := _stat(path)) is not None and not stat.S_ISREG(direct.st_mode):
        # /dev/stdout on a pipe: /proc's link names "pipe:[…]", no path realpath can follow, and
        # a temporary was tried in /proc/self/fd (ENOENT, exit 2); the name itself opens the pipe.
        st = direct
    if st is not None and (not stat.S_ISREG(st.st_mode) or not os.access(target, os.W_OK)):
        with _opened(path) as handle:  # a FIFO, a device; a directory or a read-only file fails here
            yield handle
        return
    try:
        fd, name = tempfile.mkstemp(prefix=f".{shortened_name(target.name)}.", suffix=".gongwen-tmp",
                                    dir=target.parent)
    except OSError as exc:
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        if st is not None and st.st_nlink > 1:
            # Written in place, the report would land under every other name of the file too:
            # a hard link beside an unwritable folder's report to a checked file emptied that
            # file (opened before it was read) and filled it with the report, exit 0.
            raise OSError(exc.errno, f"所在目录不能新建临时文件，而它有 {st.st_nlink} 个硬链接，"
                                     "就地写入会改写其他名字下的同一文件；未写入", str(path)) from None
        with _in_place(path, st, abandoned) as handle:
            yield handle
        return
    raw = _Watched(fd, "w", named=str(path))
    handle = _text(raw)
    ended: BaseException | None = None
    try:
        yield handle
    except BaseException as exc:
        ended = exc
    try:
        _close(handle, raw, fd)
        if raw.failed is None and ended is None:
            try:
                os.chmod(name, stat.S_IMODE(st.st_mode) if st is not None else new_file_mode())
                os.replace(name, target)
            except OSError as exc:  # the temporary's name would mean nothing to the user
                raw.failed = OSError(exc.errno, exc.strerror, str(path))
    finally:
        with suppress(OSError):
            os.unlink(name)  # gone already when it was renamed
    if raw.failed is not None:
        raise raw.failed from None
    if ended is not None:
        if abandoned is not None:
            abandoned(ended)
        raise ended


def _close(handle: TextIO, raw: _Watched, fd: int) -> None:
    """Flush, fsync and close; a failure of any of them is recorded on ``raw`` (an fsync
    that fails with EIO means the bytes may never reach the disk)."""
    with suppress(OSError):  # a failed write is what _Watched records
        handle.flush()
    if raw.failed is None:
        try:
            os.fsync(fd)
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.EROFS):  # a file that cannot be synced at all
                raw.failed = OSError(exc.errno, exc.strerror, raw.named)
    with suppress(OSError):
        handle.close()


KEPT_FOR_PUTTING_BACK = 64 << 20  # an old report larger than this is emptied, not restored


@contextmanager
def _in_place(path: Path, st: os.stat_result | None,
              abandoned: Callable[[BaseException], None] | None = None) -> Iterator[TextIO]:
    """``path`` written in place (its folder takes no temporary beside it). If a write fails
    or the block raises, the old content is put back (or the file emptied when it was too big
    to keep, or removed when this run created it): a half-written report must never be left
    to pass for a whole one. A write's failure is raised naming ``path``; the block's own
    exception after ``abandoned(exc)``."""
    old: bytes | None = None
    if st is not None and st.st_size <= KEPT_FOR_PUTTING_BACK:
        with suppress(OSError):
            old = Path(path).read_bytes()
    handle = _opened(path)
    raw = handle.buffer.raw
    ended: BaseException | None = None
    try:
        yield handle
    except BaseException as exc:
        ended = exc
    _close(handle, raw, raw.fileno())
    if raw.failed is not None or ended is not None:
        _put_back(Path(path), old, existed=st is not None)
    if raw.failed is not None:
        raise raw.failed from None
    if ended is not None:
        if abandoned is not None:
            abandoned(ended)
        raise ended


def _put_back(path: Path, old: bytes | None, existed: bool) -> None:
    with suppress(OSError):
        if not existed:
            path.unlink()
            return
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
        try:
            view = memoryview(old or b"")
            while view:
                view = view[os.write(fd, view):]
        except OSError:
            os.ftruncate(fd, 0)  # better empty than half of either
        finally:
            os.close(fd)
