"""The morning-after check: asked once, the first start on a later day, stored with the run."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from history_support import WallClock, feed
from test_format_log import REHAB

from hamstring_coach.cli import main
from hamstring_coach.commands import morning
from hamstring_coach.format import load_session
from hamstring_coach.history import open_recorder
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.system.paths import history_file

PARIS = timezone(timedelta(hours=1))
EVENING = datetime(2026, 11, 30, 19, 0, tzinfo=PARIS)


def record_run(tmp_path: Path, text: str, at: datetime, status: str = "finished") -> None:
    path = tmp_path / "rehab.yaml"
    path.write_text(text, encoding="utf-8")
    timeline = compile_session(load_session(path))
    rec = open_recorder(timeline, session_spec="rehab", wall_clock=WallClock(at))
    feed(rec, timeline)
    rec.close(status=status)


class Asker:
    """Stands in for the terminal's input(): remembers the question, gives the answer."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.questions: list[str] = []

    def __call__(self, question: str) -> str:
        self.questions.append(question)
        return self.answer


def checkins() -> list[tuple[object, ...]]:
    conn = sqlite3.connect(history_file())
    try:
        return conn.execute("SELECT run_id, asked_at IS NOT NULL, pain FROM checkins "
                            "ORDER BY run_id").fetchall()
    finally:
        conn.close()


def test_the_next_day_asks_once_and_keeps_the_answer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record_run(tmp_path, REHAB, EVENING)
    assert checkins() == [(1, False, None)]
    same_day = Asker("5")
    morning.ask(read=same_day, now=EVENING + timedelta(hours=2), interactive=True)
    assert same_day.questions == []  # not on the same day
    ask = Asker("3")
    morning.ask(read=ask, now=EVENING + timedelta(hours=13), interactive=True)
    assert ask.questions == [
        "How does the hamstring feel after yesterday's Rehab? 0-10 (0 = no pain), Enter skips: "]
    assert "Noted: 3/10" in capsys.readouterr().out
    assert checkins() == [(1, True, 3)]
    again = Asker("4")
    morning.ask(read=again, now=EVENING + timedelta(days=2), interactive=True)
    assert again.questions == [] and checkins() == [(1, True, 3)]
    capsys.readouterr()
    assert main(["history", "--format", "json"]) == 0
    run = json.loads(capsys.readouterr().out)["runs"][0]
    assert run["checkin"]["pain"] == 3


def test_a_skip_or_a_bad_answer_is_not_asked_again(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    record_run(tmp_path, REHAB, EVENING - timedelta(days=3))
    record_run(tmp_path, REHAB, EVENING)
    ask = Asker("eleven")
    morning.ask(read=ask, now=EVENING + timedelta(days=3), interactive=True)
    assert "Monday's Rehab" in ask.questions[0]  # the latest run only
    assert "not 0-10: skipped" in capsys.readouterr().out
    assert checkins() == [(1, True, None), (2, True, None)]  # the older one closed too
    later = Asker("2")
    morning.ask(read=later, now=EVENING + timedelta(days=4), interactive=True)
    assert later.questions == []


def test_no_question_without_pain_logging_or_a_terminal(tmp_path: Path) -> None:
    record_run(tmp_path, REHAB.replace(", log: {pain: true}", "").replace(
        "    log: {pain: false}\n", ""), EVENING)
    assert checkins() == []
    record_run(tmp_path, REHAB, EVENING)
    ask = Asker("1")
    morning.ask(read=ask, now=EVENING + timedelta(days=1), interactive=False)
    assert ask.questions == [] and checkins() == [(2, False, None)]


def test_ctrl_d_skips(tmp_path: Path) -> None:
    record_run(tmp_path, REHAB, EVENING)

    def eof(question: str) -> str:
        raise EOFError

    morning.ask(read=eof, now=EVENING + timedelta(days=1), interactive=True)
    assert checkins() == [(1, True, None)]
