"""Detection and false alarms on hand-written sentences with missing and wrong characters.

``fixtures/typos/errors.toml`` holds erroneous sentences of official writing with the wrong span
marked ⟦ ⟧; ``fixtures/typos/correct.toml`` correct ones, many a character away from a protected
string. Each sentence is linted alone, in-process (``gongwen.api``), with the default rules
(TYP013 among them since round 12; ``--extend-select TYP014`` adds the preview rule).

    .venv/bin/python benchmarks/quality/typos.py [--extend-select CODES] [--preview] [--part PART] [--set SET] [--write docs/typos.md]

Each sentence belongs to one of two fixed parts (``part_of``): rules are tuned on the
``tuning`` part only; the ``held-out`` part is looked at only to report, so that its rates
say how a rule does on sentences it was not fitted to.

A second set, ``unseen`` (``fixtures/typos/unseen_*.toml``, written 2026-12-05 before TYP014
was last changed), is held out as a whole: ``--set unseen`` reports on it alone. A third,
``blind`` (``fixtures/typos/blind_*.toml``, written in round 6 before any rule was run on it),
likewise: ``--set blind``. A fifth, ``round13`` (``fixtures/typos/round13_*.toml``, written in
round 13 and committed before any rule ran on it), likewise: ``--set round13``; and a sixth,
``round14`` (round 14, the same way; wrong, missing and doubled characters): ``--set round14``;
and a seventh, ``round15`` (round 15, the same way): ``--set round15``; and an eighth,
``round16`` (round 16, the same way, with more missing characters): ``--set round16``; and a
ninth, ``round17`` (round 17, the same way, with missing characters inside formulations and
institutions' names): ``--set round17``; and a tenth, ``round18`` (round 18, the same way, with
wrong and missing characters inside formulations, central institutions' names and laws' titles
and more genres): ``--set round18``; and an eleventh, ``round19`` (round 19, the same way, with
slips inside local institutions' names, posts and meetings' names too, and genres the earlier
sets lack): ``--set round19``; and a twelfth, ``round20`` (round 20, the same way, more than half
from notices, minutes, announcements, bylined news and replies): ``--set round20``; and a
thirteenth, ``round21`` (round 21, the same way, more than half from statistical bulletins,
annual disclosure reports, budget explanations, normative documents, speeches, audit and
inspection rectification and policy explanations): ``--set round21``; and a fourteenth,
``round22`` (round 22, the same way, most from personnel notices, bylined news, 述职述廉报告, work
plans, township minutes, emergency plans, research reports, commendations and replies to
petitions): ``--set round22``; and a fifteenth, ``round23`` (round 23, the same way, more than half
from 政府工作报告, 规划纲要 and 实施方案, 巡视整改 and 主题教育 summaries, replies to deputies' suggestions
and proposals, 批复 and 函, penalty decisions and licence notices, procurement notices, safety and
environment bulletins, rural revitalisation and education, health and civil-affairs summaries):
``--set round23``; and a sixteenth, ``round24`` (round 24, the same way, most from audit reports and
audit rectification, budget execution and final accounts, statistical bulletins, petition and 12345
hotline reports, business-environment reports, east-west cooperation and paired assistance, state
assets reports, NPC standing committees' law-enforcement inspections and deliberation opinions,
law-based government reports, disclosure reports, 述职述廉 and press conferences): ``--set round24``;
and a seventeenth, ``round25`` (round 25, the same way, most from the genres the earlier sets have
least: 群团 (妇联, 共青团, 工会, 残联), 退役军人事务, 科技与人才, replies to deputies' suggestions, CPPCC
proposals, 民族宗教与统战, 文旅与体育, 党建述职, 政务公开与政策解读, 组织人事任免 and 河湖长制; each row
tagged with its genre and kind of slip in ``benchmarks/quality/round25_tags.toml`` for
``tag_counts.py``): ``--set round25``; and an eighteenth, ``round26`` (round 26, the same way, most from
the genres the earlier sets have least: 司法行政与普法, 气象与防汛防灾, 商务与对外开放, 信访与12345热线,
国资国企, 街道社区, 市场监管与食品药品 and 自然资源与规划; each row tagged in
``benchmarks/quality/round26_tags.toml``): ``--set round26``; and a nineteenth, ``round27`` (round 27, the same way,
most from the genres the earlier sets have least but round 26's: 交通与水利, 卫健与医保, 教育, 司法行政与普法,
气象与防震减灾, 国资国企, 信访与12345 and 街道社区; each row tagged in
``benchmarks/quality/round27_tags.toml``): ``--set round27``; and a twentieth, ``round28`` (round 28, the same way,
most from the eight genres the earlier sets have least by a broader keyword count: 商务与对外开放, 司法行政与普法,
气象与防汛, 自然资源与规划, 国资国企, 市场监管与食品药品, 住建城管物业 and 信访与12345; each row tagged in
``benchmarks/quality/round28_tags.toml``): ``--set round28``.
``function-slips`` (``fixtures/typos/function_slips_*.toml``, round 14) is a tuning set of
function-character slips for TYP016: ``--set function-slips``; ``function-slips-15`` (round 15,
``function_slips_round15_*.toml``) a second one, written the same way; ``official-words``
(``fixtures/typos/official_words_*.toml``, round 15) one of slips inside words of today's official
writing the dictionary lacks (老旧小区, 城镇化率), for TYP013: ``--set official-words``;
``tuning16`` (``fixtures/typos/tuning16_*.toml``, round 16) one of slips in ordinary words of
every genre of official writing, written before round 16 changed anything, for TYP013;
``missing-16`` (``fixtures/typos/gaps16_*.toml``, round 16) one of characters missing inside
ordinary words and at a formulation's end: ``--set missing-16``; ``cut-17``
(``fixtures/typos/cut17_*.toml``, round 17) one of institution names and formulations cut at
their end (管理委员审议, 县人民医、): ``--set cut-17``; ``wrong18``
(``fixtures/typos/wrong18_*.toml``, round 18) a second batch of slips in ordinary words (IME
homophones, fuzzy initials and finals, shape slips, slips that are words), written before round
18 changed anything, for TYP013: ``--set wrong18``; ``wrong19`` (``fixtures/typos/wrong19_*.toml``,
round 19) a third, of notices, minutes, announcements, bulletins and regulations with their set
phrases (特此通知, 会议要求, 公示期), written before round 19 changed anything: ``--set wrong19``;
``wrong22`` (``fixtures/typos/wrong22_*.toml``, round 22) a fourth, of every genre, weighted to
fuzzy initials and finals, whole words picked for their homophones (渠道/取道, 致力/智力) and
numerals typed for characters (四想, 落十, 九近), with official abbreviations written with numerals
(三农, 七下八上, 一岗双责) among the correct ones: ``--set wrong22``; ``wrong23``
(``fixtures/typos/wrong23_*.toml``, round 23) a fifth, weighted to right words rare in the counted
texts (sector terms of 住建, 农业, 卫健, 应急, 生态环境 and 市场监管, policy words of the last five
years, three- and four-character terms), with today's policy words, places and rare surnames among
the correct ones: ``--set wrong23``; ``wrong24`` (``fixtures/typos/wrong24_*.toml``, round 24) a sixth,
of the genres the older sets have least (审计, 预决算, 统计公报, 信访, 营商环境, 国资, 执法检查, 信息公开年报,
新闻发布), weighted to common words whose slip makes no word (the screen's coverage), with places,
enterprises and people whose names look like slips among the correct ones: ``--set wrong24``;
``miss-18``
(``fixtures/typos/miss18_*.toml``, round 18) one of characters missing inside names,
formulations, meetings, laws' titles and posts (国务院常会议, 县市场监管理局): ``--set miss-18``;
``miss19`` (``fixtures/typos/miss19_*.toml``, round 19) one of characters missing inside posts,
three-character bodies, numbered meetings and names the segmenter splits (副⟦主⟧任, 县教⟦育⟧局,
二⟦次⟧会议, 人民政府⟦办⟧公室), with short forms as twins: ``--set miss19``; ``miss20``
(``fixtures/typos/miss20_*.toml``, round 20) one of characters missing inside numbered meetings,
central and local institutions, posts, formulations and laws' titles, with the short forms
official writing uses before a session number (县人大第一次会议) as twins: ``--set miss20``;
``posts21`` (``fixtures/typos/posts21_*.toml``, round 21) one of characters missing inside posts
written next to a person's name (县委⟦书⟧记张海涛, 党组书记、主⟦任⟧金晓明): ``--set posts21``;
``wordgap22`` (``fixtures/typos/wordgap22_*.toml``, round 22) one of characters dropped inside
ordinary words mid-clause (基层治⟦理⟧能力, 营⟦商⟧环境), with today's abbreviations, defined short
forms and single-character words as traps: ``--set wordgap22``.
``wordgap23`` (``fixtures/typos/wordgap23_*.toml``, round 23) a second batch of characters dropped
inside ordinary words mid-clause, other genres and words, with one-character verbs, legal phrases
and compounds with a one-character head as traps: ``--set wordgap23``.
``wordgap24`` (``fixtures/typos/wordgap24_*.toml``, round 24) a third batch of characters dropped
inside ordinary words mid-clause in other genres and words (audit, taxation, veterans, archives,
petitions, replies to suggestions), with one-character verbs and prepositions before a person or a
place, measure words, abbreviations and legal phrases as traps: ``--set wordgap24``.
``posts22`` (round 22) a second batch of posts where round 21's rule did not look (副县⟦长⟧邵明远 with
no body, 任命…为局⟦长⟧。, 县委⟦书⟧记, 副总⟦理⟧): ``--set posts22``.
``protect23`` (round 23) a character dropped (some wrong or extra) inside protected strings of every
kind — formulations, central and local institutions, posts by names, in lists and at a clause's end,
numbered meetings, laws' titles — with official short forms and posts as common words as twins:
``--set protect23``.
``protect24`` (round 24) a second batch of them, weighted to the formulations protected since round 23,
cuts before a frame (以中国式现⟦代⟧化为引领), central names cut after 委员, local bodies less their type
character (县农业农村⟦局⟧), names before a bare post's rest, with a field word after a level as a plain
noun (县应急管理体系) as twins: ``--set protect24``.
``protect28`` (round 28) a third batch of characters dropped (some wrong) inside protected strings, weighted
to local bodies' names (a place of many provinces, a level, a department's standard name: 发展和改⟦革⟧局,
人大常⟦委⟧会), with central names, numbered meetings, formulations and posts; short forms, unusual bodies,
enterprises and fields used as nouns as traps: ``--set protect28``.
``realword27`` (round 27) slips that are themselves words (部⟦属⟧ for 部署, 形⟦式⟧ for 形势, 法⟦制⟧政府),
IME homophones and shapes, with traps where the other word of the pair is right (部属单位, 形式主义,
法制宣传): ``--set realword27``.

A fourth, ``--documents``, lints whole documents (``fixtures/typos/documents`` and ``documents2``,
written in round 7 and committed before any rule was run on them), each with 0-2 slips in a name or term the same
document writes right elsewhere (``manifest.toml``): a slip is detected when a report falls on
its written form; any other report on a document is false. With ``--word-slips`` it lints
``fixtures/typos/documents3`` instead (round 8: slips in ordinary words, for TYP013); with
``--dropped``, ``fixtures/typos/docev17`` (round 17, a tuning batch: a character dropped from a
phrase the document writes in full elsewhere, and correct documents full of abbreviations).

An erroneous sentence is *detected* when a report overlaps its marked span (or touches the place
of a missing character); a correct sentence is *flagged* when any report falls on it.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "typos"
OPEN, CLOSE = "⟦", "⟧"


@dataclass(frozen=True)
class Erroneous:
    kind: str
    text: str
    start: int
    end: int
    correction: str


PARTS = ("tuning", "held-out")
# Each set of sentences: (erroneous, correct) files in FIXTURES.
# Whole documents with planted slips: the first batch, and a second written after TYP015 was
# first counted on the first (see each manifest).
DOCUMENTS = (FIXTURES / "documents", FIXTURES / "documents2")
# A third batch (round 8), slips in ordinary words rather than in a term the document repeats:
# counted apart (``--word-slips``), for TYP013.
WORD_SLIP_DOCUMENTS = (FIXTURES / "documents3",)
# A tuning batch (round 17): a phrase the document writes in full twice or more, once with a
# character dropped, and correct documents rich in abbreviations and enumerations (``--dropped``).
DROPPED_DOCUMENTS = (FIXTURES / "docev17",)
SETS = {"main": ("errors.toml", "correct.toml"), "unseen": ("unseen_errors.toml", "unseen_correct.toml"),
        "blind": ("blind_errors.toml", "blind_correct.toml"),
        "round13": ("round13_errors.toml", "round13_correct.toml"),
        "round14": ("round14_errors.toml", "round14_correct.toml"),
        "round15": ("round15_errors.toml", "round15_correct.toml"),
        "round16": ("round16_errors.toml", "round16_correct.toml"),
        "round17": ("round17_errors.toml", "round17_correct.toml"),
        "round18": ("round18_errors.toml", "round18_correct.toml"),
        "round19": ("round19_errors.toml", "round19_correct.toml"),
        "round20": ("round20_errors.toml", "round20_correct.toml"),
        "round21": ("round21_errors.toml", "round21_correct.toml"),
        "round22": ("round22_errors.toml", "round22_correct.toml"),
        "round23": ("round23_errors.toml", "round23_correct.toml"),
        "round24": ("round24_errors.toml", "round24_correct.toml"),
        "round25": ("round25_errors.toml", "round25_correct.toml"),
        "round26": ("round26_errors.toml", "round26_correct.toml"),
        "round27": ("round27_errors.toml", "round27_correct.toml"),
        "round28": ("round28_errors.toml", "round28_correct.toml"),
        "function-slips": ("function_slips_errors.toml", "function_slips_correct.toml"),
        "function-slips-15": ("function_slips_round15_errors.toml", "function_slips_round15_correct.toml"),
        "official-words": ("official_words_errors.toml", "official_words_correct.toml"),
        "tuning16": ("tuning16_errors.toml", "tuning16_correct.toml"),
        "missing-16": ("gaps16_errors.toml", "gaps16_correct.toml"),
        "cut-17": ("cut17_errors.toml", "cut17_correct.toml"),
        "wrong18": ("wrong18_errors.toml", "wrong18_correct.toml"),
        "wrong19": ("wrong19_errors.toml", "wrong19_correct.toml"),
        "wrong22": ("wrong22_errors.toml", "wrong22_correct.toml"),
        "wrong23": ("wrong23_errors.toml", "wrong23_correct.toml"),
        "wrong24": ("wrong24_errors.toml", "wrong24_correct.toml"),
        "miss-18": ("miss18_errors.toml", "miss18_correct.toml"),
        "miss19": ("miss19_errors.toml", "miss19_correct.toml"),
        "miss20": ("miss20_errors.toml", "miss20_correct.toml"),
        "posts21": ("posts21_errors.toml", "posts21_correct.toml"),
        "wordgap22": ("wordgap22_errors.toml", "wordgap22_correct.toml"),
        "wordgap23": ("wordgap23_errors.toml", "wordgap23_correct.toml"),
        "wordgap24": ("wordgap24_errors.toml", "wordgap24_correct.toml"),
        "posts22": ("posts22_errors.toml", "posts22_correct.toml"),
        "protect23": ("protect23_errors.toml", "protect23_correct.toml"),
        "protect24": ("protect24_errors.toml", "protect24_correct.toml"),
        "protect28": ("protect28_errors.toml", "protect28_correct.toml"),
        "units26": ("units26_errors.toml", "units26_correct.toml"),
        "realword27": ("realword27_errors.toml", "realword27_correct.toml")}
# Sets rules may be tuned on (``function-slips``, ``function-slips-15``: function-character
# batches, for TYP016; ``official-words``: round 15's slips in words of today's official writing,
# for TYP013; ``tuning16``: round 16's slips in ordinary words, for TYP013; ``missing-16``: round
# 16's missing characters; ``cut-17``: round 17's names cut at their end; ``wrong18``: round 18's
# slips in ordinary words, for TYP013; ``wrong19``: round 19's slips in ordinary words of notices,
# minutes, announcements and regulations, for TYP013; ``wrong22``: round 22's slips in ordinary words
# (fuzzy pinyin, whole-word homophone picks, numerals typed for characters), for TYP013; ``wrong23``: round
# 23's slips in right words rare in the counted texts (sector and policy terms), for TYP013; ``wrong24``: round
# 24's slips in common words of audit, budget, statistics, petition, business-climate, state-asset,
# inspection, disclosure and press texts, for TYP013; ``miss-18``: round 18's characters missing inside names and
# formulations; ``miss19``: round 19's characters missing inside posts, short bodies, numbered meetings
# and names the segmenter splits; ``miss20``: round 20's characters missing inside numbered meetings,
# institutions, posts, formulations and laws' titles; ``posts21``: round 21's characters missing inside
# posts written next to a person's name; ``posts22``: round 22's posts with no body before them, after a
# list's 、, cut at a clause's end, missing their first character, and central posts; ``protect23``: round 23's
# characters dropped, wrong or extra inside protected strings of every kind; ``protect24``: round 24's
# second batch of them, weighted to the round-23 formulations, cuts before a frame, local bodies less their type
# character and names before a bare post's rest; ``protect28``: round 28's third batch, weighted to local
# bodies' names (a place, a level, a department's standard name less a character), with central names,
# meetings, formulations and posts; ``wordgap22``: round 22's characters dropped inside ordinary
# words mid-clause; ``wordgap23``: round 23's second batch of them; ``wordgap24``: round 24's third batch; ``units26``: round 26's units, classifiers and %-signs dropped after a
# figure, for NUM015, with ordinals, codes, scores, indices and ratios that need none among the correct ones);
# ``realword27``: round 27's slips that are themselves words (权力 for 权利, 部属 for 部署, 形式 for 形势),
# for the real-word rule, with traps where the other word of the pair is right among the correct ones;
# every other set is held out whole.
TUNING_SETS = ("main", "function-slips", "function-slips-15", "official-words", "tuning16", "missing-16", "cut-17",
               "wrong18", "wrong19", "wrong22", "wrong23", "wrong24", "miss-18", "miss19", "miss20", "posts21",
               "posts22", "wordgap22", "wordgap23", "wordgap24", "protect23", "protect24", "units26",
               "realword27", "protect28")


def part_of(sentence: str) -> str:
    """The fixed part a sentence (as written in the fixture, marks included) belongs to: by
    the parity of its SHA-1, so adding sentences never moves the others."""
    return PARTS[int(hashlib.sha1(sentence.encode()).hexdigest(), 16) % 2]


def load_errors(path: Path = FIXTURES / "errors.toml", part: str | None = None) -> list[Erroneous]:
    rows = tomllib.loads(path.read_text(encoding="utf-8"))["rows"]
    found = []
    for kind, marked, correction in rows:
        if part is not None and part_of(marked) != part:
            continue
        start = marked.index(OPEN)
        end = marked.index(CLOSE) - 1
        found.append(Erroneous(kind, marked.replace(OPEN, "").replace(CLOSE, ""), start, end, correction))
    return found


def load_correct(path: Path = FIXTURES / "correct.toml", part: str | None = None) -> list[str]:
    sentences = tomllib.loads(path.read_text(encoding="utf-8"))["sentences"]
    return [s for s in sentences if part is None or part_of(s) == part]


def hits(diagnostics, start: int, end: int) -> bool:
    if start == end:  # a missing character: a report touching the place
        return any(d.start <= start <= d.end for d in diagnostics)
    return any(d.start < end and start < d.end for d in diagnostics)


def evaluate(extend_select: list[str] | None = None, part: str | None = None, sentences: str = "main",
             preview: bool = False) -> dict:
    sys.path.insert(0, str(ROOT))
    from gongwen import api
    from gongwen.document import Document

    linter = api.make_linter({}, extend_select=extend_select or [], preview=preview)

    def lint(text: str):
        return linter.lint(Document(path="sentence.txt", text=text))

    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_code: dict[str, int] = defaultdict(int)
    missed = []
    errors_file, correct_file = SETS[sentences]
    for e in load_errors(FIXTURES / errors_file, part=part):
        found = lint(e.text)
        ok = hits(found, e.start, e.end)
        per_kind[e.kind][0] += ok
        per_kind[e.kind][1] += 1
        for d in found:
            if ok and hits([d], e.start, e.end):
                by_code[d.code] += 1
        if not ok:
            missed.append(e)
    flagged = []
    correct = load_correct(FIXTURES / correct_file, part=part)
    for text in correct:
        found = lint(text)
        if found:
            flagged.append((text, sorted({d.code for d in found})))
    return {"per_kind": dict(per_kind), "by_code": dict(by_code), "missed": missed,
            "flagged": flagged, "n_correct": len(correct),
            "part": (part or "all") if sentences == "main" else f"{sentences}, {part or 'all'}"}


def evaluate_documents(extend_select: list[str] | None = None, preview: bool = False,
                       folders: tuple[Path, ...] = DOCUMENTS) -> dict:
    sys.path.insert(0, str(ROOT))
    from gongwen import api
    from gongwen.document import Document

    linter = api.make_linter({}, extend_select=extend_select or [], preview=preview)
    found, missed, false, by_code = [], [], [], defaultdict(int)
    for folder, doc in [(f, d) for f in folders
                        for d in tomllib.loads((f / "manifest.toml").read_text(encoding="utf-8"))["document"]]:
        text = (folder / doc["file"]).read_text(encoding="utf-8")
        reports = linter.lint(Document(path=doc["file"], text=text))
        spans = []
        for slip in doc["slips"]:
            start = text.index(slip["written"])
            spans.append((start, start + len(slip["written"])))
            (found if hits(reports, *spans[-1]) else missed).append(
                f"{folder.name}/{doc['file']}: {slip['written']} → {slip['right']}")
        for d in reports:
            if any(hits([d], a, b) for a, b in spans):
                by_code[d.code] += 1
            else:
                false.append(f"{folder.name}/{doc['file']}: {d.code} {text[max(0, d.start - 6):d.end + 6]!r}")
    return {"found": found, "missed": missed, "false": false, "by_code": dict(by_code)}


def render_documents(result: dict, extend_select: list[str] | None, folders: tuple[Path, ...] = DOCUMENTS) -> str:
    rules = "default rules" + (f" + {', '.join(extend_select)}" if extend_select else "")
    n = len(result["found"]) + len(result["missed"])
    where = ", ".join(f.name for f in folders)
    lines = [f"# Slips in whole documents ({rules}; fixtures/typos/{where})", "",
             f"- slips detected: **{len(result['found'])} of {n}**",
             f"- other reports (false for this measure): **{len(result['false'])}**", "",
             "Reports on slips, by rule: " + ", ".join(f"{c} {k}" for c, k in sorted(result["by_code"].items())), "",
             "Missed:", ""] + [f"- {m}" for m in result["missed"]] + ["", "Other reports:", ""]
    lines += [f"- {f}" for f in result["false"]]
    return "\n".join(lines) + "\n"


def render(result: dict, extend_select: list[str] | None) -> str:
    per_kind = result["per_kind"]
    detected = sum(v[0] for v in per_kind.values())
    total = sum(v[1] for v in per_kind.values())
    n_correct, flagged = result["n_correct"], result["flagged"]
    rules = "default rules" + (f" + {', '.join(extend_select)}" if extend_select else "")
    lines = [
        f"# Missing and wrong characters on hand-written sentences ({rules}; part: {result['part']})",
        "",
        "Generated by `benchmarks/quality/typos.py` from `fixtures/typos/` (sentences written by hand,",
        "not from the rules' own tables).",
        "",
        f"- detected at the marked span: **{detected} of {total}** ({detected / total:.0%})",
        f"- correct sentences flagged by any rule: **{len(flagged)} of {n_correct}** ({len(flagged) / n_correct:.1%})",
        "",
        "| class | detected | sentences | rate |",
        "| --- | --- | --- | --- |",
    ]
    for kind, (ok, n) in sorted(per_kind.items()):
        lines.append(f"| {kind} | {ok} | {n} | {ok / n:.0%} |")
    lines += ["", "Reports at the marked span, by rule: " + ", ".join(
        f"{c} {n}" for c, n in sorted(result["by_code"].items())), ""]
    if flagged:
        lines += ["Flagged correct sentences:", ""]
        lines += [f"- {', '.join(codes)}: {text}" for text, codes in flagged]
        lines.append("")
    lines += ["Missed (class: sentence):", ""]
    lines += [f"- {e.kind}: {e.text[:e.start]}⟦{e.text[e.start:e.end]}⟧{e.text[e.end:]}" for e in result["missed"]]
    return "\n".join(lines) + "\n"


def render_held_out(extend_select: list[str] | None = None, preview: bool = False) -> str:
    """One line per set held out whole (every set but ``main``): the issue's measure, wrong
    characters found at the marked span and correct sentences flagged, on sentences no rule
    was tuned on."""
    lines = ["", "## Sets held out whole (never tuned on)", "",
             "| set | detected | sentences | rate | correct flagged |", "| --- | --- | --- | --- | --- |"]
    for name, (errors_file, _) in SETS.items():
        if name in TUNING_SETS:
            continue
        result = evaluate(extend_select, None, name, preview)
        ok = sum(v[0] for v in result["per_kind"].values())
        n = sum(v[1] for v in result["per_kind"].values())
        lines.append(f"| {name} (`{errors_file}`) | {ok} | {n} | {ok / n:.0%} | "
                     f"{len(result['flagged'])} of {result['n_correct']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extend-select", default="", help="comma-separated extra rule codes (TYP014)")
    parser.add_argument("--part", choices=PARTS, metavar="PART",
                        help="only the sentences of this part (tuning or held-out); default: all")
    parser.add_argument("--set", choices=tuple(SETS), default="main", metavar="SET", dest="sentences",
                        help="which sentences: main (errors.toml, correct.toml), a set held out as a whole ("
                             + ", ".join(name for name in SETS if name not in TUNING_SETS)
                             + ") or a tuning set (" + ", ".join(name for name in TUNING_SETS if name != "main")
                             + "; the comment above TUNING_SETS says what each holds)")
    parser.add_argument("--preview", action="store_true", help="also run the preview rules (TYP014)")
    parser.add_argument("--documents", action="store_true",
                        help="lint the whole documents of fixtures/typos/documents instead of sentences")
    parser.add_argument("--word-slips", action="store_true",
                        help="with --documents: the third batch (documents3, slips in ordinary words) instead")
    parser.add_argument("--dropped", action="store_true",
                        help="with --documents: the round-17 batch of dropped characters (docev17, a tuning batch) instead")
    parser.add_argument("--write", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    extra = [c for c in args.extend_select.split(",") if c]
    if args.documents:
        folders = WORD_SLIP_DOCUMENTS if args.word_slips else DROPPED_DOCUMENTS if args.dropped else DOCUMENTS
        report = render_documents(evaluate_documents(extra, args.preview, folders), extra + ["preview"] * args.preview, folders)
    else:
        report = render(evaluate(extra, args.part, args.sentences, args.preview), extra + ["preview"] * args.preview)
        if args.write and args.sentences == "main" and args.part is None:
            report += render_held_out(extra, args.preview)
    print(report)
    if args.write:
        args.write.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
