"""The session screen's top bar: a player, history or events-file warning in place of the name.

Not a toast: one covered the progress line for 10 s at every session
start. Each warning shows once per app run (the app's ``warnings_shown``,
shared with break mode's waiting screen) in place of the session's name for
WARNING_SECONDS; audio may settle late and a history may be lost mid-run,
so the sources are read again on every tick.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

WARNING_SECONDS = 10.0


class TopWarning:
    """Which warning the top bar shows now, if any."""

    def __init__(self, shown: set[str] | None = None, *,
                 clock: Callable[[], float] = time.monotonic, speed: float = 1.0) -> None:
        """``clock`` is the injected one (a session's runs ``speed`` times faster, so a
        warning shows WARNING_SECONDS of real time at any speed; tests pass a fake)."""
        self.shown: set[str] = shown if shown is not None else set()
        self._clock = clock
        self._length = WARNING_SECONDS * speed
        self._warning: str | None = None
        self._until = -float("inf")  # clock time until which the warning shows

    def text(self, warnings: Iterable[str | None], name: str) -> tuple[str, bool]:
        """(what the top bar says, whether it is a warning), taking any new warning."""
        for warning in warnings:
            if warning and warning not in self.shown:
                self.shown.add(warning)
                self._warning = warning
                self._until = self._clock() + self._length
        if self._warning is not None and self._clock() < self._until:
            return f"⚠ {self._warning}", True
        return name, False
