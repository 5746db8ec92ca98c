"""The word layers' dictionaries load only for a document that needs them (issue 19 item 5).

A run over many small pages must not pay for the segmentation dictionary (4.8 MB), the
character model (2.9 MB), the law titles or the imports of jieba and rapidfuzz when no
paragraph holds a candidate for the rules that use them. Checked by what was read and
imported, in a fresh interpreter, never by a time.
"""
from __future__ import annotations

import json
import subprocess
import sys

# The loaders record every data file read (lexicon._path is the one way to one) and the
# modules imported after each document. The first argument selects rules (empty: the
# default set); a code written -CODE is ignored instead.
_PROBE = """
import json, sys
from gongwen import api
from gongwen.analysis import lexicon
from gongwen.document import Document
read = []
_path = lexicon._path
def recording(name):
    read.append(name)
    return _path(name)
lexicon._path = recording
codes = sys.argv[1].split(",") if sys.argv[1] else []
linter = api.make_linter({}, select=[c for c in codes if not c.startswith("-")] or None,
                         ignore=[c[1:] for c in codes if c.startswith("-")])
seen = []
for text in sys.argv[2:]:
    linter.lint(Document(path="a.txt", text=text))
    seen.append({"read": sorted(set(read)),
                 "modules": sorted(m for m in ("jieba", "rapidfuzz") if m in sys.modules)})
print(json.dumps(seen))
"""

# Official prose with nothing for the word rules: no doubled character, no book title, no
# protected formulation near a slip, no traditional character.
PLAIN = ("为进一步规范政务公开工作，市政府办公室组织开展专项检查。检查覆盖全市十二个区县，"
         "共抽查网站八十家，发现问题三十一个，已全部整改完毕。下一步，将进一步健全工作机制，"
         "推动信息发布及时准确。")
HEAVY = {"segmentation_dict.txt", "official_trigrams.txt", "character_candidates.txt", "law_titles.tsv",
         "confusable_chars.txt", "official_bigrams.txt"}
# TYP013's character model: it judges every character of any prose.
CHARACTER_MODEL = {"official_trigrams.txt", "character_candidates.txt"}


def probe(codes: str, *texts: str) -> list[dict[str, list[str]]]:
    out = subprocess.run([sys.executable, "-c", _PROBE, codes, *texts], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_a_document_without_candidates_loads_no_dictionary():
    """The default rule set on about 2 KB of prose reads the character model and no other
    dictionary: TYP013 (on by default since round 12) judges every character with the model,
    so any prose is a candidate for it; without it, nothing heavy is read."""
    (plain,) = probe("", PLAIN * 8)
    assert HEAVY & set(plain["read"]) == CHARACTER_MODEL, plain["read"]
    assert plain["modules"] == []
    (without_suspects,) = probe("-TYP013", PLAIN * 8)
    assert HEAVY.isdisjoint(without_suspects["read"]), without_suspects["read"]
    assert without_suspects["modules"] == []


def test_each_dictionary_loads_with_the_first_candidate_that_needs_it():
    """The probe can fail: a doubled character needs the segmenter, a book title the law
    titles, and the character model loads for TYP013 on any prose it judges."""
    plain, doubled, title = probe("TYP001,TRM008", PLAIN, "年度学法法考试。", "依据《中华人民共和国行政复义法》办理。")
    assert "segmentation_dict.txt" not in plain["read"] and "law_titles.tsv" not in plain["read"]
    assert "segmentation_dict.txt" in doubled["read"] and "jieba" in doubled["modules"]
    assert "law_titles.tsv" in title["read"] and "rapidfuzz" in title["modules"]
    (suspect,) = probe("TYP013", "健全长效发展机智。")
    assert {"official_trigrams.txt", "character_candidates.txt"} <= set(suspect["read"])


def test_the_pair_counts_load_with_a_near_miss_that_needs_them():
    """The phrase matcher is built for every document, from the small table of its own pairs;
    the full table of pair counts loads only when a near miss is judged by the pair at its
    edge (义道 after 中国特设社会主义), or a user's roster name has pairs the small table lacks."""
    plain, near_miss = probe("TRM007,TRM009", PLAIN, "坚持中国特设社会主义道路。")
    assert "phrase_bigrams.txt" in plain["read"] and "official_bigrams.txt" not in plain["read"]
    assert "official_bigrams.txt" in near_miss["read"]
