"""TYP019 (rules/clause_cut_pairs.py): the places its set shortcut finds (a listed pair before a
stop, and the text's end) are exactly the places a plain scan of every clause end finds, the
data says what the generator's rules say, and the tuning batch's cut words are found without
flagging its correct twins."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis.evidence import is_word
from gongwen.rules import clause_cut_pairs as cp
from gongwen.rules.truncated_words import bare_end, completions
from support import compiled_or_skip

STOPS = "，。；！？"


def plain_places(text: str) -> list[int]:
    """Every character before a stop or at the text's end whose pair with the one before is
    listed, judged by bare_end alone."""
    table = cp.cut_pairs()
    return [at for at in range(1, len(text))
            if (at + 1 == len(text) or text[at + 1] in STOPS) and text[at - 1:at + 1] in table
            and bare_end(text, at)]


def _pieces() -> list[str]:
    """Listed pairs, their completions, their characters alone, stops and the layouts bare_end
    reads, so random strings hold many places of every kind."""
    rng = random.Random("pieces")
    pairs = rng.sample(sorted(cp.cut_pairs()), 300)
    words = [w for p in pairs for w in cp.cut_pairs()[p]]
    return (pairs * 3 + words + [c for p in pairs for c in p] + list(STOPS) * 40 + list("、：“”\n") * 6
            + ["12", "5%", " ", "　", "联系人：", "欧阳", "的", "工作", "A", "整体", "提升"])


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("scan", ["compiled", "re"])
def test_the_set_shortcut_finds_what_a_plain_scan_finds(seed, scan, monkeypatch):
    """Both ways to the places before stops: the compiled pair scan (round 22) and ``re``
    where the extension is not built."""
    if scan == "compiled":
        compiled_or_skip("_pair_stops")
        assert cp._scanner() is not None
    else:
        monkeypatch.setattr(cp, "_scanner", lambda: None)
    rng = random.Random(seed)
    pieces = _pieces()
    found = 0
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        expected = plain_places(text)
        assert list(cp.cut_pair_places(text)) == expected, text
        found += len(expected)
    assert found > 300  # the strings do hold places


def class_finder_places(finder, text: str) -> list[int]:
    """Round 21's way to the places before stops, kept as a reference: the class finder stops
    where a character of some listed pair, one of some listed pair and a stop stand in a row,
    and the pair is looked up there."""
    pairs = cp._pairs()
    places, at = [], finder.find(text)
    while at >= 0:
        if text[at:at + 2] in pairs:
            places.append(at + 1)
        at = finder.find(text, at + 1)
    if text[-2:] in pairs:  # the text's end
        places.append(len(text) - 1)
    return places


def test_the_pair_scan_stops_where_the_class_finder_did():
    """The compiled pair scan against round 21's class finder, in texts of each str kind (Latin-1
    letters, Han, a character beyond the BMP), the listed pairs at the start and the end."""
    compiled_or_skip("_pair_stops")
    from gongwen.analysis.class_routes import CharClass, compiled_finder

    pairs = cp._pairs()
    finder = compiled_finder([(CharClass(frozenset(ord(p[0]) for p in pairs), False),
                               CharClass(frozenset(ord(p[1]) for p in pairs), False),
                               CharClass(frozenset(map(ord, STOPS)), False))])
    rng = random.Random("kinds")
    pieces = _pieces() + ["a", "é", ",", "\x00", "𠀀", "𠀀，"]
    found = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        expected = class_finder_places(finder, text)
        assert cp._scanner().places(text) == expected, text
        found += len(expected)
    assert found > 300


def test_the_pair_table_holds_any_code_points():
    """The hash table's keys: pairs of NUL, Latin-1, BMP and astral characters, a pair and its
    reverse, stops of each width, the text's end; against a plain scan."""
    _pair_stops = compiled_or_skip("_pair_stops")
    pairs = ["\x00\x00", "ab", "ba", "é中", "中é", "𠀀中", "中𠀀", "𠀀𠀀", "中中"]
    alphabet = "\x00ab,é中。𠀀;：！"
    rng = random.Random("table")
    # the vector test (at most 8 stops), the bits alone (more), no stop but the text's end
    for stops in (",。\x00", ",。\x00;：！？、…", ""):
        scan = _pair_stops.PairStops("".join(pairs), stops)
        for _ in range(1000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
            expected = [i - 1 for i in range(2, len(text) + 1)
                        if (i == len(text) or text[i] in stops) and text[i - 2:i] in pairs]
            assert scan.places(text) == expected, (stops, text)
    with pytest.raises(ValueError):
        _pair_stops.PairStops("abc", ",")  # a pair left half
    with pytest.raises(ValueError):
        _pair_stops.PairStops("ab", "𠀀")  # a stop beyond the BMP


def test_the_data_follows_the_generators_rules():
    table = cp.cut_pairs()
    assert len(table) > 1000
    typ017 = set(completions())
    for pair, words in table.items():
        assert not is_word(pair), pair
        assert pair[1] not in typ017, pair  # TYP017's characters are judged by TYP017
        assert words and all(w[0] == pair[1] and is_word(w) for w in words), (pair, words)


def test_the_tuning_batch_of_missing_characters():
    """fixtures/typos/gaps16_*.toml (round 16, written before TYP019): words cut at a clause's
    end found by their pair (保障体，, 转型升。); no correct twin flagged by TYP019."""
    from support import ROOT, load_script

    typos = load_script(ROOT / "benchmarks" / "quality" / "typos.py", "typos_benchmark_missing_16_pairs")
    result = typos.evaluate(sentences="missing-16", extend_select=["TYP019"], preview=True)
    assert result["by_code"].get("TYP019", 0) >= 4
    assert not [text for text, codes in result["flagged"] if "TYP019" in codes]
