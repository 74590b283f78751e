"""Working sets: one set of an exercise, counted once whatever its sides.

The history stores one row per set and side (the honest log: a ``sides:
each`` set is a left row and a right row). Every count shown to the person
(recent sessions, weekly working sets, the unfinished run, the stats
screen) counts set groups instead, the way the summary screen and the
training guidance ("10-20 working sets a week") do:

- a set is (session, step, set number); a session is a resume chain, so a
  set whose left side was done before ``run --resume`` and whose right side
  after it is still one set;
- it is a working set when every side it has was completed (not
  skipped): both ``left`` and ``right`` for an each-side exercise;
- otherwise (skipped outright, a side skipped, or only one side done
  before quitting) it is not a working set, and is counted as skipped;
- its time is when its last recorded side ended (that decides its week).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from hamstring_coach.history.records import HistoryData, SetRecord
from hamstring_coach.system.records import frozen

EACH_SIDES = frozenset({"left", "right"})


@frozen
class SetGroup:
    """One set of one exercise, with all its sides."""

    chain_id: int  # the session (resume chain) it belongs to
    run_id: int  # the run that recorded its last side
    step_index: int
    set_no: int
    exercise: str
    function: tuple[str, ...]
    sides: tuple[str | None, ...]  # the sides recorded, in order
    sides_done: tuple[str | None, ...]  # those completed (not skipped)
    done_at: datetime  # when its last recorded side ended
    completed: bool  # a working set: every side done, none skipped

    @property
    def partial(self) -> bool:
        """A side was done, yet it is not a working set (another side skipped or missing)."""
        return not self.completed and bool(self.sides_done)


def _completed(rows: list[SetRecord]) -> bool:
    if any(r.skipped for r in rows):
        return False
    sides = {r.side for r in rows}
    if sides == {None}:
        return True
    return sides >= EACH_SIDES


def set_groups(sets: Iterable[SetRecord],
               chain_of: Mapping[int, int] | None = None) -> list[SetGroup]:
    """The set rows grouped into sets, in the order their last side ended.

    ``chain_of`` maps a run id to its chain id (a run missing from it is
    its own chain).
    """
    chains = chain_of or {}
    grouped: dict[tuple[int, int, int], list[SetRecord]] = {}
    for row in sets:
        key = (chains.get(row.run_id, row.run_id), row.step_index, row.set_no)
        grouped.setdefault(key, []).append(row)
    groups = []
    for (chain, step, set_no), rows in grouped.items():
        last = max(rows, key=lambda r: (r.done_at, r.id))
        groups.append(SetGroup(
            chain_id=chain, run_id=last.run_id, step_index=step, set_no=set_no,
            exercise=last.exercise, function=last.function,
            sides=tuple(r.side for r in rows),
            sides_done=tuple(r.side for r in rows if not r.skipped), done_at=last.done_at,
            completed=_completed(rows)))
    groups.sort(key=lambda g: g.done_at)
    return groups


# The last grouping made: the history table groups the same data four times
# (summaries, weekly figures twice, streak), a third of a second each on five years.
_last: tuple[HistoryData, tuple[SetGroup, ...]] | None = None


def data_groups(data: HistoryData) -> list[SetGroup]:
    """The sets of ``data``, grouped per session (resume chain); the same data once."""
    global _last
    if _last is None or _last[0] is not data:
        _last = (data, tuple(set_groups(data.sets, {run.id: run.chain_id for run in data.runs})))
    return list(_last[1])
