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
PAST_RUNS_READ = 20  # earlier runs of the session looked at, newest first


def write_actuals(conn: sqlite3.Connection, set_id: int, values: Actuals) -> bool:
    """Store ``values`` (every field, None included) in set ``set_id``; False if none such."""
    with write(conn):
        cursor = conn.execute(
            "UPDATE sets SET reps_done = ?, load_done = ?, rir = ?, pain = ?, note = ? "
            "WHERE id = ?",
            (*(getattr(values, name) for name in FIELDS), set_id))
    return cursor.rowcount == 1


def actuals_row(values: Actuals) -> tuple[object, ...]:
    """The logged values as the columns ``reps_done .. note`` hold them."""
    return tuple(getattr(values, name) for name in FIELDS)


def write_set_actuals(conn: sqlite3.Connection, run_id: int,
                      key: tuple[int, int, str | None], values: Actuals) -> bool:
    """Store ``values`` in the latest row of set ``key`` (step, set, side) of run ``run_id``."""
    step, set_no, side = key
    row = conn.execute("SELECT max(id) FROM sets WHERE run_id = ? AND step_index = ? "
                       "AND set_no = ? AND side IS ?", (run_id, step, set_no, side)).fetchone()
    if row is None or row[0] is None:
        return False
    return write_actuals(conn, int(row[0]), values)


def stored_actuals(conn: sqlite3.Connection, set_id: int) -> Actuals | None:
    """What set ``set_id`` has logged (None when there is no such set)."""
    row = conn.execute("SELECT reps_done, load_done, rir, pain, note FROM sets WHERE id = ?",
                       (set_id,)).fetchone()
    if row is None:
        return None
    return Actuals(*row)


def previous_sets(conn: sqlite3.Connection, session_id: str,
                  run_id: int | None) -> dict[PastKey, PastSet]:
    """Per (exercise, set, side): the latest completed set in the last runs of ``session_id``.

    The last PAST_RUNS_READ runs are looked at (a set not done in any of them
    has no "last time").
    Reps are those done (``reps_done``, else the planned reps of the completed
    set), the load likewise.
    """
    rows = conn.execute(
        "SELECT s.exercise, s.set_no, s.side, s.reps, s.reps_done, s.load, s.load_done, "
        "s.rir, s.seconds FROM sets s WHERE s.skipped = 0 AND s.run_id IN "
        "(SELECT id FROM runs WHERE session_id = ? AND id != ? "
        " ORDER BY started_at DESC, id DESC LIMIT ?) "
        "ORDER BY s.done_at DESC, s.id DESC",
        (session_id, -1 if run_id is None else run_id, PAST_RUNS_READ))
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
