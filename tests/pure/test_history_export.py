"""CSV and JSON exports read back to the same data (from a real history file)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from history_support import WallClock, events, write_session

from hamstring_coach.cli import main
from hamstring_coach.history import open_recorder, record_break
from hamstring_coach.history.export import read_csv, read_json, to_csv, to_json
from hamstring_coach.history.recorder import set_layout
from hamstring_coach.history.records import HistoryData
from hamstring_coach.history.stats import read
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.paths import history_file

EAST = timezone(timedelta(hours=5, minutes=30))
WEST = timezone(timedelta(hours=-7))


def canonical(records: tuple[object, ...]) -> list[tuple[object, ...]]:
    """Records with times as ISO text: equal only when the instant AND the offset are."""
    def value(v: object) -> object:
        return v.isoformat() if isinstance(v, datetime) else v
    return [tuple(value(getattr(r, f.name)) for f in dataclasses.fields(r))  # type: ignore[arg-type]
            for r in records]


@pytest.fixture
def history(tmp_path: Path) -> HistoryData:
    """A varied history: awkward text, a skipped set, a killed run resumed, breaks."""
    session = write_session(tmp_path)
    steps = list(session.steps)
    steps[0] = dataclasses.replace(steps[0], name='Bridge, "single-leg"\nslow',
                                   load="20 kg, 2×10")
    tl = compile_session(dataclasses.replace(session, steps=tuple(steps),
                                             name="Strength; évening"))
    first = set_layout(tl).first
    rec = open_recorder(tl, session_spec="my sessions/strength.yaml",
                        wall_clock=WallClock(datetime(2024, 4, 2, 18, 0, 0, 123456, EAST)))
    for event in events(tl, skip_sets=frozenset({first[1]})):
        rec.record(event)
    rec.close(status=RunStatus.FINISHED)
    killed = open_recorder(tl, session_spec="strength",
                           wall_clock=WallClock(datetime(2024, 4, 3, 7, 0, tzinfo=WEST)))
    for event in events(tl, stop=first[3] + 1):
        killed.record(event)
    conn = sqlite3.connect(history_file())  # as left by a killed process
    conn.execute("UPDATE runs SET pid = 999999999 WHERE id = ?", (killed.run_id,))
    conn.commit()
    conn.close()
    resumed = open_recorder(tl, session_spec="strength", resumed_from=killed.run_id,
                            wall_clock=WallClock(datetime(2024, 4, 3, 8, 0, tzinfo=WEST)))
    for event in events(tl, start=first[3]):
        resumed.record(event)
    resumed.close(status=RunStatus.FINISHED)
    assert record_break("taken", datetime(2024, 4, 2, 11, 0, tzinfo=EAST),
                        session_id="desk-break") is None
    assert record_break("away", datetime(2024, 4, 3, 9, 0, tzinfo=WEST)) is None
    data, _ = read()
    assert len(data.runs) == 3 and len(data.breaks) == 2
    assert any(s.skipped for s in data.sets) and any(s.side is None for s in data.sets)
    return data


def test_json_reads_back_to_the_same_data(history: HistoryData) -> None:
    back = read_json(to_json(history))
    for table in ("runs", "sets", "breaks"):
        assert canonical(getattr(back, table)) == canonical(getattr(history, table))


@pytest.mark.parametrize("table", ["runs", "sets", "breaks"])
def test_csv_reads_back_to_the_same_data(history: HistoryData, table: str) -> None:
    assert canonical(read_csv(to_csv(history, table), table)) == canonical(
        getattr(history, table))


def test_the_command_exports_read_back(history: HistoryData,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history", "--format", "json"]) == 0
    back = read_json(capsys.readouterr().out)
    assert canonical(back.sets) == canonical(history.sets)
    assert [r["shown_status"] for r in json.loads(to_json(history))["runs"]] == [
        "finished", "killed", "finished"]
    for table in ("runs", "sets", "breaks"):
        assert main(["history", "--format", "csv", "--table", table]) == 0
        out = capsys.readouterr().out
        assert canonical(read_csv(out, table)) == canonical(getattr(history, table))
    assert main(["history", "--format", "csv"]) == 0  # sets by default, with the session name
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith("id,run_id,step_index,exercise,") and header.endswith(
        ",session_name")


def test_the_export_keeps_local_offsets(history: HistoryData) -> None:
    text = to_json(history)
    assert '"started_at": "2024-04-02T18:00:00.123456+05:30"' in text
    assert '"started_at": "2024-04-03T07:00:00.000000-07:00"' in text


def test_bad_exports_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        read_json("{")
    with pytest.raises(ValueError, match="not a hamstring-coach history export"):
        read_json('{"runs": []}')
    with pytest.raises(ValueError, match="line 2: at: time without a UTC offset"):
        read_csv("id,kind,at,session_id\n1,taken,2024-04-02T10:00:00,\n", "breaks")
