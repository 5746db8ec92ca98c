"""Characters that do not belong in a simplified official text: traditional forms."""
from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

import regex

from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import code_point_count, lexicon, shared_scan
from gongwen.analysis.fuzzy import rust_safe
from gongwen.analysis.shared_scan import Keys
from gongwen.analysis import pattern_cache


_OPENCC_TABLES = ("TSCharacters", "STCharacters")
# What ``_script_tables_built`` makes of OpenCC's tables: a change of it names the kept copy anew.
_SCRIPT_TABLES_VERSION = 1


def opencc_path(name: str) -> Path:
    """One of OpenCC's character tables in the installed opencc-python-reimplemented package's
    data, found without importing its converter."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("opencc-python-reimplemented is not installed (TYP010 needs its tables)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / f"{name}.txt"


def opencc_table(name: str) -> dict[str, list[str]]:
    """One of OpenCC's character tables (``<char>\\t<candidates>``) as a dict."""
    table = {}
    for line in opencc_path(name).read_text(encoding="utf-8").splitlines():
        char, _, candidates = line.partition("\t")
        table[char] = candidates.split()
    return table


@cache
def script_tables() -> tuple[dict[str, list[str]], frozenset[str]]:
    """(traditional-only character -> its simplified forms, simplified-only characters).

    A character counts only when it is one script's and not the other's: 乾 (乾坤), 於 (a
    surname), 夥 and 瞭 are simplified too, since OpenCC lists them among their own
    conversions, and are never reported.

    Kept in the user's cache folder (``table_cache.derived``, named by the two files' stamps):
    parsing them into dicts was 32 M instructions of every process (benchmarks/speed/NOTES.md,
    round 25); TYP010's automaton needs the traditional characters at start-up, and ``json``
    reads them back in C."""
    from gongwen.analysis import table_cache

    stamps = [table_cache.stamp(opencc_path(name)) for name in _OPENCC_TABLES]  # before the build reads them
    kept = table_cache.derived("script-tables", _SCRIPT_TABLES_VERSION, stamps, _script_tables_built)
    return kept["traditional"], frozenset(kept["simplified"])


def _script_tables_built() -> dict[str, object]:
    ts, st = (opencc_table(name) for name in _OPENCC_TABLES)
    traditional = {k: v for k, v in ts.items() if k not in v and k not in st}
    simplified = sorted(k for k, v in st.items() if k not in v and k not in ts)
    return {"traditional": traditional, "simplified": simplified}


@cache
def _traditional_finder() -> Keys:
    """The traditional-only characters as one automaton: a document is scanned in Rust, and
    one without any (the common case) costs no Python step per character."""
    return Keys(sorted(script_tables()[0]))


@cache
def _simplified_count() -> code_point_count.Count:
    """``count(text, end)``: how many simplified-only characters ``text[:end]`` holds. In C, a
    bit test a character (``_code_point_count``); ``str.translate`` deleting them, a dict
    look-up a character, cost 33 M instructions on the 12 of the speed benchmark's first 400
    files that hold a traditional character (benchmarks/speed/NOTES.md, round 26). Either way
    no automaton to build: the one that counted them before cost 40 M instructions (round 25)."""
    return code_point_count.counter(map(ord, script_tables()[1]))


# An item of its own: between a line's ends, the separators of a link bar, brackets, blanks
# or after a field's colon (切换语言：繁體中文).
_ITEM_EDGE_BEFORE = r"(?:^|(?<=[|｜/／·•\s【\[（(「：:]))"
_ITEM_EDGE_AFTER = r"(?=$|[|｜/／·•\s】\]）)」])"


@cache
def _autonym_items() -> regex.Pattern:
    """The names of the traditional script standing as items of their own (a language
    switch's label, written in the script it switches to): data/script_autonyms.txt."""
    return pattern_cache.regex_compile(
        rf"{_ITEM_EDGE_BEFORE}(?:{lexicon.pattern('script_autonyms.txt')}){_ITEM_EDGE_AFTER}",
        regex.MULTILINE)


def _label_spans(text: str) -> list[tuple[int, int]]:
    # Every label holds one of the names: a text holding none (nearly every document with a
    # traditional character) is not searched. The pattern's edge, a lookbehind or ``^``, had
    # ``regex`` try it at every character of the document (~100 instructions each).
    if not any(map(text.__contains__, _autonym_cores())):
        return []
    return [m.span() for m in _autonym_items().finditer(text)]


@cache
def _autonym_cores() -> tuple[str, ...]:
    """The script names that hold no other one (繁體 for 繁體中文, 繁體版 …): a text holds a name
    only if it holds one of these."""
    names = lexicon.words("script_autonyms.txt")
    return tuple(sorted(n for n in names if not any(o != n and o in n for o in names)))


def _mostly_simplified(text: str, traditional: int) -> bool:
    """Whether the text has at least ``traditional`` simplified-only characters, counted over
    growing prefixes: a simplified text says so within its first lines, and the whole text is
    counted only when it is close, so the cost stays linear in its length."""
    size = 4096
    count = _simplified_count()
    while True:
        if count(text, size) >= traditional:
            return True
        if size >= len(text):
            return False
        size *= 4


class TraditionalCharacter(Rule):
    """## What it does
    检查简体文稿中混入的繁体字，例如 `我們`、`堅持`、`發展`，以 OpenCC 的繁简对照表
    （opencc-python-reimplemented 所带的 TSCharacters/STCharacters）为据，给出简体字。

    ## Why is this bad?
    《中华人民共和国国家通用语言文字法》要求公文使用规范汉字；繁体字混入简体文稿，多是从
    网页、港台材料或旧文档复制时带入的，属于用字错误。
    不报告：通篇用繁体写成的文稿（繁体专用字多于简体专用字时，视为繁体文稿，整篇不查）；
    繁简两用的字（`乾坤`的“乾”、姓“於”、`瞭望`的“瞭”）；自成一项的繁体名称（网站语言切换栏的
    `繁體 | English`，按惯例用它所切换到的字体书写；写在句子里的 `繁體字` 仍报告）。只有一个简体对应字时为安全修复，
    一对多（`鍾` → 钟/锺）时为不安全修复。

    ## Example
    ```text
    我们要堅持以人民为中心的發展思想。
    ```

    Use instead:
    ```text
    我们要坚持以人民为中心的发展思想。
    ```
    """

    code = "TYP010"
    name = "traditional-character"
    severity = Severity.ERROR
    scope = "document"
    fixable = True

    def shared_matchers(self) -> tuple[Keys]:
        return (_traditional_finder(),)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if text.isascii():
            return
        # Single characters never overlap: the overlapping hits are the plain search's. A lone
        # surrogate is in no key, so the hits are those in rust_safe's text, which only the
        # Rust automata below need (a search of every document's text spared).
        found = [(i, text[i]) for _, i, _ in shared_scan.matches(ctx, _traditional_finder(), text)]
        if not found:
            return
        text = rust_safe(text)  # offsets unchanged
        # A document written in the traditional script holds thousands of them (13,884 in 24 of
        # k1000's documents) and no language switch: a test per character against no label
        # cost more than the rest of the rule.
        labels = _label_spans(text)
        if labels:
            found = [(i, ch) for i, ch in found if not any(a <= i < b for a, b in labels)]
            if not found:
                return
        if not _mostly_simplified(text, len(found)):
            return  # a traditional document: its script is the author's choice
        yield from reported(found)


def reported(found: Iterable[tuple[int, str]]) -> Iterator[Violation]:
    """The violations of traditional characters ``found`` (offset, character)."""
    traditional = script_tables()[0]
    for i, ch in found:
        forms = traditional[ch]
        yield Violation(
            i, i + 1, f"简体文稿中的繁体字：“{ch}”",
            help=f"改为“{forms[0]}”" + (f"（或“{'”“'.join(forms[1:])}”）" if len(forms) > 1 else ""),
            fixes=(Fix.replace(i, i + 1, forms[0], f"改为“{forms[0]}”",
                               Applicability.SAFE if len(forms) == 1 else Applicability.UNSAFE),),
        )


RULES = (TraditionalCharacter,)
