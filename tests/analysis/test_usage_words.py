"""General usage (linter/analysis/usage_words.py: wordfreq's forms as a derived table, searched in
place) and TYP013/TYP014's use of it as a veto (rules/confusables.py ``_in_general_usage``)."""
from __future__ import annotations

import random
import subprocess
import sys

import pytest
from support import ROOT, load_script

from gongwen.analysis import lexicon
from gongwen.analysis.usage_words import IN_USE_ZIPF, TABLE, in_use
from gongwen.rules import confusables


def test_a_word_of_general_usage_is_in_use_and_a_non_word_is_not():
    assert in_use("产品") and in_use("单品")
    assert not in_use("保樟") and not in_use("龘龘") and not in_use("")


def test_a_written_form_in_use_vetoes_a_suspect_unless_the_curated_table_calls_it_a_slip():
    assert confusables._in_general_usage("特色单品", 2, 2)  # 单品 is a word of general usage
    assert "布署" in confusables._curated_wrong_forms() and in_use("布署")
    assert not confusables._in_general_usage("布署工作", 0, 2)  # in use, but a listed slip
    # Only forms holding the substitute's whole span: 服力 (of 说服力) is no evidence for 帮服.
    assert in_use("服力")
    assert not confusables._in_general_usage("群众的帮服力度", 3, 2)


def _builder():
    return load_script(ROOT / "rules" / "data" / "build_general_usage.py", "build_general_usage")


def test_the_table_is_what_wordfreq_gives_when_rebuilt():
    """The derived table holds exactly wordfreq's forms of 2 to 6 Han characters at
    ``IN_USE_ZIPF`` or more (rebuild with rules/data/build_general_usage.py after upgrading
    wordfreq), and the header names the wordfreq it came from."""
    pytest.importorskip("wordfreq")
    from importlib.metadata import version

    shipped = lexicon.text(TABLE)
    assert f"wordfreq {version('wordfreq')} " in lexicon.header(TABLE).source
    assert lexicon.split_entries(shipped) == _builder().entries(IN_USE_ZIPF)


def _probes(words: list[str]) -> list[str]:
    """The table's own entries (the first and last among them), their pieces and extensions,
    and strings that are not there."""
    rnd = random.Random("usage")
    probes = words[:50] + words[-50:] + rnd.sample(words, 2000)
    probes += [w[:-1] for w in rnd.sample(words, 500)] + [w + "的" for w in rnd.sample(words, 500)]
    probes += ["".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(rnd.randint(1, 4))) for _ in range(2000)]
    return probes + ["", "a", "\u3007", "\U0002A6D6\U0002A6D6"]


def test_bisection_answers_as_a_set_would():
    words = lexicon.split_entries(lexicon.text(TABLE))
    table, plain = lexicon.sorted_words(TABLE), set(words)
    probes = _probes(words)
    assert [p for p in probes if (p in table) != (p in plain)] == []
    assert sum(p in table for p in probes) > 2000  # both answers are asked


def test_the_comparison_catches_a_table_that_lost_its_last_line():
    words = lexicon.split_entries(lexicon.text(TABLE))
    data = lexicon.binary(TABLE)
    lost, plain = lexicon.SortedWords(data[:data.rindex(b"\n", 0, len(data) - 1) + 1]), set(words)
    assert [p for p in _probes(words) if (p in lost) != (p in plain)]


def test_asking_the_table_does_not_load_wordfreq():
    code = ("import sys, gongwen.analysis.usage_words as u; u.in_use('单品'); "
            "print('wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
