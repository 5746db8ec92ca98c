"""Invariants over generated text (hypothesis): no crash, spans in bounds, exact offsets."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen import api
from gongwen.document import Document, LineIndex

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
MARKS = st.sampled_from(list("“”‘’《》〈〉（）()【】，。、；：,:;!?.第次届年月日〔〕0123456789２０\n\r \u3000\xa0\t"))
TEXT = st.lists(st.one_of(CJK, MARKS, st.characters()), max_size=120).map("".join)
# Distinct characters: a character or a word typed twice is a TYP001/TYP002 finding.
NEUTRAL = st.permutations(list("甲乙丙丁戊己庚辛壬癸天地玄黄")).flatmap(
    lambda chars: st.integers(1, len(chars)).map(lambda n: "".join(chars[:n])))

LINTER = api.make_linter({}, select=["ALL"])
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lint(text: str):
    return LINTER.lint(Document(path="p.txt", text=text))


@PROFILE
@given(TEXT)
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
@given(NEUTRAL, TEXT)
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
