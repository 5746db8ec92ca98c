"""gongwen.cli_args reads ``gongwen check``'s command line as typer does, or leaves it to typer.

On random command lines made of every option's spellings, valid and invalid values and paths,
whatever cli_args accepts must be exactly what typer calls ``check`` with.
"""
from __future__ import annotations

import functools
import inspect
import random

import pytest
import typer

from gongwen import cli, cli_args

try:
    from typer import _click as click
except ImportError:  # pragma: no cover - older typer depends on click itself
    import click

VALUES = {
    list: ["DAT001", "PUN,TYP", "", "ALL", "-", "--fix", "x y"],
    str: ["gb18030", "", "#zoom", "-", "tcp://h:8786", "--diff"],
    int: ["0", "1", "2", "3", "-1", "x", "08", " 4", "1_0"],
    "path": ["out.txt", "", "-", "a/b", "--x"],
}
PATHS = ["a.txt", "-", "dir/", "--", "-x", "--help", "-h", "--no-such", "check"]


def _typer_reading():
    """A command with check's parameters that returns what typer calls it with."""
    cli._app()  # binds typer in gongwen.cli, where check's annotations are resolved
    app = typer.Typer(add_completion=False)

    @app.command()
    @functools.wraps(cli.check)
    def capture(**kwargs):
        return kwargs

    return typer.main.get_command(app)


def _random_argv(rnd: random.Random, options) -> list[str]:
    spellings = sorted(options)
    argv = ["check"]
    for _ in range(rnd.randint(0, 6)):
        if rnd.random() < 0.25:
            argv.append(rnd.choice(PATHS))
            continue
        spelling = rnd.choice(spellings)
        spec, _ = options[spelling]
        if spec.flag is not None:
            argv.append(spelling + ("=1" if rnd.random() < 0.05 else ""))
            continue
        kind = spec.value
        pool = VALUES["path"] if kind is cli_args.Path else VALUES.get(kind) or (
            [m.value for m in kind] + ["FULL", "xml"])
        value = rnd.choice(pool)
        form = rnd.random()
        if form < 0.2 and not spelling.startswith("--"):
            argv.append(spelling + value)
        elif form < 0.5 and spelling.startswith("--"):
            argv.append(f"{spelling}={value}")
        elif form < 0.97:
            argv += [spelling, value]
        else:
            argv.append(spelling)  # the value is missing
    return argv


def _disagreements(count: int = 1500) -> tuple[list, int]:
    command = _typer_reading()
    options, _ = cli_args.parameters(cli.check)
    defaults = {name: p.default for name, p in inspect.signature(cli.check).parameters.items()}
    rnd = random.Random("cli-args")
    wrong, accepted = [], 0
    for _ in range(count):
        argv = _random_argv(rnd, options)
        ours = cli_args.check_arguments(argv, cli.check)
        if ours is None:
            continue
        accepted += 1
        try:
            theirs = command.main(args=argv[1:], prog_name="gongwen", standalone_mode=False)
        except (click.exceptions.ClickException, typer.Exit) as exc:
            wrong.append((argv, ours, repr(exc)))
            continue
        if {**defaults, **ours} != theirs:
            wrong.append((argv, ours, theirs))
    return wrong, accepted


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    monkeypatch.delenv("GONGWEN_CLUSTER", raising=False)


def test_what_cli_args_accepts_typer_reads_the_same_way():
    wrong, accepted = _disagreements()
    assert not wrong[:5]
    assert accepted > 300  # the shortcut is taken often, or this test would test nothing


def test_the_comparison_catches_a_reader_that_skips_a_range_check(monkeypatch):
    monkeypatch.setattr(cli_args, "_convert", lambda spec, text: int(text) if spec.value is int and
                        text.strip().lstrip("-").isdigit() else text if spec.value in (str, list) else None)
    wrong, _ = _disagreements(400)
    assert wrong  # -j -1 is refused by typer (min=0)


def test_the_comparison_catches_a_reader_that_keeps_the_first_of_repeated_values(monkeypatch):
    real = cli_args.check_arguments

    def first_wins(argv, command):
        values = real(argv, command)
        if values is not None and "output_format" in values:
            spellings = [a for a in argv if a.startswith("--output-format")]
            if len(spellings) > 1:
                first = argv[argv.index(spellings[0]) + 1] if spellings[0] == "--output-format" else spellings[0].split("=", 1)[1]
                values["output_format"] = cli_args._convert(cli_args.parameters(command)[0]["--output-format"][0], first)
        return values

    monkeypatch.setattr(cli_args, "check_arguments", first_wins)
    wrong, _ = _disagreements(3000)
    assert wrong


@pytest.mark.parametrize("argv", [
    ["check", "--help"], ["check", "-h"], ["--version"], ["rules"], ["check", "--selec", "X"],
    ["check", "--fix=yes"], ["check", "--select"], ["check", "--select", "--fix"], ["check", "-j", "-1"],
    ["check", "--output-format", "FULL"], ["check", "-jx"], [],
])
def test_left_to_typer(argv):
    assert cli_args.check_arguments(argv, cli.check) is None


def test_an_option_read_from_the_environment_is_left_to_typer(monkeypatch):
    monkeypatch.setenv("GONGWEN_CLUSTER", "tcp://h:8786")
    assert cli_args.check_arguments(["check", "a.txt"], cli.check) is None
