"""``log: {pain: true}``: the session (defaults) or an exercise asks for pain after each set."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_schema import schema_errors

from hamstring_coach.cli import main
from hamstring_coach.format import load_session
from hamstring_coach.format.errors import SessionFileError
from hamstring_coach.plan.compiler import compile_session

REHAB = """\
name: Rehab
defaults: {rest: 20, log: {pain: true}}
steps:
  - exercise: Isometric bridge
    hold: 20
    sets: 2
  - exercise: Nordic curl
    reps: 3
    log: {pain: false}
"""


def steps(tmp_path: Path, text: str) -> list[tuple[str, bool]]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    timeline = compile_session(load_session(path))
    return sorted({(p.exercise.name, p.exercise.log_pain) for p in timeline.phases
                   if p.exercise is not None and p.position.set_no})


def test_defaults_ask_and_an_exercise_can_say_no(tmp_path: Path) -> None:
    assert steps(tmp_path, REHAB) == [("Isometric bridge", True), ("Nordic curl", False)]
    assert schema_errors(REHAB) == []


def test_without_the_key_nothing_asks_for_pain(tmp_path: Path) -> None:
    text = REHAB.replace(", log: {pain: true}", "").replace("    log: {pain: false}\n", "")
    assert steps(tmp_path, text) == [("Isometric bridge", False), ("Nordic curl", False)]


def test_an_exercise_alone_may_ask(tmp_path: Path) -> None:
    text = REHAB.replace(", log: {pain: true}", "").replace("{pain: false}", "{pain: true}")
    assert steps(tmp_path, text) == [("Isometric bridge", False), ("Nordic curl", True)]


@pytest.mark.parametrize(("old", "new", "where", "message"), [
    ("{pain: false}", "{pain: maybe}", "steps[1].log.pain", "expected true or false"),
    ("{pain: false}", "{pian: true}", "steps[1].log.pian", 'did you mean "pain"'),
    ("{pain: false}", "yes", "steps[1].log", "expected a mapping such as {pain: true}"),
    ("log: {pain: true}", "log: [pain]", "defaults.log", "expected a mapping"),
])
def test_bad_log_keys_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  old: str, new: str, where: str, message: str) -> None:
    text = REHAB.replace(old, new)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SessionFileError):
        load_session(path)
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr()
    line = next(n for n, row in enumerate(text.splitlines(), 1) if new in row)
    assert f"{path}:{line}:" in out.out + out.err and where in out.out + out.err
    assert message in out.out + out.err
    assert schema_errors(text) != []
