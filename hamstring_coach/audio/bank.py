"""The sound bank: the shipped WAVs (``sounds/``) or a session's own, as 16-bit mono samples.

Shipped sounds are read with the standard library's ``wave``. A session's own
sound (the ``sounds:`` mapping) may be any WAV; files the ``wave`` module
cannot read (float or extensible WAVs, other sample rates and widths it does
not handle) are decoded with miniaudio, which converts to 16-bit mono at the
bank's rate. A sound that cannot be read is replaced by the shipped one with a
warning, so a bad file never silences a session. A session's own sounds are
decoded with miniaudio first (C code: a 10 s 192 kHz 24-bit stereo file in
about 0.1 s, where ``wave`` and Python take 8 s), and the audio worker loads
them on a thread within a time budget (:func:`load_overrides`).
"""

from __future__ import annotations

import array
import io
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

from hamstring_coach.plan.timeline import Sound
from hamstring_coach.system.files import read_regular
from hamstring_coach.system.paths import sounds_dir

SAMPLE_RATE = 44100
MAX_SECONDS = 10.0
# 10 s of 8 channels of 32-bit samples at 192 kHz, with room for the headers: a cue
# sound is far smaller; a bigger file is refused before it is read.
MAX_SOUND_BYTES = 64 << 20
DESCRIPTIONS = {
    Sound.TICK: "countdown tick, each of the last seconds",
    Sound.GO: "go: work begins",
    Sound.LOWER: "lower: the eccentric phase begins",
    Sound.LIFT: "lift: the concentric phase begins",
    Sound.PAUSE: "pause or squeeze begins",
    Sound.SWITCH: "switch side",
    Sound.REST: "rest begins",
    Sound.HALFWAY: "half-way through a long hold or timed work",
    Sound.DONE: "session finished",
    Sound.BREAK: "a desk break is due",
}  # a cue longer than this is a mistake (and would mask the next cues)

Samples: TypeAlias = "array.array[int]"  # typecode "h": signed 16-bit mono


class SoundFileError(Exception):
    """A sound file that cannot be read, with a message fit for the user."""


def _to_mono16(raw: bytes, width: int, channels: int) -> list[int]:
    """Decode little-endian PCM of 1-4 bytes per sample to 16-bit mono values."""
    if width == 1:  # 8-bit WAV is unsigned
        values = [(b - 128) << 8 for b in raw]
    elif width == 2:
        arr = array.array("h", raw[: len(raw) - len(raw) % 2])
        if sys.byteorder == "big":
            arr.byteswap()
        values = arr.tolist()
    elif width in (3, 4):
        values = [int.from_bytes(raw[i:i + width], "little", signed=True) >> (8 * width - 16)
                  for i in range(0, len(raw) - width + 1, width)]
    else:
        raise SoundFileError(f"{width * 8}-bit samples are not supported")
    if channels == 1:
        return values
    return [sum(values[i:i + channels]) // channels
            for i in range(0, len(values) - channels + 1, channels)]


def resample(values: list[int], from_rate: int, to_rate: int) -> list[int]:
    """Linear-interpolation resampling (cue sounds are short; quality is ample)."""
    if from_rate == to_rate or not values:
        return values
    count = max(1, round(len(values) * to_rate / from_rate))
    step = from_rate / to_rate
    last = len(values) - 1
    out = []
    for i in range(count):
        pos = i * step
        j = min(int(pos), last)
        frac = pos - j
        nxt = values[min(j + 1, last)]
        out.append(round(values[j] + (nxt - values[j]) * frac))
    return out


def _read_with_wave(data: bytes, sample_rate: int) -> Samples:
    with wave.open(io.BytesIO(data), "rb") as wav:
        width, channels, rate = wav.getsampwidth(), wav.getnchannels(), wav.getframerate()
        if wav.getnframes() > MAX_SECONDS * rate:
            raise SoundFileError(f"longer than {MAX_SECONDS:g} s")
        raw = wav.readframes(wav.getnframes())
    return array.array("h", resample(_to_mono16(raw, width, channels), rate, sample_rate))


def _read_with_miniaudio(data: bytes, sample_rate: int) -> Samples:
    # miniaudio (a C extension) only for a file that is not plain WAV
    import miniaudio

    decoded = miniaudio.decode(data, output_format=miniaudio.SampleFormat.SIGNED16,
                               nchannels=1, sample_rate=sample_rate)
    samples = array.array("h", decoded.samples)
    if len(samples) > MAX_SECONDS * sample_rate:
        raise SoundFileError(f"longer than {MAX_SECONDS:g} s")
    return samples


def _read_fast(data: bytes, sample_rate: int) -> Samples | None:
    """Decode with miniaudio (C: a 10 s 192 kHz 24-bit stereo WAV in 0.1 s, not 8 s);
    None when miniaudio is not there or cannot read the bytes (the ``wave`` path decides)."""
    try:
        import miniaudio  # noqa: F401  (only whether it is there)
    except ImportError:
        return None
    try:
        return _read_with_miniaudio(data, sample_rate)
    except SoundFileError:
        raise
    except Exception:  # not something miniaudio reads: let wave and its messages decide
        return None


def read_sound(path: Path, sample_rate: int = SAMPLE_RATE, *, fast: bool = False) -> Samples:
    """Read a sound file as 16-bit mono at ``sample_rate``; raise SoundFileError if unreadable.

    Only a regular file is opened (a FIFO or a device is refused at once),
    and its bytes are read once, up to :data:`MAX_SOUND_BYTES`, then decoded.
    ``fast`` tries miniaudio first (a session's own sounds, any size within
    the bounds); the shipped sounds are small and read with ``wave``.
    """
    try:
        data = read_regular(path, MAX_SOUND_BYTES)
    except OSError as exc:
        raise SoundFileError(exc.strerror or str(exc)) from exc
    if len(data) > MAX_SOUND_BYTES:
        raise SoundFileError(f"larger than {MAX_SOUND_BYTES >> 20} MiB")
    if fast:
        samples = _read_fast(data, sample_rate)
        if samples is not None:
            return samples
    try:
        data = read_regular(path, MAX_SOUND_BYTES)
    except OSError as exc:
        raise SoundFileError(exc.strerror or str(exc)) from exc
    if len(data) > MAX_SOUND_BYTES:
        raise SoundFileError(f"larger than {MAX_SOUND_BYTES >> 20} MiB")
    try:
        return _read_with_wave(data, sample_rate)
    except SoundFileError:
        raise
    except OSError as exc:
        raise SoundFileError(exc.strerror or str(exc)) from exc
    except (wave.Error, EOFError, ValueError) as first:
        try:
            return _read_with_miniaudio(data, sample_rate)
        except SoundFileError:
            raise
        except Exception as exc:  # miniaudio missing or cannot decode it either
            raise SoundFileError(f"not a readable WAV file ({first})") from exc


def volume_gain(volume: int) -> float:
    """Amplitude for a 0-100 volume: squared, so equal steps sound roughly equal."""
    v = min(max(volume, 0), 100) / 100
    return v * v


def scale(samples: Samples, volume: int) -> Samples:
    """``samples`` at ``volume`` (0-100); 100 returns them unchanged."""
    gain = volume_gain(volume)
    if gain >= 1.0:
        return array.array("h", samples)
    return array.array("h", (int(s * gain) for s in samples))


@dataclass
class Bank:
    """Every Sound's samples at one sample rate, with where each came from."""

    sample_rate: int
    samples: dict[Sound, Samples]
    sources: dict[Sound, Path]
    _scaled: dict[tuple[Sound, int], Samples] = field(default_factory=dict, repr=False)
    # A session's own sounds may arrive from a loading thread while sounds play.
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def seconds(self, sound: Sound) -> float:
        """Length of ``sound`` in seconds."""
        return len(self.samples[sound]) / self.sample_rate

    def at_volume(self, sound: Sound, volume: int) -> Samples:
        """``sound`` scaled to ``volume``, cached."""
        key = (sound, volume)
        with self._lock:
            if key not in self._scaled:
                self._scaled[key] = scale(self.samples[sound], volume)
            return self._scaled[key]

    def replace(self, sound: Sound, samples: Samples, source: Path) -> None:
        """Use ``samples`` for ``sound`` from now on."""
        with self._lock:
            self.samples[sound] = samples
            self.sources[sound] = source
            for key in [k for k in self._scaled if k[0] is sound]:
                del self._scaled[key]


def _override_items(overrides: Mapping[str, Path] | Iterable[tuple[str, Path]] | None,
                    ) -> list[tuple[str, Path]]:
    if overrides is None:
        return []
    if isinstance(overrides, Mapping):
        return [(str(k), Path(v)) for k, v in overrides.items()]
    return [(str(k), Path(v)) for k, v in overrides]


def load_bank(overrides: Mapping[str, Path] | Iterable[tuple[str, Path]] | None = None,
              sample_rate: int = SAMPLE_RATE) -> tuple[Bank, list[str]]:
    """The shipped bank with ``overrides`` (sound name -> WAV) applied; plus warnings.

    A missing shipped sound is an installation error and raises SoundFileError;
    an unreadable override only warns and keeps the shipped sound. Every
    override is waited for (``render``, ``sound-check``); the audio worker
    loads them in the background instead (:func:`load_overrides`).
    """
    bank = builtin_bank(sample_rate)
    warnings: list[str] = []
    for name, path in _override_items(overrides):
        problem = apply_override(bank, name, path)
        if problem:
            warnings.append(problem)
    return bank, warnings


def builtin_bank(sample_rate: int = SAMPLE_RATE) -> Bank:
    """The shipped sounds; raises SoundFileError when one is missing (a broken install)."""
    samples: dict[Sound, Samples] = {}
    sources: dict[Sound, Path] = {}
    folder = sounds_dir()
    for sound in Sound:
        path = folder / f"{sound.value}.wav"
        try:
            samples[sound] = read_sound(path, sample_rate)
        except SoundFileError as exc:
            raise SoundFileError(f"{path}: {exc} (the installation is incomplete)") from exc
        sources[sound] = path
    return Bank(sample_rate, samples, sources)


def apply_override(bank: Bank, name: str, path: Path) -> str | None:
    """Read a session's own sound into ``bank``; a warning when it cannot be used."""
    known = {s.value: s for s in Sound}
    if name not in known:
        return f"sounds.{name}: no such sound (known: {', '.join(known)})"
    try:
        bank.replace(known[name], read_sound(path, bank.sample_rate, fast=True), path)
    except SoundFileError as exc:
        return f"sounds.{name}: {path}: {exc}; using the built-in sound"
    return None


def load_overrides(bank: Bank, overrides: Mapping[str, Path] | Iterable[tuple[str, Path]],
                   *, budget: float, report: Callable[[str], None],
                   clock: Callable[[], float] = time.monotonic) -> threading.Thread:
    """Load a session's own sounds into ``bank`` on a thread, within ``budget`` seconds.

    The built-in sounds play meanwhile; each own sound takes over as soon as
    it is read. One that is unreadable, or not read within the budget, is
    reported (``report(warning)``, from the thread) and the built-in one stays.
    """
    items = _override_items(overrides)
    deadline = clock() + budget

    def late(name: str, path: Path) -> str:
        return (f"sounds.{name}: {path}: not ready within {budget:g} s; "
                "using the built-in sound")

    def run() -> None:
        for index, (name, path) in enumerate(items):
            if clock() > deadline:
                for later, later_path in items[index:]:
                    report(late(later, later_path))
                return
            scratch = Bank(bank.sample_rate, {}, {})
            problem = apply_override(scratch, name, path)
            if problem:
                report(problem)
            elif clock() > deadline:
                report(late(name, path))  # read, but too late to be trusted in this session
            else:
                for sound, samples in scratch.samples.items():
                    bank.replace(sound, samples, scratch.sources[sound])

    thread = threading.Thread(target=run, daemon=True, name="own-sounds")
    thread.start()
    return thread
