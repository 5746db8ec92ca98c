"""TRM007: the central bodies protected since round 28 (data/protected_phrases.toml's group of the
Party's and the State Council's bodies after the 2018 and 2023 reforms) less a character, and the
real names and meetings near them left alone. Sentences written for this test."""
from __future__ import annotations

from gongwen import api
from gongwen.document import Document


def _found(text: str) -> list[tuple[str, str]]:
    linter = api.make_linter({}, select=["TRM007"])
    return [(text[d.start:d.end], d.fixes[0].edits[0].content) for d in linter.lint(Document(path="t.txt", text=text))
            if d.code == "TRM007"]


def test_a_central_body_less_a_character_is_reported_with_its_name():
    assert _found("中央网络安全和信息化委员会办室印发了通知。") == [
        ("中央网络安全和信息化委员会办室", "中央网络安全和信息化委员会办公室")]
    assert _found("根据中华全国妇女联会的部署开展活动。") == [("中华全国妇女联会", "中华全国妇女联合会")]
    assert _found("国家机关事务管局发布了节能通知。") == [("国家机关事务管局", "国家机关事务管理局")]
    assert _found("中央全面深化改革委会召开会议。") == [("中央全面深化改革委会", "中央全面深化改革委员会")]


def test_local_bodies_and_meetings_near_them_are_left_alone():
    for text in ("中央社会工作会议在北京召开。", "中央金融工作会议对金融工作作出部署。",
                 "县机关事务管理局开展节能宣传。", "省科学技术协会举办科普周。", "市委财经委员会召开会议。",
                 "中共中央组织部、中共中央宣传部联合印发通知。", "中央政法委员会部署开展专项行动。"):
        assert _found(text) == [], text
