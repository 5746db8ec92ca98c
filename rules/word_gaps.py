"""A character dropped inside an ordinary word in mid-clause: 大力发数字经济 (发展), 切实护群众合法权益
(维护), 要全面化国有企业改革 (深化).

The segmenter's view decides where to look: a slip leaves a piece of one character between two
words (大力/发/数字), or two characters its HMM joins into a token that is no word (新型/城化/建设 of
城镇化: the gap between them is judged as beside a piece), a character official writing does not
write as a word of its own (``data/standalone_chars.txt``, built by
``data/build_standalone_chars.py``: 县 of 县教育局 and 须 of 须经 are), nor a one-character verb
general Chinese writes alone in most of its uses (``data/verbs_alone.txt``: 请 of 请用户). The character trigram model of official writing (``data/official_trigrams.txt``)
judges the gap on either side of that piece: official writing never writes the piece between
the two characters beside it (力发数), and writes the other trigram over the gap (发数字) far
less often than with the gap filled; one character there makes a common dictionary word with
the piece, every trigram over the gap with it is one official writing writes, the clause then
cuts into the same words with the piece's joined to it, and the model finds the text that much
likelier.

Today's abbreviations are made exactly by leaving characters out (固废, 科创, 控规, 产城融合);
the model has seen those in use, so their text across the gap is not unseen. Compressed
parallel phrases (转职能、提效能, 扩范围、降门槛) and runs of single characters (商旅文体健,
家校社) write pieces of one character on purpose: a piece with another such piece close by is
not judged. A form the document writes more than once is its own usage, not a slip; so is a piece
official writing itself writes alone against the same neighbouring character (a one-character verb
before its object, 交|当事人, 依|申请; a head after its modifier, 人民武装|部:
``data/piece_junctions.txt``, built by ``data/build_piece_junctions.py``); and a one-character verb
or preposition official writing writes alone before several nouns of one head takes a new noun of
that head as its object too (代|承租人, 代|托运人, so 代|委托人).

A compiled screen (``gongwen.analysis._gap_screen``) finds first, in one pass, the runs where the
judge's table tests can pass and the character makes a common dictionary word with the piece; only
those are cut (cutting every run was half the rule's cost), and at each such place the judge tries
only the characters the screen lists there (parsing a common character's line of the model to try
every character cost as much as the screen itself).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Iterable, Iterator

import regex

from gongwen.analysis import lazy_regex, lexicon
from gongwen.analysis.char_model import BACK_OFF, MODERN_SINCE, model
from gongwen.analysis.count_units import NUMERALS, function_chars
from gongwen.analysis.evidence import in_parallel_phrase, word_count
from gongwen.analysis.usage_dates import held_to_usage_of
from gongwen.diagnostic import Applicability, Fix, Severity, Surplus, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext, room
from gongwen.rules.repetition import segment

try:
    from gongwen.analysis import _gap_screen
except ImportError:  # not built (no C compiler at install): every run is cut
    _gap_screen = None

# How much likelier (natural log of the character model's score over the gap's window) the text
# with the character inserted must be than as written: tuned on fixtures/typos/wordgap22 and the
# tuning half of the corpus (below 2, 县|教育局 read as 县级 and 全|社会 as 全国).
GAIN = 2.0
# The word the inserted character makes must be this common (jieba's count).
COMMON_WORD = 50
# The other trigram over the gap, as written, may be seen at most this share of the times the
# trigram at its place with the gap filled is.
OTHER_SHARE = 0.1
# The inserted character must follow the character before the gap this often in official writing.
FOLLOWER = 5
# A piece is judged only when official writing uses its character this often (the model's count).
JUDGED = 20
# Another piece of one character this close, before a word, makes a compressed parallel phrase.
PARALLEL_SHAPE = 6
# A form the document writes this often is its own usage, not a slip.
WRITTEN_AGAIN = 2
# The screen's gain test is looser than the judge's by this much (natural log): a sum of logarithms
# in C may differ from Python's in the last bit.
SCREEN_SLACK = 1e-6
# The words each side of the piece the cut with the character inserted is compared over.
CONTEXT = 3
# The dictionary words the inserted character may make: two to four characters.
LONGEST_WORD = 4
# A run needs a word of two, the piece and a word of two: five characters.
_SHORTEST_RUN = 5
_RUN = lazy_regex.compile(rf"\p{{Han}}{{{_SHORTEST_RUN},}}")
_NUMERALS = NUMERALS | {"第"}
# The marks between the items of an enumeration or a parallel phrase.
_ITEM_MARKS = "、，；"
_HAN_AFTER = lazy_regex.compile(r"\p{Han}+")
_HAN_BEFORE = lazy_regex.compile(r"\p{Han}+", regex.REVERSE)


@dataclass(frozen=True)
class Gap:
    piece: int  # index of the piece of one character left
    at: int  # where the character is missing (before text[at])
    char: str  # the character to insert
    word: str  # the word it makes with the piece


# The three lists below, as kept in the user's cache folder (``_lists``); a change of what
# ``_lists_built`` writes must change this.
_LISTS_VERSION = 2
_LISTS = ("standalone_chars.txt", "verbs_alone.txt", "piece_junctions.txt")


@cache
def _lists() -> dict[str, str | list[str]]:
    """``_lists_built``, kept in the user's cache folder (``table_cache.derived``, named by the
    three files' stamps): parsing their 2,000 lines cost ~8 M instructions of every process that
    screens a document (benchmarks/speed/NOTES.md, round 25), ``json`` reads them back in C."""
    from gongwen.analysis import table_cache

    stamps = [lexicon.stamp(name) for name in _LISTS]  # before the build reads them
    return table_cache.derived("word-gaps-lists", _LISTS_VERSION, stamps, _lists_built)


def _lists_built() -> dict[str, str | list[str]]:
    marks = {"alone-before": "<", "alone-after": ">", "alone-before-head": "^"}
    return {"standalone": "".join(sorted({line[0] for line in lexicon.entry_lines("standalone_chars.txt")})),
            "verbs_alone": "".join(sorted({line[0] for line in lexicon.entry_lines("verbs_alone.txt")})),
            "junctions": sorted({marks[side] + pair for pair, side, _ in
                                 map(str.split, lexicon.entry_lines("piece_junctions.txt"))})}


@cache
def standalone() -> frozenset[str]:
    """Characters official writing writes as a word of their own (the first field of each line of
    ``data/standalone_chars.txt``)."""
    return frozenset(_lists()["standalone"])


@cache
def verbs_alone() -> frozenset[str]:
    """One-character verbs and prepositions Chinese writes as a word on their own in most of their
    uses (``data/verbs_alone.txt``, built by ``data/build_verbs_alone.py`` from jieba's counts and
    parts of speech): 请 of 请用户关闭阀门, a request to a person official writing addresses by so
    many nouns that the corpus counts few of its pairs (``junctions``)."""
    return frozenset(_lists()["verbs_alone"])


@cache
def junctions() -> frozenset[str]:
    """The places official writing writes a judged character alone beside a word
    (``data/piece_junctions.txt``, built by ``data/build_piece_junctions.py``): ``<交当`` for 交
    alone before a word beginning with 当 (交|当事人), ``>线办`` for 办 alone after a word ending
    with 线 (热线|办), ``^代人`` for 代 alone before several words ending with 人 (代|承租人,
    代|托运人)."""
    return frozenset(_lists()["junctions"])


def _own_use(text: str, piece: int) -> bool:
    """Whether official writing writes the piece text[piece] alone against the word after it (a
    one-character verb or preposition before its object: 交|当事人, 依|申请) or the word before
    it (a one-character head after its modifier: 人民武装|部): the character's own use there."""
    return ("<" + text[piece:piece + 2] in junctions()) or (">" + text[piece - 1:piece + 1] in junctions())


def _takes_object(piece: str, word: str) -> bool:
    """Whether official writing writes the one-character ``piece`` alone before several different
    words with the head of ``word`` (its last character): a verb or preposition before a class of
    objects (代|承租人, 代|托运人: 代|委托人 is 代 before a person too; 进|农村: 进|乡村), not the rest of
    a word cut short, whichever the noun (round 27: 代|未成年人 in a statute, 健康进|乡村 in a notice)."""
    return "^" + piece + word[-1] in junctions()


def _written_whole(text: str, piece: int) -> bool:
    """Whether the piece text[piece] with the characters before or after it, as written, already
    makes a dictionary word of three or four characters as common as the word a filled gap must
    make (``COMMON_WORD``): a compound with a one-character head the segmenter cut at its head
    (塔式起重|机 of 塔式起重机 is 起重机), not a word cut short."""
    words = [text[start:start + n] for n in (3, LONGEST_WORD) for start in (piece - n + 1, piece)
             if 0 <= start and start + n <= len(text)]
    return any(word_count(word) >= COMMON_WORD for word in words)


def _judged(char: str) -> bool:
    """Whether a piece of one character may be what is left of a word: not a function
    character, a numeral or a character official writing writes alone, and common enough for
    the model to speak of it."""
    return (char not in function_chars() and char not in _NUMERALS and char not in standalone()
            and char not in verbs_alone() and model().chars.get(char, 0) >= JUDGED)


def _parallel_shape(run: str, starts: tuple[int, ...], ends: tuple[int, ...], k: int) -> bool:
    """Whether another piece of one character (no function character) stands before a word within
    ``PARALLEL_SHAPE`` characters of token ``k``: 提消费促投资, 在促创新. Only the tokens that
    close are looked at (each holds a character at least): linear in the run."""
    for j in range(max(0, k - PARALLEL_SHAPE), min(len(ends) - 1, k + PARALLEL_SHAPE + 1)):
        if j != k and ends[j] - starts[j] == 1 and abs(starts[j] - starts[k]) <= PARALLEL_SHAPE \
                and run[starts[j]] not in function_chars() and ends[j + 1] - starts[j + 1] >= 2:
            return True
    return False


def _opens_with_piece(run: str) -> bool:
    """Whether ``run`` (a run of Han characters) begins with a piece of one character, no
    function character, before a word: 促和谐 after 重民生、."""
    ends = segment(run) if len(run) > 2 else ()
    return len(ends) >= 2 and ends[0] == 1 and ends[1] >= 3 and run[0] not in function_chars()


def _ends_with_piece(run: str) -> bool:
    """Whether ``run`` ends with a piece of one character (no function character) and a word:
    重民生 before 、促和谐."""
    ends = segment(run) if len(run) > 2 else ()
    return (len(ends) >= 2 and ends[-1] - ends[-2] >= 2 and ends[-2] - (ends[-3] if len(ends) > 2 else 0) == 1
            and run[ends[-2] - 1] not in function_chars())


def _parallel_items(text: str, start: int, end: int) -> bool:
    """Whether the run text[start:end] stands in an enumeration whose next or previous item, across
    one mark (、，；), has the same shape of a piece before a word: 转职能、提效能, 扩范围、降门槛."""
    if end < len(text) - 1 and text[end] in _ITEM_MARKS:
        after = _HAN_AFTER.match(text, end + 1)
        if after and _opens_with_piece(after.group()):
            return True
    if start > 1 and text[start - 1] in _ITEM_MARKS:
        before = _HAN_BEFORE.match(text, 0, start - 1)
        if before and _ends_with_piece(before.group()):
            return True
    return False


def _score(text: str, start: int, end: int) -> float:
    lm = model()
    return sum(lm.log_score(text[max(0, j - 2):j], text[j]) for j in range(start, min(end, len(text))))


def _word_with(run: str, piece: int, at: int, char: str) -> str | None:
    """The commonest dictionary word of two to ``LONGEST_WORD`` characters that ``char``,
    inserted before run[at], makes with the piece run[piece] (and what stands beside them)."""
    best, best_count = None, COMMON_WORD - 1
    for before in range(0, LONGEST_WORD):
        for after in range(0, LONGEST_WORD - before):
            if not 1 <= before + after or at - before < 0 or at + after > len(run):
                continue
            if not at - before <= piece < at + after:
                continue
            word = run[at - before:at] + char + run[at:at + after]
            count = word_count(word)
            if count > best_count:
                best, best_count = word, count
    return best


def _merges_only(window: str, ends: tuple[int, ...], at: int, char: str, piece: int) -> bool:
    """Whether ``window`` (the piece with up to ``CONTEXT`` words each side, cut at ``ends``) with
    ``char`` inserted before window[at] cuts into the same words, the piece's token joined with
    the inserted character (and maybe its neighbours): no boundary of the new cut falls where the
    old had none. A window, not the whole clause, so that each candidate costs the same."""
    old = set(ends)
    old.add(0)
    start = 0
    piece_new = piece if piece < at else piece + 1
    for end in segment(window[:at] + char + window[at:]):
        if (end if end <= at else end - 1) not in old:
            return False
        if start <= at < end and not (end - start >= 2 and start <= piece_new < end):
            return False
        start = end
    return True


def _best_insertion(run: str, ends: tuple[int, ...], piece: int, at: int,
                    screened: str | None = None) -> tuple[float, str, str] | None:
    """(gain, character, word) of the character likeliest missing before run[at], beside the
    piece run[piece], or None when the gap is not judged or no character passes. ``run`` is the
    piece's window (``CONTEXT`` words each side), cut at ``ends``. ``screened``: the characters
    the compiled screen found passing its tests there (a superset of those that pass here), the
    only ones tried; None, every character official writing writes after the two before the gap."""
    if at < 2 or at + 2 > len(run) or run[at] in _NUMERALS or screened == "":
        return None
    lm = model()
    before, after = run[at - 2:at], run[at]
    centre = piece - 1  # the trigram of the piece and the characters either side of it
    if lm.count(run[centre:centre + 2], run[centre + 2]):
        return None  # official writing writes the piece between these two characters
    # The other trigram over the gap (the piece, the gap, the next word's second character; or
    # the word before's last two and the piece): seen when another word ends or begins with the
    # piece's character (法治能力 beside 治能力), but far less often than with the gap filled.
    other = lm.count(before, after) if at == piece else lm.count(run[at - 1:at + 1], run[at + 1])
    best = None
    for char, seen_after_two, seen_after_one in _tried(lm, before, screened):
        if seen_after_one < FOLLOWER or not "\u4e00" <= char <= "\u9fff":
            continue
        filled = (seen_after_two, lm.count(run[at - 1] + char, after), lm.count(char + after, run[at + 1]))
        if not min(filled) or other > OTHER_SHARE * (filled[0] if at == piece else filled[2]):
            continue  # some trigram over the gap with it official writing does not write
        word = _word_with(run, piece, at, char)
        if word is None or not _merges_only(run, ends, at, char, piece):
            continue
        new = run[:at] + char + run[at:]
        gain = _score(new, at, at + 3) - _score(run, at, at + 2)
        if gain >= GAIN and (best is None or gain > best[0]):
            best = (gain, char, word)
    return best


def _tried(lm, before: str, screened: str | None) -> Iterator[tuple[str, int, int]]:
    """(character, count after the two characters ``before``, count after the last of them) of
    the characters ``_best_insertion`` tries, in the order of ``before``'s line in the model (so
    that of two with the same gain the same one is kept): every character official writing
    writes after ``before`` (the first trigram with the gap filled must be seen: a shorter list
    than those after the last character alone), or only the screen's. The screen's few are
    counted one by one (a common character's line lists thousands of followers: parsing it
    cost more than the rest of the judge)."""
    if screened is None:
        pairs = lm.following(before[1])
        for char, seen_after_two in lm.following(before).items():
            yield char, seen_after_two, pairs.get(char, 0)
        return
    if len(screened) > 1:  # their order in the line (parsed only where there is a choice)
        order = list(lm.following(before))
        screened = sorted((c for c in screened if c in lm.following(before)), key=order.index)
    for char in screened:
        yield char, lm.count(before, char), lm.count(before[1], char)


@cache
def _screen():
    """The compiled screen (``_gap_screen.c``) over the model's counts as char_screen keeps them
    in the user's cache folder (mapped, as TYP013's compiled screen maps them; built there the
    first time), with this rule's terms; None when the extension is not built."""
    if _gap_screen is None:
        return None
    from gongwen.analysis import char_screen, gap_words
    from gongwen.rules.confusables import _SCREEN_NUMERALS  # the same cached arrays as TYP013's

    parts = char_screen.mapped(_SCREEN_NUMERALS) or char_screen.arrays(_SCREEN_NUMERALS).parts
    excluded = "".join(function_chars() | standalone() | verbs_alone())  # _judged's, as a string: no loop over the model here
    return _gap_screen.Screen(parts, excluded, "".join(_NUMERALS), JUDGED, FOLLOWER, OTHER_SHARE, GAIN - SCREEN_SLACK,
                              BACK_OFF, gap_words.keys(COMMON_WORD))  # the words word_count counts COMMON_WORD+


def _runs(text: str, screened: bool) -> Iterator[tuple[int, str, dict[int, tuple[str, str]] | None]]:
    """(offset, run, places) of the runs of 5+ Han characters to cut: with the screen, only those
    that hold a place where ``_best_insertion``'s table tests and gain can pass (most runs hold
    none, and cutting every run was half the rule's cost), with those places (the pieces to judge,
    as offsets into the run), each with the characters that pass the screen's tests in a gap
    before it and in one after it; without it, every run, and None (judge every piece, trying
    every character)."""
    screen = _screen() if screened else None
    if screen is None:
        for match in _RUN.finditer(text):
            yield match.start(), match.group(), None
    else:
        for (start, end), *places in screen.runs(text):
            yield start, text[start:end], {p - start: (before, after) for p, before, after in places}


def _single_pieces(text: str, chars: set[str]) -> Counter[str]:
    """How often each of ``chars`` stands as a piece of one character in the runs of 5+ Han
    characters of ``text``: only the runs that hold one of them are found (from each of its
    places, not by a search through every run of the document) and cut."""
    runs = {}
    for char in chars:
        at = text.find(char)
        while at >= 0:
            after = _HAN_AFTER.match(text, at)
            if after is None:  # no Han character: in no run
                at = text.find(char, at + 1)
                continue
            start, end = _HAN_BEFORE.match(text, 0, at + 1).start(), after.end()
            if end - start >= _SHORTEST_RUN:
                runs[start] = text[start:end]
            at = text.find(char, end)  # the rest of this run is in it already
    alone: Counter[str] = Counter()
    for run in runs.values():
        start = 0
        for end in segment(run):
            if end - start == 1 and run[start] in chars:
                alone[run[start]] += 1
            start = end
    return alone


def _written(text: str, pair: str, enough: int) -> bool:
    """Whether ``pair`` is written ``enough`` times in ``text`` (overlapping places counted)."""
    at = text.find(pair)
    for _ in range(enough - 1):
        if at < 0:
            return False
        at = text.find(pair, at + 1)
    return at >= 0


def _pieces(run: str, ends: tuple[int, ...],
            places: dict | None) -> Iterator[tuple[int, int, tuple[bool, bool]]]:
    """(token, piece, (gap before it, gap after it)) of the places ``_candidates`` judges in ``run``
    cut at ``ends``: each token of one character, a gap on either side; and each token of two
    characters that is no dictionary word, either character as the piece with the gap between
    them. jieba's HMM joins single characters it finds no word for into such a token: a slip
    inside a word of three characters leaves two (城镇化 -> 城化, 养老金 -> 养金, 标准化 -> 标化) that
    the segmenter joins rather than leaves alone (round 28: 61 of the 306 drops the tuning batches'
    and gap27's 380 left unfound left no piece of one character). ``places``: the screen's (None:
    every place is judged); a token with no place kept is not looked up in the dictionary."""
    start = 0
    for k, end in enumerate(ends):
        if end - start == 1:
            yield k, start, (True, True)
        elif end - start == 2 and (places is None or start in places or start + 1 in places) \
                and word_count(run[start:end]) == 0:
            yield k, start, (False, True)
            yield k, start + 1, (True, False)
        start = end


def _candidates(text: str, screened: bool = True) -> Iterator[Gap]:
    """The gaps the text itself shows (``word_gaps`` less the document's evidence), in order: at
    most one a piece, and one a gap (the two characters of a token ``_pieces`` reads as two
    pieces share the gap between them: the likelier insertion is kept)."""
    for offset, run, places in _runs(text, screened):
        ends = segment(run)
        starts = (0,) + ends[:-1]
        last = len(ends) - 1
        chosen: dict[int, tuple[tuple[float, str, str], int]] = {}  # gap -> (insertion, piece)
        for k, piece, sides in _pieces(run, ends, places):
            if places is not None and piece not in places:
                continue
            if k == 0 or k == last or ends[k - 1] - starts[k - 1] < 2 or ends[k + 1] - starts[k + 1] < 2:
                continue
            if not _judged(run[piece]) or _parallel_shape(run, starts, ends, k) or in_parallel_phrase(run, piece) \
                    or (piece + 1 == ends[k] and _takes_object(run[piece], run[starts[k + 1]:ends[k + 1]])):
                continue
            lo, hi = starts[max(0, k - CONTEXT)], ends[min(last, k + CONTEXT)]
            window = run[lo:hi]
            window_ends = tuple(end - lo for end in ends[max(0, k - CONTEXT):min(len(ends), k + CONTEXT + 1)])
            screened = places[piece] if places is not None else (None, None)  # before it, after it
            found = [(best, lo + at) for at, chars, side in zip((piece - lo, piece - lo + 1), screened, sides)
                     if side and (best := _best_insertion(window, window_ends, piece - lo, at, chars)) is not None]
            if found and not _written_whole(run, piece):
                best, at = max(found)
                if at not in chosen or best > chosen[at][0]:
                    chosen[at] = (best, piece)
        if chosen and not _parallel_items(text, offset, offset + len(run)):
            for at, ((_, char, word), piece) in sorted(chosen.items()):
                yield Gap(offset + piece, offset + at, char, word)


def word_gaps(text: str, screened: bool = True) -> list[Gap]:
    """The gaps inside ordinary words of the document ``text``, in order, at most one a piece,
    less those its own usage explains: a piece's character the document writes alone again
    (a statute's 交有关部门 … 交当事人; 人民武装部 each time), or the two characters across the
    gap written again (an abbreviation the document coined or defined). A slip is written once.
    ``screened`` False cuts every run (the reference the compiled screen is tested against)."""
    gaps = list(_candidates(text, screened))
    if not gaps:
        return gaps
    alone = _single_pieces(text, {text[gap.piece] for gap in gaps})  # only for a document with a gap
    return [gap for gap in gaps
            if alone[text[gap.piece]] < WRITTEN_AGAIN and not _written(text, text[gap.at - 1:gap.at + 1], WRITTEN_AGAIN)
            and not _own_use(text, gap.piece)]


class WordMissingCharacter(Rule):
    """## What it does
    检查句中普通词语漏掉的一个字，例如 `大力发数字经济`（“发展”缺“展”）、`切实护群众合法权益`
    （“维护”缺“维”）、`要全面化国有企业改革`（“深化”缺“深”）：分词后两个词之间夹着一个孤立的单字
    （或三字词漏掉中间一字后剩下的两个字被分词器猜成一个词典里没有的词，如 `新型城化建设`），
    这个字公文中很少单独成词（字表 `data/standalone_chars.txt`，由 `data/build_standalone_chars.py`
    统计公文和法律法规得出）；公文中从不在它前后两字之间写它，在它前面或后面补一个字，能与它组成常用词，
    补字后跨过缺口的三字组合公文中都写过，而且补字后句子其余部分的分词不变、字符模型的得分明显升高。提示
    最可能漏掉的字。句末被截断的词见 TYP017、TYP019，机构名称、会议名称、职务中的缺字见 TYP022。

    ## Why is this bad?
    编辑时误删或输入法漏字，会把“治理能力”变成“治能力”，句子读起来似通非通，通读时也容易放过。
    不报告：
    - 公文常单独使用的字（`县教育局`、`须经`、`未整改`、`拟于`），虚词和数字；
    - 与前后的字照原样已组成三四字常用词的单字（`塔式起重机`的`机`：分词切成“塔式起重/机”，
      “起重机”本身就是词）；
    - 汉语中多半单独成词的单字动词、介词（`请住户关闭水阀`、`请考生保持手机关机`）：字表
      `data/verbs_alone.txt`，由 `data/build_verbs_alone.py` 从 jieba 词典的词频和词性统计得出；
    - 公文和法律法规中常在同一个相邻字旁单独成词的字：单字动词、介词在宾语之前（`交当事人`、
      `依申请公开`、`应当设举报信箱`），单字中心语在修饰语之后（`人民武装部`）（字表
      `data/piece_junctions.txt`，由 `data/build_piece_junctions.py` 统计得出）；
    - 公文和法律法规中单独用在几个同一中心字的词之前的单字动词、介词，后面换成同类的名词也是它的宾语
      （公文写过`代承租人`、`代托运人`，`律师代委托人出庭`的`代`不报；写过`进农村`，`健康进乡村`的`进`不报）；
    - 简称（`固废`、`科创`、`控规`、`产城融合`）：字符模型在公文中见过它们的写法；
    - 压缩的排比和单字并列（`转职能、提效能`、`促创新、扩消费`、`商旅文体健`）：附近另有单字接词；
    - 同一写法在文中出现两次以上（文件自定的简称）；1990 年以前的文稿（同 TYP017）。
    补字只是推测，所以只作提示，修复仅供参考。

    ## Example
    ```text
    大力发数字经济，要全面化国有企业改革。
    ```

    Use instead:
    ```text
    大力发展数字经济，要全面深化国有企业改革。
    ```
    """

    code = "TYP023"
    name = "word-missing-character"
    severity = Severity.INFO
    preview = True
    scope = "document"  # the document's own usage vetoes a form written twice
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        text = unit.text
        if not held_to_usage_of(ctx.document, MODERN_SINCE):
            return  # older writing has words today's does not
        for gap in word_gaps(text):
            if room(ctx, self) == 0:  # past the report's cap: counted, not built
                yield Surplus(gap.piece, gap.piece + 1)
                continue
            yield Violation(
                gap.piece, gap.piece + 1, f"“{text[gap.piece]}”在此不成词，可能漏字：疑为“{gap.word}”",
                help=f"核对是否漏写“{gap.char}”",
                fixes=(Fix.replace(gap.at, gap.at, gap.char, f"补为“{gap.word}”", Applicability.DISPLAY_ONLY),))


RULES = (WordMissingCharacter,)
