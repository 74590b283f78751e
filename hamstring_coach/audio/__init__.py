"""Sound: the bank of cue sounds, the players that play them, and the session renderer.

- :func:`open_player` returns the app's :class:`~hamstring_coach.run.ports.Player`:
  sounds are played by a worker process (simpleaudio, miniaudio or a system
  player, chosen automatically or by ``--audio``), so audio trouble never
  ends or freezes a session; without a device it falls back to the terminal
  bell or a visual flash.
- :func:`render_session` writes a session's whole sound track to a WAV file.

Nothing here imports an audio library in the app's own process.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Mapping
from pathlib import Path

from hamstring_coach.audio.backends import AUTO_ORDER, DEVICE_BACKENDS
from hamstring_coach.audio.render import RenderInfo, render_session
from hamstring_coach.run.ports import BACKENDS, Player, SilentPlayer

__all__ = ["AUTO_ORDER", "BACKENDS", "RenderInfo", "auto_order", "open_player",
           "render_session"]


def auto_order() -> tuple[str, ...]:
    """Device backends to try, in order, when ``--audio`` is not given.

    simpleaudio only where it is installed and the Python is older than 3.12
    (1.0.4 segfaults on 3.12 and 3.13, py-simple-audio#72); sound-check still
    reports why it was passed over.
    """
    names = list(DEVICE_BACKENDS)
    if sys.version_info >= (3, 12) or importlib.util.find_spec("simpleaudio") is None:
        names.remove("simpleaudio")
    return tuple(names)


def open_player(*, enabled: bool = True, backend: str | None = None, voice: bool = False,
                overrides: Mapping[str, Path] | None = None) -> Player:
    """The app's Player; returns at once (the audio worker starts in the background).

    ``backend`` forces one of :data:`BACKENDS`; ``voice`` turns on spoken cues;
    ``overrides`` maps sound names to WAV files (a session's ``sounds:``).
    Volume and mute come from the user's settings and are saved when changed.
    """
    if not enabled:
        return SilentPlayer()
    if backend is not None and backend not in BACKENDS:
        raise ValueError(f"unknown audio backend {backend!r}; choose from {', '.join(BACKENDS)}")
    # the player (threads, worker process) only when sound is on
    from hamstring_coach.audio.player import AudioPlayer
    from hamstring_coach.audio.voice import NO_ENGINE_NOTICE, Voice
    from hamstring_coach.system.settings import load_settings

    settings, settings_warning = load_settings()
    fallback = "bell" if sys.stdout.isatty() else "silent"
    if backend in ("bell", "silent"):
        order: tuple[str, ...] = ()
        fallback = backend
    elif backend is not None:
        order = (backend,)
    else:
        order = auto_order()
    speaker = Voice.open() if voice else None
    notices = (settings_warning or "", NO_ENGINE_NOTICE if voice and speaker is None else "")
    return AudioPlayer(order=order, fallback=fallback, forced=backend, settings=settings,
                       notices=notices, voice=speaker,
                       overrides={k: str(v) for k, v in (overrides or {}).items()})
