"""The history as the progression replay reads it: each run of a session, what it did.

Reads the SQLite history into :mod:`hamstring_coach.plan.outcomes`' frozen
records, oldest first, one :class:`RunOutcome` per resume chain (a resumed
session is one session). An exercise is known by its name and which of the
run's steps with that name it was, as :func:`exercise_keys` numbers them.

A run read from a plain training log (``history import FILE.csv``) has no
timer behind it: its reps, seconds and load are only the file's plan at
import time, so they are left unknown here and the replay counts an
unanswered set as done as prescribed then (COACHING.md section 1).

Next time's prescription from these is :mod:`hamstring_coach.history.prescription`,
which imports this module (and so SQLite) only when a session has something to replay.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from hamstring_coach.format.model import Session
from hamstring_coach.history.csvlog import IMPORT_HOST
from hamstring_coach.history.store import HistoryUnavailable, from_utc_text, open_for_reading
from hamstring_coach.plan.outcomes import (
    ExerciseOutcome,
    HistoryItem,
    Reset,
    RunOutcome,
    SetOutcome,
)

# Only this session's runs and sets, with the columns the replay needs (the
# runs_session and sets_run indexes make this a lookup, not a scan).
_RUNS = ("SELECT id, chain_id, host, started_at, started_offset FROM runs "
         "WHERE session_id = ? ORDER BY started_at, id")
_SETS = ("SELECT s.run_id, s.step_index, s.exercise, s.set_no, s.side, s.reps, s.seconds, "
         "s.load, s.skipped, s.reps_done, s.load_done, s.rir, s.pain FROM sets s "
         "JOIN runs r ON r.id = s.run_id WHERE r.session_id = ? ORDER BY s.done_at, s.id")
_Row = tuple[Any, ...]


def read_outcomes(conn: sqlite3.Connection, session_id: str) -> list[HistoryItem]:
    """Every run of ``session_id`` (a resume chain once) and every reset of it, oldest first."""
    chain_of: dict[int, int] = {}
    started: dict[int, datetime] = {}
    imported: set[int] = set()
    for run_id, chain_id, host, at, offset in conn.execute(_RUNS, (session_id,)):
        chain = int(chain_id if chain_id is not None else run_id)
        chain_of[int(run_id)] = chain
        if chain not in started:
            started[chain] = from_utc_text(str(at), int(offset))
        if host == IMPORT_HOST:
            imported.add(chain)
    rows: dict[int, list[_Row]] = defaultdict(list)
    for row in conn.execute(_SETS, (session_id,)):
        owner = chain_of.get(int(row[0]))
        if owner is not None:
            rows[owner].append(row)
    items: list[HistoryItem] = [
        RunOutcome(at, _exercises(rows[chain], chain in imported))
        for chain, at in started.items()]
    items.extend(read_resets(conn, session_id))
    return sorted(items, key=_when)


def _when(item: HistoryItem) -> datetime:
    return item.at if isinstance(item, Reset) else item.started_at


def _exercises(rows: list[_Row], imported: bool) -> tuple[ExerciseOutcome, ...]:
    by_step: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        by_step[int(row[1])].append(row)
    seen: dict[str, int] = defaultdict(int)
    found: list[ExerciseOutcome] = []
    for step_index in sorted(by_step):
        step_rows = by_step[step_index]
        name = str(step_rows[0][2])
        seen[name] += 1
        # A set run twice (a resume that went back) keeps its last record.
        latest = {(r[3], r[4]): r for r in step_rows}
        found.append(ExerciseOutcome((name, seen[name]),
                                     tuple(_set(r, imported) for r in latest.values())))
    return tuple(found)


def _set(row: _Row, imported: bool) -> SetOutcome:
    (_, _, _, set_no, side, reps, seconds, load, skipped, reps_done, load_done, rir,
     pain) = row
    return SetOutcome(
        set_no=int(set_no), side=None if side is None else str(side),
        reps=None if imported or reps is None else int(reps),
        seconds=None if imported else float(seconds),
        load=None if imported or load is None else str(load),
        reps_done=None if reps_done is None else int(reps_done),
        load_done=None if load_done is None else str(load_done),
        rir=None if rir is None else int(rir), pain=None if pain is None else int(pain),
        skipped=bool(skipped))


def read_resets(conn: sqlite3.Connection, session_id: str) -> list[Reset]:
    """``progress reset`` markers of ``session_id`` (none before the table exists)."""
    try:
        found = conn.execute("SELECT at, at_offset, exercise FROM progress_resets "
                             "WHERE session_id = ? ORDER BY at, id", (session_id,)).fetchall()
    except sqlite3.OperationalError:  # no such table: no reset was ever recorded
        return []
    return [Reset(from_utc_text(str(at), int(offset)), None if ex is None else str(ex))
            for at, offset, ex in found]


def history_for(session: Session, path: Path | None = None, *,
                before: datetime | None = None) -> tuple[list[HistoryItem], str | None]:
    """The replay's input for ``session`` and a warning for the user (None when all is well).

    A history that cannot be read gives no runs and says why: the session
    then runs as written, and the user is told.
    """
    try:
        conn, note = open_for_reading(path)
    except HistoryUnavailable as error:
        return [], f"History not read, running as written: {error}"
    if conn is None:
        return [], note
    try:
        items = read_outcomes(conn, session.id)
        if before is not None:
            items = [i for i in items if _when(i) < before]
        return items, note
    except sqlite3.Error as error:
        return [], f"History not read, running as written: {error}"
    finally:
        conn.close()
