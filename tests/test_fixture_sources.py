"""No rule fixture case cites a checking-half file of shared/corpus/clean (round 21).

The checking half is counted, never read to tune: a pass case copied from it guards a fix that
was tuned until that sentence passed. ``cited_cases`` reads only the ``source`` names of
fixtures/rules/*.toml and splits them with ``in_checking_half`` (a hash of the name), so this
test needs no corpus and runs in CI."""
from __future__ import annotations

from support import ROOT, load_script

checking_copies = load_script(ROOT / "benchmarks" / "quality" / "checking_copies.py", "checking_copies")

# Cases of the rules other engineers own in round 21 (TYP013-TYP022, TRM007-TRM009): left for
# their owners to replace; a name stays harmless once its case is rewritten (its owner may remove it).
LEFT_FOR_THEIR_OWNERS = {
    ("TYP016.toml", "real_noun_prefix_zai"),
    ("TYP016.toml", "real_older_document_xiang"),
    ("TYP017.toml", "real_report_sentences"),
}


def test_no_new_fixture_case_cites_the_checking_half():
    cited = {(name, case) for name, case, _source in checking_copies.cited_cases()}
    assert cited - LEFT_FOR_THEIR_OWNERS == set(), "write the case yourself: the checking half is for counting only"

