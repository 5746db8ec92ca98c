"""Invariants over generated text (hypothesis), over the whole rule set: no crash, spans in
bounds, exact offsets, offsets shift with prefixed text, safe fixes converge and are
idempotent. Example counts come from the profile loaded in conftest.py (``brief`` by
default, ``HYPOTHESIS_PROFILE=nightly`` for a long run)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import FIXTURES, SEED

from gongwen import api
from gongwen.diagnostic import Applicability
from gongwen.document import Document, LineIndex
from gongwen.fix import apply_edits

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
MARKS = st.sampled_from(list("“”‘’《》〈〉（）()【】，。、；：,:;!?.第次届年月日〔〕0123456789２０\n\r \u3000\xa0\t"))
TEXT = st.lists(st.one_of(CJK, MARKS, st.characters()), max_size=120).map("".join)
# Distinct characters: a character or a word typed twice is a TYP001/TYP002 finding.
# Characters written alike in both scripts (黄 would not be: 黃 is its traditional form, and
# TYP010 weighs a text's simplified-only characters against its traditional ones).
NEUTRAL = st.permutations(list("甲乙丙丁戊己庚辛壬癸天地玄宇")).flatmap(
    lambda chars: st.integers(1, len(chars)).map(lambda n: "".join(chars[:n])))

# Real lines (the seed and the bundled corpus excerpts) cut at random points, mixed with
# generated text: rules see the headings, dates and quotes their branches are written for.
_REAL_LINES = [line for path in [SEED, *sorted((FIXTURES / "corpus-sample").glob("*.txt"))]
               for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
REAL_PIECE = st.builds(lambda line, a, b: line[min(a, b):max(a, b)],
                       st.sampled_from(_REAL_LINES), st.integers(0, 200), st.integers(0, 200))
REALISH = st.lists(st.one_of(REAL_PIECE, TEXT, st.sampled_from(["\n", "\r\n", "\n\n", "。", "“", "”"])),
                   max_size=12).map("".join)
ANY_TEXT = st.one_of(TEXT, REALISH)

LINTER = api.make_linter({}, select=["ALL"])
PROFILE = settings()  # the loaded profile (conftest.py)


def lint(text: str):
    return LINTER.lint(Document(path="p.txt", text=text))


@PROFILE
@given(ANY_TEXT)
def test_no_crash_and_spans_in_bounds(text):
    for d in lint(text):
        assert 0 <= d.start <= d.end <= len(text)
        assert d.matched == text[d.start:d.end]
        for fix in d.fixes:
            for e in fix.edits:
                assert 0 <= e.start <= e.end <= len(text)


@PROFILE
@given(TEXT)
def test_line_column_round_trip(text):
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            continue
        assert index.offset(index.locate(offset)) == offset


@PROFILE
@given(NEUTRAL, ANY_TEXT)
@example("甲乙", "2025年上海市政府工作报告")  # FMT009 once compared a two-line title with its own second line
def test_prefixing_a_neutral_paragraph_shifts_every_offset(prefix, text):
    """A paragraph of plain Han characters triggers nothing and changes no paragraph split
    when it is followed by a newline the text already uses."""
    separator = "\n\n" if "\n\n" in text else "\n"
    shifted = prefix + separator
    before = [(d.code, d.start, d.end, d.message) for d in lint(text)]
    after = [(d.code, d.start - len(shifted), d.end - len(shifted), d.message) for d in lint(shifted + text)]
    assert after == before or _paragraph_model_changed(text, shifted)


def _paragraph_model_changed(text: str, shifted: str) -> bool:
    from gongwen.document import split_lines_into_units

    a = [u.text for u in split_lines_into_units(text)]
    b = [u.text for u in split_lines_into_units(shifted + text)][1:]
    return a != b


def _safe_edits(text: str):
    return [e for d in lint(text) for f in d.fixes if f.applicability is Applicability.SAFE
            for e in f.edits]


def _fix_until_stable(text: str, passes: int = 10) -> tuple[str, int]:
    """``--fix`` semantics: apply non-overlapping safe edits, re-lint, repeat."""
    for n in range(passes):
        edits = _safe_edits(text)
        if not edits:
            return text, n
        text, applied = apply_edits(text, edits)
        assert applied, "safe edits exist but none could be applied"
    return text, passes


@PROFILE
@given(ANY_TEXT)
def test_safe_fixes_converge_and_are_idempotent(text):
    """Safe fixes of every rule reach a fixed point within a few passes (no two rules undo
    each other), and fixing the result again changes nothing."""
    fixed, passes = _fix_until_stable(text)
    assert passes < 10, f"safe fixes still changing the text after {passes} passes: {fixed!r}"
    assert _fix_until_stable(fixed) == (fixed, 0)


@PROFILE
@given(ANY_TEXT)
def test_each_fix_applies_whole_and_keeps_the_line_structure(text):
    """A fix's own edits never overlap, and no fix adds or removes a line break unless the
    text it replaces had one."""
    for d in lint(text):
        for fix in d.fixes:
            new, applied = apply_edits(text, fix.edits)
            assert len(applied) == len(fix.edits), f"{d.code}: a fix's own edits overlap"
            for e in fix.edits:
                old = text[e.start:e.end]
                assert (e.content.count("\n") == old.count("\n")) or "\n" in old, (d.code, e)


@PROFILE
@given(ANY_TEXT)
def test_linting_is_deterministic(text):
    first = [(d.code, d.start, d.end, d.message, d.fingerprint) for d in lint(text)]
    assert first == [(d.code, d.start, d.end, d.message, d.fingerprint) for d in lint(text)]
