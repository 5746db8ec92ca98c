"""Report and baseline paths that are not plain files: nothing waits, nothing is lost.

A FIFO nobody reads used to block ``open`` for ever (``-o pipe`` or ``--write-baseline pipe``,
the latter only after the whole run). Now ``-o`` is opened without waiting — a FIFO with a
reader and /dev/null still work — and a baseline, which a later run must read back, has to be a
regular file or a new one.
"""
from __future__ import annotations

import json
import os
import threading

import pytest

from support import run_cli

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
BAD = "我们开展了检查,发现问题。\n"


@needs_fifo
def test_a_report_fifo_nobody_reads_is_refused_at_once(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    result = run_cli("check", "-o", "pipe", "a.txt", cwd=tmp_path)  # run_cli's timeout ends a hang
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert "pipe" in err and "命名管道" in err and "Traceback" not in err
    assert err.count("\n") == 1  # one message


@needs_fifo
def test_a_report_fifo_with_a_reader_gets_the_whole_report(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    # The reader is there before gongwen opens the FIFO, as in `gongwen check -o pipe & cat pipe`.
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    try:
        result = run_cli("check", "--output-format", "json", "-o", "pipe", "a.txt", cwd=tmp_path)
    finally:
        if reader.is_alive():  # gongwen never opened it: let the reader go
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(10)
    assert result.returncode == 1, result.stderr.decode()
    assert [d["code"] for d in json.loads(received[0])] == ["PUN001"]


def test_a_report_to_a_device_is_written_as_usual(tmp_path):
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "-o", "/dev/null", "a.txt", cwd=tmp_path)
    assert result.returncode == 1 and not result.stderr.strip(), result.stderr.decode()


@needs_fifo
def test_a_baseline_fifo_is_refused_before_the_run(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    os.mkfifo(tmp_path / "base.json")
    result = run_cli("check", "--write-baseline", "base.json", "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "命名管道" in err and "未运行检查" in err, err
    assert "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize("kind", ["directory", "device"])
def test_a_baseline_that_is_a_directory_or_a_device_is_refused_before_the_run(tmp_path, kind):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    if kind == "directory":
        target = tmp_path / "base"
        target.mkdir()
    elif os.path.exists("/dev/null"):
        target = "/dev/null"
    else:
        pytest.skip("no /dev/null")
    result = run_cli("check", "--write-baseline", str(target), "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and "不是普通文件" in err and "未运行检查" in err, err


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
@pytest.mark.parametrize("name", ["reports/", "existing/"])
def test_a_report_path_ending_in_a_separator_is_refused_not_written_beside_the_folder(tmp_path, option, name):
    # "-o reports/" used to write a file named "reports" (a Path drops the trailing "/").
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "existing").mkdir()
    result = run_cli("check", option, name, "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert name in err and "目录" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "existing"]
    assert not any((tmp_path / "existing").iterdir())


def test_an_empty_report_path_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "-o", "", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "空" in result.stderr.decode()
