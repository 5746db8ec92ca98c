"""A check's start-up runs with the collector paused and is frozen before the run
(gongwen.cli._start_up_made): the run's collections and the interpreter's last ones at exit
skip what start-up made; the collector runs during the run and is on again afterwards."""
from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import gc, json, sys
from gongwen import cli, run
seen = {}
execute = run.execute
def watched(*args):
    seen["during"] = [gc.isenabled(), gc.get_freeze_count()]
    return execute(*args)
run.execute = watched
sys.argv = ["gongwen", *sys.argv[1:]]
try:
    cli.main()
except SystemExit:
    pass
seen["after"] = [gc.isenabled(), gc.get_freeze_count()]
print(json.dumps(seen))
"""


def test_start_up_is_frozen_and_the_collector_runs_during_the_run(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("2024年全市完成投资12.5亿元，同比增长8%。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", PROBE, "check", "--no-cache", "--output-format", "json", str(path)],
                         capture_output=True, text=True, check=True, timeout=60, cwd=tmp_path).stdout
    seen = json.loads(out.splitlines()[-1])
    (on_during, frozen_during), (on_after, frozen_after) = seen["during"], seen["after"]
    assert on_during and on_after
    assert frozen_during > 10_000  # the modules, rules and tables start-up made
    assert frozen_after >= frozen_during  # and at exit, what the run left
