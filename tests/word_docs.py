"""A realistic draft built for the annotator's tests: every kind of content the issue names
(formatted runs, numbering, a table, a picture, a field, a hyperlink, a footnote, a header
and footer, someone's comment and tracked insertion, section properties), each holding a
finding that has a fix or one that has none.

Built with python-docx; what python-docx cannot make (a footnote, a field, a hyperlink, a
tracked insertion) is added as raw XML, the way Word writes it.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'


def tiny_png() -> bytes:
    """A 2×2 grey PNG, made here so the test needs no image file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _raw(paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(xml))


def build_report() -> bytes:
    d = docx.Document()
    section = d.sections[0]
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header.paragraphs[0].text = "某某市人民政府办公室,文件"
    section.footer.paragraphs[0].text = "第次印发"

    d.add_heading("关于2024年工作情况的报告", level=1)

    p = d.add_paragraph()
    bold = p.add_run("今年")
    bold.bold = True
    styled = p.add_run(",全市经济")  # a fix at the very start of a formatted run
    styled.italic = True
    styled.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    styled.font.size = Pt(15)
    p.add_run("增长5.2%,居民收入稳步提高。")  # one inside a run
    _raw(p, f'<w:r {DECL}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>')

    d.add_paragraph("会议于2024年3月召开:会议审议了报告。", style="List Number")

    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "说明"
    table.cell(1, 0).text = "居民收入"
    table.cell(1, 1).text = "增长5%,稳步提高"

    p = d.add_paragraph()
    run = p.add_run("图示如下,")  # the fixed comma shares its run with the picture
    run.add_picture(io.BytesIO(tiny_png()), width=Cm(1))
    p.add_run("详见附件,请查阅。")

    p = d.add_paragraph()
    p.add_run("召开区委全面依法治区委员会")
    others = p.add_run("第次会议")
    d.add_comment(others, text="此处请核对届次", author="李四", initials="LS")
    p.add_run(",通过了决定。")

    p = d.add_paragraph("原有内容。")
    _raw(p, f'<w:ins {DECL} w:id="901" w:author="张三" w:date="2025-01-02T03:04:05Z">'
            '<w:r><w:t>新增内容,继续推进</w:t></w:r></w:ins>')
    _raw(p, f'<w:del {DECL} w:id="902" w:author="张三" w:date="2025-01-02T03:04:05Z">'
            '<w:r><w:delText>删去的话,</w:delText></w:r></w:del>')
    p.add_run("。")

    p = d.add_paragraph("见第")
    _raw(p, f'<w:r {DECL}><w:fldChar w:fldCharType="begin"/></w:r>')
    _raw(p, f'<w:r {DECL}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>')
    _raw(p, f'<w:r {DECL}><w:fldChar w:fldCharType="separate"/></w:r>')
    _raw(p, f'<w:r {DECL}><w:t>3</w:t></w:r>')
    _raw(p, f'<w:r {DECL}><w:fldChar w:fldCharType="end"/></w:r>')
    p.add_run("页,详细说明。")

    p = d.add_paragraph("请访问")
    rid = d.part.relate_to("https://www.example.gov.cn/", RT.HYPERLINK, is_external=True)
    _raw(p, f'<w:hyperlink {DECL} r:id="{rid}"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
            '<w:t>政府网站,查看全文</w:t></w:r></w:hyperlink>')

    d.add_paragraph("𠀀字在前,码位按一个字符计。")
    d.add_paragraph("甲,乙,丙,丁,戊,都用了半角逗号。")

    out = io.BytesIO()
    d.save(out)
    return _with_footnote(out.getvalue())


_FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {DECL}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 数据来源于统计局,仅供参考。</w:t></w:r></w:p></w:footnote></w:footnotes>"""


def _with_footnote(data: bytes) -> bytes:
    """Add the footnotes part (python-docx has no API for it), as Word lays it out."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                root = etree.fromstring(content)
                etree.SubElement(root, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship",
                                 Id="rIdFootnotes", Type=RT.FOOTNOTES, Target="footnotes.xml")
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif info.filename == "[Content_Types].xml":
                root = etree.fromstring(content)
                etree.SubElement(root, "{http://schemas.openxmlformats.org/package/2006/content-types}Override",
                                 PartName="/word/footnotes.xml",
                                 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml")
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, content)
        zout.writestr("word/footnotes.xml", _FOOTNOTES.encode())
    return out.getvalue()
