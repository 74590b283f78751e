"""The history as the progression replay reads it: each run of a session, what it did.

Reads the SQLite history into :mod:`hamstring_coach.plan.outcomes`' frozen
records, oldest first, one :class:`RunOutcome` per resume chain (a resumed
session is one session). An exercise is known by its name and which of the
run's steps with that name it was, as :func:`exercise_keys` numbers them.

A run read from a plain training log (``history import FILE.csv``) has no
timer behind it: its reps, seconds and load are only the file's plan at
import time, so they are left unknown here and the replay counts an
unanswered set as done as prescribed then (COACHING.md section 1).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from hamstring_coach.format.model import ExerciseStep, Session
from hamstring_coach.history import records
from hamstring_coach.history.csvlog import IMPORT_HOST
from hamstring_coach.history.store import HistoryUnavailable, from_utc_text, open_for_reading
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.outcomes import (
    ExerciseOutcome,
    HistoryItem,
    Reset,
    RunOutcome,
    SetOutcome,
)
from hamstring_coach.plan.progression import Prescription, prescribe
from hamstring_coach.plan.progression import as_written as as_written_prescription
from hamstring_coach.plan.timeline import Timeline


def read_outcomes(conn: sqlite3.Connection, session_id: str) -> list[HistoryItem]:
    """Every run of ``session_id`` (and every reset of it), oldest first."""
    data = records.load(conn)
    runs = [r for r in data.runs if r.session_id == session_id]
    chain_of = {r.id: r.chain_id for r in runs}
    first: dict[int, records.RunRecord] = {}
    imported: set[int] = set()
    for run in runs:
        first.setdefault(run.chain_id, run)
        if run.host == IMPORT_HOST:
            imported.add(run.chain_id)
    rows: dict[int, list[records.SetRecord]] = defaultdict(list)
    for row in data.sets:
        chain = chain_of.get(row.run_id)
        if chain is not None:
            rows[chain].append(row)
    items: list[HistoryItem] = [
        RunOutcome(run.started_at, _exercises(rows[chain], chain in imported))
        for chain, run in first.items()]
    items.extend(read_resets(conn, session_id))
    return sorted(items, key=_when)


def _when(item: HistoryItem) -> datetime:
    return item.at if isinstance(item, Reset) else item.started_at


def _exercises(rows: list[records.SetRecord], imported: bool) -> tuple[ExerciseOutcome, ...]:
    by_step: dict[int, list[records.SetRecord]] = defaultdict(list)
    for row in rows:
        by_step[row.step_index].append(row)
    seen: dict[str, int] = defaultdict(int)
    found: list[ExerciseOutcome] = []
    for step_index in sorted(by_step):
        step_rows = by_step[step_index]
        name = step_rows[0].exercise
        seen[name] += 1
        # A set run twice (a resume that went back) keeps its last record.
        latest = {(r.set_no, r.side): r for r in step_rows}
        found.append(ExerciseOutcome((name, seen[name]),
                                     tuple(_set(r, imported) for r in latest.values())))
    return tuple(found)


def _set(row: records.SetRecord, imported: bool) -> SetOutcome:
    return SetOutcome(
        set_no=row.set_no, side=row.side,
        reps=None if imported else row.reps,
        seconds=None if imported else row.seconds,
        load=None if imported else row.load,
        reps_done=row.reps_done, load_done=row.load_done, rir=row.rir, pain=row.pain,
        skipped=row.skipped)


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


def prescription_for(session: Session, *, as_written: bool = False, path: Path | None = None,
                     before: datetime | None = None) -> tuple[Prescription, str | None]:
    """Next time's prescription of ``session`` from the history, and a warning if any.

    ``as_written`` (``run --as-written``, ``show --as-written``) ignores the
    history. The one place commands and screens get a prescription from.
    """
    session = session.as_written
    if as_written or not any(isinstance(s, ExerciseStep) and s.progress is not None
                             for s in session.steps):
        return as_written_prescription(session), None
    history, warning = history_for(session, path, before=before)
    return prescribe(session, history), warning


def next_timeline(session: Session, *, as_written: bool = False,
                  before: datetime | None = None) -> tuple[Timeline, str | None]:
    """The timeline ``run`` runs: next time's prescription compiled (or the file's).

    ``before`` replays only what happened before it (a resumed run continues
    the prescription it started with, not one that counts its own sets).
    """
    prescription, warning = prescription_for(session, as_written=as_written, before=before)
    return compile_session(prescription.session), warning
