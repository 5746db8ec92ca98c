"""The fuzz target (benchmarks/fuzz/fuzz_readers.py) runs here without atheris, through its
plain driver, for a few hundred inputs: a target that nothing runs rots (atheris has no
wheel for every Python, and CI does not fuzz). Its first run with web archives as a format
of their own found that ``fix.fix_path`` read a ``.warc`` as plain text and wrote it back.
And the fix path under hypothesis for the readers test_hostile_readers leaves out: web
archives and PDF files are never written.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from support import FIXTURES, ROOT, load_script, run_cli
from test_hostile_probe4 import BAD, _archives, _warc
from test_hostile_readers import LINTER, PROFILE, _mutated

from gongwen import fix as fixmod

TARGET = ROOT / "benchmarks" / "fuzz" / "fuzz_readers.py"


def _target():
    return load_script(TARGET, "fuzz_readers")


def test_the_plain_data_provider_reads_an_input_as_libfuzzer_does():
    """Integers from the end, one byte for a small range, modulo the range: the seeds'
    last bytes pick the same format and encoding under both drivers (README)."""
    provider = _target().PlainDataProvider(b"body\x09\x05")
    assert provider.ConsumeIntInRange(0, 5) == 5  # warc
    assert provider.ConsumeIntInRange(0, 6) == 2
    assert provider.ConsumeBytes(provider.remaining_bytes()) == b"body"
    assert provider.ConsumeIntInRange(0, 5) == 0  # nothing left: the lowest


def test_the_fuzz_target_runs_its_seeds_and_three_hundred_mutations(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where a crash would be written
    target = _target()
    assert "warc" in target.FORMATS
    done = target.plain_fuzz([str(ROOT / "benchmarks" / "fuzz" / "corpus")], runs=300, seed=11)
    assert done > 300 and not list(tmp_path.iterdir())


def test_the_fuzz_target_replays_an_input_from_the_command_line(tmp_path):
    """Without atheris, ``fuzz_readers.py crash-…`` replays the file, as libFuzzer does."""
    case = tmp_path / "crash-x"
    case.write_bytes(b"<p>" + BAD.encode() + b"</p>\x05")  # the last byte: a web archive
    done = subprocess.run([sys.executable, str(TARGET), str(case)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()


# --- the fix path on the readers test_hostile_readers leaves out -------------------------------

@settings(PROFILE)
@given(_archives())
def test_fixing_a_web_archive_never_writes_it(data):
    """``fix.fix_path`` (the API; a run reads an archive page by page and fixes none) read a
    .warc as plain text and wrote the fixed text back: a comma widened in a page moved every
    record after it off its Content-Length."""
    for name in ("a.warc", "a.warc.gz"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            outcome = fixmod.fix_path(path, LINTER, unsafe=True)
            assert path.read_bytes() == data
            assert outcome is None or not outcome.written


def test_a_web_archive_with_a_fixable_page_is_refused_with_a_reason(tmp_path):
    path = tmp_path / "a.warc"
    data = _warc([("200 OK", "text/html", f"<p>{BAD}</p>".encode())] * 2, gzipped=False)
    path.write_bytes(data)
    outcome = fixmod.fix_path(path, LINTER, unsafe=True)
    assert path.read_bytes() == data and not outcome.written and "WARC" in outcome.refused


@settings(PROFILE, max_examples=max(10, PROFILE.max_examples // 5))  # a PDF parse is slow
@given(_mutated((FIXTURES / "reports" / "yanfeng-2024.pdf").read_bytes()))
def test_fixing_a_pdf_never_writes_it(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.pdf"
        path.write_bytes(data)
        outcome = fixmod.fix_path(path, LINTER, unsafe=True)
        assert path.read_bytes() == data and (outcome is None or not outcome.written)


def test_fixing_a_web_archive_on_standard_input_never_prints_it_changed():
    """``--fix --stdin-filename a.warc -`` printed the archive with its pages' commas widened
    (exit 0, "共修复 2 处"): every record after the first fix was off its Content-Length.
    Standard input named as an archive is now refused outright (probe 10,
    test_hostile_probe10); whatever the refusal, no changed archive may reach stdout."""
    data = _warc([("200 OK", "text/html", f"<p>{BAD}</p>".encode())] * 2, gzipped=False)
    done = run_cli("check", "--fix", "--stdin-filename", "a.warc", "-", input=data)
    assert done.stdout in (b"", data) and done.returncode != 0 and "网页归档" in done.stderr.decode()