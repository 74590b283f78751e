"""The morning-after check: how the hamstring feels the day after a session that logs pain.

A run of a session that asks for pain (``log: {pain: true}``) gets a row in
``checkins`` when it starts, not asked yet. The first start of the app on a
later local day asks once about the latest such run (:func:`due`); the
answer, 0-10, or a skip, is stored with that run (:func:`answer`), and any
older unasked check-in is closed as skipped, so nothing is asked twice.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from hamstring_coach.history.store import (
    HistoryUnavailable,
    describe_error,
    from_utc_text,
    not_saved,
    open_store,
    utc_text,
    write,
)
from hamstring_coach.system.paths import history_file
from hamstring_coach.system.records import frozen


@frozen
class Checkin:
    """A run whose morning-after question is due."""

    run_id: int
    session_name: str
    started_at: datetime  # at the local offset it was recorded with


def due(today: date, path: Path | None = None) -> Checkin | None:
    """The latest run not asked about yet, started before ``today``; None when none (or no file).

    Never raises: a history that cannot be read asks nothing.
    """
    path = path or history_file()
    if not path.exists():
        return None
    try:
        conn, _ = open_store(path)
    except HistoryUnavailable:
        return None
    try:
        rows = conn.execute(
            "SELECT r.id, r.session_name, r.started_at, r.started_offset FROM checkins c "
            "JOIN runs r ON r.id = c.run_id WHERE c.asked_at IS NULL "
            "AND r.status != 'running' ORDER BY r.started_at DESC, r.id DESC LIMIT 50"
        ).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    for run_id, name, started, offset in rows:
        moment = from_utc_text(str(started), int(offset))
        if moment.date() < today:
            return Checkin(int(run_id), str(name), moment)
    return None


def answer(checkin: Checkin, pain: int | None, at: datetime,
           path: Path | None = None) -> str | None:
    """Store the answer (None: skipped) and close older unasked check-ins.

    Returns None when saved, else a warning for the user.
    """
    if pain is not None and not 0 <= pain <= 10:
        raise ValueError(f"pain must be 0 to 10, not {pain}")
    stamp, offset = utc_text(at)
    try:
        conn, _ = open_store(path)
    except HistoryUnavailable as error:
        return not_saved(error.notice)
    try:
        with write(conn):
            conn.execute("UPDATE checkins SET asked_at = ?, asked_offset = ?, pain = ? "
                         "WHERE run_id = ?", (stamp, offset, pain, checkin.run_id))
            conn.execute(
                "UPDATE checkins SET asked_at = ?, asked_offset = ? WHERE asked_at IS NULL "
                "AND run_id IN (SELECT id FROM runs WHERE started_at < "
                "(SELECT started_at FROM runs WHERE id = ?))",
                (stamp, offset, checkin.run_id))
    except sqlite3.Error as error:
        return not_saved(describe_error(error, path or history_file()))
    finally:
        conn.close()
    return None


def question(checkin: Checkin, today: date) -> str:
    """``How does the hamstring feel after yesterday's Rehab session? 0-10, Enter skips: ``."""
    from hamstring_coach.run.actuals import clean_text

    days = (today - checkin.started_at.date()).days
    name = clean_text(checkin.session_name)
    if days == 1:
        what = f"yesterday's {name}"
    elif days < 7:
        what = f"{checkin.started_at.strftime('%A')}'s {name}"
    else:
        what = f"{name} of {checkin.started_at.strftime('%d %b')}"
    return f"How does the hamstring feel after {what}? 0-10 (0 = no pain), Enter skips: "
