"""Spoken cues (``--voice``): what is said, that it is heard, and a notice without an engine."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
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


def _returns(call: Callable[[], object]) -> None:
    """``call`` returns: a hang guard (30 s) that only fires if it blocks on the speech."""
    caller = threading.Thread(target=call, daemon=True)
    caller.start()
    caller.join(timeout=30)
    assert not caller.is_alive(), "say() waited for the speech"


def test_say_returns_while_the_engine_is_still_speaking(tmp_path: Path) -> None:
    """A speech engine that takes as long as it likes never holds up the caller."""
    started, release = tmp_path / "started", tmp_path / "release"
    engine = tmp_path / "espeak-ng"
    engine.write_text(f'#!/bin/sh\necho "$@" > "{started}"\n'
                      f'while [ ! -e "{release}" ]; do sleep 0.05; done\n')
    engine.chmod(0o755)
    voice = Voice(str(engine))
    try:
        _returns(lambda: voice.say("Switch sides"))
        end = time.monotonic() + 30  # a hang guard: the engine is started soon after
        while not started.exists() and time.monotonic() < end:
            time.sleep(0.02)
        assert started.read_text().split()[-2:] == ["Switch", "sides"]
        assert not release.exists()  # still speaking, and say() has long returned
        _returns(lambda: voice.say("Rest"))  # a second cue cuts the first off, never waits
    finally:
        release.touch()
        voice.close()


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
        _returns(lambda: player.say("Switch sides"))
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


@pytest.mark.parametrize("argv", [["hold", "30s", "--voice"], ["break", "--voice"],
                                  ["run", "tone", "--voice"], ["--voice"]],
                         ids=["hold", "break", "run", "picker"])
def test_voice_is_a_run_option_of_hold_break_run_and_the_picker(
        argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsed by the one declaration (commands/options.py), and the player it opens speaks."""
    from dataclasses import replace

    from hamstring_coach.cli import build_parser
    from hamstring_coach.commands.options import PICKER, launch_options
    from hamstring_coach.tui.launch import open_app_player

    command = None if argv[0].startswith("-") else argv[0]
    args = build_parser(command).parse_args(argv)
    options = launch_options(args, prefix=PICKER if command is None else "")
    assert options.voice
    monkeypatch.setenv("PATH", str(tmp_path))  # no engine: the player says so, once
    player = open_app_player(replace(options, audio="silent"), None)
    try:
        assert player.warning == NO_ENGINE_NOTICE
    finally:
        player.close()
