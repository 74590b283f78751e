"""The shipped sound bank: present, short, click-free, distinct, and reproducible."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from pathlib import Path

import pytest
from audio_signal import dominant_freq, features, read_wav, similarity

from hamstring_coach.plan.timeline import Sound
from hamstring_coach.system.paths import sounds_dir

REPO = Path(__file__).resolve().parents[2]
FULL = 32767


@pytest.fixture(scope="module")
def bank() -> dict[Sound, list[int]]:
    out = {}
    for sound in Sound:
        samples, rate = read_wav(sounds_dir() / f"{sound.value}.wav")
        assert rate == 44100
        out[sound] = samples
    return out


def test_every_sound_has_a_short_wav(bank: dict[Sound, list[int]]) -> None:
    for sound, samples in bank.items():
        seconds = len(samples) / 44100
        # Tempo boundaries can be 1 s apart: a cue must be over well before the next.
        assert 0.05 <= seconds <= 0.4, (sound, seconds)
        assert max(abs(v) for v in samples) >= 0.4 * FULL, f"{sound} is too quiet"
        assert max(abs(v) for v in samples) <= 0.61 * FULL, f"{sound} leaves no room to mix"


@pytest.mark.parametrize("sound", list(Sound))
def test_no_clicks(bank: dict[Sound, list[int]], sound: Sound) -> None:
    samples = bank[sound]
    peak = max(abs(v) for v in samples)
    # Starts and ends at silence: no step when the sound begins or stops.
    assert abs(samples[0]) <= 0.01 * FULL and abs(samples[-1]) <= 0.01 * FULL
    # No discontinuity: the largest sample-to-sample step is what a 3.2 kHz
    # sine at this peak can produce (the bank's highest partial), never more.
    max_step = max(abs(b - a) for a, b in itertools.pairwise(samples))
    assert max_step <= peak * 2 * math.pi * 3200 / 44100 * 1.1
    # Soft attack and decay: the first and last 5 ms are much quieter than the loudest 5 ms.
    rms = [_rms(samples[i:i + 220]) for i in range(0, len(samples) - 219, 220)]
    assert rms[0] < 0.35 * max(rms) and rms[-1] < 0.35 * max(rms)


def _rms(part: list[int]) -> float:
    return math.sqrt(sum(v * v for v in part) / len(part))


def test_sounds_are_distinct(bank: dict[Sound, list[int]]) -> None:
    feats = {s: features(bank[s], 44100) for s in Sound}
    for a, b in itertools.combinations(Sound, 2):
        assert similarity(feats[a], feats[b]) < 0.8, f"{a} and {b} sound alike"


def test_tempo_sounds_move_the_right_way(bank: dict[Sound, list[int]]) -> None:
    """Lowering falls in pitch and sits low; lifting rises and sits higher; pause is steady."""
    def pitch(samples: list[int], part: int) -> float:
        q = len(samples) // 4
        return dominant_freq(samples[part * q:(part + 1) * q], 44100)

    lower, lift, pause = bank[Sound.LOWER], bank[Sound.LIFT], bank[Sound.PAUSE]
    assert pitch(lower, 3) < 0.75 * pitch(lower, 0)
    assert pitch(lift, 3) > 1.4 * pitch(lift, 0)
    assert pitch(lift, 0) > pitch(lower, 0) and pitch(lift, 3) > 2 * pitch(lower, 3)
    assert abs(pitch(pause, 1) - pitch(pause, 2)) < 0.05 * pitch(pause, 1)


def test_generator_reproduces_the_shipped_bank(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(REPO / "tools" / "make_sounds.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for sound in Sound:
        made, _ = read_wav(tmp_path / f"{sound.value}.wav")
        shipped, _ = read_wav(sounds_dir() / f"{sound.value}.wav")
        assert len(made) == len(shipped)
        # Allow 1 LSB for libm differences between platforms.
        assert max(abs(a - b) for a, b in zip(made, shipped, strict=True)) <= 1, sound
