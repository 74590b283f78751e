"""SessionRun: engine events reach the player, the recorder, the --events log and the summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tui_support import START, RecordingPlayer, RecordingRecorder, write_session

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.events import Finished, PhaseStarted, SoundDue
from hamstring_coach.engine.machine import Engine
from hamstring_coach.format import load_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Sound, Timeline
from hamstring_coach.run.eventlog import EventLog, read_events
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.run.session_run import DeferredRecorder, SessionRun


@pytest.fixture
def timeline(tmp_path: Path) -> Timeline:
    return compile_session(load_session(write_session(tmp_path)))


def make_run(timeline: Timeline, *, speed: float = 1.0, log: EventLog | None = None,
             start_index: int = 1) -> tuple[SessionRun, FakeClock, RecordingPlayer,
                                            RecordingRecorder]:
    clock = FakeClock(START)
    player = RecordingPlayer()
    recorder = RecordingRecorder()
    run = SessionRun(Engine(timeline, clock, start_index=start_index), clock=clock,
                     player=player, recorder=recorder, event_log=log, speed=speed)
    return run, clock, player, recorder


def test_sounds_on_time_are_played_and_late_ones_dropped(timeline: Timeline) -> None:
    run, clock, player, _ = make_run(timeline)
    run.advance()  # prepare starts: no sound at 0
    clock.advance(2.1)  # first tick due at 2.0: 0.1 s late, played
    run.advance()
    assert player.played == [Sound.TICK]
    clock.advance(1.5)  # tick at 3.0 is 0.6 s late: dropped, not played late
    run.advance()
    assert player.played == [Sound.TICK]


def test_staleness_is_measured_in_real_seconds_under_speed(timeline: Timeline) -> None:
    run, clock, player, _ = make_run(timeline, speed=20.0)
    run.advance()
    clock.advance(2.0 + 20 * 0.2)  # 4 clock seconds late = 0.2 real seconds: still fresh
    events = run.advance()
    due = [e for e in events if isinstance(e, SoundDue)]
    assert due and player.played[0] == Sound.TICK


def test_every_event_goes_to_the_recorder_and_the_log(timeline: Timeline,
                                                      tmp_path: Path) -> None:
    log = EventLog(tmp_path / "events.jsonl", monotonic=lambda: 42.5)
    run, clock, _, recorder = make_run(timeline, log=log)
    seen = run.advance()
    clock.advance(6.0)
    seen += run.advance()
    lines = read_events(tmp_path / "events.jsonl")
    assert len(lines) == len(seen) == len(recorder.events)
    assert recorder.events == seen
    first = lines[0]
    assert first["event"] == "PhaseStarted"
    assert first["phase"] == {"index": 1, "kind": "prepare", "label": "Get ready"}
    assert first["at"] == first["scheduled"] == START
    assert first["monotonic"] == 42.5
    starts = [line for line in lines if line["event"] == "PhaseStarted"]
    assert [s["scheduled"] for s in starts] == [START, START + 5.0]
    # Each line is a whole JSON document (flushed line by line).
    raw = (tmp_path / "events.jsonl").read_text().splitlines()
    assert all(json.loads(line) for line in raw)


def test_finishing_closes_the_recorder_and_the_log_once(timeline: Timeline,
                                                       tmp_path: Path) -> None:
    log = EventLog(tmp_path / "events.jsonl")
    run, clock, _, recorder = make_run(timeline, log=log, start_index=15)
    run.advance()
    clock.advance(1.0)
    events = run.advance()
    assert isinstance(events[-1], Finished)
    assert run.finished and recorder.status == "finished"
    run.close(RunStatus.QUIT)  # a later quit does not overwrite "finished"
    assert recorder.status == "finished"
    assert read_events(tmp_path / "events.jsonl")[-1]["event"] == "Finished"


def test_the_voice_says_session_complete_at_the_end(timeline: Timeline) -> None:
    run, clock, player, _ = make_run(timeline, start_index=15)  # the last lift
    run.advance()
    clock.advance(1.0)
    run.advance()
    assert run.finished and player.said[-1] == "Session complete"


def test_summary_counts_sets_done_and_skipped(timeline: Timeline) -> None:
    run, clock, _, _ = make_run(timeline)
    run.advance()
    clock.advance(50.0)  # prepare, set 1 (both sides) done; into the rest
    run.advance()
    run.engine.skip_exercise()  # set 2 of Heel press skipped
    run.advance()
    clock.advance(15.0)  # the curl's prepare and both reps
    run.advance()
    summary = run.summary()
    assert summary.finished
    heel, curl = summary.exercises
    assert (heel.name, heel.done, heel.skipped, heel.planned) == ("Heel press", 1, 1, 2)
    assert (curl.name, curl.done, curl.skipped) == ("Slow curl", 1, 0)
    assert summary.skipped_time == pytest.approx(10.0 + 20 + 5 + 20)
    assert summary.total_time == pytest.approx(65.0)


def test_a_set_with_a_skipped_side_is_not_done(timeline: Timeline) -> None:
    run, clock, _, _ = make_run(timeline)
    run.advance()
    clock.advance(30.0)  # prepare 5, left 20, switch 5: the right side starts
    run.advance()
    run.engine.skip_phase()
    run.advance()
    heel = run.summary().exercises[0]
    assert heel.done == 0


def test_voice_says_each_new_phase_but_not_every_tempo_beat(timeline: Timeline) -> None:
    run, clock, player, _ = make_run(timeline, start_index=9)
    run.advance()
    clock.advance(6.0)
    events = run.advance()
    assert [e.phase.index for e in events if isinstance(e, PhaseStarted)] == [10]  # Lower
    assert player.said == ["Slow curl. Get ready"]


def test_a_deferred_recorder_hands_over_early_events_in_order(timeline: Timeline) -> None:
    real = RecordingRecorder()
    opened: list[int] = []

    def factory() -> RecordingRecorder:
        opened.append(1)
        return real

    deferred = DeferredRecorder(factory)
    run, clock, _, _ = make_run(timeline)
    run.recorder = deferred
    early = run.advance()
    assert real.events == [] and not opened
    deferred.open()
    clock.advance(6.0)
    late = run.advance()
    assert real.events == early + late
    deferred.open()
    assert opened == [1]


def test_a_deferred_recorder_closed_before_opening_still_records_the_run() -> None:
    real = RecordingRecorder(saved=False, warning="History not saved: disk full")
    deferred = DeferredRecorder(lambda: real)
    assert deferred.saved and deferred.warning is None
    deferred.close(status=RunStatus.QUIT)
    assert real.status == "quit"
    assert not deferred.saved
    assert deferred.warning == "History not saved: disk full"
