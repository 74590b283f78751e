"""The hand-computed weekly example (see tests/pure/test_history_stats.py's docstring):
five runs across a daylight-saving change and a change of time zone, recorded by the
real recorder into a real SQLite file. Shared by the pure and the snapshot tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from history_support import timeline

from hamstring_coach.engine.events import SetEnded
from hamstring_coach.history import open_recorder, record_break

CET = timezone(timedelta(hours=1))  # also London summer time (BST)
CEST = timezone(timedelta(hours=2))
KF, HE = "knee-flexion", "hip-extension"


def at(day: int, month: int, hour: int, minute: int, zone: timezone) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=zone)


RUNS: list[tuple[datetime, list[tuple[datetime, tuple[str, ...], bool]], datetime, str]] = [
    (at(31, 3, 1, 30, CET), [(at(31, 3, 1, 35, CET), (KF, HE), False),
                             (at(31, 3, 1, 40, CET), (KF, HE), False),
                             (at(31, 3, 1, 45, CET), (HE,), True)],
     at(31, 3, 1, 50, CET), "finished"),
    (at(31, 3, 23, 20, CEST), [(at(31, 3, 23, 30, CEST), (HE,), False),
                               (at(1, 4, 0, 30, CEST), (HE,), False),
                               (at(1, 4, 0, 40, CEST), ("stretch",), False)],
     at(1, 4, 0, 45, CEST), "quit"),
    (at(7, 4, 23, 0, CET), [(at(7, 4, 23, 30, CET), (KF,), False)],
     at(7, 4, 23, 40, CET), "finished"),
    (at(8, 4, 0, 20, CEST), [(at(8, 4, 0, 30, CEST), (KF,), False),
                             (at(8, 4, 0, 35, CEST), ("activation",), False)],
     at(8, 4, 0, 50, CEST), "finished"),
    (at(8, 4, 8, 0, CEST), [(at(8, 4, 8, 5, CEST), ("stretch",), False)],
     at(8, 4, 8, 10, CEST), "finished"),
]


class Script:
    """A wall clock that gives the scripted times in order."""

    def __init__(self, times: list[datetime]) -> None:
        self.times: Iterator[datetime] = iter(times)

    def __call__(self) -> datetime:
        return next(self.times)


@pytest.fixture
def example(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    for start, sets, end, status in RUNS:
        rec = open_recorder(tl, session_spec="strength",
                            wall_clock=Script([start, *(s[0] for s in sets), end]))
        for n, (_, functions, skipped) in enumerate(sets, start=1):
            rec.record(SetEnded(step_index=0, exercise="x", exercise_id=None,
                                function=functions, set_no=n, set_count=len(sets), side=None,
                                reps=None if skipped else 5, seconds=30.0, load=None,
                                skipped=skipped, at=float(n)))
        rec.close(status=status)
        assert rec.saved
    assert record_break("taken", at(31, 3, 23, 59, CEST)) is None
    assert record_break("taken", at(8, 4, 7, 0, CEST)) is None
    assert record_break("snoozed", at(8, 4, 7, 30, CEST)) is None


NOW = at(8, 4, 9, 0, CEST)
