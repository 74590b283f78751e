"""Device backends, used only inside the audio worker process.

Each ``open_*`` function either returns a ready backend or raises
:class:`BackendUnavailable` with a reason a person can act on; the worker
tries them in order and reports why it passed over the others. A backend's
``play`` hands 16-bit mono samples to the device and calls ``on_handoff``
with the ``time.monotonic()`` reading when it did; it never waits for the
sound to finish.
"""

from __future__ import annotations

import array
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path
from typing import Any, Protocol

from hamstring_coach.audio.bank import Samples
from hamstring_coach.audio.device import BackendUnavailable as BackendUnavailable
from hamstring_coach.audio.device import OnHandOff
from hamstring_coach.run.ports import BACKENDS

# Every --audio name (named once, by the player port), and the order tried when
# none is given. "bell" and "silent" are not device backends: the player handles
# them in the app.
DEVICE_BACKENDS = BACKENDS[:BACKENDS.index("bell")]
AUTO_ORDER = (*DEVICE_BACKENDS, "bell")

# System players, first found and working wins; arguments before the file name.
SYSTEM_PLAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pw-play", ()),
    ("paplay", ()),
    ("aplay", ("-q",)),
    ("afplay", ()),
)

class DeviceBackend(Protocol):
    """What the worker needs from a backend."""

    name: str
    detail: str  # e.g. "ALSA" or "aplay", shown by sound-check

    def play(self, key: str, samples: Samples, token: int, on_handoff: OnHandOff) -> None:
        """Hand ``samples`` to the device (``key`` names them for caching)."""

    def close(self) -> None:
        """Release the device."""


def _silence(sample_rate: int, seconds: float = 0.01) -> bytes:
    return bytes(2 * round(sample_rate * seconds))


class SimpleaudioBackend:
    """simpleaudio: one ALSA (or CoreAudio/WinMM) stream per sound, played in its own thread."""

    name = "simpleaudio"

    def __init__(self, module: Any, sample_rate: int) -> None:
        self._sa = module
        self._rate = sample_rate
        self._playing: list[Any] = []
        self.detail = "simpleaudio 1.0.4" if sys.platform.startswith("linux") else "simpleaudio"

    def play(self, key: str, samples: Samples, token: int, on_handoff: OnHandOff) -> None:
        """``play_buffer`` opens the device and returns once its thread is writing."""
        self._playing = [p for p in self._playing if p.is_playing()]
        self._playing.append(self._sa.play_buffer(samples.tobytes(), 1, 2, self._rate))
        on_handoff(token, time.monotonic())

    def close(self) -> None:
        """Stop whatever still plays."""
        for p in self._playing:
            p.stop()
        self._playing.clear()


def open_simpleaudio(sample_rate: int) -> SimpleaudioBackend:
    """simpleaudio, if it is safe on this Python and installed, and a device opens."""
    if sys.version_info >= (3, 12):
        raise BackendUnavailable(
            "simpleaudio 1.0.4 crashes on Python 3.12 and later (py-simple-audio#72)")
    try:
        # an optional extra, loaded in the worker process only
        import simpleaudio
    except ImportError:
        raise BackendUnavailable(
            "not installed (pip install 'hamstring-coach[simpleaudio]')") from None
    try:
        # A few ms of silence proves that a device opens.
        simpleaudio.play_buffer(_silence(sample_rate), 1, 2, sample_rate).wait_done()
    except Exception as exc:
        raise BackendUnavailable(f"no sound device ({exc})") from None
    return SimpleaudioBackend(simpleaudio, sample_rate)


def write_wav(path: Path, samples: Samples, sample_rate: int) -> None:
    """Write 16-bit mono samples as a WAV file."""
    data = samples
    if sys.byteorder == "big":
        data = array.array("h", samples)
        data.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(data.tobytes())


class SystemBackend:
    """A system player (pw-play, paplay, aplay, afplay): one process per sound."""

    name = "system"

    def __init__(self, command: tuple[str, ...], folder: Path, sample_rate: int) -> None:
        self._command = command
        self._folder = folder
        self._rate = sample_rate
        self._children: list[subprocess.Popen[bytes]] = []
        self.detail = Path(command[0]).name

    def play(self, key: str, samples: Samples, token: int, on_handoff: OnHandOff) -> None:
        """Write the sound once per key, then start the player on it."""
        path = self._folder / f"{key}.wav"
        if not path.exists():
            write_wav(path, samples, self._rate)
        self._reap()
        self._children.append(subprocess.Popen(
            [*self._command, str(path)], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        on_handoff(token, time.monotonic())

    def _reap(self) -> None:
        alive = []
        for child in self._children:
            if child.poll() is None:
                alive.append(child)
        self._children = alive

    def close(self) -> None:
        """Stop players still running and remove the sound files."""
        for child in self._children:
            if child.poll() is None:
                child.kill()
                child.wait()
        shutil.rmtree(self._folder, ignore_errors=True)


def open_system(sample_rate: int, scratch: Path | None = None) -> SystemBackend:
    """The first system player found that plays a short silence without error.

    Sound files go in a new folder inside ``scratch`` (the player's, which it
    removes even if this process is killed), or in the system's temp folder.
    """
    reasons = []
    folder = Path(tempfile.mkdtemp(prefix="hamstring-coach-sounds-", dir=scratch))
    probe = folder / "probe.wav"
    write_wav(probe, array.array("h", _silence(sample_rate)), sample_rate)
    for exe, args in SYSTEM_PLAYERS:
        found = shutil.which(exe)
        if not found:
            continue
        command = (found, *args)
        try:
            done = subprocess.run([*command, str(probe)], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  timeout=5, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            reasons.append(f"{exe}: {exc.__class__.__name__}")
            continue
        if done.returncode == 0:
            return SystemBackend(command, folder, sample_rate)
        reasons.append(f"{exe}: no sound device (exit {done.returncode})")
    shutil.rmtree(folder, ignore_errors=True)
    if not reasons:
        names = ", ".join(exe for exe, _ in SYSTEM_PLAYERS)
        raise BackendUnavailable(f"no system player found ({names})")
    raise BackendUnavailable("; ".join(reasons))


def open_backend(name: str, sample_rate: int, scratch: Path | None = None) -> DeviceBackend:
    """Open the device backend called ``name`` or raise BackendUnavailable."""
    if name == "simpleaudio":
        return open_simpleaudio(sample_rate)
    if name == "miniaudio":
        # miniaudio loads in the worker process only, when chosen
        from hamstring_coach.audio.mixer import open_miniaudio

        return open_miniaudio(sample_rate)
    if name == "system":
        return open_system(sample_rate, scratch)
    raise BackendUnavailable(f"not a device backend: {name}")
