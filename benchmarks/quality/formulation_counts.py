"""Which policy formulations official writing fixes verbatim: the evidence for a group of
``rules/data/protected_phrases.toml`` (issue 19 item 1, round 23).

A formulation is worth protecting (TRM007 reports a text one character from it as an error) when
it is core, fixed and frequent: Party and State documents write it the same way in many files.
This counts, for each candidate, the files that hold it verbatim in the tuning half of
``clean/``, in the statutes of ``laws/`` and in the other readable official texts (``docx/``
less the copies of checking-half reports): ``build_sources.readable_files`` is the one gate, so
the checking half is never read. ``--mine`` lists the 4- to 12-character Han strings that recur
in at least ``--min-files`` tuning-half files and hold no protected phrase (the pool candidates
were picked from by hand: most recurring strings are not formulations).

    .venv/bin/python benchmarks/quality/formulation_counts.py ../shared/corpus
    .venv/bin/python benchmarks/quality/formulation_counts.py ../shared/corpus --mine --min-files 8
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "rules" / "data"))
from build_sources import read_text, readable_files  # noqa: E402  (the one definition of the split)

# Candidates: formulations the round-23 genre texts wrote and TRM007 did not protect, and the
# fixed formulations of the same kind (strategies, principles, tasks named in CPC congress
# reports and work reports). Counted, not assumed: the file counts decide.
CANDIDATES = (
    "立德树人", "人与自然和谐共生", "千万工程", "千万工程经验", "百千万工程", "立德树人根本任务", "中央八项规定", "中央八项规定及其实施细则精神",
    "守正创新", "人民至上", "党的自我革命", "两个结合", "两个毫不动摇", "一国两制",
    "科教兴国战略", "人才强国战略", "创新驱动发展战略", "区域协调发展战略", "新型城镇化",
    "新型工业化", "农业农村现代化", "高水平科技自立自强", "科技自立自强", "美丽中国",
    "健康中国", "平安中国", "法治中国", "数字中国", "不忘初心牢记使命",
    "不敢腐不能腐不想腐", "形式主义官僚主义", "生态文明建设",
    "防范化解重大风险", "全面推进乡村振兴", "乡村全面振兴", "以人民为中心", "改革开放",
    "依法治国", "依法执政", "依法行政", "法治政府", "社会主义法治国家", "国家安全体系和能力现代化",
    "教育强国", "科技强国", "人才强国", "文化强国", "农业强国", "制造强国", "网络强国",
    "交通强国", "质量强国", "体育强国", "海洋强国", "教育家精神", "民族团结进步",
    "党史学习教育", "主题教育", "两个务必", "三个务必", "四个全面战略布局", "放管服改革",
    "中华优秀传统文化", "社会主义先进文化", "革命文化", "伟大建党精神", "共建一带一路",
    "推动高质量发展", "构建新发展格局", "人口高质量发展", "发展新质生产力",
)
FOLDERS = ("clean", "laws", "docx")
_HAN = regex.compile(r"\p{Han}+")


def han_texts(corpus: Path) -> dict[str, list[str]]:
    """Per folder, the readable files' Han characters alone: TRM007 matches across punctuation
    (“千万工程”经验 is 千万工程经验, 不忘初心、牢记使命 is 不忘初心牢记使命), so the counts do too."""
    return {folder: ["".join(_HAN.findall(read_text(p))) for p in readable_files(corpus, folder)]
            for folder in FOLDERS}


def counts(texts: dict[str, list[str]], candidates: tuple[str, ...]) -> list[tuple[str, dict[str, int]]]:
    """Per candidate (its Han characters), the files of each folder that hold it."""
    found = []
    for c in candidates:
        han = "".join(_HAN.findall(c))
        found.append((c, {f: sum(han in t for t in ts) for f, ts in texts.items()}))
    return found


def mine(tuning: list[str], min_files: int, protected: list[str]) -> list[tuple[str, int]]:
    """Maximal 4-12 character Han strings in ``min_files`` or more files, grown a character at a
    time from those that already recur (a string recurs no more often than its prefix)."""
    runs = [[t] for t in tuning]  # Han text alone: a recurring string may span punctuation
    found: dict[str, int] = {}
    keep: set[str] | None = None
    for n in range(4, 13):
        per = Counter()
        for file_runs in runs:
            grams = {r[i:i + n] for r in file_runs for i in range(len(r) - n + 1)}
            if keep is not None:
                grams = {g for g in grams if g[:-1] in keep}
            per.update(grams)
        keep = {g for g, k in per.items() if k >= min_files}
        found.update((g, per[g]) for g in keep)
    covered = Counter()  # strings a one-character-longer recurring string holds as often
    for h, k in found.items():
        if len(h) > 4:
            covered[(h[1:], k)] += 1
            covered[(h[:-1], k)] += 1
    maximal = [(g, k) for g, k in found.items() if not covered[(g, k)]]
    return sorted(((g, k) for g, k in maximal if not any(p in g for p in protected)),
                  key=lambda x: (-x[1], x[0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--mine", action="store_true")
    parser.add_argument("--min-files", type=int, default=8)
    parser.add_argument("candidates", nargs="*", help="count these instead of CANDIDATES")
    args = parser.parse_args(argv)
    texts = han_texts(args.corpus)
    print("files read:", ", ".join(f"{f} {len(ts)}" for f, ts in texts.items()))
    if args.mine:
        from gongwen.rules.protected import phrase_texts
        for g, k in mine(texts["clean"], args.min_files, [text for _, text in phrase_texts()]):
            print(f"{k}\t{g}")
        return 0
    for c, by in counts(texts, tuple(args.candidates) or CANDIDATES):
        print(c, *(f"{f} {by[f]}" for f in FOLDERS), sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
