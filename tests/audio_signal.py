"""Signal helpers for the audio tests: read samples, find onsets, compare spectra.

Pure Python (numpy is not a dependency): sounds are short, so plain loops
over tens of thousands of samples are fast enough.
"""

from __future__ import annotations

import array
import itertools
import math
import sys
import wave
from collections.abc import Mapping
from pathlib import Path
from typing import Generic, TypeVar

K = TypeVar("K")


def read_wav(path: Path) -> tuple[array.array[int], int]:
    """16-bit mono samples of a WAV file and its sample rate."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2 and wav.getnchannels() == 1, path
        data = array.array("h", wav.readframes(wav.getnframes()))
        rate = wav.getframerate()
    if sys.byteorder == "big":
        data.byteswap()
    return data, rate


def read_raw(paths: list[Path]) -> array.array[int]:
    """S16_LE mono raw files (ALSA's file plugin output), concatenated in the given order."""
    data = array.array("h")
    for path in paths:
        chunk = path.read_bytes()
        data.frombytes(chunk[: len(chunk) - len(chunk) % 2])
    if sys.byteorder == "big":
        data.byteswap()
    return data


def onsets(samples: array.array[int], rate: int, *, threshold: int = 3,
           min_gap: float = 0.03) -> list[int]:
    """Sample indices where sound starts after at least ``min_gap`` s of silence.

    A sound starts at its first sample whose magnitude exceeds ``threshold``
    (a few LSB: the raised-cosine attack leaves the noise floor within a
    fraction of a millisecond).
    """
    gap = round(min_gap * rate)
    found: list[int] = []
    last_loud = -gap - 1
    for i, value in enumerate(samples):
        if value > threshold or value < -threshold:
            if i - last_loud > gap:
                found.append(i)
            last_loud = i
    return found


def find_all(haystack: array.array[int], needle: array.array[int]) -> list[int]:
    """Sample positions where ``needle`` occurs exactly in ``haystack``."""
    hay, pin = haystack.tobytes(), needle.tobytes()
    out, pos = [], hay.find(pin)
    while pos != -1:
        if pos % 2 == 0:
            out.append(pos // 2)
        pos = hay.find(pin, pos + 1)
    return out


def goertzel_power(samples: array.array[int] | list[float], rate: int, freq: float) -> float:
    """Signal power at ``freq`` (one DFT bin, computed directly)."""
    coeff = 2.0 * math.cos(2.0 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in samples:
        s0 = x + coeff * s1 - s2
        s2, s1 = s1, s0
    return s1 * s1 + s2 * s2 - coeff * s1 * s2


FEATURE_FREQS = tuple(200.0 * 2 ** (k / 6) for k in range(25))  # 200 Hz .. 3.2 kHz, half-tones x2


def features(samples: array.array[int], rate: int, segments: int = 4) -> list[float]:
    """A small spectrogram (segments x log-spaced bands), normalised to unit length."""
    n = len(samples) // segments
    vec: list[float] = []
    for s in range(segments):
        part = samples[s * n:(s + 1) * n]
        vec += [math.sqrt(goertzel_power(part, rate, f)) for f in FEATURE_FREQS]
    norm = math.sqrt(sum(v * v for v in vec)) or 1.0
    return [v / norm for v in vec]


def similarity(a: list[float], b: list[float]) -> float:
    """Cosine similarity of two feature vectors (1 = same spectrum and shape)."""
    return sum(x * y for x, y in zip(a, b, strict=True))


def dominant_freq(samples: array.array[int] | list[int], rate: int) -> float:
    """Rough pitch by zero crossings (fine for the pure tones of the bank)."""
    crossings = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return crossings * rate / (2 * max(len(samples), 1))


def _write_tone(path: Path, freq: float, seconds: float, rate: int, channels: int) -> None:
    """A soft-edged tone as a WAV of any rate and channel count (a user's own sound)."""
    count = round(seconds * rate)
    ramp = round(0.01 * rate)
    frames = array.array("h")
    for i in range(count):
        env = min(1.0, i / ramp, (count - 1 - i) / ramp)
        frames.extend([round(12000 * env * math.sin(2 * math.pi * freq * i / rate))] * channels)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames.tobytes())


def unmix(mix: list[int], templates: Mapping[K, array.array[int]],
          depth: int = 3) -> list[tuple[int, K]] | None:
    """``mix`` explained as the sum of up to ``depth`` sounds from ``templates``: their
    (start, name) pairs, or None where no such sum gives ``mix`` sample for sample.

    A mixer adds sounds that overlap (the miniaudio backend's does), so two cues
    played close together come out as one stretch whose every sample is the sum of
    theirs. The earliest non-zero sample belongs to
    the sound that starts first: try each template there, subtract it, and explain
    what is left the same way.
    """
    first = next((i for i, v in enumerate(mix) if v), None)
    if first is None:
        return []
    if depth == 0:
        return None
    # Templates whose first sound sample equals the mix's are tried first: that is the
    # usual case (two sounds starting on the same sample is the only other one).
    order = sorted(templates.items(),
                   key=lambda item: item[1][_lead(item[1])] != mix[first])
    for name, tpl in order:
        start = first - _lead(tpl)
        # The template may run past either end of the stretch only with silence.
        if any(tpl[:max(0, -start)]) or any(tpl[len(mix) - start:]):
            continue
        rest = list(mix)
        for i, value in enumerate(tpl, start):
            if 0 <= i < len(rest):
                rest[i] -= value
        found = unmix(rest, templates, depth - 1)
        if found is not None:
            return sorted([(start, name), *found], key=lambda hit: hit[0])
    return None


def _lead(tpl: array.array[int]) -> int:
    return next((i for i, v in enumerate(tpl) if v), 0)



class Pieces(Generic[K]):
    """Sounds found as verbatim pieces: what a stream restarted mid-sound leaves.

    A playback stream that stalls is stopped and opened again (the miniaudio
    backend does, after 0.3 s without a callback); the frames it held are lost, so a
    sound playing then comes out with a gap: its first part, then the rest from a
    later sample on. Each piece is still the sound's own samples, sample for sample.
    ``find`` explains a stretch as such pieces, left to right, and counts a sound
    once its pieces (one carrying on from the last, later in the same sound) hold
    at least half of it: a scrap is no sound.
    """

    PROBE = 256  # samples looked up to place a piece in a sound

    def __init__(self, templates: Mapping[K, array.array[int]]) -> None:
        self.templates = dict(templates)
        self._bytes = {name: tpl.tobytes() for name, tpl in self.templates.items()}
        # The sound being pieced together: name, where its last piece ended in it,
        # samples found so far, where it began in the stretch, and whether it counted.
        self._now: tuple[K, int, int, int, bool] | None = None

    def find(self, stretch: list[int]) -> list[tuple[int, K]] | None:
        """(start, name) of each sound in ``stretch``; None if it is not pieces."""
        found: list[tuple[int, K]] = []
        pos = 0
        while pos < len(stretch):
            if not stretch[pos]:
                pos += 1
                continue
            piece = self._longest(stretch, pos)
            if piece is None:
                return None
            name, offset, length = piece
            now = self._now
            if now is not None and now[0] == name and offset >= now[1]:
                now = (name, offset + length, now[2] + length, now[3], now[4])
            else:
                now = (name, offset + length, length, pos - offset, False)
            if not now[4] and 2 * now[2] >= len(self.templates[name]):
                found.append((now[3], name))
                now = (*now[:4], True)
            self._now = now
            pos += length
        return found

    def _longest(self, stretch: list[int], pos: int) -> tuple[K, int, int] | None:
        probe = array.array("h", stretch[pos:pos + self.PROBE])
        if len(probe) < 32:
            return None  # too little to tell one sound from another
        pin = probe.tobytes()
        best: tuple[K, int, int] | None = None
        for name, raw in self._bytes.items():
            tpl = self.templates[name]
            at = raw.find(pin)
            while at != -1:
                if at % 2 == 0:
                    offset = at // 2
                    length = len(probe)
                    while (pos + length < len(stretch) and offset + length < len(tpl)
                           and stretch[pos + length] == tpl[offset + length]):
                        length += 1
                    if best is None or length > best[2]:
                        best = (name, offset, length)
                at = raw.find(pin, at + 1)
        return best
