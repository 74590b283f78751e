"""``break --popup``'s command line and how it reads the popup's run afterwards."""

from __future__ import annotations

import shlex
from pathlib import Path

from hamstring_coach.tui.popup import popup_argv, sets_completed


def test_the_popup_runs_the_session_quoted_with_the_users_folders(tmp_path: Path) -> None:
    spec = str(tmp_path / "my break; rm -rf ~.yaml")
    argv = popup_argv(spec, tmp_path / "ev.jsonl", sound=False,
                      environ={"HAMSTRING_COACH_DATA_DIR": "/d", "HOME": "/h", "SECRET": "x"})
    assert argv[:3] == ["tmux", "display-popup", "-E"]
    assert argv[argv.index("-e"):argv.index("-e") + 2] == ["-e", "HAMSTRING_COACH_DATA_DIR=/d"]
    assert "SECRET=x" not in " ".join(argv)
    run = shlex.split(argv[-1])
    assert run[-5:] == ["run", spec, "--events", str(tmp_path / "ev.jsonl"), "--no-sound"]


def test_a_set_completed_counts_a_skip_or_nothing_does_not(tmp_path: Path) -> None:
    events = tmp_path / "ev.jsonl"
    assert sets_completed(events) is None  # never written: the popup did not open
    events.write_text('{"event": "SetEnded", "skipped": true}\nnot json\n')
    assert sets_completed(events) is False
    events.write_text('{"event": "PhaseStarted"}\n{"event": "SetEnded", "skipped": false}\n')
    assert sets_completed(events) is True
