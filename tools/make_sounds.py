#!/usr/bin/env python3
"""Generate the sound bank in ``sounds/``: short, click-free WAVs, one per cue.

Run ``python tools/make_sounds.py [OUT_DIR]`` (default: the repository's
``sounds/``). Standard library only (``wave``, ``array``, ``math``), so the
bank can be regenerated anywhere; the output is deterministic.

Every note has a raised-cosine attack and release of at least 10 ms, so no
sound starts or ends with a step (a click). Each sound lasts under 0.4 s
because tempo boundaries can be one second apart. The sounds differ in pitch
and shape so they can be told apart with eyes closed:

========  =====================================================
tick      short high blip (G6), the countdown
go        rising two-note call (G5 -> D6): work begins
lower     falling glide, low (520 -> 260 Hz): eccentric
lift      rising glide, higher (620 -> 1240 Hz): concentric
pause     steady mid tone (E5): pause or squeeze
switch    two tones, high then lower (B5, F#5): switch side
rest      soft low major chord (C4 E4 G4)
halfway   double blip (E6): half-way through a long hold or timed work
done      chime arpeggio (C5 E5 G5 C6): session finished
break     gentle three notes (G4 B4 D5): a desk break is due
========  =====================================================
"""

from __future__ import annotations

import array
import math
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 44100
MIN_RAMP = 0.010  # seconds: the shortest attack or release, to avoid clicks

Partials = Sequence[tuple[float, float]]  # (frequency multiple, relative amplitude)
PURE: Partials = ((1.0, 1.0),)


@dataclass(frozen=True)
class Note:
    """One note: a tone (or a glide from ``freq`` to ``glide_to``) with its envelope."""

    at: float  # start, seconds into the sound
    length: float  # seconds
    freq: float  # Hz at the start
    glide_to: float | None = None  # Hz at the end, for glides (exponential sweep)
    attack: float = 0.012
    release: float = 0.040
    decay: float = 0.0  # exponential decay rate (1/s) between attack and release; 0 = flat
    level: float = 1.0
    partials: Partials = PURE


def _raised_cosine(x: float) -> float:
    """0 at x=0 rising smoothly to 1 at x=1 (half a cosine period)."""
    return 0.5 - 0.5 * math.cos(math.pi * x)


def render_note(note: Note, out: list[float]) -> None:
    """Add ``note`` into ``out`` (a float buffer at SAMPLE_RATE)."""
    attack = max(note.attack, MIN_RAMP)
    release = max(note.release, MIN_RAMP)
    start = round(note.at * SAMPLE_RATE)
    count = round(note.length * SAMPLE_RATE)
    end_freq = note.glide_to or note.freq
    ratio = end_freq / note.freq
    phase = 0.0
    for i in range(count):
        t = i / SAMPLE_RATE
        # Exponential sweep: equal pitch steps per unit time sound like a smooth glide.
        freq = note.freq * ratio ** (i / max(count - 1, 1))
        phase += 2.0 * math.pi * freq / SAMPLE_RATE
        env = 1.0
        if t < attack:
            env = _raised_cosine(t / attack)
        remaining = note.length - t
        if remaining < release:
            env *= _raised_cosine(max(remaining, 0.0) / release)
        if note.decay:
            env *= math.exp(-note.decay * max(t - attack, 0.0))
        value = sum(amp * math.sin(phase * mult) for mult, amp in note.partials)
        out[start + i] += note.level * env * value


def synthesize(notes: Sequence[Note], peak: float) -> array.array[int]:
    """Mix ``notes`` and scale the mix so its largest sample is ``peak`` of full scale."""
    length = max(round((n.at + n.length) * SAMPLE_RATE) for n in notes)
    buf = [0.0] * length
    for note in notes:
        render_note(note, buf)
    top = max(abs(v) for v in buf) or 1.0
    scale = peak * 32767 / top
    return array.array("h", (round(v * scale) for v in buf))


BELL: Partials = ((1.0, 1.0), (2.0, 0.25), (3.0, 0.08))
WARM: Partials = ((1.0, 1.0), (2.0, 0.3), (3.0, 0.12))
BRIGHT: Partials = ((1.0, 1.0), (2.0, 0.15))

# name -> (notes, peak level as a fraction of full scale)
DESIGNS: dict[str, tuple[tuple[Note, ...], float]] = {
    "tick": ((Note(0.0, 0.070, 1568.0, attack=0.010, release=0.050, partials=BRIGHT),), 0.50),
    "go": (
        (
            Note(0.0, 0.130, 784.0, release=0.030, partials=BRIGHT),
            Note(0.110, 0.210, 1175.0, release=0.090, partials=BRIGHT),
        ),
        0.60,
    ),
    "lower": ((Note(0.0, 0.350, 520.0, glide_to=260.0, attack=0.015, release=0.070,
                    partials=WARM),), 0.60),
    "lift": ((Note(0.0, 0.300, 620.0, glide_to=1240.0, attack=0.015, release=0.060,
                   partials=BRIGHT),), 0.60),
    "pause": ((Note(0.0, 0.250, 659.0, attack=0.015, release=0.050,
                    partials=((1.0, 1.0), (3.0, 0.12))),), 0.55),
    "switch": (
        (
            Note(0.0, 0.140, 988.0, release=0.040, decay=4.0, partials=BELL),
            Note(0.150, 0.170, 740.0, release=0.070, decay=4.0, partials=BELL),
        ),
        0.60,
    ),
    "rest": (
        tuple(Note(0.0, 0.380, f, attack=0.030, release=0.150, decay=2.0, partials=WARM)
              for f in (261.6, 329.6, 392.0)),
        0.45,
    ),
    "halfway": (
        (
            Note(0.0, 0.060, 1319.0, attack=0.010, release=0.040, partials=BRIGHT),
            Note(0.120, 0.060, 1319.0, attack=0.010, release=0.040, partials=BRIGHT),
        ),
        0.50,
    ),
    "done": (
        tuple(Note(0.080 * k, 0.390 - 0.080 * k, f, attack=0.010, release=0.120, decay=5.0,
                   partials=BELL)
              for k, f in enumerate((523.3, 659.3, 784.0, 1046.5))),
        0.60,
    ),
    "break": (
        tuple(Note(0.120 * k, 0.140, f, attack=0.020, release=0.080, partials=PURE)
              for k, f in enumerate((392.0, 493.9, 587.3))),
        0.50,
    ),
}


def write_wav(path: Path, samples: array.array[int]) -> None:
    """Write 16-bit mono PCM at SAMPLE_RATE (little-endian, as WAV requires)."""
    data = array.array("h", samples)
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(data.tobytes())


def main(argv: Sequence[str] | None = None) -> int:
    """Write every sound of :data:`DESIGNS` into the output folder."""
    args = list(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "sounds"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, (notes, peak) in DESIGNS.items():
        samples = synthesize(notes, peak)
        write_wav(out_dir / f"{name}.wav", samples)
        print(f"{name:8s} {len(samples) / SAMPLE_RATE:.3f} s -> {out_dir / (name + '.wav')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
