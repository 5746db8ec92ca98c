"""``gongwen check --annotate``: each .docx written again beside it as ``NAME.gongwen.docx``
(or to ``-o PATH``), the findings printed as a plain check prints them.

The input is never written: the new file goes to a temporary file in the target folder and
is then renamed over the target, and a target that is the input itself is refused.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from gongwen import api, faults
from gongwen.annotate.annotator import annotate
from gongwen.annotate.package import PackageError
from gongwen.engine import Linter
from gongwen.formats import format_for
from gongwen.output.stream import Report
from gongwen.output_guard import check_outputs
from gongwen.run import Outcome, RunError, RunOptions
from gongwen.run import _files as walked_inputs
from gongwen.safe_write import write_new
from gongwen.sources import InputProblem

SUFFIX = ".gongwen.docx"


def default_target(path: Path) -> Path:
    return path.with_name(path.name[:-len(".docx")] + SUFFIX)


def _inputs(targets: list[Path], opts: RunOptions) -> list[Path | InputProblem]:
    if any(str(t) == "-" for t in targets):
        raise RunError("--annotate 不读标准输入：请给出 .docx 文件的路径")
    named = [t for t in targets if t.is_file() and format_for(t.name) != "docx"]
    if named:
        raise RunError("--annotate 只处理 .docx 文件：" + "、".join(str(t) for t in named))
    # The walk a check makes (a file named twice once; a link out of the tree, a report this
    # tool wrote, noted on stderr: iter_files' Skipped was taken for a path, "内部错误").
    # What an earlier run wrote is output, not a draft: never annotate it again.
    return [item for item in walked_inputs(targets, opts)
            if isinstance(item, InputProblem) or (format_for(item.name) == "docx"
                                                  and not item.name.endswith(SUFFIX))]


def _refuse_targets_that_are_inputs(docx_files: list[Path], targets: list[Path], opts: RunOptions) -> None:
    """Every copy's target checked before the first is written. ``-o`` passes the guard every
    output passes; so does ``NAME.gongwen.docx`` against the files named on the command line:
    ``--annotate a.docx a.gongwen.docx`` skipped the second as an earlier run's copy and wrote
    a.docx's over it. In a walked folder such a copy is output, written again as before."""
    read = [p for p in (opts.config_path, opts.baseline) if p is not None]
    named = [t for t in targets if str(t) != "-" and not t.is_dir()]
    for item in docx_files:
        target = opts.output_file or default_target(item)
        if target.exists() and os.path.samefile(target, item):
            raise RunError(f"批注文档不能覆盖原文件：{target}")
        option = "--output-file" if opts.output_file is not None else "--annotate"
        reason = check_outputs([(option, target, read)], targets if opts.output_file is not None else named,
                               None, opts.inputs)
        if reason is not None:
            raise RunError(reason)


def execute(targets: list[Path], linter: Linter, opts: RunOptions) -> Outcome:
    inputs = _inputs(targets, opts)
    docx_files = [p for p in inputs if not isinstance(p, InputProblem)]
    if opts.output_file is not None and len(docx_files) != 1:
        raise RunError(f"-o 只能与一个 .docx 一起使用（这次有 {len(docx_files)} 个）")
    _refuse_targets_that_are_inputs(docx_files, targets, opts)
    report = Report(opts.fmt, sys.stdout, statistics_only=opts.statistics, unsafe=opts.unsafe,
                    ambiguous_width=opts.width)
    for item in inputs:
        if isinstance(item, InputProblem):  # reported as a plain check reports it
            report.add(item.path, item, api.lint_document(item, linter))
            continue
        target = opts.output_file or default_target(item)
        doc = api.read_path(item, None, opts.inputs)  # a reader that raises is LNT904 here
        if isinstance(doc, InputProblem):
            report.add(doc.path, doc, api.lint_document(doc, linter))
            continue
        found = api.lint_document(doc, linter)
        try:
            result = annotate(item.read_bytes(), doc, found, linter, fix=opts.fix, unsafe=opts.unsafe)
            write_new(target, result.data)
        except (PackageError, OSError) as exc:
            print(f"gongwen: {doc.path}：未写出批注文档：{exc}", file=sys.stderr)
            report.add(doc.path, doc, found)
            continue
        except Exception as exc:  # one draft that breaks the annotator must not end the others
            if faults.strict():
                raise
            crash = faults.diagnostic(faults.WRITER_CRASHED, doc.path,
                                      f"无法写出批注文档（原文件未改）：{faults.reason(exc)}", exc)
            report.add(doc.path, doc, [crash, *found])
            continue
        report.add(doc.path, result.document, result.findings)
        tracked = f"，修订 {result.revisions} 处" if opts.fix else ""
        print(f"已写入 {target}：批注 {result.comments} 条{tracked}"
              + (f"（{result.note}）" if result.note else ""), file=sys.stderr)
    report.close()
    return Outcome(report.tally)

