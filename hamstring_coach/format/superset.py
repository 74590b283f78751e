"""``superset:`` steps (COACHING.md section 4), checked into their exercises.

A superset is one step in the file and several in the model: each of its
exercises becomes an :class:`ExerciseStep` with ``sets`` = ``rounds``,
``rest`` = the rest between rounds and a :class:`Superset` saying how they
interleave. ``sets`` and ``rest`` inside its exercises are errors (the
superset sets rounds and rest); ``prepare`` of the exercises after the first
is kept but not used (the timeline has one get-ready, the first exercise's).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from hamstring_coach.format.model import Defaults, ExerciseStep, Superset
from hamstring_coach.format.nodes import Map, Node, Seq
from hamstring_coach.format.values import Checker, join

SUPERSET_KEYS = ("rounds", "rest", "between", "exercises")
DEFAULT_ROUNDS = 1
DEFAULT_BETWEEN = 10.0
# Keys an exercise inside a superset may not have, and why.
REFUSED = {
    "sets": "the superset sets how many rounds: write rounds: on the superset",
    "rest": "the superset sets the rest between rounds: write rest: on the superset "
            "(between: for the pause from one exercise to the next)",
}

ExerciseParser = Callable[[Checker, Map, str], "ExerciseStep | None"]


def parse_superset(checker: Checker, step: Map, path: str, defaults: Defaults, first: int,
                   exercise: ExerciseParser) -> list[ExerciseStep]:
    """The exercises of the ``superset:`` step ``step`` (at ``Session.steps[first]`` on).

    ``exercise`` checks one exercise mapping as a session's exercise step does
    (catalogue, defaults). Problems are recorded in ``checker``; the list is
    empty after one.
    """
    before = len(checker.problems)
    checker.keys(step, path, ("superset",), "a superset step",
                 hints={k: ' (it belongs inside "superset:")' for k in SUPERSET_KEYS})
    where = join(path, "superset")
    body = checker.mapping(step.entries["superset"].value, where,
                           "a mapping with rounds, rest, between and exercises")
    if body is None:
        return []
    checker.keys(body, where, SUPERSET_KEYS, "a superset")
    keys = body.entries
    rounds = DEFAULT_ROUNDS
    if "rounds" in keys:
        rounds = checker.count(keys["rounds"].value, join(where, "rounds")) or DEFAULT_ROUNDS
    rest = _time(checker, keys["rest"].value if "rest" in keys else None,
                 join(where, "rest"), defaults.rest)
    between = _time(checker, keys["between"].value if "between" in keys else None,
                    join(where, "between"), DEFAULT_BETWEEN)
    if "exercises" not in keys:
        checker.add(body, where, 'a superset needs "exercises", a list of two or more '
                                 "exercises done one after the other in each round")
        return []
    items = _items(checker, keys["exercises"].value, join(where, "exercises"))
    found: list[ExerciseStep] = []
    for i, item in enumerate(items):
        item_path = join(join(where, "exercises"), i)
        for key, why in REFUSED.items():
            if key in item.entries:
                checker.add(item.entries[key].key, join(item_path, key),
                            f'"{key}" is not allowed inside a superset: {why}')
        if "superset" in item.entries:
            checker.add(item.entries["superset"].key, join(item_path, "superset"),
                        "a superset cannot hold another superset")
            continue
        if "exercise" not in item.entries and "use" not in item.entries:
            checker.add(item, item_path, 'each exercise of a superset needs "exercise" or '
                                         '"use"')
            continue
        parsed = exercise(checker, _without(item, REFUSED), item_path)
        if parsed is not None:
            found.append(parsed)
    if len(checker.problems) > before or len(found) != len(items):
        return []
    size = len(found)
    return [dataclasses.replace(
        step_, sets=rounds, rest=rest,
        superset=Superset(first=first, size=size, position=position, rounds=rounds,
                          rest=rest, between=between, line=step.line))
        for position, step_ in enumerate(found)]


def _time(checker: Checker, node: Node | None, path: str, fallback: float) -> float:
    if node is None:
        return fallback
    value = checker.time(node, path)
    return fallback if value is None else value


def _items(checker: Checker, node: Node, path: str) -> list[Map]:
    if not isinstance(node, Seq):
        checker.wrong(node, path, "a list of exercises")
        return []
    if len(node.items) < 2:
        checker.add(node, path, "a superset pairs two or more exercises (for one exercise, "
                                "write it as a step with sets)")
    maps = []
    for i, item in enumerate(node.items):
        body = checker.mapping(item, join(path, i), "an exercise (a mapping with exercise "
                                                    "or use)")
        if body is not None:
            maps.append(body)
    return maps


def _without(node: Map, keys: dict[str, str]) -> Map:
    """``node`` minus ``keys`` (already reported), so they are not reported twice."""
    if not any(k in node.entries for k in keys):
        return node
    entries = {k: e for k, e in node.entries.items() if k not in keys}
    return dataclasses.replace(node, entries=entries)
