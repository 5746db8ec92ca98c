"""Which stage of TYP013 drops each wrong character it misses on the tuning sets (issue 19 item 2).

    .venv/bin/python benchmarks/quality/typo_stages.py [--set SET ...] [--list]

For every substitution (the marked span and its correction of one length, differing in some
characters) of a tuning set's erroneous sentences that TYP013 does not report at the marked
span, the judge's tests are asked in the order ``confusables.plausible_suspects`` asks them, on
the sentence alone as the rule sees it (under ``SCREEN_AFTER_CACHED`` characters: judged in
Python, whose ``_best_substitute`` is the test the compiled screen mirrors), and the first one
that drops the right substitute is named:

- ``no entry`` / ``no candidate``: ``character_candidates.txt`` has no line for the character,
  or its line lacks the right character;
- ``trigram seen``: a trigram the model knows covers the place (the character fits, to it);
- a veto asked before the search (``_between_words``, ``in_parallel_frame``, ``_set_phrase``,
  short quotes);
- ``screen: …``: ``_best_substitute``'s tests (no usual pair, no known trigram through the
  substitute, the margin, another candidate ahead, the runner-up too close);
- ``word test``: ``_substitute_word`` (no common word, or the written form's word outweighs)
  and ``_rare_word`` (no word of official writing counted often enough for the margin),
  and ``word margin`` (the written form is a word and the margin under ``WORD_MARGIN``);
- the vetoes asked of a suspect (``_used_again``, ``_in_general_usage``, place names, trade
  names) and of its report (``_laid_out``: person names, one-character lists).

It reads the tuning sets only (``typos.TUNING_SETS``) and refuses any other: the held-out sets'
sentences and misses stay unseen, counted only by ``typos.py``.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path


def _sibling(name: str):
    """The benchmark script ``name``.py beside this one, registered in sys.modules first (its
    dataclasses look their module up there), whatever the current directory or sys.path."""
    spec = importlib.util.spec_from_file_location(f"{name}_for_stages", Path(__file__).resolve().parent / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


typos = _sibling("typos")
ROOT = typos.ROOT


def substitutions(sets: list[str]) -> list[tuple[str, typos.Erroneous, int, str]]:
    """(set, sentence, position of a wrong character, the right one) for every substituted
    character of the sets' erroneous sentences; spans whose correction differs in length
    (a doubled or dropped character) are no substitution and are left out."""
    found = []
    for name in sets:
        for e in typos.load_errors(typos.FIXTURES / typos.SETS[name][0]):
            span = e.text[e.start:e.end]
            if len(span) != len(e.correction):
                continue
            found += [(name, e, e.start + k, e.correction[k]) for k, (a, b) in enumerate(zip(span, e.correction)) if a != b]
    return found


def stage(text: str, at: int, right: str) -> str:
    """The first test of TYP013's judge (``plausible_suspects`` and the report's) that drops
    ``right`` at text[at], or "reported" if none does."""
    from gongwen.rules import confusables as c
    from gongwen.analysis.char_model import candidates, model
    from gongwen.analysis.evidence import in_parallel_frame
    from gongwen.analysis.person_names import names_person_at
    from gongwen.analysis.single_char_lists import first_of_single_char_list
    from gongwen.rules.characters import script_tables

    lm, table = model(), candidates()
    run = c._HAN_RUN.match(text, c._HAN_BEFORE.match(text, 0, at).start())
    if run is None or not run.start() <= at < run.end():
        return "not in a run of Han characters"
    s, start, end, i = run.group(), run.start(), run.end(), at - run.start()
    ch = s[i]
    if not script_tables()[0].keys().isdisjoint(s):
        return "traditional character in the run"
    if ch in c._NUMERALS and c.reads_as_count(text, at):
        return "numeral read as a number"
    if ch not in table:
        return "no entry (character_candidates.txt)"
    alternatives = c._alternatives(ch)
    if right not in alternatives:
        return "no candidate (pair missing)"
    if c._known_context(lm, s, i):
        return "trigram seen"
    if c._in_short_quote(text, at):
        return "veto: short quote"
    if c._between_words(text, start, end, at):
        return "veto: _between_words"
    if in_parallel_frame(text, at):
        return "veto: in_parallel_frame"
    if c._set_phrase(text, start, end, at):
        return "veto: _set_phrase"
    lo = max(0, i - 4)
    w, k = s[lo:i + 5], i - lo
    screen = _screen_stage(lm, w, k, right, alternatives)
    if screen:
        return screen
    margin = lm.span_score(w, k, right) - lm.span_score(w, k, ch) - alternatives[right]
    found = c._substitute_word(lm, w, k, right) or c._rare_word(lm, w, k, right, margin)
    if found is None:
        return "word test"
    word, word_at, written = found
    if written is not None and margin < c.WORD_MARGIN:
        return "word margin"
    if ch in c._NUMERALS and c.in_word(text, at):  # asked last of the judge's tests, as the rule does
        return "numeral inside a dictionary word"
    word_at += lo  # in the run
    taken = s[word_at:word_at + len(word)]
    if c._used_again(text, taken):
        return "veto: _used_again"
    if c._in_general_usage(s, word_at, len(word)) and not c._out_of_place(s, word_at, word):
        return "veto: _in_general_usage"
    suspect = c.Suspect(at, ch, right, word, margin, start + word_at, start)
    if c._opens_place_name(text, suspect):
        return "veto: _opens_place_name"
    if c._in_trade_name(text, at):
        return "veto: _in_trade_name"
    if names_person_at(text, at):
        return "veto: person name"
    if first_of_single_char_list(text, at):
        return "veto: one-character list"
    return "reported"


def _screen_stage(lm, w: str, k: int, right: str, alternatives: dict[str, float]) -> str | None:
    """Which of ``_best_substitute``'s tests drops ``right`` at w[k], None if it is the answer."""
    from gongwen.rules import confusables as c

    usual = (k > 0 and right in lm.usual_after(w[k - 1])) or (k + 1 < len(w) and right in c._usual_before(lm, w[k], w[k + 1]))
    if not usual:
        return "screen: no usual pair"
    if not c._fitting(lm, w, k, [(right, alternatives[right])]):
        return "screen: no known trigram through the substitute"
    best = c._best_substitute(lm, w, k, alternatives)
    if best is not None and best[1] == right:
        return None
    written = lm.span_score(w, k, w[k])
    margin = lm.span_score(w, k, right) - written - alternatives[right]
    if margin < c.MARGIN:
        return "screen: margin"
    rivals = [(lm.span_score(w, k, alt) - written - p, alt) for alt, p in alternatives.items() if alt != right]
    if any(score > margin for score, _ in rivals):
        return "screen: another candidate ahead"
    return "screen: runner-up too close"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", dest="sets", metavar="SET",
                        help=f"a tuning set ({', '.join(typos.TUNING_SETS)}); default: all of them")
    parser.add_argument("--list", action="store_true", help="also list each miss with its stage")
    args = parser.parse_args(argv)
    sets = args.sets or list(typos.TUNING_SETS)
    refused = [name for name in sets if name not in typos.TUNING_SETS]
    if refused:
        parser.error(f"not a tuning set: {', '.join(refused)} (held-out sentences stay unseen)")
    sys.path.insert(0, str(ROOT))
    from gongwen import api
    from gongwen.document import Document

    linter = api.make_linter({})  # the default rules: a miss another rule finds is told apart
    by_stage, elsewhere, rows, total = Counter(), Counter(), [], 0
    for name, e, at, right in substitutions(sets):
        total += 1
        reports = linter.lint(Document(path="sentence.txt", text=e.text))
        if typos.hits([d for d in reports if d.code == "TYP013"], at, at + 1):
            continue
        where = stage(e.text, at, right)
        others = sorted({d.code for d in reports if typos.hits([d], e.start, e.end)})
        by_stage[where] += 1
        elsewhere[where] += bool(others)
        found_by = f" (found by {', '.join(others)})" if others else ""
        rows.append(f"- {name}: {where}: {e.text[:at]}⟦{e.text[at]}→{right}⟧{e.text[at + 1:]}{found_by}")
    missed = sum(by_stage.values())
    print(f"# TYP013's misses by stage ({', '.join(sets)})\n\n{missed} of {total} substituted characters missed "
          f"by TYP013, {missed - sum(elsewhere.values())} by every default rule\n")
    print("| stage | TYP013 misses | of them found by another rule |\n| --- | --- | --- |")
    for where, n in by_stage.most_common():
        print(f"| {where} | {n} | {elsewhere[where]} |")
    if args.list:
        print("\n" + "\n".join(sorted(rows, key=lambda r: r.split(": ")[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
