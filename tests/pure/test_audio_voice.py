"""Spoken cues (``--voice``): what is said, that it is heard, and a notice without an engine."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from alsa_capture import AlsaCapture, alsa_available

from hamstring_coach.audio import open_player
from hamstring_coach.audio.player import AudioPlayer
from hamstring_coach.audio.voice import NO_ENGINE_NOTICE, Voice


def test_no_speech_engine_is_a_one_line_notice(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing to speak with
    player = open_player(backend="silent", voice=True)
    try:
        assert player.warning == NO_ENGINE_NOTICE
        assert "\n" not in NO_ENGINE_NOTICE
        player.say("Rest")  # does nothing, raises nothing
    finally:
        player.close()


@pytest.mark.slow
@pytest.mark.skipif(not alsa_available() or shutil.which("espeak-ng") is None,
                    reason="needs ALSA and espeak-ng")
def test_spoken_cues_are_heard_without_blocking(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    capture = AlsaCapture(tmp_path)
    monkeypatch.setenv("HOME", str(capture.home))
    player = open_player(backend="miniaudio", voice=True)
    assert isinstance(player, AudioPlayer)
    try:
        assert player.wait_ready(10) and player.warning is None
        before = time.monotonic()
        player.say("Switch sides")
        assert time.monotonic() - before < 0.01
        end = time.monotonic() + 10
        while time.monotonic() < end and not any(capture.samples()):
            time.sleep(0.1)
        speech = capture.samples()
        loud = sum(1 for v in speech if abs(v) > 1000)
        assert loud > 0.05 * 44100, "about a second of speech reached the device"
    finally:
        player.close()


def test_voice_command_line_follows_the_volume() -> None:
    espeak, say = Voice("/usr/bin/espeak-ng"), Voice("/usr/bin/say")
    try:
        espeak.volume = 40
        assert espeak.command("Rest") == ["/usr/bin/espeak-ng", "-a", "60", "Rest"]
        assert say.command("Rest") == ["/usr/bin/say", "Rest"]
    finally:
        espeak.close()
        say.close()
