"""Configuration is validated against one declarative schema (issue 18): a bad value gives one
Chinese message naming the file, the key and the expected type, and exit 2 — never an
internal error, and never a value silently taken apart (a string where a list belongs)."""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import run_cli

from gongwen import api, config, schema
from gongwen.registry import RegistryError, SelectionError

TERM = '[[terms]]\ncode = "USR001"\nname = "x-y"\nkind = "existence"\nmessage = "m"\ntokens = ["甲"]\n'


@pytest.mark.parametrize(("body", "message"), [
    ("[severity]\nDAT001 = 3\n",
     '配置项 severity.DAT001 应为 "error"、"warning" 或 "info" 之一，实为整数 3'),
    ("ambiguous-width = 3\n", "配置项 ambiguous-width 应为 1 或 2，实为整数 3"),
    ("ambiguous-width = true\n", "配置项 ambiguous-width 应为 1 或 2，实为布尔值 true"),
    ("tool = 5\n", "未知的配置项 tool（可用："),
    ("[tool]\ngongwen = 5\n", "配置项 tool.gongwen 应为表（[tool.gongwen]），实为整数 5"),
    (TERM + "help = 1\n", "配置项 terms[0].help 应为字符串，实为整数 1"),
    (TERM.replace('tokens = ["甲"]', 'tokens = "甲乙"'), '配置项 terms[0].tokens 应为非空字符串数组（如 ["…"]），实为字符串 "甲乙"'),
    ("max-file-size = -1\n", "配置项 max-file-size 应为不小于 1 的整数，实为整数 -1"),
    ("max-file-size = 1.5\n", "配置项 max-file-size 应为不小于 1 的整数，实为小数 1.5"),
    ('[rules.PUN016]\nextend-publications = "衡阳日报"\n',
     '配置项 rules.PUN016.extend-publications 应为字符串数组（如 ["…"]），实为字符串 "衡阳日报"'),
    ('[rules.PUN016]\nextend-publications = ["衡阳日报", 3]\n',
     "配置项 rules.PUN016.extend-publications[1] 应为字符串，实为整数 3"),
    ('[rules.PUN002]\nmin-share = "0.8"\n', '配置项 rules.PUN002.min-share 应为不小于 0 的数字，实为字符串 "0.8"'),
    ('[rules.PUN002]\nmin-marks = 2.5\n', "配置项 rules.PUN002.min-marks 应为不小于 0 的整数，实为小数 2.5"),
    ('[rules.PUN016]\nextend-publication = ["衡阳日报"]\n',
     "未知的配置项 rules.PUN016.extend-publication（可用：extend-publications）"),
    ("[rules]\nPUN016 = 5\n", "配置项 rules.PUN016 应为表（选项 = 值），实为整数 5"),
    ('[severity]\nDAT999 = "error"\n', "配置项 severity.DAT999：没有规则 DAT999"),
    ('[[allow]]\nrule = "DAT001"\n', "缺少配置项 allow[0].text"),
    ('[per-file-ignores]\n"*.md" = ["XYZ"]\n', '配置项 per-file-ignores."*.md"[0]：未知的规则选择器'),
    ('[per-file-ignores]\n"*.md" = "DAT001"\n', '配置项 per-file-ignores."*.md" 应为字符串数组'),
    ('[encodings]\n"*.txt" = "rot13"\n', '配置项 encodings."*.txt" 应为文本编码名'),
    ('select = "DAT"\n', '配置项 select 应为字符串数组（如 ["…"]），实为字符串 "DAT"'),
    ("fail-on = 3\n", '配置项 fail-on 应为 "error"、"warning" 或 "info" 之一，实为整数 3'),
    ('content-selector = ""\n', '配置项 content-selector 应为非空字符串，实为字符串 ""'),
    ("respect-gitignore = 1\n", "配置项 respect-gitignore 应为布尔值（true 或 false），实为整数 1"),
])
def test_cli_names_the_file_the_key_and_the_type(tmp_path, body, message):
    cfg = tmp_path / "gongwen.toml"
    cfg.write_text(body, encoding="utf-8")
    (tmp_path / "a.txt").write_text("各位代表：\n", encoding="utf-8")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    err = result.stderr.decode()
    assert result.returncode == 2 and not result.stdout
    assert err.startswith(f"gongwen: 错误：{cfg}: ") and message in err and err.count("\n") == 1, err
    assert "内部错误" not in err and "Traceback" not in err


def test_pyproject_without_a_tool_table_is_not_a_config(tmp_path):
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    assert config.load(start=tmp_path).path is None


@pytest.mark.parametrize("body", [
    '[severity]\nDAT001 = " Warning "\n', "ambiguous-width = 2\n", "max-file-size = 1\n",
    '[rules.PUN016]\nextend-publications = ["衡阳日报"]\n', '[rules.PUN002]\nmin-share = 1\n',
    '[encodings]\n"*.txt" = "GB18030"\n', TERM + 'help = "改写"\nseverity = "error"\n',
    '[[allow]]\nrule = "compact-numeric-date"\ntext = "2025127"\n',
])
def test_valid_values_are_kept_as_written(tmp_path, body):
    (tmp_path / "gongwen.toml").write_text(body, encoding="utf-8")
    cfg = config.load(tmp_path / "gongwen.toml")
    api.make_linter(cfg.values)


def test_a_list_option_is_never_split_into_characters(tmp_path):
    (tmp_path / "gongwen.toml").write_text('[rules.PUN016]\nextend-publications = ["衡阳日报"]\n', encoding="utf-8")
    linter = api.make_linter(config.load(tmp_path / "gongwen.toml").values)
    assert next(r for r in linter.rules if r.code == "PUN016").opts["extend-publications"] == ["衡阳日报"]


def test_only_text_codecs_are_encodings():
    assert schema.is_text_encoding("gb18030") and schema.is_text_encoding("UTF-8")
    assert not schema.is_text_encoding("rot13") and not schema.is_text_encoding("base64")
    assert not schema.is_text_encoding("no-such-codec")


# --- any value for any key: a message, never an internal error -------------------------------

_SCALARS = (st.integers(-10**6, 10**6) | st.booleans() | st.floats(allow_nan=False, allow_infinity=False)
            | st.text(max_size=8) | st.sampled_from(["error", "DAT001", "PUN016", "*.txt", "utf-8", "ALL"]))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.sampled_from(["DAT001", "PUN016", "text", "rule", "code", "x"]),
                                         inner, max_size=3), max_leaves=8)


def _toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if not isinstance(value, float) or math.isfinite(value) else "0"
    if isinstance(value, str):
        return '"' + "".join(f"\\u{ord(c):04x}" if c in '"\\\x7f' or c < " " else c for c in value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


@given(key=st.sampled_from(sorted(config.SCHEMA)), value=_VALUES)
def test_any_value_of_any_key_is_accepted_or_named(tmp_path_factory, key, value):
    path = tmp_path_factory.mktemp("cfg") / "gongwen.toml"
    path.write_text(f"{json.dumps(key)} = {_toml(value)}\n", encoding="utf-8")
    try:
        cfg = config.load(path)
        api.make_linter(cfg.values)
    except config.ConfigError as exc:
        assert str(exc).startswith(f"{path}: ") and key in str(exc)
    except (schema.Invalid, SelectionError) as exc:  # named once the rules are known
        assert key in str(exc)
    except RegistryError as exc:  # a declared term that clashes with a rule pack
        assert "terms" in str(exc) or "config" in str(exc)


# --- command-line options are configuration too -------------------------------------------------

@pytest.mark.parametrize("args", [("--select=",), ("--select", " , "), ("--select", "DAT001", "--ignore", "DAT001")])
def test_a_run_with_no_rule_is_refused(tmp_path, args):
    (tmp_path / "a.txt").write_text("会议于2025127召开。\n", encoding="utf-8")
    result = run_cli("check", *args, str(tmp_path / "a.txt"))
    assert result.returncode == 2 and "启用任何规则" in result.stderr.decode() and not result.stdout


@pytest.mark.parametrize("name", ["rot13", "base64", "no-such-codec"])
def test_an_encoding_that_decodes_no_text_is_refused(tmp_path, name):
    (tmp_path / "a.txt").write_text("会议于2025127召开。\n", encoding="utf-8")
    result = run_cli("check", "--encoding", name, str(tmp_path / "a.txt"))
    err = result.stderr.decode()
    assert result.returncode == 2 and f"--encoding {name}" in err and "文本编码" in err, err
    assert run_cli("check", "--encoding", "GB18030", str(tmp_path / "a.txt")).returncode != 2
