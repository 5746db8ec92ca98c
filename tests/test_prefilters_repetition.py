"""TYP002's gates must never skip a paragraph that its patterns match.

``has_doubled_run`` (gongwen.analysis.repeats) replaces a stdlib ``re`` lookahead with three backreferences by integer
arithmetic over UTF-16 code units, and ``_verb_repeat_gate`` (stdlib ``re``) runs before the
``regex`` pattern of repeated governing verbs; a wrong lane, bound or alignment would silently
drop findings.
"""
from __future__ import annotations

import random
import re

from support import SEED

from gongwen.analysis import repeats
from gongwen.rules import repetition

_ANY_DOUBLED_RUN = re.compile(r"(?=(..)\1|(...)\2|(....)\3)", re.DOTALL)  # the plain search

# Characters whose code units share a high or a low byte (丁 U+4E01, 乁 U+4E41, 䔁 U+4501,
# ā U+0101), so that zero bytes straddle two lanes; NUL (a zero lane next to the end),
# a lone surrogate and a character beyond the BMP (two code units).
_ALPHABET = "丁乁䔁āa\0\n，\ud800𠀀"


def _texts(name: str, alphabet: str, count: int = 30_000, longest: int = 14) -> list[str]:
    """The seed report's lines, random texts, and random texts around a run typed twice."""
    rnd = random.Random(name)

    def word(longest: int) -> str:
        return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest)))

    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += [word(longest) for _ in range(count)]
    texts += [word(6) + run + run + word(6) for run in (word(5) for _ in range(count))]
    return texts


def _disagreements(texts: list[str]) -> list[str]:
    wrong = []
    for text in texts:
        expected = bool(_ANY_DOUBLED_RUN.search(text))
        got = repeats.has_doubled_run(text)
        if got != expected and not (got and any(ord(c) > 0xFFFF for c in text)):
            wrong.append(text)
    return wrong


def test_doubled_run_gate_is_the_lookahead():
    """Exactly the lookahead's answer within the BMP; beyond it, always True."""
    texts = _texts("doubled-run", _ALPHABET)
    assert _disagreements(texts) == []
    assert sum(map(repeats.has_doubled_run, texts)) > 1_000
    assert repeats.has_doubled_run("党的建设党的建设") and not repeats.has_doubled_run("党的建设党的")
    assert all(repeats.has_doubled_run(run * 2) for run in ("推进", "一盘棋", "法律法规"))
    assert repeats.has_doubled_run("推进推进𠀀")


def test_short_and_distinct_shortcuts_are_the_lookahead():
    """Short lines (every one of length 0..12 over a four-letter alphabet is in the random
    texts often) answer before the arithmetic; a gate that skipped 4-character lines, or took
    any short line for one without a repeated character, disagrees with the lookahead."""
    texts = _texts("short-lines", "丁乁a\0", count=20_000, longest=12)
    assert _disagreements(texts) == []
    assert not repeats.has_doubled_run("（一）") and repeats.has_doubled_run("推进推进")


def test_a_wrong_short_cut_is_caught(monkeypatch):
    texts = _texts("short-lines", "丁乁a\0", count=20_000, longest=12)
    monkeypatch.setattr(repeats, "_SHORTEST_DOUBLED_RUN", 5)  # drops 推进推进
    assert _disagreements(texts)
    monkeypatch.undo()
    monkeypatch.setattr(repeats, "_SHORTEST_DOUBLED_RUN", 13)  # every short line "distinct"
    assert _disagreements(texts)


def test_a_wrong_lane_or_bound_is_caught(monkeypatch):
    """The comparison above fails for a gate that forgets a run length, reads the uncompared
    lanes at the end, or takes zero bytes that straddle two lanes."""
    texts = _texts("doubled-run", _ALPHABET)
    monkeypatch.setattr(repeats, "RUN_SIZES", repeats.RUN_SIZES[:2])  # no run of 4
    assert _disagreements(texts) and _disagreements(["法律法规法律法规"])
    monkeypatch.undo()

    assert not repeats.has_doubled_run("一二\0\0")  # the last lanes are compared with nothing
    assert not repeats.has_doubled_run("乁a丁a䔁")  # lanes 00 40|00 00|0B 00 (big-endian): an odd offset
    shifted = 0
    for text in texts:
        units = text.encode("utf-16-le", "surrogatepass")
        if len(units) != 2 * len(text) or _ANY_DOUBLED_RUN.search(text):
            continue
        x = int.from_bytes(units, "little")
        lanes = [(x ^ (x >> 16 * size)).to_bytes(len(units), "little")[:len(units) - 2 * size]
                 for size in repeats.RUN_SIZES]
        shifted += any(b"\0" * (2 * size) in lane for lane, size in zip(lanes, repeats.RUN_SIZES))
    assert shifted > 10  # texts whose only zero runs straddle lanes: an unaligned find fails them


def test_verb_gate_is_a_necessary_condition():
    verbs = sorted(repetition.lexicon.words("governing_verbs.txt"))
    rnd = random.Random("verbs")
    pieces = verbs[:4] + ["全面", "和", "再", "，", "𠀀", "\n", "面", "落", "实"]
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8))) for _ in range(30_000)]
    pattern, gate = repetition._verb_pattern(), repetition._verb_repeat_gate()
    matched = 0
    for text in texts:
        if pattern.search(text):
            matched += 1
            assert gate.search(text), text
    assert matched > 1_000
    assert not gate.search("积极推进落实全面提升") and gate.search("积极推进落实全面落实")


def test_a_unit_without_an_opening_quote_asks_no_quoted_name(monkeypatch):
    """TYP001 asks whether a candidate stands in a cited name only in a unit holding 《 or “
    (a unit without one cites none); in a unit holding one it still asks."""
    from gongwen import api

    asked = []
    plain = repetition._inside_quoted_name

    def counted(text, i):
        asked.append(text)
        return plain(text, i)

    monkeypatch.setattr(repetition, "_inside_quoted_name", counted)
    bare = "全区领导干部年度学法法考试参考率100%。\n坚持党的的领导。\n"
    quoted = "“村村响”工程和《关于加强党的的建设的意见》已经印发。\n"
    messages = [d.message for d in api.lint_text(bare + quoted, select=["TYP001"])]
    assert asked and all("“" in text or "《" in text for text in asked)
    assert "“村”字重复：“村村”" not in messages  # the quoted name, still told apart
    assert messages == ["“法”字重复：“法法”", "“的”字重复：“的的”", "“的”字重复：“的的”"]
