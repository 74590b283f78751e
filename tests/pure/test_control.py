"""The control socket's rules: private folder, one timer, validated requests, status lines."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from hamstring_coach.commands.status import render
from hamstring_coach.system.control import (
    MAX_LINE,
    AlreadyRunning,
    Claim,
    Command,
    ControlError,
    NotRunning,
    Request,
    parse_request,
    request,
    runtime_dir,
)


def test_requests_are_validated() -> None:
    assert parse_request(b'{"cmd": "snooze"}') == Request(Command.SNOOZE)
    assert parse_request(b'{"cmd": "pause", "seconds": 3600}') == Request(Command.PAUSE, 3600.0)
    for bad, why in [(b"\xff\xfe", "not a JSON line"), (b"[1]", "expected"),
                     (b'{"cmd": "rm -rf"}', "unknown command"),
                     (b'{"cmd": "start", "x": 1}', "unknown field"),
                     (b'{"cmd": "start", "seconds": 5}', "only pause"),
                     (b'{"cmd": "pause", "seconds": true}', "seconds from 1"),
                     (b'{"cmd": "pause", "seconds": 1e999}', "seconds from 1"),
                     (b'{"cmd": "pause", "seconds": -5}', "seconds from 1"),
                     (b'{"cmd": "pause"}', "seconds from 1"),
                     (b'{"cmd": "' + b"a" * MAX_LINE + b'"}', "too long")]:
        with pytest.raises(ValueError, match=why):
            parse_request(bad)


def test_the_folder_is_private_and_checked(isolated_runtime_dir: Path) -> None:
    with pytest.raises(NotRunning):
        runtime_dir(create=False)
    folder = runtime_dir(create=True)
    assert folder.stat().st_mode & 0o777 == 0o700
    folder.chmod(0o755)
    with pytest.raises(ControlError, match="not private"):
        runtime_dir(create=False)
    folder.chmod(0o700)


def test_one_timer_at_a_time_and_a_dead_ones_socket_is_replaced() -> None:
    with pytest.raises(NotRunning):
        request(Command.STATUS)
    first = Claim()
    assert first.path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(AlreadyRunning, match=f"pid {os.getpid()}"):
        Claim()
    first.release()
    # A socket file with no one behind it (a timer killed with -9): not running, then replaced.
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(str(first.path))
    dead.close()
    with pytest.raises(NotRunning):
        request(Command.STATUS)
    second = Claim()
    second.release()
    assert not second.path.exists()


def test_status_lines_carry_no_markup_or_controls() -> None:
    status = {"state": "waiting", "seconds": 725.2, "next_break": 726, "every": 2700,
              "session_name": "<b>#[fg=red]\x1b[2J</b>", "today": {"taken": 2}}
    assert render(status, "tmux") == "⏱ 13m"
    waybar = json.loads(render(status, "waybar"))
    assert waybar["text"] == "⏱ 13m" and waybar["class"] == "waiting"
    assert "<b>" not in waybar["tooltip"] and "\x1b" not in waybar["tooltip"]
    assert "&lt;b&gt;" in waybar["tooltip"] and "Today: 2 taken" in waybar["tooltip"]
    assert render({"state": "due"}, "tmux") == "#[fg=black,bg=yellow,bold]stretch due#[default]"
    off = {"state": "off-hours", "hours_resume": "Mon 09:00"}
    assert "off until Mon 09:00" in render(off, "tmux")
    assert render({"state": "paused", "paused_for": 3000}, "tmux").startswith(
        "#[fg=colour244]⏸ 50m")
