"""``hamstring-coach render``: the session's sound track, every cue on its sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from audio_signal import _write_tone, dominant_freq, onsets, read_wav

from hamstring_coach.audio import render_session
from hamstring_coach.audio.bank import load_bank
from hamstring_coach.cli import main
from hamstring_coach.format import load_session
from hamstring_coach.format.model import Session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Phase, PhaseKind, Sound, SoundCue, Timeline

SESSION = """\
name: Render check
defaults: {prepare: 3, rest: 4, side_switch: 3, countdown: 2}
sounds:
  done: own-done.wav
steps:
  - cue: Lie face down and press Enter
  - exercise: Heel press
    hold: 30
    sides: each
  - rest: 5
    cue: Walk around
  - exercise: Slow curls
    reps: 2
    sets: 2
    tempo: "3-1-1-0"
"""


def _expected(timeline: Timeline) -> list[tuple[float, Sound]]:
    """Cue times straight from the timeline: phase start + offset (waits are 0 s long)."""
    cues = [(p.start + c.offset, c.sound) for p in timeline.phases for c in p.sounds]
    return sorted(cues + [(timeline.total, s) for s in timeline.final_sounds],
                  key=lambda c: c[0])


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    _write_tone(tmp_path / "own-done.wav", 600.0, 0.3, 48000, 2)
    path = tmp_path / "render-check.yaml"
    path.write_text(SESSION)
    return path


def test_every_onset_is_within_2_ms_of_the_timeline(session_file: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "track.wav"
    assert main(["render", str(session_file), str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    timeline = compile_session(load_session(session_file))
    expected = _expected(timeline)
    samples, rate = read_wav(out)
    found = onsets(samples, rate, min_gap=0.1)
    assert len(found) == len(expected) > 30
    for index, (t, sound) in zip(found, expected, strict=True):
        assert abs(index / rate - t) <= 0.002, (sound, t, index / rate)
    # The wait (the first cue) counts as 0 s: the prepare's ticks come at 1 s and 2 s.
    assert [t for t, s in expected[:2]] == [1.0, 2.0]
    assert len(samples) >= round(timeline.total * rate)


def test_each_cue_is_its_own_sound(session_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "track.wav"
    timeline = compile_session(load_session(session_file))
    info = render_session(timeline, out)
    samples, rate = read_wav(out)
    bank, _ = load_bank()
    for frame, sound in info.cues:
        if sound is Sound.DONE:
            continue
        own = bank.samples[sound]
        # Cues never overlap in this session, so each appears exactly, sample for sample.
        assert samples[frame:frame + len(own)] == own, sound
    # The session's own "done" sound (48 kHz stereo) was converted and used.
    final = info.cues[-1][0]
    assert info.cues[-1][1] is Sound.DONE
    assert abs(dominant_freq(samples[final:final + round(0.3 * rate)], rate) - 600) < 15


def test_overlapping_cues_are_mixed_not_cut(tmp_path: Path) -> None:
    phase = Phase(index=0, kind=PhaseKind.HOLD, label="Hold", duration=2.0, start=0.0,
                  step_index=0, sounds=(SoundCue(0.5, Sound.REST), SoundCue(0.6, Sound.TICK)))
    timeline = Timeline(Session(id="t", name="t", steps=()), (phase,), total=2.0, waits=0,
                        final_sounds=())
    out = tmp_path / "mix.wav"
    render_session(timeline, out, sample_rate=44100)
    samples, rate = read_wav(out)
    bank, _ = load_bank()
    rest, tick = bank.samples[Sound.REST], bank.samples[Sound.TICK]
    start, offset = round(0.5 * rate), round(0.1 * rate)
    for i in range(len(tick)):
        want = max(-32768, min(32767, rest[offset + i] + tick[i]))
        assert samples[start + offset + i] == want
    assert len(samples) == round(2.0 * rate)


def test_other_sample_rates_keep_the_timing(session_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "track48.wav"
    timeline = compile_session(load_session(session_file))
    render_session(timeline, out, sample_rate=48000)
    samples, rate = read_wav(out)
    assert rate == 48000
    found = onsets(samples, rate, min_gap=0.1)
    expected = _expected(timeline)
    assert len(found) == len(expected)
    assert max(abs(i / rate - t) for i, (t, _s) in zip(found, expected, strict=True)) <= 0.002


def test_bad_arguments_are_clear_errors(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "no-such-session", str(tmp_path / "x.wav")]) == 2
    assert 'no session called "no-such-session"' in capsys.readouterr().err
    assert main(["render", "activation", str(tmp_path / "missing" / "x.wav")]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert main(["render", "activation", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "suggestion"), [("out.mp3", "out.wav"), ("out", "out.wav"),
                                                  ("track.WAV.ogg", "track.WAV.wav")])
def test_only_a_wav_name_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    name: str, suggestion: str) -> None:
    """``render activation out.mp3`` used to write WAV data named .mp3."""
    out = tmp_path / name
    assert main(["render", "activation", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{out}: only WAV files are written; give a name ending in .wav, such as " \
           f"{suggestion}" in err
    assert not out.exists()


def test_the_wav_suffix_may_be_upper_case(tmp_path: Path) -> None:
    out = tmp_path / "OUT.WAV"
    assert main(["render", "activation", str(out)]) == 0
    assert out.read_bytes()[:4] == b"RIFF"
