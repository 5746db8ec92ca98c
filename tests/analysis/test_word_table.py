"""The segmentation dictionary read in place by ``_word_table.c`` (``_CompiledFrequencies``)
answers as its Python reference (``_Frequencies``, ``LazyTokenizer._python_route``): ``get``
of every word and first character of the shipped dictionary and of generated strings,
``words`` of every pair, the best route of thousands of clauses, with the domain words and
other added words (whose counts win), on the shipped dictionary and on generated ones; and
it refuses lines that are not the builder's."""
from __future__ import annotations

import random
from math import log

import pytest
import regex
from support import SEED, compiled_or_skip

from gongwen.analysis import lexicon, segmentation
from gongwen.analysis.segmentation import LazyTokenizer, _CompiledFrequencies, _Frequencies

_word_table = compiled_or_skip("_word_table")

DOMAIN = sorted(lexicon.words("segmentation_words.txt"))


def _entries(data: bytes) -> tuple[list[str], list[str], list[str]]:
    """A dictionary's first characters, words and pairs, read with a plain split."""
    firsts, words, pairs = [], [], []
    for line in data.decode("utf-8").split("\n"):
        if not line or line.startswith("# "):
            continue
        first, _, seconds, *groups = line.split("\t")
        firsts.append(first)
        pairs += [first + second for second in seconds]
        for group in groups:
            words += group.split(" ")[0::2]
    return firsts, words, pairs


def _strings(rnd: random.Random, chars: list[str], words: list[str], count: int) -> list[str]:
    """Strings a look-up may be asked: words cut short or run on, random runs of the
    dictionary's characters, and characters it lacks (Latin, astral, a lone surrogate)."""
    odd = list("ab1〇鿰𠀋") + ["\ud800", ""]
    strings = []
    for _ in range(count):
        word = rnd.choice(words)
        strings += [word[:rnd.randint(0, len(word))], word + rnd.choice(chars),
                    "".join(rnd.choices(chars + odd, k=rnd.randint(1, 6)))]
    return strings


def _differences(compiled, plain, strings: list[str], pairs: list[str]) -> list:
    """What the two frequencies answer differently: get of each string (with a default too),
    words of each pair."""
    differ = [("get", s) for s in strings if compiled.get(s) != plain.get(s) or compiled.get(s, 1) != plain.get(s, 1)]
    return differ + [("words", p) for p in pairs if compiled.words(p) != plain.words(p)]


def _both(data: bytes, added: list[tuple[str, int]] = ()) -> tuple[_CompiledFrequencies, _Frequencies]:
    compiled, plain = _CompiledFrequencies(data), _Frequencies(data)
    for word, count in added:
        compiled.add(word, count)
        plain.add(word, count)
    return compiled, plain


def test_the_tokenizer_reads_the_compiled_table_where_it_is_built():
    assert isinstance(LazyTokenizer().FREQ, _CompiledFrequencies)
    assert isinstance(LazyTokenizer(frequencies=_Frequencies).FREQ, _Frequencies)


def test_every_word_and_pair_of_the_shipped_dictionary_reads_as_in_python():
    data = lexicon.binary("segmentation_dict.txt")
    firsts, words, pairs = _entries(data)
    rnd = random.Random("word-table-shipped")
    added = [(word, rnd.randint(1, 500)) for word in DOMAIN] + [("法", 7), ("中国", 99), ("鿰鿰", 3)]
    for extra in ([], added):
        compiled, plain = _both(data, extra)
        strings = firsts + words + [w for w, _ in extra] + _strings(rnd, firsts, words, 3000)
        assert _differences(compiled, plain, strings, pairs + [w[:2] for w, _ in extra if len(w) > 1]) == []
    assert len(words) > 330_000 and len(pairs) > 170_000


def _generated_dictionary(rnd: random.Random, lines: int) -> bytes:
    """A dictionary in the builder's format: first and second characters of one to four
    UTF-8 bytes, words of the pair and up to five more characters (a duplicate now and then,
    the later count wins in a dict), counts of 1 to 18 digits, some with leading zeros."""
    pool = [chr(c) for span in ((0x41, 0x5B), (0x3B1, 0x3CA), (0x4E00, 0x9FA6), (0x20000, 0x2A6D7))
            for c in range(*span)]
    alphabet = "一中国人民法的了aé€𠀋𪚥〇々"
    body = []
    for first in rnd.sample(pool, lines):
        seconds = "".join(sorted(set(rnd.choices(pool[:60] + pool[-60:] + list(alphabet), k=rnd.randint(0, 8)))))
        groups = []
        for second in seconds:
            words = [first + second + "".join(rnd.choices(alphabet, k=rnd.randint(0, 5)))
                     for _ in range(rnd.randint(1, 6))]
            counts = [rnd.choice([str(rnd.randint(1, 9)), str(rnd.randint(1, 10**6)), "00" + str(rnd.randint(1, 99)),
                                  str(rnd.randint(10**17, 10**18 - 1)), "0"]) for _ in words]
            groups.append(" ".join(f"{w} {c}" for w, c in zip(words, counts)))
        single = rnd.choice(["", str(rnd.randint(1, 500)), "0"])
        body.append("\t".join([first, single, seconds, *groups]))
    body.sort(key=lambda line: line.encode())
    return ("# total 1000 longest 12\n" + "\n".join(body) + "\n").encode()


def test_generated_dictionaries_read_as_in_python():
    rnd = random.Random("word-table-generated")
    for round_ in range(3):
        data = _generated_dictionary(rnd, 2000)
        if round_ == 1:
            data = data.rstrip(b"\n")  # no final newline
        firsts, words, pairs = _entries(data)
        added = [(rnd.choice(words), rnd.randint(1, 50)) for _ in range(20)]
        added += [(rnd.choice(firsts), 5), ("中中中", 2)]
        for extra in ([], added):
            compiled, plain = _both(data, extra)
            strings = firsts + words + _strings(rnd, firsts + list("一中国人民法的了"), words, 2000)
            assert _differences(compiled, plain, strings, pairs + [p[:2] for p in strings if len(p) >= 2]) == []


def _clauses(rnd: random.Random, chars: list[str], words: list[str], count: int) -> list[str]:
    """Runs of Han characters (jieba's blocks): of common characters, of words and characters
    (many short words, close scores, ties), of rarer characters (unknown runs), one character
    and a long one."""
    common = "中国人民发展建设社会主义的了学法用考试工作会议一二两规划纲要市县村长"
    clauses = []
    for _ in range(count):
        clauses.append("".join(rnd.choices(common, k=rnd.randint(1, 45))))
        clauses.append("".join(rnd.choices(words + list(common), k=rnd.randint(1, 12))))
        clauses.append("".join(rnd.choices(chars, k=rnd.randint(1, 45))))
    clauses += ["法", "的的", "".join(rnd.choices(common, k=3000))]
    return [c for c in clauses if segmentation.jieba.re_han_default.fullmatch(c)]


def _route_differences(clauses: list[str], compiled: LazyTokenizer, plain: LazyTokenizer) -> list[str]:
    assert all(segmentation.jieba.re_han_default.fullmatch(c) for c in clauses)  # token_ends is the route
    return [c for c in clauses if compiled.token_ends(c) != plain._python_route(c)]


def _tokenizers(added: list[str]) -> tuple[LazyTokenizer, LazyTokenizer]:
    compiled, plain = LazyTokenizer(), LazyTokenizer(frequencies=_Frequencies)
    for word in added:
        compiled.add_word(word)
        plain.add_word(word)
    return compiled, plain


def test_the_compiled_route_ends_tokens_where_the_python_route_does():
    runs = regex.findall(r"\p{Han}+", SEED.read_text(encoding="utf-8"))
    rnd = random.Random("word-table-route")
    clauses = [run[i:i + 41] for run in runs for i in range(0, len(run), 5)]
    clauses += _clauses(rnd, sorted(set("".join(runs))), DOMAIN, 3000)
    compiled, plain = _tokenizers(DOMAIN)
    assert _route_differences(clauses, compiled, plain) == [] and len(clauses) > 9000
    # words added after cuts (the total and a pair's words change), one of them a new first
    # character's and one a dictionary word's with another count
    assert compiled.FREQ.get("乄") is None  # begins no dictionary word
    for word, count in (("乄乄", 9), ("学法用", 4), ("中国", 12), ("法", 3)):
        compiled.add_word(word, count)
        plain.add_word(word, count)
    assert _route_differences(clauses + ["乄乄乄", "学法用法"], compiled, plain) == []


def test_routes_over_generated_dictionaries_are_the_python_ones():
    rnd = random.Random("word-table-generated-route")
    data = _generated_dictionary(rnd, 3000)
    firsts, words, _ = _entries(data)
    han = [c for c in firsts if "\u4e00" <= c <= "\u9fd5"]
    words = [w for w in words if segmentation.jieba.re_han_default.fullmatch(w)]
    compiled, plain = LazyTokenizer(), LazyTokenizer(frequencies=_Frequencies)
    compiled.FREQ, plain.FREQ = _both(data)
    compiled.total = plain.total = compiled.FREQ.total
    clauses = [c for _ in range(3000) for c in ("".join(rnd.choices(words + han, k=rnd.randint(1, 10))),
                                               "".join(rnd.choices(han, k=rnd.randint(1, 30))))]
    assert [compiled._han_ends(c) for c in clauses] == [plain._python_route(c) for c in clauses]


@pytest.mark.parametrize("line", [
    "中国\t\t人\t中国人 3",          # two characters before the tab
    "中",                            # no tab
    "中\t5",                          # no second characters
    "中\t\t人国\t中人 3",             # fewer groups than second characters
    "中\t\t人\t中人 3\t中国 2",       # more
    "中\t\t国人\t中国 3\t中人 3",     # second characters out of order
    "中\t5a\t国\t中国 3",             # a count that is not digits
    "中\t\t国\t中国 1234567890123456789",  # 19 digits
    "中\t\t国\t中国 x",
    "中\t\t国\t",                     # an empty group
])
def test_a_line_that_is_not_the_builders_is_refused(line):
    data = ("# total 10 longest 3\n" + line + "\n").encode()
    with pytest.raises(ValueError):
        table = _word_table.WordTable(data, data.index(b"\n") + 1)
        table.get("中")
        table.get("中国")
        table.get("中人")
        table.words("中国")


def test_lines_out_of_order_are_refused():
    data = "甲\t1\t\n乙\t1\t\n".encode()  # U+7532 before U+4E59
    with pytest.raises(ValueError):
        _word_table.WordTable(data, 0)


def test_an_added_word_with_a_surrogate_is_refused():
    table = _word_table.WordTable(b"", 0)
    with pytest.raises(ValueError):
        table.add("中\ud800", 3)
    assert table.get("中\ud800") is None


def test_many_added_words_read_and_route_as_in_python():
    """The added words are kept sorted by first character and found through a filter of those
    characters: 300 random words added in random order (first characters shared by many, a
    count set again, single characters), then every look-up, each pair's words in the order
    Python's dict holds them, and routes over clauses of those words, as the reference reads."""
    rnd = random.Random("word-table-many-added")
    data = _generated_dictionary(rnd, 2000)
    firsts, words, pairs = _entries(data)
    han = [c for c in firsts if "\u4e00" <= c <= "\u9fd5"]
    common = han[:12]
    added = [("".join(rnd.choices(common if rnd.random() < 0.5 else han, k=rnd.randint(1, 5))), rnd.randint(1, 90))
             for _ in range(300)]
    added += [(word, count + 1) for word, count in added[:20]]  # a count set again
    compiled, plain = _both(data, added)
    strings = [word for word, _ in added] + _strings(rnd, han, words, 1500)
    asked = pairs + [w[:2] for w, _ in added if len(w) >= 2]
    assert _differences(compiled, plain, strings, asked) == []
    assert [list(compiled.words(p)[0].items()) for p in asked] == [list(plain.words(p)[0].items()) for p in asked]
    route, python_route = LazyTokenizer(), LazyTokenizer(frequencies=_Frequencies)
    route.FREQ, python_route.FREQ = compiled, plain
    route.total = python_route.total = compiled.total
    clauses = ["".join(rnd.choices([w for w, _ in added] + han, k=rnd.randint(1, 12))) for _ in range(3000)]
    clauses = [c for c in clauses if segmentation.jieba.re_han_default.fullmatch(c)]
    assert [route._han_ends(c) for c in clauses] == [python_route._python_route(c) for c in clauses]


def _sorted_dictionary(data: bytes) -> bytes:
    """``data`` with each group's words in code point order, each once (its last count, as a
    dict keeps it), under the header line that says so."""
    head, _, body = data.partition(b"\n")
    lines = []
    for line in body.decode("utf-8").splitlines():
        first, single, seconds, *groups = line.split("\t")
        sorted_groups = []
        for group in groups:
            parts = group.split(" ")
            counts = dict(zip(parts[0::2], parts[1::2]))
            sorted_groups.append(" ".join(f"{w} {counts[w]}" for w in sorted(counts)))
        lines.append("\t".join([first, single, seconds, *sorted_groups]))
    return segmentation.SORTED_GROUPS + b"\n" + head + b"\n" + "\n".join(lines).encode() + b"\n"


def test_sorted_groups_read_and_route_as_in_python():
    """A dictionary whose header says its groups are sorted is read only up to the first word
    past the text: every look-up, each pair's words and routes (added words too) as the Python
    reference reads them."""
    rnd = random.Random("word-table-sorted")
    data = _sorted_dictionary(_generated_dictionary(rnd, 2500))
    body = data.index(b"\n# total") + 1
    body = data.index(b"\n", body) + 1
    assert segmentation.sorted_groups(data, body)
    firsts, words, pairs = _entries(data)
    han = [c for c in firsts if "\u4e00" <= c <= "\u9fd5"]
    for extra in ([], [(rnd.choice(words), rnd.randint(1, 50)) for _ in range(30)]):
        compiled, plain = _both(data, extra)
        strings = firsts + words + _strings(rnd, firsts + list("一中国人民法的了"), words, 3000)
        strings += [w + w for w in words[:2000]] + [w[:-1] for w in words[:2000]] + [w + "\ud800" for w in words[:500]]
        assert _differences(compiled, plain, strings, pairs + [p[:2] for p in strings if len(p) >= 2]) == []
        route, python_route = LazyTokenizer(), LazyTokenizer(frequencies=_Frequencies)
        route.FREQ, python_route.FREQ = compiled, plain
        route.total = python_route.total = compiled.total
        hanwords = [w for w in words if segmentation.jieba.re_han_default.fullmatch(w)]
        clauses = ["".join(rnd.choices(hanwords + han, k=rnd.randint(1, 12))) for _ in range(3000)]
        assert [route._han_ends(c) for c in clauses] == [python_route._python_route(c) for c in clauses]


def test_the_sorted_reading_is_used_and_believes_the_header():
    """The shipped dictionary says its groups are sorted, and a dictionary that says so but is
    not is read differently (words after one past the text are not seen): the flag is what the
    reader goes by."""
    data = lexicon.mapped("segmentation_dict.txt")
    from gongwen.analysis.segmentation import _header
    assert segmentation.sorted_groups(data, _header(data)[2])
    unsorted = b"# total 100 longest 4\n" + "中\t\t国\t中国人 5 中国 7".encode() + b"\n"
    claimed = segmentation.SORTED_GROUPS + b"\n" + unsorted
    assert _word_table.WordTable(unsorted, unsorted.index(b"\n") + 1).get("中国") == 7
    table = _word_table.WordTable(claimed, claimed.index(b"\n", claimed.index(b"# total")) + 1, True)
    assert table.get("中国") is None  # 中国人 sorts after the text 中国: the group is left there
    assert table.route("中国", 10.0) != _word_table.WordTable(unsorted, unsorted.index(b"\n") + 1).route("中国", 10.0)
