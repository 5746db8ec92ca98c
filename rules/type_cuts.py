"""Local institutions that lost their one-character type word before a word only a body is
written before (TYP022): 县应急管理会同各乡镇 (应急管理局), 县自然资源负责 (自然资源局).

A local body's name is a level, a field of work and a type word (县|农业农村|局); the field alone
is a noun that official writing goes on with as one (县农业农村工作, 县应急管理体系, 市生态环境质量).
A body acts: official writing writes 会同, 负责, 批准, 依法 … right after a name and (almost) never
right after a field (``data/body_words.txt``, counted by ``data/build_body_words.py``). So a level
and a field before such a word, with no type word between, is the name cut short. A central
name without its type word is not read so: 国家 and a field is a noun phrase of its own
(遵守国家外汇管理规定: the state's rules, not 国家外汇管理局's). Nor is a field before a document
type that opens with such a word (县自然资源统计公报, 市交通运输审计报告:
``data/field_document_types.txt``): there the field is the document's subject, and 统计 opens
the document's name, not what a body does.
"""
from __future__ import annotations

from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon, shared_scan

BODY_WORDS = "body_words.txt"
DOCUMENT_TYPES = "field_document_types.txt"
LOCAL_BODIES = "institution_bodies.txt"
LOCAL_TYPE = "局"  # the type word of the local bodies read here (县农业农村局)
OTHER_TYPES = ("委员会", "委")  # a local field's other type words
# A level and a two-character field is the body's own short name (县财政, 县公安, 县民政: 由县财政
#负责 is sound); only longer fields are read as a name cut short.
MIN_FIELD = 4
# The levels a local body's name begins with (县农业农村局); 国 and 村 name no such body.
LOCAL_LEVELS = "省市县区州盟旗乡镇"


@cache
def body_words() -> frozenset[str]:
    """The words written after a body's name, never after its field."""
    return frozenset(line.split("\t")[0] for line in lexicon.entry_lines(BODY_WORDS))


@cache
def document_types() -> tuple[str, ...]:
    """The document types a field is written before as their subject (统计公报, 工作报告)."""
    return tuple(sorted(lexicon.words(DOCUMENT_TYPES)))


@cache
def cut_names() -> dict[str, str]:
    """Each local name less its type word after a level (县农业农村) -> the whole name."""
    bodies = {w for line in lexicon.entry_lines(LOCAL_BODIES) for w in line.split()}
    # A field written with two type words (卫生健康局, 卫生健康委员会) is left out: the fix would guess.
    local = [name for name in bodies if name.endswith(LOCAL_TYPE) and len(name) > MIN_FIELD
             and not any(name[:-1] + other in bodies for other in OTHER_TYPES)]
    return {level + name[:-1]: level + name for level in LOCAL_LEVELS for name in local}


@cache
def cut_keys() -> shared_scan.Keys:
    return shared_scan.Keys(sorted(cut_names()))


def type_cut_places(text: str, hits: Iterable[tuple[int, int, int]]) -> Iterable[tuple[int, int, str]]:
    """(start, end, the whole name) of each name in ``text`` cut before its type word and
    followed by a word of ``body_words`` that opens no document type (县自然资源统计公报 names
    a bulletin); ``hits``: the shared pass's hits of :func:`cut_keys`."""
    keys, table, words = cut_keys().keys, cut_names(), body_words()
    for k, start, end in hits:
        whole = table[keys[k]]
        after = text[end:end + 2]
        if after in words and not text.startswith((whole[-1], *document_types()), end):
            yield start, end, whole
