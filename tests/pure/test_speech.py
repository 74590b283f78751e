"""What ``--voice`` says (run/speech.py), over real session files compiled by the plan."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tui_support import START, RecordingPlayer, RecordingRecorder, write_session

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.events import Finished, PhaseStarted, SoundDue
from hamstring_coach.engine.machine import Engine
from hamstring_coach.format import load_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Sound, Timeline
from hamstring_coach.run.session_run import SessionRun
from hamstring_coach.run.speech import speech_for


def test_every_phase_start_says_its_name_and_the_end_says_session_complete(
        tmp_path: Path) -> None:
    timeline = compile_session(load_session(write_session(tmp_path)))
    said = [speech_for(PhaseStarted(p, p.start, p.start)) for p in timeline.phases]
    assert said == [
        "Lie face down on a mat",  # a cue says its own text
        "Heel press. Get ready", "Hold", "Switch sides", "Hold", "Rest",
        "Hold", "Switch sides", "Hold",
        "Slow curl. Get ready",
        "2 reps", None, None,  # the set's first rep says the set, then the tones
        None, None, None,
    ]
    assert speech_for(Finished(timeline.total, timeline.total)) == "Session complete"
    assert speech_for(SoundDue(Sound.TICK, 1, 0.0, 0.0)) is None


def _timeline(folder: Path, text: str) -> Timeline:
    path = folder / "sets.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return compile_session(load_session(path))


def _said_at_starts(timeline: Timeline) -> list[str]:
    words = (speech_for(PhaseStarted(p, p.start, p.start)) for p in timeline.phases)
    return [w for w in words if w is not None]


def test_each_set_of_reps_is_announced_as_it_begins(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path, """\
        name: Sets
        defaults: {prepare: 2, rest: 3, side_switch: 2}
        steps:
          - {exercise: Curl, reps: 8, sets: 3, tempo: 1-0-1-0}
          - {exercise: Bridge, reps: 5, sets: 2, sides: each, tempo: 1-0-1-0}
          - {exercise: Nordic, reps: "6-10", sets: 2}
        """)
    assert _said_at_starts(timeline) == [
        "Curl. Get ready",
        "Set 1 of 3: 8 reps", "Rest", "Set 2 of 3: 8 reps", "Rest", "Set 3 of 3: 8 reps",
        "Bridge. Get ready",
        "Set 1 of 2: 5 reps, left side", "Switch sides", "Set 1 of 2: 5 reps, right side",
        "Rest",
        "Set 2 of 2: 5 reps, left side", "Switch sides", "Set 2 of 2: 5 reps, right side",
        "Nordic. Get ready",  # self-paced sets of a range, at its target
        "Set 1 of 2: 6 reps", "Rest", "Set 2 of 2: 6 reps",
    ]


def test_a_superset_announces_its_rounds(tmp_path: Path) -> None:
    timeline = _timeline(tmp_path, """\
        name: Pair
        steps:
          - superset:
              rounds: 2
              rest: 5
              between: 3
              exercises:
                - {exercise: Curl, reps: 4, tempo: 1-0-1-0, prepare: 2}
                - {exercise: Bridge, reps: 1}
        """)
    assert _said_at_starts(timeline) == [
        "Curl. Get ready", "Round 1 of 2: 4 reps", "Next: Bridge", "Round 1 of 2: 1 rep",
        "Rest", "Round 2 of 2: 4 reps", "Next: Bridge", "Round 2 of 2: 1 rep"]


def test_the_run_says_half_way_when_the_halfway_sound_is_due(tmp_path: Path) -> None:
    """The run hands the half-way words to the player beside the sound (and late, neither)."""
    timeline = _timeline(tmp_path, "name: H\nsteps:\n  - {exercise: Hold, hold: 40, "
                                   "prepare: 0, sets: 2, rest: 5}\n")
    clock = FakeClock(START)
    player = RecordingPlayer()
    run = SessionRun(Engine(timeline, clock), clock=clock, player=player,
                     recorder=RecordingRecorder())
    run.advance()
    clock.advance(20.1)
    run.advance()
    assert player.said == ["Hold", "Half way"]
    assert player.played == [Sound.GO, Sound.HALFWAY]
    for step in (19.9, 5.0, 20.5):  # the rest, set 2, and set 2's half-way 0.5 s ago
        clock.advance(step)
        run.advance()
    assert player.said == ["Hold", "Half way", "Rest", "Hold"]  # too late to say it now
    assert player.played.count(Sound.HALFWAY) == 1


def test_the_voice_says_half_way_at_the_halfway_sound(tmp_path: Path) -> None:
    (hold,) = _timeline(tmp_path, "name: V\nsteps:\n  - {exercise: Hold, hold: 40, "
                                  "prepare: 0}\n").phases
    (cue,) = [c for c in hold.sounds if c.sound is Sound.HALFWAY]
    assert speech_for(SoundDue(Sound.HALFWAY, hold.index, cue.offset, cue.offset)) == "Half way"
    assert speech_for(SoundDue(Sound.TICK, hold.index, 39.0, 39.0)) is None
