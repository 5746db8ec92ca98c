"""Applicability members are hashed by identity, in C (round 26): Enum's own __hash__ is a
Python call, made for every fix a run's tally counts and the JSON format writes. Members stay
what they were as keys: equal only to themselves, the same after a trip through pickle (what
--jobs workers send), found in the sets the tally asks."""
from __future__ import annotations

import pickle

from gongwen.diagnostic import Applicability, allowed


def test_members_are_hashed_in_c_and_keep_their_meaning_as_keys():
    assert Applicability.__hash__ is object.__hash__
    table = {member: member.value for member in Applicability}
    for member in Applicability:
        back = pickle.loads(pickle.dumps(member))
        assert back is member and table[back] == member.value and hash(back) == hash(member)
    assert Applicability("safe") in allowed(False) and Applicability.UNSAFE not in allowed(False)
    assert allowed(True) == {Applicability.SAFE, Applicability.UNSAFE}
    assert len({*Applicability, *Applicability}) == 3
