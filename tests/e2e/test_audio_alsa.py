"""Real sound through real ALSA into files: each backend, sound-check, and a session run.

Every test here runs the audio worker as a separate process with HOME set
to a folder whose ``.asoundrc`` captures the default device (see
:mod:`alsa_capture`), then looks for the bank's sounds, sample for sample,
in what reached the device.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from alsa_capture import AlsaCapture, alsa_available
from audio_session import drive, timeline_of, write_session

from hamstring_coach.audio import open_player
from hamstring_coach.audio.player import AudioPlayer
from hamstring_coach.plan.timeline import Sound

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not alsa_available(), reason="needs ALSA (alsa-utils)")]

HAS_SIMPLEAUDIO = sys.version_info < (3, 12) and subprocess.run(
    [sys.executable, "-c", "import simpleaudio"], capture_output=True).returncode == 0
needs_simpleaudio = pytest.mark.skipif(not HAS_SIMPLEAUDIO,
                                       reason="simpleaudio extra not installed here")
BACKENDS = [pytest.param("simpleaudio", marks=needs_simpleaudio), "miniaudio", "system"]


@pytest.fixture
def capture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AlsaCapture:
    cap = AlsaCapture(tmp_path)
    monkeypatch.setenv("HOME", str(cap.home))  # the worker inherits it
    return cap


def _open(backend: str | None = None, **kw: object) -> AudioPlayer:
    player = open_player(backend=backend, **kw)  # type: ignore[arg-type]
    assert isinstance(player, AudioPlayer)
    assert player.wait_ready(10)
    return player


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_sound_reaches_the_device(capture: AlsaCapture, backend: str) -> None:
    player = _open(backend)
    try:
        assert player.backend == backend and player.warning is None
        for sound in Sound:
            player.play(sound)
            time.sleep(0.08)
        assert capture.wait_for(len(Sound)) == list(Sound)
    finally:
        player.close()
    assert len(player.handoffs) == len(Sound)


def test_auto_prefers_simpleaudio_where_it_is_safe(capture: AlsaCapture) -> None:
    player = _open()
    try:
        assert player.backend == ("simpleaudio" if HAS_SIMPLEAUDIO else "miniaudio")
    finally:
        player.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_sound_check_plays_each_sound_and_names_the_backend(capture: AlsaCapture,
                                                            backend: str) -> None:
    done = subprocess.run([sys.executable, "-m", "hamstring_coach", "sound-check",
                           "--audio", backend, "--pause", "0"], capture_output=True, text=True,
                          env=capture.env(), timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Audio backend: {backend}" in done.stdout
    assert "10 of 10 sounds reached the device" in done.stdout
    assert capture.wait_for(len(Sound)) == list(Sound)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_sped_up_session_puts_its_sounds_on_the_device(capture: AlsaCapture, tmp_path: Path,
                                                         backend: str) -> None:
    timeline = timeline_of(write_session(tmp_path))
    player = _open(backend)
    try:
        # Ten times as fast, not twenty: the last tick before "go" comes 0.1 s before it,
        # so a tick played late on a loaded machine (CI runs three workers on two
        # cores) does not reach the device on top of the "go" after it.
        run = drive(timeline, player, speed=10)
        expected = [s for p in timeline.phases for s in (c.sound for c in p.sounds)]
        expected += list(timeline.final_sounds)
        assert run.sounds == expected
        assert capture.wait_for(len(expected)) == expected
    finally:
        player.close()
    assert run.seconds < run.scheduled + 30  # a hang guard: every sound above came on time


def test_volume_and_mute_are_heard_and_remembered(capture: AlsaCapture) -> None:
    player = _open("miniaudio")
    try:
        player.set_volume(30)
        player.play(Sound.GO)
        assert capture.wait_for(1, volume=30) == [Sound.GO]
        player.set_muted(True)
        player.play(Sound.LIFT)
        time.sleep(0.5)
        assert capture.sounds(volume=30) == [Sound.GO]
    finally:
        player.close()
    again = _open("miniaudio")
    try:
        assert (again.volume, again.muted) == (30, True)
        again.set_muted(False)
        again.play(Sound.LOWER)
        assert capture.wait_for(2, volume=30) == [Sound.GO, Sound.LOWER]
    finally:
        again.close()


def test_late_sounds_are_dropped(capture: AlsaCapture) -> None:
    player = _open("miniaudio")
    try:
        player.play(Sound.TICK, due=time.monotonic() - 1.0)
        player.play(Sound.GO, due=time.monotonic() - 0.1)  # a little late still plays
        assert capture.wait_for(1) == [Sound.GO]
        time.sleep(0.3)
        assert capture.sounds() == [Sound.GO] and player.dropped == 1
    finally:
        player.close()


def test_a_sessions_own_sound_replaces_the_bank(capture: AlsaCapture, tmp_path: Path) -> None:
    from audio_signal import _write_tone

    from hamstring_coach.audio.bank import load_bank

    own = tmp_path / "own.wav"
    _write_tone(own, 500.0, 0.2, 44100, 1)
    player = _open("miniaudio", overrides={"tick": own})
    try:
        player.play(Sound.TICK)
        player_bank, warnings = load_bank({"tick": own})
        assert warnings == []
        wanted = player_bank.at_volume(Sound.TICK, player.volume)
        end = time.monotonic() + 5
        while time.monotonic() < end and capture.samples().tobytes().find(wanted.tobytes()) < 0:
            time.sleep(0.05)
        assert capture.samples().tobytes().find(wanted.tobytes()) >= 0
    finally:
        player.close()


def test_no_sound_device_is_one_warning_and_a_visual_flash(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "no-device-home"  # no .asoundrc, and this machine has no sound card
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    flashes: list[Sound] = []
    player = _open()
    player.on_visual = flashes.append
    try:
        assert player.backend in ("bell", "silent")
        assert player.warning is not None and player.warning.startswith("No sound device")
        player.play(Sound.GO)
        player.play(Sound.REST)
        end = time.monotonic() + 2
        while len(flashes) < 2 and time.monotonic() < end:
            time.sleep(0.01)
        assert flashes == [Sound.GO, Sound.REST]
    finally:
        player.close()


def test_alsa_messages_never_reach_the_screen(tmp_path: Path) -> None:
    home = tmp_path / "no-device-home"
    home.mkdir()
    env = {**AlsaCapture(tmp_path).env(), "HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "hamstring_coach", "sound-check",
                           "--pause", "0"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    shown = done.stdout + done.stderr
    assert "ALSA lib" not in shown and "Traceback" not in shown
    assert "passed over miniaudio: no sound device" in done.stdout
    assert shown.count("Warning: No sound device") == 1


def test_a_forced_backend_that_cannot_play_says_why(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "no-device-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    player = _open("miniaudio")
    try:
        assert player.backend in ("bell", "silent")
        assert player.warning is not None
        assert player.warning.startswith("Audio backend miniaudio unavailable (no sound device")
        assert "\n" not in player.warning
    finally:
        player.close()


def test_system_player_files_are_removed(capture: AlsaCapture, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # A temporary folder of its own: other tests' players come and go in the shared one.
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    player = _open("system")
    player.play(Sound.GO)
    assert capture.wait_for(1) == [Sound.GO]
    assert list(tmp.glob("hamstring-coach-*"))  # the player's files were made here
    player.close()
    assert list(tmp.glob("hamstring-coach-*")) == []


def test_the_pulseaudio_probe_leaves_no_folder_behind(
        capture: AlsaCapture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without XDG_RUNTIME_DIR (ssh, su, CI) libpulse made $TMPDIR/pulse-* and a link in
    ~/.config/pulse/ on every start, even with no server there, and never removed them."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    for name in ("XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH", "PULSE_SERVER"):
        monkeypatch.delenv(name, raising=False)
    player = _open("miniaudio")  # miniaudio asks PulseAudio first, then ALSA
    try:
        player.play(Sound.GO)
        assert capture.wait_for(1) == [Sound.GO]
        assert player.backend == "miniaudio"
    finally:
        player.close()
    assert sorted(p.name for p in tmp.iterdir()) == []  # no pulse-*, the scratch folder gone
    assert not list(capture.home.glob(".config/pulse/*-runtime"))
