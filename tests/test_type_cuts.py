"""TYP022: a local body's name less its type word before a word only a body is written before
(rules/type_cuts.py). Sentences written here, not the tuning batches' (fixtures/typos/protect2*)."""
from __future__ import annotations

from gongwen import api
from gongwen.document import Document


def _reports(text: str) -> list[tuple[str, str]]:
    linter = api.make_linter({}, select=["TYP022"])
    return [(text[d.start:d.end], d.message) for d in linter.lint(Document(path="x.txt", text=text))]


def test_a_field_before_what_only_a_body_does_is_a_cut_name():
    for text, written in [("市交通运输负责全市公路养护的监督管理。", "市交通运输"),
                          ("区应急管理制定了森林火灾应急预案。", "区应急管理"),
                          ("镇自然资源组织开展了耕地卫片核查。", "镇自然资源")]:
        found = _reports(text)
        assert [w for w, _ in found] == [written], text
        assert found[0][1].endswith(f"“{written}”应为“{written}局”")


def test_a_field_that_goes_on_as_a_noun_or_is_written_whole_is_silent():
    for text in ["全面提升市交通运输服务水平。",          # the field goes on as a noun
                 "区应急管理工作会议部署了汛期任务。",
                 "市交通运输局负责全市公路养护。",          # the name written whole
                 "县卫生健康组织开展了义诊。",              # 卫生健康局 or 卫生健康委员会: the fix would guess
                 "由县财政负责保障所需经费。",              # 县财政: a two-character field is the body's short name
                 "县应急管理领导小组办公室设在县应急管理局。",  # 领导 is a noun: 应急管理领导小组
                 "国家外汇管理规定的用汇额度。"]:           # no level: 国家 and a field are a phrase
        assert _reports(text) == [], text
