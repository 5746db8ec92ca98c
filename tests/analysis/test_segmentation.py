"""The compact segmentation dictionary segments exactly as jieba's full dictionary does."""
from __future__ import annotations

import logging
import random
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path

import jieba
import regex
from support import SEED, load_script

from gongwen.analysis import lexicon
from gongwen.analysis.segmentation import LazyTokenizer, _Frequencies

ROOT = Path(__file__).resolve().parents[2]


def _build_module():
    return load_script(ROOT / "rules" / "data" / "build_segmentation_dict.py", "build_segmentation_dict")


@cache
def tokenizers() -> tuple[jieba.Tokenizer, LazyTokenizer]:
    jieba.setLogLevel(logging.WARNING)
    full, lazy = jieba.Tokenizer(), LazyTokenizer()
    full.initialize()
    for word in sorted(lexicon.words("segmentation_words.txt")):
        full.add_word(word)
        lazy.add_word(word)
    return full, lazy


def _texts() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")]
    for code in ("TYP001", "TYP002"):
        cases = tomllib.loads((ROOT / "fixtures" / "rules" / f"{code}.toml").read_text(encoding="utf-8"))
        texts += [case.get("fail") or case["pass"] for case in cases["case"]]
    texts.append("学法用法一规划两纲要的的了了解考考试建建设事事故钉钉子市市通高铁博士博士后")
    return texts


def test_shipped_dictionary_is_what_the_build_script_derives_from_jieba():
    """Fails after a jieba upgrade changes dict.txt: rerun rules/data/build_segmentation_dict.py."""
    build = _build_module()
    shipped = (ROOT / "rules" / "data" / "segmentation_dict.txt").read_text(encoding="utf-8")
    assert shipped == build.build(build.jieba_dict())


def test_same_totals_and_domain_word_frequencies_as_jieba():
    full, lazy = tokenizers()
    assert lazy.total == full.total
    for word in lexicon.words("segmentation_words.txt"):
        assert lazy.FREQ.get(word) == full.FREQ[word], word


def test_same_segmentation_as_jieba_on_the_seed_and_the_cases():
    full, lazy = tokenizers()
    runs = [run for text in _texts() for run in regex.findall(r"\p{Han}+", text)]
    windows = [run[i:i + 41] for run in runs for i in range(0, len(run), 7)]
    assert len(windows) > 500
    for clause in windows:
        assert list(lazy.cut(clause)) == list(full.cut(clause)), clause
        assert list(lazy.cut(clause, HMM=False)) == list(full.cut(clause, HMM=False)), clause


def test_same_segmentation_as_jieba_on_the_genre_texts_and_random_clauses():
    """Windows of every genre text, and random clauses of their characters (many short words
    with close scores), each cut by one LazyTokenizer whose tables fill up as it goes: the DAG
    (get_DAG) and jieba's route over it give jieba's cut, HMM or not."""
    full, lazy = tokenizers()
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "fixtures" / "genres").glob("*.txt"))]
    runs = [run for text in texts for run in regex.findall(r"\p{Han}+", text)]
    clauses = [run[i:i + 41] for run in runs for i in range(0, len(run), 11)]
    rnd = random.Random(SEED.name)
    chars = sorted(set("".join(runs)))
    clauses += ["".join(rnd.choice(chars) for _ in range(rnd.randint(1, 45))) for _ in range(2000)]
    assert len(clauses) > 4000
    for clause in clauses:
        assert list(lazy.cut(clause)) == list(full.cut(clause)), clause
        assert list(lazy.cut(clause, HMM=False)) == list(full.cut(clause, HMM=False)), clause


def test_a_wrong_dag_would_be_caught():
    """The comparison above can fail: a DAG that misses the longest word of each start."""
    full, _ = tokenizers()
    lazy = LazyTokenizer()
    get_dag = lazy.get_DAG

    def short_of_the_longest(sentence):
        dag = get_dag(sentence)
        for ends in dag.values():
            if len(ends) > 1:
                del ends[-1]
        return dag
    lazy.get_DAG = short_of_the_longest
    clause = "全区领导干部年度学法考试参考率"
    assert list(lazy.cut(clause)) != list(full.cut(clause))


def test_only_the_characters_of_the_clause_are_parsed():
    lazy = LazyTokenizer(frequencies=_Frequencies)
    assert list(lazy.cut("学法法考试")) == ["学法", "法", "考试"]
    assert set(lazy.FREQ._groups) <= set("学法考试")


def test_importing_the_segmenter_skips_pkg_resources():
    code = ("import sys\n"
            "from gongwen.analysis.segmentation import LazyTokenizer\n"
            "print(list(LazyTokenizer().cut('学法法考试习近平法治思想')))\n"
            "print('pkg_resources' in sys.modules)\n"
            "import jieba.finalseg\n"
            "print(sorted(jieba.finalseg.emit_P) == ['B', 'E', 'M', 'S'])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[1:] == ["False", "True"]


def test_the_hmm_tables_wait_for_a_clause_with_an_unknown_run():
    """jieba's HMM (jieba.finalseg, its tables ~8 ms to import) is imported by the first clause
    that has a run of characters the dictionary does not join, and cuts it as jieba does."""
    code = ("import sys\n"
            "from gongwen.analysis.segmentation import LazyTokenizer\n"
            "lazy = LazyTokenizer()\n"
            "print(list(lazy.cut('学法法考试习近平法治思想')))\n"
            "print('jieba.finalseg.prob_emit' in sys.modules)\n"
            "print(list(lazy.cut('葛优躺着嘚瑟')))\n"
            "print('jieba.finalseg.prob_emit' in sys.modules)\n")
    submodule = ("from gongwen.analysis import segmentation\n"
                 "import jieba.finalseg.prob_emit as emit\n"
                 "print(sorted(emit.P))\n")  # a submodule imported first imports the package
    assert subprocess.run([sys.executable, "-c", submodule], capture_output=True, text=True,
                          check=True).stdout.strip() == "['B', 'E', 'M', 'S']"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    eager = LazyTokenizer()  # in this process the HMM is loaded by now, as before the deferral
    import jieba.finalseg  # noqa: F401
    assert out.stdout.splitlines() == [str(list(eager.cut("学法法考试习近平法治思想"))), "False",
                                       str(list(eager.cut("葛优躺着嘚瑟"))), "True"]


def _clauses_with_close_routes() -> list[str]:
    """The cases' windows, random clauses of common characters (many short words make routes
    with close scores), and random clauses that also hold characters jieba's HMM or its
    block split treat apart (Latin letters, digits, a full stop, a character past U+9FD5)."""
    runs = [run for text in _texts() for run in regex.findall(r"\p{Han}+", text)]
    clauses = [run[i:i + 41] for run in runs for i in range(0, len(run), 7)]
    rnd = random.Random("routes")
    common = "中国人民发展建设社会主义的了学法用考试工作会议"
    clauses += ["".join(rnd.choice(common) for _ in range(rnd.randint(1, 30))) for _ in range(3000)]
    rare = sorted(set("".join(runs))) + list("ab1.鿰")
    clauses += ["".join(rnd.choice(rare) for _ in range(rnd.randint(0, 30))) for _ in range(3000)]
    return clauses


def _cut_ends(tokenizer: jieba.Tokenizer, clause: str) -> tuple[int, ...]:
    ends, pos = [], 0
    for token in tokenizer.cut(clause, HMM=True):
        pos += len(token)
        ends.append(pos)
    return tuple(ends)


def _token_end_differences(token_ends, lazy: LazyTokenizer | None = None) -> tuple[int, int]:
    """(clauses where ``token_ends`` of ``lazy`` (the shared tokenizer by default) differs from
    where jieba's own cut, over its full dictionary, ends tokens; clauses tried)."""
    full, shared = tokenizers()
    lazy = lazy or shared
    clauses = _clauses_with_close_routes()
    return sum(token_ends(lazy, clause) != _cut_ends(full, clause) for clause in clauses), len(clauses)


def test_token_ends_are_where_jiebas_cut_ends_tokens():
    differ, tried = _token_end_differences(LazyTokenizer.token_ends)
    assert differ == 0 and tried > 6000


def test_the_python_route_alone_ends_tokens_where_jiebas_cut_does(monkeypatch):
    """What runs where ``_word_table.c`` is not built: the reference reader's route
    (tests/analysis/test_word_table.py compares the two where it is)."""
    called = []
    python_route = LazyTokenizer._python_route
    monkeypatch.setattr(LazyTokenizer, "_python_route",
                        lambda self, clause: called.append(clause) or python_route(self, clause))
    plain = LazyTokenizer(frequencies=_Frequencies)
    for word in sorted(lexicon.words("segmentation_words.txt")):
        plain.add_word(word)
    differ, tried = _token_end_differences(LazyTokenizer.token_ends, plain)
    assert differ == 0 and tried > 6000 and len(called) > 5000


def test_a_wrong_token_end_pass_would_be_caught():
    """The comparison can fail: a pass that never hands a run of single characters to the HMM."""
    def without_the_hmm(self, clause):
        singles = LazyTokenizer._singles
        LazyTokenizer._singles = lambda self, clause, start, end, ends: ends.extend(range(start + 1, end + 1))
        try:
            return LazyTokenizer.token_ends(self, clause)
        finally:
            LazyTokenizer._singles = singles
    differ, _ = _token_end_differences(without_the_hmm)
    assert differ > 100



def _fresh_token_end_differences(cut_before_adding: bool, frequencies: type | None = None) -> int:
    """Clauses where a LazyTokenizer of its own, given the domain words, ends tokens elsewhere
    than jieba's cut over its full dictionary with the same words. The shared tokenizer's
    tables already hold what earlier tests read (the pairs of the domain words among them),
    which hides what a first cut must read; ``cut_before_adding`` first cuts every clause
    without the domain words, so that its tables predate them and the total they change.
    ``frequencies``: as LazyTokenizer takes it."""
    full, _ = tokenizers()
    lazy, clauses = LazyTokenizer(frequencies), _clauses_with_close_routes()
    if cut_before_adding:
        for clause in clauses:
            lazy.token_ends(clause)
    for word in sorted(lexicon.words("segmentation_words.txt")):
        lazy.add_word(word)
    return sum(lazy.token_ends(clause) != _cut_ends(full, clause) for clause in clauses)


def test_a_new_tokenizer_ends_tokens_as_jieba_whether_words_come_before_or_after_cuts():
    for frequencies in (None, _Frequencies):  # the compiled table where built, the reference
        assert _fresh_token_end_differences(cut_before_adding=False, frequencies=frequencies) == 0
        assert _fresh_token_end_differences(cut_before_adding=True, frequencies=frequencies) == 0


def test_route_tables_that_miss_added_words_would_be_caught(monkeypatch):
    """The comparison can fail: a first cut that does not know which characters follow an
    added word's first one (一规划两纲要: no dictionary word begins with 一规)."""
    monkeypatch.setattr(_Frequencies, "follows", lambda self, group, first: group.seconds)
    assert _fresh_token_end_differences(cut_before_adding=False, frequencies=_Frequencies) > 0


def test_route_tables_kept_across_an_added_word_would_be_caught(monkeypatch):
    """The comparison can fail: route tables kept when a word is added (their weights are of
    the old total, their following characters without the word's)."""
    def add_word_keeping_the_tables(self, word, freq=None, tag=None):
        self.FREQ.add(word, int(freq) if freq is not None else self.suggest_freq(word, False))
        self.total += self.FREQ.extra[word]
    monkeypatch.setattr(LazyTokenizer, "add_word", add_word_keeping_the_tables)
    assert _fresh_token_end_differences(cut_before_adding=True, frequencies=_Frequencies) > 0


def _line_index(data: bytes) -> dict[bytes, bytes]:
    """The plain index: every line after the header split at its first tab."""
    lines = data.split(b"\n")
    body = 0
    while body < len(lines) and lines[body].startswith(b"# "):
        body += 1
    return dict(line.split(b"\t", 1) for line in lines[body:] if line)


def _missed_lines(freq: _Frequencies, index: dict[bytes, bytes]) -> list[bytes]:
    """The first characters whose line the bisection does not give as the plain index does:
    every character that begins a line, and random ones that begin none (before the first,
    after the last, between two, astral, a lone surrogate)."""
    rnd = random.Random("segmentation-lines")
    others = [chr(rnd.randrange(0x20, 0x10FFFF)).encode("utf-8", "surrogatepass") for _ in range(5_000)]
    others += [b"", b"\x00", b"\xff", "\ud800".encode("utf-8", "surrogatepass"), "！".encode(), "龥".encode()]
    def line(key: bytes) -> bytes | None:
        return key + b"\t" + index[key] if key in index else None

    def found(key: bytes) -> bytes | None:
        span = freq._span(key)
        return None if span is None else span[0][span[1]:span[2]]

    return [key for key in [*index, *others] if found(key) != line(key)]


def test_lines_are_found_by_bisection_as_the_plain_index_finds_them():
    data = lexicon.binary("segmentation_dict.txt")
    assert _missed_lines(_Frequencies(data), _line_index(data)) == []


def test_a_bisection_over_unsorted_lines_would_be_caught():
    """The file must be sorted by first character: a line moved out of order is lost."""
    data = lexicon.binary("segmentation_dict.txt")
    lines = data.split(b"\n")
    first = next(i for i, line in enumerate(lines) if not line.startswith(b"# "))
    lines[first], lines[first + 1] = lines[first + 1], lines[first]  # two lines swapped
    moved = b"\n".join(lines)
    assert _line_index(moved) == _line_index(data)  # the same lines
    assert _missed_lines(_Frequencies(moved), _line_index(moved)) != []


def _mixed_clauses() -> list[str]:
    """Clauses jieba's cut splits into several blocks: runs of Han characters with 〇, digits,
    Latin letters and jieba's block characters (+#&._%-), spaces, tabs, line breaks (\\r\\n is
    one of its tokens), punctuation and characters past U+9FD5 between them."""
    runs = [run for text in _texts() for run in regex.findall(r"\p{Han}+", text)]
    rnd = random.Random("blocks")
    others = list("〇〇，。、：“”（）ab1Z9+#&._%-鿰𠀋") + [" ", "  ", "\t", "\r\n", "\n", "\r", "\u3000", "二〇二〇年"]
    clauses = []
    for _ in range(4000):
        pieces = [rnd.choice(runs)[:rnd.randint(1, 12)] if rnd.random() < 0.5 else rnd.choice(others)
                  for _ in range(rnd.randint(1, 8))]
        clauses.append("".join(pieces))
    return clauses + ["", "〇", "\r\n", "二〇二〇年", "到二〇二〇年全面建成小康社会"]


def test_a_clause_of_several_blocks_ends_tokens_where_jiebas_cut_does():
    full, lazy = tokenizers()
    clauses = _mixed_clauses()
    differ = [c for c in clauses if lazy.token_ends(c) != _cut_ends(full, c)]
    # The sample must be mostly clauses of several blocks (about three in four: a clause is one
    # block when every piece is a Han run or a character jieba's Han pattern takes); the share
    # moves with the rule cases the runs are drawn from, so the floor is two in three, not a count.
    mixed = sum(jieba.re_han_default.fullmatch(c) is None for c in clauses)
    assert differ == [] and mixed * 3 > len(clauses) * 2


def test_a_wrong_block_split_would_be_caught(monkeypatch):
    """The comparison can fail: a block pass that cuts \\r\\n and spaces into characters."""
    from gongwen.analysis import segmentation

    class NoSkips:  # jieba as the segmenter sees it, but no space or line break is one token
        re_skip_default = regex.compile("(?!)")

        def __getattr__(self, name):
            return getattr(jieba, name)

    full, lazy = tokenizers()
    monkeypatch.setattr(segmentation, "jieba", NoSkips())
    clauses = _mixed_clauses()
    assert sum(lazy.token_ends(c) != _cut_ends(full, c) for c in clauses) > 100


def test_suggested_counts_are_jiebas_over_random_words():
    """LazyTokenizer.suggest_freq reads the cut without the HMM from the compiled route: its
    count for random words (common characters, domain words' pieces, rare characters, + and .
    inside, ASCII letters and digits, which go to jieba) equals jieba's own suggest_freq on
    the same tokenizer and the full jieba's, while words are added one after another."""
    full = jieba.Tokenizer()
    full.initialize()
    lazy = LazyTokenizer()
    rnd = random.Random("suggest-freq")
    pieces = list("中国人民法律规一二全市县委员会的了学用考试发展建设鿕亍丌乂") + ["法治", "一网", "+", ".", "a", "9", "服务"]
    words = sorted(lexicon.words("segmentation_words.txt"))
    words += ["".join(rnd.choices(pieces, k=rnd.randint(1, 6))) for _ in range(400)]
    for word in words:
        assert lazy.suggest_freq(word) == jieba.Tokenizer.suggest_freq(lazy, word) == full.suggest_freq(word), word
        if rnd.random() < 0.2:
            lazy.add_word(word)
            full.add_word(word)


def test_adding_the_domain_words_cuts_nothing_with_jiebas_code(monkeypatch):
    """The suggested counts of the domain words come from the compiled route, not from jieba's
    cut (its DAG and route in Python)."""
    def refused(*args, **kwargs):
        raise AssertionError("jieba's cut")
    monkeypatch.setattr(LazyTokenizer, "cut", refused)
    lazy = LazyTokenizer()
    for word in sorted(lexicon.words("segmentation_words.txt")):
        lazy.add_word(word)
    assert lazy.total == tokenizers()[0].total
