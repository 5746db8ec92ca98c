"""Text in a wide Unicode form without its byte order mark, and text with stray NUL bytes.

BOM-less UTF-16/32 used to be called "binary, not text" with a hint to use another file type;
and `--encoding utf-32-le` on such a file was refused the same way (only utf-16 was let past
the NUL check). The message now names the form the bytes read as, and a forced UTF-16/32
encoding reads and fixes the file changing only the fixed characters.
"""
from __future__ import annotations

import json
import random

import pytest

from gongwen.sources import bomless_utf
from support import SEED, run_cli

BAD = "我们开展了检查,发现问题。\r\n第二行\r第三行\n"
GOOD = BAD.replace(",", "，")
FORMS = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]


@pytest.mark.parametrize("codec", FORMS)
def test_the_seed_report_in_each_wide_form_is_recognised_by_its_bytes(codec):
    text = SEED.read_text(encoding="utf-8")
    for start in range(0, len(text) - 2_000, 397):  # heads cut anywhere, mid-character too
        head = text[start:].encode(codec)[:8191 - start % 7]
        assert bomless_utf(head) == codec.upper(), (codec, start)


def test_utf8_with_a_stray_nul_and_random_bytes_are_not_taken_for_wide_text():
    assert bomless_utf("我们开展了\x00检查，发现问题。\n".encode()) is None
    rnd = random.Random("noise")
    guessed = sum(bomless_utf(bytes(rnd.randrange(256) for _ in range(4096))) is not None for _ in range(200))
    assert guessed == 0


@pytest.mark.parametrize("codec", FORMS)
def test_a_bomless_wide_file_gets_a_hint_and_a_forced_encoding_reads_and_fixes_it(tmp_path, codec):
    f = tmp_path / "r.txt"
    f.write_bytes(BAD.encode(codec))
    found = json.loads(run_cli("check", "--output-format", "json", "r.txt", cwd=tmp_path).stdout)
    assert [d["code"] for d in found] == ["LNT901"]
    assert codec.upper() in found[0]["message"] and f"--encoding {codec}" in found[0]["help"]
    forced = json.loads(run_cli("check", "--output-format", "json", "--encoding", codec, "r.txt",
                                cwd=tmp_path).stdout)
    assert [d["code"] for d in forced] == ["PUN001"]
    result = run_cli("check", "--fix", "--encoding", codec, "r.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert f.read_bytes() == GOOD.encode(codec)  # line ends, byte order and width kept


def test_utf8_with_a_nul_byte_is_still_binary(tmp_path):
    (tmp_path / "r.txt").write_bytes("我们开展了\x00检查,发现问题。\n".encode())
    found = json.loads(run_cli("check", "--output-format", "json", "r.txt", cwd=tmp_path).stdout)
    assert [(d["code"], d["message"]) for d in found] == [("LNT901", "二进制文件，不是文本")]
