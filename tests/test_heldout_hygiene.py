"""benchmarks/quality/heldout_hygiene.py: what it takes for a held-out example, on texts of its own."""
from __future__ import annotations

from support import ROOT, load_script

hygiene = load_script(ROOT / "benchmarks" / "quality" / "heldout_hygiene.py", "heldout_hygiene")


def examples(held: str, tuning: str):
    found = object.__new__(hygiene.Examples)
    found.held, found.tuning = held, tuning
    return found


def test_a_slip_only_the_held_out_text_holds_is_replaced():
    found = examples(held="全面加强基层治里能力建设", tuning="全面加强基层治理能力建设")
    text, count = hygiene.strip(found, "a miss: 治里 (for 治理), found by none")
    assert (text, count) == ("a miss: … (for 治理), found by none", 1)


def test_what_the_tuning_material_holds_stays():
    found = examples(held="严格空制新增债务", tuning="写作严格空制的调校句")
    assert hygiene.strip(found, "tuning's 严格空制")[1] == 0


def test_a_list_of_topics_made_of_dictionary_words_stays():
    found = examples(held="交通水利工程", tuning="")
    assert hygiene.strip(found, "genres: 交通水利 9")[1] == 0
    assert hygiene.words_only("交通水利") and not hygiene.words_only("治里")
