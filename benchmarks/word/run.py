"""--annotate over whole folders of real drafts: the issue's measurement, repeatable.

    .venv/bin/python benchmarks/word/run.py                      # ../shared/corpus/docx + the seed
    .venv/bin/python benchmarks/word/run.py DIR_OR_DOCX ...

For each .docx, without and with fixes (safe, then unsafe): every finding is one comment or
counted in one, accepting all of gongwen's revisions gives the ``--fix`` text, rejecting all
gives the original, the marks agree (tests/word_review.check_structure), python-docx reopens
it, and only the parts that had to change changed. Prints one line per file (revisions
safe/unsafe; the time is for all three annotations and their checks) and a total; exits 1
if any check failed. The reviewer's accept/reject is the tests' own (tests/word_review).
"""
from __future__ import annotations

import io
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # word_review: accept/reject written apart from the annotator

import docx as python_docx  # noqa: E402
import word_review as wr  # noqa: E402

from gongwen import api  # noqa: E402
from gongwen.annotate import annotate  # noqa: E402
from gongwen.fix import fix_document  # noqa: E402
from gongwen.formats import LIMITS, docx  # noqa: E402

DEFAULT = [ROOT.parent / "shared" / "corpus" / "docx", ROOT / "fixtures" / "reports" / "yanfeng-2024.docx"]
EDITABLE = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml", "word/endnotes.xml",
            "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml")


def check(path: Path, linter) -> tuple[str, list[str]]:
    data = path.read_bytes()
    doc = docx.read(data, path.name, LIMITS)
    found = linter.lint(doc)
    problems: list[str] = []
    started = time.perf_counter()
    commented = annotate(data, doc, found, linter)
    ours = [c["text"] for c in wr.comments(commented.data).values() if c["author"] == "gongwen"]
    counted = sum(int(m.group(1)) if (m := re.search(r"本段共 (\d+) 处", t)) else 1 for t in ours)
    if counted != len(found):
        problems.append(f"{len(found)} findings but comments count {counted}")
    revisions = []
    for unsafe in (False, True):
        tracked = annotate(data, doc, found, linter, fix=True, unsafe=unsafe)
        revisions.append(tracked.revisions)
        expected = fix_document(doc, linter, unsafe, diagnostics=found).text
        if docx.read(wr.review(tracked.data, wr.accept), "x.docx", LIMITS).text != expected:
            problems.append(f"accept-all ≠ --fix{' --unsafe-fixes' if unsafe else ''}")
        if docx.read(wr.review(tracked.data, wr.reject), "x.docx", LIMITS).text != doc.text:
            problems.append("reject-all ≠ original")
        for result in (commented, tracked):
            try:
                wr.check_structure(result.data)
                python_docx.Document(io.BytesIO(result.data))
            except Exception as exc:  # noqa: BLE001 - a report line, not a crash
                problems.append(f"invalid: {exc!r}"[:200])
            before, after = wr.parts(data), wr.parts(result.data)
            changed = [n for n in before if before[n] != after.get(n) and not n.startswith(EDITABLE)]
            if changed:
                problems.append(f"untouched parts changed: {changed}")
    seconds = time.perf_counter() - started
    line = (f"{path.name[:24]:<24} findings {len(found):>4}  comments {commented.comments:>4}  "
            f"revisions {revisions[0]:>4}/{revisions[1]:<4} {seconds:5.2f}s  "
            + ("OK" if not problems else "; ".join(dict.fromkeys(problems))))
    return line, problems


def main(argv: list[str]) -> int:
    targets = [Path(a) for a in argv] or DEFAULT
    missing = [t for t in targets if not t.exists()]
    if missing:
        print("not found: " + ", ".join(map(str, missing)) + " (pass the corpus folder as an argument)",
              file=sys.stderr)
        return 2
    files = [f for t in targets for f in (sorted(t.glob("*.docx")) if t.is_dir() else [t])]
    linter = api.make_linter()
    failed = 0
    for path in files:
        line, problems = check(path, linter)
        failed += bool(problems)
        print(line)
    print(f"{len(files)} files, {failed} with a failed check")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
