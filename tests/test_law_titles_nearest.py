"""TRM008's look-up (``LawTitles.nearest``) remembers its answers and the titles near each
length; it must answer as the plain look-up does, which lists the titles of the written
length give or take the cutoff at every call and asks rapidfuzz. Texts: the shipped titles and
their short forms with one or two slips (a character missing, added, replaced, two swapped),
two adjacent characters dropped from long ones, repealed titles slipped, and other book titles."""
from __future__ import annotations

import random

from support import slipped

from gongwen.analysis.fuzzy import LONG, diff, edit_kind
from gongwen.rules.protected import LawTitles, law_titles


def plain_nearest(titles: LawTitles, written: str) -> tuple[str, str] | None:
    """The look-up as it was: every answer worked out again, the list built per call."""
    if written in titles.dates or written in titles.repealed:
        return None
    long = len(written) >= LONG
    cutoff = 2 if long else 1
    choices = [t for n in range(len(written) - cutoff, len(written) + cutoff + 1)
               for t in titles.by_length.get(n, ())]
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    found = process.extract(written, choices, scorer=OSA.distance, score_cutoff=cutoff, limit=2)
    if not found or (len(found) == 2 and found[0][1] == found[1][1]):
        return None
    title = found[0][0]
    _, mid_p, mid_t = diff(title, written)
    kind = edit_kind(mid_p, mid_t, long)
    if kind is None or (mid_p and mid_t and set(mid_p + mid_t) <= set(titles.numerals)):
        return None
    return title, kind


def _written(rnd: random.Random, titles: LawTitles, count: int) -> list[str]:
    forms = sorted(titles.dates) + sorted(titles.repealed)
    filler = "".join(sorted({ch for t in forms for ch in t}))
    out = []
    for _ in range(count):
        title = rnd.choice(forms)
        r = rnd.random()
        if r < 0.1 and len(title) >= LONG:
            at = rnd.randrange(len(title) - 1)
            out.append(title[:at] + title[at + 2:])
        elif r < 0.2:
            out.append("关于" + title[rnd.randrange(len(title)):] + "的意见")
        else:
            once = slipped(rnd, title, filler, titles.numerals)
            out.append(slipped(rnd, once, filler, titles.numerals) if r < 0.35 and len(once) > 1 else once)
    return out


def test_the_remembered_look_up_answers_as_the_plain_one():
    titles = law_titles()
    rnd = random.Random("law-titles-nearest")
    written = _written(rnd, titles, 6_000)
    found = 0
    for w in written + written[:500]:  # asked again: the remembered answers
        answer = titles.nearest(w)
        assert answer == plain_nearest(titles, w), w
        found += answer is not None
    assert found > 2_000
    assert any(len(w) >= LONG and titles.nearest(w) for w in written)  # long titles, cutoff 2


def test_a_fresh_table_answers_alike():
    """Answers are remembered per table: another table's titles are not offered."""
    a = LawTitles([("物业管理条例", "2018-03-19")], "一二三")
    b = LawTitles([("中央储备粮管理条例", "2016-02-06")], "一二三")
    assert a.nearest("物业管理条列") == ("物业管理条例", "wrong")
    assert b.nearest("物业管理条列") is None
