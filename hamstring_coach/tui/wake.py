"""A wake-up at the session's next deadline, on a plain event-loop timer.

Not a Textual Timer: a loop timer runs at its time (epoll rounds up to the
millisecond) instead of queueing behind the screen's messages, so a phase
boundary is handled within a few ms. Re-aiming at the same target is free.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class DeadlineWake:
    """Calls ``callback`` once at the aimed time; aiming again replaces the previous aim."""

    def __init__(self, callback: Callable[[], None]) -> None:
        self._callback = callback
        self._handle: asyncio.TimerHandle | None = None
        self._target: float | None = None  # engine-clock time aimed at

    def aim(self, target: float, delay: float) -> None:
        """Wake ``delay`` real seconds from now for engine-clock ``target`` (kept if unchanged)."""
        if self._handle is not None and self._target is not None and abs(
                self._target - target) < 1e-4:
            return
        self.cancel()
        self._target = target
        self._handle = asyncio.get_running_loop().call_later(max(0.0, delay), self._fire)

    def cancel(self) -> None:
        """Drop the pending wake, if any."""
        if self._handle is not None:
            self._handle.cancel()
        self._handle = None
        self._target = None

    def _fire(self) -> None:
        self._handle = None
        self._target = None
        self._callback()
