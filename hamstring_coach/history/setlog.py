"""What was actually done in a set, in the database: write it, correct it, read last time's.

The recorder writes a set's plan when it ends (:mod:`hamstring_coach.history.recorder`);
the rest prompt and the summary screen then write what was done into the
same row (:func:`write_actuals`), and ``history edit`` corrects it later
(:mod:`hamstring_coach.history.edit`). :func:`previous_sets` finds, for a run
about to start, what was done in each set of the same session last time.
"""

from __future__ import annotations

import sqlite3

from hamstring_coach.history.store import write
from hamstring_coach.run.actuals import FIELDS, Actuals, PastSet

# (exercise name, set_no, side): the same set of the same exercise in another run
PastKey = tuple[str, int, str | None]
PAST_ROWS_READ = 5000  # rows of earlier runs looked at, newest first


def write_actuals(conn: sqlite3.Connection, set_id: int, values: Actuals) -> bool:
    """Store ``values`` (every field, None included) in set ``set_id``; False if none such."""
    with write(conn):
        cursor = conn.execute(
            "UPDATE sets SET reps_done = ?, load_done = ?, rir = ?, pain = ?, note = ? "
            "WHERE id = ?",
            (*(getattr(values, name) for name in FIELDS), set_id))
    return cursor.rowcount == 1


def stored_actuals(conn: sqlite3.Connection, set_id: int) -> Actuals | None:
    """What set ``set_id`` has logged (None when there is no such set)."""
    row = conn.execute("SELECT reps_done, load_done, rir, pain, note FROM sets WHERE id = ?",
                       (set_id,)).fetchone()
    if row is None:
        return None
    return Actuals(*row)


def previous_sets(conn: sqlite3.Connection, session_id: str,
                  run_id: int | None) -> dict[PastKey, PastSet]:
    """Per (exercise, set, side): the latest completed set in earlier runs of ``session_id``.

    Reps are those done (``reps_done``, else the planned reps of the completed
    set), the load likewise.
    """
    rows = conn.execute(
        "SELECT s.exercise, s.set_no, s.side, s.reps, s.reps_done, s.load, s.load_done, "
        "s.rir, s.seconds FROM sets s JOIN runs r ON r.id = s.run_id "
        "WHERE r.session_id = ? AND r.id != ? AND s.skipped = 0 "
        "ORDER BY s.done_at DESC, s.id DESC LIMIT ?",
        (session_id, -1 if run_id is None else run_id, PAST_ROWS_READ))
    found: dict[PastKey, PastSet] = {}
    for exercise, set_no, side, reps, reps_done, load, load_done, rir, seconds in rows:
        key = (str(exercise), int(set_no), None if side is None else str(side))
        if key in found:
            continue
        done = reps_done if reps_done is not None else reps
        found[key] = PastSet(reps=None if done is None else int(done),
                             load=load_done if load_done is not None else load,
                             rir=None if rir is None else int(rir),
                             seconds=float(seconds))
    return found
