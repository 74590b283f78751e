"""Shared pieces of the set log tests: a session with sets to log, an app on the history."""

from __future__ import annotations

from pathlib import Path

from tui_support import Rig, rig

# Phases: 0 prepare 5, 1-2 RDL set 1 (lower 2, lift 1) x 2 reps = 6 s, rest 30,
# set 2 6 s, rest 30, set 3 6 s; prepare 5; Nordic set 1 (self-paced wait), rest 20,
# set 2 (wait).
LOG_SESSION = """\
name: Log test
description: Sets to log.
defaults: {prepare: 5, rest: 30, side_switch: 5}
steps:
  - exercise: Romanian deadlift
    sets: 3
    reps: 2
    tempo: "2-0-1-0"
    load: 40 kg
  - exercise: Nordic curl
    sets: 2
    reps: 5
    rest: 20
    log: {pain: true}
"""
FIRST_REST = 5 + 6  # the clock time into the session when the first rest starts


def history_rig(session_file: str, events: Path) -> Rig:
    """The app on a fake clock, recording into the real history (the default recorder)."""
    return rig(session_file, history=True, events_path=events)
