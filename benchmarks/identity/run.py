"""Identity check for refactors that must not change behaviour (issue 20 item 7).

    .venv/bin/python benchmarks/identity/run.py save  DIR   # record findings and CPU time
    .venv/bin/python benchmarks/identity/run.py check DIR   # compare with what DIR recorded
    .venv/bin/python benchmarks/identity/run.py cpu DIR     # only the CPU time, against DIR's
    .venv/bin/python benchmarks/identity/run.py ab DIR --ref main   # CPU time, alternating runs
                                                    # of this tree and REF (a shared machine's load
                                                    # inflates both alike)

Writes the JSON findings of `gongwen check` — the default rule set and `--select ALL --preview`
— over ../shared/corpus/clean, fixtures/ and the speed benchmark's 1,000-file corpus, and the
CPU seconds of an in-process default run over that corpus (best of --repeat). `check` compares
every output byte for byte and fails on any difference or on a throughput loss beyond --slack;
CPU time, not wall time, because the machine is shared.
"""
from __future__ import annotations

import argparse
import filecmp
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# ../shared beside the checkout, or further up for a worktree in a subfolder.
CLEAN = next((p / "shared" / "corpus" / "clean" for p in ROOT.parents
              if (p / "shared" / "corpus" / "clean").is_dir()), ROOT.parent / "shared" / "corpus" / "clean")
MODES = {"default": [], "all": ["--select", "ALL", "--preview"]}


def _speed_module():
    spec = importlib.util.spec_from_file_location("speed_run", ROOT / "benchmarks" / "speed" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def speed_corpus(work: Path) -> Path:
    """The speed benchmark's default inputs (1,000 files of ~10 KB), built once into ``work``."""
    folder = work / "speed-corpus"
    if not (folder / "r00999.txt").exists():
        speed = _speed_module()
        speed.build_corpus(speed.paragraphs(CLEAN), folder, 1000, 10_000)
    return folder


def inputs(work: Path) -> dict[str, tuple[Path, str]]:
    """Label -> (working directory, path argument): paths in the JSON stay relative and stable."""
    return {"clean": (CLEAN.parent, CLEAN.name), "fixtures": (ROOT, "fixtures"),
            "speed": (work, speed_corpus(work).name)}


def findings(out: Path, work: Path) -> list[Path]:
    written = []
    for label, (cwd, arg) in inputs(work).items():
        for mode, flags in MODES.items():
            target = out / f"{label}-{mode}.json"
            with target.open("wb") as sink:
                subprocess.run([sys.executable, "-m", "gongwen", "check", "--output-format", "json",
                                "--no-cache", *flags, arg], cwd=cwd, stdout=sink, check=False)
            written.append(target)
    return written


def cpu_seconds(folder: Path, repeat: int) -> float:
    """Best CPU time of an in-process default run over ``folder`` (start-up excluded)."""
    from gongwen import api

    best = float("inf")
    for _ in range(repeat):
        linter = api.make_linter({})
        t = time.process_time()
        for _ in api.iter_lint_paths([folder], linter):
            pass
        best = min(best, time.process_time() - t)
    return best


_CPU_CHILD = """
import sys, json
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import gongwen
assert gongwen.__file__.startswith(sys.argv[2]), gongwen.__file__
sys.path.insert(0, sys.argv[3])
from run import cpu_seconds
print(json.dumps(cpu_seconds(Path(sys.argv[4]), 1)))
"""


# Builds a checkout's C extensions in place from its own pyproject.toml: the venv's setuptools
# may predate [[tool.setuptools.ext-modules]] (pip builds with a newer one in isolation), so the
# list is read here and handed to a Distribution that reads no configuration of its own.
_BUILD_CHILD = """
import tomllib
from setuptools import Distribution, Extension
config = tomllib.load(open("pyproject.toml", "rb"))["tool"]["setuptools"]
modules = [Extension(**entry) for entry in config.get("ext-modules", [])]
dist = Distribution({"ext_modules": modules, "package_dir": config.get("package-dir", {}),
                     "script_args": ["build_ext", "--inplace", "--quiet"]})
dist.parse_command_line()
dist.run_commands()
"""


def _tree_of(ref: str, work: Path) -> Path:
    """A checkout of ``ref`` that imports as ``gongwen`` from ``work/ref-path`` (git worktree)."""
    tree = work / "ref-tree"
    if tree.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), ref],
                   check=True, capture_output=True)
    (tree / "linter" / "rules").symlink_to(tree / "rules")  # gongwen.rules, as installed
    # The C extensions are built in place and untracked: a bare checkout would run on its Python
    # fallbacks and the comparison would time a different program than the one installed.
    subprocess.run([sys.executable, "-c", _BUILD_CHILD], cwd=tree, check=True, capture_output=True)
    (work / "ref-path").mkdir(exist_ok=True)
    link = work / "ref-path" / "gongwen"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(tree / "linter")
    return tree


def ab(ref: str, rounds: int, work: Path) -> tuple[float, float]:
    """Best CPU seconds of this tree and of ``ref``, measured in alternating child processes."""
    tree = _tree_of(ref, work)
    corpus = speed_corpus(work)
    best = {"here": float("inf"), "ref": float("inf")}
    # (what goes first on sys.path, where gongwen must then come from)
    paths = {"here": ("", str(ROOT / "linter")), "ref": (str(work / "ref-path"), str(work / "ref-path"))}
    try:
        for _ in range(rounds):
            for side in ("ref", "here"):
                path, prefix = paths[side]
                out = subprocess.run([sys.executable, "-c", _CPU_CHILD, path, prefix, str(HERE), str(corpus)],
                                     capture_output=True, text=True, check=True)
                best[side] = min(best[side], json.loads(out.stdout))
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    return best["here"], best["ref"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "check", "cpu", "ab"])
    parser.add_argument("dir", type=Path, help="where the baseline is (or is to be) recorded")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ref", default="main", help="for ab: the git revision to compare with")
    parser.add_argument("--slack", type=float, default=0.05, help="allowed CPU-time increase (fraction)")
    args = parser.parse_args()
    base = args.dir.resolve()
    # Everything a run writes stays inside its own baseline folder: engineers checking in
    # parallel against baselines in one parent folder overwrote each other's results.
    work = base / "work"
    work.mkdir(parents=True, exist_ok=True)
    out = base if args.action == "save" else base / "latest"
    out.mkdir(parents=True, exist_ok=True)
    if args.action == "ab":
        here, there = ab(args.ref, args.repeat, work)
        print(f"  CPU {args.ref} {there:.3f} s -> this tree {here:.3f} s ({here / there:.2f}x)")
        return 1 if here > there * (1 + args.slack) else 0
    written = findings(out, work) if args.action != "cpu" else []
    cpu = cpu_seconds(speed_corpus(work), args.repeat)
    (out / "cpu.json").write_text(json.dumps({"cpu_seconds": cpu}))
    print(f"in-process CPU seconds over the speed corpus: {cpu:.3f}")
    if args.action == "save":
        print(f"baseline saved in {out}")
        return 0
    failed = False
    for path in written:
        same = filecmp.cmp(path, base / path.name, shallow=False)
        failed |= not same
        print(f"  {path.name:<22} {'identical' if same else 'DIFFERENT'}")
    before = json.loads((base / "cpu.json").read_text())["cpu_seconds"]
    ratio = cpu / before
    slower = ratio > 1 + args.slack
    failed |= slower
    print(f"  CPU {before:.3f} s -> {cpu:.3f} s ({ratio:.2f}x){'  SLOWER' if slower else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
