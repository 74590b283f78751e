"""One audio worker process as the player sees it: the process, a pipe to it, a reader.

Commands are written to the worker's stdin without ever blocking (the pipe
is non-blocking: a full pipe means the worker is stuck, and the write fails
instead of waiting). Each answer line is put on the player's inbox by a
reader thread, tagged with the worker's generation so answers from a worker
already replaced are ignored. stderr goes to /dev/null.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from hamstring_coach.plan.timeline import Sound


def pulse_env(environ: dict[str, str], scratch: Path) -> dict[str, str]:
    """What the worker's environment needs so PulseAudio's probe leaves nothing behind.

    Without ``XDG_RUNTIME_DIR`` (ssh, su, containers, CI), libpulse makes its
    runtime folder ``$TMPDIR/pulse-XXXXXXXXXXXX`` and a link to it in
    ``~/.config/pulse/``, even when no server is there and miniaudio goes on to
    ALSA, and never removes either. Pointing ``PULSE_RUNTIME_PATH`` into the
    player's scratch folder (removed at close) keeps both away. Left alone:
    a runtime path given already, a named server, and a running per-user
    server found through libpulse's own link (its ``native`` socket).
    """
    if any(environ.get(name) for name in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH",
                                          "PULSE_SERVER")):
        return {}
    config = environ.get("PULSE_CONFIG_PATH") or str(
        Path(environ.get("XDG_CONFIG_HOME") or Path(environ.get("HOME") or Path.home())
             / ".config") / "pulse")
    try:
        if any((link / "native").is_socket() for link in Path(config).glob("*-runtime")):
            return {}
    except OSError:
        pass
    runtime = scratch / "pulse"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {"PULSE_RUNTIME_PATH": str(runtime)}


class WorkerProcess:
    """One worker process, the pipe to it and its reader thread."""

    def __init__(self, gen: int, inbox: queue.Queue[tuple[Any, ...]],
                 config: dict[str, Any]) -> None:
        self.gen = gen
        env = dict(os.environ)
        # The worker must import this very package, wherever it was run from.
        root = str(Path(__file__).resolve().parent.parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        if config.get("scratch"):
            env.update(pulse_env(env, Path(config["scratch"])))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "hamstring_coach.audio.worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, start_new_session=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.fd = self.proc.stdin.fileno()
        self.started = time.monotonic()
        self.ready = False
        self.backend: str | None = None
        self.trying: str | None = None
        self.outstanding: dict[int, tuple[float, Sound | None, float]] = {}
        self.last_sent = self.started
        self.failed_plays = 0
        self.send(config)
        os.set_blocking(self.fd, False)
        stdout = self.proc.stdout
        threading.Thread(target=self._read, args=(stdout, inbox), daemon=True,
                         name=f"audio-reader-{gen}").start()

    def _read(self, stdout: Any, inbox: queue.Queue[tuple[Any, ...]]) -> None:
        for line in stdout:
            try:
                inbox.put(("ev", self.gen, json.loads(line)))
            except ValueError:
                continue
        inbox.put(("eof", self.gen))

    def send(self, message: dict[str, Any]) -> bool:
        """Write one line; False if the pipe is full or broken (the worker is stuck or gone)."""
        data = json.dumps(message).encode() + b"\n"
        try:
            written = os.write(self.fd, data)
        except (BlockingIOError, BrokenPipeError, OSError):
            return False
        self.last_sent = time.monotonic()
        return written == len(data)

    def killed_by_signal(self) -> bool:
        """True once the process has ended by a signal (a crash), not by itself."""
        code = self.proc.poll()
        return code is not None and code < 0

    def stop(self, *, kill: bool) -> None:
        """End the process: politely (close stdin) or by SIGKILL."""
        try:
            if kill and os.environ.get("HAMSTRING_COACH_AUDIO_LOG") and hasattr(signal, "SIGUSR1"):
                self.proc.send_signal(signal.SIGUSR1)  # the worker logs where it was stuck
                time.sleep(0.2)
            if kill:
                self.proc.kill()
            else:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
            self.proc.wait(timeout=1.0)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
