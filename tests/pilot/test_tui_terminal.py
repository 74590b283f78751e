"""TerminalGuard: signals become a clean exit, and the terminal is put back on a real pty."""

from __future__ import annotations

import contextlib
import os
import select
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from tui_support import rig, write_session

from hamstring_coach.system.terminal import RESTORE_SEQUENCE, TerminalGuard, guarded_driver_class


@pytest.fixture
def pty_stream() -> Iterator[tuple[IO[str], int]]:
    """A real terminal: the slave side as a text stream, and the master fd to read it."""
    master, slave = os.openpty()
    stream = os.fdopen(slave, "w", encoding="utf-8")
    try:
        yield stream, master
    finally:
        stream.close()
        os.close(master)


def read_all(fd: int) -> str:
    data = b""
    while select.select([fd], [], [], 0.2)[0]:
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    return data.decode("utf-8", "replace")


def test_a_signal_while_attached_asks_the_app_to_exit() -> None:
    asked: list[int] = []
    with TerminalGuard() as guard:
        guard.attach(asked.append)
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGHUP)
    assert asked == [signal.SIGTERM, signal.SIGHUP]
    assert guard.signum == signal.SIGHUP


def test_a_signal_before_the_app_runs_unwinds_with_128_plus_n() -> None:
    with pytest.raises(SystemExit) as exit_info, TerminalGuard():
        os.kill(os.getpid(), signal.SIGTERM)
    assert exit_info.value.code == 128 + signal.SIGTERM


def test_old_handlers_come_back_afterwards() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with TerminalGuard():
        assert signal.getsignal(signal.SIGTERM) is not before
    assert signal.getsignal(signal.SIGTERM) is before


def test_restore_is_written_only_when_textual_still_holds_the_terminal(
        pty_stream: tuple[IO[str], int]) -> None:
    stream, master = pty_stream
    with TerminalGuard(stream=stream):
        pass
    assert read_all(master) == ""  # never in application mode: nothing to undo
    with TerminalGuard(stream=stream) as guard:
        guard.app_mode = True  # Textual started but never got to stop
    out = read_all(master)
    for sequence in ("\x1b[?1049l", "\x1b[?25h", "\x1b[?1000l", "\x1b[?1003l",
                     "\x1b[?1006l", "\x1b[?2004l"):
        assert sequence in out
    assert out == RESTORE_SEQUENCE


def test_guarded_driver_reports_application_mode() -> None:
    calls: list[str] = []

    class Base:
        def start_application_mode(self) -> None:
            calls.append("start")

        def stop_application_mode(self) -> None:
            calls.append("stop")

    guard = TerminalGuard()
    driver = guarded_driver_class(Base, guard)()
    driver.start_application_mode()
    assert guard.app_mode and calls == ["start"]
    driver.stop_application_mode()
    assert not guard.app_mode and calls == ["start", "stop"]


async def test_sigterm_mid_session_quits_the_app_and_records_the_run_as_quit(
        tmp_path: Path) -> None:
    r = rig(str(write_session(tmp_path)), start_index=2, guard=TerminalGuard())
    guard = r.app.config.guard
    assert guard is not None
    with guard:
        async with r.app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            os.kill(os.getpid(), signal.SIGTERM)
            await pilot.pause(0.2)
    assert r.recorder.status == "quit"
    assert r.app.return_value == 128 + signal.SIGTERM


def test_sigquit_is_handled_like_the_others() -> None:
    asked: list[int] = []
    with TerminalGuard() as guard:
        guard.attach(asked.append)
        os.kill(os.getpid(), signal.SIGQUIT)
    assert asked == [signal.SIGQUIT]


@pytest.mark.parametrize("early", [False, True], ids=["during", "before"])
def test_a_signal_ends_an_interruptible_wait_and_still_asks_the_app_to_exit(
        early: bool) -> None:
    import subprocess
    import threading

    from hamstring_coach.system.terminal import Interrupted

    asked: list[int] = []
    child = subprocess.Popen(["sleep", "600"])
    try:
        with TerminalGuard() as guard:
            guard.attach(asked.append)
            if early:  # handled at once: the wait is not even started
                os.kill(os.getpid(), signal.SIGHUP)
            else:  # arrives while the main thread is blocked in the child's wait
                threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGHUP)).start()
            with pytest.raises(Interrupted) as caught, guard.interruptible():
                child.wait()
    finally:
        child.kill()
        child.wait()
    assert caught.value.signum == signal.SIGHUP and asked == [signal.SIGHUP]


def test_the_keeper_restores_the_terminal_when_the_app_vanishes(
        pty_stream: tuple[IO[str], int]) -> None:
    from hamstring_coach.system.keeper import TerminalKeeper

    stream, master = pty_stream
    keeper = TerminalKeeper.start(stream, RESTORE_SEQUENCE)
    assert keeper is not None
    keeper._proc.stdin.close()  # type: ignore[union-attr]  # what the app's death does
    keeper._proc.wait(timeout=5)
    assert read_all(master) == RESTORE_SEQUENCE


def test_the_keeper_leaves_quietly_after_bye(pty_stream: tuple[IO[str], int]) -> None:
    from hamstring_coach.system.keeper import TerminalKeeper

    stream, master = pty_stream
    keeper = TerminalKeeper.start(stream, RESTORE_SEQUENCE)
    assert keeper is not None
    keeper.bye()
    assert keeper._proc.returncode == 0
    assert read_all(master) == ""


def test_closing_the_terminal_asks_the_app_to_exit_as_sighup() -> None:
    """The window closed without a SIGHUP reaching the app (a session of its own): the
    guard's watch sees the pty hang up, on a thread, and the app is asked to exit; the
    SIGHUP that may follow does not unwind the app's shutdown."""
    import threading

    master, slave = os.openpty()
    stdin = os.fdopen(slave, "r", encoding="utf-8")
    asked = threading.Event()
    try:
        with TerminalGuard(stdin=stdin) as guard:
            guard.attach(lambda signum: asked.set() if signum == signal.SIGHUP else None)
            assert not asked.wait(0.1)  # nothing while the terminal is there
            os.close(master)
            assert asked.wait(10), "the hang-up was not noticed"
            assert guard.signum == signal.SIGHUP
            guard.detach()  # the app is shutting down
            os.kill(os.getpid(), signal.SIGHUP)  # the shell's SIGHUP: no SystemExit now
    finally:
        stdin.close()


def test_textual_output_to_a_closed_terminal_drains_and_stops() -> None:
    """Textual's writer thread over a pty that hung up: the first write fails with EIO,
    yet more writes than its queue holds (30) go through and it stops; without the
    guard's output the thread died, the queue filled and the app's shutdown hung."""
    import threading

    from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread

    from hamstring_coach.system.hangup import TerminalOutput

    master, slave = os.openpty()
    stream = os.fdopen(slave, "w", encoding="utf-8")
    output = TerminalOutput(stream)
    writer = WriterThread(output)  # type: ignore[arg-type]  # file-like, as the driver's
    writer.start()
    os.close(master)

    def shutdown() -> None:
        for n in range(3 * MAX_QUEUED_WRITES):
            writer.write(f"\x1b[?25h frame {n}")
        writer.stop()

    done = threading.Thread(target=shutdown, daemon=True)
    done.start()
    done.join(timeout=10)
    try:
        assert not done.is_alive(), "writing to the closed terminal hung"
        assert output.lost and not writer.is_alive()
    finally:
        with contextlib.suppress(OSError):
            stream.close()
