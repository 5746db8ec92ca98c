"""TYP002 asks whether a repeated word reads as words of the clause around it once per distinct
window of ``_REACH`` characters either side (``repetition._halves_are_words``, memoized), not
of the whole text. Its findings must be those of the same question asked of the whole text,
and a wrong window (no context after the candidate, offsets one off) must be caught. (A window
a few characters short of the reach changes nothing on 4,000 texts: the segmenter's route is
local; the reach is kept as it was, since findings may not change.)
"""
from __future__ import annotations

from support import assert_shortcut_caught, assert_shortcut_exact, fragment_texts

from gongwen.rules import repetition

# Verbs of governing_verbs.txt, words that double (推进推进, 博士博士后), characters that stop a
# clause, and Han filler long enough that a clause runs past the window's reach.
_FRAGMENTS = ["推进", "落实", "全面", "加强", "委常委", "法律", "博士", "博士后", "研究", "工作",
              "积极", "的", "和", "各", "区委", "，", "。", "a", "1", "\n", "建设", "发展"]


def _texts() -> list[str]:
    return fragment_texts(_FRAGMENTS, "typ002-windows", 4_000, 40)


def _whole_text(text: str, start: int, end: int) -> tuple[str, int, int]:
    return text, start, end


def _no_context_after(text: str, start: int, end: int) -> tuple[str, int, int]:
    lo = max(0, start - repetition._REACH)
    return text[lo:end], start - lo, end - lo


def _one_off(text: str, start: int, end: int) -> tuple[str, int, int]:
    lo = max(0, start - repetition._REACH)
    return text[lo:end + repetition._REACH], start - lo + 1, end - lo + 1


def test_windowed_verdicts_give_the_whole_texts_findings(monkeypatch):
    repetition._halves_are_words.cache_clear()
    assert_shortcut_exact(monkeypatch, "TYP002", _texts(), repetition, "_window", _whole_text, least=500)


def test_a_window_without_the_context_after_is_caught(monkeypatch):
    repetition._halves_are_words.cache_clear()
    assert_shortcut_caught(monkeypatch, "TYP002", _texts(), repetition, "_window", _no_context_after)


def test_a_window_with_offsets_one_off_is_caught(monkeypatch):
    repetition._halves_are_words.cache_clear()
    assert_shortcut_caught(monkeypatch, "TYP002", _texts(), repetition, "_window", _one_off)
