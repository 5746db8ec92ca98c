"""numerals.smart_reader is cn2an's smart mode, built without ``import cn2an``.

It imports cn2an's converter module without the package's ``__init__`` and builds ``Cn2An()``
with its patterns compiled on first use. Its answers (a value, or the exception and its
message) must be those of ``cn2an.cn2an(text, "smart")`` on any string: checked in a fresh
process, where the reader is built before cn2an is imported (in this one another test may have
imported cn2an already, and the reader then is the package's own converter).
"""
from __future__ import annotations

import json
import subprocess
import sys

# Builds the reader in a process that has not imported cn2an, then reads every string with it
# and with the imported package, and prints how many strings it read and where they differ.
PROBE = r"""
import json, random, sys
from gongwen.analysis import numerals

reader = numerals.smart_reader()
assert "cn2an" not in sys.modules and "proces" not in sys.modules, "the reader imported a package whole"

DIGITS = "〇零一二三四五六七八九两壹贰叁肆伍陆柒捌玖幺仨"
UNITS = "十百千万亿拾佰仟"
OTHER = "点负元圆角分整正廿0123456789.-０１萬億貳"
rng = random.Random(16)

def generated():
    for _ in range(12_000):  # any string of cn2an's characters
        n = rng.randint(1, 10)
        yield "".join(rng.choice(DIGITS + UNITS + OTHER) for _ in range(n))
    for _ in range(8_000):  # near-numbers: digits and units, sometimes 点 or Arabic digits
        n = rng.randint(1, 12)
        text = "".join(rng.choice(DIGITS[:12] + UNITS[:5] if rng.random() < 0.9 else "0123456789")
                       for _ in range(n))
        if rng.random() < 0.2:
            text += "点" + "".join(rng.choice(DIGITS[:11]) for _ in range(rng.randint(1, 4)))
        yield text
    for _ in range(4_000):  # Arabic digits with units (1万6千, 2.5亿, 40万3)
        parts = [str(rng.randint(1, 999)) + rng.choice("十百千万亿") for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.5:
            parts.append(str(rng.randint(1, 9)))
        yield "".join(parts)

def answer(read, text):
    try:
        return ["value", repr(read(text, "smart"))]
    except Exception as error:
        return [type(error).__name__, str(error)]

texts = list(generated())
ours = [answer(reader, t) for t in texts]
import cn2an
assert reader is not cn2an.cn2an
theirs = [answer(cn2an.cn2an, t) for t in texts]
print(json.dumps({
    "read": len(texts),
    "values": sum(a[0] == "value" for a in theirs),
    "differ": [[t, a, b] for t, a, b in zip(texts, ours, theirs) if a != b][:20],
}))
"""


def test_smart_reader_answers_as_cn2an_does():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["read"] == 24_000 and result["values"] > 5_000  # the strings reach cn2an's grammar
    assert result["differ"] == []


def test_the_characters_read_without_proces_are_those_its_pipelines_leave_alone():
    """The reader hands cn2an's preprocessing a string of ``UNCHANGED_BY_PREPROCESS`` back
    as it is, without importing proces's table: each of those characters must be one that
    both pipelines map to itself (they map character by character)."""
    from proces.preprocess import preprocess

    from gongwen.analysis import numerals

    for char in numerals.UNCHANGED_BY_PREPROCESS:
        assert preprocess(char, pipelines=numerals._CN2AN_PIPELINES) == char, char
    assert numerals._preprocess("萬", pipelines=numerals._CN2AN_PIPELINES) == "万"  # the table, asked
    assert numerals._preprocess("１２", pipelines=numerals._CN2AN_PIPELINES) == "12"


def test_a_plain_numeral_reads_without_proces_table():
    """In a fresh process: the reader reads 1万6千 and 四百十一 without importing proces's
    preprocessing (its traditional-to-simplified table); 壹萬 imports it, and reads as cn2an does."""
    probe = (
        "import sys\n"
        "from gongwen.analysis import numerals\n"
        "reader = numerals.smart_reader()\n"
        "print(reader('1万6千', 'smart'), reader('四百十一', 'smart'), 'proces.preprocess' in sys.modules)\n"
        "print(reader('壹萬', 'smart'), 'proces.preprocess' in sys.modules, 'proces' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["16000 411 False", "10000 True False"]
