"""Protocols for the adapters at the edge (audio, history), so the TUI and the
CLI wire real ones while tests can swap in recording fakes.

The real implementations: ``hamstring_coach.audio.open_player`` and
``hamstring_coach.history.open_recorder``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from hamstring_coach.engine.events import Event
from hamstring_coach.plan.timeline import Sound


class RunStatus(StrEnum):
    """How a run stands: ``running`` until it is closed, then how it ended."""

    RUNNING = "running"
    FINISHED = "finished"  # the last phase ended
    QUIT = "quit"  # the user quit (q, Ctrl+C) or a signal stopped the app
    CRASHED = "crashed"  # the app failed


class Player(Protocol):
    """Plays sounds without ever blocking the caller."""

    @property
    def warning(self) -> str | None:
        """One visible warning for the user (no sound device, fell back to bell...), or None."""
        ...

    @property
    def muted(self) -> bool:
        """True when muted (the ``m`` key); remembered in the user's settings."""
        ...

    @property
    def volume(self) -> int:
        """Volume 0-100; remembered in the user's settings."""
        ...

    def play(self, sound: Sound) -> None:
        """Start playing ``sound`` and return at once."""

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute."""

    def set_volume(self, volume: int) -> None:
        """Set the volume, 0-100."""

    def say(self, text: str) -> None:
        """Speak ``text`` when spoken cues are on; otherwise do nothing."""

    def close(self) -> None:
        """Stop the backend (worker process, device)."""


class Recorder(Protocol):
    """Records a run as it happens (history), one event at a time."""

    @property
    def warning(self) -> str | None:
        """A visible warning when the history cannot be saved, or None."""
        ...

    def record(self, event: Event) -> None:
        """Take one engine event; must never raise."""

    def close(self, *, status: RunStatus) -> None:
        """Mark the run finished, quit or crashed and close."""


class SilentPlayer:
    """A Player that plays nothing (``--no-sound``)."""

    warning: str | None = None
    muted: bool = True
    volume: int = 0

    def play(self, sound: Sound) -> None:
        """Play nothing."""

    def set_muted(self, muted: bool) -> None:
        """Stay silent."""

    def set_volume(self, volume: int) -> None:
        """Stay silent."""

    def say(self, text: str) -> None:
        """Say nothing."""

    def close(self) -> None:
        """Nothing to close."""


class NullRecorder:
    """A Recorder that keeps nothing (used when history is off)."""

    warning: str | None = None

    def record(self, event: Event) -> None:
        """Keep nothing."""

    def close(self, *, status: RunStatus) -> None:
        """Nothing to close."""
