"""Exercise keys, shared by exercise steps and catalogue entries, and their resolution.

A step's value comes from the step, else its catalogue entry (``use``),
else the session's ``defaults``, else the format's defaults; except the
pacing (rest, prepare, side_switch, countdown), where a key the file's
``defaults`` writes beats the catalogue entry: the file's author set the
session's pace, the catalogue only suggests one. Setting one of
``hold``/``reps``/``duration`` in a step replaces the entry's kind, and an
entry's tempo and start are dropped when the step switches away from ``reps``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from hamstring_coach.format.model import (
    HALFWAY_OFF,
    PACING_KEYS,
    Defaults,
    ExerciseStep,
    Origin,
    Sides,
    TempoKind,
    TempoPhase,
    WorkKind,
)
from hamstring_coach.format.nodes import Map, Node, Scalar, Seq
from hamstring_coach.format.tempo import check_tempo, is_four_fields
from hamstring_coach.format.values import Checker, join, parse_duration
from hamstring_coach.system.records import frozen

_T = TypeVar("_T")

KIND_KEYS = ("hold", "reps", "duration")
FUNCTIONS = ("knee-flexion", "hip-extension", "activation", "stretch")
SIDES = tuple(s.value for s in Sides)
# Keys of an exercise step (``use`` only in sessions, never in a catalogue entry).
EXERCISE_KEYS = ("exercise", "aka", "use", "cue", "notes", "function", "sets", "sides",
                 *KIND_KEYS, "tempo", "start", "rest", "prepare", "side_switch", "countdown",
                 "halfway", "load", "log", "progress")
# ``start``: the phase a four-field tempo's rep starts with (a curl or a bridge: lift).
STARTS = (TempoKind.LOWER.value, TempoKind.LIFT.value)
LOG_KEYS = ("pain",)  # what a set's log asks beyond reps, load and reps in reserve
# ``progress`` is kept per session (COACHING.md section 3), so not in catalogue entries;
# ``halfway`` is how the user likes to be told, not part of an exercise.
ENTRY_KEYS = tuple(k for k in EXERCISE_KEYS if k not in ("use", "progress", "halfway"))
ENTRY_HINTS = {"progress": " (progress rules belong to a session's step, where the "
                           "progression is kept)",
               "halfway": " (halfway belongs to a session: its defaults or a step)"}
HALFWAY_EXPECTED = ('the shortest hold or timed work to mark half-way, a time such as 30 or '
                    '"1m" (0: every one), or false for none')
_RANGE = re.compile(r"^\s*(\d+)\s*[-\u2013]\s*(\d+)\s*\Z")
RANGE_PATTERN = r"^\s*[0-9]+\s*[-\u2013]\s*[0-9]+\s*$"  # shared with the JSON Schema


@frozen
class ExerciseFields:
    """What an exercise step or catalogue entry sets; None where it sets nothing."""

    name: str | None = None
    aka: tuple[str, ...] | None = None  # other names the picker's filter finds it by
    work: WorkKind | None = None
    hold: float | None = None
    reps: int | None = None
    rep_range: tuple[int, int] | None = None
    duration: float | None = None
    tempo: tuple[TempoPhase, ...] | None = None
    start: TempoKind | None = None
    sets: int | None = None
    sides: Sides | None = None
    rest: float | None = None
    prepare: float | None = None
    side_switch: float | None = None
    countdown: int | None = None
    cue: tuple[str, ...] | None = None
    notes: tuple[str, ...] | None = None
    function: tuple[str, ...] | None = None
    load: str | None = None
    log_pain: bool | None = None
    halfway: float | None = None  # a session's step only (HALFWAY_OFF: never)


@dataclass(slots=True)
class Parsed:
    """An exercise mapping after checking: its fields and where things are written."""

    fields: ExerciseFields
    ok: bool
    use: str | None = None
    use_node: Node | None = None
    tempo_node: Node | None = None
    nodes: dict[str, Node] = field(default_factory=dict)


def parse_exercise(checker: Checker, node: Map, path: str, *, entry: bool) -> Parsed:
    """Check every exercise key of ``node``; ``entry`` for a catalogue entry."""
    before = len(checker.problems)
    allowed = ENTRY_KEYS if entry else EXERCISE_KEYS
    checker.keys(node, path, allowed, "a catalogue entry" if entry else "an exercise step",
                 hints=ENTRY_HINTS if entry else None)
    nodes = {k: e.value for k, e in node.entries.items() if k in allowed}
    values: dict[str, object] = {}

    def at(key: str) -> str:
        return join(path, key)

    for key in ("exercise", "load"):
        if key in nodes:
            values[key] = _load_text(checker, nodes[key], at(key)) if key == "load" \
                else checker.text(nodes[key], at(key))
    for key in ("aka", "cue", "notes"):
        if key in nodes:
            values[key] = checker.texts(nodes[key], at(key))
    if "function" in nodes:
        values["function"] = _functions(checker, nodes["function"], at("function"))
    if "sets" in nodes:
        values["sets"] = checker.count(nodes["sets"], at("sets"))
    if "reps" in nodes:
        reps = check_reps(checker, nodes["reps"], at("reps"))
        if reps is not None:
            values["reps"], values["rep_range"] = reps
    if "countdown" in nodes:
        values["countdown"] = checker.count(nodes["countdown"], at("countdown"), 0,
                                            "a whole number of ticks, 0 or more")
    if "sides" in nodes:
        side = checker.choice(nodes["sides"], at("sides"), SIDES)
        values["sides"] = Sides(side) if side else None
    for key in ("hold", "duration", "rest", "prepare", "side_switch"):
        if key in nodes:
            values[key] = checker.time(nodes[key], at(key))
    if "tempo" in nodes:
        values["tempo"] = check_tempo(checker, nodes["tempo"], at("tempo"))
    if "start" in nodes:
        start = checker.choice(nodes["start"], at("start"), STARTS)
        values["start"] = TempoKind(start) if start else None
    if "log" in nodes:
        values["log"] = check_log(checker, nodes["log"], at("log"))
    if "halfway" in nodes:
        values["halfway"] = check_halfway(checker, nodes["halfway"], at("halfway"))
    use = checker.text(nodes["use"], at("use")) if "use" in nodes else None

    kinds = sorted((k for k in KIND_KEYS if k in nodes),
                   key=lambda k: (node.entries[k].key.line, node.entries[k].key.col))
    for extra in kinds[1:]:
        first = node.entries[kinds[0]].key
        checker.add(node.entries[extra].key, at(extra),
                    f'only one of hold, reps or duration: "{kinds[0]}" is already set at '
                    f"line {first.line}")
    if not kinds and (entry or "use" not in nodes):
        where = "a catalogue entry" if entry else "an exercise"
        checker.add(node, path, f"{where} needs one of hold, reps or duration")
    if entry and "exercise" not in nodes:
        checker.add(node, path, 'a catalogue entry needs "exercise", its display name')
    if "exercise" not in nodes and "use" not in nodes and not entry:
        checker.add(node, path, 'an exercise step needs "exercise" or "use"')
    work = WorkKind(kinds[0]) if kinds else None
    for key in ("tempo", "start"):
        if work is not None and work is not WorkKind.REPS and key in nodes:
            checker.add(node.entries[key].key, at(key),
                        f"{key} only applies to reps; this exercise uses {work.value}")
    start_at = values.get("start")
    problem = start_problem(start_at if isinstance(start_at, TempoKind) else None,
                            _opt(values, "tempo", tuple))
    if problem:
        checker.add(nodes["start"], at("start"), problem)

    fields = ExerciseFields(
        name=_opt(values, "exercise", str), aka=_opt(values, "aka", tuple), work=work,
        hold=_opt(values, "hold", float), reps=_opt(values, "reps", int),
        rep_range=_opt(values, "rep_range", tuple),
        duration=_opt(values, "duration", float),
        tempo=_opt(values, "tempo", tuple), start=_opt(values, "start", TempoKind),
        sets=_opt(values, "sets", int),
        sides=_opt(values, "sides", Sides), rest=_opt(values, "rest", float),
        prepare=_opt(values, "prepare", float), side_switch=_opt(values, "side_switch", float),
        countdown=_opt(values, "countdown", int), cue=_opt(values, "cue", tuple),
        notes=_opt(values, "notes", tuple), function=_opt(values, "function", tuple),
        load=_opt(values, "load", str), log_pain=_opt(values, "log", bool),
        halfway=_opt(values, "halfway", float))
    return Parsed(fields, len(checker.problems) == before, use, nodes.get("use"),
                  nodes.get("tempo"), nodes)


def start_problem(start: TempoKind | None, tempo: tuple[TempoPhase, ...] | None) -> str | None:
    """Why ``start`` contradicts ``tempo``, or None: a tempo list is performed as written,
    so its first moving phase must be the one ``start`` names."""
    if start is None or tempo is None or is_four_fields(tempo):
        return None
    moving = [p for p in tempo if p.kind is not TempoKind.PAUSE and p.seconds > 0]
    if not moving or moving[0].kind is start:
        return None
    return (f'the tempo list is performed as written and starts with "{moving[0].label}" '
            f"({moving[0].kind.value}); write the {start.value} phase first, or leave out "
            "start (it reorders only the four-field notation)")


def _opt(values: dict[str, object], key: str, kind: type[_T]) -> _T | None:
    value = values.get(key)
    return value if isinstance(value, kind) else None


def _load_text(checker: Checker, node: Node, path: str) -> str | None:
    """``load`` is free text; a plain number such as ``20`` is taken as written."""
    if (isinstance(node, Scalar) and isinstance(node.value, int | float)
            and not isinstance(node.value, bool) and not node.invalid):
        return node.text
    return checker.text(node, path)


def check_reps(checker: Checker, node: Node,
               path: str) -> tuple[int, tuple[int, int] | None] | None:
    """``reps``: a count, or a range ``"8-12"`` / ``[8, 12]`` whose target starts at the bottom."""
    low_high: tuple[int | None, int | None] | None = None
    if isinstance(node, Scalar) and isinstance(node.value, str) and not node.invalid:
        found = _RANGE.match(node.value)
        if found is None:
            checker.add(node, path, 'expected a number of reps such as 10 or a range such as '
                                    f'"8-12", got "{node.value[:30]}"')
            return None
        low_high = int(found.group(1)), int(found.group(2))
        if low_high[0] < 1:
            checker.add(node, path, f"a range starts at 1 or more, got {node.value.strip()}")
            return None
    elif isinstance(node, Seq):
        if len(node.items) != 2:
            checker.add(node, path, "a range is two numbers, such as [8, 12]")
            return None
        low_high = (checker.count(node.items[0], join(path, 0)),
                    checker.count(node.items[1], join(path, 1)))
    if low_high is None:
        count = checker.count(node, path, 1, 'a whole number of 1 or more, or a range such as '
                                             '"8-12"')
        return None if count is None else (count, None)
    low, high = low_high
    if low is None or high is None:
        return None
    if low >= high:
        checker.add(node, path, f"a range goes from fewer reps to more, such as 8-12; got "
                                f"{low} to {high}")
        return None
    return low, (low, high)


def check_log(checker: Checker, node: Node, path: str) -> bool | None:
    """``log: {pain: true}``: whether the set's log asks for pain (None after a problem)."""
    body = checker.mapping(node, path, "a mapping such as {pain: true}")
    if body is None:
        return None
    checker.keys(body, path, LOG_KEYS, "log")
    if "pain" not in body.entries:
        return False
    value = body.entries["pain"].value
    if isinstance(value, Scalar) and isinstance(value.value, bool) and not value.invalid:
        return value.value
    checker.wrong(value, join(path, "pain"), "true or false")
    return None


def check_halfway(checker: Checker, node: Node, path: str) -> float | None:
    """``halfway``: the shortest hold or timed work marked half-way, in seconds.

    ``false`` is :data:`HALFWAY_OFF` (never) and ``true`` 0 (every one); None after a problem.
    """
    if isinstance(node, Scalar) and isinstance(node.value, bool) and not node.invalid:
        return 0.0 if node.value else HALFWAY_OFF
    if isinstance(node, Scalar) and isinstance(node.value, int | float) and not node.invalid:
        return checker.time(node, path)  # says what is wrong with a number (-3, .nan)
    if isinstance(node, Scalar) and isinstance(node.value, str) and not node.invalid:
        try:
            return parse_duration(node.value)
        except ValueError:
            pass
    checker.wrong(node, path, HALFWAY_EXPECTED)
    return None


def _functions(checker: Checker, node: Node, path: str) -> tuple[str, ...] | None:
    if isinstance(node, Seq):
        names = [checker.choice(item, join(path, i), FUNCTIONS)
                 for i, item in enumerate(node.items)]
    elif isinstance(node, Scalar):
        names = [checker.choice(node, path, FUNCTIONS)]
    else:
        checker.wrong(node, path, "a function or a list of functions")
        return None
    if any(n is None for n in names):
        return None
    return tuple(dict.fromkeys(n for n in names if n is not None))


def resolve(checker: Checker, parsed: Parsed, entry: ExerciseFields | None,
            defaults: Defaults, line: int, path: str,
            catalogue_id: str | None = None) -> ExerciseStep | None:
    """The exercise step with every value resolved, or None after a problem."""
    own, base = parsed.fields, entry or ExerciseFields()
    work = own.work or base.work
    if work is None:
        return None  # already reported by parse_exercise
    source = own if own.work is not None else base
    if own.tempo is not None:
        if work is not WorkKind.REPS:
            if own.work is None and parsed.tempo_node is not None:
                checker.add(parsed.tempo_node, join(path, "tempo"),
                            f'tempo only applies to reps; "{parsed.use}" uses {work.value}')
            return None
        tempo: tuple[TempoPhase, ...] | None = own.tempo
    elif work is WorkKind.REPS:
        kept = base.tempo if base.work is WorkKind.REPS else None
        tempo = kept if kept is not None else defaults.tempo
    else:
        tempo = None
    if own.start is not None and work is not WorkKind.REPS and own.work is None \
            and "start" in parsed.nodes:  # the entry's kind (the step's: parse_exercise)
        checker.add(parsed.nodes["start"], join(path, "start"),
                    f'start only applies to reps; "{parsed.use}" uses {work.value}')
        return None
    start = None
    if work is WorkKind.REPS:
        start = pick(own.start, base.start if base.work is WorkKind.REPS else None, None)
        problem = start_problem(own.start, tempo) if own.tempo is None else None
        if problem and "start" in parsed.nodes:  # the step's start against the entry's list
            checker.add(parsed.nodes["start"], join(path, "start"), problem)
            return None
    name = own.name or base.name
    if not parsed.ok or name is None:
        return None

    pacing = {key: _pacing(key, own, base, defaults) for key in PACING_KEYS}
    rest, prepare, side_switch, countdown = (pacing[key][0] for key in PACING_KEYS)
    return ExerciseStep(
        name=name.strip(), aka=pick(own.aka, base.aka, ()), work=work,
        sets=pick(own.sets, base.sets, 1),
        sides=pick(own.sides, base.sides, Sides.BOTH),
        hold=source.hold if work is WorkKind.HOLD else None,
        reps=source.reps if work is WorkKind.REPS else None,
        rep_range=source.rep_range if work is WorkKind.REPS else None,
        duration=source.duration if work is WorkKind.DURATION else None,
        tempo=tempo, start=start,
        rest=float(rest), prepare=float(prepare), side_switch=float(side_switch),
        countdown=int(countdown),
        cue=pick(own.cue, base.cue, ()), notes=pick(own.notes, base.notes, ()),
        function=pick(own.function, base.function, ()),
        load=own.load if own.load is not None else base.load, catalogue_id=catalogue_id, line=line,
        log_pain=pick(own.log_pain, base.log_pain, defaults.log_pain),
        halfway=pick(own.halfway, None, defaults.halfway),
        origins=tuple((key, origin) for key, (_, origin) in pacing.items()
                      if origin is not Origin.FORMAT))


def _pacing(key: str, own: ExerciseFields, base: ExerciseFields,
            defaults: Defaults) -> tuple[float, Origin]:
    """One pacing value and its origin: the step's, else the file's ``defaults`` (when it
    writes the key), else the catalogue entry's, else the format's default."""
    mine, theirs, fallback = (getattr(own, key), getattr(base, key), getattr(defaults, key))
    if mine is not None:
        return mine, Origin.STEP
    if key in defaults.given:
        return fallback, Origin.DEFAULTS
    if theirs is not None:
        return theirs, Origin.CATALOGUE
    return fallback, Origin.FORMAT


def pick(mine: _T | None, theirs: _T | None, fallback: _T) -> _T:
    """The first value that is set: the step's, the entry's, else the fallback."""
    return mine if mine is not None else theirs if theirs is not None else fallback
