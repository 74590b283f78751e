"""Engine events: what happened since the last ``Engine.advance()``.

Small frozen dataclasses, produced by :mod:`hamstring_coach.engine.machine` and
consumed by the TUI, the audio player, the history recorder and the
``--events`` JSON-lines writer. ``at`` is the clock reading when the
engine noticed the event; ``scheduled`` is the clock time the schedule
said it should happen (equal for user-triggered events). Both are on the
engine's clock (``time.monotonic`` in the app, a fake clock in tests).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from hamstring_coach.plan.timeline import Phase, Side, Sound
from hamstring_coach.system.records import frozen


@frozen
class PhaseStarted:
    """A phase began (also after back/restart/skip)."""

    phase: Phase
    at: float
    scheduled: float


@frozen
class PhaseEnded:
    """A phase ended: run to its end (``skipped`` False) or skipped part-way."""

    phase: Phase
    at: float
    scheduled: float
    skipped: bool
    done_seconds: float  # time spent in it while running
    skipped_seconds: float  # scheduled time not done (0 when completed)


@frozen
class SoundDue:
    """A sound of the timeline is due now."""

    sound: Sound
    phase_index: int
    at: float
    scheduled: float


@frozen
class SetEnded:
    """One set (per side) of an exercise ended, completed or skipped.

    ``reps`` counts the reps whose phases all ran; ``seconds`` the work
    time done (hold, duration, tempo phases). Drives the history.
    """

    step_index: int
    exercise: str
    exercise_id: str | None
    function: tuple[str, ...]
    set_no: int
    set_count: int
    side: Side | None
    reps: int | None
    seconds: float
    load: str | None
    skipped: bool
    at: float


class PauseReason(StrEnum):
    """Why the session paused."""

    USER = "user"  # Space, or the quit dialog
    SUSPEND = "suspend"  # the machine slept


@frozen
class Paused:
    """The session paused, for ``reason``."""

    reason: PauseReason
    at: float
    scheduled: float


@frozen
class Resumed:
    """The session resumed after a pause."""

    at: float
    scheduled: float


@frozen
class Finished:
    """The last phase ended; the session is over."""

    at: float
    scheduled: float


Event = PhaseStarted | PhaseEnded | SoundDue | SetEnded | Paused | Resumed | Finished


def event_to_json(event: Event) -> dict[str, Any]:
    """A JSON-ready dict for the ``--events`` file (phases reduced to their index/kind/label)."""
    data: dict[str, Any] = {"event": type(event).__name__}
    for name in event.__dataclass_fields__:
        value = getattr(event, name)
        if isinstance(value, Phase):
            data[name] = {"index": value.index, "kind": value.kind.value, "label": value.label}
        elif isinstance(value, Sound):
            data[name] = value.value
        elif isinstance(value, tuple):
            data[name] = list(value)
        else:
            data[name] = value
    return data
