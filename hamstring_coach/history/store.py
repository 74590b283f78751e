"""The history database: schema, migrations, opening with retries, corrupt files.

One SQLite file (``hamstring_coach.system.paths.history_file()``) shared by every
instance of the program. Several processes may write at once, so:

- WAL journal (readers never block the writer) and ``synchronous=NORMAL``:
  a committed set survives the process being killed; only a power cut can
  lose the last commits.
- ``busy_timeout`` of 5 s: a writer waits for another's lock (each holds it
  for well under a millisecond) instead of failing.
- Every write is a ``BEGIN IMMEDIATE`` transaction: it takes the write lock
  up front, so the busy handler applies (a deferred transaction upgrading a
  read lock can fail at once with "database is locked").
- Opening retries for a few seconds around the first creation, where two
  processes may race to switch the new file to WAL and create the tables.
- A file that is not a database, or fails ``PRAGMA quick_check``, is kept
  as ``<name>.corrupt-YYYYmmdd-HHMMSS`` and a new one is started with every
  run that can still be read from it (see ``damaged.py``, ``salvage.py``);
  the message names the kept file and what was carried over.

Nothing here raises to the caller except :class:`HistoryUnavailable`, whose
message is meant for the user.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from hamstring_coach.history.damaged import damaged_note, move_aside
from hamstring_coach.system.files import stat_kind
from hamstring_coach.system.messages import Notice
from hamstring_coach.system.paths import history_file

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 5000
OPEN_RETRY_SECONDS = 10.0

# The first schema. Times are stored twice over: the instant in UTC (ISO,
# always with microseconds and "Z", so text order is time order) and the
# local UTC offset in seconds at that moment, so weekly figures can use the
# local time the user had when the set was done (see stats.py).
_SCHEMA_V1 = (
    """
    CREATE TABLE IF NOT EXISTS runs (
        id INTEGER PRIMARY KEY,
        chain_id INTEGER,                  -- first run of a resumed chain; own id when fresh
        resumed_from INTEGER REFERENCES runs(id),
        resumed INTEGER NOT NULL DEFAULT 0,  -- 1: resumed (or dismissed), never offered again
        session_id TEXT NOT NULL,
        session_name TEXT NOT NULL,
        session_spec TEXT NOT NULL,
        source TEXT,                       -- the session file's path, NULL when none
        sha256 TEXT NOT NULL,              -- of the file's bytes when the run started
        started_at TEXT NOT NULL,
        started_offset INTEGER NOT NULL,
        ended_at TEXT,
        ended_offset INTEGER,
        status TEXT NOT NULL DEFAULT 'running'
            CHECK (status IN ('running', 'finished', 'quit', 'crashed')),
        start_phase INTEGER NOT NULL DEFAULT 0,
        resume_phase INTEGER NOT NULL DEFAULT 0,  -- phase index where a resume restarts
        phase_count INTEGER NOT NULL,
        planned_sets INTEGER NOT NULL,     -- sets from start_phase on (each-side: one)
        skipped_seconds REAL NOT NULL DEFAULT 0,  -- rests/prepares/cues skipped part-way
        pid INTEGER NOT NULL,
        host TEXT NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS runs_started ON runs(started_at)",
    """
    CREATE TABLE IF NOT EXISTS sets (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        step_index INTEGER NOT NULL,
        exercise TEXT NOT NULL,
        exercise_id TEXT,
        function TEXT NOT NULL,            -- comma-separated, '' when none
        set_no INTEGER NOT NULL,
        set_count INTEGER NOT NULL,
        side TEXT,
        reps INTEGER,
        seconds REAL NOT NULL,
        load TEXT,
        skipped INTEGER NOT NULL,
        done_at TEXT NOT NULL,
        done_offset INTEGER NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS sets_run ON sets(run_id)",
    "CREATE INDEX IF NOT EXISTS sets_done ON sets(done_at)",
    """
    CREATE TABLE IF NOT EXISTS breaks (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('taken', 'snoozed', 'skipped', 'away')),
        at TEXT NOT NULL,
        at_offset INTEGER NOT NULL,
        session_id TEXT
    )
    """,
    "CREATE INDEX IF NOT EXISTS breaks_at ON breaks(at)",
)

# Version 2 (issue 11): what was actually done in each set, NULL meaning "as
# planned" (reps_done, load_done) or "unknown" (rir, pain) or none (note), as
# COACHING.md section 1 says; a v1 file gains the columns, every row kept.
# The morning-after check is a row of ``checkins`` per run of a session that
# asks for pain: written (asked_at NULL) when the run starts, answered (asked_at
# set, pain 0..10, or NULL when skipped) at the first start on a later day.
_SCHEMA_V2 = (
    "ALTER TABLE sets ADD COLUMN reps_done INTEGER CHECK (reps_done >= 0)",
    "ALTER TABLE sets ADD COLUMN load_done TEXT",
    "ALTER TABLE sets ADD COLUMN rir INTEGER CHECK (rir BETWEEN 0 AND 3)",  # 3: 3 or more
    "ALTER TABLE sets ADD COLUMN pain INTEGER CHECK (pain BETWEEN 0 AND 10)",
    "ALTER TABLE sets ADD COLUMN note TEXT",
    """
    CREATE TABLE IF NOT EXISTS checkins (
        run_id INTEGER PRIMARY KEY REFERENCES runs(id),
        asked_at TEXT,                     -- NULL: not asked yet
        asked_offset INTEGER,
        pain INTEGER CHECK (pain BETWEEN 0 AND 10)  -- NULL: skipped (or not asked yet)
    )
    """,
    "CREATE INDEX IF NOT EXISTS runs_session ON runs(session_id, started_at)",
)

# MIGRATIONS[n] takes a database at user_version n to n + 1.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_SCHEMA_V1, _SCHEMA_V2)

# SQLite primary result codes (the low byte of the extended code).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class HistoryUnavailable(Exception):
    """The history cannot be opened or written; the message is for the user.

    It is a :class:`~hamstring_coach.system.messages.Notice` (:attr:`notice`):
    the problem first, then the file it is about.
    """

    def __init__(self, problem: str, path: str | Path | None = None) -> None:
        notice = problem if isinstance(problem, Notice) and path is None else Notice(
            problem, path)
        super().__init__(notice)
        self.notice: Notice = notice


def not_saved(reason: Notice | str) -> Notice:
    """``History not saved: REASON (FILE)``, the warning a lost write leaves."""
    if isinstance(reason, Notice):
        return Notice(f"History not saved: {reason.problem}", reason.path)
    return Notice(f"History not saved: {reason}")


def cannot_read(error: HistoryUnavailable) -> Notice:
    """``cannot read the history: REASON (FILE)``, for the commands that read it."""
    return Notice(f"cannot read the history: {error.notice.problem}", error.notice.path)


def unsaved_reason(error: BaseException, path: Path) -> Notice:
    """Why a write failed: the error's own notice, or :func:`describe_error`."""
    if isinstance(error, HistoryUnavailable):
        return error.notice
    return describe_error(error, path)


def utc_text(moment: datetime) -> tuple[str, int]:
    """An aware (or naive local) datetime as (UTC ISO text, local offset in seconds)."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    offset = moment.utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), seconds


def from_utc_text(text: str, offset: int) -> datetime:
    """The aware datetime at its recorded local offset."""
    return datetime.fromisoformat(text).astimezone(timezone(timedelta(seconds=offset)))


def error_code(error: sqlite3.Error) -> int:
    """The primary SQLite result code of an error (-1 when unknown)."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    return -1


def is_busy(error: sqlite3.Error) -> bool:
    """True when another process holds the lock (worth retrying)."""
    if error_code(error) in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return True
    return "locked" in str(error) or "busy" in str(error)


def is_corrupt(error: sqlite3.Error) -> bool:
    """True when the file is not a database or is damaged."""
    if error_code(error) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    text = str(error)
    return "not a database" in text or "malformed" in text


@contextlib.contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A ``BEGIN IMMEDIATE`` transaction, committed on success, rolled back on error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema to SCHEMA_VERSION; refuse a newer one."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise HistoryUnavailable(
            f"written by a newer hamstring-coach (schema {version}, this one reads "
            f"{SCHEMA_VERSION}); update the program", path)
    with write(conn):
        # Read again under the write lock: another process may have migrated meanwhile.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check(conn: sqlite3.Connection) -> None:
    """Raise sqlite3.DatabaseError when the file is damaged."""
    row = conn.execute("PRAGMA quick_check").fetchone()
    if row is None or row[0] != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed ({row[0] if row else '?'})")


def _connect_once(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        _configure(conn)
        _check(conn)
        _migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def describe_error(error: BaseException, path: Path) -> Notice:
    """A short reason for the user, the problem first: ``disk full (FILE)``."""
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return Notice("disk full", path)
        return Notice(error.strerror or str(error), path)
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return Notice("the file is read-only", path)
    if "unable to open" in text:
        if path.parent.is_dir() and not os.access(path.parent, os.W_OK):
            return Notice("its folder is read-only", path.parent)
        return Notice("cannot open the file", path)
    if "disk is full" in text:  # SQLITE_FULL: "database or disk is full"
        return Notice("disk full", path)
    return Notice(text, path)


def _refuse_special(path: Path) -> None:
    """HistoryUnavailable when ``path`` is there but is not a regular file (SQLite would
    wait forever on a FIFO, and must not write into a device)."""
    try:
        kind = stat_kind(path)
    except OSError:
        return  # SQLite says why when it tries
    if kind not in (None, "a regular file"):
        raise HistoryUnavailable(f"{kind}, not a regular file", path)


def open_store(path: Path | None = None) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating if needed) the history database for writing.

    Returns the connection and a note for the user (a corrupt file was moved
    aside, naming it), or raises :class:`HistoryUnavailable` with the reason.
    """
    path = path or history_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise HistoryUnavailable(
            f"cannot create its folder: {error.strerror or error}", path.parent) from error
    _refuse_special(path)
    note: str | None = None
    moves = 0
    deadline = time.monotonic() + OPEN_RETRY_SECONDS
    delay = 0.01
    while True:
        inode = _inode(path)
        try:
            return _connect_once(path), note
        except HistoryUnavailable:
            raise
        except sqlite3.Error as error:
            if is_corrupt(error) and moves < 3:
                moves += 1
                try:
                    moved = move_aside(path, inode, schema=[
                        statement for step in MIGRATIONS for statement in step],
                        version=SCHEMA_VERSION)
                except OSError as move_error:
                    raise HistoryUnavailable(
                        "damaged, and could not be moved aside: "
                        f"{move_error.strerror or move_error}", path) from error
                if moved is not None:
                    note = damaged_note(path, *moved)
                continue
            if is_busy(error) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 2, 0.2)
                continue
            raise HistoryUnavailable(describe_error(error, path)) from error
        except OSError as error:
            raise HistoryUnavailable(describe_error(error, path)) from error


def open_for_reading(path: Path | None = None) -> tuple[sqlite3.Connection | None, str | None]:
    """Open the history to read it: (None, None) when nothing was recorded yet.

    A damaged file is handled as when writing (moved aside, a note returned).
    A folder that cannot be written is read read-only rather than refused.
    """
    path = path or history_file()
    if not path.exists():
        return None, None
    _refuse_special(path)  # before the read-only tries below, which would wait on a FIFO
    try:
        return open_store(path)
    except HistoryUnavailable as error:
        # A read-only folder: SQLite cannot make the WAL's shared-memory file
        # there, so read the file as it is ("immutable": nobody can be writing).
        for query in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True,
                                       isolation_level=None, check_same_thread=False)
            except sqlite3.Error:
                continue
            try:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                conn.execute("SELECT count(*) FROM runs").fetchone()
            except sqlite3.Error:
                conn.close()
                continue
            if version == SCHEMA_VERSION:
                return conn, None
            conn.close()
        raise error from None


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None
