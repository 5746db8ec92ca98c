"""jieba's HMM cut in C (``_hmm.c``) ends tokens where ``jieba.finalseg.cut`` does: on runs of
the report's characters, of random characters of its Han range (most unknown to its tables:
ties at its floor), of one character repeated, from one to 300 long; it leaves any other run
to jieba; and the segmenter ends tokens in the same places with it or without it."""
from __future__ import annotations

import random

import regex
from support import SEED, compiled_or_skip

from gongwen.analysis import lexicon, segmentation
from gongwen.analysis.segmentation import LazyTokenizer, _hmm_tables

_hmm = compiled_or_skip("_hmm")
jieba = segmentation.jieba


def _jieba_ends(run: str, offset: int) -> list[int]:
    ends = []
    for token in jieba.finalseg.cut(run):
        offset += len(token)
        ends.append(offset)
    return ends


def _runs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    known = sorted(set(regex.findall(r"[\u4E00-\u9FD5]", text)))
    rnd = random.Random("hmm")
    runs = [run[i:i + 25] for run in regex.findall(r"[\u4E00-\u9FD5]+", text) for i in range(0, len(run), 9)]
    for _ in range(3000):
        runs.append("".join(rnd.choices(known, k=rnd.randint(1, 40))))
        runs.append("".join(chr(rnd.randint(0x4E00, 0x9FD5)) for _ in range(rnd.randint(1, 40))))
        mixed = known + [chr(rnd.randint(0x4E00, 0x9FD5)) for _ in range(20)]
        runs.append("".join(rnd.choices(mixed, k=rnd.randint(2, 12))))
    runs += ["的" * 300, "乂" * 50, "".join(rnd.choices(known, k=300)), "\u4E00", "\u9FD5" * 3]
    return runs


def test_the_compiled_cut_ends_tokens_where_jiebas_does():
    runs = _runs()
    differ = sum(_hmm.cut_ends(run, 7, *_hmm_tables()) != _jieba_ends(run, 7) for run in runs)
    assert differ == 0 and len(runs) > 9000


def test_a_run_outside_the_han_range_is_left_to_jieba():
    for run in ("中国a", "\u4DFF中", "中\u9FD6", "中𠀋国", "中国2024", ""):
        expected = [] if not run else None
        assert _hmm.cut_ends(run, 0, *_hmm_tables()) == expected


def test_the_segmenter_cuts_the_same_with_or_without_it(monkeypatch):
    lazy = LazyTokenizer()
    for word in sorted(lexicon.words("segmentation_words.txt")):
        lazy.add_word(word)
    rnd = random.Random("hmm-clauses")
    text = SEED.read_text(encoding="utf-8")
    chars = sorted(set(regex.findall(r"\p{Han}", text)))
    clauses = [run[i:i + 30] for run in regex.findall(r"\p{Han}+", text) for i in range(0, len(run), 7)]
    clauses += ["".join(rnd.choices(chars, k=rnd.randint(1, 40))) for _ in range(3000)]
    called = []
    cut_ends = _hmm.cut_ends
    monkeypatch.setattr(_hmm, "cut_ends", lambda *args: called.append(args) or cut_ends(*args), raising=False)
    compiled = [lazy.token_ends(c) for c in clauses]
    monkeypatch.setattr(segmentation, "_hmm", None)
    assert [lazy.token_ends(c) for c in clauses] == compiled
    assert len(called) > 1000
