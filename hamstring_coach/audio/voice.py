"""Spoken cues (``--voice``) through a speech engine (what is said: run/speech.py).

Speech runs in a child process (``espeak-ng``, ``espeak`` or macOS ``say``)
started from a background thread, so ``say`` never blocks the caller. If a
new cue arrives while one is still being spoken, the older one is cut off:
the newest cue is the one that matters. Without an engine, ``Voice.open``
returns None and the caller shows a one-line notice.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import subprocess
import threading
from pathlib import Path

ENGINES = ("espeak-ng", "espeak", "say")
NO_ENGINE_NOTICE = "Spoken cues are off: no speech engine found (install espeak-ng)"


class Voice:
    """Speaks text through an engine process, one utterance at a time, never blocking."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        self.volume = 100
        self._queue: queue.Queue[str | None] = queue.Queue(maxsize=8)
        self._current: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True, name="voice")
        self._thread.start()

    @classmethod
    def open(cls) -> Voice | None:
        """A Voice on the first engine found on PATH, or None."""
        for name in ENGINES:
            path = shutil.which(name)
            if path:
                return cls(path)
        return None

    def command(self, text: str) -> list[str]:
        """The engine's command line for ``text`` at the current volume."""
        if Path(self.engine).name == "say":
            return [self.engine, text]
        # espeak's amplitude is 0-200 with 100 as its normal loudness.
        return [self.engine, "-a", str(round(self.volume * 1.5)), text]

    def say(self, text: str) -> None:
        """Speak ``text`` soon; interrupts an utterance still playing."""
        text = " ".join(text.split())
        if not text:
            return
        try:
            self._queue.put_nowait(text)
        except queue.Full:
            return
        with self._lock:
            current = self._current
        if current is not None and current.poll() is None:
            current.terminate()

    def _run(self) -> None:
        while (text := self._queue.get()) is not None:
            while not self._queue.empty():  # only the newest pending cue is worth saying
                nxt = self._queue.get_nowait()
                if nxt is None:
                    return
                text = nxt
            try:
                proc = subprocess.Popen(self.command(text), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except OSError:
                continue
            with self._lock:
                self._current = proc
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def close(self) -> None:
        """Stop speaking and end the thread."""
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(None)
        with self._lock:
            current = self._current
        if current is not None and current.poll() is None:
            current.kill()
            current.wait()
