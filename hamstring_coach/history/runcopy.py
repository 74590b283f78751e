"""The recorder's own copy of the run it writes, and the file it writes it to.

A history file can go away under a running session: deleted (``rm``),
replaced (a backup copied over it, another instance moving a damaged file
aside), or its WAL removed. SQLite keeps writing to the open, unlinked
inode without a word, and the run is lost when the process ends. So the
recorder keeps every value it wrote in a :class:`RunCopy` (a few hundred
bytes per set) and, before each write, compares the file at the path with
the one it opened (:class:`FileIdentity`: device and inode of the database
and of its WAL; a file whose last link is gone is no longer at the path).
When they differ it opens the history again and writes the whole run there
(:meth:`RunCopy.write_all`), which is idempotent: a run already in the new
file (the same start, process and host) has its row and sets replaced, not
doubled.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

RUN_COLUMNS = (
    "chain_id", "resumed_from", "session_id", "session_name", "session_spec", "source",
    "sha256", "started_at", "started_offset", "start_phase", "resume_phase", "phase_count",
    "planned_sets", "pid", "host",
)
SET_COLUMNS = (
    "step_index", "exercise", "exercise_id", "function", "set_no", "set_count", "side",
    "reps", "seconds", "load", "skipped", "done_at", "done_offset",
    # what was actually done (history v2), logged after the set ended
    "reps_done", "load_done", "rir", "pain", "note",
)
ACTUALS_AT = SET_COLUMNS.index("reps_done")  # where a set row's logged values begin
SetRow = tuple[object, ...]  # the values of SET_COLUMNS, in order
INSERT_RUN = (f"INSERT INTO runs ({', '.join(RUN_COLUMNS)}) "
              f"VALUES ({', '.join('?' for _ in RUN_COLUMNS)})")
INSERT_SET = (f"INSERT INTO sets (run_id, {', '.join(SET_COLUMNS)}) "
              f"VALUES (?, {', '.join('?' for _ in SET_COLUMNS)})")


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    if info.st_nlink == 0:
        return None
    return (info.st_dev, info.st_ino)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


@dataclass(slots=True)
class FileIdentity:
    """Which database file (and WAL) a connection writes to, as device and inode."""

    path: Path
    database: tuple[int, int] | None
    wal: tuple[int, int] | None = None
    # The two names as text, made once: checked before every write.
    _names: tuple[str, str] = field(default=("", ""), init=False, repr=False)

    def __post_init__(self) -> None:
        self._names = (str(self.path), str(_wal(self.path)))

    @classmethod
    def of(cls, path: Path) -> FileIdentity:
        """The files now at ``path`` (call right after opening the connection)."""
        return cls(path, _identity(path), _identity(_wal(path)))

    def changed(self) -> str | None:
        """None when the path still holds the file written to; else what happened to it."""
        now = _identity(self._names[0])
        if now is None:
            return "deleted"
        if now != self.database:
            return "replaced"
        if self.wal is not None:
            wal = _identity(self._names[1])
            if wal != self.wal:
                return "deleted" if wal is None else "replaced"
        return None

    def written(self) -> None:
        """After a commit: the WAL exists now (SQLite makes it at the first write)."""
        if self.wal is None:
            self.wal = _identity(self._names[1])


@dataclass(slots=True)
class RunCopy:
    """Every value of one run as written so far, to write it again elsewhere."""

    run: dict[str, object]
    resumed_run: int | None = None  # the run this one continues (marked resumed)
    sets: list[SetRow] = field(default_factory=list)
    skipped_seconds: float = 0.0
    status: str = "running"
    ended_at: str | None = None
    ended_offset: int | None = None
    checkin: bool = False  # a morning-after check is due for this run (it logs pain)

    def log(self, key: tuple[int, int, str | None], actuals: SetRow) -> bool:
        """Keep what was done in the latest row of set ``key``; False when there is none."""
        step, set_no, side = key
        for index in range(len(self.sets) - 1, -1, -1):
            row = self.sets[index]
            if (row[0], row[4], row[6]) == (step, set_no, side):
                self.sets[index] = (*row[:ACTUALS_AT], *actuals)
                return True
        return False

    def write_all(self, conn: sqlite3.Connection) -> int:
        """Write the run and its sets into ``conn`` (inside a transaction); its run id.

        A run with the same start instant, process and host already there (the
        same run, carried over by a salvage or a restored copy) is replaced.
        A run this one continues that the file does not hold is not referred to.
        """
        run = dict(self.run)
        row = conn.execute(
            "SELECT id FROM runs WHERE started_at = ? AND pid = ? AND host = ? "
            "AND session_id = ?",
            (run["started_at"], run["pid"], run["host"], run["session_id"]),
        ).fetchone()
        if self.resumed_run is not None:
            found = conn.execute("SELECT id, chain_id FROM runs WHERE id = ?",
                                 (self.resumed_run,)).fetchone()
            if found is None:
                run["chain_id"] = run["resumed_from"] = None
            else:
                conn.execute("UPDATE runs SET resumed = 1 WHERE id = ?", (self.resumed_run,))
        values = [run[name] for name in RUN_COLUMNS]
        if row is not None:
            run_id = int(row[0])
            conn.execute("DELETE FROM sets WHERE run_id = ?", (run_id,))
            conn.execute(
                "UPDATE runs SET " + ", ".join(f"{name} = ?" for name in RUN_COLUMNS)
                + " WHERE id = ?", (*values, run_id))
        else:
            cursor = conn.execute(INSERT_RUN, values)
            assert cursor.lastrowid is not None
            run_id = cursor.lastrowid
        conn.execute(
            "UPDATE runs SET skipped_seconds = ?, status = ?, ended_at = ?, ended_offset = ? "
            "WHERE id = ?",
            (self.skipped_seconds, self.status, self.ended_at, self.ended_offset, run_id))
        conn.executemany(INSERT_SET, [(run_id, *values) for values in self.sets])
        if self.checkin:
            conn.execute("INSERT OR IGNORE INTO checkins (run_id) VALUES (?)", (run_id,))
        return run_id


# Connections to a file that is no longer at its path while another file's WAL
# is: closing one would make SQLite delete that WAL by name (the last
# connection to a database removes "<path>-wal"), so they stay open until exit.
_PARKED: list[sqlite3.Connection] = []


def release(conn: sqlite3.Connection, file: FileIdentity) -> None:
    """Close ``conn``, unless the WAL now at the path belongs to another database."""
    wal = _identity(_wal(file.path))
    if wal is not None and file.changed() is not None and wal != file.wal:
        _PARKED.append(conn)
        return
    with contextlib.suppress(sqlite3.Error):
        conn.close()
