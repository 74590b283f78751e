"""Protocols for the adapters at the edge (audio, history), so the TUI and the
CLI wire real ones while tests can swap in recording fakes.

The real implementations: ``hamstring_coach.audio.open_player`` and
``hamstring_coach.history.open_recorder``.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

from hamstring_coach.engine.events import Event
from hamstring_coach.plan.timeline import Sound

# Every --audio name, the device backends first (the player's worker plays them),
# then "bell" and "silent", which the player handles in the app.
BACKENDS = ("simpleaudio", "miniaudio", "system", "bell", "silent")


class RunStatus(StrEnum):
    """How a run stands: ``running`` until it is closed, then how it ended."""

    RUNNING = "running"
    FINISHED = "finished"  # the last phase ended
    QUIT = "quit"  # the user quit (q, Ctrl+C) or a signal stopped the app
    CRASHED = "crashed"  # the app failed


class Player(Protocol):
    """Plays sounds without ever blocking the caller.

    ``on_visual`` is set by the app: the player calls it (from any thread)
    with each sound it can only show, when there is no sound device.
    """

    on_visual: Callable[[Sound], None] | None

    @property
    def backend(self) -> str:
        """The backend playing: one of :data:`BACKENDS` (``"starting"`` until it is known)."""
        ...

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

    @property
    def saved(self) -> bool:
        """False once the history could not be saved (the app then exits with 3)."""
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
    backend: str = "silent"
    on_visual: Callable[[Sound], None] | None = None

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
    saved: bool = True  # nothing was to be saved

    def record(self, event: Event) -> None:
        """Keep nothing."""

    def close(self, *, status: RunStatus) -> None:
        """Nothing to close."""
