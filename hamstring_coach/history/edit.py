"""Correcting what was logged, after the session: a run's sets, and one set's actuals.

Used by ``history edit`` (:mod:`hamstring_coach.commands.history_log`). The
values go through the same checks as the rest prompt's
(:func:`hamstring_coach.run.actuals.check_field`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from hamstring_coach.history.records import (
    RunRecord,
    SetRecord,
    chain_of,
    latest_runs,
    run_by_id,
    runs_before,
    set_by_id,
)
from hamstring_coach.history.setlog import stored_actuals, write_actuals
from hamstring_coach.history.store import open_store
from hamstring_coach.run.actuals import FIELDS, Actuals
from hamstring_coach.system.records import frozen


class NoSuchRecord(LookupError):
    """The run or set named does not exist; the message is for the user."""


@frozen
class RunSets:
    """A run (the latest of its resume chain's runs when asked by default) and its sets."""

    run: RunRecord
    sets: tuple[SetRecord, ...]
    earlier: tuple[RunRecord, ...]  # a few runs before it, newest first (to name them)


def run_sets(conn: sqlite3.Connection, run_id: int | None, earlier: int = 3) -> RunSets:
    """The sets of run ``run_id`` (None: the latest run); NoSuchRecord when there is none."""
    if run_id is None:
        latest = latest_runs(conn, 1 + earlier)
        if not latest:
            raise NoSuchRecord("no sessions recorded yet")
        run, before = latest[0], tuple(latest[1:])
    else:
        found = run_by_id(conn, run_id)
        if found is None:
            raise NoSuchRecord(f"no run {run_id} in the history")
        run, before = found, tuple(runs_before(conn, found, earlier))
    _, chain_sets = chain_of(conn, run)
    return RunSets(run, tuple(s for s in chain_sets if s.run_id == run.id), before)


def the_set(conn: sqlite3.Connection, set_id: int) -> SetRecord:
    """The set with this id; NoSuchRecord naming it when there is none."""
    record = set_by_id(conn, set_id)
    if record is None:
        raise NoSuchRecord(f"no set {set_id} in the history")
    return record


def correct(set_id: int, changes: dict[str, int | str | None],
            path: Path | None = None) -> SetRecord:
    """Change the named fields of set ``set_id`` (already checked values; None clears).

    Returns the set as stored afterwards. Raises NoSuchRecord or HistoryUnavailable.
    """
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
    conn, _ = open_store(path)
    try:
        before = stored_actuals(conn, set_id)
        if before is None:
            raise NoSuchRecord(f"no set {set_id} in the history")
        write_actuals(conn, set_id, replace(before, **changes))  # type: ignore[arg-type]
        return the_set(conn, set_id)
    finally:
        conn.close()


def logged(record: SetRecord) -> Actuals:
    """The logged fields of a set record."""
    return Actuals(reps_done=record.reps_done, load_done=record.load_done, rir=record.rir,
                   pain=record.pain, note=record.note)
