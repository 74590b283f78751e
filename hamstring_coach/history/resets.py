"""``progress reset`` markers: from this moment an exercise starts again as written.

A reset is a row of ``progress_resets`` (session id, exercise name or NULL
for every exercise, when). The table is created by the first reset, with
``CREATE TABLE IF NOT EXISTS``, and not by a schema migration: it only adds
to a history (nothing else reads or changes it), so a build that does not
know it opens the file as before and simply ignores it, and no version
number has to move. :func:`hamstring_coach.history.outcomes.read_resets`
reads none when the table is not there.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from hamstring_coach.history.store import (
    HistoryUnavailable,
    describe_error,
    open_store,
    utc_text,
    write,
)
from hamstring_coach.system.paths import history_file

_TABLE = """
    CREATE TABLE IF NOT EXISTS progress_resets (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL,
        exercise TEXT,                     -- NULL: every exercise of the session
        at TEXT NOT NULL,
        at_offset INTEGER NOT NULL
    )
"""


def record_reset(session_id: str, exercise: str | None, at: datetime,
                 path: Path | None = None) -> None:
    """Record a reset; raises :class:`HistoryUnavailable` (for the user) when it cannot."""
    path = path or history_file()
    conn, _ = open_store(path)
    try:
        text, offset = utc_text(at)
        with write(conn):
            conn.execute(_TABLE)
            conn.execute("INSERT INTO progress_resets (session_id, exercise, at, at_offset) "
                         "VALUES (?, ?, ?, ?)", (session_id, exercise, text, offset))
    except sqlite3.Error as error:
        raise HistoryUnavailable(describe_error(error, path)) from error
    finally:
        conn.close()
