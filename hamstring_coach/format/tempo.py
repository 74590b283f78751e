"""Tempo: ``"E-B-C-T"`` notation or a list of labelled phases.

Phases of 0 s stay in the model (so ``show`` can print ``3-1-1-0`` as
written); :mod:`hamstring_coach.plan.compiler` leaves them out of the timeline.
The notation is written eccentric first; an exercise with ``start: lift`` (a
curl, a bridge) performs it concentric first, C-T-E-B (:func:`in_order`).
A list of phases is performed in the order written. (No PyYAML here: the
compiler reads :data:`FOUR_FIELDS` and :func:`in_order`.)
"""

from __future__ import annotations

import re

from hamstring_coach.format.model import TempoKind, TempoPhase
from hamstring_coach.format.nodes import Node, Scalar, Seq
from hamstring_coach.format.values import TIME_EXAMPLES, Checker, join

_FIELD = r"(?:\d+(?:\.\d+)?|\.\d+|[Xx])"
# The four-field notation; shared with the JSON Schema.
TEMPO_PATTERN = rf"^\s*{_FIELD}(?:\s*-\s*{_FIELD}){{3}}\s*$"
_TEMPO = re.compile(TEMPO_PATTERN.replace("$", r"\Z"))
_FIELD_RE = re.compile(rf"^{_FIELD}\Z")
EXPLOSIVE_SECONDS = 1.0  # "X": as fast as possible, counted as one second
FOUR_FIELDS = (
    ("Lower", TempoKind.LOWER),
    ("Pause", TempoKind.PAUSE),
    ("Lift", TempoKind.LIFT),
    ("Squeeze", TempoKind.PAUSE),
)
PHASE_KEYS = ("phase", "seconds", "cue", "kind")
KIND_NAMES = tuple(k.value for k in TempoKind)
# Whole words with their usual endings, so "Lowering" is lowering but "upper" is not lifting.
_ENDINGS = r"(?:s|d|ed|ing|ward|wards)?"
_LOWER_WORD = re.compile(rf"^(?:lower|eccentric|down|descend){_ENDINGS}$")
_LIFT_WORD = re.compile(rf"^(?:lift|up|drive|raise|rais|curl|pull|push|rise|ris|concentric)"
                        rf"{_ENDINGS}$")


def is_four_fields(tempo: tuple[TempoPhase, ...]) -> bool:
    """True for the four-field notation's phases (Lower, Pause, Lift, Squeeze, in order)."""
    return len(tempo) == len(FOUR_FIELDS) and all(
        (p.label, p.kind) == field for p, field in zip(tempo, FOUR_FIELDS, strict=True))


def in_order(tempo: tuple[TempoPhase, ...], start: TempoKind | None) -> tuple[TempoPhase, ...]:
    """The phases of one rep in the order performed.

    The four-field notation starts with the lowering unless ``start`` is LIFT,
    when the rep is Lift, Squeeze, Lower, Pause; any other tempo is as written.
    """
    if start is TempoKind.LIFT and is_four_fields(tempo):
        return tempo[2:] + tempo[:2]
    return tempo


def infer_kind(label: str) -> TempoKind:
    """The kind a phase label implies: lowering words, lifting words, else a pause."""
    words = re.findall(r"[a-z]+", label.lower())
    if any(_LOWER_WORD.match(w) for w in words):
        return TempoKind.LOWER
    if any(_LIFT_WORD.match(w) for w in words):
        return TempoKind.LIFT
    return TempoKind.PAUSE


def parse_four_fields(text: str) -> tuple[TempoPhase, ...]:
    """``"3-1-1-0"`` as four phases; ValueError with a message for anything else."""
    if not _TEMPO.match(text):
        fields = [f.strip() for f in text.split("-")]
        if len(fields) != 4:
            raise ValueError(f'expected four fields like "3-1-1-0", got "{text}"')
        bad = next(f for f in fields if not _FIELD_RE.match(f))
        raise ValueError(f'each tempo field is seconds or X (explosive), got "{bad}" '
                         f'in "{text}"')
    fields = [f.strip() for f in text.split("-")]
    return tuple(
        TempoPhase(label, EXPLOSIVE_SECONDS if f in "Xx" else float(f), kind)
        for f, (label, kind) in zip(fields, FOUR_FIELDS, strict=True))


def check_tempo(checker: Checker, node: Node, path: str) -> tuple[TempoPhase, ...] | None:
    """A tempo value (string or list of phases), or None after problems."""
    if isinstance(node, Scalar) and isinstance(node.value, str) and not node.invalid:
        try:
            return parse_four_fields(node.value)
        except ValueError as error:
            checker.add(node, path, str(error))
            return None
    if isinstance(node, Seq):
        if not node.items:
            checker.add(node, path, "a tempo list needs at least one phase")
            return None
        phases = [_check_phase(checker, item, join(path, i)) for i, item in enumerate(node.items)]
        if any(p is None for p in phases):
            return None
        return tuple(p for p in phases if p is not None)
    checker.wrong(node, path, 'a tempo like "3-1-1-0" or a list of phases')
    return None


def _check_phase(checker: Checker, node: Node, path: str) -> TempoPhase | None:
    phase = checker.mapping(node, path, "a phase such as {phase: Lower, seconds: 3}")
    if phase is None:
        return None
    checker.keys(phase, path, PHASE_KEYS, "a tempo phase")
    entries = phase.entries
    ok = True
    for required in ("phase", "seconds"):
        if required not in entries:
            checker.add(phase, path, f'a tempo phase needs "{required}"'
                        + (f" ({TIME_EXAMPLES})" if required == "seconds" else ""))
            ok = False
    label = checker.text(entries["phase"].value, join(path, "phase")) \
        if "phase" in entries else None
    seconds = checker.time(entries["seconds"].value, join(path, "seconds")) \
        if "seconds" in entries else None
    cue = checker.text(entries["cue"].value, join(path, "cue")) if "cue" in entries else None
    kind: TempoKind | None = None
    if "kind" in entries:
        name = checker.choice(entries["kind"].value, join(path, "kind"), KIND_NAMES)
        ok = ok and name is not None
        kind = TempoKind(name) if name is not None else None
    if not ok or label is None or seconds is None or ("cue" in entries and cue is None):
        return None
    return TempoPhase(label.strip(), seconds, kind or infer_kind(label), cue)
