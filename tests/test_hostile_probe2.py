"""Cases of the second hostile probe (issue 18), none of them in the other test_hostile files."""
from __future__ import annotations

import json

import pytest

from gongwen import config
from support import run_cli

BAD = "我们开展了检查,发现问题。\n"


@pytest.mark.parametrize("name", ["pyproject.toml", "gongwen.toml"])
def test_a_config_saved_with_a_byte_order_mark_is_read(tmp_path, name):
    """Windows Notepad writes a BOM; tomllib called it an invalid statement at line 1."""
    body = ("[tool.gongwen]\n" if name == "pyproject.toml" else "") + 'select = ["DAT"]\n'
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + body.encode())
    assert config.load(start=tmp_path).values["select"] == ["DAT"]
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--output-format", "json", "a.txt", cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == [], result.stderr.decode()
