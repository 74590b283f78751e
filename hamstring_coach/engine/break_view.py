"""What break mode's waiting screen shows, computed from the scheduler alone.

Pure, like :mod:`hamstring_coach.engine.break_scheduler`: the texts and when
they next change, for each state.
"""

from __future__ import annotations

import math

from hamstring_coach.engine.break_scheduler import BreakScheduler, BreakState, DayCounts
from hamstring_coach.system.records import frozen

# -- what the waiting screen shows ---------------------------------------------------

# Above this many seconds the countdown shows whole minutes (rounded up), so
# the calm screen changes once a minute; the last minute counts seconds.
MINUTES_ABOVE = 60.0


@frozen
class BreakView:
    """The waiting screen's text, computed from the scheduler alone."""

    due: bool
    heading: str  # "Next stretch break in" / "Stretch break due"
    countdown: str  # the big number: "45" (minutes), "30" (seconds), "4:01" (break length)
    unit: str  # what the big number counts: "minutes", "seconds", "of stretching"
    status: str  # what the keys do now, or how long the break has been due
    today: str  # "Today: 2 taken · 1 snoozed · 0 skipped"


def countdown_parts(remaining: float) -> tuple[str, str]:
    """The big number and its unit: whole minutes rounded up, the last minute in seconds.

    Rounded up, so it never says 0 before the break is due:
    2700 s -> ("45", "minutes"), 61 s -> ("2", "minutes"), 60 s -> ("60", "seconds").
    """
    if remaining > MINUTES_ABOVE:
        minutes = math.ceil(remaining / 60 - 1e-9)
        return str(minutes), "minutes"
    secs_ = max(0, math.ceil(remaining - 1e-9))
    return str(secs_), "second" if secs_ == 1 else "seconds"


def next_change(scheduler: BreakScheduler) -> float:
    """Seconds (scheduler clock) until the waiting screen's text next changes.

    Waiting: when the big number drops (a minute, or in the last minute a
    second, rounded up). Due: when "due for N min" grows. In session: never
    (returns ``inf``); the session screen is on top.
    """
    state = scheduler.state
    if state is BreakState.IN_SESSION:
        return math.inf
    if state is BreakState.DUE:
        return 60.0 - scheduler.overdue() % 60.0
    if state is BreakState.OFF_HOURS:
        return max(scheduler.until_hours(), 1.0)
    remaining = scheduler.pause_left() if state is BreakState.PAUSED else scheduler.remaining()
    step = 60.0 if remaining > MINUTES_ABOVE else 1.0
    left = remaining - step * (math.ceil(remaining / step - 1e-9) - 1)
    return left if left > 1e-9 else step


def _minutes_text(seconds: float) -> str:
    """``30 s``, ``5 min``, ``1 min 30 s``, ``2 h``, ``1 h 30 min`` (to the second/minute)."""
    total = round(seconds)
    if total < 60 or (total < 600 and total % 60):
        minutes, secs_ = divmod(total, 60)
        return f"{minutes} min {secs_} s" if minutes else f"{secs_} s"
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


def today_text(counts: DayCounts) -> str:
    """``Today: 2 taken · 1 snoozed · 0 skipped`` (``away`` added when there were some)."""
    parts = [f"{counts.taken} taken"]
    if counts.away:
        parts.append(f"{counts.away} away")
    parts += [f"{counts.snoozed} snoozed", f"{counts.skipped} skipped"]
    return "Today: " + " · ".join(parts)


def describe(scheduler: BreakScheduler, break_length: str = "") -> BreakView:
    """What the waiting screen shows now (reads the scheduler's clock, nothing else).

    ``break_length`` (``"4:01"``) is shown big while a break is due.
    """
    today = today_text(scheduler.counts)
    if scheduler.state is BreakState.DUE:
        overdue_min = int(scheduler.overdue() // 60)
        since = f" (due for {overdue_min} min)" if overdue_min else ""
        left = scheduler.snoozes_left
        if left == 0:
            snooze = "no snoozes left"
        else:
            more = "" if left is None else f", {left} left"
            snooze = f"s snooze {_minutes_text(scheduler.snooze_seconds)}{more}"
        status = f"Enter start · {snooze} · k skip{since}"
        return BreakView(True, "Stretch break due", break_length, "of stretching", status,
                         today)
    if scheduler.state is BreakState.IN_SESSION:
        return BreakView(False, "Break in progress", break_length, "of stretching", "", today)
    if scheduler.state is BreakState.OFF_HOURS:
        hours = scheduler.hours.text() if scheduler.hours is not None else ""
        return BreakView(False, "Outside working hours", "", "",
                         f"{hours} · breaks start again {scheduler.next_start_text()}", today)
    if scheduler.state is BreakState.PAUSED:
        number, unit = countdown_parts(scheduler.pause_left())
        stands = _minutes_text(scheduler.paused_countdown())
        return BreakView(False, "Paused: breaks resume in", number, unit,
                         f"p resumes now · then {stands} to a break", today)
    heading = "Snoozed: break in" if scheduler.snoozed else "Next stretch break in"
    every = _minutes_text(scheduler.every)
    number, unit = countdown_parts(scheduler.remaining())
    return BreakView(False, heading, number, unit, f"every {every} · Enter starts it now",
                     today)


def status_of(scheduler: BreakScheduler) -> dict[str, object]:
    """The timer's state for ``status`` and ``ctl`` (plain JSON values).

    ``next_break``: whole seconds to the next break, rounded up as the screen
    shows them (0 when due or in session; paused: the pause plus where the
    countdown stands; outside working hours: until they begin plus one
    interval). ``seconds``: the same, unrounded.
    """
    state = scheduler.state
    if state is BreakState.WAITING:
        left = scheduler.remaining()
    elif state is BreakState.PAUSED:
        left = scheduler.pause_left() + scheduler.paused_countdown()
    elif state is BreakState.OFF_HOURS:
        left = scheduler.until_hours() + scheduler.every
    else:
        left = 0.0
    counts = scheduler.counts
    return {
        "state": state.value,
        "next_break": math.ceil(left - 1e-9),
        "seconds": round(left, 3),
        "due_for": round(scheduler.overdue(), 3),
        "paused_for": round(scheduler.pause_left(), 3),
        "snoozed": scheduler.snoozed,
        "every": scheduler.every,
        "hours": scheduler.hours.text() if scheduler.hours is not None else None,
        "hours_resume": scheduler.next_start_text() if state is BreakState.OFF_HOURS else None,
        "today": {"day": counts.day.isoformat(), "taken": counts.taken, "away": counts.away,
                  "snoozed": counts.snoozed, "skipped": counts.skipped},
    }
