"""Small helpers for the engine tests: drive an engine on a fake clock, read its events."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.events import (
    Event,
    Finished,
    Paused,
    PhaseEnded,
    PhaseStarted,
    Resumed,
    SetEnded,
    SoundDue,
)
from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.plan.timeline import Timeline

START = 1000.0  # fake clocks start here, so nothing passes by being 0


def start(tl: Timeline, *, start_index: int = 0) -> tuple[Engine, FakeClock]:
    """An engine on a fake clock at :data:`START`."""
    clock = FakeClock(START)
    return Engine(tl, clock, start_index=start_index), clock


def brief(event: Event) -> tuple[Any, ...]:
    """An event as a short comparable tuple, without ``at`` (when it was noticed)."""
    if isinstance(event, PhaseStarted):
        return ("start", event.phase.index, round(event.scheduled, 6))
    if isinstance(event, PhaseEnded):
        return ("end", event.phase.index, round(event.scheduled, 6), event.skipped,
                round(event.done_seconds, 6), round(event.skipped_seconds, 6))
    if isinstance(event, SoundDue):
        return ("sound", event.phase_index, event.sound.value, round(event.scheduled, 6))
    if isinstance(event, SetEnded):
        return ("set", event.step_index, event.set_no, event.side, event.reps,
                round(event.seconds, 6), event.skipped)
    if isinstance(event, Paused):
        return ("paused", event.reason, round(event.scheduled, 6))
    if isinstance(event, Resumed):
        return ("resumed", round(event.scheduled, 6))
    assert isinstance(event, Finished)
    return ("finished", round(event.scheduled, 6))


def kinds(events: list[Event]) -> list[str]:
    """The first field of each event's :func:`brief`."""
    return [brief(e)[0] for e in events]


def run_until(engine: Engine, clock: FakeClock, t: float, *, hz: float = 10.0) -> list[Event]:
    """Tick at ``hz`` from now up to clock time ``t`` (exactly), collecting the events."""
    events: list[Event] = []
    base = clock()
    steps = int((t - base) * hz)
    for k in range(1, steps + 1):
        clock.set(base + k / hz)
        events += engine.advance()
    clock.set(t)
    events += engine.advance()
    return events


def finish(engine: Engine, clock: FakeClock, *,
           check: Callable[[list[Event]], None] | None = None) -> list[Event]:
    """Run to the end: resume pauses, continue waits, jump to each deadline.

    ``check`` sees each ``advance()``'s events as they come.
    """
    events: list[Event] = []
    while engine.state is not EngineState.FINISHED:
        if engine.state is EngineState.PAUSED:
            engine.resume()
        elif engine.state is EngineState.WAITING:
            engine.continue_()
        else:
            clock.advance((engine.remaining() or 0.0) + 0.05)
        batch = engine.advance()
        assert batch, "nothing happened: the session would never finish"
        if check is not None:
            check(batch)
        events += batch
    return events
