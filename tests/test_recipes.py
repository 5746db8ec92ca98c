"""The CI recipes in docs/recipes/ (quoted in the README) are run here: every `gongwen`
command in them is executed, in order, against a folder of pages, with a baseline adopted
first as their comments say; the files they hand to the CI system are the ones they write."""
from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET

import jsonschema
import pytest
import yaml
from support import FIXTURES, ROOT, run_cli

RECIPES = ROOT / "docs" / "recipes"
OLD = "关于2024年法治政府建设情况的报告\n一是推进,落实。\n成文日期：2025127\n"
NEW = "二是加强,监督。\n"


def _commands(path):
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if "jobs" in data:
        lines = [s["run"] for job in data["jobs"].values() for s in job["steps"] if "run" in s]
    else:
        lines = [line for job in data.values() if isinstance(job, dict) for line in job.get("script", [])]
    gongwen = [line.split("#")[0].strip() for line in lines if line.startswith("gongwen ")]
    adopt = re.findall(r"#\s+(gongwen check --write-baseline .+)", text)
    return data, adopt, gongwen


def _site(tmp_path):
    pages = tmp_path / "public" / "news"
    pages.mkdir(parents=True)
    (pages / "2024.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "public" / "about.txt").write_text("本站由区人民政府办公室主办。\n", encoding="utf-8")
    return pages / "2024.txt"


def _run(line, cwd):
    argv = shlex.split(line)
    assert argv[0] == "gongwen"
    return run_cli(*argv[1:], cwd=cwd)


def _option(line, name):
    argv = shlex.split(line)
    return argv[argv.index(name) + 1]


@pytest.mark.parametrize("recipe", ["github-actions.yml", "gitlab-ci.yml"])
def test_recipe_commands_gate_only_new_findings(tmp_path, recipe):
    data, adopt, commands = _commands(RECIPES / recipe)
    assert len(adopt) == 1 and len(commands) >= 2
    page = _site(tmp_path)
    assert _run(adopt[0], tmp_path).returncode == 0

    for line in commands:  # adopted: old findings pass the gate
        result = _run(line, tmp_path)
        assert result.returncode == 0, (line, result.stdout.decode(), result.stderr.decode())

    page.write_text(OLD + NEW, encoding="utf-8")
    for line in commands:
        result = _run(line, tmp_path)
        gate = "--baseline" in line and "--exit-zero" not in line
        assert result.returncode == (1 if gate else 0), (line, result.stderr.decode())
        fmt = _option(line, "--output-format")
        out = (tmp_path / _option(line, "--output-file")).read_text(encoding="utf-8") \
            if "--output-file" in line else result.stdout.decode()
        if fmt == "github":
            assert out.splitlines() == [line for line in out.splitlines() if line.startswith("::")]
            assert out.count("::error ") == 1 and "file=public/news/2024.txt,line=4,col=5," in out
        elif fmt == "junit":
            root = ET.fromstring(out)
            assert root.get("failures") == "1"
            assert [c.get("name") for c in root.iter("testcase")] == ["public/about.txt", "public/news/2024.txt"]
        elif fmt == "sarif":
            schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
            jsonschema.Draft4Validator(schema).validate(json.loads(out))
        elif fmt == "html":
            assert out.startswith("<!DOCTYPE html>") and "public/news/2024.txt" in out
        else:
            raise AssertionError(f"recipe uses an untested format: {line}")

    # What the CI system is told to pick up is what the commands write.
    written = {_option(line, "--output-file") for line in commands if "--output-file" in line}
    if "jobs" in data:
        steps = data["jobs"]["check-pages"]["steps"]
        uploads = {s["with"]["sarif_file"] for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")}
        artifacts = {s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/upload-artifact")}
        assert uploads | artifacts == written and uploads
        assert (data.get("on") or data.get(True)).keys() >= {"push", "pull_request"}
    else:
        artifacts = data["gongwen"]["artifacts"]
        assert {artifacts["reports"]["junit"], *artifacts["paths"]} == written
