"""Paths and helpers shared by the tests (``tests/`` is on sys.path; the repository root
is not, so every import of ``gongwen`` resolves to the installed package)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "reports" / "yanfeng-2024.txt"


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real console entry point in a subprocess, as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "gongwen", *args], input=input, cwd=cwd or ROOT,
                          capture_output=True, env=full_env, timeout=120)


def joined_document(rnd, texts: list[str]):
    """Random texts one after another, each a unit, joined by a line break, by a blank line or
    by nothing (a unit made by hand need not end its line): a match may run across a seam.
    For the tests of a whole-text scan that picks the units a rule reads."""
    from gongwen.document import Document, TextUnit

    parts, units, at = [], [], 0
    for text in texts:
        if not text:
            continue
        units.append(TextUnit(at, at + len(text), text, "paragraph", len(units)))
        joint = rnd.choice(("\n", "\n\n", "", "\r\n"))
        parts.append(text + joint)
        at += len(text) + len(joint)
    return Document(path="r.txt", text="".join(parts), units=tuple(units))


def case_texts(code: str) -> list[str]:
    """The text of each case (fail or pass) of rule ``code``'s fixtures, in their order."""
    import tomllib

    data = tomllib.loads((FIXTURES / "rules" / f"{code}.toml").read_text(encoding="utf-8"))
    return [case.get("fail", case.get("pass", "")) for case in data["case"]]


def edited(rnd, text: str, pieces, edits: int, splice_from: list[str] | None = None) -> str:
    """``text`` after ``edits`` random edits: delete a character, replace one or insert a piece
    of ``pieces``; with ``splice_from``, a fifth of the edits insert a slice of another text."""
    chars = list(text)
    for _ in range(edits):
        i = rnd.randrange(len(chars) + 1)
        op = rnd.random()
        if op < 0.3 and chars:
            del chars[min(i, len(chars) - 1)]
        elif op < 0.6 and chars:
            chars[min(i, len(chars) - 1)] = rnd.choice(pieces)
        elif splice_from is None or op < 0.8:
            chars[i:i] = rnd.choice(pieces)
        else:
            other = rnd.choice(splice_from)
            a = rnd.randrange(len(other) + 1)
            chars[i:i] = other[a:a + rnd.randint(1, 12)]
    return "".join(chars)


def case_documents(codes) -> list:
    """A document of each non-blank case (fail or pass) of the rules ``codes``."""
    from gongwen.document import Document

    return [Document(path="case.txt", text=text) for code in codes for text in case_texts(code) if text.strip()]


def repeated(unit: str, size: int = 20_000) -> str:
    """``unit`` repeated, whole, to about ``size`` characters: an adversarial run whose speed
    benchmarks/speed/run.py measures and whose findings the tests bound."""
    return unit * max(1, size // len(unit))


def random_texts(alphabet: str, name: str, count: int = 30_000) -> list[str]:
    """The seed report's lines and ``count`` random strings over ``alphabet`` (seeded by
    ``name``): the inputs on which a prefilter is compared with the plain scan."""
    import random

    rnd = random.Random(name)
    texts = SEED.read_text(encoding="utf-8").splitlines()
    return texts + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(count)]


def fragment_texts(fragments: list[str], name: str, count: int, longest: int) -> list[str]:
    """``count`` random texts of up to ``longest`` fragments (seeded by ``name``): documents of
    several paragraphs when a fragment is a line break."""
    import random

    rnd = random.Random(name)
    return ["".join(rnd.choice(fragments) for _ in range(rnd.randint(0, longest))) for _ in range(count)]


def shortcut_findings(code: str, texts: list[str]) -> list[list[tuple]]:
    """Each text's findings of rule ``code`` (span, message, place, fixes): what a shortcut must
    leave as the plain path gives it."""
    from gongwen import api

    return [[(d.start, d.end, d.message, d.location, d.fixes) for d in api.lint_text(t, select=[code])]
            for t in texts]


def assert_shortcut_exact(monkeypatch, code: str, texts: list[str], owner, name: str, plain, least: int) -> None:
    """The findings of ``code`` with its shortcut equal those with ``owner.name`` set to
    ``plain`` (the plain path), on texts of which more than ``least`` draw a finding."""
    fast = shortcut_findings(code, texts)
    assert sum(1 for f in fast if f) > least, "the texts rarely trip the rule: the comparison proves little"
    monkeypatch.setattr(owner, name, plain)
    assert fast == shortcut_findings(code, texts)


def assert_shortcut_caught(monkeypatch, code: str, texts: list[str], owner, name: str, wrong, plain=None) -> None:
    """A wrong shortcut (``owner.name`` set to ``wrong``) changes the findings of ``code`` from
    those of the rule as written (or with ``plain`` set there first, if given)."""
    if plain is not None:
        monkeypatch.setattr(owner, name, plain)
    expected = shortcut_findings(code, texts)
    monkeypatch.setattr(owner, name, wrong)
    assert shortcut_findings(code, texts) != expected


def take_every_document_for_short_units(monkeypatch, short: bool = True) -> None:
    """Every document is taken for one of short units (routing.has_short_units), or none is:
    the engine's and the rules' whole-text paths for pages of short lines, or the plain ones."""
    from gongwen.analysis import routing

    monkeypatch.setattr(routing, "SHORT_UNITS", 10**9 if short else 0)


def match_key(matches) -> list:
    """What two scans must agree on: each match's span and groups."""
    return [(m.span(), m.groups()) for m in matches]


def write_warc(path: Path, records, gzip: bool = True) -> None:
    """A web archive as a crawler writes one: a warcinfo record, then for each
    ``(url, status, content type, body bytes)`` a request and its response."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, status, kind, body in records:
            host = url.split("/")[2]
            request = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", host)], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def sample_paragraphs() -> list[str]:
    """The non-empty paragraphs of the bundled sample reports, in a stable order."""
    return [p for src in sorted((FIXTURES / "corpus-sample").glob("*.txt"))
            for p in src.read_text(encoding="utf-8").split("\n") if p.strip()]


def crawl_records(count: int, host: str) -> list[tuple[str, str, str, bytes]]:
    """(url, status, content type, body): HTML pages of sample paragraphs, with what a crawl
    also holds — images, an error page, a URL crawled twice, a GBK page named only by the
    server's charset."""
    paras = sample_paragraphs()
    out = []
    for i in range(count):
        body = "".join(f"<p>{p}</p>" for p in paras[(i * 3) % len(paras):(i * 3) % len(paras) + 3])
        page = f"<html><body><div id='zoom'>{body}</div></body></html>"
        if i % 23 == 5:
            out.append((f"{host}/img/{i}.png", "200 OK", "image/png", b"\x89PNG" + bytes(64)))
        elif i % 41 == 7:
            out.append((f"{host}/gone/{i}.html", "404 Not Found", "text/html", page.encode()))
        elif i % 37 == 11:
            out.append((f"{host}/gbk/{i}.html", "200 OK", "text/html; charset=GBK", page.encode("gb18030")))
        else:  # every 50th URL a second time: the first capture is the page
            out.append((f"{host}/p/{i - 50 if i % 50 == 49 else i}.html", "200 OK",
                        "text/html; charset=utf-8", page.encode()))
    return out


# A rule class made up for a test of the engine (a check that raises, probes, misreports): the
# registry requires its documentation sections.
RULE_DOC = """## What it does
Test only.

## Why is this bad?
Test only.

## Example
```text
x
```

Use instead:
```text
y
```
"""


def rule_class(code: str, name: str, check, scope: str = "unit") -> type:
    from gongwen.diagnostic import Severity
    from gongwen.rule import Rule

    namespace = {"code": code, "name": name, "category": "test", "severity": Severity.ERROR,
                 "scope": scope, "check": check, "__doc__": RULE_DOC}
    return type(name.title().replace("-", ""), (Rule,), namespace)



# A third-party rule pack that misbehaves on a marked line: TST001 raises on BOOM, kills its
# worker process on KILL (once only if KILL_ONCE names a file), loops for ever on HANG.
MISBEHAVING_PACK = '''
import os, signal, multiprocessing
from pathlib import Path
from gongwen.diagnostic import Severity, Violation
from gongwen.rule import Rule

class Exploding(Rule):
    __doc__ = {doc}
    code = "TST001"
    name = "exploding"
    category = "test"
    severity = Severity.WARNING

    def check(self, unit, ctx):
        while "HANG" in unit.text:  # never returns
            pass
        if "BOOM" in unit.text:
            raise IndexError("string index out of range")
        if "KILL" in unit.text and multiprocessing.parent_process() is not None:
            once = os.environ.get("KILL_ONCE")
            if not once or not Path(once).exists():
                if once:
                    Path(once).write_text("killed")
                os.kill(os.getpid(), signal.SIGKILL)
        return ()

def load():
    return [Exploding]
'''


def install_rule_pack(tmp_path: Path) -> dict[str, str]:
    """MISBEHAVING_PACK installed under ``tmp_path``, found through its entry point as an
    installed pack would be: the environment under which a subprocess sees it."""
    site = tmp_path / "site"
    info = site / "crashpack-1.0.dist-info"
    info.mkdir(parents=True)
    (site / "crashpack.py").write_text(MISBEHAVING_PACK.replace("{doc}", repr(RULE_DOC)), encoding="utf-8")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: crashpack\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[gongwen.rules]\ncrash = crashpack:load\n", encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}


def lsp_frame(payload: dict) -> bytes:
    """One language-server message as it goes over the wire (Content-Length header, JSON)."""
    import json

    body = json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def lsp_messages(out: bytes) -> list[dict]:
    """The messages a language server wrote, in order."""
    import json
    import re

    messages = []
    while out:
        head, _, rest = out.partition(b"\r\n\r\n")
        length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
        messages.append(json.loads(rest[:length]))
        out = rest[length:]
    return messages


def default_signals() -> None:
    """For ``preexec_fn``: SIGINT, SIGTERM and SIGHUP at their default action in a child a test
    signals, whatever the test run inherited — under nohup SIGHUP is ignored, and a background
    job of a shell without job control ignores SIGINT; gongwen rightly keeps an ignored
    signal ignored, so the child would not end as the test expects."""
    import signal

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


def baseline_load_peak(path: Path, count: int) -> tuple[float, bool]:
    """Write a baseline of ``count`` findings at ``path`` as gongwen writes one (CJK paths and
    texts), read it with ``baseline.load`` under tracemalloc, and return the peak of traced
    memory as a multiple of the file's size and whether the fingerprints read are exactly
    those written."""
    import json
    import tracemalloc

    from gongwen import baseline

    entries = [{"fingerprint": f"{i:020x}", "code": "PUN001", "path": f"站点/栏目{i % 50}/page{i}.html",
                "text": "，这是"[: 1 + i % 3]} for i in range(count)]
    path.write_text(json.dumps({"format": baseline.FORMAT, "version": baseline.VERSION, "findings": entries},
                               ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tracemalloc.start()
    try:
        known = baseline.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / path.stat().st_size, known == {e["fingerprint"] for e in entries}


def load_script(path: Path, name: str):
    """A benchmark script (not a package module) imported as ``name``, registered in
    sys.modules first: dataclasses look their module up there."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def slipped(rnd, text: str, filler: str, numerals: str = "") -> str:
    """``text`` as written (a "#" filled with one of ``numerals``), or with one slip: a
    character missing, added or replaced (from ``filler``), or two swapped; for the tests of
    near misses of protected strings (gongwen.analysis.fuzzy)."""
    chars = [rnd.choice(numerals) if ch == "#" else ch for ch in text]
    at = rnd.randrange(len(chars))
    slip = rnd.randrange(5)
    if slip == 1:
        del chars[at]
    elif slip == 2:
        chars.insert(at, rnd.choice(filler))
    elif slip == 3:
        chars[at] = rnd.choice(filler)
    elif slip == 4 and at + 1 < len(chars):
        chars[at], chars[at + 1] = chars[at + 1], chars[at]
    return "".join(chars)


def compiled_or_skip(name: str):
    """The optional C extension ``gongwen.analysis.<name>``; a test of it is skipped where it
    did not build (no C compiler at install), and fails under CI, which builds it (.ci/run)."""
    import importlib

    import pytest

    try:
        return importlib.import_module(f"gongwen.analysis.{name}")
    except ImportError:
        assert not os.environ.get("CI"), f"the optional extension gongwen.analysis.{name} did not build"
        pytest.skip(f"gongwen.analysis.{name} is not built (no C compiler at install?): the Python path runs",
                    allow_module_level=True)


def dense_in_keys(rnd, keys, filler: str, pieces: int = 12) -> str:
    """A text dense in ``keys``: whole keys, pieces of keys, keys run together (overlaps, keys
    inside keys) and runs of ``filler`` between them (for the literal scans' randomized tests)."""
    parts = []
    for _ in range(rnd.randint(1, pieces)):
        key, op = rnd.choice(keys), rnd.random()
        if op < 0.5:
            parts.append(key)
        elif op < 0.8:
            a = rnd.randrange(len(key))
            parts.append(key[a:a + rnd.randint(1, len(key))])
        else:
            parts.append("".join(rnd.choice(filler) for _ in range(rnd.randint(1, 6))))
    return "".join(parts)


def template_lines(rnd, templates, long_line: str = "今年以来，全市新建口袋公园。" * 30) -> str:
    """One to forty lines, each one choice per slot of a template chosen at random (a slot is a
    list of alternatives) or, now and then, a long line of prose, broken by \\n, \\r\\n or \\r
    alone (for the randomized tests of patterns that read lines)."""
    lines = []
    for _ in range(rnd.choice((1, 3, 8, 40))):
        line = long_line if rnd.random() < 0.05 else "".join(rnd.choice(slot) for slot in rnd.choice(templates))
        lines.append(line + rnd.choice(("\n", "\r\n", "\r")))
    return "".join(lines)


def marked_line_documents(seed: str, count: int, short: list[str], long: list[str], lone: list[str],
                          short_share: float, blank_share: float = 0.0) -> list[str]:
    """Random documents of one to nine lines, each one to three pieces (short ones at
    ``short_share``) with up to two lone marks put in, the lines joined by a line break (by a
    blank line in ``blank_share`` of the documents): title-like lines and marks opened on one
    line and closed on another, for the tests that compare PUN003's shortcuts with the scan of
    every line."""
    import random

    rnd = random.Random(seed)
    docs = []
    for _ in range(count):
        lines = []
        for _ in range(rnd.randint(1, 9)):
            pieces = [rnd.choice(short if rnd.random() < short_share else long) for _ in range(rnd.randint(1, 3))]
            for _ in range(rnd.choice((0, 0, 1, 2))):
                pieces.insert(rnd.randint(0, len(pieces)), rnd.choice(lone))
            lines.append("".join(pieces))
        sep = "\n\n" if blank_share and rnd.random() < blank_share else "\n"
        docs.append(sep.join(lines) + "\n")
    return docs
