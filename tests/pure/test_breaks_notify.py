"""Desktop notifications: notify-send when on PATH, silently nothing otherwise."""

from __future__ import annotations

import threading
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
    """notify() returns while notify-send is still running (it blocks until released)."""
    release = tmp_path / "release"
    log = _fake_notify_send(
        tmp_path / "bin", f'while [ ! -e "{release}" ]; do sleep 0.05; done')
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    result: list[bool] = []
    caller = threading.Thread(target=lambda: result.append(notify("Stretch break")))
    caller.start()
    caller.join(timeout=30)  # a hang guard: only a notify() that waits gets here late
    try:
        assert not caller.is_alive(), "notify() waited for notify-send to finish"
        assert result == [True]
        assert not log.exists()  # notify-send is still blocked: nothing waited for it
    finally:
        release.touch()
        caller.join(timeout=30)
    assert _wait_for(log).splitlines()[-1] == "Stretch break"


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
