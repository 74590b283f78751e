"""Drive a real session headless: the real plan, the real Engine on a sped-up clock,
and a real Player, routed the way the app routes engine events (sounds more
than 0.25 s late are not played). Used by the audio tests and runnable as a
script (``python tests/audio_session.py SESSION.yaml SPEED [BACKEND]``) so the
Python 3.12 test can run it inside a fresh virtual environment.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from hamstring_coach.audio import open_player
from hamstring_coach.engine.clock import ScaledClock
from hamstring_coach.engine.events import Finished, SoundDue
from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.format import load_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Sound, Timeline
from hamstring_coach.run.ports import Player

SESSION = """\
name: Audio check
defaults: {prepare: 2, rest: 3, side_switch: 2, countdown: 2}
steps:
  - exercise: Heel press
    hold: 4
    sides: each
  - exercise: Slow curls
    reps: 2
    tempo: "3-1-1-0"
  - rest: 3
"""


@dataclass
class Run:
    """What a headless run did."""

    seconds: float  # real time from start to Finished
    scheduled: float  # the timeline's length at this speed
    sounds: list[Sound] = field(default_factory=list)  # handed to the player, in order


def write_session(folder: Path) -> Path:
    """The test session as a file."""
    path = folder / "audio-check.yaml"
    path.write_text(SESSION)
    return path


def timeline_of(path: Path) -> Timeline:
    """Load and compile a session file."""
    return compile_session(load_session(path))


def drive(timeline: Timeline, player: Player, speed: float) -> Run:
    """Run ``timeline`` to its end at ``speed``, playing each due sound."""
    clock = ScaledClock(speed)
    engine = Engine(timeline, clock)
    start = time.monotonic()
    run = Run(0.0, timeline.total / speed)
    while True:
        for event in engine.advance():
            if isinstance(event, SoundDue) and (event.at - event.scheduled) / speed <= 0.25:
                player.play(event.sound)
                run.sounds.append(event.sound)
            elif isinstance(event, Finished):
                run.seconds = time.monotonic() - start
                return run
        if engine.state is EngineState.WAITING:
            engine.continue_()
        time.sleep(0.002)


def main(argv: list[str]) -> int:
    """Run a session file headless with sound; print what happened."""
    path, speed = Path(argv[0]), float(argv[1])
    backend = argv[2] if len(argv) > 2 else None
    player = open_player(backend=backend)
    try:
        run = drive(timeline_of(path), player, speed)
        time.sleep(0.5)  # let the last sound reach the device
        print(f"finished in {run.seconds:.2f} s (scheduled {run.scheduled:.2f} s); "
              f"{len(run.sounds)} sounds; backend {getattr(player, 'backend', '?')}; "
              f"warning {player.warning}")
    finally:
        player.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
