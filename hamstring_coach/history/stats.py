"""Weekly figures from the history: working sets per function, sessions, streak.

Decisions (the README repeats them):

- A week is an ISO week, Monday to Sunday.
- Each set counts in the week of the LOCAL time it was done, at the UTC
  offset the machine had then (stored with it). A set at Sunday 23:30
  +01:00 belongs to that Sunday's week even when it is read later at
  +02:00, and one at Monday 00:30 +02:00 to the new week, although both
  are 22:30 UTC. The week "now" is in uses the reader's time zone.
- A working set is a completed set: skipped sets are counted apart. A set
  of an each-side exercise counts once, when both sides are done (see
  :mod:`hamstring_coach.history.setgroups`); with a side skipped or missing
  it counts as skipped.
- An exercise with two functions (say knee flexion and hip extension)
  counts one set for each.
- The guidance of 10-20 working sets a week applies to hip extension and
  knee flexion; activation and stretch sets are shown without it.
- A session is a run, or a chain of runs continued with ``run --resume``,
  counted once, in the week it started. It counts toward the guidance of
  1-3 sessions a week when at least one hip-extension or knee-flexion set
  was completed in it; other sessions (stretch breaks, activation only)
  are counted as ``other_sessions``.
- The streak is the number of consecutive ISO weeks, up to now, with at
  least one such session. The current week continues a streak without
  breaking it while it has none yet (it is not over).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from hamstring_coach.history.records import BREAK_KINDS, HistoryData, RunRecord, load
from hamstring_coach.history.setgroups import data_groups
from hamstring_coach.history.store import open_for_reading
from hamstring_coach.system.records import frozen

FUNCTIONS = ("hip-extension", "knee-flexion", "activation", "stretch")
GUIDED_FUNCTIONS = ("hip-extension", "knee-flexion")
SETS_GUIDANCE = (10, 20)  # working sets per week, per guided function
SESSIONS_GUIDANCE = (1, 3)  # sessions per week


@frozen
class WeekStats:
    """One ISO week's figures."""

    start: date  # the Monday
    sets: dict[str, int] = field(default_factory=dict)  # working sets per function
    skipped_sets: int = 0  # sets not done: skipped, a side skipped, or one side only
    sessions: int = 0  # sessions with hip-extension or knee-flexion work
    other_sessions: int = 0  # sessions with only other work
    breaks: dict[str, int] = field(default_factory=dict)  # desk breaks per kind

    @property
    def label(self) -> str:
        """``2024-W14``."""
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    def working(self, function: str) -> int:
        """Working (completed) sets of ``function`` in the week."""
        return self.sets.get(function, 0)

    def verdict(self, function: str) -> str | None:
        """``low``, ``ok`` or ``high`` against 10-20 sets; None for unguided functions."""
        if function not in GUIDED_FUNCTIONS:
            return None
        return _verdict(self.working(function), SETS_GUIDANCE)

    @property
    def sessions_verdict(self) -> str:
        """``low``, ``ok`` or ``high`` against 1-3 sessions."""
        return _verdict(self.sessions, SESSIONS_GUIDANCE)


def _verdict(value: int, bounds: tuple[int, int]) -> str:
    low, high = bounds
    if value < low:
        return "low"
    return "high" if value > high else "ok"


def monday(day: date) -> date:
    """The Monday starting ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def local_now(now: datetime | None, tz: tzinfo | None) -> datetime:
    """``now`` (default: the clock) in ``tz`` (default: its own offset, else the machine's)."""
    if now is None:
        now = datetime.now(tz) if tz is not None else datetime.now().astimezone()
    elif now.tzinfo is None:
        now = now.astimezone()
    return now.astimezone(tz) if tz is not None else now


def window_start(weeks: int, now: datetime) -> datetime:
    """A safe lower bound for loading ``weeks`` weeks up to ``now`` (two days early:
    offsets differ by up to a day, and a session may start before midnight)."""
    first = monday(now.date()) - timedelta(weeks=max(weeks, 1) - 1)
    return datetime.combine(first, time(), now.tzinfo) - timedelta(days=2)


def first_day(weeks: int, now: datetime) -> datetime:
    """Local midnight on the Monday ``weeks`` ISO weeks back (the current week counts)."""
    first = monday(now.date()) - timedelta(weeks=max(weeks, 1) - 1)
    return datetime.combine(first, time(), now.tzinfo)


def chains(data: HistoryData) -> dict[int, list[RunRecord]]:
    """Runs grouped by resume chain, each list in start order."""
    grouped: dict[int, list[RunRecord]] = defaultdict(list)
    for run in data.runs:
        grouped[run.chain_id].append(run)
    return dict(grouped)


def session_weeks(data: HistoryData) -> tuple[Counter[date], Counter[date]]:
    """(guided sessions, other sessions) per week Monday, by the local start of each chain."""
    done_functions: dict[int, set[str]] = defaultdict(set)
    for group in data_groups(data):
        if group.completed:
            done_functions[group.chain_id].update(group.function)
    guided: Counter[date] = Counter()
    other: Counter[date] = Counter()
    for chain_id, runs in chains(data).items():
        if chain_id not in done_functions:
            continue
        week = monday(runs[0].started_at.date())
        if done_functions[chain_id] & set(GUIDED_FUNCTIONS):
            guided[week] += 1
        else:
            other[week] += 1
    return guided, other


def compute_weeks(data: HistoryData, weeks: int, now: datetime) -> list[WeekStats]:
    """The last ``weeks`` ISO weeks up to the one holding ``now``, oldest first."""
    current = monday(now.date())
    mondays = [current - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    sets: dict[date, Counter[str]] = {m: Counter() for m in mondays}
    skipped: Counter[date] = Counter()
    breaks: dict[date, Counter[str]] = {m: Counter() for m in mondays}
    for group in data_groups(data):
        week = monday(group.done_at.date())
        if week not in sets:
            continue
        if group.completed:
            sets[week].update(group.function)
        else:
            skipped[week] += 1
    for b in data.breaks:
        week = monday(b.at.date())
        if week in breaks:
            breaks[week][b.kind] += 1
    guided, other = session_weeks(data)
    return [
        WeekStats(
            start=m,
            sets={f: sets[m][f] for f in FUNCTIONS},
            skipped_sets=skipped[m],
            sessions=guided[m],
            other_sessions=other[m],
            breaks={k: breaks[m][k] for k in BREAK_KINDS},
        )
        for m in mondays
    ]


def compute_streak(data: HistoryData, now: datetime) -> int:
    """Consecutive ISO weeks up to ``now`` with at least one guided session."""
    guided, _ = session_weeks(data)
    week = monday(now.date())
    if guided[week] == 0:
        week -= timedelta(weeks=1)  # this week is not over: it does not break the streak
    streak = 0
    while guided[week] > 0:
        streak += 1
        week -= timedelta(weeks=1)
    return streak


def breaks_on(data: HistoryData, day: date) -> dict[str, int]:
    """Desk breaks per kind on ``day`` (local date of each break)."""
    counts = Counter(b.kind for b in data.breaks if b.at.date() == day)
    return {k: counts[k] for k in BREAK_KINDS}


def read(since: datetime | None = None, path: Path | None = None) -> tuple[HistoryData, str | None]:
    """Load the history (from ``since``); empty when none was recorded yet.

    Returns the data and a note (a damaged file was moved aside). Raises
    :class:`~hamstring_coach.history.store.HistoryUnavailable` when it cannot be read.
    """
    conn, note = open_for_reading(path)
    if conn is None:
        return HistoryData(), note
    try:
        return load(conn, since=since), note
    finally:
        conn.close()


def weekly_stats(weeks: int, *, now: datetime | None = None, tz: tzinfo | None = None,
                 path: Path | None = None) -> list[WeekStats]:
    """Figures for the last ``weeks`` ISO weeks up to now, oldest first (see module doc)."""
    moment = local_now(now, tz)
    data, _ = read(window_start(weeks, moment), path)
    return compute_weeks(data, weeks, moment)


def current_streak(*, now: datetime | None = None, tz: tzinfo | None = None,
                   path: Path | None = None) -> int:
    """Consecutive ISO weeks with at least one hip-extension or knee-flexion session."""
    moment = local_now(now, tz)
    data, _ = read(None, path)
    return compute_streak(data, moment)
