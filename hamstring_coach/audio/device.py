"""What every sound backend shares: the hand-off callback and the "not here" error.

Its own module so that the backends and the miniaudio mixer both import it,
and the mixer never imports the backends (no import cycle).
"""

from __future__ import annotations

from collections.abc import Callable

OnHandOff = Callable[[int, float], None]  # (token, monotonic time handed to the device)


class BackendUnavailable(Exception):
    """This backend cannot play here; the message says why."""
