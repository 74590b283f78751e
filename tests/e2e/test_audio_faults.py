"""An audio backend that crashes or hangs never ends, freezes or delays a session.

The worker is made to fail by ``HAMSTRING_COACH_AUDIO_FAULT`` (a SIGSEGV like
simpleaudio's on Python 3.12, or a hang); the session is driven by the real
engine on a sped-up clock, with sound routed as the app routes it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from alsa_capture import AlsaCapture, alsa_available
from audio_session import drive, timeline_of, write_session

from hamstring_coach.audio import auto_order, open_player
from hamstring_coach.audio.player import AudioPlayer, HandOff
from hamstring_coach.audio.worker import FAULT_ENV
from hamstring_coach.plan.timeline import Sound, Timeline

# A hang guard, not a timing: a session that waited on a dead or hung audio
# worker would take the worker's timeouts (seconds each) times its sounds.
HANG = 30.0
BURST = 0.1  # hand-offs this close together can be mixed into one stretch of the capture

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not alsa_available(), reason="needs ALSA (alsa-utils)")]


@pytest.fixture
def capture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AlsaCapture:
    cap = AlsaCapture(tmp_path)
    monkeypatch.setenv("HOME", str(cap.home))
    return cap


def _player() -> AudioPlayer:
    player = open_player()
    assert isinstance(player, AudioPlayer)
    return player


def _every_sound(timeline: Timeline) -> list[Sound]:
    """Every sound the session gives, in order."""
    return [*(c.sound for p in timeline.phases for c in p.sounds), *timeline.final_sounds]


def _played_alone(handoffs: list[HandOff]) -> list[Sound]:
    """The sounds handed to the device on their own, not in a burst with another one.

    The capture's device takes samples as fast as they come, so sounds handed over
    together (those queued while a new backend started) start at the same point of the
    stream and are mixed: they cannot be found sample-exact. Sounds handed apart can.
    """
    return [h.sound for i, h in enumerate(handoffs)
            if all(abs(h.handed - other.handed) > BURST
                   for j, other in enumerate(handoffs) if j != i)]


def _in_order(part: list[Sound], whole: list[Sound]) -> bool:
    """``part`` is ``whole`` with some sounds left out."""
    rest = iter(whole)
    return all(sound in rest for sound in part)


def _wait_warning(player: AudioPlayer, words: str, timeout: float) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end and words not in (player.warning or ""):
        time.sleep(0.02)
    return player.warning or ""


@pytest.mark.parametrize("fault, words", [("crash", "crashed"), ("hang", "stopped responding")])
def test_the_session_ends_on_time_whatever_the_audio_does(
        capture: AlsaCapture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        fault: str, words: str) -> None:
    monkeypatch.setenv(FAULT_ENV, fault)  # every backend fails on its first sound
    timeline = timeline_of(write_session(tmp_path))
    player = _player()
    try:
        run = drive(timeline, player, speed=10)
        assert run.seconds < run.scheduled + HANG
        # What the user notices: no cue was given late (drive drops a sound 0.25 s late),
        # so play() never waited for the dying worker.
        assert run.sounds == _every_sound(timeline)
        warning = _wait_warning(player, words, timeout=3.0)
        assert f"{auto_order()[0]}" in warning and words in warning
        if fault == "crash":  # each backend crashes twice, then the bell (or a flash) takes over
            # A backend crashes on its first sound: one that started after the session's
            # last sound (a busy machine) is given more, as the next session would.
            end = time.monotonic() + 20
            while player.backend not in ("bell", "silent") and time.monotonic() < end:
                player.play(Sound.TICK)
                time.sleep(0.2)
            names = " and ".join([", ".join(auto_order()[:-1]), auto_order()[-1]])
            assert player.warning == (f"Audio backends {names} crashed; "
                                      + ("falling back to the terminal bell"
                                         if player.backend == "bell"
                                         else "playing silently (visual flash)"))
    finally:
        player.close()
    assert capture.sounds() == []  # nothing reached the device: every worker died first


@pytest.mark.parametrize("fault, words, speed", [("crash", "crashed", 10),
                                                 ("hang", "stopped responding", 5)])
def test_a_failing_backend_is_replaced_by_the_next(
        capture: AlsaCapture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        fault: str, words: str, speed: float) -> None:
    first, second = auto_order()[:2]
    monkeypatch.setenv(FAULT_ENV, f"{fault}:{first}")
    timeline = timeline_of(write_session(tmp_path))
    player = _player()
    try:
        run = drive(timeline, player, speed=speed)
        assert run.seconds < run.scheduled + HANG
        assert run.sounds == _every_sound(timeline)  # none given late: play() never waited
        warning = _wait_warning(player, "now using", timeout=5.0)
        assert warning == f"Audio backend {first} {words}; now using {second}"
        assert player.backend == second
        # What the new backend took reached the device, in order, up to the final chime.
        end = time.monotonic() + 3
        while time.monotonic() < end and (not player.handoffs or
                                          player.handoffs[-1].sound is not Sound.DONE):
            time.sleep(0.02)
        handed = [h.sound for h in player.handoffs]
        assert handed and handed[-1] is Sound.DONE
        remaining = iter(run.sounds)
        assert all(sound in remaining for sound in handed)  # in the session's order
        # Each sound handed over on its own is in the capture, in order, and nothing
        # the new backend was not handed (see _played_alone for the ones that are not).
        alone = _played_alone(list(player.handoffs))
        captured = capture.wait_for(len(handed))
        assert captured and _in_order(alone, captured) and _in_order(captured, handed)
    finally:
        player.close()


def test_a_crash_while_opening_the_device_moves_on(capture: AlsaCapture,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = auto_order()[:2]
    monkeypatch.setenv(FAULT_ENV, f"crash-open:{first}")
    player = _player()
    try:
        assert player.wait_ready(10)
        assert _wait_warning(player, "now using", 5.0) == \
            f"Audio backend {first} crashed; now using {second}"
        player.play(Sound.SWITCH)
        assert capture.wait_for(1) == [Sound.SWITCH]
    finally:
        player.close()


def test_a_worker_that_never_starts_gives_up_after_a_few_tries(
        capture: AlsaCapture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FAULT_ENV, "crash-start")
    flashes: list[Sound] = []
    player = _player()
    player.on_visual = flashes.append
    try:
        assert player.wait_ready(15)
        assert player.backend in ("bell", "silent")
        assert player.warning is not None
        assert player.warning.startswith("The audio worker crashed; ")
        player.play(Sound.GO)
        end = time.monotonic() + 2
        while not flashes and time.monotonic() < end:
            time.sleep(0.01)
        assert flashes == [Sound.GO]
    finally:
        player.close()
