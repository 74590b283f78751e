"""The floor: a bare Textual app showing one ``Digits`` counting down at 1 Hz.

Used by ``bench_tui.py`` as "what Textual itself costs" beside this app and
termdown. ``SECONDS`` (default 3600) is the countdown; at 0 the app exits,
so two lengths give the fixed cost of a run (start-up plus the end).

    .venv/bin/python benchmarks/bare_textual.py 30
"""

from __future__ import annotations

import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits


class Bare(App[None]):
    """One Digits widget, updated once a second on the second boundary."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Digits(self._text())

    def _left(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def _text(self) -> str:
        left = max(0, int(-(-self._left() // 1)))
        return f"{left // 60:02d}:{left % 60:02d}"

    def on_mount(self) -> None:
        self._aim()

    def _aim(self) -> None:
        left = self._left()
        self.set_timer(max(0.001, left - int(left) or 1.0), self._tick)

    def _tick(self) -> None:
        if self._left() <= 0.0005:
            self.exit()
            return
        self.query_one(Digits).update(self._text())
        self._aim()


if __name__ == "__main__":
    Bare(float(sys.argv[1]) if len(sys.argv) > 1 else 3600.0).run()
