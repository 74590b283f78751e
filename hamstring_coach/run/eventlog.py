"""The ``--events FILE`` writer: every engine event as one JSON line.

Each line is :func:`hamstring_coach.engine.events.event_to_json` of the event plus
``monotonic``, the real ``time.monotonic()`` reading when the line was
written. ``at`` and ``scheduled`` stay on the engine's clock, so with
``--speed 1`` the lateness of a phase boundary is ``at - scheduled`` and
the delay from noticing to writing is ``monotonic - at``. Lines are flushed
one by one so a crash or a kill loses at most the event being written.
"""

from __future__ import annotations

import contextlib
import io
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from hamstring_coach.engine.events import Event, event_to_json
from hamstring_coach.system.files import create_regular, open_regular


class EventLog:
    """Appends engine events to a JSON-lines file; ``close()`` when done."""

    def __init__(self, path: Path, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self._monotonic = monotonic
        # Line-buffered text file: one write and flush per event; a regular file only.
        self._file: TextIO | None = io.TextIOWrapper(create_regular(path), encoding="utf-8",
                                                     line_buffering=True)
        self.error: OSError | None = None  # the write that failed (a full disk...)

    @property
    def warning(self) -> str | None:
        """``Events not written: PATH: reason`` once a write failed, else None."""
        if self.error is None:
            return None
        return f"Events not written: {self.path}: {self.error.strerror or self.error}"

    def write(self, event: Event) -> None:
        """Write one event as a line (does nothing once closed or failed).

        A failed write never stops the session: the log stops, ``error`` and
        ``warning`` say why, and the run's exit status is 1.
        """
        if self._file is None:
            return
        data = event_to_json(event)
        data["monotonic"] = self._monotonic()
        try:
            self._file.write(json.dumps(data, separators=(",", ":")) + "\n")
        except OSError as error:
            self._failed(error)

    def _failed(self, error: OSError) -> None:
        self.error = error
        file, self._file = self._file, None
        if file is not None:
            with contextlib.suppress(OSError):
                file.close()

    def close(self) -> None:
        """Close the file (safe to call twice)."""
        if self._file is not None:
            try:
                self._file.close()
            except OSError as error:
                self._failed(error)
            self._file = None


def read_events(path: Path) -> list[dict[str, object]]:
    """Read an events file back (used by tests and the benchmark)."""
    with io.TextIOWrapper(open_regular(path), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
