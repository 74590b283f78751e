"""Resume: which run is offered, from which phase, and only once."""

from __future__ import annotations

from pathlib import Path

from history_support import SESSION_WORKING_SETS, events, feed, timeline, write_session

from hamstring_coach.history import last_unfinished, mark_resumed, open_recorder
from hamstring_coach.history.recorder import set_layout
from hamstring_coach.history.stats import read
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.ports import RunStatus


def interrupted(tl: Timeline, stop: int, status: RunStatus | None = RunStatus.QUIT) -> int:
    """A run stopped before phase ``stop``: quit/crashed, or killed (status None)."""
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl, stop=stop)
    if status is not None:
        rec.close(status=status)
    else:  # as left by a killed process: still 'running', its pid gone
        import sqlite3

        from hamstring_coach.system.paths import history_file
        conn = sqlite3.connect(history_file())
        conn.execute("UPDATE runs SET pid = 999999999 WHERE id = ?", (rec.run_id,))
        conn.commit()
        conn.close()
    assert rec.run_id is not None
    return rec.run_id


def test_a_quit_run_is_offered_from_the_start_of_its_interrupted_set(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    third = set_layout(tl).first[2]
    run_id = interrupted(tl, stop=third + 4)
    point = last_unfinished()
    assert point is not None
    assert (point.run_id, point.phase_index, point.status) == (run_id, third, "quit")
    # the bridge's set 1, left and right: one set
    assert (point.sets_done, point.planned_sets) == (1, SESSION_WORKING_SETS)
    assert point.session_spec == "strength" and point.source == tl.session.source
    assert point.session_name == "Strength" and point.sha256 == tl.session.sha256
    assert not point.file_changed and not point.file_missing
    assert point.phase_count == len(tl.phases)


def test_a_killed_run_is_offered(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    interrupted(tl, stop=set_layout(tl).first[1] + 2, status=None)
    point = last_unfinished()
    assert point is not None and point.status == "killed"
    assert point.phase_index == set_layout(tl).first[1]


def test_a_run_going_on_in_a_live_process_is_not_offered(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl, stop=set_layout(tl).first[2])
    assert last_unfinished() is None  # this process is alive: it is running, not stopped
    rec.close(status=RunStatus.QUIT)
    assert last_unfinished() is not None


def test_finished_or_empty_runs_are_not_offered(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    assert last_unfinished() is None  # no history at all
    interrupted(tl, stop=set_layout(tl).first[0] + 1)  # quit in the first set: nothing done
    assert last_unfinished() is None
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl)
    rec.close(status=RunStatus.FINISHED)
    assert last_unfinished() is None


def test_a_later_run_supersedes_an_unfinished_one(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    interrupted(tl, stop=set_layout(tl).first[3])
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl)
    rec.close(status=RunStatus.FINISHED)
    assert last_unfinished() is None


def test_resuming_continues_the_chain_and_is_offered_once(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    first = set_layout(tl).first
    interrupted(tl, stop=first[2] + 1, status=RunStatus.CRASHED)
    point = last_unfinished()
    assert point is not None and point.phase_index == first[2]
    rec = open_recorder(tl, session_spec=point.session_spec, resumed_from=point.run_id)
    assert last_unfinished() is None  # marked resumed in the same transaction (and running)
    for event in events(tl, start=point.phase_index, stop=first[5] + 1):
        rec.record(event)
    rec.close(status=RunStatus.QUIT)
    again = last_unfinished()
    assert again is not None and again.run_id == rec.run_id
    assert again.phase_index == first[5]  # the second run continues where it stopped
    # bridge sets 1 and 2 (both sides each), deadlift set 1
    assert (again.sets_done, again.planned_sets) == (3, SESSION_WORKING_SETS)
    data, _ = read()
    second = data.runs[-1]
    assert second.resumed_from == point.run_id and second.chain_id == point.run_id
    assert second.start_phase == first[2] and second.planned_sets == SESSION_WORKING_SETS - 1
    assert mark_resumed(again.run_id) is None  # the user dismisses the offer
    assert last_unfinished() is None


def test_a_changed_or_missing_file_is_flagged(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    interrupted(tl, stop=set_layout(tl).first[3])
    assert tl.session.source is not None
    tl.session.source.write_text("name: strength\nsteps: [] # edited since\n")
    point = last_unfinished()
    assert point is not None and point.file_changed and not point.file_missing
    tl.session.source.unlink()
    point = last_unfinished()
    assert point is not None and point.file_missing and not point.file_changed


def test_a_session_without_a_file_is_offered_unflagged(tmp_path: Path) -> None:
    session = write_session(tmp_path)
    from dataclasses import replace

    tl = compile_session(replace(session, source=None, sha256=""))
    interrupted(tl, stop=set_layout(tl).first[2])
    point = last_unfinished()
    assert point is not None and point.source is None
    assert not point.file_changed and not point.file_missing
