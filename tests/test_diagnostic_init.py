"""The findings' frozen dataclasses are built by gongwen.diagnostic._quick_init's ``__init__``
(each slot's own setter, not ``object.__setattr__`` per field): the same signature, defaults,
errors and frozenness as the ``__init__`` ``dataclass`` writes, compared here with a fresh
dataclass of the same fields."""
from __future__ import annotations

import dataclasses
import inspect
import pickle
import random

import pytest

from gongwen.diagnostic import Diagnostic, Edit, Fix, Label, Violation

CLASSES = (Edit, Fix, Label, Violation, Diagnostic)


def _reference(cls: type) -> type:
    """A plain frozen, slotted dataclass with ``cls``'s fields and defaults."""
    spec = [(f.name, f.type, dataclasses.field(default=f.default)) if f.default is not dataclasses.MISSING
            else (f.name, f.type) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(f"Ref{cls.__name__}", spec, frozen=True, slots=True)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_quick_init_matches_the_dataclass_one(cls: type) -> None:
    ref = _reference(cls)
    assert "__setattr__" not in cls.__init__.__code__.co_names  # the slots' setters, not object's
    assert [(p.name, p.kind, p.default) for p in inspect.signature(cls.__init__).parameters.values()] == \
        [(p.name, p.kind, p.default) for p in inspect.signature(ref.__init__).parameters.values()]
    names = [f.name for f in dataclasses.fields(cls)]
    required = sum(1 for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING)
    rng = random.Random(20)
    for _ in range(300):
        n = rng.randint(required, len(names))
        values = [rng.choice([0, 7, "x", None, (), ("a",)]) for _ in names[:n]]
        k = rng.randint(0, n)  # the first k positional, the rest by keyword
        args, kwargs = values[:k], dict(zip(names[k:n], values[k:]))
        made, expected = cls(*args, **kwargs), ref(*args, **kwargs)
        assert [getattr(made, name) for name in names] == [getattr(expected, name) for name in names]
        assert pickle.loads(pickle.dumps(made)) == made
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, rng.choice(names), 1)
    for bad_args, bad_kwargs in (([0] * (required - 1), {}), ([0] * (len(names) + 1), {}),
                                 ([0] * required, {"nonexistent": 1}), ([0] * required, {names[0]: 1})):
        with pytest.raises(TypeError) as ours:
            cls(*bad_args, **bad_kwargs)
        with pytest.raises(TypeError):
            ref(*bad_args, **bad_kwargs)
        assert "__init__()" in str(ours.value)


def _built_positionally() -> tuple[type, ...]:
    from gongwen.analysis.numerals import Numeral
    from gongwen.analysis.quantities import Quantity
    from gongwen.analysis.quantity_model import Figure
    from gongwen.analysis.dates import DateExpr, Part
    from gongwen.document import TextUnit

    return (*CLASSES, Numeral, Quantity, Figure, Part, DateExpr, TextUnit)


@pytest.mark.parametrize("cls", _built_positionally(), ids=lambda c: c.__name__)
def test_the_positional_constructor_builds_what_the_class_builds(cls: type) -> None:
    """slotted.positional(cls) (gongwen._slots' one C call, round 23) takes every field in
    order and builds an instance equal to the class's own, of the class, frozen, hashed and
    pickled alike; a wrong number of values or a keyword is refused."""
    from gongwen import slotted as diagnostic

    makers = [diagnostic.positional(cls), diagnostic._by_setters(cls, tuple(f.name for f in dataclasses.fields(cls)))]
    assert all(make is not cls for make in makers)  # the C builder (where built) and the setters
    for make in makers:
        _builds_what_the_class_builds(cls, make)


def _builds_what_the_class_builds(cls, make) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    rng = random.Random(23)
    for _ in range(300):
        values = [rng.choice([0, 7, "x", None, (), ("a",), 2**70]) for _ in names]
        made, expected = make(*values), cls(*values)
        assert type(made) is cls and made == expected and repr(made) == repr(expected)
        assert [getattr(made, name) for name in names] == values
        assert pickle.loads(pickle.dumps(made)) == made and hash(made) == hash(expected)
        if cls.__dataclass_params__.frozen:
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(made, rng.choice(names), 1)
    with pytest.raises(TypeError):
        make(*([0] * (len(names) - 1)))
    with pytest.raises(TypeError):
        make(*([0] * (len(names) + 1)))
    with pytest.raises(TypeError):
        make(*([0] * (len(names) - 1)), **{names[-1]: 0})


def test_the_slot_builder_takes_only_the_class_s_own_plain_slots() -> None:
    """A name that is no slot of the class (a property, a base's slot, a missing one) is
    refused when the builder is made: positional() then keeps the class itself."""
    from gongwen import slotted as diagnostic

    if diagnostic._slots is None:
        pytest.skip("gongwen._slots not built")

    @dataclasses.dataclass(frozen=True, slots=True)
    class Child(Edit):
        extra: int = 0

    for cls, names in ((Diagnostic, ("code", "fix")), (Child, ("start", "extra")), (Edit, ("start", "nowhere"))):
        with pytest.raises(TypeError):
            diagnostic._slots.builder(cls, names)
    assert diagnostic.positional(Child) is Child
    assert diagnostic.positional(int) is int
