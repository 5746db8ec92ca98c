"""Writing a fixed text back over its file without losing a byte that was not fixed.

Three promises, each checked before anything is written:

* **Only fixed characters change.** The fixed text is encoded as the original was (codec,
  byte-order mark). That changes nothing else only if the original text encodes back to the
  original bytes — not so for Big5's duplicate code points (A2CC and A451 are both 十) — and
  if the codec encodes character by character (a stateful codec such as ISO-2022 or UTF-7
  may re-encode the text around a fix differently). A file failing either is refused. So is
  one decoded with a forced encoding although its bytes are valid UTF-8: the text checked
  was mojibake, and a fix would write, say, GB18030 bytes into a UTF-8 file.
* **Only the file asked for.** A symbolic link's target is written (the link was named);
  anything but a regular file, or a file without write permission, is refused.
* **Nothing half-written.** A file is replaced atomically (temporary file, fsync,
  ``os.replace``) — except a file with several hard links, which replacing would split
  (the other names would keep the old text): it is rewritten in place, after a backup copy
  of the original is fsynced beside it; the backup is removed once the new bytes are on disk
  and named in the error if they are not. Termination signals (Ctrl-C, ``kill``, a closed
  terminal) wait until a write is done or undone: a run killed mid-write leaves the file
  whole and no temporary beside it.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import stat
import sys
from pathlib import Path

from gongwen.held_signals import held

# Codecs whose output for a character depends on what came before (escape sequences,
# shift states, base64 runs): a fix can change the bytes of its neighbours.
_STATEFUL = ("iso2022", "utf-7", "hz")
_UTF = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")

# Bytes of the file's own name kept in a temporary's name: the name shows whose temporary it
# is, and a name near the system's limit (255 bytes) must still leave room for the rest.
_NAME_IN_TEMP = 80

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"),
         (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


class FileChanged(Exception):
    """The file's bytes on disk are not the ones that were read and fixed."""


class Unwritable(Exception):
    """The fixed text must not be written over this file; the message says why (Chinese)."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bom_and_codec(original: bytes, encoding: str) -> tuple[bytes, str]:
    """The byte-order mark ``original`` starts with (or ``b""``) and the codec of the bytes
    after it, for ``original`` decoded as ``encoding``."""
    for bom, codec in _BOMS:
        if original.startswith(bom):
            return bom, codec
    name = codecs.lookup(encoding).name
    if name in ("utf-16", "utf-32"):  # BOM-less: Python decoded it little-endian
        name += "-le"
    elif name == "utf-8-sig":
        name = "utf-8"
    return b"", name


def encode_like(text: str, original: bytes, encoding: str) -> bytes:
    """Encode ``text`` as ``original`` was: the same byte-order mark (bytes and endianness)
    and codec. Raises UnicodeEncodeError when a fix put in a character the codec lacks."""
    bom, codec = bom_and_codec(original, encoding)
    return bom + text.encode(codec)


def _is_mojibake_risk(original: bytes, forced: str | None) -> bool:
    """A forced non-UTF encoding on bytes that are valid, non-ASCII UTF-8: Chinese text in
    GB18030 or Big5 is almost never valid UTF-8, so the force was most likely a mistake."""
    if not forced or codecs.lookup(forced).name in _UTF or original.isascii():
        return False
    try:
        original.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def encode_for_write(source: str, fixed: str, original: bytes, encoding: str,
                     forced: str | None = None) -> bytes:
    """The bytes to write for ``fixed``, the fixed version of ``source`` (which was decoded
    from ``original`` with ``encoding``; ``forced`` when the user forced that encoding).
    Raises :class:`Unwritable` unless the bytes outside the fixes are certain to stay."""
    name = codecs.lookup(encoding).name
    if name.startswith(_STATEFUL):
        raise Unwritable(f"{encoding} 是有状态编码，修复可能改变修复处以外的字节，未写回")
    if _is_mojibake_risk(original, forced):
        raise Unwritable(f"文件是有效的 UTF-8，却按指定的 {forced} 解码；为免写坏文件，未写回"
                         "（去掉 --encoding 或改正配置中的 encodings）")
    try:
        if encode_like(source, original, encoding) != original:
            raise Unwritable(f"原文按 {encoding} 重新编码后与原字节不同（编码中有一字多码），"
                             "写回会改变修复处以外的字节，未写回")
        return encode_like(fixed, original, encoding)
    except UnicodeEncodeError as exc:
        raise Unwritable(f"修复后的字符无法用 {encoding} 编码"
                         f"（{exc.object[exc.start:exc.end]!r}），未写回") from None


def _refusal(st: os.stat_result) -> str | None:
    if not stat.S_ISREG(st.st_mode):
        return "不是普通文件，未写回"
    if not st.st_mode & 0o222:  # by the bits, not os.access: root may write anything
        return "文件是只读的，未写回（确需修复时先去掉只读属性）"
    return None


def _current_bytes(target: Path) -> bytes:
    from gongwen.sources import InputProblem, read_capped

    data = read_capped(target, sys.maxsize)
    if isinstance(data, InputProblem):
        raise FileChanged(str(target))
    return data


def write_atomic(path: Path, data: bytes, expected_digest: str) -> None:
    """Replace ``path``'s contents with ``data`` if its bytes still hash to
    ``expected_digest``. A symbolic link is kept and its target rewritten; permission bits
    are kept; hard links stay one file. Raises :class:`Unwritable`, :class:`FileChanged`
    or OSError."""
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:  # deleted or moved away since it was read: never brought back
        raise FileChanged(str(path)) from None
    reason = _refusal(st)
    if reason:
        raise Unwritable(reason)
    current = _current_bytes(target)
    if digest(current) != expected_digest:
        raise FileChanged(str(path))
    identity = (st.st_dev, st.st_ino)
    with held():
        if st.st_nlink > 1:
            _write_in_place(target, data, expected_digest, identity)
        else:
            _replace(target, data, expected_digest, stat.S_IMODE(st.st_mode), identity)


def _still_there(target: Path, identity: tuple[int, int]) -> None:
    """Raise :class:`FileChanged` unless ``target`` still names the regular file that was read
    (not a link, a FIFO or a folder another program put in its place): a swap to a link to a
    file with the same bytes passed the digest, and the write went through the link."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        raise FileChanged(str(target)) from None
    if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != identity:
        raise FileChanged(str(target))


def write_new(target: Path, data: bytes) -> None:
    """Write a file this run creates (``--annotate``'s copy) through an fsynced temporary file
    in the same folder, so a failure leaves no half file; an earlier copy is replaced."""
    with held():
        name = _fsynced_sibling(target, data, ".gongwen-tmp")
        try:
            # mkstemp makes it 0600: the annotated copy for a reviewer on a shared folder was
            # readable by its writer only. A new file gets the mode any program's new file gets.
            os.chmod(name, new_file_mode())
            os.replace(name, target)
        except BaseException:
            os.unlink(name)
            raise


def _fsynced_sibling(target: Path, data: bytes, suffix: str) -> str:
    import tempfile  # here, not at the top: a check that writes nothing would pay ~5 ms for it

    fd, name = tempfile.mkstemp(prefix=f".{shortened_name(target.name)}.", suffix=suffix, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return name


def new_file_mode() -> int:
    """The mode any program's new file gets under the current umask (``0o666 & ~umask``): a
    temporary from mkstemp is 0600 and must not pass that on to the file it becomes."""
    mask = os.umask(0)  # the umask can only be read by setting it
    os.umask(mask)
    return 0o666 & ~mask


def shortened_name(name: str) -> str:
    """``name`` cut to at most ``_NAME_IN_TEMP`` bytes of the file system's encoding, at a
    character boundary: a file whose own name is near the limit could not be fixed at all
    (the temporary's name, longer still, failed with ENAMETOOLONG)."""
    while len(os.fsencode(name)) > _NAME_IN_TEMP:
        name = name[:-1]
    return name


def _replace(target: Path, data: bytes, expected_digest: str, mode: int, identity: tuple[int, int]) -> None:
    tmp = _fsynced_sibling(target, data, ".gongwen-tmp")
    try:
        os.chmod(tmp, mode)
        try:
            os.chown(tmp, target.stat().st_uid, target.stat().st_gid)
        except (PermissionError, AttributeError):
            pass  # not ours to give away: the file keeps our ownership, as an editor's save would
        _copy_xattrs(target, tmp)
        # Last look just before the swap: a concurrent writer loses nothing we did not read.
        _still_there(target, identity)
        if digest(_current_bytes(target)) != expected_digest:
            raise FileChanged(str(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _copy_xattrs(source: Path, tmp: str) -> None:
    """``source``'s extended attributes on its replacement: a new inode has none, and --fix
    dropped a POSIX ACL (system.posix_acl_access: who may read the file) and every user.*
    note. One that cannot be set, and that the replacement does not already hold the same
    (an SELinux label it inherits), refuses the write (Unwritable)."""
    try:
        names = os.listxattr(source)
    except (OSError, AttributeError):  # a file system without them, or not Linux
        return
    for name in names:
        try:
            value = os.getxattr(source, name)
        except OSError:
            continue  # gone since it was listed
        try:
            os.setxattr(tmp, name, value)
        except OSError as exc:
            try:
                if os.getxattr(tmp, name) == value:
                    continue
            except OSError:
                pass
            raise Unwritable(f"无法保留文件的扩展属性 {name}（{exc.strerror}），未写回") from None


def _write_in_place(target: Path, data: bytes, expected_digest: str, identity: tuple[int, int]) -> None:
    """Rewrite the file through one descriptor, opened without following a link or waiting on
    a FIFO and checked to be the file that was read: opened by name, a file swapped for a link
    to another file with the same bytes had that file written, and a FIFO took the bytes."""
    try:
        fd = os.open(target, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:  # a link (ELOOP), a folder (EISDIR), gone: not the file that was read
        raise FileChanged(str(target)) from None
    with os.fdopen(fd, "r+b") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != identity:
            raise FileChanged(str(target))
        original = handle.read()
        if digest(original) != expected_digest:
            raise FileChanged(str(target))
        backup = _fsynced_sibling(target, original, ".gongwen-backup")
        try:
            _still_there(target, identity)
        except FileChanged:
            os.unlink(backup)
            raise
        try:
            handle.seek(0)
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(fd)
        except OSError as exc:
            raise Unwritable(f"就地写回失败（{exc.strerror or exc}）；原文件的副本保存在 {backup}") from exc
    os.unlink(backup)
