"""A damaged history file: kept for the user, replaced by a new one with what it held.

Under an exclusive lock beside the file (so one process does it, once):
the damaged file is checked to be the one found damaged (its inode), a new
history is built at ``<name>.salvage`` from every row that can still be
read (:mod:`hamstring_coach.history.salvage`), the damaged file is kept as
``<name>.corrupt-YYYYmmdd-HHMMSS`` (a hard link, so the path never goes
missing), its WAL is moved beside the kept copy, and the new file is
renamed over the path in one step. A program that had the damaged file
open notices the new one before its next write and writes its run there
(see :mod:`hamstring_coach.history.runcopy`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from hamstring_coach.history.salvage import Salvaged, salvage
from hamstring_coach.system.messages import Notice


def _corrupt_name(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    return candidate


@contextlib.contextmanager
def file_lock(lock_path: Path) -> Iterator[None]:
    """An exclusive advisory lock where the platform has one (POSIX); else nothing."""
    try:
        # POSIX only (the lock is skipped where it is missing)
        import fcntl
    except ImportError:  # Windows: the inode check alone guards the rename
        yield
        return
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _rebuilt(path: Path, schema: Sequence[str], version: int) -> tuple[Path, Salvaged] | None:
    """A new history beside ``path`` holding what can be read of it; None when it fails."""
    fresh = path.with_name(path.name + ".salvage")
    with contextlib.suppress(FileNotFoundError):
        os.remove(fresh)
    try:
        conn = sqlite3.connect(fresh, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for statement in schema:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(version)}")
            counts = salvage(path, conn)
            conn.execute("COMMIT")
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        with contextlib.suppress(OSError):
            os.remove(fresh)
        return None
    return fresh, counts


def move_aside(path: Path, inode: int | None, *, schema: Sequence[str],
               version: int) -> tuple[Path, Salvaged | None] | None:
    """Keep a damaged database (and its WAL) aside and put a salvaged one in its place.

    Returns the kept name and what was carried into the new file (None when
    nothing could be built: the path is then left empty for a fresh start).
    ``inode`` is the file found damaged: when another process has already
    replaced it, the new one is left alone (returns None).
    """
    with file_lock(path.with_name(path.name + ".lock")):
        try:
            if inode is not None and os.stat(path).st_ino != inode:
                return None
        except FileNotFoundError:
            return None
        kept = _corrupt_name(path)
        built = _rebuilt(path, schema, version)
        try:
            os.link(path, kept)
        except OSError:  # no hard links here: rename (the path is missing a moment)
            os.replace(path, kept)
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size == 0:
            os.remove(wal)  # an empty WAL holds nothing worth keeping
        elif wal.exists():
            os.replace(wal, kept.with_name(kept.name + "-wal"))
        with contextlib.suppress(FileNotFoundError):
            os.remove(path.with_name(path.name + "-shm"))
        if built is not None:
            os.replace(built[0], path)
        else:
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)
        return kept, None if built is None else built[1]


def damaged_note(path: Path, kept: Path, counts: Salvaged | None) -> Notice:
    """What the user is told: the damage, what the new file holds, where the old one is.

    ``path`` is the history file (the new one); the notice names ``kept``.
    """
    if counts is None or not (counts.runs or counts.breaks):
        return Notice("History file damaged: a new one started, the old one kept", kept)
    what = f"{counts.runs} runs ({counts.sets} sets) carried to a new one"
    if counts.orphan_sets:
        what += f"; {counts.orphan_sets} sets whose run was lost stay in the kept file"
    return Notice(f"History file damaged: {what}", kept)
