"""What ``--voice`` says (run/speech.py), over a real session file compiled by the plan."""

from __future__ import annotations

from pathlib import Path

from tui_support import write_session

from hamstring_coach.engine.events import Finished, PhaseStarted, SoundDue
from hamstring_coach.format import load_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Sound
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
        None, None, None, None, None, None,  # tempo phases: their tones, not words
    ]
    assert speech_for(Finished(timeline.total, timeline.total)) == "Session complete"
    assert speech_for(SoundDue(Sound.TICK, 1, 0.0, 0.0)) is None
