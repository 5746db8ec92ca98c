"""Baselines: adopt the gate on a site with thousands of old pages today.

``--write-baseline FILE`` records every current finding by its fingerprint — code, path,
the flagged text and a few characters around it, never a line number — so that editing a
page above an old finding does not make it new. ``--baseline FILE`` then reports (and fails
on) only findings whose fingerprint is not in the file.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from gongwen.diagnostic import Diagnostic
from gongwen.engine import TRUNCATED_CODE
from gongwen.faults import is_fault

FORMAT = "gongwen-baseline"
VERSION = 1
MAX_SIZE = 1 << 30  # about five million findings: far past any site, short of filling memory


def write(path: Path, diagnostics: Iterable[Diagnostic]) -> None:
    entries = sorted(({"fingerprint": d.fingerprint, "code": d.code, "path": d.path, "text": d.matched}
                      for d in diagnostics), key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    data = {"format": FORMAT, "version": VERSION, "findings": entries}
    from gongwen.output_guard import staged_output  # whole or not at all; never waits on a FIFO

    with staged_output(Path(path)) as handle:
        handle.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def load(path: Path) -> frozenset[str]:
    """The fingerprints in a baseline file. Raises OSError or ValueError (a FIFO or a device
    is refused, never read: it could block or never end). A well-formed baseline is read as
    it is parsed (gongwen.baseline_reader), holding the fingerprints and a quarter megabyte
    of the file; any other file is read whole, and what is wrong is said as json says it."""
    from gongwen import baseline_reader

    known = baseline_reader.fingerprints(Path(path), MAX_SIZE, FORMAT, VERSION)
    return known if known is not None else _load_whole(Path(path))


def _load_whole(path: Path) -> frozenset[str]:
    from gongwen.baseline_reader import Fingerprint, entry
    from gongwen.sources import InputProblem, read_capped

    raw = read_capped(path, MAX_SIZE)
    if isinstance(raw, InputProblem):
        raise ValueError(raw.message)
    try:
        # utf-8-sig: a baseline opened and saved again in Windows Notepad starts with a BOM,
        # which json refused in English ("Unexpected UTF-8 BOM").
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"不是 UTF-8 文本（第 {exc.start} 字节），不是 gongwen 基线文件") from None
    del raw  # a baseline may be a gigabyte: its bytes and its text are not kept at once
    try:
        data = json.loads(text, object_pairs_hook=entry)
    except RecursionError:  # nested deeper than the JSON reader recurses: no baseline is
        raise ValueError("JSON 嵌套过深，不是 gongwen 基线文件") from None
    except json.JSONDecodeError as exc:  # a cut-off or hand-edited file: where, in Chinese
        raise ValueError(f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from None
    except ValueError:  # a number past the 4,300 digits int() reads
        raise ValueError("不是有效的 JSON（其中有位数过多的数字）") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("不是 gongwen 基线文件（用 --write-baseline 生成）")
    if type(data.get("version")) is not int or data["version"] != VERSION:  # true == 1 in Python
        raise ValueError(f"不支持的基线版本 {data.get('version')!r}")
    findings = data.get("findings", [])
    if not isinstance(findings, list):
        raise ValueError("findings 应为列表")
    for i, found in enumerate(findings, 1):
        if not isinstance(found, Fingerprint):
            raise ValueError(f"findings 的第 {i} 项应为含字符串 fingerprint 的对象")
    return frozenset(str(e) for e in findings)  # plain strings: smaller than the subclass, kept all run


def partition(diagnostics: Iterable[Diagnostic], known: frozenset[str]) -> tuple[list[Diagnostic], int]:
    """The findings not in the baseline, and how many were. A failure of the run on a file
    (gongwen.faults) is never an old finding, nor is LNT908: the findings it counts were not
    listed, so not compared with the baseline either."""
    new, old = [], 0
    for d in diagnostics:
        if d.fingerprint in known and not is_fault(d.code) and d.code != TRUNCATED_CODE:
            old += 1
        else:
            new.append(d)
    return new, old
