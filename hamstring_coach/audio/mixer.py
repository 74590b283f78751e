"""The miniaudio backend: one device stream fed by a small mixer.

miniaudio installs from wheels on Linux, macOS and Windows for every current
Python (no compiler, no ALSA headers) and talks to PulseAudio/PipeWire, ALSA,
CoreAudio or WASAPI directly. One playback stream with a 10 ms period is
opened once; the device's callback asks the mixer for frames, so a new sound
is handed to the device at the next callback. Overlapping sounds are mixed.

The stream is stopped after two seconds of silence (counted in frames, so
it costs nothing on a real device and bounds the output of devices that
never block, like ALSA's ``null``) and restarted by the next sound.
"""

from __future__ import annotations

import array
import threading
import time
from typing import Any

from hamstring_coach.audio.bank import Samples
from hamstring_coach.audio.device import BackendUnavailable, OnHandOff

PERIOD_MS = 10
IDLE_STOP_SECONDS = 2.0
STUCK_AFTER = 0.3  # seconds a queued sound may wait for a callback before the stream restarts


class Mixer:
    """Mixes queued sounds into the frames a device callback asks for; ``add`` is thread-safe."""

    def __init__(self, sample_rate: int, on_handoff: OnHandOff) -> None:
        self._lock = threading.Lock()
        self._pending: list[tuple[Samples, int]] = []
        self._pending_since: float | None = None  # when the oldest pending sound was added
        self._voices: list[tuple[Samples, int]] = []  # (samples, next position)
        self._on_handoff = on_handoff
        self._idle_limit = round(IDLE_STOP_SECONDS * sample_rate)
        self._idle_frames = 0
        self._zeros: dict[int, Samples] = {}
        self.idle = threading.Event()  # set once the idle limit is reached

    def add(self, samples: Samples, token: int) -> None:
        """Queue a sound; it starts at the next callback."""
        with self._lock:
            if not self._pending:
                self._pending_since = time.monotonic()
            self._pending.append((samples, token))
            self._idle_frames = 0
            self.idle.clear()

    def waiting(self) -> float:
        """Seconds the oldest queued sound has waited for a callback (0 if none waits)."""
        with self._lock:
            since = self._pending_since
            return 0.0 if since is None or not self._pending else time.monotonic() - since

    def is_idle(self) -> bool:
        """True when nothing plays or waits and the stream has been silent long enough."""
        with self._lock:
            return not self._pending and not self._voices and \
                self._idle_frames >= self._idle_limit

    def _silence(self, frames: int) -> Samples:
        if frames not in self._zeros:
            self._zeros[frames] = array.array("h", bytes(2 * frames))
        return self._zeros[frames]

    def mix(self, frames: int) -> Samples:
        """The next ``frames`` samples of the mix."""
        with self._lock:
            new, self._pending = self._pending, []
            self._pending_since = None
        if new:
            now = time.monotonic()
            for samples, token in new:
                self._voices.append((samples, 0))
                self._on_handoff(token, now)
        if not self._voices:
            with self._lock:
                self._idle_frames += frames
                if self._idle_frames >= self._idle_limit:
                    self.idle.set()
            return self._silence(frames)
        if len(self._voices) == 1:
            samples, pos = self._voices[0]
            out = samples[pos:pos + frames]
            if len(out) < frames:
                out.extend(self._silence(frames - len(out)))
        else:
            acc = [0] * frames
            for samples, pos in self._voices:
                for i, value in enumerate(samples[pos:pos + frames]):
                    acc[i] += value
            out = array.array("h", (max(-32768, min(32767, v)) for v in acc))
        self._voices = [(s, p + frames) for s, p in self._voices if p + frames < len(s)]
        return out

    def feeder(self) -> Feeder:
        """What miniaudio's PlaybackDevice calls for frames (see :class:`Feeder`)."""
        return Feeder(self)


class Feeder:
    """Stands in for the generator miniaudio expects: it only needs ``send(frames)``.

    A real generator raises "generator already executing" if the device calls
    it from two threads at once (which can happen around a device start under
    load), and any exception makes miniaudio drop it for good, leaving the
    stream silent. This one serialises calls and turns errors into silence.
    """

    def __init__(self, mixer: Mixer) -> None:
        self._mixer = mixer
        self._lock = threading.Lock()

    def send(self, frames: int) -> Samples:
        """The next ``frames`` samples (silence if mixing failed)."""
        with self._lock:
            try:
                return self._mixer.mix(frames)
            except Exception:  # never let one bad buffer silence the stream
                return array.array("h", bytes(2 * frames))


class MiniaudioBackend:
    """Plays through one miniaudio device, started on demand and stopped when idle."""

    name = "miniaudio"

    def __init__(self, device: Any, sample_rate: int) -> None:
        # miniaudio (a C extension) loads in the worker process only
        import miniaudio

        self._lib = miniaudio.lib
        self._device = device
        self._lock = threading.Lock()
        self._running = False
        self._closed = False
        self._on_handoff: OnHandOff = lambda token, at: None
        self._mixer = Mixer(sample_rate, self._handoff)
        self.detail = str(device.backend)
        self._stopper = threading.Thread(target=self._stop_when_idle, daemon=True,
                                         name="miniaudio-idle-stop")
        self._stopper.start()

    def _handoff(self, token: int, at: float) -> None:
        self._on_handoff(token, at)

    def play(self, key: str, samples: Samples, token: int, on_handoff: OnHandOff) -> None:
        """Queue the sound in the mixer; start the stream if it is stopped."""
        with self._lock:
            self._on_handoff = on_handoff
            self._mixer.add(samples, token)
            self._ensure_running()

    def _ensure_running(self) -> None:
        """Start the stream, or restart it if it stopped feeding us (call with the lock held)."""
        device = self._device
        if self._running and (device.callback_generator is None
                              or not self._lib.ma_device_is_started(device._device)):
            # miniaudio dropped our feeder (it does after an error in a callback) or the
            # device stopped on its own: restart it rather than lose every later sound.
            device.stop()
            self._running = False
        if not self._running:
            device.start(self._mixer.feeder())
            self._running = True

    def _stop_when_idle(self) -> None:
        """Stop the stream after a silence; restart it if a sound waits unplayed."""
        while not self._closed:
            if not self._mixer.idle.wait(timeout=0.1):
                if self._mixer.waiting() > STUCK_AFTER:
                    with self._lock:
                        if self._running:  # a running stream that takes nothing is stuck
                            self._device.stop()
                            self._running = False
                        self._ensure_running()
                continue
            with self._lock:
                if self._running and self._mixer.is_idle():
                    self._device.stop()
                    self._running = False
                self._mixer.idle.clear()

    def close(self) -> None:
        """Stop and release the device."""
        self._closed = True
        with self._lock:
            self._device.close()
            self._running = False


def open_miniaudio(sample_rate: int) -> MiniaudioBackend:
    """A miniaudio playback device on a real backend (never miniaudio's silent 'null' one)."""
    try:
        # miniaudio (a C extension) loads in the worker process only
        import miniaudio
    except ImportError as exc:
        raise BackendUnavailable(f"cannot be imported ({exc})") from None
    real = [b for b in miniaudio.Backend if b.name not in ("NULL", "CUSTOM")]
    try:
        device = miniaudio.PlaybackDevice(
            output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1,
            sample_rate=sample_rate, buffersize_msec=PERIOD_MS, backends=real,
            app_name="hamstring-coach")
    except Exception as exc:  # MiniaudioError("failed to init device", -401) and the like
        why = " ".join(str(a) for a in exc.args) or exc.__class__.__name__
        raise BackendUnavailable(f"no sound device ({why})") from None
    if str(device.backend).lower() == "null":
        device.close()
        raise BackendUnavailable("no sound device (only miniaudio's silent null backend)")
    return MiniaudioBackend(device, sample_rate)
