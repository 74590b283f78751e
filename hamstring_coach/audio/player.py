"""The app's Player: sounds go to an audio worker process that is watched and replaced.

``play`` only puts the sound on a queue. A supervisor thread owns the worker
(:mod:`hamstring_coach.audio.worker`): it starts it, writes commands to its
stdin without ever blocking (non-blocking pipe), reads its answers through a
reader thread, and expects every command answered within ``ACK_TIMEOUT``
(idle workers are pinged). A worker that dies (a segfault in an audio
library) or stops answering (a hang) is killed and started again; a backend
that fails ``MAX_STRIKES`` times is passed over for the next one, and when
none is left the player falls back to the terminal bell (or silence) with a
visual flash, and ``warning`` says so. The session never waits for audio.

Sounds more than ``STALE_AFTER`` seconds late are dropped, here and in the
worker: a beep that no longer marks its moment only misleads.
"""

from __future__ import annotations

import collections
import contextlib
import queue
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from hamstring_coach.audio.channel import WorkerProcess
from hamstring_coach.audio.voice import Voice
from hamstring_coach.plan.timeline import Sound
from hamstring_coach.system.records import frozen
from hamstring_coach.system.settings import Settings, save_settings

STALE_AFTER = 0.25  # seconds
ACK_TIMEOUT = 1.5  # a command unanswered this long means the worker hangs
START_TIMEOUT = 8.0  # to import, load the bank and open a device
PING_EVERY = 1.0  # an idle worker is asked to answer this often
MAX_STRIKES = 2  # crashes or hangs before a backend is passed over
MAX_STARTS = 6  # worker starts in one session before giving up on device audio
MAX_FAILED_PLAYS = 3  # consecutive plays the device refused before it counts as a strike

def _failure_text(names: list[str], why: str) -> str:
    """The failure for the warning: "Audio backend X crashed", "Audio backends X and Y hung"."""
    if len(names) == 1:
        return f"Audio backend {names[0]} {why}"
    return f"Audio backends {', '.join(names[:-1])} and {names[-1]} {why}"


FALLBACK_TEXT = {"bell": "using the terminal bell", "silent": "playing silently (visual flash)"}


@frozen
class HandOff:
    """One sound's journey: asked for at ``requested``, given to the device at ``handed``.

    Both are ``time.monotonic()`` readings (the same clock in both processes).
    """

    sound: Sound
    requested: float
    handed: float

    @property
    def latency(self) -> float:
        """Seconds from ``play`` to the device."""
        return self.handed - self.requested


class AudioPlayer:
    """The real :class:`hamstring_coach.run.ports.Player`; see the module docstring.

    ``on_visual(sound)`` is called (from a background thread) for each sound
    when the backend is ``bell`` or ``silent``: the app flashes the screen,
    and rings its bell when ``backend == "bell"``.
    """

    def __init__(self, *, order: tuple[str, ...], fallback: str, forced: str | None,
                 settings: Settings, notices: tuple[str, ...] = (),
                 overrides: dict[str, str] | None = None, voice: Voice | None = None) -> None:
        self.on_visual: Callable[[Sound], None] | None = None
        self._order = list(order)
        self._fallback = fallback
        self._forced = forced
        self._settings = settings
        self._notices = [n for n in notices if n]
        self._overrides = overrides or {}
        self._voice = voice
        if voice is not None:
            voice.volume = settings.volume
        self._inbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._ready = threading.Event()
        self._closed = False
        self._audio_warning: str | None = None
        self._failure: str | None = None  # "Audio backend X crashed", kept for later warnings
        self._struck: list[str] = []  # backends given up on, in order
        self.backend = "starting"
        self.detail = ""
        self.passed_over: list[tuple[str, str]] = []
        self.handoffs: collections.deque[HandOff] = collections.deque(maxlen=4096)
        self.dropped = 0
        self.failed = 0
        self._worker: WorkerProcess | None = None
        self._gen = 0
        self._token = 0
        self._starts = 0
        self._strikes: collections.Counter[str] = collections.Counter()
        self._pending: list[tuple[Sound, float, float]] = []
        # Workers put temporary sound files here; removed at close even if one was killed.
        self._scratch = tempfile.TemporaryDirectory(prefix="hamstring-coach-audio-")
        self._thread = threading.Thread(target=self._supervise, daemon=True,
                                        name="audio-supervisor")
        self._thread.start()

    # -- the Player protocol ------------------------------------------------------------
    @property
    def warning(self) -> str | None:
        """The one visible warning (audio first, then settings, sound files, voice), or None."""
        parts = [p for p in (self._audio_warning, *self._notices) if p]
        return " · ".join(parts) if parts else None

    @property
    def muted(self) -> bool:
        """True when muted."""
        return self._settings.muted

    @property
    def volume(self) -> int:
        """Volume 0-100."""
        return self._settings.volume

    def play(self, sound: Sound, *, due: float | None = None) -> None:
        """Queue ``sound`` and return at once.

        ``due`` is the ``time.monotonic()`` reading when it should have
        started (default: now); a sound more than STALE_AFTER late is dropped.
        """
        if self._closed or self._settings.muted:
            return
        now = time.monotonic()
        if self._inbox.qsize() > 256:  # something is badly stuck; never let memory grow
            return
        self._inbox.put(("play", sound, now if due is None else due, now))

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute, and remember it."""
        self._settings = replace(self._settings, muted=bool(muted))
        self._inbox.put(("save", self._settings))

    def set_volume(self, volume: int) -> None:
        """Set the volume (clamped to 0-100), and remember it."""
        volume = min(max(int(volume), 0), 100)
        self._settings = replace(self._settings, volume=volume)
        if self._voice is not None:
            self._voice.volume = volume
        self._inbox.put(("volume", volume))
        self._inbox.put(("save", self._settings))

    def say(self, text: str) -> None:
        """Speak ``text`` when spoken cues are on (and not muted)."""
        if self._voice is not None and not self._settings.muted and not self._closed:
            self._voice.say(text)

    def close(self) -> None:
        """Stop the worker (and the voice); saves pending settings first."""
        if self._closed:
            return
        self._closed = True
        self._inbox.put(("close",))
        self._thread.join(timeout=3.0)
        if self._voice is not None:
            self._voice.close()

    # -- extras -------------------------------------------------------------------------
    def wait_ready(self, timeout: float = START_TIMEOUT + 1) -> bool:
        """Wait until a backend (or the fallback) is settled; True if it was in time."""
        return self._ready.wait(timeout)

    # -- the supervisor thread ----------------------------------------------------------
    def _supervise(self) -> None:
        self._next_worker()
        while True:
            try:
                item = self._inbox.get(timeout=self._wake_after())
            except queue.Empty:
                item = None
            if item is not None:
                if item[0] == "close":
                    break
                self._handle(item)
            self._check_worker()
        if self._worker is not None:
            self._worker.stop(kill=False)
        self._scratch.cleanup()

    def _wake_after(self) -> float:
        """How long the supervisor may sleep: briefly while answers are awaited, else until
        the next ping (so an idle session costs next to no CPU)."""
        worker = self._worker
        if worker is None:
            return 5.0
        if not worker.ready or worker.outstanding:
            return 0.1
        return max(0.01, PING_EVERY - (time.monotonic() - worker.last_sent))

    def _next_worker(self) -> None:
        """Start a worker on the remaining backends, or settle on the fallback."""
        if not self._order or self._starts >= MAX_STARTS:
            self._settle_fallback()
            return
        self._starts += 1
        self._gen += 1
        config = {"order": self._order, "volume": self._settings.volume,
                  "overrides": self._overrides, "scratch": self._scratch.name}
        try:
            self._worker = WorkerProcess(self._gen, self._inbox, config)
        except OSError as exc:
            self._worker = None
            self._audio_warning = f"Cannot start the audio worker ({exc})"
            self._settle_fallback()

    def _settle_fallback(self) -> None:
        self._worker = None
        self.backend = self._fallback
        self.detail = ""
        if self._audio_warning is None and self._forced not in ("bell", "silent"):
            self._audio_warning = f"No sound device: {FALLBACK_TEXT[self._fallback]}"
        for sound, _due, _requested in self._pending:
            self._visual(sound)
        self._pending.clear()
        self._ready.set()

    def _visual(self, sound: Sound) -> None:
        callback = self.on_visual
        if callback is not None:
            # The UI's business; an error there must never stop the audio thread.
            with contextlib.suppress(Exception):
                callback(sound)

    def _handle(self, item: tuple[Any, ...]) -> None:
        kind = item[0]
        if kind == "play":
            self._play(item[1], item[2], item[3])
        elif kind == "volume":
            if self._worker is not None and self._worker.ready:
                self._send({"op": "volume", "value": item[1]}, None, 0.0)
        elif kind == "save":
            problem = save_settings(item[1])
            if problem and problem not in self._notices:
                self._notices.append(problem)
        elif kind == "ev" and self._worker is not None and item[1] == self._worker.gen:
            self._on_event(item[2])
        elif kind == "eof" and self._worker is not None and item[1] == self._worker.gen:
            self._worker_failed("crashed")

    def _play(self, sound: Sound, due: float, requested: float) -> None:
        if time.monotonic() - due > STALE_AFTER:
            self.dropped += 1
        elif self._worker is None:
            if self.backend in FALLBACK_TEXT:
                self._visual(sound)
        elif not self._worker.ready:
            self._pending = [*self._pending[-31:], (sound, due, requested)]
        else:
            self._send({"op": "play", "sound": sound.value, "due": due}, sound, requested)

    def _send(self, message: dict[str, Any], sound: Sound | None, requested: float) -> None:
        worker = self._worker
        assert worker is not None
        self._token += 1
        token = message["id"] = self._token
        if not worker.send(message):
            self._worker_failed("stopped responding")
            return
        worker.outstanding[token] = (time.monotonic(), sound, requested)

    def _on_event(self, msg: dict[str, Any]) -> None:
        worker = self._worker
        assert worker is not None
        ev = msg.get("ev")
        if ev == "trying":
            worker.trying = msg.get("backend")
        elif ev == "ready":
            self._on_ready(worker, msg)
        elif ev == "warnings":  # a session's own sound not usable (or not in time)
            self._note(msg.get("warnings", []))
        elif ev in ("played", "dropped", "failed", "ack", "pong"):
            _sent, sound, requested = worker.outstanding.pop(int(msg.get("id", -1)),
                                                             (0.0, None, 0.0))
            if ev == "played" and sound is not None:
                self.handoffs.append(HandOff(sound, requested, float(msg["at"])))
                worker.failed_plays = 0
            elif ev == "dropped":
                self.dropped += 1
            elif ev == "failed":
                self.failed += 1
                worker.failed_plays += 1
                if worker.failed_plays >= MAX_FAILED_PLAYS:
                    self._worker_failed(f"keeps failing ({msg.get('reason', '')})")

    def _note(self, warnings: list[Any]) -> None:
        for text in warnings:
            if str(text) not in self._notices:
                self._notices.append(str(text))

    def _on_ready(self, worker: WorkerProcess, msg: dict[str, Any]) -> None:
        self.passed_over = [(str(n), str(r)) for n, r in msg.get("passed", [])]
        self._note(msg.get("warnings", []))
        if msg.get("error"):
            self._audio_warning = f"Sound bank: {msg['error']}"
        name = msg.get("backend")
        if not name:
            worker.stop(kill=False)
            if self._forced and self._forced in self._order and self.passed_over:
                reason = self.passed_over[-1][1]
                self._audio_warning = (f"Audio backend {self._forced} unavailable ({reason}); "
                                       f"{FALLBACK_TEXT[self._fallback]}")
            elif self._failure:
                self._audio_warning = f"{self._failure}; {FALLBACK_TEXT[self._fallback]}"
            self._settle_fallback()
            return
        worker.ready = True
        worker.backend = name
        self.backend = name
        self.detail = str(msg.get("detail", ""))
        if self._failure:
            self._audio_warning = f"{self._failure}; now using {name}"
        pending, self._pending = self._pending, []
        for sound, due, requested in pending:
            self._play(sound, due, requested)
        self._ready.set()

    def _check_worker(self) -> None:
        worker = self._worker
        if worker is None:
            return
        now = time.monotonic()
        if not worker.ready:
            if now - worker.started > START_TIMEOUT:
                self._worker_failed("did not start")
            return
        if worker.outstanding:
            oldest = min(sent for sent, _s, _r in worker.outstanding.values())
            if now - oldest > ACK_TIMEOUT:
                self._worker_failed("stopped responding")
        elif now - worker.last_sent > PING_EVERY:
            self._send({"op": "ping"}, None, 0.0)

    def _worker_failed(self, why: str) -> None:
        worker = self._worker
        if worker is None:
            return
        if why == "stopped responding" and worker.killed_by_signal():
            why = "crashed"  # died before its pipe said so (a busy machine)
        self._worker = None
        worker.stop(kill=True)
        name = worker.backend or worker.trying  # None: it died before opening any backend
        if name is not None:
            self._strikes[name] += 1
            if self._strikes[name] >= MAX_STRIKES and name in self._order:
                self._order.remove(name)
                self._struck.append(name)
        names = self._struck or ([name] if name else [])
        self._failure = _failure_text(names, why) if names else f"The audio worker {why}"
        if not self._order or self._starts >= MAX_STARTS:
            self._audio_warning = f"{self._failure}; falling back to the terminal bell" \
                if self._fallback == "bell" else f"{self._failure}; {FALLBACK_TEXT['silent']}"
            self._settle_fallback()
            return
        self._audio_warning = f"{self._failure}; restarting it"
        self.backend = "starting"
        self._next_worker()
