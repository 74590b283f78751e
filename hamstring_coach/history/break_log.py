"""Break mode's history: each break recorded as it is counted, and today's so far."""

from __future__ import annotations

import datetime as _dt

from hamstring_coach.engine.break_scheduler import BreakKind, DayCounts
from hamstring_coach.history.recorder import record_break
from hamstring_coach.history.stats import breaks_on, read
from hamstring_coach.history.store import HistoryUnavailable
from hamstring_coach.run.break_mode import RecordBreak


def break_recorder(spec: str) -> RecordBreak:
    """Records each break in the SQLite history; returns its warning, if any."""

    def record(kind: BreakKind) -> str | None:
        return record_break(kind.value, _dt.datetime.now().astimezone(), session_id=spec)

    return record


def todays_counts(today: _dt.date) -> DayCounts | None:
    """Today's breaks already in the history (break mode restarted mid-day); None if unreadable."""
    start = _dt.datetime.combine(today, _dt.time()).astimezone()
    try:
        data, _ = read(since=start)
    except HistoryUnavailable:
        return None
    counts = breaks_on(data, today)
    return DayCounts(today, taken=counts.get("taken", 0), snoozed=counts.get("snoozed", 0),
                     skipped=counts.get("skipped", 0), away=counts.get("away", 0))
