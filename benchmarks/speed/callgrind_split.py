"""Top-down instruction counts of one whole ``gongwen check`` process, split by piece.

    .venv/bin/python benchmarks/speed/callgrind_split.py FOLDER [-- CHECK-OPTIONS...]

Callgrind counts instructions per C function, and every Python function runs inside the same
``_PyEval_EvalFrameDefault``, so a Python piece has no name of its own there. This gives each
piece one: a small C extension (written and built into a temporary folder, never part of the
package) holds a few hundred distinct trampolines ``t0``, ``t1``, ... that each call a Python
callable; the run wraps every piece it splits in its own trampoline, and callgrind's inclusive
count of ``tN`` is that piece's instructions (everything it calls, layers it builds first
included). Pieces: reading and decoding (``api.read_path``), linting a file
(``api.lint_document``), each rule's check (iterated to the end inside the trampoline: checks
are generators), each analysis layer's first build (``Document.memo``/``unit_memo`` misses, by
key), the trigger index's document searches, locating findings (``_Collected.add``), finishing
them (``engine.finish``), rendering each file's output (``stream.prerender``), and the CLI's
whole ``main``. Start-up is the process total less ``execute`` (the run over the inputs).

The process is the CLI's ``main`` (``gongwen check --output-format json --no-cache --jobs 1``
by default, as ``benchmarks/speed/run.py`` times it) under ``valgrind --tool=callgrind`` with
``PYTHONHASHSEED=0``; byte-compile the tree first (``run.py`` does) when
``PYTHONDONTWRITEBYTECODE`` is set, or every module is compiled from source in the run. The
wrappers add a Python call per rule call and memo miss (~1-2 % of the total): compare pieces
with pieces of the same tool, and whole processes by plain callgrind runs.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
from collections import defaultdict
from pathlib import Path

SLOTS = 600
BUILD = Path(tempfile.gettempdir()) / f"gongwen-callgrind-split-{SLOTS}"


def _c_source() -> str:
    body = ["#define PY_SSIZE_T_CLEAN", "#include <Python.h>"]
    for i in range(SLOTS):
        # noinline + a distinct body: callgrind must see each as its own function
        body.append(f"static PyObject *__attribute__((noinline)) t{i}(PyObject *self, PyObject *const *a, "
                    f"Py_ssize_t n) {{ volatile int tag = {i}; (void)tag; "
                    "return PyObject_Vectorcall(a[0], a + 1, n - 1, NULL); }")
    body.append("static PyMethodDef methods[] = {")
    body += [f'  {{"t{i}", (PyCFunction)(void(*)(void))t{i}, METH_FASTCALL, NULL}},' for i in range(SLOTS)]
    body += ["  {NULL, NULL, 0, NULL}};",
             'static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "_cg_tramp", NULL, -1, methods};',
             "PyMODINIT_FUNC PyInit__cg_tramp(void) { return PyModule_Create(&mod); }"]
    return "\n".join(body) + "\n"


def build() -> Path:
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    target = BUILD / f"_cg_tramp{suffix}"
    if not target.exists():
        BUILD.mkdir(parents=True, exist_ok=True)
        (BUILD / "_cg_tramp.c").write_text(_c_source())
        subprocess.run(["cc", "-O1", "-g", "-shared", "-fPIC", f"-I{sysconfig.get_paths()['include']}",
                        str(BUILD / "_cg_tramp.c"), "-o", str(target)], check=True)
    return BUILD


def _inner(names_file: Path, argv: list[str], extra: list[str]) -> None:
    """Runs under callgrind: wrap the pieces, then the CLI's main."""
    sys.path.insert(0, str(BUILD))
    import _cg_tramp  # noqa: E402  (built above)

    names: dict[str, int] = {}

    def slot(name: str):
        if name not in names:
            if len(names) >= SLOTS:
                return None
            names[name] = len(names)
        return getattr(_cg_tramp, f"t{names[name]}")

    def wrap(owner, attr: str, name: str, *, drain: bool = False) -> None:
        orig = getattr(owner, attr)
        tramp = slot(name)
        if drain:
            def run(*args):
                return tramp(_drained, orig, *args)
        else:
            def run(*args, **kw):
                return tramp(lambda: orig(*args, **kw))
        setattr(owner, attr, run)

    def _drained(check, *args):
        return tuple(check(*args))

    from gongwen import api, cli, engine, run as run_mod  # noqa: E402
    from gongwen.document import Document  # noqa: E402
    from gongwen.triggers import TriggerIndex  # noqa: E402

    wrap(run_mod, "execute", "execute")
    wrap(api, "read_path", "read+decode")
    wrap(api, "lint_document", "lint_document")
    wrap(engine, "finish", "engine.finish")
    wrap(engine._Collected, "add", "diagnostics (_Collected.add)")
    if hasattr(engine._Collected, "finished"):  # round 23: located and finished in one pass
        wrap(engine._Collected, "finished", "diagnostics located and finished (_Collected.finished)")
    wrap(TriggerIndex, "woken", "triggers.woken")
    wrap(run_mod, "prerender", "output (prerender)")
    wrap(api, "_precompute", "batch steps (api._precompute)")
    wrap(engine.Linter, "__init__", "making the linter (Linter.__init__)")
    rules = list(api.registry().by_code.values())
    checks = [(rule, rule.check) for rule in rules]  # all first: a subclass must not wrap a wrapper
    steps = [(rule, rule.precompute) for rule in rules if "precompute" in vars(rule)]  # the engine asks who overrides it
    for rule, check in checks:
        rule.check = check
        wrap(rule, "check", f"rule {rule.code}", drain=True)
    for rule, step in steps:
        rule.precompute = step
        wrap(rule, "precompute", f"batch step {rule.code}")

    import importlib

    for spec in extra:  # "module:Class.attr" or "module:function"
        module, _, path = spec.partition(":")
        owner = importlib.import_module(module)
        *outer, attr = path.split(".")
        for name in outer:
            owner = getattr(owner, name)
        wrap(owner, attr, spec)

    missing = object()

    def layer(key) -> str:
        """A memo key's name, the same in every run (a repr would hold an address)."""
        if isinstance(key, str):
            return key
        if isinstance(key, tuple) and key:  # (function, pattern): a route's memo
            arg = key[1] if len(key) > 1 else ""
            arg = getattr(arg, "pattern", None) or type(arg).__name__
            # a pattern may hold a newline: the names file is one line per slot
            return f"{layer(key[0])}({str(arg)[:40]!r})"
        if not hasattr(key, "__qualname__"):
            key = type(key)
        return f"{getattr(key, '__module__', '?')}.{key.__qualname__}"

    def memo(self, key, compute=None):
        value = self._memo.get(key, missing)
        if value is missing:
            tramp = slot("layer " + layer(key))
            value = self._memo[key] = (tramp(compute) if compute is not None else tramp(key, self))
        return value

    plain_unit_memo = Document.unit_memo

    def unit_memo(self, key, unit, *args):
        table = self._memo.get(key)
        if table is not None and (unit.index, unit.start) in table:
            return table[(unit.index, unit.start)]
        return slot("unit layer " + layer(key))(plain_unit_memo, self, key, unit, *args)

    Document.memo = memo
    Document.unit_memo = unit_memo
    sys.argv = ["gongwen", *argv]
    try:
        slot("cli.main")(cli.main)
    except SystemExit:
        pass
    finally:
        names_file.write_text("\n".join(f"t{i}\t{n}" for n, i in names.items()) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "callgrind-split.out")
    parser.add_argument("--wrap", action="append", default=[], metavar="MODULE:ATTR",
                        help="also split this function or method (e.g. gongwen.engine:Linter._locate); "
                             "a function imported by name elsewhere is wrapped only where it is defined")
    parser.add_argument("--inner", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("check", nargs="*", help="gongwen check options (after --)")
    args = parser.parse_args()
    argv = ["check", "--output-format", "json", "--no-cache", "--jobs", "1", *args.check, args.folder]
    if args.inner:
        _inner(args.inner, argv, args.wrap)
        return
    build()
    names_file = args.out.with_suffix(".names")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={args.out}", sys.executable,
                    __file__, args.folder, "--inner", str(names_file),
                    *(f"--wrap={spec}" for spec in args.wrap),
                    *(["--", *args.check] if args.check else [])],
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report(args.out, names_file)


def report(out: Path, names_file: Path) -> None:
    names = dict(line.split("\t", 1) for line in names_file.read_text().splitlines() if line)
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                          capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", text).group(1).replace(",", ""))
    counts: dict[str, int] = defaultdict(int)
    for m in re.finditer(r"^\s*([\d,]+) \([^)]*\)\s+\S*_cg_tramp\.c:(t\d+)('\d+)? ", text, re.M):
        if not m.group(3):  # 't5'2 is a recursive entry, already inside t5's count
            counts[names.get(m.group(2), m.group(2))] += int(m.group(1).replace(",", ""))
    execute = counts.get("execute", 0)
    print(f"process total {total / 1e6:,.1f} M instructions; start-up (total - execute) "
          f"{(total - execute) / 1e6:,.1f} M")
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{n / 1e6:12,.1f} M {100 * n / total:6.2f} %  {name}")


if __name__ == "__main__":
    main()
