"""``run --plain``: the session as lines on stdout, for screen readers, pipes and cron.

Wires the real parts (scaled monotonic clock, player, SQLite history,
``--events`` log) around :func:`hamstring_coach.tui.plain_loop.run_plain`.
Needs no terminal: keys come from stdin when it is one, lines when it is a
pipe or a file. SIGTERM and SIGHUP quit cleanly (the run is kept as quit)
and exit 128+N; Ctrl+C exits 130. Exit status otherwise as ``run``: 0
finished or quit, 3 when the history could not be saved.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from hamstring_coach.engine.clock import ScaledClock
from hamstring_coach.engine.machine import Engine
from hamstring_coach.plan.leadin import lead_in
from hamstring_coach.run.eventlog import EventLog
from hamstring_coach.run.ports import Player, RunStatus, SilentPlayer
from hamstring_coach.run.session_run import SessionRun, StartRequest
from hamstring_coach.system.messages import print_warning
from hamstring_coach.tui.launch import exit_report
from hamstring_coach.tui.plain_loop import KeySource, LineKeys, TerminalKeys, run_plain


class _Signalled(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_quit() -> Iterator[None]:
    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Signalled(signum)

    saved = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def _player(sound: bool, audio: str | None, voice: bool, start: StartRequest) -> Player:
    if not sound:
        return SilentPlayer()
    from hamstring_coach.audio import open_player

    return open_player(enabled=True, backend=audio, voice=voice,
                       overrides=dict(start.timeline.session.sounds))


def _is_tty() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (OSError, ValueError):
        return False


def run_plain_command(start: StartRequest, *, speed: float, sound: bool, audio: str | None,
                      voice: bool, events: EventLog | None) -> int:
    """Run ``start`` in plain mode; the exit status."""
    from hamstring_coach.history import open_recorder

    player = _player(sound, audio, voice, start)
    if player.warning:
        print_warning("run", player.warning)
    recorder = open_recorder(start.timeline, session_spec=start.spec,
                             resumed_from=start.resumed_from, start_index=start.start_index)
    clock = ScaledClock(speed)
    # A resumed run opens with a get-ready (as on the screen: CoachApp.start_session).
    lead = lead_in(start.timeline, start.start_index) if start.resumed_from is not None else None
    engine = Engine(start.timeline, clock, start_index=start.start_index, lead_in=lead)
    run = SessionRun(engine, clock=clock, player=player, recorder=recorder, event_log=events,
                     speed=speed)
    terminal = _is_tty()
    keys: KeySource
    keys = TerminalKeys(sys.stdin) if terminal else LineKeys(sys.stdin)
    status = 0
    try:
        with _signals_quit():
            run_plain(run, keys, sys.stdout, terminal=terminal)
    except _Signalled as signalled:
        run.close(RunStatus.QUIT)
        status = 128 + signalled.signum
    except KeyboardInterrupt:
        run.close(RunStatus.QUIT)
        status = 130
    finally:
        if isinstance(keys, TerminalKeys):
            keys.close()
        player.close()
    if status == 0 and not recorder.saved:
        status = 3
    # after the session's last line: why the history (or a damaged one) needs a look
    for line in exit_report([recorder.warning] if recorder.warning else [], status):
        print_warning("run", line)
    return status
