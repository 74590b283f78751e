"""Resuming after the session file changed (issue 16, item 4).

A change after the point where the run stopped leaves what was done where it
was: the run is resumed on the file as it is now. A change before it (a set
more, an exercise in front) is refused, saying so and how to dismiss the run;
``run --dismiss`` then forgets it. Real files, the real recorder and SQLite.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from history_support import feed

from hamstring_coach.cli import main
from hamstring_coach.history import last_unfinished, open_recorder
from hamstring_coach.history.recorder import set_layout
from hamstring_coach.history.resume import resume_request
from hamstring_coach.plan.timeline import PhaseKind
from hamstring_coach.run.library import compile_file
from hamstring_coach.run.ports import RunStatus

SESSION = """\
name: Two moves
defaults: {prepare: 5, rest: 10}
steps:
  - exercise: Heel press
    hold: 20
    sets: 2
  - exercise: Bridge
    hold: 15
    sets: 3
"""


@pytest.fixture
def stopped(tmp_path: Path) -> Path:
    """The session run (real recorder) and quit in the rest after the bridge's set 1."""
    path = tmp_path / "two.yaml"
    path.write_text(SESSION, encoding="utf-8")
    tl = compile_file(path, sid="two")
    bridge_set_2 = set_layout(tl).first[3]  # heel press 1, 2; bridge 1, 2
    recorder = open_recorder(tl, session_spec=str(path))
    feed(recorder, tl, stop=bridge_set_2 - 1)  # up to the rest before it
    recorder.close(status=RunStatus.QUIT)
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(("old", "new"), [
    ("    hold: 15\n    sets: 3\n", "    hold: 25\n    sets: 4\n"),  # the bridge's later sets
    ("    sets: 3\n", "    sets: 3\n  - exercise: Curl\n    hold: 10\n"),  # one more at the end
])
def test_a_change_after_the_resume_point_still_resumes(stopped: Path, old: str,
                                                       new: str) -> None:
    edit(stopped, old, new)
    point = last_unfinished()
    assert point is not None and point.file_changed
    request, message = resume_request()
    assert message is None and request is not None
    phase = request.timeline.phases[request.start_index]
    assert phase.kind is PhaseKind.HOLD and phase.exercise is not None
    assert (phase.exercise.name, phase.position.set_no) == ("Bridge", 2)
    assert request.timeline.session.sha256 != point.sha256  # the file as it is now
    assert request.resumed_from == point.run_id


@pytest.mark.parametrize(("old", "new"), [
    ("    hold: 20\n    sets: 2\n", "    hold: 20\n    sets: 3\n"),  # a heel press set more
    ("steps:\n", "steps:\n  - exercise: Warm-up\n    hold: 30\n"),  # a move in front
    ("exercise: Heel press", "exercise: Heel slide"),  # another exercise done
])
def test_a_change_before_it_is_refused_and_the_run_can_be_dismissed(
        stopped: Path, old: str, new: str, capsys: pytest.CaptureFixture[str]) -> None:
    edit(stopped, old, new)
    request, message = resume_request()
    assert request is None and message is not None
    assert message.startswith(f"Cannot resume Two moves: {stopped} changed before the point "
                              "where the run stopped")
    assert message.endswith("forget that run with: hamstring-coach run --dismiss")
    assert main(["run", "--dismiss"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dismissed Two moves (quit ")
    assert "3 of 5 sets): no longer offered for resuming." in out
    assert last_unfinished() is None
    assert main(["run", "--dismiss"]) == 0
    assert "Nothing to dismiss" in capsys.readouterr().out
