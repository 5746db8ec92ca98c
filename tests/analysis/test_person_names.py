"""Where a text names people (gongwen.analysis.person_names) and lists one-character items
(gongwen.analysis.single_char_lists): the layouts TYP013 leaves alone."""
import pytest

from gongwen.analysis.person_names import names_person_at
from gongwen.analysis.single_char_lists import first_of_single_char_list


@pytest.mark.parametrize("text, char", [
    ("值班领导：副县长　蒋设平（女）", "蒋"),       # post, blank, name
    ("带队领导：副局长 蒋立军 139 0000 1234", "蒋"),  # ASCII blanks, a phone number after
    ("网格员：蒋设平", "蒋"),                     # post, colon, name
    ("联系人：蒋设平，电话：0371-1234567", "蒋"),  # a contact label
    ("成员：吕志强　蒋设平　何　菲", "蒋"),          # a list of names
    ("表彰名单：王海涛、蒋立军", "蒋"),              # names across a 、
    ("向蒋设平同志学习。", "蒋"),                  # before an honorific
    ("向蒋设平同志学习。", "设"),                  # a given name's character too
    ("任命蒋立军为县林业局局长。", "蒋"),            # an appointment
    ("拟表彰欧阳立军等同志。", "立"),               # a compound surname
    ("会议决定，接受钟秀平辞去副县长职务的请求。", "钟"),  # a resignation accepted
    ("同意欧阳明辞去县人民政府副县长职务。", "明"),
    ("批准蒋设辞职。", "设"),
])
def test_names_in_layouts_that_name_people(text, char):
    assert names_person_at(text, text.index(char))


@pytest.mark.parametrize("text, char", [
    ("党支部书记　蒋设美丽乡村示范点。", "蒋"),  # after a post, but the run goes on: prose
    ("书记处里研究决定。", "处"),               # no blank or colon after the post
    ("加快蒋设美丽乡村。", "蒋"),               # a surname's character in a sentence
    ("任命蒋设工作专班。", "蒋"),               # after 任命, but nothing a name ends at
    ("副局长　建立平台", "建"),                # 建 is no surname
    ("牵头单位：蒋设平", "蒋"),                # a colon after no post
    ("附件　蒋设", "蒋"),                      # a name's length after no post and beside no name
    ("自觉接受管理的各项要求。", "管"),          # after 接受, but no resigning after it
    ("同意王府井地区改造。", "王"),
    ("接受蒋设平台辞去", "蒋"),                 # 辞去 not right after a name's length
])
def test_not_names(text, char):
    assert not names_person_at(text, text.index(char))


@pytest.mark.parametrize("text, char, expected", [
    ("对所有猪、牛、羊进行免疫。", "猪", True),
    ("对所有鸡、鸭、鹅等开展排查。", "鸡", True),
    ("保障水、电等供应。", "水", True),
    ("对所有牛、羊肉进行检查。", "牛", False),   # the next item is longer than one character
    ("所有者、经营者", "者", False),
    ("对所有猪、牛进行免疫。", "猪", False),     # two items: 牛进 cannot be told from a word here
])
def test_first_of_a_list_of_one_character_items(text, char, expected):
    assert first_of_single_char_list(text, text.index(char)) is expected


def _layout_texts(count: int) -> list[str]:
    """Random texts of the pieces the layouts are made of: surnames, given names, posts,
    blanks, 、, colons, honorifics, appointing words, and long runs of other Han characters."""
    import random

    rnd = random.Random(13)
    pieces = ["蒋", "欧阳", "王", "设平", "立", "军", "书记", "副县长", "联系人", "　", " ", "、", "：",
              "同志", "任命", "为", "等", "加快", "示范点", "中" * 12, "建设", "，", "接受", "辞去"]
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14))) for _ in range(count)]


def test_a_run_followed_a_bounded_way_answers_as_the_whole_run(monkeypatch):
    """A call is bounded on a megabyte without punctuation: runs are followed ``_REACH``
    characters either side of the place. At every place of 3,000 random layouts the answer is
    the one with runs followed to their ends."""
    import gongwen.analysis.person_names as names

    def answers(reach: int) -> list[bool]:
        monkeypatch.setattr(names, "_REACH", reach)
        return [names.names_person_at(t, at) for t in texts for at in range(len(t))]

    texts = _layout_texts(3_000)
    whole = answers(10 ** 9)
    assert sum(whole) > 500  # names are found: the comparison is not of two "no"s
    assert answers(8) == whole
    assert answers(3) != whole  # followed too short a way, a name's run is misjudged


@pytest.mark.parametrize("text, expected", [
    ("居民韦志明在河边散步。", True),      # a noun saying what the person is, the name, 在
    ("村民代表韦设平的发言。", True),      # a speaker's role, the name, 的
    ("受表彰的群众韦秀英", True),          # the name ends the run
    ("居民韦志明主持会议", False),         # no function character after a name's length
    ("居民韦，", False),                  # a surname alone is no name
    ("建设韦志明在", False),              # no noun saying what a person is before it
    ("我在县韦志明", False),              # 县 is no noun of people
])
def test_a_name_after_a_noun_saying_what_the_person_is(text, expected):
    from gongwen.analysis.person_names import names_person_after_noun
    assert names_person_after_noun(text, text.index("韦")) is expected


@pytest.mark.parametrize("text, at, word_at, expected", [
    ("集团董事长蒋明远出席签约仪式", 5, 4, True),   # 长江 would take 董事长's 长
    ("商会会长韩立军表示", 4, 3, True),             # an association's head
    ("县农商银行行长江海出席", 7, 6, True),         # a bank's head, a two-character name
    ("集团董事长蒋明远出席签约仪式", 5, 5, False),  # the slip reading's word starts at the surname
    ("集团董事会蒋明远出席", 5, 4, False),          # 董事会 is a body, no post
    ("公司董事长办公会议", 5, 4, False),            # 办 is no surname: the post's office, judged
    ("公司董事长蒋", 5, 4, False),                  # a surname alone ends the text: no name opens
])
def test_a_name_right_after_its_post(text, at, word_at, expected):
    from gongwen.analysis.person_names import names_person_after_post
    assert names_person_after_post(text, at, word_at) is expected
