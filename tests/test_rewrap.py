"""Plain text wrapped at a fixed width (a PDF page copied, an editor's wrap column) is read with
the wrapping breaks removed: a sentence split at the width is one sentence to the rules, every
finding is reported at its place in the file, and --fix changes only the fixed characters."""
from __future__ import annotations

import random

import pytest

from gongwen import api
from gongwen.analysis.evidence import is_word
from gongwen.diagnostic import Severity
from gongwen.document import Document, OffsetMap
from gongwen.fix import fix_text
from gongwen.formats import read_plain_text, rewrap

# Written for this test: a notice and a work summary, a paragraph a line.
PARAGRAPHS = [
    "关于做好2025年度防汛工作的通知",
    "各镇人民政府、街道办事处，区直各单位：",
    "为切实做好今年防汛工作，确保人民群众生命财产安全，根据《中华人民共和国防洪法》和上级有关要求，"
    "现就有关事项通知如下。各单位要坚持人民至上、生命至上，把防汛工作作为当前的重要任务，"
    "层层压实责任，确保“思想认识到位、组织领导到位、措施落实到位”。",
    "一、加强隐患排查",
    "各镇（街道）要在2025年5月31日前完成辖区内河道、水库、山塘和地质灾害隐患点的全面排查，"
    "建立问题清单和整改台账，对排查发现的问题明确责任人和整改时限，能立即整改的要立即整改。",
    "二、强化值班值守",
    "汛期实行24小时值班和领导带班制度，值班人员要保持通信畅通，严格执行信息报送制度，"
    "遇有重大险情要在第一时间报告区防汛抗旱指挥部办公室，不得迟报、漏报、瞒报。",
    "区防汛抗旱指挥部办公室",
    "2025年4月28日",
]
PLAIN = "\n".join(PARAGRAPHS) + "\n"


def wrapped(paragraphs: list[str], width: int, newline: str = "\n") -> str:
    return newline.join(newline.join(p[i:i + width] for i in range(0, len(p), width)) for p in paragraphs) + newline


def codes(text: str, path: str = "notice.txt") -> list[tuple[str, str]]:
    doc = api.document_from_text(text, path, "text")
    return sorted((d.code, doc.text[d.start:d.end]) for d in api.make_linter({}).lint(doc))


@pytest.mark.parametrize("width", [24, 30, 37])
def test_a_wrapped_text_is_recognised_and_the_same_text_a_paragraph_a_line_is_not(width):
    lines = [ln for ln in wrapped(PARAGRAPHS, width).splitlines() if ln]
    assert rewrap.hard_wrapped(lines)
    assert not rewrap.hard_wrapped(PARAGRAPHS)


@pytest.mark.parametrize("lines", [
    # a list of short items: no width of its own
    ["联系人：王海", "电话：0731-1234567", "邮箱：wh@example.cn", "地址：人民路1号", "邮编：421001", "传真：0731-7654321"],
    # a table turned into lines, each as long as the next and none a sentence
    ["序号　项目名称　　　　　金额（万元）", "1　　道路改造工程　　　　1200", "2　　雨污分流工程　　　　860",
     "3　　老旧小区改造　　　　2400", "4　　公园提升工程　　　　530", "5　　学校扩建工程　　　　1750"],
    # too few lines to tell
    ["各镇人民政府、街道办事处，区直各单位：为切实做好", "今年防汛工作，确保人民群众生命财产安全，根据上级"],
])
def test_lines_that_are_no_wrapped_prose_are_left_alone(lines):
    assert not rewrap.hard_wrapped(lines)


@pytest.mark.parametrize("width", [24, 30, 37])
def test_a_wrapped_text_has_the_findings_of_the_same_text_unwrapped(width):
    # Quotations, titles and dates split at the width (《中华人民共和国防洪法》, 2025年5月31日)
    # are whole again: nothing found here that the one-paragraph-a-line text does not have.
    assert codes(wrapped(PARAGRAPHS, width)) == codes(PLAIN)


def test_findings_are_reported_where_they_are_in_the_file():
    text = wrapped([PARAGRAPHS[2].replace("，确保人民群众", ",确保人民群众")], 30) + wrapped(PARAGRAPHS[3:], 30)
    doc = read_plain_text(text, "notice.txt")
    assert doc.text != doc.source  # read rejoined
    found = [d for d in api.make_linter({}, select=["PUN001"]).lint(doc)]
    assert len(found) == 1
    line, column = found[0].location.line, found[0].location.column
    assert text.splitlines()[line - 1][column - 1] == ","


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fixes_change_only_the_fixed_characters_and_keep_every_line_break(newline):
    text = wrapped([p.replace("，", ",") for p in PARAGRAPHS], 30, newline)
    fixed, applied = fix_text(text, path="notice.txt")
    assert applied
    assert len(fixed) == len(text)
    assert [i for i, (a, b) in enumerate(zip(text, fixed)) if a != b] == [i for i, c in enumerate(text) if c == ","]
    assert set(fixed[i] for i, c in enumerate(text) if c == ",") == {"，"}


def test_a_fix_across_a_removed_line_break_is_not_taken():
    from gongwen.diagnostic import Fix
    from gongwen.fix import source_fix

    text = wrapped(PARAGRAPHS, 30)
    doc = read_plain_text(text, "notice.txt")
    at = doc.text.index("思想认识")
    across = next(i for i in range(len(doc.text) - 1)  # two characters a removed break parted
                  if "\n" not in doc.text[i:i + 2]
                  and doc.offset_map.to_source(i + 1) - doc.offset_map.to_source(i) > 1)
    inside = source_fix(doc, Fix.replace(at, at + 2, "思想", "t"))
    assert inside is not None and text[inside.edits[0].start:inside.edits[0].end] == "思想"
    assert source_fix(doc, Fix.replace(across, across + 2, "xx", "t")) is None


def test_every_character_read_maps_back_to_itself():
    """Over random wrapped texts (widths, CRLF, indents, half-width words): each character of
    the rejoined text is the source's character at its mapped place, except the one space
    put between Latin words where a line broke."""
    rnd = random.Random(19)
    pieces = ["防汛", "工作", "，", "。", "“", "”", "《", "》", "2025年", "Word ", "PDF ", "（一）", "　　", "a"]
    for _ in range(300):
        paragraphs = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40))) for _ in range(rnd.randint(1, 8))]
        text = wrapped(paragraphs, rnd.randint(5, 40), rnd.choice(["\n", "\r\n", "\r"]))
        joined, anchors = rewrap.rejoin(rewrap.split_lines(text))
        doc = Document(path="x.txt", text=joined, source=text, offset_map=OffsetMap(anchors))
        for i, c in enumerate(joined):
            if c in " \n":
                continue
            assert text[doc.offset_map.to_source(i)] == c


def test_a_number_cut_by_the_width_is_one_number_again():
    text = wrapped(["汛期自2025年6月1日起至9月30日止，全区共排查隐患点" + "1" * 3 + "处，整改完成率达到98.5%，"
                    "各镇（街道）要在规定时限内完成全部整改任务并报区防汛抗旱指挥部办公室备案。"] * 3, 17)
    joined = read_plain_text(text, "x.txt").text
    assert joined.count("2025年6月1日") == 3 and joined.count("98.5%") == 3 and " " not in joined


def test_text_copied_from_the_sample_pdf_reads_as_the_pdf_does():
    """The bundled report's PDF, its text layer copied page after page into a .txt (page numbers
    and running heads included, as a copy has them): the errors and warnings are the PDF
    reader's own, none from lines the page broke (read line by line: 13 PUN003 against 4)."""
    import collections
    from pathlib import Path

    import pypdf

    pdf = Path(__file__).parent.parent / "fixtures" / "reports" / "yanfeng-2024.pdf"
    copied = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)
    linter = api.make_linter({})

    def serious(doc: Document) -> collections.Counter:
        return collections.Counter(d.code for d in linter.lint(doc) if d.severity >= Severity.WARNING)

    assert rewrap.wrapped_lines(copied) is not None
    as_pdf = serious(api.read_path(pdf))
    assert as_pdf["PUN003"] and as_pdf["PUN001"]  # the sample's own defects, found either way
    assert serious(read_plain_text(copied, "copied.txt")) == as_pdf
    assert serious(Document(path="copied.txt", text=copied))["PUN003"] > as_pdf["PUN003"]  # line by line


# Written for these tests: a heading that fills the width exactly, then its first paragraph.
FULL_HEADING = "一、坚持稳中求进工作总基调，推动全区经济社会高质量发展"
BODY = ("全年地区生产总值增长5.6%，一般公共预算收入增长4.2%，城乡居民人均可支配收入分别增长5.1%和6.3%，"
        "主要经济指标增速高于全省平均水平，经济运行总体平稳、稳中有进。")


def paragraphs_of(text: str) -> list[str]:
    return read_plain_text(text, "report.txt").text.split("\n")


def test_a_blank_line_ends_a_paragraph_when_blank_lines_are_not_between_every_line():
    width = len(FULL_HEADING)
    blocks = [wrapped([p], width).rstrip("\n") for p in [PARAGRAPHS[2], FULL_HEADING, BODY, PARAGRAPHS[4]]]
    text = "\n\n".join(blocks) + "\n"
    assert rewrap.wrapped_lines(text) is not None
    found = paragraphs_of(text)
    assert FULL_HEADING in found and BODY in found  # not 一、…高质量发展全年地区生产总值…
    # Without the blank lines the heading as wide as the width cannot be told from a wrapped line.
    assert FULL_HEADING not in paragraphs_of("\n".join(blocks) + "\n")


def test_a_blank_line_inside_a_word_or_between_every_line_does_not_end_a_paragraph():
    width = len(FULL_HEADING)
    lines = wrapped([PARAGRAPHS[2], FULL_HEADING, BODY, PARAGRAPHS[4]], width).splitlines()
    # A page break copied mid-sentence, inside a word (防洪 / 法), in a text whose other breaks are single.
    cuts = [i for i in range(len(lines) - 1) if is_word(lines[i][-1] + lines[i + 1][0])]
    assert cuts
    for cut in cuts:
        page_break = "\n".join(lines[:cut + 1]) + "\n\n" + "\n".join(lines[cut + 1:]) + "\n"
        assert read_plain_text(page_break, "report.txt").text == read_plain_text("\n".join(lines) + "\n", "r.txt").text
    # A text spaced a blank line a line: blank lines say nothing; read as without them.
    spaced = "\n\n".join(lines) + "\n"
    assert paragraphs_of(spaced) == paragraphs_of("\n".join(lines) + "\n")


@pytest.mark.parametrize("indent", ["\u3000\u3000", "\u2003\u2003", "  ", "\u00a0\u00a0", "\t"])
def test_any_two_blank_characters_or_a_tab_indent_a_paragraph(indent):
    width = len(indent + FULL_HEADING)  # the indented heading fills the width
    text = "".join(wrapped([indent + p], width) for p in [PARAGRAPHS[2], FULL_HEADING, BODY, PARAGRAPHS[4], BODY])
    found = [p.strip() for p in paragraphs_of(text)]
    assert FULL_HEADING in found and BODY in found


def test_a_line_starting_with_a_decimal_is_no_numbered_item():
    # 5.6% at the start of a wrapped line goes on the sentence; 5. 加强… starts an item.
    para = PARAGRAPHS[2][:28] + "下降5.6%和4%，" + PARAGRAPHS[2][28:]  # 5.6% starts the second line
    text = wrapped(PARAGRAPHS[:2] + [para] + PARAGRAPHS[3:], 30)
    assert "\n5.6%" in text and "下降5.6%和4%" in read_plain_text(text, "report.txt").text
    assert rewrap._PARA_START.match("5. 加强隐患排查") and not rewrap._PARA_START.match("5.6%和4%")
