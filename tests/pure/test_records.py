"""``@frozen`` (system/records.py) behaves as ``@dataclass(frozen=True, slots=True)``."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from hamstring_coach.system.records import frozen


@frozen
class Point:
    x: int
    y: float = 0.0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Twin:  # the same class made by dataclasses, to compare against
    x: int
    y: float = 0.0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False, repr=False)


@frozen
class Point3(Point):
    z: int = 0


@frozen
class Empty:
    pass


@frozen
class One:
    value: object


@frozen
class Shown:
    value: int

    def __repr__(self) -> str:
        return f"<{self.value}>"


def test_equal_hash_and_repr_as_dataclasses_makes_them() -> None:
    for args in [(1,), (1, 2.5), (1, 2.5, ("a", "b")), (0, -1.0, ())]:
        mine, theirs = Point(*args, note="n"), Twin(*args, note="n")
        assert mine == Point(*args) and hash(mine) == hash(theirs) == hash(Point(*args))
        assert repr(mine) == repr(theirs).replace("Twin", "Point")
    assert Point(1) != Point(2) and Point(1, 1.0) != Point(1, 2.0)
    assert Point(1) != Twin(1) and Point(1) != Point3(1)  # another class is never equal
    assert Point(1).__eq__((1, 0.0, ())) is NotImplemented
    assert Point3(1, z=2) == Point3(1, z=2) != Point3(1, z=3)
    assert repr(Point3(1, z=2)) == "Point3(x=1, y=0.0, tags=(), z=2)"
    assert {Point(1), Point(1, note="other")} == {Point(1)}  # note is not compared
    assert Empty() == Empty() and hash(Empty()) == hash(()) and repr(Empty()) == "Empty()"
    assert One(3) == One(3) != One(4) and hash(One(3)) == hash((3,))
    assert repr(Shown(2)) == "<2>" and Shown(2) == Shown(2)
    assert Point.__eq__.__qualname__ == "Point.__eq__"


def test_frozen_slotted_and_the_dataclasses_functions_work() -> None:
    point = Point(1, 2.0, ("a",), note="n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        point.other = 1  # type: ignore[attr-defined]
    assert not hasattr(point, "__dict__") and Point.__slots__ == ("x", "y", "tags", "note")
    assert [f.name for f in dataclasses.fields(point)] == ["x", "y", "tags", "note"]
    assert dataclasses.replace(point, x=5) == Point(5, 2.0, ("a",))
    assert dataclasses.asdict(point) == {"x": 1, "y": 2.0, "tags": ("a",), "note": "n"}
    assert pickle.loads(pickle.dumps(point)) == point
    assert Point.__match_args__ == ("x", "y", "tags", "note")
    with pytest.raises(TypeError):
        {One([1])}  # an unhashable value is unhashable, as with dataclasses
