"""One-off variants: a character that makes a document's own repeated wording once, wrong.

A slip in a name, an institution or a term is seldom repeated: the document that writes 李振华
twice and 李振化 once, 土地流转 five times and 土地流传 once, tells on itself. The unit of
comparison is a window of ``WINDOW`` Han characters; a window the document writes once is a
variant of one it writes ``REPEATED`` times or more when the two differ in one place and the
characters there sound or look alike (pypinyin readings; the character model's candidates:
four-corner codes, pycorrector's shape groups and pairs one stroke or part apart by components;
all read from ``data/alike_chars.txt``). Whether the variant is a slip is then judged by what
else the text says (``_judged``). The windows, the alike test and the first questions of the
judge are asked in one compiled pass (``_one_off_windows``) where it is built; Python sees only
the places that pass them.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from gongwen.analysis import lazy_regex, lexicon
from gongwen.analysis.char_model import SortedLines, model
from gongwen.analysis.evidence import (PARALLEL, USUAL, bigrams, in_parallel_phrase, in_short_quote, is_word,
                                      word_begins_at, word_ends_at)
from gongwen.analysis.han_runs import HAN_RANGES

WINDOW = 3
REPEATED = 2
# A dictionary word as written (流传, 机智) is a slip only when the character model prefers the
# repeated form by this much (natural log of its score): tuned on the corpus tuning half.
WORD_MARGIN = 3.0
# The longest dictionary word that, covering the character as written, makes it a word.
LONGEST_WORD = 4
# Characters agreeing on one side that make a construction by themselves (网格化管, 长效机).
LONG_SIDE = 3
_HAN_RUN = lazy_regex.compile(r"\p{Han}{3,}")
_HAN = lazy_regex.compile(r"\p{Han}")
# How far the character model (a trigram either side) and the words through a place
# (LONGEST_WORD) look into the run of Han characters around it.
CONTEXT = LONGEST_WORD
# How many agreeing characters either side a message shows.
SHOWN = 3
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
_GAP = "\0"  # stands for the compared place in a window's key
# Power lines' and substations' names: the voltage units before them and the kinds that end them.
GRID_NAMES = "grid_object_names.txt"
# The longest name a line or substation has between its voltage and its kind (梧岗, 鹤川工业园).
GRID_NAME = 6
# Readings and listed characters of the alike test; the pair counts of ``_seldom`` (for the compiled pass).
ALIKE_CHARS = "alike_chars.txt"
PAIR_COUNTS = "official_bigrams.txt"


@dataclass(frozen=True)
class Variant:
    at: int  # offset of the odd character in the text
    written: str  # the window as written
    form: str  # the window the document repeats
    meant: str  # the character the repeated form has at ``at``
    times: int  # how often the document writes ``form``
    shown: tuple[str, str]  # the construction as written and as the document repeats it, for messages


def one_off_variants(text: str, skip: frozenset[str] = frozenset()) -> list[Variant]:
    """The characters of ``text`` written once in a window that the text otherwise writes, with
    one sound- or shape-alike character in their place, ``REPEATED`` times or more
    (``variant_places``), and that ``_judged`` takes for slips; at most one per character (the
    repeated form written most often that is judged a slip). A run of Han characters holding any
    of ``skip`` is not judged (TYP015 passes the traditional characters: the character model
    knows simplified writing)."""
    found: dict[int, Variant] = {}
    for at, written, j, forms in screened_places(text, skip):
        for form, times in forms:
            if at not in found and _judged(text, at, written, j, form[j]):
                found[at] = Variant(at, written, form, form[j], times, _shown(text, at, form, j))
    return sorted(found.values(), key=lambda v: v.at)


def screened_places(text: str, skip: frozenset[str] = frozenset()):
    """``variant_places`` with only the repeated forms ``_screened`` keeps, and only the places
    left with one, found in one compiled pass (``_one_off_windows``) where it is built. Nearly
    every window is the document's own wording, and the Python pass built a slice, a count and
    three keys for each; of the places it found, 1 in 25 has a form alike in sound or shape, and
    of those 1 in 4 passes the screen (the first 100 files of the speed corpus): round 22 found
    the Python pass most of TYP015's time."""
    windows = _compiled_windows(skip)
    if windows is None:
        return reference_screened_places(text, skip)
    return iter(windows.places(text))


@cache
def _compiled_windows(skip: frozenset[str]):
    """The compiled pass for runs without ``skip``'s characters, None where it is not built."""
    try:
        from gongwen.analysis._one_off_windows import Windows
    except ImportError:
        return None
    return Windows(HAN_RANGES, "".join(sorted(skip)), "".join(sorted(excluded_chars())), "".join(sorted(_NUMERALS)),
                   lexicon.binary(ALIKE_CHARS), lexicon.binary(PAIR_COUNTS), USUAL, PARALLEL, LONG_SIDE)


def reference_screened_places(text: str, skip: frozenset[str] = frozenset()):
    """``screened_places`` in Python: the compiled pass's reference
    (tests/analysis/test_one_off_windows.py compares them)."""
    for at, written, j, forms in variant_places(text, skip):
        if in_parallel_phrase(text, at) or _doubled_frame(text, at):
            continue
        kept = [(form, times) for form, times in forms if _screened(text, at, written, j, form[j])]
        if kept:
            yield at, written, j, kept


def _screened(text: str, at: int, written: str, j: int, meant: str) -> bool:
    """What ``_judged`` needs first, asked without the dictionary or the character model: the
    characters are ``alike``, and the shared construction is possible (``_same_construction``
    as far as the agreement and the pair counts answer it)."""
    if not alike(written[j], meant):
        return False
    form = written[:j] + meant + written[j + 1:]
    sides = list(_agreements(text, at, form, j))
    if any(left >= 1 and right >= 1 and left + right >= 3 for left, right in sides):
        return True
    if any(left >= LONG_SIDE for left, _ in sides) and _seldom(text[at - 1:at + 1]):
        return True
    if any(right >= LONG_SIDE for _, right in sides) and _seldom(text[at:at + 2]):
        return True
    return _name_place(text, at, written, j)


def variant_places(text: str, skip: frozenset[str] = frozenset()):
    """(offset, window as written, place in it, [(repeated form, times), commonest first]) for
    every window of ``text`` written fewer than ``REPEATED`` times that differs in one place
    from windows written ``REPEATED`` times or more. Neither has a numeral there, and the
    repeated form no function character: 的/地, 或/和 differ in grammar, not by a slip of the
    hand, but a function character written where the document's term has a content character
    is a slip like any other (刘得胜 for 刘德胜, 处里厂 for 处理厂).
    Linear in the text: every window is counted once and looked up by its keys (the window with
    one place left open) in an index of the repeated ones; tests/analysis/test_one_off.py
    compares it with trying every pair of windows."""
    runs = [(m.start(), m.group()) for m in _HAN_RUN.finditer(text) if skip.isdisjoint(m.group())]
    counts = Counter(s[a:a + WINDOW] for _, s in runs for a in range(len(s) - WINDOW + 1))
    open_keys: dict[str, list[str]] = defaultdict(list)  # window with one place open -> the repeated windows
    excluded = excluded_chars()
    for w, n in counts.items():
        if n >= REPEATED:
            for j in range(WINDOW):
                if w[j] not in excluded:
                    open_keys[w[:j] + _GAP + w[j + 1:]].append(w)
    if not open_keys:
        return
    for start, s in runs:
        for a in range(len(s) - WINDOW + 1):
            w = s[a:a + WINDOW]
            if counts[w] >= REPEATED:
                continue  # the document's own wording
            for j in range(WINDOW):
                forms = open_keys.get(w[:j] + _GAP + w[j + 1:])
                if forms and w[j] not in _NUMERALS:
                    yield start + a + j, w, j, sorted(((f, counts[f]) for f in forms), key=lambda fc: (-fc[1], fc[0]))


def _judged(text: str, at: int, written: str, j: int, meant: str) -> bool:
    """Whether text[at] (in the window ``written``, at its place ``j``) is a slip for ``meant``:
    - the written character stands in the same construction as the repeated form (``_same_construction``);
    - it is no character written again close by (a parallel phrase: 减税减费, 以月保季、以季保年),
      no slot between two characters alike (``_doubled_frame``: 一湖一江 beside 一市一策), inside
      no short quotation (a coined name: “天府良机” beside 天府粮仓), no administrative level
      for another (以省为主 beside 以县为主: another level, not a slip), and not the first
      character of a name after a place agreeing on the left only (``_opens_a_name_after_a_place``),
      nor the kind ending a power line's or substation's name after its voltage (``_ends_a_grid_name``);
    - a function character is judged only where it cannot be one (``_stranded``), and not
      between two dictionary words (掩埋|或|焚烧);
    - the words and pairs it makes as written are none the document writes again (``_own_words``);
    - as written it makes no dictionary word with its neighbours; or the word it makes is one
      official writing seldom uses (``_usual_words``: 民主 beside 民族团结 is meant), and the
      character model of official writing prefers the repeated form by ``WORD_MARGIN`` (长效机智 → 机制); without such a word, the model must not prefer the
      character as written, unless the place is in a name (``_name_place``)."""
    if not _same_construction(text, at, written, j, meant) or in_parallel_phrase(text, at):
        return False
    if _doubled_frame(text, at) or in_short_quote(text, at) or _levels_exchanged(text[at], meant):
        return False
    if _opens_a_name_after_a_place(text, at, written, j, meant) or _ends_a_grid_name(text, at):
        return False
    if text[at] in excluded_chars() and not (_stranded(text, at) and not _between_words(text, at)):
        return False  # a function character standing between words, as it is meant to
    s, i = _around(text, at)
    lm = model()
    margin = lm.span_score(s, i, meant) - lm.span_score(s, i, s[i])
    words = _written_words(s, i)
    if _own_words(text, words + [s[k:k + 2] for k in (i - 1, i) if 0 <= k and k + 2 <= len(s)]):
        return False
    if words:
        return margin >= WORD_MARGIN and not _usual_words(words)
    return margin >= 0 or _name_place(text, at, written, j)


def _shown(text: str, at: int, form: str, j: int) -> tuple[str, str]:
    """The window, widened by up to ``SHOWN`` characters either side that agree with the
    repeated form's occurrence (营商环竟 against 营商环境 rather than 商环竟): as written, and
    with the repeated form's character."""
    left, right = _agreement(text, at, form, j)
    lo, hi = at - max(j, min(left, SHOWN)), at + 1 + max(WINDOW - 1 - j, min(right, SHOWN))
    return text[lo:hi], text[lo:at] + form[j] + text[at + 1:hi]


def _own_words(text: str, words: list[str]) -> bool:
    """Whether the document writes any of ``words`` (the dictionary words the character makes
    as written, and the pairs it makes with its neighbours) more than once: then it is a word of
    the document's own vocabulary (流传 in 广为流传, a statute's 寄押 in 临时寄押), not a slip;
    a slip of the hand seldom repeats itself letter for letter."""
    return any(text.count(w) >= 2 for w in words)


def _stranded(text: str, at: int) -> bool:
    """Whether text[at] has Han characters on both sides and makes with each a pair official
    writing seldom uses: a function character there stands inside a word, not between two
    (处里厂, 刘得胜), where 法官是依法, 建设的供水 and 停留且未 have it between words."""
    return (0 < at < len(text) - 1 and bool(_HAN.match(text[at - 1])) and bool(_HAN.match(text[at + 1]))
            and _seldom(text[at - 1:at + 1]) and _seldom(text[at:at + 2]))


def _doubled_frame(text: str, at: int) -> bool:
    """Whether text[at] stands between two characters alike (一湖一江, 一村一策): a frame whose
    slot takes any word; a slip of the hand does not bring its frame along."""
    return 0 < at < len(text) - 1 and text[at - 1] == text[at + 1]


def _opens_a_name_after_a_place(text: str, at: int, written: str, j: int, meant: str) -> bool:
    """Whether text[at] follows a place's level character (沩水县|, 临澜县|) and agrees with the
    repeated form on the left only: the place ends there and a name of its own begins (a
    firm's 字号 in a list, 沩水县龙溪水电 beside 沩水县农友农资), so the place's name ties the
    character to no repeated wording. A slip inside a name agrees beyond it (县人民征府)."""
    if at == 0 or text[at - 1] not in _levels():
        return False
    form = written[:j] + meant + written[j + 1:]
    return _agreement(text, at, form, j)[1] == 0


def _ends_a_grid_name(text: str, at: int) -> bool:
    """Whether text[at] is the kind (线, 变, 站) that ends the name of a power line or a
    substation written after its voltage (10千伏梧岗线, 35kV白鹭变): the grid names the object
    after a place, and the place's own 梧岗乡 elsewhere makes its 线 no slip. The name between the
    voltage and the kind is Han characters, at most ``GRID_NAME`` of them; a slip inside the name
    (梧冈线 beside 梧岗乡) is still judged."""
    marks = lexicon.headed(GRID_NAMES)
    if text[at] not in marks["kind"]:
        return False
    before = text[max(0, at - GRID_NAME - max(map(len, marks["voltage"]))):at]
    for voltage in marks["voltage"]:
        k = before.rfind(voltage)
        name = before[k + len(voltage):] if k >= 0 else ""
        if 0 < len(name) <= GRID_NAME and all(_HAN.match(c) for c in name):
            return True
    return False


def _levels_exchanged(written: str, meant: str) -> bool:
    return written in _levels() and meant in _levels()


@cache
def _levels() -> frozenset[str]:
    """Administrative levels (省, 市, 县, 乡 …): one written for another names another body."""
    return lexicon.words("level_prefixes.txt")


def _between_words(text: str, at: int) -> bool:
    """Whether text[at] is a function character that follows words (``after-word`` in
    function_chars.toml: 或, 和, 与) and dictionary words end right before it and begin right
    after it (掩埋|或|焚烧). A localizer (东, 内) is not asked: it ends names (赵国东) as often."""
    return ("after-word" in lexicon.table(lexicon.FUNCTION_CHARS)["tags"].get(text[at], ())
            and word_ends_at(text, at, LONGEST_WORD) and word_begins_at(text, at + 1, LONGEST_WORD))


def _usual_words(words: list[str]) -> bool:
    """Whether any of ``words`` of two characters is a pair official writing uses (``USUAL``
    times or more): a word at home in official texts (事务, 递交, 运载, 省级) is written as
    meant, whatever the repeated form beside it; a slip makes one they seldom have (流传 in
    土地流传, 秀媚)."""
    return any(len(w) == 2 and not _seldom(w) for w in words)


def _around(text: str, at: int) -> tuple[str, int]:
    """The Han characters around text[at], up to ``CONTEXT`` on either side, and where
    text[at] is among them."""
    a, b = at, at + 1
    while a > 0 and at - a < CONTEXT and _HAN.match(text[a - 1]):
        a -= 1
    while b < len(text) and b - at <= CONTEXT and _HAN.match(text[b]):
        b += 1
    return text[a:b], at - a


def _written_words(s: str, i: int) -> list[str]:
    """The dictionary words of two to ``LONGEST_WORD`` characters of s that cover s[i]."""
    return [s[k:k + n] for n in range(2, LONGEST_WORD + 1)
            for k in range(max(0, i - n + 1), min(i, len(s) - n) + 1) if is_word(s[k:k + n])]


def _same_construction(text: str, at: int, written: str, j: int, meant: str) -> bool:
    """Whether text[at] stands where the repeated form has ``meant``, in a construction both
    share: at an occurrence of the form, the Han characters around it agree with the text
    around text[at]
    - on both sides, three in all (人居环境[正]治 against 人居环境整治);
    - or ``LONG_SIDE`` or more on one side, where a term ends or begins at the place and what
      follows it differs (网格化管[里]延伸 against 网格化管理覆盖), provided the repeated form's
      character makes a dictionary word with that side (管理: the term goes on through the place)
      and the written one a pair official writing seldom uses (管里) and no word with the other
      side (作为|体育竞赛 beside 建立体育竞赛, 主城|都市区 beside 成都市区: another word ends there);
    - or the place is next to characters that make pairs official writing seldom uses with it
      and with each other: a name (李振[化], 周[惠]敏), whose mentions are followed and preceded
      by anything."""
    form = written[:j] + meant + written[j + 1:]
    left, right = _agreement(text, at, form, j)
    if left >= 1 and right >= 1 and left + right >= 3:
        return True
    if (left >= LONG_SIDE and _seldom(text[at - 1:at + 1]) and not is_word(text[at:at + 2])
            and _word_through(text, at - left, at + 1, at, meant)):
        return True
    if (right >= LONG_SIDE and _seldom(text[at:at + 2]) and not is_word(text[at - 1:at + 1])
            and _word_through(text, at, at + right + 1, at, meant)):
        return True
    return _name_place(text, at, written, j)


def _word_through(text: str, start: int, end: int, at: int, meant: str) -> bool:
    """Whether, with ``meant`` at text[at], some dictionary word of two to ``LONGEST_WORD``
    characters inside text[start:end] takes text[at] and a neighbour."""
    t = text[start:at] + meant + text[at + 1:end]
    return bool(_written_words(t, at - start))


def _seldom(pair: str) -> bool:
    return bigrams().count(pair) < USUAL


def _name_place(text: str, at: int, written: str, j: int) -> bool:
    """Whether text[at], at place ``j`` of the window ``written``, looks like part of a name:
    the written character makes pairs official writing seldom uses with its neighbours in the
    window, and at the window's edge the other two make one too (李振 of 李振华; in the middle,
    周 and 敏 of 周慧敏). The character model of official writing has no say on names (it
    prefers 振化 to 振华)."""
    if j != 1 and not _seldom(written[:j] + written[j + 1:]):
        return False
    return (j == 0 or _seldom(text[at - 1:at + 1])) and (j == WINDOW - 1 or _seldom(text[at:at + 2]))


def _agreement(text: str, at: int, form: str, j: int) -> tuple[int, int]:
    """The Han characters left and right of text[at] that agree with the text around an
    occurrence of ``form`` (its character ``j`` standing where text[at] does), at the
    occurrence that agrees on both sides, and most."""
    return max(_agreements(text, at, form, j), key=lambda lr: (min(lr) > 0, sum(lr)), default=(0, 0))


def _agreements(text: str, at: int, form: str, j: int):
    """(left, right) agreeing characters at each occurrence of ``form`` (``_agreement``)."""
    k = text.find(form)
    while k >= 0:
        o = k + j  # where the occurrence has the compared character
        left = 0
        while left < min(o, at) and text[o - left - 1] == text[at - left - 1] and _HAN.match(text[at - left - 1]):
            left += 1
        right, end = 0, len(text) - 1
        while max(o, at) + right < end and text[o + right + 1] == text[at + right + 1] and _HAN.match(text[at + right + 1]):
            right += 1
        yield left, right
        k = text.find(form, k + 1)


@cache
def excluded_chars() -> frozenset[str]:
    """Numerals and function characters, which a repeated form does not offer in place of what
    is written (``variant_places``)."""
    return _NUMERALS | frozenset(lexicon.table(lexicon.FUNCTION_CHARS)["tags"])


@cache
def alike(a: str, b: str) -> bool:
    """Whether two characters sound alike (a toneless reading in common, any reading of either:
    pypinyin, which knows the rare characters of names) or are listed as alike in sound or
    shape by either of the project's tables (the character model's candidates, and
    ``confusable_chars.txt``: four-corner codes and readings of the corpus's characters), as
    ``data/alike_chars.txt`` has them (built from those by ``data/build_alike_chars.py``:
    pypinyin's first load cost ~1.5 s a process)."""
    (sounds_a, listed_a), (sounds_b, listed_b) = _alike_entry(a), _alike_entry(b)
    return bool(sounds_a & sounds_b) or b in listed_a or a in listed_b


@cache
def _alike_entry(char: str) -> tuple[frozenset[str], str]:
    """The character's toneless readings and the characters listed alike with it."""
    line = _alike_lines().get(char)
    if line is None:
        return frozenset(), ""
    sounds, listed = line.split("\t")
    return frozenset(sounds.split()), listed


@cache
def _alike_lines() -> SortedLines:
    return SortedLines(lexicon.binary(ALIKE_CHARS))
