"""Cases of the third hostile probe (issue 18), none of them in the other test_hostile files:
fixes that touch, --diff read by patch, PDFs that lie, repeated inputs, configuration that
nests too deep."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import zlib

import pytest
from support import run_cli

from gongwen import api, fix as fixmod
from gongwen.document import Document

BAD = "我们开展了检查,发现问题。"
LINTER = api.make_linter({}, select=["ALL"])


# -- fixes from two findings that touch --------------------------------------------------

def _one_at_a_time(text: str, unsafe: bool) -> str:
    """The reference: apply the first fix alone, re-lint, repeat."""
    for _ in range(100):
        found = [d for d in LINTER.lint(Document(path="x.txt", text=text, format="text"))
                 if (f := fixmod.applicable_fix(d, unsafe)) and f.edits]
        if not found:
            return text
        first = min(found, key=lambda d: min((e.start, e.end) for e in d.fix.edits))
        text, _ = fixmod.apply_edits(text, first.fix.edits)
    raise AssertionError("did not converge")


# Ellipses, dots, dashes and commas: pieces whose fixes meet end to end.
_PIECES = [".", "…", "...", "我们", ",", "，", "—", "——", "-", "。", "发现"]


def _texts(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 12))) for _ in range(count)]


@pytest.mark.parametrize("text", ["宣传...…调解", "宣传…...调解", "宣传…...…调解", "宣传—…...…,发现"])
def test_fixes_that_meet_end_to_end_give_what_fixing_one_then_relinting_gives(text):
    """`...…` had a fix per piece, each to ……: applied in one pass they made …………."""
    for unsafe in (False, True):
        fixed, _ = fixmod.fix_text(text, unsafe, select=["ALL"])
        assert fixed == _one_at_a_time(text, unsafe)
        assert "………" not in fixed


def test_a_pass_never_applies_two_fixes_that_touch_on_random_texts():
    for text in _texts(3, 400):
        fixed = fixmod.fix_document(Document(path="x.txt", text=text, format="text"), LINTER).text
        assert fixed == _one_at_a_time(text, False), text


def _finding(start: int, end: int, content: str):
    from gongwen.diagnostic import Diagnostic, Fix, Location, Severity

    return Diagnostic("X001", "x", Severity.ERROR, "x", "x.txt", start, end, Location(1, start + 1),
                      Location(1, end + 1), fixes=(Fix.replace(start, end, content, "x"),))


def test_a_pass_that_took_touching_fixes_is_caught(monkeypatch):
    """The rule before this probe (only overlaps wait) applied both fixes of ``...…`` in one
    pass; with it back, the comparison above fails."""
    text = "宣传...…调解"
    touching = [_finding(2, 5, "……"), _finding(5, 6, "……")]
    assert fixmod.apply_fixes(text, touching)[0] == "宣传……" + "…调解"  # one waits
    monkeypatch.setattr(fixmod, "_touches", fixmod._conflicts)
    assert fixmod.apply_fixes(text, touching)[0] == "宣传…………调解"  # the corrupted mix


def test_fix_twice_is_idempotent_and_jobs_2_equals_jobs_1(tmp_path):
    texts = [t + "\n" for t in _texts(5, 60)] + [BAD + "\r\n", "宣传...…调解,发现\r"]
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        folder.mkdir()
        for i, t in enumerate(texts):
            (folder / f"f{i:03d}.txt").write_bytes(t.encode())
        first = run_cli("check", "--fix", "--jobs", jobs, ".", cwd=folder)
        assert first.returncode in (0, 1) and b"Traceback" not in first.stderr, first.stderr.decode()
        once = {p.name: p.read_bytes() for p in folder.iterdir()}
        second = run_cli("check", "--fix", "--jobs", jobs, ".", cwd=folder)
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == once
        assert "共修复" not in second.stderr.decode()
    assert {p.name: p.read_bytes() for p in (tmp_path / "1").iterdir()} == \
           {p.name: p.read_bytes() for p in (tmp_path / "2").iterdir()}
