"""The gate every data build reads shared/corpus through (rules/data/build_sources.py): the
checking half of clean/ is never read, nor a copy of one of its reports under another folder or
name (round 19: docx/ held the checking half's provincial reports). Texts written for this test;
the file names are chosen by their half (report_c and report_e are in the checking half)."""
from __future__ import annotations

import sys

from support import ROOT

sys.path.insert(0, str(ROOT / "rules" / "data"))
import build_sources  # noqa: E402
from build_character_model import texts as model_texts  # noqa: E402

sys.path.remove(str(ROOT / "rules" / "data"))

CHECKING = ("一、过去一年工作回顾。全省地区生产总值增长百分之五点二，城乡居民收入稳步提高，"
            "新建改造农村公路三千公里，完成老旧小区改造四百个，粮食总产量再创新高。") * 3
TUNING = "二、今年主要任务。坚持稳中求进工作总基调，扎实推进乡村全面振兴，深化重点领域改革。" * 3


def _corpus(tmp_path):
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "report_c.txt").write_text(CHECKING, encoding="utf-8")
    (clean / "report_a.txt").write_text(TUNING, encoding="utf-8")
    return tmp_path


def test_the_halves_are_the_benchmarks_split():
    assert build_sources.in_checking_half("report_c.txt") and build_sources.in_checking_half("report_e.txt")
    assert not build_sources.in_checking_half("report_a.txt")


def test_a_copy_of_a_checking_report_is_checking_half_under_any_folder_or_name(tmp_path):
    corpus = _corpus(tmp_path)
    (corpus / "docx").mkdir()
    (corpus / "html" / "2025").mkdir(parents=True)
    copy = corpus / "docx" / "2025年某省政府工作报告.txt"
    copy.write_text("某省人民政府\n" + CHECKING.replace("。", "。\n"), encoding="utf-8")  # another layout
    twin = corpus / "html" / "2025" / "report_a.txt"  # a tuning half's name, a checking report's text
    twin.write_text(CHECKING[: len(CHECKING) * 2 // 3], encoding="utf-8")
    quoting = corpus / "docx" / "notice.txt"  # quotes one phrase of it, otherwise its own
    quoting.write_text("会议指出，全省地区生产总值增长百分之五点二。" + TUNING, encoding="utf-8")
    assert not build_sources.may_read(corpus / "clean" / "report_c.txt")
    assert build_sources.may_read(corpus / "clean" / "report_a.txt")
    assert not build_sources.may_read(copy) and not build_sources.may_read(twin)
    assert build_sources.may_read(quoting)
    # a tuning-half name in clean/ that copies a checking report is checking half too
    (corpus / "clean" / "report_d.txt").write_text(CHECKING, encoding="utf-8")
    assert not build_sources.may_read(corpus / "clean" / "report_d.txt")


def test_the_character_model_counts_no_copy_of_the_checking_half(tmp_path):
    corpus = _corpus(tmp_path)
    for folder in ("laws", "docx"):
        (corpus / folder).mkdir()
    (corpus / "laws" / "甲条例.md").write_text("依法保障公共安全。" * 5, encoding="utf-8")
    import docx  # python-docx, a dependency: the copies in shared/corpus/docx are Word files

    document = docx.Document()
    for paragraph in CHECKING.split("。")[:-1]:
        document.add_paragraph(paragraph + "。")
    document.save(corpus / "docx" / "2025年某省政府工作报告.docx")
    counted = "".join(model_texts(corpus))
    assert "稳中求进" in counted and "保障公共安全" in counted
    assert "老旧小区" not in counted
