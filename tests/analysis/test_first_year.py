"""The written year's first year named (outline.first_year) is ANY_YEAR's first match, found
from 年 to 年 instead of by the pattern's lookbehind at every character."""
import random

from gongwen.analysis.outline import ANY_YEAR, first_year, year_value

# Every character class the pattern reads, its neighbours, and characters of prose.
_ALPHABET = "年年年年12１２一二0359０９〇零三九十百中a\n 月."


def _reference(text: str, end: int) -> int | None:
    m = ANY_YEAR.search(text, 0, end)
    return year_value(m) if m else None


def test_first_year_is_the_patterns_first_match():
    rng = random.Random(27)
    for _ in range(20000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 24)))
        end = rng.choice((len(text), rng.randint(0, len(text) + 2), 3000))
        assert first_year(text, end) == _reference(text, end), (text, end)


def test_by_hand():
    assert first_year("2024年度工作总结", 3000) == 2024
    assert first_year("二〇二四年度工作总结", 3000) == 2024
    assert first_year("１２０２４年，2023年", 3000) == 2023  # run on from a digit: not a year
    assert first_year("编号32024年", 3000) is None
    assert first_year("2024年", 4) is None  # 年 past the end
    assert first_year("2024年", 5) == 2024
    assert first_year("3024年", 3000) is None  # a year opens with 1 or 2
