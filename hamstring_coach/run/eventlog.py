"""The ``--events FILE`` writer: every engine event as one JSON line.

Each line is :func:`hamstring_coach.engine.events.event_to_json` of the event plus
``monotonic``, the real ``time.monotonic()`` reading when the line was
written. ``at`` and ``scheduled`` stay on the engine's clock, so with
``--speed 1`` the lateness of a phase boundary is ``at - scheduled`` and
the delay from noticing to writing is ``monotonic - at``. Lines are flushed
one by one so a crash or a kill loses at most the event being written.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from hamstring_coach.engine.events import Event, event_to_json


class EventLog:
    """Appends engine events to a JSON-lines file; ``close()`` when done."""

    def __init__(self, path: Path, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self._monotonic = monotonic
        # Line-buffered text file: one write and flush per event.
        self._file: TextIO | None = path.open("w", encoding="utf-8", buffering=1)

    def write(self, event: Event) -> None:
        """Write one event as a line (does nothing once closed)."""
        if self._file is None:
            return
        data = event_to_json(event)
        data["monotonic"] = self._monotonic()
        self._file.write(json.dumps(data, separators=(",", ":")) + "\n")

    def close(self) -> None:
        """Close the file (safe to call twice)."""
        if self._file is not None:
            self._file.close()
            self._file = None


def read_events(path: Path) -> list[dict[str, object]]:
    """Read an events file back (used by tests and the benchmark)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
