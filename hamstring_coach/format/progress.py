"""``progress:`` rules on an exercise step, checked against the step they are on.

COACHING.md section 3 is the contract. A rule is checked after the step is
resolved (catalogue entry, defaults, the step's own keys), because whether it
makes sense depends on the step: a load rule needs a load with ``kg``/``lb``,
a tempo rule a tempo with that phase, an ``up_to`` must not be below where the
exercise starts. Every problem is located at the key or value that causes it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection

from hamstring_coach.format.loads import MAX_LOAD, parse_load, parse_step
from hamstring_coach.format.model import (
    Deload,
    ExerciseStep,
    Gate,
    Load,
    Progress,
    RuleKind,
    WorkKind,
)
from hamstring_coach.format.nodes import Map, Node, Scalar
from hamstring_coach.format.values import Checker, join, parse_duration, suggest
from hamstring_coach.textfmt import secs

GROWTH_KEYS = tuple(k.value for k in RuleKind)  # load, reps, hold, duration, tempo
PROGRESS_KEYS = (*GROWTH_KEYS, "up_to", "then", "gate", "deload")
GATE_KEYS = ("rir", "pain")
DELOAD_KEYS = ("after", "by")
RIR_MAX = 3  # "3 or more"
PAIN_MAX = 10
_EXAMPLE = ("{load: +2.5 kg}, {reps: +1}, {hold: +5s, up_to: 45s} or "
            "{tempo: {Lower: +1s}, up_to: 6s}")


def check_progress(checker: Checker, node: Node, path: str, step: ExerciseStep,
                   catalogue: Collection[str] | None) -> Progress | None:
    """The rule written at ``node`` for ``step``, or None after recording every problem.

    ``catalogue`` holds the ids a ``then:`` may name (None: not checked).
    """
    body = checker.mapping(node, path, f"a progress rule such as {_EXAMPLE}")
    if body is None:
        return None
    before = len(checker.problems)
    checker.keys(body, path, PROGRESS_KEYS, "a progress rule")
    entries = body.entries
    growth = sorted((k for k in GROWTH_KEYS if k in entries),
                    key=lambda k: (entries[k].key.line, entries[k].key.col))
    if not growth:
        checker.add(body, path, "a progress rule says what grows: one of "
                                + ", ".join(GROWTH_KEYS) + f", such as {_EXAMPLE}")
        return None
    for extra in growth[1:]:
        checker.add(entries[extra].key, join(path, extra),
                    f'one rule per exercise: "{growth[0]}" already says what grows '
                    f"(a range with a load rule is double progression)")
    kind = RuleKind(growth[0])
    at = join(path, kind.value)
    value = entries[kind.value].value
    up_node = entries["up_to"].value if "up_to" in entries else None
    rule: Progress | None
    if kind is RuleKind.LOAD:
        rule = _load_rule(checker, value, at, step, up_node, join(path, "up_to"))
    elif kind is RuleKind.REPS:
        rule = _reps_rule(checker, value, at, step, up_node, join(path, "up_to"))
    elif kind is RuleKind.TEMPO:
        rule = _tempo_rule(checker, value, at, step, up_node, join(path, "up_to"), body)
    else:
        rule = _time_rule(checker, kind, value, at, step, up_node, join(path, "up_to"), body)
    then = _then(checker, entries["then"].value, join(path, "then"), catalogue) \
        if "then" in entries else None
    gate = _gate(checker, entries["gate"].value, join(path, "gate")) \
        if "gate" in entries else Gate()
    deload = _deload(checker, entries["deload"].value, join(path, "deload")) \
        if "deload" in entries else Deload()
    if rule is None or len(checker.problems) != before or gate is None or deload is None:
        return None
    return dataclasses.replace(rule, then=then, gate=gate, deload=deload, line=body.line)


def top_of(step: ExerciseStep) -> ExerciseStep:
    """``step`` as far as its rule can take it (the bounds of every prescription)."""
    rule = step.progress
    if rule is None:
        return step
    if rule.kind in (RuleKind.LOAD, RuleKind.REPS) and step.reps is not None:
        top = step.rep_range[1] if step.rep_range else int(rule.up_to or step.reps)
        return dataclasses.replace(step, reps=max(step.reps, top))
    if rule.kind is RuleKind.HOLD and rule.up_to is not None:
        return dataclasses.replace(step, hold=max(step.hold or 0.0, rule.up_to))
    if rule.kind is RuleKind.DURATION and rule.up_to is not None:
        return dataclasses.replace(step, duration=max(step.duration or 0.0, rule.up_to))
    if rule.kind is RuleKind.TEMPO and rule.up_to is not None and step.tempo:
        longest = rule.up_to
        return dataclasses.replace(step, tempo=tuple(
            dataclasses.replace(p, seconds=max(p.seconds, longest)) if p.label == rule.phase else p
            for p in step.tempo))
    return step


# --- the growth keys -------------------------------------------------------------------


def _needs(checker: Checker, node: Node, path: str, kind: RuleKind, step: ExerciseStep,
           work: WorkKind) -> bool:
    if step.work is work:
        return True
    checker.add(node, path, f"a {kind.value} rule needs an exercise with {work.value}; "
                            f"this one uses {step.work.value}")
    return False


def _load_rule(checker: Checker, node: Node, path: str, step: ExerciseStep,
               up_node: Node | None, up_path: str) -> Progress | None:
    start = parse_load(step.load)
    if step.load is None:
        checker.add(node, path, "a load rule needs the exercise's load as a number with kg "
                                "or lb, such as load: 40 kg")
        return None
    if start is None:
        checker.add(node, path, f'a load rule needs a load in kg or lb; this exercise\'s load '
                                f'is "{step.load[:40]}", which is text')
        return None
    if not _needs(checker, node, path, RuleKind.LOAD, step, WorkKind.REPS):
        return None
    amount = _load_step(checker, node, path, start)
    top = None
    if up_node is not None:
        top = _load_top(checker, up_node, up_path, start)
    if amount is None or (up_node is not None and top is None):
        return None
    return Progress(RuleKind.LOAD, amount, top, load=start)


def _load_step(checker: Checker, node: Node, path: str, start: Load) -> float | None:
    if isinstance(node, Scalar) and not node.invalid and isinstance(node.value, int | float) \
            and not isinstance(node.value, bool):
        parsed: tuple[float, str | None] | None = (float(node.value), None)
    elif isinstance(node, Scalar) and isinstance(node.value, str) and not node.invalid:
        parsed = parse_step(node.value)
    else:
        parsed = None
    if parsed is None:
        checker.wrong(node, path, f"a load step such as +2.5 {start.unit}") if not (
            isinstance(node, Scalar) and isinstance(node.value, str)) else checker.add(
            node, path, f'expected a load step such as +2.5 {start.unit}, got "{node.value[:30]}"')
        return None
    amount, unit = parsed
    if unit is not None and unit != start.unit:
        checker.add(node, path, f"the step is in {unit} but the load ({start}) is in "
                                f"{start.unit}")
        return None
    if not 0 < amount <= MAX_LOAD or not math.isfinite(amount):
        checker.add(node, path, f"a load step must be more than 0, got {node.text}"
                    if isinstance(node, Scalar) else "a load step must be more than 0")
        return None
    return amount


def _load_top(checker: Checker, node: Node, path: str, start: Load) -> float | None:
    text = node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None
    top = parse_load(text) if text is not None else None
    if top is None:
        checker.wrong(node, path, f"a load such as 60 {start.unit}") if text is None else \
            checker.add(node, path, f'expected a load such as 60 {start.unit}, got "{text[:30]}"')
        return None
    if top.unit != start.unit:
        checker.add(node, path, f"up_to is in {top.unit} but the load ({start}) is in "
                                f"{start.unit}")
        return None
    if top.amount < start.amount or top.amount > MAX_LOAD:
        checker.add(node, path, f"up_to {top} is below the load it starts from ({start})"
                    if top.amount < start.amount else f"up_to must be at most {MAX_LOAD:g}")
        return None
    return top.amount


def _reps_rule(checker: Checker, node: Node, path: str, step: ExerciseStep,
               up_node: Node | None, up_path: str) -> Progress | None:
    if not _needs(checker, node, path, RuleKind.REPS, step, WorkKind.REPS):
        return None
    amount = _whole_step(checker, node, path)
    assert step.reps is not None
    top: float | None = None
    if step.rep_range is not None:
        if up_node is not None:
            checker.add(up_node, up_path, f"the range's top ({step.rep_range[1]}) is where the "
                                          "reps stop; up_to is for a fixed number of reps")
            return None
    elif up_node is None:
        checker.add(node, path, f"a reps rule needs a range such as reps: {step.reps}-"
                                f"{step.reps + 4}, or up_to: the most reps")
        return None
    else:
        top_reps = checker.count(up_node, up_path)
        if top_reps is None:
            return None
        if top_reps < step.reps:
            checker.add(up_node, up_path, f"up_to {top_reps} is below the reps it starts from "
                                          f"({step.reps})")
            return None
        top = float(top_reps)
    return None if amount is None else Progress(RuleKind.REPS, float(amount), top)


def _whole_step(checker: Checker, node: Node, path: str) -> int | None:
    if isinstance(node, Scalar) and isinstance(node.value, str) and not node.invalid:
        text = node.value.strip().removeprefix("+").strip()
        if text.isdigit() and int(text) >= 1:
            return int(text)
        checker.add(node, path, f'expected a step of reps such as +1, got "{node.value[:30]}"')
        return None
    return checker.count(node, path, 1, "a step of reps such as +1")


def _time(checker: Checker, node: Node, path: str, what: str) -> float | None:
    """A time that may start with ``+`` (``+5s``), more than 0."""
    value: object = node.value if isinstance(node, Scalar) and not node.invalid else None
    if isinstance(value, str):
        value = value.strip().removeprefix("+")
    if value is None or isinstance(value, bool):
        checker.wrong(node, path, what)
        return None
    try:
        seconds = parse_duration(value)
    except ValueError as error:
        checker.add(node, path, str(error))
        return None
    if seconds <= 0:
        checker.add(node, path, f"a step must be more than 0 s, got {secs(seconds)}")
        return None
    return seconds


def _up_to(checker: Checker, body: Map, up_node: Node | None, up_path: str, start: float,
           what: str, example: str) -> float | None:
    if up_node is None:
        checker.add(body, up_path.rsplit(".", 1)[0], f"a {what} rule needs up_to, where it "
                                                     f"stops, such as up_to: {example}")
        return None
    top = checker.time(up_node, up_path)
    if top is None:
        return None
    if top < start:
        checker.add(up_node, up_path, f"up_to {secs(top)} s is below the {what} it starts "
                                      f"from ({secs(start)} s)")
        return None
    return top


def _time_rule(checker: Checker, kind: RuleKind, node: Node, path: str, step: ExerciseStep,
               up_node: Node | None, up_path: str, body: Map) -> Progress | None:
    work = WorkKind.HOLD if kind is RuleKind.HOLD else WorkKind.DURATION
    if not _needs(checker, node, path, kind, step, work):
        return None
    amount = _time(checker, node, path, "a time step such as +5s")
    start = (step.hold if work is WorkKind.HOLD else step.duration) or 0.0
    top = _up_to(checker, body, up_node, up_path, start, kind.value, "45s")
    if amount is None or top is None:
        return None
    return Progress(kind, amount, top)


def _tempo_rule(checker: Checker, node: Node, path: str, step: ExerciseStep,
                up_node: Node | None, up_path: str, body: Map) -> Progress | None:
    if not _needs(checker, node, path, RuleKind.TEMPO, step, WorkKind.REPS):
        return None
    if not step.tempo:
        checker.add(node, path, "a tempo rule needs a tempo on the exercise, such as "
                                'tempo: "3-1-1-0"')
        return None
    phases = checker.mapping(node, path, "one tempo phase and its step, such as {Lower: +1s}")
    if phases is None:
        return None
    if len(phases.entries) != 1:
        checker.add(phases, path, "name one tempo phase and its step, such as {Lower: +1s}")
        return None
    (label, entry), = phases.entries.items()
    labels = [p.label for p in step.tempo]
    if label not in labels:
        checker.add(entry.key, join(path, label),
                    f'the tempo has no phase "{label}" (its phases: {", ".join(labels)})'
                    + suggest(label, labels))
        return None
    amount = _time(checker, entry.value, join(path, label), "a time step such as +1s")
    start = next(p.seconds for p in step.tempo if p.label == label)
    top = _up_to(checker, body, up_node, up_path, start, f"{label} phase", f"{secs(start + 3)}s")
    if amount is None or top is None:
        return None
    return Progress(RuleKind.TEMPO, amount, top, phase=label)


# --- then, gate, deload -----------------------------------------------------------------


def _then(checker: Checker, node: Node, path: str,
          catalogue: Collection[str] | None) -> str | None:
    name = checker.text(node, path)
    if name is None:
        return None
    name = name.strip()
    if catalogue is not None and name not in catalogue:
        checker.add(node, path, f'unknown exercise id "{name}"' + suggest(name, catalogue)
                    + " (see: hamstring-coach list --exercises)")
        return None
    return name


def _gate(checker: Checker, node: Node, path: str) -> Gate | None:
    body = checker.mapping(node, path, "a gate such as {rir: 2, pain: 4}")
    if body is None:
        return None
    checker.keys(body, path, GATE_KEYS, "a gate")
    rir, pain = Gate().rir, Gate().pain
    ok = True
    if "rir" in body.entries:
        value = _bounded(checker, body.entries["rir"].value, join(path, "rir"), RIR_MAX,
                         "reps in reserve: 0, 1, 2 or 3 (3 or more)")
        ok, rir = value is not None, value if value is not None else rir
    if "pain" in body.entries:
        value = _bounded(checker, body.entries["pain"].value, join(path, "pain"), PAIN_MAX,
                         "pain from 0 to 10")
        ok, pain = ok and value is not None, value
    return Gate(rir, pain) if ok else None


def _bounded(checker: Checker, node: Node, path: str, top: int, what: str) -> int | None:
    value = checker.count(node, path, 0, what)
    if value is not None and value > top:
        checker.add(node, path, f"expected {what}, got {value}")
        return None
    return value


def _deload(checker: Checker, node: Node, path: str) -> Deload | None:
    body = checker.mapping(node, path, "a deload such as {after: 3, by: 10%}")
    if body is None:
        return None
    checker.keys(body, path, DELOAD_KEYS, "a deload")
    after, by = Deload().after, Deload().by
    ok = True
    if "after" in body.entries:
        count = checker.count(body.entries["after"].value, join(path, "after"), 1,
                              "a number of stalls in a row, 1 or more")
        ok, after = count is not None, count or after
    if "by" in body.entries:
        share = _percent(checker, body.entries["by"].value, join(path, "by"))
        ok, by = ok and share is not None, share or by
    return Deload(after, by) if ok else None


def _percent(checker: Checker, node: Node, path: str) -> float | None:
    value: object = node.value if isinstance(node, Scalar) and not node.invalid else None
    number: float | None = None
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            number = float(value.strip()[:-1])
        except ValueError:
            number = None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    if number is None or not math.isfinite(number):
        checker.wrong(node, path, "a share of the load such as 10%") if not isinstance(
            value, str) else checker.add(node, path, f'expected a share of the load such as '
                                                     f'10%, got "{value[:30]}"')
        return None
    if not 0 < number < 100:
        checker.add(node, path, f"a deload takes off more than 0% and less than 100%, got "
                                f"{number:g}%")
        return None
    return number / 100
