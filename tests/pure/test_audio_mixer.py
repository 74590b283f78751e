"""The miniaudio backend's mixer and its recovery, on the real library and real ALSA."""

from __future__ import annotations

import array
import subprocess
import sys
from pathlib import Path

import pytest
from alsa_capture import AlsaCapture, alsa_available

from hamstring_coach.audio.mixer import IDLE_STOP_SECONDS, Mixer
from hamstring_coach.plan.timeline import Sound

REPO = Path(__file__).resolve().parents[2]


def _tone(values: list[int]) -> array.array[int]:
    return array.array("h", values)


def test_overlapping_sounds_are_summed_with_clipping_and_handed_over_once() -> None:
    handed: list[int] = []
    mixer = Mixer(44100, lambda token, at: handed.append(token))
    mixer.add(_tone([1000, 2000, 30000, 30000, 5]), 1)
    assert mixer.mix(2).tolist() == [1000, 2000]
    mixer.add(_tone([10, 5000, -30000]), 2)
    assert mixer.mix(4).tolist() == [30010, 32767, -29995, 0]
    assert mixer.mix(3).tolist() == [0, 0, 0]
    assert handed == [1, 2]


def test_idle_is_signalled_after_two_seconds_of_silence() -> None:
    mixer = Mixer(1000, lambda token, at: None)
    mixer.add(_tone([1, 2]), 1)
    mixer.mix(10)
    for _ in range(int(IDLE_STOP_SECONDS * 1000 / 10) - 1):
        mixer.mix(10)
    assert not mixer.idle.is_set() and not mixer.is_idle()
    mixer.mix(10)
    assert mixer.idle.is_set() and mixer.is_idle()
    mixer.add(_tone([3]), 2)  # a new sound cancels the idle state at once
    assert not mixer.idle.is_set() and not mixer.is_idle()


def test_a_failing_mix_gives_silence_not_a_dead_stream() -> None:
    mixer = Mixer(44100, lambda token, at: None)
    feeder = mixer.feeder()
    mixer._voices.append((None, 0))  # type: ignore[arg-type]  # break it on purpose
    assert feeder.send(4).tolist() == [0, 0, 0, 0]


RECOVERY = """
import sys, time
import miniaudio
from hamstring_coach.audio.bank import load_bank
from hamstring_coach.audio.mixer import open_miniaudio
from hamstring_coach.plan.timeline import Sound

backend = open_miniaudio(44100)
bank, _ = load_bank()
handed = []
backend.play("go", bank.samples[Sound.GO], 1, lambda t, at: handed.append(t))
end = time.monotonic() + 5  # a hang guard: until the go has been played
while time.monotonic() < end and (not handed or backend._mixer._voices):
    time.sleep(0.01)
device = backend._device
if sys.argv[1] == "feeder":
    device.callback_generator = None  # what miniaudio does after an error in a callback
else:
    miniaudio.lib.ma_device_stop(device._device)  # the device stops on its own
backend.play("lift", bank.samples[Sound.LIFT], 2, lambda t, at: handed.append(t))
end = time.monotonic() + 2
while len(handed) < 2 and time.monotonic() < end:
    time.sleep(0.01)
# Let the stream carry the sound out before the device closes: until the mixer has
# played it and 1 s of silence after it (after 0.2 s, on CI's loaded machine, the
# second sound was sometimes not in the file yet). Counted in frames the device
# took, so a busy machine only makes this take longer; 5 s is a hang guard.
mixer = backend._mixer
end = time.monotonic() + 5
while time.monotonic() < end and (mixer._voices or mixer._pending
                                  or mixer._idle_frames < 44100):
    time.sleep(0.01)
backend.close()
print(handed)
"""


@pytest.mark.slow
@pytest.mark.skipif(not alsa_available(), reason="needs ALSA (alsa-utils)")
@pytest.mark.parametrize("breakage", ["feeder", "device"])
def test_the_stream_recovers_by_itself(tmp_path: Path, breakage: str) -> None:
    # In a process of its own: ALSA reads ~/.asoundrc once per process.
    capture = AlsaCapture(tmp_path)
    done = subprocess.run([sys.executable, "-c", RECOVERY, breakage], env=capture.env(),
                          capture_output=True, text=True, timeout=30, cwd=REPO)
    assert done.stdout.strip() == "[1, 2]", done.stderr
    assert capture.wait_for(2, volume=100) == [Sound.GO, Sound.LIFT]


def test_sounds_mixed_by_the_mixer_are_each_found_in_a_capture(tmp_path: Path) -> None:
    """A starved audio thread takes two cues in one stretch: the tests still find both
    (alsa_capture unmixes sample for sample), and a sound cut short counts as none."""
    from hamstring_coach.audio.bank import load_bank

    bank, _ = load_bank()
    mixer = Mixer(44100, lambda token, at: None)
    out = array.array("h")
    mixer.add(bank.at_volume(Sound.GO, 80), 1)
    out += mixer.mix(4410)  # a tick arrives 0.1 s into the go, while it still sounds
    mixer.add(bank.at_volume(Sound.TICK, 80), 2)
    out += mixer.mix(44100)
    mixer.add(bank.at_volume(Sound.SWITCH, 80), 3)  # two in the same callback
    mixer.add(bank.at_volume(Sound.TICK, 80), 4)
    out += mixer.mix(44100)
    out += bank.at_volume(Sound.DONE, 80)[:5000]  # cut short: not a DONE
    out += array.array("h", bytes(2000))
    out += bank.at_volume(Sound.REST, 80)
    capture = AlsaCapture(tmp_path)
    (capture.folder / "out.raw").write_bytes(out.tobytes())
    assert capture.sounds() == [Sound.GO, Sound.TICK, Sound.SWITCH, Sound.TICK, Sound.REST]


def test_a_sound_cut_by_a_restarted_stream_is_found_once(tmp_path: Path) -> None:
    """A stalled stream is stopped and opened again with the frames it held lost: the
    sounds playing then come out with a gap, and each still counts, once."""
    from hamstring_coach.audio.bank import load_bank

    bank, _ = load_bank()
    mixer = Mixer(44100, lambda token, at: None)
    out = array.array("h")
    mixer.add(bank.at_volume(Sound.LOWER, 80), 1)
    out += mixer.mix(4410)
    mixer.mix(1323)  # the stream stops: 30 ms of the lower never reach the device
    out += mixer.mix(44100)
    mixer.add(bank.at_volume(Sound.PAUSE, 80), 2)
    mixer.mix(882)  # its start is lost as the stream restarts
    out += mixer.mix(44100)
    out += bank.at_volume(Sound.LIFT, 80)[5000:5800]  # a scrap: no sound
    out += array.array("h", bytes(20000))
    out += bank.at_volume(Sound.TICK, 80)
    capture = AlsaCapture(tmp_path)
    (capture.folder / "out.raw").write_bytes(out.tobytes())
    assert capture.sounds() == [Sound.LOWER, Sound.PAUSE, Sound.TICK]
