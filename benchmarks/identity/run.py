"""Identity check for refactors that must not change behaviour (issue 20 item 7).

    .venv/bin/python benchmarks/identity/run.py save  DIR   # record findings and CPU time
    .venv/bin/python benchmarks/identity/run.py check DIR   # compare with what DIR recorded

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("dir", type=Path, help="where the baseline is (or is to be) recorded")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slack", type=float, default=0.05, help="allowed CPU-time increase (fraction)")
    args = parser.parse_args()
    base = args.dir.resolve()
    work = base.parent / "identity-work"
    work.mkdir(parents=True, exist_ok=True)
    out = base if args.action == "save" else base.parent / "identity-latest"
    out.mkdir(parents=True, exist_ok=True)
    written = findings(out, work)
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
