"""``check --jobs``: the same output, in input order, whatever the number of processes."""
from __future__ import annotations

from pathlib import Path

from support import SEED, run_cli

from gongwen import api


def _tree(tmp_path: Path) -> Path:
    seed = SEED.read_text(encoding="utf-8")
    for i in range(12):
        (tmp_path / f"d{i % 3}").mkdir(exist_ok=True)
        (tmp_path / f"d{i % 3}" / f"r{i:02d}.txt").write_text(seed[i * 40:], encoding="utf-8")
    (tmp_path / "d0" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "d1" / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    return tmp_path


def test_parallel_output_is_identical_and_ordered(tmp_path):
    tree = _tree(tmp_path)
    serial = run_cli("check", "--output-format", "json", "--jobs", "1", str(tree))
    parallel = run_cli("check", "--output-format", "json", "--jobs", "3", str(tree))
    default = run_cli("check", "--output-format", "json", str(tree))
    assert serial.returncode == parallel.returncode == default.returncode == 1
    assert serial.stdout and serial.stdout == parallel.stdout == default.stdout


def test_file_arguments_and_stdin(tmp_path):
    tree = _tree(tmp_path)
    files = [str(p) for p in sorted(tree.rglob("*.txt"))]
    serial = run_cli("check", "--output-format", "concise", "-j", "1", *files)
    parallel = run_cli("check", "--output-format", "concise", "-j", "2", *files)
    with_stdin = run_cli("check", "--output-format", "concise", "-j", "2", *files, "-", input=b"2025127\n")
    assert serial.stdout and parallel.stdout == serial.stdout
    lines = with_stdin.stdout.decode().splitlines()
    assert [ln for ln in lines if not ln.startswith("-:")] == serial.stdout.decode().splitlines()
    assert any(ln.startswith("-:1:1: DAT001") for ln in lines)


def test_api_results_in_input_order(tmp_path):
    files = sorted(_tree(tmp_path).rglob("*.txt"), reverse=True)  # any order is kept
    linter = api.make_linter({})
    serial = [(doc.path, found) for doc, found in api.lint_files(files, linter, jobs=1)]
    parallel = [(doc.path, found) for doc, found in api.lint_files(files, linter, jobs=4)]
    assert serial == parallel and len(serial) == 14
    assert [path for path, _ in parallel] == [api.read_document(f).path for f in files]


def _pool_calls(monkeypatch) -> list[int]:
    """The worker counts of the pools lint_files starts (none are started)."""
    from gongwen import pool

    calls: list[int] = []
    monkeypatch.setattr(pool, "imap", lambda job, items, workers, *rest: calls.append(workers) or
                        [job(item) for item in items])
    return calls


def test_a_small_run_starts_no_pool_unless_asked(tmp_path, monkeypatch):
    files = sorted(_tree(tmp_path).rglob("*.txt"))
    linter = api.make_linter({})
    monkeypatch.setattr(api, "default_jobs", lambda: 4)
    calls = _pool_calls(monkeypatch)
    assert len(list(api.lint_files(files, linter))) == len(files) and calls == []  # ~100 KB
    list(api.lint_files(files, linter, jobs=3))
    assert calls == [3]  # --jobs 3 is obeyed however small the run
    monkeypatch.setattr(api, "SMALL_RUN_BYTES", 2_000)
    list(api.lint_files(files, linter))
    assert calls == [3, 4]  # past the threshold the default is one worker per core


def test_archives_and_folder_problems_keep_their_place_among_pooled_files(tmp_path):
    """The walk streams into the pool; what the run reads itself (a web archive, what the
    walk reports of a folder) comes back in its place among the files the workers lint."""
    import os

    from support import write_warc

    tree = _tree(tmp_path)
    for i in range(40):  # enough files for several chunks around the archive
        (tree / "d2" / f"s{i:02d}.txt").write_text(SEED.read_text(encoding="utf-8")[i * 30:i * 30 + 300],
                                                   encoding="utf-8")
    page = "<html><body><p>2025127日，召开会议,部署工作。</p></body></html>".encode()
    write_warc(tree / "d1" / "site.warc.gz", [("https://example.gov.cn/a.html", "200 OK", "text/html", page)])
    os.symlink("..", tree / "d1" / "loop")  # reported by the walk itself (LNT901), read by no worker
    serial = run_cli("check", "--output-format", "concise", "--jobs", "1", str(tree))
    parallel = run_cli("check", "--output-format", "concise", "--jobs", "3", str(tree))
    assert serial.stdout == parallel.stdout and serial.returncode == parallel.returncode == 1
    lines = serial.stdout.decode().splitlines()
    assert any(ln.startswith("https://example.gov.cn/a.html:") for ln in lines)
    assert any("/loop:" in ln and "LNT901" in ln for ln in lines)
