"""Finding input files and reading them into documents.

Reading never raises for a bad file: it returns an :class:`InputProblem` that the run
reports as a diagnostic (LNT901/LNT902), so one bad file never hides the others.

Decoding: an explicit encoding (``--encoding``, or a config ``encodings`` glob) wins; then
a BOM (UTF-8, UTF-16, UTF-32); then strict UTF-8; then, for text that is not UTF-8, the
charset a web page declares, then detection with charset-normalizer limited to the
encodings Chinese documents actually use (GB18030 — a superset of GBK and GB2312 — and
Big5). Line endings are never normalised.
"""
from __future__ import annotations

import codecs
import fnmatch
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator


from gongwen.analysis import lazy_regex
from gongwen.document import Document
from gongwen.formats import (BINARY_FORMATS, FORMAT_BY_SUFFIX, FormatError, format_for,
                             read_binary_format, read_text_format)
from gongwen.analysis import pattern_cache

TEXT_SUFFIXES = set(FORMAT_BY_SUFFIX)  # every suffix a directory walk picks up
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}
MAX_FILE_SIZE = 50 * 1024 * 1024  # a report is a few MB; past this a file is refused, not read
DETECT = ("gb18030", "big5")

# BOM -> (codec that decodes the rest, name recorded so a fix can write the BOM back)
_BOMS = ((codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
         (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"))
_META_CHARSET = lazy_regex.compile(rb"(?i)<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_\-]{2,20})")


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be checked, reported as its LNT9xx finding."""

    path: str
    code: str  # LNT901 unreadable, LNT902 empty
    message: str
    help: str | None = None


@dataclass(frozen=True)
class Skipped:
    """A file the walk found and left alone on purpose: a note on stderr, not a finding."""

    path: str
    reason: str


# The first line of a report that ``-o`` writes in a text format (and the HTML report's
# generator tag, the JUnit report's opening comment, the SARIF log's top-level property bag):
# a later walk over the same tree recognises it and does not lint it.
GENERATED_MARKER = "gongwen:generated-report"
_MARKER_WINDOW = 1024  # bytes at the head of a file where the marker is looked for
# The marker as each report carries it: a file that only mentions it (a page about the gate,
# "报告首行有 gongwen:generated-report") was skipped as a report, its findings never reported.
_MARKER_FORMS = tuple(form.encode("ascii") for form in (
    f"<!-- {GENERATED_MARKER} -->", f'<meta name="generator" content="{GENERATED_MARKER}">',
    f'"generator": "{GENERATED_MARKER}"'))
GENERATED_LINE = f"# {GENERATED_MARKER}：本文件由 gongwen 生成，检查目录时跳过\n"  # a text report's first
_MARKER_LINE = GENERATED_LINE.encode("utf-8")
# The JSON report is a bare array (docs/json-contract.md) with no room for a marker without
# changing its schema, so it is known by its head instead: an empty array alone, or a first
# finding (or --statistics row) opening with gongwen's keys in gongwen's order.
_JSON_REPORT_HEAD = lazy_regex.compile(
    rb'\A\s*\[\s*(?:\]\s*\Z|\{\s*(?:"path":\s*"(?:[^"\\]|\\.)*",\s*)?"code":\s*"[A-Za-z0-9_-]+",\s*"name":\s*")')


@dataclass
class InputOptions:
    """What decides how files are found and read (CLI flags over config keys)."""

    encoding: str | None = None  # forced for every file
    encodings: dict[str, str] = field(default_factory=dict)  # glob -> encoding
    content_selector: str | dict[str, str] | None = None  # CSS, or glob -> CSS (config)
    include: list[str] | None = None  # globs; None = every known suffix
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    force_exclude: bool = False
    max_file_size: int = MAX_FILE_SIZE
    root: Path = field(default_factory=Path.cwd)  # where config globs are relative to
    follow_symlinks: bool = False  # a walk follows links that lead out of the folder walked
    outputs: frozenset[str] = frozenset()  # real paths this run writes: never read as inputs

    @classmethod
    def from_config(cls, values: dict[str, Any], root: Path | None = None, **cli: Any) -> "InputOptions":
        opts = cls(encodings=dict(values.get("encodings", {})),
                   content_selector=values.get("content-selector"),
                   include=values.get("include"), exclude=list(values.get("exclude", [])),
                   respect_gitignore=values.get("respect-gitignore", True),
                   force_exclude=values.get("force-exclude", False),
                   max_file_size=values.get("max-file-size", MAX_FILE_SIZE),
                   follow_symlinks=values.get("follow-symlinks", False),
                   root=root or Path.cwd())
        for key, value in cli.items():
            if value is not None and value is not False:
                setattr(opts, key, value)
        return opts

    def encoding_for(self, path: Path) -> str | None:
        if self.encoding:
            return self.encoding
        if not self.encodings:
            return None  # before resolving the path: two realpath walks per file otherwise
        rel = _relative(path, self.root)
        for glob, enc in self.encodings.items():
            if _glob_match(rel, glob) or fnmatch.fnmatch(path.name, glob):
                return enc
        return None

    def reader_options(self, path: Path | None = None) -> dict[str, Any]:
        return {"content-selector": self.selector_for(path)}

    def selector_for(self, path: Path | None) -> str | None:
        """The content selector of a page: one for all, or the first glob that matches."""
        if not isinstance(self.content_selector, dict):
            return self.content_selector
        if path is None:
            return None
        rel = _relative(path, self.root)
        for glob, css in self.content_selector.items():
            if _glob_match(rel, glob) or fnmatch.fnmatch(path.name, glob):
                return css
        return None


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def _glob_match(rel: str, glob: str) -> bool:
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines([glob]).match_file(rel)


# The last path shown, with the working directory it was shown from: ((cwd, path), shown),
# replaced whole (threads never see one path with another's answer). Reading a file asks for
# its name twice (the fault guard's, then the document's), ~30,000 instructions each.
_last_shown: list[tuple[tuple[str, str] | None, str]] = [(None, "")]


def display_path(path: Path) -> str:
    """Relative to the working directory when below it; always with ``/`` separators; bytes
    that are not UTF-8 and control characters escaped (see :func:`printable_name`)."""
    try:
        key = (os.getcwd(), os.fspath(path))
    except (OSError, TypeError):
        return _display_path(path)
    last, shown = _last_shown[0]
    if last != key:
        shown = _display_path(path)
        _last_shown[0] = (key, shown)
    return shown


def _display_path(path: Path) -> str:
    try:  # absolute, not resolved: a symlink is shown by its own name, not its target's
        absolute, cwd = os.path.abspath(path), os.path.abspath(os.getcwd())
        if os.sep == "/" and not absolute.startswith("//") and not cwd.startswith("//"):
            # What the pathlib form below gives, by string (asked several times per file):
            # abspath has normalised both, so "below" is a prefix that ends at a separator.
            if absolute == cwd:
                return "."
            below = absolute[len(cwd.rstrip("/")) + 1:]
            if below and absolute.startswith(cwd.rstrip("/") + "/"):
                return printable_name(below)
            raise ValueError(absolute)
        return printable_name(Path(absolute).relative_to(Path(cwd)).as_posix())
    except (ValueError, OSError):
        return printable_name(path.as_posix())


# C0 and C1 controls (ESC, CSI \x9b: terminal commands) and the bidirectional overrides and
# isolates that make a terminal show text in another order than it is (Trojan Source).
_CONTROL = pattern_cache.regex_compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable_name(name: str) -> str:
    """A file name as every report can carry it: a byte that is not UTF-8 (``bad\\xff.txt``,
    which Python holds as a lone surrogate no UTF-8 writer accepts) and a control character (a
    newline would split a line of the concise or GitHub format, an escape sequence would
    drive the terminal) are written as escapes. The text formats show messages through it
    too: a message may quote the document, whatever it holds."""
    if _CONTROL.search(name):
        name = _CONTROL.sub(lambda m: repr(m.group())[1:-1], name)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


# A .gitignore is a few KB (a big monorepo's, some hundred); patterns past this are not read.
MAX_GITIGNORE_BYTES = 4 * 1024 * 1024


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of ``path``, only from a regular file reached without a
    symbolic link and opened without waiting: a planted link to /dev/zero would fill the
    memory, a FIFO hold the run for ever. Raises OSError for anything else."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path}: not a regular file")
        return handle.read(limit)


class _Ignores:
    """.gitignore files from the walk root's git work tree down, each relative to its folder.

    Only inside a git work tree, as git itself reads them: outside one, a stray
    ``.gitignore`` in a parent folder (``*.txt`` in a home directory) would silently make a
    gate check nothing, so none is read at all. And, as git (2.32+) reads them, only a regular
    file, never through a symbolic link (a cloned tree may hold one to /dev/zero)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.specs: dict[Path, Any] = {}

    def load(self, folder: Path) -> None:
        if not self.enabled or folder in self.specs:
            return
        from pathspec import GitIgnoreSpec

        spec = None
        try:
            data = read_regular(folder / ".gitignore", MAX_GITIGNORE_BYTES)
            if len(data) == MAX_GITIGNORE_BYTES:  # a cut line could be a wider pattern (*.t)
                data = data[:data.rfind(b"\n") + 1]
            # Lines end at \n alone, a CR before it dropped, as git reads them: splitlines also
            # broke "d\u2028e.txt" (or \x0c, \x85, \x1e) in two, and a stray "e.txt" hid e.txt.
            lines = [line.removesuffix("\r") for line in data.decode("utf-8", errors="replace").split("\n")]
            try:
                spec = GitIgnoreSpec.from_lines(lines)
            except Exception:  # a line the matcher cannot compile: the others still count
                spec = GitIgnoreSpec.from_lines([line for line in lines if not glob_problem(line)])
        except OSError:
            pass
        self.specs[folder] = spec

    def unload(self, folder: Path) -> None:
        """A folder the walk has left: its patterns match nothing more, and each file
        would otherwise be tried against every folder walked so far."""
        self.specs.pop(folder, None)

    def load_parents(self, start: Path) -> None:
        """The work tree's .gitignore files from its top down to ``start``; none (and none
        below either) when ``start`` is not inside a work tree."""
        chain = []
        for folder in [start, *start.parents]:
            chain.append(folder)
            if (folder / ".git").exists():  # a folder, or a file in a linked work tree
                break
        else:
            self.enabled = False
            return
        for folder in reversed(chain):
            self.load(folder)

    def ignored(self, path: Path, is_dir: bool = False) -> bool:
        if not self.enabled:
            return False
        for folder, spec in self.specs.items():
            if spec is None:
                continue
            try:
                rel = path.relative_to(folder).as_posix()
            except ValueError:
                continue
            if spec.match_file(rel + ("/" if is_dir else "")):
                return True
        return False


MAX_GLOB = 4096  # characters: a real glob is a few dozen; RE2 compiles this many `*a` in ~0.1 s


def glob_problem(glob: str) -> str | None:
    """Why ``glob`` cannot be matched (Chinese), or None. Globs are matched by pathspec on
    RE2 (google-re2), in linear time: on Python's backtracking engine `*a*a*…*ab` (30 stars)
    against a long name ran for hours, and a .gitignore in a cloned tree is anyone's. RE2
    refuses a pattern past its memory budget instead: such a glob is refused here, by name."""
    if len(glob) > MAX_GLOB:
        return f"glob 过长（{len(glob)} 个字符，上限 {MAX_GLOB}）"
    from pathspec import GitIgnoreSpec

    try:
        GitIgnoreSpec.from_lines([glob])
    except Exception as exc:  # the matcher's own compile error, whatever its class
        return f"无法编译的 glob（{type(exc).__name__}）"
    return None


def _excluded(path: Path, opts: InputOptions) -> bool:
    if not opts.exclude:
        return False
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(opts.exclude).match_file(_relative(path, opts.root))


def _included(path: Path, opts: InputOptions) -> bool:
    if opts.include is None:
        from gongwen.formats.warc import is_archive

        return path.suffix.lower() in TEXT_SUFFIXES or is_archive(path.name)
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(opts.include).match_file(_relative(path, opts.root))


def would_check(path: Path, opts: InputOptions) -> bool:
    """Whether a walk that reaches ``path`` would check it (by suffix or ``include``, and
    not ``exclude``d or a generated report); .gitignore is not consulted."""
    return _included(path, opts) and not _excluded(path, opts) and not _is_generated(path)


def iter_files(paths: list[Path], opts: InputOptions | None = None) -> Iterator[Path | InputProblem | Skipped]:
    """Files named on the command line as given (unless ``force_exclude`` and excluded);
    directories walked for known suffixes (or ``include`` globs), minus ``exclude`` globs,
    ignored names and ``.gitignore``d paths, in sorted order so that output is stable.

    A walk stays inside the folder it was given: a symbolic link (to a file or a folder)
    whose target lies outside is skipped unless ``follow_symlinks``; links inside are
    followed once, and a loop or an unreadable folder is reported. What is not a regular
    file (FIFO, device, socket), a report gongwen wrote and this run's own outputs are
    skipped too: ``Skipped`` items say why.

    A folder is walked lazily, one folder's listing at a time: the walk of a site with a
    million pages never holds a million paths (a pool forked while it did carried them in
    every worker)."""
    opts = opts or InputOptions()
    for path in paths:
        if not path.is_dir():
            if not (opts.force_exclude and _excluded(path, opts)):
                yield path
            continue
        ignores = _Ignores(opts.respect_gitignore)
        absolute = path.resolve()
        ignores.load_parents(absolute)
        walk = _Walk(path, absolute, ignores, opts)
        first, entries = walk.open(path)
        yield from first
        yield from walk.items(entries)


class _Walk:
    """One folder's walk, in the order of a sort of every item by its displayed path.

    That order is produced folder by folder: below a folder, everything under a subfolder
    ``d`` shares the prefix ``d/`` and so sorts as one block, between siblings by the key
    ``d/`` (``a.txt`` before ``a/x.txt`` before ``a0.txt``: ``.`` < ``/`` < ``0``). What the
    walk says of ``d`` itself (a loop, an unreadable folder, a link leading out) sorts by
    ``d``, so a subfolder is opened at that key and its block walked at ``d/``."""

    def __init__(self, root: Path, absolute: Path, ignores: "_Ignores", opts: InputOptions) -> None:
        self.root, self.absolute, self.ignores, self.opts = root, absolute, ignores, opts
        self.seen: set[tuple[int, int]] = set()  # folders visited: one seen again is a loop

    def open(self, here: Path) -> tuple[list[InputProblem], list[tuple[str, int, Any]]]:
        """What is said of folder ``here`` itself, and its entries as (key, kind, item)
        sorted: kind 0 an item to yield, 1 a subfolder to open, 2 a subfolder's block."""
        try:
            st = here.stat()
        except OSError:
            return [], []
        if (st.st_dev, st.st_ino) in self.seen:
            return [InputProblem(display_path(here), "LNT901", "符号链接形成循环，跳过此目录",
                                 "删除或改正这个符号链接")], []
        self.seen.add((st.st_dev, st.st_ino))
        problems: list[InputProblem] = []

        def onerror(exc: OSError) -> None:
            problems.append(InputProblem(display_path(Path(exc.filename or here)), "LNT901",
                                         f"无法读取目录：{exc.strerror or exc}"))

        # os.walk's own listing of this one folder (how it tells folders from files, links
        # followed); the generator is dropped before it descends.
        listing = next(os.walk(here, onerror=onerror, followlinks=True), None)
        if listing is None:
            return problems, []
        _, dirs, files = listing
        if here != self.root and "CACHEDIR.TAG" in files and _is_cache_folder(here):
            return [Skipped(display_path(here), "缓存目录（有 CACHEDIR.TAG），跳过")], []
        abs_here = self.absolute / here.relative_to(self.root)
        self.ignores.load(abs_here)
        entries: list[tuple[str, int, Any]] = []
        for d in dirs:
            if d in SKIP_DIRS or d.startswith("."):
                continue
            if self.ignores.ignored(abs_here / d, True) or _excluded(here / d, self.opts):
                continue
            key = display_path(here / d)
            try:
                leaves = _link_out_of(here / d, self.absolute, self.opts)
            except OSError as exc:  # a path past the system's limit: that folder, not the run
                entries.append((key, 0, _unreachable(key, exc)))
                continue
            if leaves:
                entries.append((key, 0, leaves))
                continue
            entries += [(key, 1, here / d), (key + "/", 2, here / d)]
        for name in files:
            file = here / name
            if not _included(file, self.opts) or _excluded(file, self.opts):
                continue
            if self.ignores.ignored(abs_here / name):
                continue
            try:
                verdict = _walked_file(file, self.absolute, self.opts)
            except OSError as exc:
                verdict = _unreachable(display_path(file), exc)
            if verdict is not None:
                entries.append((display_path(file) if isinstance(verdict, Path) else verdict.path, 0, verdict))
        entries.sort(key=lambda entry: entry[0])
        return problems, entries

    def items(self, entries: list[tuple[str, int, Any]]) -> Iterator[Path | InputProblem | Skipped]:
        # One stack entry per open folder, not one nested generator: a tree thousands of
        # levels deep (as deep as path lengths allow) exceeded Python's recursion limit.
        stack: list[tuple[Iterator, dict[Path, list], Path | None]] = [(iter(entries), {}, None)]
        while stack:
            level, opened, folder = stack[-1]
            entry = next(level, None)
            if entry is None:
                stack.pop()
                if folder is not None:
                    self.ignores.unload(self.absolute / folder.relative_to(self.root))
                continue
            _, kind, item = entry
            if kind == 0:
                yield item
            elif kind == 1:
                said, opened[item] = self.open(item)
                yield from said
            else:
                stack.append((iter(opened.pop(item)), {}, item))


# The first line of a cache folder's CACHEDIR.TAG (https://bford.info/cachedir/), ours too.
CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"


def _is_cache_folder(folder: Path) -> bool:
    """Whether ``folder`` is tagged as a cache (as tar --exclude-caches tells one): a
    ``cache-dir`` inside the tree under a name without a dot, with ``include = ["*"]``, had
    gongwen's own entries checked as undecodable files, two more LNT901 errors every run."""
    try:
        return read_regular(folder / "CACHEDIR.TAG", len(CACHEDIR_SIGNATURE)) == CACHEDIR_SIGNATURE.encode("ascii")
    except OSError:
        return False


def _unreachable(shown: str, exc: OSError) -> InputProblem:
    """A walked name the system cannot even look at: one past PATH_MAX (ENAMETOOLONG, a
    tree nested deep under long names) ended the whole run, every other file's findings lost."""
    import errno

    if exc.errno == errno.ENAMETOOLONG:
        return InputProblem(shown, "LNT901", "路径过长，超过系统允许的长度，无法读取，跳过",
                            "缩短目录名或减少嵌套层数，或在更深的目录中单独检查")
    return InputProblem(shown, "LNT901", f"无法读取：{exc.strerror or exc}")


def _link_out_of(path: Path, root: Path, opts: InputOptions) -> Skipped | None:
    """A note when ``path`` is a symbolic link leading outside ``root`` and links are not followed."""
    if opts.follow_symlinks or not path.is_symlink():
        return None
    target = Path(os.path.realpath(path))
    if target == root or root in target.parents:
        return None
    return Skipped(display_path(path), f"符号链接指向检查目录之外（{target}），未跟随；需要时加 --follow-symlinks")


_SPECIAL_KINDS = ((stat.S_ISFIFO, "命名管道"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
                  (stat.S_ISSOCK, "套接字"))


def special_kind(mode: int) -> str | None:
    """What a non-regular file is, in Chinese (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _SPECIAL_KINDS if test(mode)), "特殊文件")


def _walked_file(file: Path, root: Path, opts: InputOptions) -> Path | Skipped | None:
    """The file to read, a note on why it is skipped, or None for this run's own output."""
    leaves = _link_out_of(file, root, opts)
    if leaves:
        return leaves
    if opts.outputs and os.path.realpath(file) in opts.outputs:
        return None
    try:
        st = file.stat()
    except OSError:
        return file  # a dangling link: reading it reports the problem
    kind = special_kind(st.st_mode)
    if kind:
        return Skipped(display_path(file), f"不是普通文件（{kind}），跳过")
    if _is_generated(file):
        return Skipped(display_path(file), "gongwen 生成的报告，跳过")
    return file


def _is_generated(file: Path) -> bool:
    try:
        with open(file, "rb") as handle:
            head = handle.read(_MARKER_WINDOW)
    except OSError:
        return False
    from gongwen.baseline import FORMAT  # a baseline file names its format in its first line

    return (head.startswith(_MARKER_LINE) or any(form in head for form in _MARKER_FORMS)
            or f'"format": "{FORMAT}"'.encode("ascii") in head or _JSON_REPORT_HEAD.match(head) is not None)


def encoding_problem(name: str) -> str | None:
    """Why ``name`` cannot decode text (unknown, or a bytes-to-bytes codec such as rot13 or
    base64), in Chinese; None when it can."""
    from gongwen.schema import is_text_encoding

    if is_text_encoding(name):
        return None
    return "未知的文本编码名称；请用 Python 能识别的编码名，例如 utf-8、gb18030、big5、utf-16"


def decode(data: bytes, encoding: str | None = None, declared: str | None = None) -> tuple[str, str, bool]:
    """Decode bytes into text; returns (text, encoding, had_bom). Raises UnicodeDecodeError
    (or LookupError for an unknown encoding name)."""
    if encoding:
        text = data.decode(encoding)
        had_bom = text.startswith("\ufeff")
        return (text[1:] if had_bom else text), encoding, had_bom
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec), name, True
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as first:
        if declared:
            try:
                return data.decode(declared), declared, False
            except (UnicodeDecodeError, LookupError):
                pass
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(DETECT)).best()
        if best is None:
            raise first
        return data.decode(best.encoding), best.encoding, False


# What the codecs say of a multibyte character that the end of the data cuts off.
_CUT_OFF = ("unexpected end of data", "incomplete multibyte sequence", "truncated data")


def _undecodable(path: str, data: bytes, exc: UnicodeDecodeError, encoding: str | None) -> InputProblem:
    """LNT901 for bytes that do not decode, at the byte where they stop in the file. After a
    byte-order mark the codec read only what follows it: the position was 3 short and the
    bytes shown began with the mark. A file whose only fault is a character cut off at its
    end (a download or a copy that stopped short) was told to choose another encoding."""
    bom = b"" if encoding else next((b for b, _, _ in _BOMS if data.startswith(b)), b"")
    start = exc.start + len(bom)
    tried = encoding or ("UTF-8" if bom else "UTF-8（也未能识别为 GB18030 或 Big5）")
    if exc.reason in _CUT_OFF and exc.end == len(exc.object):
        return InputProblem(path, "LNT901",
                            f"文件末尾的 {len(data) - start} 个字节不是完整的字符（按 {encoding or 'UTF-8'}），"
                            "文件可能被截断",
                            "找回完整的文件后再检查")
    after_bom = "文件以 UTF-8 字节顺序标记（BOM）开头，但" if bom == codecs.BOM_UTF8 else ""
    return InputProblem(path, "LNT901",
                        f"{after_bom}无法按 {tried} 解码：第 {start} 字节处的 {data[start:start + 4]!r} 不是有效字符",
                        "用 --encoding 指定文件编码，例如 --encoding gb18030")


def bomless_utf(head: bytes) -> str | None:
    """The UTF-16/32 form that ``head``, holding zero bytes, most likely is without its byte
    order mark, or None. Only a hint for the message (text is never decoded on a guess): UTF-32
    when every fourth byte is zero at one end; UTF-16 when the bytes are not UTF-8 and read, in
    the byte order where most zeros are high bytes, as text without control characters."""
    for name, at in (("UTF-32-LE", 3), ("UTF-32-BE", 0)):
        if len(head) >= 4 and not any(head[at::4]) and _reads_as_text(head, name):
            return name
    if _reads_as_text(head, "utf-8", controls=True):
        return None  # UTF-8 with a stray NUL: binary, as before
    name = "UTF-16-LE" if head[1::2].count(0) > head[0::2].count(0) else "UTF-16-BE"
    return name if _reads_as_text(head, name) else None


def _reads_as_text(head: bytes, codec: str, controls: bool = False) -> bool:
    """Whether ``head`` (the start of a file: its last character may be cut) decodes as
    ``codec``, without control characters unless ``controls``."""
    try:
        text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return controls or not any(ch < " " and ch not in "\t\n\r\f" for ch in text)


_SURE_LENGTH = 40  # bytes: 20 wide characters, none with a zero byte, all valid UTF-8 by chance


def _utf8_forced_wide(data: bytes, encoding: str) -> str | None:
    """Why bytes forced to a UTF-16/32 ``encoding`` are UTF-8 text instead, or None.

    Wide text holds a zero byte in every ASCII character (a space, a digit, a line break), and
    a wide character with a byte of 0x80 or more breaks UTF-8's strict pattern of lead and
    continuation bytes almost surely; so bytes with no zero byte that decode as UTF-8 are
    UTF-8 — surely from 20 wide characters on (random lines of Chinese in UTF-16 passed as
    UTF-8 about once in 200,000 at 16 characters, never at 20), and below that when the wide
    reading holds a private-use or unassigned character, which real text does not. Forced to
    UTF-16 they read as CJK-looking garbage that passed the check, and --fix wrote its
    "fixes" back as bytes that are no longer UTF-8."""
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(data) < _SURE_LENGTH:
        import unicodedata

        try:
            wide = data.decode(encoding)
        except UnicodeDecodeError:
            return None  # said by the decoding itself
        if not any(unicodedata.category(ch) in ("Co", "Cn") for ch in wide):
            return None
    return (f"指定的编码 {encoding} 与内容不符：文件是 UTF-8 文本（没有 UTF-16/32 文本必有的零字节），"
            f"按 {encoding} 读出的是乱码，未检查")


# Files whose first bytes say what they are, whatever their name.
_MISNAMED = ((b"%PDF-", " PDF", ".pdf"), (b"PK\x03\x04", " zip 压缩包（如 Word 文档）", ".docx"),
             (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Office 复合文档（如 .doc）", ".docx（先另存为）"))


def document_from_bytes(data: bytes, path: str, fmt: str = "text", encoding: str | None = None,
                        options: dict[str, Any] | None = None) -> Document | InputProblem:
    options = options or {}
    if not data.strip():
        return InputProblem(path, "LNT902", "文件为空" if not data else "文件只有空白字符")
    try:
        if fmt in BINARY_FORMATS:
            return read_binary_format(fmt, data, path, options)
        for magic, kind, suffix in _MISNAMED:
            if data.startswith(magic):  # an ASCII PDF read as text was linted, and --fix wrote it
                return InputProblem(path, "LNT901", f"二进制文件：内容是{kind}，不是文本",
                                    f"按内容改用 {suffix} 扩展名后再检查")
        bomless = any(data.startswith(b) for b, _, _ in _BOMS)
        if encoding is not None and (problem := encoding_problem(encoding)):  # the CLI refuses it sooner
            return InputProblem(path, "LNT901", f"{encoding!r}：{problem}")
        wide = encoding is not None and codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
        if wide and (mistaken := _utf8_forced_wide(data, encoding)):
            return InputProblem(path, "LNT901", mistaken, "去掉 --encoding（或 [encodings] 中这个文件的编码）后再检查")
        if b"\x00" in data[:8192] and not bomless and not wide:
            guess = bomless_utf(data[:8192])
            if guess:
                return InputProblem(path, "LNT901", f"看来是没有字节顺序标记（BOM）的 {guess} 文本",
                                    f"用 --encoding {guess.lower()} 指定编码后再检查")
            return InputProblem(path, "LNT901", "二进制文件，不是文本",
                                "只检查 .txt、.md、.html、.docx、.pdf 文件")
        declared = None
        if fmt == "html":
            m = _META_CHARSET.search(data[:4096])
            declared = m.group(1).decode("ascii") if m else None
        try:
            text, used, had_bom = decode(data, encoding, declared)
        except UnicodeDecodeError as exc:
            return _undecodable(path, data, exc, encoding)
        doc = read_text_format(fmt, text, path, options)
    except FormatError as exc:
        return InputProblem(path, "LNT901", exc.message, exc.help)
    except RecursionError:
        return InputProblem(path, "LNT901", "文件结构嵌套过深，无法解析")
    doc.encoding, doc.had_bom = used, had_bom
    return doc


def read_capped(path: Path, limit: int) -> bytes | InputProblem:
    """A regular file's bytes, at most ``limit`` of them counted as they are read.

    ``st_size`` is only a first look: a /proc file says 0, a growing file says less than it
    has, so the cap counts what was actually read. Anything but a regular file (a FIFO with
    no writer would block forever, /dev/zero never ends) is refused before it is read; the
    descriptor is opened non-blocking and checked again, in case the path was swapped."""
    too_big = ("报告通常只有几 MB；确需检查时在配置中调大 max-file-size")
    try:
        kind = special_kind(os.stat(path).st_mode)
        if kind is None:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            with os.fdopen(fd, "rb", buffering=0):
                st = os.fstat(fd)
                kind = special_kind(st.st_mode)
                if kind is None:
                    if st.st_size > limit:
                        return InputProblem(display_path(path), "LNT901",
                                            f"文件过大（{st.st_size} 字节，上限 {limit} 字节），未检查", too_big)
                    data = _read_at_most(fd, limit + 1, st.st_size)
    except OSError as exc:
        return InputProblem(display_path(path), "LNT901", f"无法读取：{exc.strerror or exc}")
    if kind is not None:
        return InputProblem(display_path(path), "LNT901", f"不是普通文件（{kind}），未读取",
                            "只检查普通文件；管道中的文本请用 - 从标准输入读入")
    if len(data) > limit:
        return InputProblem(display_path(path), "LNT901", f"文件过大（超过上限 {limit} 字节），未检查", too_big)
    return data


def _read_at_most(fd: int, most: int, size_hint: int) -> bytes:
    """Up to ``most`` bytes: one read of the announced size, then more while the file goes
    on (never one allocation of ``most`` bytes up front)."""
    chunks, total = [], 0
    want = min(most, size_hint + 1)
    while total < most:
        chunk = os.read(fd, max(1, min(want, most - total)))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 20
    return b"".join(chunks)


def read_stream(stream, limit: int, name: str) -> bytes | InputProblem:
    """A binary stream (standard input) read to its end, or refused past ``limit`` bytes
    (``- < /dev/zero`` must not fill the memory)."""
    chunks, total = [], 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    return InputProblem(name, "LNT901", f"标准输入过大（超过上限 {limit} 字节），未检查",
                        "确需检查时在配置中调大 max-file-size")


def read_with_bytes(path: Path, encoding: str | None = None, opts: InputOptions | None = None
                    ) -> tuple[bytes | None, Document | InputProblem]:
    """The bytes read (None when unreadable) and the document made of exactly those bytes."""
    opts = opts or InputOptions(encoding=encoding)
    data = read_capped(path, opts.max_file_size)
    if isinstance(data, InputProblem):
        return None, data
    return data, document_from_bytes(data, display_path(path), format_for(path.name),
                                     encoding or opts.encoding_for(path), opts.reader_options(path))


def read_document(path: Path, encoding: str | None = None,
                  opts: InputOptions | None = None) -> Document | InputProblem:
    return read_with_bytes(path, encoding, opts)[1]
