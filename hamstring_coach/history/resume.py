"""Resume: find the last unfinished run and where to continue it.

The candidate is the most recent run that is not still going on in
another live process. It is offered when it did not finish, was not
resumed (or dismissed) already, recorded at least one set in its chain
(nothing done: nothing to resume, start afresh) and stopped before its
last phase. A run superseded by a later run is not offered: "resume"
means continuing what you were just doing.

The phase to resume from is the start of the set that was interrupted
(its first work phase), or the phase after the last ended set when the
interruption came between sets (the rest, the switch or the next
exercise's prepare).

When the session file's bytes changed since (its sha256 differs) or it is
gone, the point is still returned with ``file_changed``/``file_missing``
set: its phase numbers may no longer mean the same sets.
:func:`resume_request` still resumes a changed file when the change lies
after the resume point: every set before it is, in the file as it is now,
one the chain recorded (the same exercise, set and side of the same step),
and no other set is (see :func:`same_before`). Otherwise it refuses with
a message naming the file; the run can then be dismissed (``run
--dismiss``, :func:`mark_resumed`) or the session started afresh.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from hamstring_coach.engine.sets import WORK_KINDS  # a set's work: the engine's own list
from hamstring_coach.format.errors import SessionFileError
from hamstring_coach.format.limits import MAX_FILE_BYTES
from hamstring_coach.history.prescription import next_timeline
from hamstring_coach.history.records import RunRecord, chain_of, latest_runs, shown_status
from hamstring_coach.history.setgroups import set_groups
from hamstring_coach.history.store import (
    HistoryUnavailable,
    describe_error,
    not_saved,
    open_for_reading,
    open_store,
    write,
)
from hamstring_coach.plan.leadin import resume_start
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.library import compile_file
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.run.session_run import StartRequest
from hamstring_coach.system.digest import sha256_hex
from hamstring_coach.system.files import stat_kind
from hamstring_coach.system.paths import history_file
from hamstring_coach.system.records import frozen

# A recorded set (per side): (step index, exercise, catalogue id, set number, side).
SetKey = tuple[int, str, str | None, int, str | None]
DISMISS_HINT = "start it afresh, or forget that run with: hamstring-coach run --dismiss"


@frozen
class ResumePoint:
    """An unfinished run to continue."""

    run_id: int
    session_spec: str  # what the user typed to start it
    source: Path | None  # the session file
    sha256: str  # of the file when the run started
    session_id: str
    session_name: str
    phase_index: int  # where to start the engine: the start of the interrupted set
    phase_count: int  # phases of the timeline then (a changed file changes it)
    started_at: datetime  # start of the interrupted run, at its local offset
    status: str  # quit, crashed or killed
    sets_done: int  # working sets of the whole chain so far (both sides of a set: one)
    planned_sets: int  # sets of the whole session (a set of an each-side exercise is one)
    file_changed: bool  # the file's bytes differ from sha256
    file_missing: bool  # the file is gone (or unreadable)
    chain_started_at: datetime | None = None  # start of the chain's first run
    # Every set (per side) the chain recorded: (step index, exercise, catalogue id,
    # set number, side), to tell whether a changed file still has them where they were.
    recorded: frozenset[SetKey] = frozenset()



def file_sha256(path: Path) -> str | None:
    """The sha256 of a file's bytes, None when it cannot be read."""
    from hamstring_coach.system.files import read_regular

    try:  # a FIFO or a device is not the session file: unreadable, never waited on
        return sha256_hex(read_regular(path, MAX_FILE_BYTES))
    except OSError:
        return None


def last_unfinished(*, path: Path | None = None) -> ResumePoint | None:
    """The run ``run --resume`` continues, or None (see module doc).

    Raises :class:`~hamstring_coach.history.store.HistoryUnavailable` when the
    history cannot be read.
    """
    conn, _ = open_for_reading(path)
    if conn is None:
        return None
    try:
        # Runs still going on in other live processes are passed over; a
        # handful of them at most, so the newest few rows are enough.
        stopped = [r for r in latest_runs(conn, 20) if shown_status(r) != RunStatus.RUNNING]
        if not stopped:
            return None
        run = stopped[0]
        if run.status == RunStatus.FINISHED or run.resumed or run.resume_phase >= run.phase_count:
            return None
        chain, chain_sets = chain_of(conn, run)
    finally:
        conn.close()
    if not chain_sets:
        return None
    root: RunRecord = chain[0]
    source = Path(run.source) if run.source else None
    digest = file_sha256(source) if source is not None else None
    return ResumePoint(
        run_id=run.id,
        session_spec=run.session_spec,
        source=source,
        sha256=run.sha256,
        session_id=run.session_id,
        session_name=run.session_name,
        phase_index=run.resume_phase,
        phase_count=run.phase_count,
        started_at=run.started_at,
        status=shown_status(run),
        sets_done=sum(1 for g in set_groups(chain_sets, {r.id: r.chain_id for r in chain})
                      if g.completed),
        planned_sets=root.planned_sets,
        file_changed=digest is not None and digest != run.sha256,
        file_missing=source is not None and digest is None,
        chain_started_at=root.started_at,
        recorded=frozenset((s.step_index, s.exercise, s.exercise_id, s.set_no, s.side)
                           for s in chain_sets),
    )


def mark_resumed(run_id: int, *, path: Path | None = None) -> str | None:
    """Never offer run ``run_id`` again (resumed, or the user dismissed the offer).

    ``open_recorder(..., resumed_from=run_id)`` does this itself. Returns
    None, or a warning when the history cannot be written.
    """
    path = path or history_file()
    try:
        conn, _ = open_store(path)
    except HistoryUnavailable as error:
        return not_saved(error.notice)
    try:
        with write(conn):
            conn.execute("UPDATE runs SET resumed = 1 WHERE id = ?", (run_id,))
    except sqlite3.Error as error:
        return not_saved(describe_error(error, path))
    finally:
        conn.close()
    return None


def same_before(timeline: Timeline, point: ResumePoint) -> bool:
    """True when ``timeline`` (a changed file's) still has the chain's sets before the
    resume point and only those: the change lies after it.

    Each set (per side) before ``point.phase_index`` must be one the chain
    recorded, each recorded set must lie before it, and the resume point must
    not fall inside a set. What changed before it and is no set (a cue's
    words, a hold's length) does not matter to what is left to do.
    """
    phases = timeline.phases
    index = point.phase_index
    if not 0 < index < len(phases):
        return False
    before: set[SetKey] = set()
    for phase in phases[:index]:
        ref, at = phase.exercise, phase.position
        if phase.kind in WORK_KINDS and ref is not None and at.set_no:
            before.add((phase.step_index, ref.name, ref.id, at.set_no, at.side))
    if before != point.recorded:
        return False
    first, previous = phases[index], phases[index - 1]
    inside = (first.kind in WORK_KINDS and previous.kind in WORK_KINDS
              and (first.step_index, first.position.set_no, first.position.side)
              == (previous.step_index, previous.position.set_no, previous.position.side))
    return not inside


def resume_request() -> tuple[StartRequest | None, str | None]:
    """What ``run --resume`` and the picker's ``r`` continue, as a StartRequest.

    The last unfinished run ready to start, or None and a message saying why not.

    Refuses (with a message naming the file) when the session file went away
    or changed before the point where the run stopped (see :func:`same_before`).
    """
    try:
        point = last_unfinished()
    except HistoryUnavailable as error:
        return None, f"History unavailable: {error}"
    if point is None:
        return None, "Nothing to resume: no unfinished session in the history."
    name = point.source if point.source is not None else point.session_spec
    if point.file_missing and point.source is not None:
        try:
            kind = stat_kind(point.source)
        except OSError:
            kind = None
        if kind not in (None, "a regular file"):  # never opened: a FIFO would hang the read
            return None, (f"Cannot resume {point.session_name}: {name}: is {kind}, not a "
                          "regular file")
    if point.file_missing or point.source is None:
        return None, f"Cannot resume {point.session_name}: {name} is gone; {DISMISS_HINT}"
    try:
        written = compile_file(point.source, sid=point.session_id)
        # The prescription the interrupted run started with: what was known before it
        # (or the file as written, for a run started with --as-written).
        timeline = next_timeline(written.session, before=point.chain_started_at)[0]
        if not point.file_changed and len(timeline.phases) != point.phase_count:
            timeline = written
    except SessionFileError as error:
        return None, f"Cannot resume {point.session_name}: {error.first}"
    if point.file_changed:  # resumable when the change lies after the resume point
        fitting = [t for t in (timeline, written) if same_before(t, point)]
        if not fitting:
            return None, (f"Cannot resume {point.session_name}: {name} changed before the "
                          f"point where the run stopped; {DISMISS_HINT}")
        timeline = fitting[0]
    elif len(timeline.phases) != point.phase_count or point.phase_index >= point.phase_count:
        return None, (f"Cannot resume {point.session_name}: {name} no longer matches the "
                      f"run; {DISMISS_HINT}")
    # Past the rest (or switch, or get-ready) before the set: the run opens with its own
    # get-ready instead (plan.leadin).
    return StartRequest(timeline, point.session_spec,
                        start_index=resume_start(timeline, point.phase_index),
                        resumed_from=point.run_id), None
