"""Break mode's history: each break recorded as it is counted, and today's so far."""

from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path

from hamstring_coach.engine.break_scheduler import BreakKind, DayCounts
from hamstring_coach.history.records import BREAK_KINDS
from hamstring_coach.history.stats import breaks_on, read
from hamstring_coach.history.store import (
    HistoryUnavailable,
    describe_error,
    not_saved,
    open_store,
    utc_text,
    write,
)
from hamstring_coach.run.break_mode import RecordBreak
from hamstring_coach.system.paths import history_file


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


def record_break(kind: str, at: _dt.datetime, *, session_id: str | None = None,
                 path: Path | None = None) -> str | None:
    """Record a desk break (``taken``, ``snoozed``, ``skipped`` or ``away``).

    Returns None when saved, else a warning for the user ("History not saved: ...").
    """
    if kind not in BREAK_KINDS:
        raise ValueError(f"break kind must be one of {BREAK_KINDS}, not {kind!r}")
    path = path or history_file()
    try:
        conn, note = open_store(path)
    except HistoryUnavailable as error:
        return not_saved(error.notice)
    stamp, offset = utc_text(at)
    try:
        with write(conn):
            conn.execute("INSERT INTO breaks (kind, at, at_offset, session_id) VALUES (?, ?, ?, ?)",
                         (kind, stamp, offset, session_id))
    except sqlite3.Error as error:
        return not_saved(describe_error(error, path))
    finally:
        conn.close()
    return note
