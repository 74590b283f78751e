"""``history import FILE``: a JSON export or a plain CSV training log into the history.

All or nothing: the whole file is read and checked first, then written in
one transaction. Idempotent: a run already in the history (same session id
and start time, to the microsecond) is left as it is, with its sets and
check-in, and a desk break already there (same kind and time) too, so
importing the same file twice adds nothing. A JSON export keeps its record
ids where the history has them free (so an export imported into an empty
history exports the same again); other records get new ids, and resume
chains follow them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hamstring_coach.history.csvlog import LogError, read_log
from hamstring_coach.history.export import read_json
from hamstring_coach.history.records import HistoryData, join_functions
from hamstring_coach.history.store import (
    HistoryUnavailable,
    describe_error,
    open_store,
    utc_text,
    write,
)
from hamstring_coach.system.files import read_regular
from hamstring_coach.system.records import frozen

MAX_IMPORT_BYTES = 256 * 1024 * 1024  # far above five years of logged sets (~20 MB of JSON)


class ImportProblem(ValueError):
    """The file cannot be imported; the message is ``FILE:LINE: ...`` or ``FILE: where: ...``."""


@frozen
class ImportResult:
    """What an import added, and what it found already there."""

    runs: int
    sets: int
    breaks: int
    runs_present: int


def read_file(path: Path) -> HistoryData:
    """Read and check ``path`` (JSON export or CSV log); ImportProblem on any problem."""
    shown = str(path)
    try:
        data = read_regular(path, MAX_IMPORT_BYTES)
    except OSError as error:
        raise ImportProblem(f"{shown}: cannot read: {error.strerror or error}") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportProblem(f"{shown}: larger than {MAX_IMPORT_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ImportProblem(f"{shown}:{line}: not UTF-8 text") from None
    if text.lstrip().startswith("{") or path.suffix.lower() == ".json":
        try:
            return read_json(text)
        except ValueError as error:
            raise ImportProblem(f"{shown}: {error}") from None
    try:
        return read_log(text)
    except LogError as error:
        raise ImportProblem(f"{shown}:{error.line}: {error}") from None


def import_file(path: Path, history: Path | None = None) -> ImportResult:
    """Read ``path`` and add what the history does not have yet.

    Raises ImportProblem (the file) or HistoryUnavailable (the history).
    """
    data = read_file(path)
    problem = check(data)
    if problem:
        raise ImportProblem(f"{path}: {problem}")
    conn, _ = open_store(history)
    try:
        with write(conn):
            return add(conn, data, keep_ids=all(r.id > 0 for r in data.runs))
    except sqlite3.IntegrityError as error:
        raise ImportProblem(f"{path}: {error}") from None
    except OverflowError:
        raise ImportProblem(f"{path}: a number is too large for the history") from None
    except sqlite3.Error as error:
        raise HistoryUnavailable(describe_error(error, history or Path("history"))) from error
    finally:
        conn.close()


def check(data: HistoryData) -> str | None:
    """What the database would refuse in ``data`` (statuses, kinds, ids), naming the record."""
    from hamstring_coach.history.records import BREAK_KINDS, STATUSES

    ids = [run.id for run in data.runs]
    for n, run in enumerate(data.runs):
        if run.status not in STATUSES:
            return f"runs[{n}]: status must be one of {', '.join(STATUSES)}, not {run.status!r}"
        if ids.count(run.id) > 1:
            return f"runs[{n}]: id {run.id} appears twice"
    for n, item in enumerate(data.breaks):
        if item.kind not in BREAK_KINDS:
            return f"breaks[{n}]: kind must be one of {', '.join(BREAK_KINDS)}, not {item.kind!r}"
    for checkin in data.checkins:
        if checkin.pain is not None and not 0 <= checkin.pain <= 10:
            return f"run {checkin.run_id}: checkin pain must be 0 to 10, not {checkin.pain}"
    return None


def _free(conn: sqlite3.Connection, table: str, record_id: int, keep: bool) -> int | None:
    if not keep or record_id <= 0:
        return None
    taken = conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone()
    return None if taken else record_id


def add(conn: sqlite3.Connection, data: HistoryData, *, keep_ids: bool) -> ImportResult:
    """Insert ``data`` inside the caller's transaction (see the module's rules)."""
    new_id: dict[int, int] = {}
    present = 0
    by_run: dict[int, list[int]] = {}
    for index, s in enumerate(data.sets):
        by_run.setdefault(s.run_id, []).append(index)
    checkins = {c.run_id: c for c in data.checkins}
    added_sets = 0
    for run in data.runs:
        started, started_off = utc_text(run.started_at)
        row = conn.execute("SELECT id FROM runs WHERE session_id = ? AND started_at = ?",
                           (run.session_id, started)).fetchone()
        if row is not None:
            new_id[run.id] = int(row[0])
            present += 1
            continue
        ended = utc_text(run.ended_at) if run.ended_at is not None else (None, None)
        chain = None if run.chain_id == run.id else new_id.get(run.chain_id)
        resumed_from = None if run.resumed_from is None else new_id.get(run.resumed_from)
        cursor = conn.execute(
            "INSERT INTO runs (id, chain_id, resumed_from, resumed, session_id, session_name, "
            "session_spec, source, sha256, started_at, started_offset, ended_at, ended_offset, "
            "status, start_phase, resume_phase, phase_count, planned_sets, skipped_seconds, "
            "pid, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_free(conn, "runs", run.id, keep_ids), chain, resumed_from, int(run.resumed),
             run.session_id, run.session_name, run.session_spec, run.source, run.sha256,
             started, started_off, *ended, run.status, run.start_phase, run.resume_phase,
             run.phase_count, run.planned_sets, run.skipped_seconds, run.pid, run.host))
        assert cursor.lastrowid is not None
        new_id[run.id] = cursor.lastrowid
        for index in by_run.get(run.id, []):
            s = data.sets[index]
            done, done_off = utc_text(s.done_at)
            conn.execute(
                "INSERT INTO sets (id, run_id, step_index, exercise, exercise_id, function, "
                "set_no, set_count, side, reps, seconds, load, skipped, done_at, done_offset, "
                "reps_done, load_done, rir, pain, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (_free(conn, "sets", s.id, keep_ids), cursor.lastrowid, s.step_index,
                 s.exercise, s.exercise_id, join_functions(s.function), s.set_no, s.set_count,
                 s.side, s.reps, s.seconds, s.load, int(s.skipped), done, done_off,
                 s.reps_done, s.load_done, s.rir, s.pain, s.note))
            added_sets += 1
        checkin = checkins.get(run.id)
        if checkin is not None:
            asked = utc_text(checkin.asked_at) if checkin.asked_at else (None, None)
            conn.execute("INSERT INTO checkins (run_id, asked_at, asked_offset, pain) "
                         "VALUES (?, ?, ?, ?)", (cursor.lastrowid, *asked, checkin.pain))
    added_breaks = 0
    for item in data.breaks:
        at, offset = utc_text(item.at)
        if conn.execute("SELECT 1 FROM breaks WHERE kind = ? AND at = ?",
                        (item.kind, at)).fetchone():
            continue
        conn.execute("INSERT INTO breaks (id, kind, at, at_offset, session_id) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (_free(conn, "breaks", item.id, keep_ids), item.kind, at, offset,
                      item.session_id))
        added_breaks += 1
    return ImportResult(runs=len(data.runs) - present, sets=added_sets, breaks=added_breaks,
                        runs_present=present)
