"""TYP022 finds its listed strings through their anchors (rules/name_gap_scan.py) exactly where
the strings' own scan finds them outside their whole names, and so reports what it reported
when the strings themselves were the shared pass's keys (round 21)."""
from __future__ import annotations

import random

from support import edited

from gongwen import api
from gongwen.analysis import lexicon, shared_scan
from gongwen.document import Document
from gongwen.rules import cut_names, name_gap_scan

RND = random.Random("name gap anchors")
GAPS = name_gap_scan.name_gaps()
KEYS = sorted(GAPS)
WHOLES = sorted(set(GAPS.values()))
CHARS = "".join(sorted({c for key in KEYS for c in key}))
FILLER = "县人民政府办公室各有关部门的主任副县长王建军在第三次会议上指出，。\n"


def _texts(count: int) -> list[str]:
    """Texts dense in the listed strings, their whole names and both with random edits (a
    character left out, put in, replaced): strings overlapping, cut and run together."""
    texts = []
    for _ in range(count):
        parts = [RND.choice(KEYS if RND.random() < 0.6 else WHOLES) for _ in range(RND.randint(1, 8))]
        parts = [edited(RND, p, CHARS + FILLER, RND.randint(0, 2)) + RND.choice(("", "，", "的", FILLER[:RND.randint(0, 9)]))
                 for p in parts]
        texts.append("".join(parts))
    return texts


def _own_scan(text: str) -> list[tuple[str, int, int, str]]:
    """Every occurrence of every listed string, from the strings' own overlapping scan, but
    those inside the whole name (面从严治党 right after 全, 室副主 right before 任)."""
    found = [(KEYS[k], start, end, GAPS[KEYS[k]]) for k, start, end in shared_scan.own_matches(OWN, text)]
    return [(key, start, end, whole) for key, start, end, whole in found
            if not (whole[1:] == key and start > 0 and text[start - 1] == whole[0])
            and not (whole[:-1] == key and text.startswith(whole[-1], end))]


OWN = shared_scan.Keys(KEYS)


def test_the_anchors_find_every_occurrence_and_no_other():
    # The anchors as the document's shared pass gets them, among another matcher's keys.
    scan = shared_scan.SharedScan([shared_scan.Keys(["人民政府", "副县长", "会议"]), name_gap_scan.anchor_keys()])
    texts = _texts(800)
    found = 0
    for text in texts:
        expected = sorted(_own_scan(text))
        assert sorted(name_gap_scan.occurrences(text, scan.split(text)[1])) == expected, text
        found += len(expected)
    assert found > 800, "the texts rarely held a listed string; the test proves little"


def test_the_rule_reports_what_the_strings_own_scan_made_it_report(monkeypatch):
    linter = api.make_linter({}, select=["TYP022"])
    docs = [Document(path="r.txt", text=text) for text in _texts(300)]
    anchored = [[(d.start, d.end, d.message) for d in linter.lint(doc)] for doc in docs]
    monkeypatch.setattr(cut_names, "occurrences", lambda text, _: _own_scan(text))
    for doc in docs:
        doc._memo.clear()
    plain = [[(d.start, d.end, d.message) for d in linter.lint(doc)] for doc in docs]
    assert anchored == plain
    assert sum(map(bool, plain)) > 50, "the documents rarely made it report; the test proves little"


def test_the_anchors_file_holds_every_listed_string_once_with_its_whole_name():
    rows = [line.split("\t") for line in lexicon.entry_lines(name_gap_scan.ANCHORS)]
    listed = [(key, whole, row[0]) for row in rows for key, whole in zip(row[1::2], row[2::2])]
    assert sorted((key, whole) for key, whole, _ in listed) == sorted(GAPS.items()), (
        "rerun rules/data/build_name_gap_anchors.py after name_gaps.txt changes")
    assert all(anchor in key and len(anchor) == 3 for key, _, anchor in listed)
