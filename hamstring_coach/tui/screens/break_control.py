"""What the waiting screen does for a ``ctl``/``status`` request on its control socket.

Runs on the app's loop, like a key press: the same scheduler calls and the
same redraw. Each reply carries the new state (``status`` prints it).
"""

from __future__ import annotations

from typing import Any, Protocol

from hamstring_coach.engine.break_scheduler import BreakScheduler, BreakState, SnoozeRefused
from hamstring_coach.system.control import Command, Request


class Controlled(Protocol):
    """What the waiting screen offers a request (BreakScreen)."""

    scheduler: BreakScheduler
    pause_seconds: float

    def tick(self) -> None: ...
    def status(self) -> dict[str, Any]: ...
    def pause_for(self, seconds: float) -> str: ...
    def action_start(self) -> None: ...
    def action_skip(self) -> None: ...
    def quit_later(self) -> None: ...


def answer(screen: Controlled, request: Request) -> dict[str, Any]:
    """Do what ``request`` asks; ``{"ok": ..., "status": ...}`` (and ``error`` when refused)."""
    scheduler = screen.scheduler
    if scheduler.state is not BreakState.IN_SESSION:
        screen.tick()  # route events (a break just due) before acting on them
    command, state = request.command, scheduler.state
    error = ""
    if command is Command.START:
        if state is BreakState.IN_SESSION:
            error = "The break session is already running."
        else:
            screen.action_start()
    elif command is Command.SNOOZE:
        error = _snooze(screen)
    elif command is Command.SKIP:
        if state is BreakState.DUE:
            screen.action_skip()
        else:
            error = "No break is due to skip."
    elif command is Command.PAUSE:
        error = screen.pause_for(request.seconds or screen.pause_seconds)
    elif command is Command.RESUME:
        try:
            scheduler.resume()
        except SnoozeRefused as refused:
            error = str(refused)
        screen.tick()
    elif command is Command.QUIT:
        screen.quit_later()
    if error:
        return {"ok": False, "error": error, "status": screen.status()}
    return {"ok": True, "status": screen.status()}


def _snooze(screen: Controlled) -> str:
    if screen.scheduler.state is not BreakState.DUE:
        return "No break is due yet."
    try:
        screen.scheduler.snooze()
    except SnoozeRefused as refused:
        return str(refused)
    screen.tick()
    return ""
