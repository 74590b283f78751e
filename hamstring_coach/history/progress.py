"""Progress per exercise, week by week: what the trends, the report and the calendar show.

Pure over :class:`~hamstring_coach.history.records.HistoryData` (no I/O).
Decisions:

- An exercise is known by its catalogue id, else its name; it is shown by
  the name of its latest set.
- A week's *value* is the best completed set of that week (a top-set
  measure: it does not grow just because more sets were done): load × reps
  when the load is a number with ``kg`` or ``lb`` (``reps_done`` and
  ``load_done`` win over the plan where logged, history v2), else reps,
  else seconds held. The unit is the exercise's, from all its sets.
- Pain (history v2, 0..10) is the week's highest logged value; notes are
  kept with their day. Fields a v1 history lacks read as "not logged".
- Adherence without a programme: sets done against sets planned in the runs
  of the window (a skipped or never-reached set is not done).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from hamstring_coach.history.records import HistoryData, SetRecord
from hamstring_coach.history.stats import chains, monday
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.records import frozen

_LOAD = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(kg|lb|lbs)?\b", re.IGNORECASE)


class Unit:
    """How an exercise's weekly value is measured (a label, not a number)."""

    LOAD_REPS = "kg × reps"
    REPS = "reps"
    SECONDS = "s held"


def load_number(load: str | None) -> tuple[float, str] | None:
    """``"20 kg"`` -> (20.0, "kg"); ``"bodyweight"`` or ``"band"`` -> None."""
    if not load:
        return None
    match = _LOAD.match(load)
    if match is None or match.group(2) is None:
        return None
    unit = match.group(2).lower().rstrip("s")
    return float(match.group(1).replace(",", ".")), unit


def _reps(record: SetRecord) -> int | None:
    return record.reps_done if record.reps_done is not None else record.reps


def _load(record: SetRecord) -> str | None:
    return record.load_done if record.load_done else record.load


def _pain(record: SetRecord) -> int | None:
    return record.pain if record.pain is not None and 0 <= record.pain <= 10 else None


@dataclass(slots=True)
class ExerciseProgress:
    """One exercise over the weeks of the window."""

    key: str
    name: str
    unit: str
    weeks: list[date]  # every Monday of the window, oldest first
    values: list[float | None]  # per week: the best set's value, None without a set
    pain: list[int | None]  # per week: the highest pain logged
    sets_done: int = 0
    sets_skipped: int = 0
    load_unit: str = ""  # "kg" or "lb" when unit is LOAD_REPS
    notes: list[tuple[date, str]] = field(default_factory=list)

    @property
    def best(self) -> float | None:
        """The best week's value."""
        known = [v for v in self.values if v is not None]
        return max(known) if known else None

    @property
    def latest(self) -> float | None:
        """The most recent week's value."""
        known = [v for v in self.values if v is not None]
        return known[-1] if known else None

    @property
    def first(self) -> float | None:
        """The earliest week's value."""
        known = [v for v in self.values if v is not None]
        return known[0] if known else None


def window(weeks: int, today: date) -> list[date]:
    """The Mondays of the last ``weeks`` weeks, the current one last."""
    last = monday(today)
    return [last - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def _value(record: SetRecord, unit: str) -> float | None:
    reps = _reps(record)
    if unit == Unit.LOAD_REPS:
        number = load_number(_load(record))
        return number[0] * reps if number is not None and reps else None
    if unit == Unit.REPS:
        return float(reps) if reps else None
    return record.seconds if record.seconds > 0 else None


def _unit(records: list[SetRecord]) -> tuple[str, str]:
    for record in records:
        number = load_number(_load(record))
        if number is not None and _reps(record):
            return Unit.LOAD_REPS, number[1]
    if any(_reps(r) for r in records):
        return Unit.REPS, ""
    return Unit.SECONDS, ""


def exercise_progress(data: HistoryData, weeks: int, today: date) -> list[ExerciseProgress]:
    """Every exercise with a set in the window, in the order first done."""
    mondays = window(weeks, today)
    start = mondays[0]
    index = {day: i for i, day in enumerate(mondays)}
    grouped: dict[str, list[SetRecord]] = defaultdict(list)
    for record in data.sets:
        if start <= record.done_at.date() <= today:
            grouped[record.exercise_id or record.exercise].append(record)
    result = []
    for key, records in grouped.items():
        unit, load_unit = _unit([r for r in records if not r.skipped])
        item = ExerciseProgress(key, records[-1].exercise, unit, mondays,
                                [None] * weeks, [None] * weeks, load_unit=load_unit)
        for record in records:
            week = index[monday(record.done_at.date())]
            pain = _pain(record)
            if pain is not None:
                item.pain[week] = max(pain, item.pain[week] or 0)
            note = record.note
            if isinstance(note, str) and note.strip():
                item.notes.append((record.done_at.date(), note.strip()))
            if record.skipped:
                item.sets_skipped += 1
                continue
            item.sets_done += 1
            value = _value(record, unit)
            if value is not None:
                old = item.values[week]
                item.values[week] = value if old is None else max(old, value)
        result.append(item)
    return result


@frozen
class Adherence:
    """Sessions and sets in a window, planned against done."""

    sessions_started: int
    sessions_finished: int
    sets_planned: int
    sets_done: int
    sets_skipped: int

    @property
    def percent(self) -> int:
        """Sets done of sets planned, 0-100 (100 with nothing planned)."""
        if self.sets_planned <= 0:
            return 100
        return round(100 * min(self.sets_done, self.sets_planned) / self.sets_planned)


def adherence(data: HistoryData, since: datetime) -> Adherence:
    """Planned against done for the session chains started at or after ``since``."""
    started = finished = planned = done = skipped = 0
    run_ids: set[int] = set()
    for runs in chains(data).values():
        if runs[0].started_at < since:
            continue
        started += 1
        finished += runs[-1].status == RunStatus.FINISHED
        planned += runs[0].planned_sets
        run_ids.update(r.id for r in runs)
    # A set of an each-side exercise is one set when its last side ended.
    seen: dict[tuple[int, int, int], bool] = {}
    for record in data.sets:
        if record.run_id in run_ids:
            key = (record.run_id, record.step_index, record.set_no)
            seen[key] = seen.get(key, True) and not record.skipped
    done = sum(1 for ok in seen.values() if ok)
    skipped = sum(1 for ok in seen.values() if not ok)
    return Adherence(started, finished, planned, done, skipped)


def checkin_pain(data: HistoryData) -> dict[date, int]:
    """Morning-after pain per day of the run it follows (the history's check-ins)."""
    found: dict[date, int] = {}
    started = {run.id: run.started_at.date() for run in data.runs}
    for item in data.checkins:
        run_day = started.get(item.run_id)
        if run_day is not None and item.pain is not None:
            found[run_day] = max(item.pain, found.get(run_day, 0))
    return found


def days_done(data: HistoryData) -> dict[date, RunStatus]:
    """Per local day: FINISHED when a session chain begun that day finished, else QUIT."""
    days: dict[date, RunStatus] = {}
    for runs in chains(data).values():
        day = runs[0].started_at.date()
        if runs[-1].status == RunStatus.FINISHED:
            days[day] = RunStatus.FINISHED
        else:
            days.setdefault(day, RunStatus.QUIT)
    return days
