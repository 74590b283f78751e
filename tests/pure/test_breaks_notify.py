"""Desktop notifications: notify-send when on PATH, silently nothing otherwise."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hamstring_coach.system.notify import notify


def _fake_notify_send(folder: Path, body: str) -> Path:
    """A notify-send on PATH that records its arguments (one per line)."""
    folder.mkdir()
    log = folder / "calls.txt"
    script = folder / "notify-send"
    script.write_text(f'#!/bin/sh\n{body}\nprintf "%s\\n" "$@" >> "{log}"\n')
    script.chmod(0o755)
    return log


def _wait_for(path: Path) -> str:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().count("\n") >= 4:
            return path.read_text()
        time.sleep(0.02)
    raise AssertionError("notify-send was not called")


def test_sends_summary_and_body(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = _fake_notify_send(tmp_path / "bin", "")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    assert notify("Stretch break", "Desk break is due", urgency="critical") is True
    assert _wait_for(log).splitlines() == [
        "--app-name=hamstring-coach", "--urgency=critical", "--",
        "Stretch break", "Desk break is due",
    ]


def test_never_waits_for_a_slow_notify_send(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_notify_send(tmp_path / "bin", "sleep 3")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    start = time.monotonic()
    assert notify("Stretch break") is True
    assert time.monotonic() - start < 1.0


def test_missing_notify_send_is_silently_nothing(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert notify("Stretch break", "body") is False
    assert capfd.readouterr() == ("", "")


def test_failing_notify_send_is_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capfd: pytest.CaptureFixture[str]) -> None:
    _fake_notify_send(tmp_path / "bin", 'echo "no daemon" >&2; exit 1')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    assert notify("Stretch break") is True
    time.sleep(0.3)
    assert capfd.readouterr() == ("", "")
