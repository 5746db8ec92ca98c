"""TYP013 leaves a word alone that the document names as a word of its own elsewhere
(rules/confusables.py ``_named_alone``): examples written here, and the pass case fails without
the veto."""
from __future__ import annotations

from gongwen import api
from gongwen.document import Document
from gongwen.rules import confusables as C

_TITLED = ("桑溪县农村供水工程运行管理办法（试行）\n\n第一条　为加强农村供水工程运行管理，制定本办法。\n"
           "第二十条　本办法自2026年3月1日起试行，有效期两年。\n")


def _typ013(text: str) -> list[str]:
    linter = api.make_linter({}, select=["TYP013"])
    return [text[d.start:d.end] for d in linter.lint(Document(path="x.txt", text=text))]


def test_a_word_the_title_names_is_the_document_s_own(monkeypatch):
    assert _typ013(_TITLED) == []
    monkeypatch.setattr(C, "_named_alone", lambda *args: False)
    assert _typ013(_TITLED) == ["试"]


def test_the_word_must_stand_alone_elsewhere():
    assert _typ013(_TITLED.replace("（试行）", "")) == ["试"]
    assert _typ013(_TITLED.replace("（试行）", "").replace("制定本办法", "先在两个乡镇试行")) == ["试"]


def test_a_run_that_is_the_word_needs_another():
    assert C._times_alone("（试行）本办法试行。", "试行") == 1
    assert C._times_alone("（试行）\n试行", "试行") == 2
