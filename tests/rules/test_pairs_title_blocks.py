"""PUN003's title blocks (a title laid out over several lines, 关于印发《… / …方案》的通知) open
only at a line with an unclosed mark, which does not nest: ``_title_block_marks`` tries only
those lines (``_lone_units``), not every title-like line. Over random documents of title-like
lines, prose and marks opened on one line and closed on another, its map equals the one built
by trying every line, and no line whose marks nest is asked whether it is title-like."""
from __future__ import annotations

from gongwen import api
from gongwen.analysis import pairs as pair_scan
from gongwen.document import Document
import gongwen.rules.pairs as pairs_rules
from support import marked_line_documents

_SHORT = ["关于印发", "实施方案", "的通知", "工作要点", "（一）", "《条例》", "“放管服”", "某某市", "2024年", " "]
_LONG = ["加快法治政府建设，坚决做到依法行政。", "推进“互联网+政务服务”；", "按照（试行）办法执行",
         "学习《关于印发〈纲要〉的通知》精神。", "don't", "(except holidays)", "一二三四五六七八九十" * 4]
_LONE = ["《", "》", "“", "”", "（", "）", "〈", "〉", "‘", "’", "【", "】", "(", ")"]


def _documents(count: int) -> list[str]:
    return marked_line_documents("pairs-title-blocks", count, _SHORT, _LONG, _LONE, short_share=0.7, blank_share=0.3)


def _every_line(doc: Document) -> dict[int, set[int]]:
    """The former loop: every title-like line tried as a block's first."""
    units, found = doc.units, {}
    for index, unit in enumerate(units):
        if not pairs_rules._title_like(unit):
            continue
        open_at = {pairs_rules.OPENERS[unit.text[i]]: i for i, problem, _ in pairs_rules._problems(doc, unit)
                   if problem == "unclosed"}
        for later in units[index + 1:index + pairs_rules._TITLE_LINES]:
            if not open_at or not pairs_rules._title_like(later):
                break
            for i, problem, _ in pairs_rules._problems(doc, later):
                kind = pairs_rules.CLOSERS.get(later.text[i])
                if problem == "unopened" and kind in open_at:
                    found.setdefault(index, set()).add(open_at.pop(kind))
                    found.setdefault(later.index, set()).add(i)
    return found


def test_title_blocks_equal_trying_every_line():
    blocks = 0
    for text in _documents(3_000):
        doc = api.document_from_text(text)
        got = pairs_rules._title_block_marks(doc)
        assert got == _every_line(api.document_from_text(text)), text
        blocks += bool(got)
    assert blocks > 100  # the documents do lay titles out over several lines


def test_only_lines_around_a_lone_mark_are_asked(monkeypatch):
    """A line is asked whether it is title-like only if its marks do not nest, or within a
    block's reach after such a line; a document whose lines all nest asks none."""
    asked: list[int] = []
    plain = pairs_rules._title_like

    def counting(unit):
        asked.append(unit.index)
        return plain(unit)

    monkeypatch.setattr(pairs_rules, "_title_like", counting)
    nesting_only = 0
    for text in _documents(1_000):
        doc = api.document_from_text(text)
        asked.clear()
        pairs_rules._title_block_marks(doc)
        lone = [k for k, u in enumerate(doc.units) if not pair_scan.nests(u.text)]
        assert pairs_rules._lone_units(doc) == lone
        reach = {k + d for k in lone for d in range(pairs_rules._TITLE_LINES)}
        assert set(asked) <= reach, text
        if not lone and len(doc.units) > 1:
            nesting_only += 1
            assert not asked
    assert nesting_only > 20
