"""What the printing commands write goes through :func:`escape_controls`, always.

The printers escape each value from a file where they lay it out (so columns
line up); :func:`plain_streams` is the net under them: while a command runs,
``sys.stdout`` and ``sys.stderr`` escape every control character written to
them (an error message quoting a file, a warning naming a path, argparse's
own messages), so no text from outside can reach the terminal as a control
sequence. The TUI is not affected: Textual writes to ``sys.__stderr__``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, TextIO

from hamstring_coach.format.plaintext import escape_controls


class PlainWriter(io.TextIOBase):
    """A text stream that writes to ``inner`` with control characters escaped."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        """Write ``text`` escaped; returns ``len(text)`` as a stream should."""
        self.inner.write(escape_controls(text))
        return len(text)

    def flush(self) -> None:
        """Flush the stream underneath."""
        self.inner.flush()

    def isatty(self) -> bool:
        """Whether the stream underneath is a terminal."""
        return self.inner.isatty()

    def fileno(self) -> int:
        """The stream underneath's file descriptor."""
        return self.inner.fileno()

    def writable(self) -> bool:
        """Always: this is an output stream."""
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        """The stream underneath's encoding."""
        return getattr(self.inner, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        """The stream underneath's error handler."""
        return getattr(self.inner, "errors", None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def write_own(text: str) -> None:
    """Write the program's own control output (the bell) to stdout, past the escaping."""
    stream = sys.stdout
    inner = stream.inner if isinstance(stream, PlainWriter) else stream
    inner.write(text)
    inner.flush()


@contextmanager
def plain_streams() -> Iterator[None]:
    """Escape control characters in everything written to stdout and stderr meanwhile."""
    saved = sys.stdout, sys.stderr
    sys.stdout = PlainWriter(saved[0])
    sys.stderr = PlainWriter(saved[1])
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        sys.stdout, sys.stderr = saved
