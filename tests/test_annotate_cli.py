"""``gongwen check --annotate`` as a user runs it: a new file beside the draft (or -o), the
draft itself never written, the findings printed as usual."""
from __future__ import annotations

import shutil

import pytest
import word_review as wr
from support import FIXTURES, run_cli

from gongwen.formats import LIMITS, docx

SEED_DOCX = FIXTURES / "reports" / "yanfeng-2024.docx"


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "报告.docx"
    shutil.copyfile(SEED_DOCX, path)
    return path


def test_writes_name_gongwen_docx_beside_the_draft_and_leaves_the_draft_alone(draft):
    before = draft.read_bytes()
    result = run_cli("check", "--annotate", "--output-format", "concise", str(draft))
    assert result.returncode == 1, result.stderr.decode()
    out = draft.with_name("报告.gongwen.docx")
    assert draft.read_bytes() == before
    assert out.exists() and wr.comments(out.read_bytes())
    assert f"已写入 {out}：批注" in result.stderr.decode()
    assert "DAT001" in result.stdout.decode()  # the findings are still printed


def test_with_fix_the_fixes_are_revisions_and_the_output_path_is_o(draft, tmp_path):
    before = draft.read_bytes()
    target = tmp_path / "审阅稿.docx"
    result = run_cli("check", "--annotate", "--fix", "-o", str(target), "--exit-zero", str(draft))
    assert result.returncode == 0, result.stderr.decode()
    assert draft.read_bytes() == before
    assert not draft.with_name("报告.gongwen.docx").exists()
    accepted = docx.read(wr.review(target.read_bytes(), wr.accept), "x.docx", LIMITS).text
    rejected = docx.read(wr.review(target.read_bytes(), wr.reject), "x.docx", LIMITS).text
    assert rejected == docx.read(before, "x.docx", LIMITS).text != accepted
    assert "修订" in result.stderr.decode()


def test_an_output_that_is_the_draft_is_refused(draft):
    before = draft.read_bytes()
    result = run_cli("check", "--annotate", "-o", str(draft), str(draft))
    assert result.returncode == 2
    assert "不能覆盖原文件" in result.stderr.decode()
    assert draft.read_bytes() == before


def test_only_docx_is_annotated(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("今年,经济增长。", encoding="utf-8")
    result = run_cli("check", "--annotate", str(text))
    assert result.returncode == 2 and "只处理 .docx" in result.stderr.decode()
    assert run_cli("check", "--annotate", "-", input=b"x").returncode == 2


def test_o_needs_exactly_one_draft(draft, tmp_path):
    shutil.copyfile(draft, tmp_path / "second.docx")
    result = run_cli("check", "--annotate", "-o", str(tmp_path / "out.docx"), str(tmp_path))
    assert result.returncode == 2 and "-o 只能与一个 .docx" in result.stderr.decode()


def test_a_folder_skips_what_an_earlier_run_wrote(draft, tmp_path):
    run_cli("check", "--annotate", "--exit-zero", str(draft))
    result = run_cli("check", "--annotate", "--exit-zero", str(tmp_path))
    assert result.returncode == 0, result.stderr.decode()
    assert not (tmp_path / "报告.gongwen.gongwen.docx").exists()
    assert result.stderr.decode().count("已写入") == 1


@pytest.mark.parametrize("other", ["--diff", "--write-baseline=b.json"])
def test_annotate_does_not_combine_with_diff_or_baselines(draft, other):
    result = run_cli("check", "--annotate", other, str(draft), cwd=draft.parent)
    assert result.returncode == 2 and "--annotate 不能与" in result.stderr.decode()


def test_a_broken_draft_is_reported_and_nothing_is_written(tmp_path):
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("check", "--annotate", "--output-format", "concise", str(broken))
    assert result.returncode == 1 and "LNT901" in result.stdout.decode()
    assert not (tmp_path / "坏.gongwen.docx").exists()
