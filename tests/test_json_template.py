"""The JSON format writes each finding from a template (json_format.item_text); it must be
exactly the text of the general writer, ``"  " + dumps(to_dict(d, locate), "  ")``, which
tests/test_output_formats.py holds to json.dumps."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongwen.diagnostic import Applicability, Diagnostic, Edit, Fix, Label, Severity
from gongwen.document import Location
from gongwen.output import json_format

_TEXT = st.text(max_size=8)
_OFFSET = st.integers(min_value=0, max_value=10**7)
_LOCATION = st.builds(Location, st.integers(1, 10**6), st.integers(1, 10**6))
_FIX = st.builds(Fix, st.lists(st.builds(Edit, _OFFSET, _OFFSET, _TEXT), max_size=3).map(tuple),
                 st.sampled_from(list(Applicability)), _TEXT)
# Fields of other types than the contract's (a pack's rule may yield anything) must take the
# general path and come out as json.dumps writes them.
_ODD = st.none() | st.integers() | st.booleans() | st.floats(allow_nan=False)


@st.composite
def diagnostics(draw) -> Diagnostic:
    odd = draw(st.booleans())
    return Diagnostic(
        code=draw(_TEXT), name=draw(_TEXT), severity=draw(st.sampled_from(list(Severity))),
        message=draw(_TEXT | _ODD) if odd else draw(_TEXT), path=draw(_TEXT),
        start=draw(_OFFSET), end=draw(_OFFSET), location=draw(_LOCATION), end_location=draw(_LOCATION),
        help=draw(st.none() | _TEXT), fixes=tuple(draw(st.lists(_FIX, max_size=2))),
        labels=tuple(draw(st.lists(st.builds(Label, _OFFSET, _OFFSET, _TEXT), max_size=3))),
        notes=tuple(draw(st.lists(_TEXT | _ODD if odd else _TEXT, max_size=3))),
        matched=draw(_TEXT), fingerprint=draw(_TEXT), headline=draw(st.booleans()))


def _locate(offset: int) -> Location:
    return Location(offset // 97 + 1, offset % 97 + 1)


def _general(d: Diagnostic, locate) -> str:
    return "  " + json_format.dumps(json_format.to_dict(d, locate), "  ")


@settings(max_examples=3_000, deadline=None)
@given(diagnostics(), st.sampled_from([_locate, None]))
def test_the_template_writes_what_the_general_writer_writes(d, locate):
    assert json_format.item_text(d, locate) == _general(d, locate)


def test_the_comparison_catches_a_template_one_space_off(monkeypatch):
    """A template that indents an edit's location one level too shallow (the kind of slip a
    hand-written template makes) differs from the general writer on a finding with a fix."""
    d = Diagnostic(code="X001", name="x", severity=Severity.ERROR, message="信息", path="a.txt",
                   start=3, end=5, location=Location(1, 4), end_location=Location(1, 6),
                   fixes=(Fix.replace(3, 5, "改", "改为“改”"),), labels=(Label(0, 1, "另一处"),),
                   notes=("注",))
    assert json_format.item_text(d, _locate) == _general(d, _locate)
    real = json_format._loc_text
    monkeypatch.setattr(json_format, "_loc_text",
                        lambda loc, pad: real(loc, pad[:-2] if len(pad) == 10 else pad))
    assert json_format.item_text(d, _locate) != _general(d, _locate)


@pytest.mark.parametrize("field", ["fixes", "labels", "notes"])
def test_a_missing_list_fails_as_the_general_writer_does(field):
    """A pack's finding with None for a list (fixes, labels, notes) cannot be written: the
    template must not write it as an empty list where the general writer raises (the run
    then reports the file as LNT905 in every format alike)."""
    d = replace(Diagnostic(code="X001", name="x", severity=Severity.ERROR, message="信息", path="a.txt",
                           start=3, end=5, location=Location(1, 4), end_location=Location(1, 6)),
                **{field: None})
    with pytest.raises(TypeError):
        _general(d, _locate)
    with pytest.raises(TypeError):
        json_format.item_text(d, _locate)


def test_edits_located_from_their_finding_are_where_locate_puts_them():
    """Given the line index of an identity-mapped document, an edit on its finding's line is
    located from the finding's line (stream.file_text); it must be where ``doc.locate`` puts
    it: at a line's first and last offsets, between a \\r and its \\n, on the last line, on
    another line, and for a finding whose location is not its start's (made elsewhere) or is
    on no line of the text."""
    import random

    from gongwen.document import Document

    rng = random.Random(21)
    for _ in range(400):
        text = "".join(rng.choice(["a", "文", "\n", "\r\n", "\r", ""]) for _ in range(rng.randint(0, 14)))
        doc = Document(path="a.txt", text=text)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        location = rng.choice([doc.locate(start)] * 4 + [doc.locate(rng.randint(0, len(text))),
                                                          Location(text.count("\n") + text.count("\r") + 2, 1)])
        edits = tuple(Edit(a, max(a, b), "x") for a, b in
                      ((rng.randint(0, len(text)), rng.randint(0, len(text))) for _ in range(rng.randint(1, 3))))
        d = Diagnostic(code="X001", name="x", severity=Severity.ERROR, message="信息", path="a.txt",
                       start=start, end=end, location=location, end_location=doc.locate(end),
                       fixes=(Fix(edits, Applicability.SAFE, "改"),))
        assert json_format.item_text(d, doc.locate, doc.line_index) == json_format.item_text(d, doc.locate), (text, d)


def test_the_rule_lines_and_path_kept_across_findings_are_each_findings_own(monkeypatch):
    """The rule's lines (code, name, severity) are written once per rule and severity and the
    path once per file (round 23): findings of other rules, severities (a pack's True and 2
    among them, which equal INFO and WARNING as keys) and paths, interleaved, must each be
    written as the general writer writes them, and the kept lines stay bounded."""
    monkeypatch.setattr(json_format, "_RULE_LINES_MAX", 3)
    monkeypatch.setattr(json_format, "_RULE_LINES", {})
    for i in range(60):
        d = Diagnostic(code=f"X00{i % 4}", name=f"n{i % 3}", severity=[*Severity, True, 2][i % 5],
                       message="信息", path=["a.txt", "b.txt", "a" + ".txt"][i % 3], start=3, end=5,
                       location=Location(1, 4), end_location=Location(1, 6))
        assert json_format.item_text(d, _locate) == _general(d, _locate), i
        assert len(json_format._RULE_LINES) <= 3


@pytest.mark.skipif(json_format._json_item is None, reason="gongwen.output._json_item not built")
def test_the_c_writer_is_the_python_template(monkeypatch):
    """A finding written by the C writer (gongwen.output._json_item) is the Python template's
    text, and an odd field fails there as it does in the template: a float line goes to the
    general writer (TypeError), a plain tuple for a location raises AttributeError."""
    base = Diagnostic(code="X001", name="x", severity=Severity.ERROR, message="信息\n\"引\"", path="a\\b.txt",
                      start=3, end=5, location=Location(1, 4), end_location=Location(2, 6), help="帮助",
                      fixes=(Fix((Edit(3, 5, "改"),), Applicability.SAFE, "改"),), notes=("注",),
                      labels=(Label(1, 2, "标"),), matched="文字", fingerprint="abc")
    odd = [base, replace(base, help=None), replace(base, location=Location(1.5, 4)),
           replace(base, end_location=Location(True, 2)), replace(base, start=2**70),
           replace(base, message=5), replace(base, matched=None), replace(base, fingerprint=None)]
    c_texts = [json_format.item_text(d, _locate) for d in odd]
    monkeypatch.setattr(json_format, "_json_item", None)
    assert c_texts == [json_format.item_text(d, _locate) for d in odd]
    # (a bool line is written 1 by both templates, true by json: a pack's oddity neither fixes)
    assert [t for i, t in enumerate(c_texts) if i != 3] == [_general(d, _locate) for i, d in enumerate(odd) if i != 3]
    tupled = replace(base, location=(1, 4))
    with pytest.raises(AttributeError):
        json_format.item_text(tupled, _locate)
    monkeypatch.undo()
    with pytest.raises(AttributeError):
        json_format.item_text(tupled, _locate)


@pytest.mark.skipif(json_format._json_item is None, reason="gongwen.output._json_item not built")
def test_the_c_one_edit_fix_is_the_python_template(monkeypatch):
    """A fix of one edit on its finding's line is written by one C call (round 25): for
    contents and titles with quotes, backslashes, control characters, CJK and a lone
    surrogate, edits at the line's ends and on lines past 9, a pack's applicability (its own
    enum) and a title that is no string (the general writer then), the text is the Python
    template's and the general writer's."""
    import enum
    import random

    from gongwen.document import Document

    class PackKind(enum.Enum):
        SOMETIMES = "sometimes"

    rng = random.Random(25)
    pieces = ["a", "文", '"', "\\", "\x01", "\t", "\ud800", "😀", "。"]
    findings, docs = [], []
    for _ in range(300):
        text = "".join(rng.choice(["ab", "文字", "\n"]) for _ in range(rng.randint(1, 30)))
        doc = Document(path="a.txt", text=text)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        location = doc.locate(start)
        line_start = doc.line_index.starts[location.line - 1]
        a = rng.randint(line_start, start)
        b = rng.randint(a, max(a, end if "\n" not in text[a:end] else a))
        title = rng.choice(["".join(rng.choices(pieces, k=rng.randint(0, 5))), 7])
        kind = rng.choice([*Applicability, PackKind.SOMETIMES])
        findings.append(Diagnostic(code="X001", name="x", severity=Severity.ERROR, message="信息", path="a.txt",
                                   start=start, end=end, location=location, end_location=doc.locate(end),
                                   fixes=(Fix((Edit(a, b, "".join(rng.choices(pieces, k=rng.randint(0, 5)))),),
                                              kind, title),)))
        docs.append(doc)
    c_texts = [json_format.item_text(d, doc.locate, doc.line_index) for d, doc in zip(findings, docs)]
    assert c_texts == [_general(d, doc.locate) for d, doc in zip(findings, docs)]
    monkeypatch.setattr(json_format, "_json_item", None)
    assert c_texts == [json_format.item_text(d, doc.locate, doc.line_index) for d, doc in zip(findings, docs)]
