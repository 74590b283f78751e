"""The history recorder: writes a run to SQLite as it happens.

A run row is written when the recorder opens; each ended set is committed
at once (a ``SIGKILL`` loses at most the set in progress); the resume point
moves only when a set starts or ends; the end is written on close. A run
that is killed keeps status ``running`` in the file and is shown as
``killed`` (see :func:`hamstring_coach.history.records.shown_status`).

Nothing here raises into the session: if the history cannot be written the
recorder keeps a warning ("History not saved: ...") and ``saved`` turns
False, and the session goes on.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from hamstring_coach.engine.events import Event, Finished, PhaseEnded, PhaseStarted, SetEnded
from hamstring_coach.engine.sets import WORK_KINDS  # a set's work: the engine's own list
from hamstring_coach.history.records import join_functions
from hamstring_coach.history.runcopy import (
    INSERT_RUN,
    INSERT_SET,
    RUN_COLUMNS,
    FileIdentity,
    RunCopy,
    release,
)
from hamstring_coach.history.setlog import PastKey, actuals_row, previous_sets, write_set_actuals
from hamstring_coach.history.store import (
    HistoryUnavailable,
    describe_error,
    is_busy,
    not_saved,
    open_store,
    unsaved_reason,
    utc_text,
    write,
)
from hamstring_coach.plan.timeline import Side, Timeline
from hamstring_coach.run.actuals import Actuals, PastSet
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.messages import Notice
from hamstring_coach.system.paths import history_file
from hamstring_coach.system.records import frozen

CLOSE_STATUSES = (RunStatus.FINISHED, RunStatus.QUIT, RunStatus.CRASHED)

SetKey = tuple[int, int, Side | None]  # (step_index, set_no, side)


def local_now() -> datetime:
    """Now, as an aware datetime at the machine's current local offset."""
    return datetime.now().astimezone()


@frozen
class SetLayout:
    """Where the sets (per side) of a timeline begin and end."""

    starts: frozenset[int]  # index of each set's first work phase
    after: dict[SetKey, int]  # set -> index of the phase following its last work phase
    first: tuple[int, ...]  # every set's (per side) first phase index, in order
    # (step_index, set_no) of each entry of ``first``: its sides share one
    of_set: tuple[tuple[int, int], ...] = ()

    def planned(self, start_index: int) -> int:
        """Sets with a side that begins at or after ``start_index``.

        A set of an each-side exercise is one set (left and right together),
        as the summary screen and the weekly working sets count it.
        """
        return len({key for index, key in zip(self.first, self.of_set, strict=True)
                    if index >= start_index})


def set_layout(timeline: Timeline) -> SetLayout:
    """Find each set: a run of consecutive work phases sharing (step, set, side)."""
    starts: list[int] = []
    of_set: list[tuple[int, int]] = []
    after: dict[SetKey, int] = {}
    previous: SetKey | None = None
    for phase in timeline.phases:
        at = phase.position
        if phase.kind not in WORK_KINDS or at.set_no == 0:
            previous = None
            continue
        key = (phase.step_index, at.set_no, at.side)
        if key != previous:
            starts.append(phase.index)
            of_set.append((phase.step_index, at.set_no))
        after[key] = phase.index + 1
        previous = key
    return SetLayout(starts=frozenset(starts), after=after, first=tuple(starts),
                     of_set=tuple(of_set))


class HistoryRecorder:
    """Implements :class:`hamstring_coach.run.ports.Recorder` on the SQLite history."""

    def __init__(self, *, conn: sqlite3.Connection | None, run_id: int | None,
                 layout: SetLayout | None,
                 wall_clock: Callable[[], datetime], warning: str | None, path: Path) -> None:
        self._conn = conn
        self._run_id = run_id
        self._layout = layout
        self._clock = wall_clock
        self._warning = warning
        self._saved = conn is not None
        self._path = path
        self._resume_phase: int | None = None
        self._finished = False
        self._copy: RunCopy | None = None  # what was written, to write it again
        self._file: FileIdentity | None = None  # the file it was written to
        self.previous: dict[PastKey, PastSet] = {}  # last time's sets of this session
        # The TUI records from its event loop, but close() may come from a
        # signal handler or exit hook on another thread.
        self._lock = threading.Lock()

    @property
    def warning(self) -> str | None:
        """A visible warning (history not saved, or a damaged file was moved aside)."""
        return self._warning

    @property
    def saved(self) -> bool:
        """False when anything of this run could not be written."""
        return self._saved

    @property
    def run_id(self) -> int | None:
        """The run's row id, None when nothing is saved."""
        return self._run_id

    @property
    def path(self) -> Path:
        """The history file."""
        return self._path

    def record(self, event: Event) -> None:
        """Write what matters of one engine event; never raises."""
        with self._lock:
            if self._conn is None:
                return
            try:
                self._record(event)
            except (sqlite3.Error, OSError, ValueError, HistoryUnavailable) as error:
                self._fail(error)

    def _record(self, event: Event) -> None:
        assert self._layout is not None and self._copy is not None
        copy = self._copy
        if isinstance(event, SetEnded):
            at, offset = utc_text(self._clock())
            key = (event.step_index, event.set_no, event.side)
            resume = self._layout.after.get(key, self._resume_phase or 0)
            values = (event.step_index, event.exercise, event.exercise_id,
                      join_functions(event.function), event.set_no, event.set_count,
                      event.side, event.reps, event.seconds, event.load, int(event.skipped),
                      at, offset, *actuals_row(Actuals()))
            copy.sets.append(values)
            copy.run["resume_phase"] = resume
            self._resume_phase = resume

            def add_set(conn: sqlite3.Connection) -> None:
                with write(conn):
                    conn.execute(INSERT_SET, (self._run_id, *values))
                    conn.execute("UPDATE runs SET resume_phase = ? WHERE id = ?",
                                 (resume, self._run_id))
            self._write(add_set)
        elif isinstance(event, PhaseStarted):
            index = event.phase.index
            if index in self._layout.starts and index != self._resume_phase:
                copy.run["resume_phase"] = self._resume_phase = index
                self._write(lambda conn: conn.execute(
                    "UPDATE runs SET resume_phase = ? WHERE id = ?", (index, self._run_id)))
        elif isinstance(event, PhaseEnded):
            if event.skipped and event.phase.kind not in WORK_KINDS and event.skipped_seconds > 0:
                seconds = event.skipped_seconds
                copy.skipped_seconds += seconds
                self._write(lambda conn: conn.execute(
                    "UPDATE runs SET skipped_seconds = skipped_seconds + ? WHERE id = ?",
                    (seconds, self._run_id)))
        elif isinstance(event, Finished):
            # Written at once, so a kill between the last chime and close() still
            # leaves a finished run that is never offered for resuming.
            self._end(RunStatus.FINISHED)
            self._finished = True

    def past_set(self, exercise: str, set_no: int, side: str | None) -> PastSet | None:
        """What was done in this set last time (this session's earlier runs), or None."""
        return self.previous.get((exercise, set_no, side))

    def log_set(self, key: SetKey, values: Actuals) -> None:
        """Store what was done in set ``key`` (the latest of its rows); never raises.

        Kept in the run's copy too (a run written again keeps it). Works after
        :meth:`close` (the summary screen logs the last sets): the file is
        opened again for the write.
        """
        with self._lock:
            copy, run_id = self._copy, self._run_id
            if copy is None or run_id is None or not copy.log(key, actuals_row(values)):
                return
            try:
                if self._conn is not None:
                    self._write(lambda conn: write_set_actuals(conn, run_id, key, values))
                    return
                conn, _ = open_store(self._path)
                try:
                    write_set_actuals(conn, run_id, key, values)
                finally:
                    conn.close()
            except (sqlite3.Error, OSError, HistoryUnavailable) as error:
                self._fail(error)

    def _end(self, status: RunStatus) -> None:
        assert self._copy is not None
        at, offset = utc_text(self._clock())
        copy = self._copy
        copy.status, copy.ended_at, copy.ended_offset = str(status), at, offset
        if status == RunStatus.FINISHED:
            copy.run["resume_phase"] = copy.run["phase_count"]
        self._write(lambda conn: conn.execute(
            "UPDATE runs SET status = ?, ended_at = ?, ended_offset = ?, "
            "resume_phase = CASE WHEN ? = 'finished' THEN phase_count ELSE resume_phase END "
            "WHERE id = ?",
            (status, at, offset, status, self._run_id),
        ))

    def _write(self, action: Callable[[sqlite3.Connection], object]) -> None:
        """Write to the file the run is in; when it is gone, write the whole run again.

        The file at the path is compared with the one written so far before
        each write (a stat of the database and of its WAL). A write that fails
        is also given one more try in a freshly opened history.
        """
        assert self._conn is not None and self._file is not None
        change = self._file.changed()
        if change is None:
            try:
                action(self._conn)
            except sqlite3.Error as error:
                if is_busy(error):
                    raise
                change = "unwritable"
            else:
                self._file.written()
                return
        self._write_again(change)

    def _write_again(self, change: str) -> None:
        """Open the history at the path again and write the whole run there."""
        assert self._conn is not None and self._file is not None and self._copy is not None
        old, self._conn = self._conn, None
        release(old, self._file)
        try:
            conn, note = open_store(self._path)
        except HistoryUnavailable as error:
            raise HistoryUnavailable(  # the reason it could not be made again first
                f"{error.notice.problem}; file {change} during the run",
                error.notice.path) from error
        try:
            with write(conn):
                self._run_id = self._copy.write_all(conn)
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        self._file = FileIdentity.of(self._path)
        self._file.written()
        where = "a new one" if change == "deleted" else "the one now there"
        problem = f"History file was {change} during the run: saved again in {where}"
        if note:  # the file now there was damaged too: say where the old one is
            problem += f"; {note.problem if isinstance(note, Notice) else note}"
        self._warning = Notice(problem, note.path if isinstance(note, Notice) else self._path)

    def close(self, *, status: RunStatus) -> None:
        """Mark the run ``finished``, ``quit`` or ``crashed`` and close the file.

        A run that already reached its end stays ``finished`` whatever the
        status given (quitting from the summary screen is not quitting the run).
        Calling it again does nothing. The file is checked once more (a run
        whose history went away after its last set is written again).
        """
        if status not in CLOSE_STATUSES:
            raise ValueError(f"status must be one of {CLOSE_STATUSES}, not {status!r}")
        with self._lock:
            if self._conn is None:
                return
            try:
                if not self._finished:
                    self._end(status)
                else:
                    self._write(lambda conn: None)
            except (sqlite3.Error, OSError, HistoryUnavailable) as error:
                self._fail(error)
            finally:
                conn, self._conn = self._conn, None
                if conn is not None and self._file is not None:
                    release(conn, self._file)

    def _fail(self, error: BaseException) -> None:
        self._saved = False
        self._warning = not_saved(unsaved_reason(error, self._path))
        if self._conn is not None and self._file is not None:
            release(self._conn, self._file)
        self._conn = None


def unsaved(reason: Notice | str, path: Path) -> HistoryRecorder:
    """A recorder that keeps nothing and says why."""
    return HistoryRecorder(conn=None, run_id=None, layout=None,
                           wall_clock=local_now, warning=not_saved(reason), path=path)


def open_recorder(timeline: Timeline, *, session_spec: str, resumed_from: int | None = None,
                  start_index: int | None = None,
                  wall_clock: Callable[[], datetime] = local_now,
                  path: Path | None = None) -> HistoryRecorder:
    """Start recording a run of ``timeline``; never raises.

    ``session_spec`` is what the user typed (built-in id, user id or path).
    ``resumed_from`` is the run id this run continues (it is marked resumed
    in the same transaction); ``start_index`` the phase the engine starts at
    (default: that run's resume point, else 0). When the history cannot be
    written the recorder's ``saved`` is False and ``warning`` says why.
    """
    path = path or history_file()
    try:
        conn, note = open_store(path)
    except HistoryUnavailable as error:
        return unsaved(error.notice, path)
    layout = set_layout(timeline)
    session = timeline.session
    at, offset = utc_text(wall_clock())
    try:
        with write(conn):
            chain: int | None = None
            if resumed_from is not None:
                row = conn.execute("SELECT id, chain_id, resume_phase FROM runs WHERE id = ?",
                                   (resumed_from,)).fetchone()
                if row is not None:
                    chain = int(row[1] if row[1] is not None else row[0])
                    if start_index is None:
                        start_index = int(row[2])
                    conn.execute("UPDATE runs SET resumed = 1 WHERE id = ?", (resumed_from,))
            start = start_index or 0
            run: dict[str, object] = dict(zip(RUN_COLUMNS, (
                chain, resumed_from if chain is not None else None, session.id, session.name,
                session_spec, None if session.source is None else str(session.source),
                session.sha256, at, offset, start, start, len(timeline.phases),
                layout.planned(start), os.getpid(), socket.gethostname()), strict=True))
            cursor = conn.execute(INSERT_RUN, tuple(run.values()))
            run_id = cursor.lastrowid
            if asks_pain(timeline):
                conn.execute("INSERT INTO checkins (run_id) VALUES (?)", (run_id,))
        previous = previous_sets(conn, session.id, run_id)
    except sqlite3.Error as error:
        conn.close()
        return unsaved(describe_error(error, path), path)
    assert run_id is not None
    recorder = HistoryRecorder(conn=conn, run_id=run_id, layout=layout,
                               wall_clock=wall_clock,
                               warning=note, path=path)
    recorder._copy = RunCopy(run, resumed_run=resumed_from if chain is not None else None,
                             checkin=asks_pain(timeline))
    recorder._file = FileIdentity.of(path)
    recorder._resume_phase = start
    recorder.previous = previous
    return recorder


def asks_pain(timeline: Timeline) -> bool:
    """True when some set of the session logs pain (a morning-after check follows it)."""
    return any(phase.exercise is not None and phase.exercise.log_pain for phase in timeline.phases)
