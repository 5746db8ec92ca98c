"""TYP022 (round 25): the posts of a 办事处 (街道办事处主任) cut at their end, as those of a 局, 室 or
委 are (data/post_contexts.txt). Sentences written here, not the tuning batches'."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.document import Document


def _found(text: str) -> list[str]:
    """The characters reported: the post's rest, its body's last character being the anchor."""
    linter = api.make_linter({}, select=["TYP022"])
    return [text[d.start:d.end] for d in linter.lint(Document(path="t.txt", text=text)) if d.code == "TYP022"]


@pytest.mark.parametrize("text, written", [
    ("东关街道办事处主万建国通报了拆迁进展。", "主"),        # before a name
    ("提名庞海燕为城南街道办事处主。", "主"),                # at the clause's end
    ("城北街道办事处副主柯文静带队检查。", "副主"),
])
def test_an_office_post_cut_at_its_end_is_reported(text, written):
    assert _found(text) == [written]


@pytest.mark.parametrize("text", [
    "东关街道办事处主任万建国通报了拆迁进展。",  # whole
    "此处主要介绍办理流程。",                    # 主要: a common word runs across
    "各办事处主动对接辖区企业。",                # 主动
])
def test_an_office_post_written_whole_or_a_word_running_on_is_silent(text):
    assert _found(text) == []
