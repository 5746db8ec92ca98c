"""gongwen's dataclass methods come compiled with the package (gongwen.dataclass_methods): the
table must be what its script writes today, each entry's code the code its text compiles to,
and a text not in the table must still be exec'd."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path
from types import CodeType

import pytest

from gongwen import dataclass_methods

TABLE = Path(dataclass_methods.__file__).with_name("_dataclass_methods_py311.py")
ON_311 = pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="the table is written for Python 3.11")


@ON_311
def test_the_table_is_what_the_script_writes_today():
    # A fresh process: the classes are made (and their texts recorded) by importing each module.
    written = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom gongwen import dataclass_methods as d\n"
                               "sys.stdout.write(d.table_source(d.collected_texts()))"],
        capture_output=True, text=True, encoding="utf-8", check=True, timeout=60).stdout
    assert written == TABLE.read_text(encoding="utf-8"), (
        "a dataclass of gongwen changed: run `python -m gongwen.dataclass_methods`")


def _same_code(a: CodeType, b: CodeType) -> bool:
    """The same program: everything but where it was written (file, lines, positions)."""
    fields = ("co_code", "co_names", "co_varnames", "co_freevars", "co_cellvars", "co_argcount",
              "co_posonlyargcount", "co_kwonlyargcount", "co_flags", "co_name", "co_qualname",
              "co_stacksize", "co_nlocals")
    if any(getattr(a, f) != getattr(b, f) for f in fields) or len(a.co_consts) != len(b.co_consts):
        return False
    return all(_same_code(x, y) if isinstance(x, CodeType) else (type(x) is type(y) and x == y)
               for x, y in zip(a.co_consts, b.co_consts))


@ON_311
def test_each_entry_is_the_code_its_text_compiles_to():
    codes = dataclass_methods._codes()
    assert len(codes) > 200
    for text, code in codes.items():
        defined = [c for c in compile(text, "<string>", "exec", dont_inherit=True).co_consts if isinstance(c, CodeType)]
        assert len(defined) == 1 and _same_code(code, defined[0]), text[:80]


@ON_311
def test_the_package_classes_take_the_table_and_other_classes_are_compiled():
    from gongwen.diagnostic import Diagnostic

    assert dataclasses.exec is dataclass_methods._exec  # installed by importing gongwen
    assert Path(Diagnostic.__eq__.__code__.co_filename) == TABLE

    @dataclasses.dataclass(frozen=True)
    class Elsewhere:  # a class the table does not know
        a: int
        b: str = "x"

    assert Elsewhere.__init__.__code__.co_filename == "<string>"
    one = Elsewhere(1)
    assert (one, repr(one), hash(one) == hash(Elsewhere(1, "x"))) == (Elsewhere(1, "x"), "test_the_package_classes_take_the_table_and_other_classes_are_compiled.<locals>.Elsewhere(a=1, b='x')", True)
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.a = 2
