"""When the session screen must next wake, and when its picture next changes.

Two questions, answered from the engine alone (engine-clock seconds from now):

- :func:`next_due`: the next moment something must *happen* on time (a
  sound, the end of the phase, the countdown turning over a second). The
  screen sets a one-shot timer for it, so boundaries are handled within a
  few milliseconds rather than up to a tick late.
- :func:`next_change`: the next moment anything *shown* changes (those, plus
  the elapsed time, a cell of the tempo strip, the half-way notice coming or
  going). Ticks before then skip redrawing, which keeps a long hold or rest
  nearly free. The progress bar moves with the elapsed time beside it, once a
  second: on its own (65 cells at 80 columns, whatever the session's length)
  it woke the screen 65 times a run, 30 times a second in a 2 s hold, for
  cells nobody reads more finely than the seconds next to them.

Pure arithmetic, no Textual.
"""

from __future__ import annotations

import math

from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.tui.halfway import to_notice_change

EPS = 1e-6
NEVER = math.inf
# The tempo strip's fill moves in steps of a sixth of its phase, and never more
# often than 3 nor less often than 2 times a second: a 3 s lowering fills in six
# half-second steps, a 1 s lift or pause in three, a long hold or rest twice a
# second. Watched from the mat, that reads as the rep's motion (the beeps and the
# countdown's seconds lead; the fill says how far into the phase you are, and a
# sixth of the box is as fine as anyone reads it); a fill that moved with every
# cell redrew 13 times a second in a 3 s lowering, and the earlier quarter-second
# steps drew 24 frames a 3-1-1-1 rep where these draw 15. Each frame costs what
# Textual takes to composite the strip's rows and the screen around them.
STRIP_STEPS = 6  # steps a phase's box fills in, when that keeps within the rates below
STRIP_STEP_MIN = 1 / 3  # seconds: at most 3 steps a second
STRIP_STEP_MAX = 0.5  # seconds: at least 2 steps a second


def strip_step(duration: float) -> float:
    """Seconds between moves of the strip's fill in a phase of ``duration`` seconds."""
    return min(STRIP_STEP_MAX, max(STRIP_STEP_MIN, duration / STRIP_STEPS))


def _to_next_whole(value: float) -> float:
    """Seconds until ``value`` (growing) crosses the next whole number."""
    return math.floor(value + EPS) + 1.0 - value


def _to_next_cell(done: float, total: float, cells: int) -> float:
    """Seconds until ``round(cells * done / total)`` goes up by one (``done`` growing)."""
    if total <= 0 or cells <= 0:
        return NEVER
    # The next boundary strictly after ``done``: round() takes an exact half to the
    # even cell, which made the boundary "now" and, on a clock that does not move
    # (paused time, a test's fake clock), a wake-up loop that never ended.
    shown = math.floor(cells * done / total + 0.5 + EPS)
    if shown >= cells:
        return NEVER
    return max(EPS, (shown + 0.5) / cells * total - done)


def _to_next_step(value: float, step: float) -> float:
    """Seconds until ``value`` (growing) reaches the next multiple of ``step``."""
    return (math.floor(value / step + EPS) + 1.0) * step - value


def next_due(engine: Engine) -> float | None:
    """Seconds until a sound, the phase's end or the countdown's next second (running only)."""
    if engine.state is not EngineState.RUNNING:
        return None
    remaining = engine.remaining()
    phase = engine.phase
    if remaining is None or phase is None:
        return None
    candidates = [remaining]
    # The countdown shows whole seconds rounded up: it turns over as the time
    # left crosses a whole number.
    turn = remaining - math.floor(remaining - EPS)
    if EPS < turn < remaining:
        candidates.append(turn)
    elapsed = engine.phase_elapsed()
    candidates.extend(cue.offset - elapsed for cue in phase.sounds if cue.offset > elapsed)
    return max(0.0, min(candidates))


def next_change(engine: Engine, *, strip_cells: int) -> float:
    """Seconds until anything on the session screen changes, if nothing is pressed.

    ``strip_cells`` is the width of the current phase's box in the tempo strip.
    """
    state = engine.state
    if state in (EngineState.PAUSED, EngineState.FINISHED):
        return NEVER
    if state is EngineState.WAITING:
        return _to_next_whole(engine.phase_elapsed())  # a self-paced set counts up
    candidates = [next_due(engine) or NEVER, _to_next_whole(engine.session_elapsed())]
    duration = engine.phase_duration() or 0.0
    elapsed = engine.phase_elapsed()
    # A cell of the strip turns over at the phase's first step (strip_step) after it would.
    cell = _to_next_cell(elapsed, duration, strip_cells)
    if cell < NEVER:
        every = strip_step(duration)
        step = _to_next_step(elapsed, every)
        cell = step if cell <= step else step + math.ceil(
            (cell - step) / every - EPS) * every
    candidates.append(cell)
    candidates.append(to_notice_change(engine))  # "Half way" under the countdown
    return max(0.0, min(candidates))
