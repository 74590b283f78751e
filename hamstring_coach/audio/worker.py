"""The audio worker: a separate process that owns the sound device.

Started by :class:`hamstring_coach.audio.player.AudioPlayer` as
``python -m hamstring_coach.audio.worker``. Audio libraries run only here,
so a segfault or a hang inside one (simpleaudio on Python 3.12, a stuck
ALSA or PulseAudio call) costs a restart of this process, never the session.

Protocol: JSON lines. The first line on stdin is the configuration
``{"order": [...], "volume": N, "overrides": {name: path}, "scratch": dir}``; then commands
``{"op": "play", "id": N, "sound": NAME, "due": T}``, ``{"op": "volume",
"id": N, "value": V}``, ``{"op": "ping", "id": N}``. Every command is
answered on the protocol channel (the original stdout) by ``played``,
``dropped``, ``failed``, ``ack`` or ``pong`` with its id; before that the
worker says ``trying`` for each backend and then ``ready``. A session's own
sounds load on a thread while the built-in ones play (``ready`` waits at most
``OWN_SOUNDS_WAIT`` for them); one unreadable or not read within
``OWN_SOUNDS_BUDGET`` keeps the built-in sound and is reported, with
``ready`` or later as ``{"ev": "warnings", "warnings": [...]}``. File
descriptors 1 and 2 are pointed at /dev/null first, so nothing an audio
library prints (ALSA's "cannot find card" lines) reaches the terminal.

``HAMSTRING_COACH_AUDIO_FAULT`` (tests only) makes the worker misbehave on
its first ``play``: ``crash`` (SIGSEGV, as simpleaudio does) or ``hang``
(stops answering), optionally limited to one backend as ``crash:miniaudio``;
``crash-open:NAME`` crashes while opening backend NAME; ``crash-start`` before any.
"""

from __future__ import annotations

import faulthandler
import json
import os
import queue
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

from hamstring_coach.audio.backends import BackendUnavailable, DeviceBackend, open_backend
from hamstring_coach.audio.bank import (
    SAMPLE_RATE,
    Bank,
    SoundFileError,
    builtin_bank,
    load_overrides,
)
from hamstring_coach.plan.timeline import Sound

STALE_AFTER = 0.25  # seconds late after which a cue is dropped rather than played
# A session's own sounds load while the built-in ones play: "ready" waits this
# long for them, and one not read within the budget keeps the built-in sound.
OWN_SOUNDS_WAIT = 1.0
OWN_SOUNDS_BUDGET = 4.0
FAULT_ENV = "HAMSTRING_COACH_AUDIO_FAULT"
LOG_ENV = "HAMSTRING_COACH_AUDIO_LOG"


class Outbox:
    """Sends protocol messages from any thread (audio callbacks included) without blocking it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._queue: queue.SimpleQueue[dict[str, Any] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, daemon=True, name="audio-outbox")
        self._thread.start()

    def send(self, message: dict[str, Any]) -> None:
        """Queue ``message`` for the parent."""
        self._queue.put(message)

    def _run(self) -> None:
        while (message := self._queue.get()) is not None:
            try:
                self._stream.write(json.dumps(message).encode() + b"\n")
                self._stream.flush()
            except OSError:  # the parent is gone; nothing left to tell
                os._exit(0)

    def close(self) -> None:
        """Send what is queued, then stop."""
        self._queue.put(None)
        self._thread.join(timeout=1.0)


def _diagnostics() -> None:
    """With ``HAMSTRING_COACH_AUDIO_LOG=FILE``, tracebacks go to FILE on a crash and on SIGUSR1
    (the player sends it before killing a hung worker): what to attach to a bug report."""
    path = os.environ.get(LOG_ENV)
    if not path:
        return
    try:
        log = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the process
    except OSError:
        return
    faulthandler.enable(log)
    sys.stderr = log  # Python-level errors too (those raised inside audio callbacks)
    if hasattr(signal, "SIGUSR1"):
        faulthandler.register(signal.SIGUSR1, file=log, all_threads=True)


def _silence_fds() -> BinaryIO:
    """Keep the real stdout for the protocol; point fds 1 and 2 at /dev/null."""
    proto = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)
    try:
        # POSIX only, and only when the worker silences its descriptors
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file
    except (ImportError, ValueError, OSError):
        pass
    return proto


class _Notes:
    """Warnings about a session's own sounds: held until ``ready``, then sent as they come."""

    def __init__(self, out: Outbox) -> None:
        self._out = out
        self._lock = threading.Lock()
        self._held: list[str] | None = []

    def add(self, warning: str) -> None:
        """One warning, from the loading thread."""
        with self._lock:
            if self._held is not None:
                self._held.append(warning)
                return
        self._out.send({"ev": "warnings", "warnings": [warning]})

    def ready(self) -> list[str]:
        """The warnings so far (sent with ``ready``); later ones go out on their own."""
        with self._lock:
            held, self._held = self._held or [], None
        return held


class Worker:
    """Owns one backend and answers the parent's commands."""

    def __init__(self, out: Outbox, bank: Bank, backend: DeviceBackend, volume: int) -> None:
        self.out = out
        self.bank = bank
        self.backend = backend
        self.volume = volume
        fault = os.environ.get(FAULT_ENV, "")
        kind, _, only = fault.partition(":")
        self.fault = kind if kind and (not only or only == backend.name) else ""

    def _handoff(self, token: int, at: float) -> None:
        self.out.send({"ev": "played", "id": token, "at": at})

    def handle(self, cmd: dict[str, Any]) -> None:
        """Carry out one command and answer it."""
        op, token = cmd.get("op"), int(cmd.get("id", 0))
        if op == "ping":
            self.out.send({"ev": "pong", "id": token})
        elif op == "volume":
            self.volume = int(cmd["value"])
            self.out.send({"ev": "ack", "id": token})
        elif op == "play":
            self._play(cmd, token)
        else:
            self.out.send({"ev": "failed", "id": token, "reason": f"unknown op {op!r}"})

    def _play(self, cmd: dict[str, Any], token: int) -> None:
        late = time.monotonic() - float(cmd.get("due", time.monotonic()))
        if late > STALE_AFTER:
            self.out.send({"ev": "dropped", "id": token, "reason": f"{late:.2f} s late"})
            return
        if self.fault == "crash":
            os.kill(os.getpid(), signal.SIGSEGV)
        if self.fault == "hang":
            while True:
                time.sleep(3600)
        sound = Sound(cmd["sound"])
        samples = self.bank.at_volume(sound, self.volume)
        try:
            self.backend.play(f"{sound.value}-{self.volume}", samples, token, self._handoff)
        except Exception as exc:  # the device went away, is busy...: report, keep serving
            reason = f"{exc.__class__.__name__}: {exc}"
            self.out.send({"ev": "failed", "id": token, "reason": reason})


def open_first(order: list[str], out: Outbox, scratch: Path | None = None,
               ) -> tuple[DeviceBackend | None, list[list[str]]]:
    """The first backend of ``order`` that opens, and why each earlier one was passed over."""
    passed: list[list[str]] = []
    fault = os.environ.get(FAULT_ENV, "")
    for name in order:
        out.send({"ev": "trying", "backend": name})
        if fault == f"crash-open:{name}":
            out.close()  # let the parent hear which backend is being tried
            os.kill(os.getpid(), signal.SIGSEGV)
        try:
            return open_backend(name, SAMPLE_RATE, scratch), passed
        except BackendUnavailable as exc:
            passed.append([name, str(exc)])
    return None, passed


def _no_core_dump() -> None:
    """A backend that crashes leaves no core file in the user's folder, and is seen to have
    died at once (writing a core of this process took longer than a command's answer)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # not on this system: crash as it will
        pass


def main() -> int:
    """Run the worker until stdin closes."""
    _no_core_dump()
    out = Outbox(_silence_fds())
    _diagnostics()
    # A command must not wait the default 5 ms for the GIL while an audio callback runs.
    sys.setswitchinterval(0.0005)
    stdin = sys.stdin.buffer
    config = json.loads(stdin.readline() or b"{}")
    if os.environ.get(FAULT_ENV) == "crash-start":
        os.kill(os.getpid(), signal.SIGSEGV)
    try:
        bank = builtin_bank()
    except SoundFileError as exc:
        out.send({"ev": "ready", "backend": None, "detail": "", "passed": [],
                  "warnings": [], "error": str(exc)})
        out.close()
        return 1
    notes = _Notes(out)
    loading = load_overrides(bank, config.get("overrides") or {}, budget=OWN_SOUNDS_BUDGET,
                             report=notes.add)
    scratch = Path(config["scratch"]) if config.get("scratch") else None
    backend, passed = open_first(list(config.get("order", [])), out, scratch)
    loading.join(OWN_SOUNDS_WAIT)  # small own sounds are in place before the first cue
    out.send({"ev": "ready", "backend": backend.name if backend else None,
              "detail": backend.detail if backend else "", "passed": passed,
              "warnings": notes.ready()})
    if backend is None:
        out.close()
        return 0
    worker = Worker(out, bank, backend, int(config.get("volume", 100)))
    for line in stdin:
        try:
            cmd = json.loads(line)
        except ValueError:
            continue
        worker.handle(cmd)
    backend.close()
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
