"""The history as plain records: runs, sets and breaks read from the database.

Shared by the weekly figures, the exports, the ``history`` command and the
stats screen. Times are aware datetimes at the local offset recorded with
them, so ``at.date()`` is the user's calendar day when it happened.

A run's stored ``status`` is ``running`` until it is closed; a run whose
process was killed (or lost power) stays ``running`` for ever. The shown
status (:func:`shown_status`) tells the two apart: ``running`` while its
process is alive on this machine, ``killed`` otherwise.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hamstring_coach.history.store import from_utc_text, utc_text
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.records import frozen

STATUSES = tuple(RunStatus)
BREAK_KINDS = ("taken", "snoozed", "skipped", "away")


@frozen
class RunRecord:
    """One run of a session (a resumed session is a chain of runs)."""

    id: int
    chain_id: int
    resumed_from: int | None
    resumed: bool
    session_id: str
    session_name: str
    session_spec: str
    source: str | None
    sha256: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    start_phase: int
    resume_phase: int
    phase_count: int
    planned_sets: int
    skipped_seconds: float
    pid: int
    host: str


@frozen
class SetRecord:
    """One set (per side) that ended: completed, or skipped (``skipped`` True)."""

    id: int
    run_id: int
    step_index: int
    exercise: str
    exercise_id: str | None
    function: tuple[str, ...]
    set_no: int
    set_count: int
    side: str | None
    reps: int | None
    seconds: float
    load: str | None
    skipped: bool
    done_at: datetime
    # What was actually done (history v2); None = as planned / unknown / none.
    reps_done: int | None = None
    load_done: str | None = None
    rir: int | None = None
    pain: int | None = None
    note: str | None = None


@frozen
class CheckinRecord:
    """The morning-after check of a run: asked (``asked_at``), answered (``pain``) or not."""

    run_id: int
    asked_at: datetime | None  # None: not asked yet
    pain: int | None  # None: skipped, or not asked yet


@frozen
class BreakRecord:
    """A desk break from the break mode: taken, snoozed, skipped, or time away."""

    id: int
    kind: str
    at: datetime
    session_id: str | None


@frozen
class HistoryData:
    """Everything read from the history (or one window of it), oldest first."""

    runs: tuple[RunRecord, ...] = ()
    sets: tuple[SetRecord, ...] = ()
    breaks: tuple[BreakRecord, ...] = ()
    checkins: tuple[CheckinRecord, ...] = ()


_RUN_COLUMNS = (
    "id, chain_id, resumed_from, resumed, session_id, session_name, session_spec, source, "
    "sha256, started_at, started_offset, ended_at, ended_offset, status, start_phase, "
    "resume_phase, phase_count, planned_sets, skipped_seconds, pid, host"
)
_SET_COLUMNS = (
    "id, run_id, step_index, exercise, exercise_id, function, set_no, set_count, side, reps, "
    "seconds, load, skipped, done_at, done_offset, reps_done, load_done, rir, pain, note"
)


def _run(row: Any) -> RunRecord:
    (id_, chain, resumed_from, resumed, sid, name, spec, source, sha, started, started_off,
     ended, ended_off, status, start_phase, resume_phase, phase_count, planned, skipped_s,
     pid, host) = row
    return RunRecord(
        id=int(id_),
        chain_id=int(chain if chain is not None else id_),
        resumed_from=None if resumed_from is None else int(resumed_from),
        resumed=bool(resumed),
        session_id=str(sid),
        session_name=str(name),
        session_spec=str(spec),
        source=None if source is None else str(source),
        sha256=str(sha),
        started_at=from_utc_text(str(started), int(started_off)),
        ended_at=None if ended is None else from_utc_text(str(ended), int(ended_off)),
        status=str(status),
        start_phase=int(start_phase),
        resume_phase=int(resume_phase),
        phase_count=int(phase_count),
        planned_sets=int(planned),
        skipped_seconds=float(skipped_s),
        pid=int(pid),
        host=str(host),
    )


def _set(row: Any) -> SetRecord:
    (id_, run_id, step_index, exercise, exercise_id, function, set_no, set_count, side, reps,
     seconds, load, skipped, done, done_off, reps_done, load_done, rir, pain, note) = row
    return SetRecord(
        id=int(id_),
        run_id=int(run_id),
        step_index=int(step_index),
        exercise=str(exercise),
        exercise_id=None if exercise_id is None else str(exercise_id),
        function=split_functions(str(function)),
        set_no=int(set_no),
        set_count=int(set_count),
        side=None if side is None else str(side),
        reps=None if reps is None else int(reps),
        seconds=float(seconds),
        load=None if load is None else str(load),
        skipped=bool(skipped),
        done_at=from_utc_text(str(done), int(done_off)),
        reps_done=None if reps_done is None else int(reps_done),
        load_done=None if load_done is None else str(load_done),
        rir=None if rir is None else int(rir),
        pain=None if pain is None else int(pain),
        note=None if note is None else str(note),
    )


def split_functions(text: str) -> tuple[str, ...]:
    """The stored comma-separated functions as a tuple (empty text: none)."""
    return tuple(part for part in text.split(",") if part)


def join_functions(functions: tuple[str, ...]) -> str:
    """Functions as stored: comma-separated."""
    return ",".join(functions)


def load(conn: sqlite3.Connection, *, since: datetime | None = None) -> HistoryData:
    """Read runs started at or after ``since`` (all when None), their sets, and breaks.

    Sets are those of the runs read; breaks those at or after ``since``.
    """
    since_text = utc_text(since)[0] if since is not None else ""
    runs = tuple(
        _run(row)
        for row in conn.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs WHERE started_at >= ? ORDER BY started_at, id",
            (since_text,),
        )
    )
    sets = tuple(
        _set(row)
        for row in conn.execute(
            f"SELECT {_SET_COLUMNS} FROM sets WHERE run_id IN "
            "(SELECT id FROM runs WHERE started_at >= ?) ORDER BY done_at, id",
            (since_text,),
        )
    )
    breaks = tuple(
        BreakRecord(id=int(id_), kind=str(kind), at=from_utc_text(str(at), int(off)),
                    session_id=None if sid is None else str(sid))
        for id_, kind, at, off, sid in conn.execute(
            "SELECT id, kind, at, at_offset, session_id FROM breaks WHERE at >= ? "
            "ORDER BY at, id",
            (since_text,),
        )
    )
    checkins = tuple(
        CheckinRecord(run_id=int(run_id),
                      asked_at=None if at is None else from_utc_text(str(at), int(off or 0)),
                      pain=None if pain is None else int(pain))
        for run_id, at, off, pain in conn.execute(
            "SELECT run_id, asked_at, asked_offset, pain FROM checkins WHERE run_id IN "
            "(SELECT id FROM runs WHERE started_at >= ?) ORDER BY run_id",
            (since_text,),
        )
    )
    return HistoryData(runs=runs, sets=sets, breaks=breaks, checkins=checkins)


def latest_runs(conn: sqlite3.Connection, count: int) -> list[RunRecord]:
    """The ``count`` most recently started runs, newest first."""
    return [_run(row) for row in conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY started_at DESC, id DESC LIMIT ?", (count,))]


def run_by_id(conn: sqlite3.Connection, run_id: int) -> RunRecord | None:
    """The run with this id, or None."""
    row = conn.execute(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
    return None if row is None else _run(row)


def set_by_id(conn: sqlite3.Connection, set_id: int) -> SetRecord | None:
    """The set with this id, or None."""
    row = conn.execute(f"SELECT {_SET_COLUMNS} FROM sets WHERE id = ?", (set_id,)).fetchone()
    return None if row is None else _set(row)


def runs_before(conn: sqlite3.Connection, run: RunRecord, count: int) -> list[RunRecord]:
    """The ``count`` runs started before ``run``, newest first."""
    return [_run(row) for row in conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM runs WHERE started_at < ? "
        "ORDER BY started_at DESC, id DESC LIMIT ?", (utc_text(run.started_at)[0], count))]


def chain_of(conn: sqlite3.Connection, run: RunRecord) -> tuple[list[RunRecord], list[SetRecord]]:
    """The runs of ``run``'s resume chain (in start order) and their sets."""
    runs = [_run(row) for row in conn.execute(
        f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ? OR chain_id = ? ORDER BY started_at, id",
        (run.chain_id, run.chain_id))]
    sets = [_set(row) for row in conn.execute(
        f"SELECT {_SET_COLUMNS} FROM sets WHERE run_id IN "
        "(SELECT id FROM runs WHERE id = ? OR chain_id = ?) ORDER BY done_at, id",
        (run.chain_id, run.chain_id))]
    return runs, sets


def process_alive(pid: int, started_at: datetime) -> bool:
    """True when process ``pid`` exists and was not started after ``started_at``.

    The start-time check (Linux ``/proc``) catches a killed run's pid being
    reused by an unrelated, later process.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    born = _process_start(pid)
    return born is None or born <= started_at + timedelta(seconds=5)


def _process_start(pid: int) -> datetime | None:
    """When process ``pid`` started (Linux only; None elsewhere or on any doubt)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        boot = next(
            int(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        hertz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None

    return datetime.fromtimestamp(boot + ticks / hertz, tz=UTC)


def shown_status(run: RunRecord) -> str:
    """``finished``, ``quit``, ``crashed``, ``running`` (its process is alive) or ``killed``."""
    if run.status != RunStatus.RUNNING:
        return run.status
    if run.host == socket.gethostname() and process_alive(run.pid, run.started_at):
        return "running"
    return "killed"
