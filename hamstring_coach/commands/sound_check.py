"""The ``sound-check`` command: play every sound and say which audio backend plays them.

``hamstring-coach sound-check [--audio NAME] [--voice] [--volume N] [--pause S]``. Prints
the backend in use, why each one before it was passed over, then names
each sound as it plays. Exit status 0 when every sound reached a sound
device, 1 when only the bell or a visual flash was available (or a sound
was lost), so scripts can tell.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from hamstring_coach.run.ports import BACKENDS

if TYPE_CHECKING:
    from hamstring_coach.audio.player import AudioPlayer
    from hamstring_coach.plan.timeline import Sound



def volume_value(text: str) -> int:
    """``--volume``: a whole number from 0 to 100."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError("must be from 0 to 100")
    return value


def pause_value(text: str) -> float:
    """``--pause``: seconds from 0 to 5."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 5:
        raise argparse.ArgumentTypeError("must be from 0 to 5 seconds")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--audio", choices=BACKENDS, metavar="NAME",
                        help="use this backend: " + ", ".join(BACKENDS)
                        + " (default: the first that works, in that order)")
    parser.add_argument("--voice", action="store_true",
                        help="also try spoken cues (espeak-ng, espeak or say)")
    parser.add_argument("--volume", type=volume_value, metavar="0-100",
                        help="set the volume first; it is remembered for sessions")
    parser.add_argument("--pause", type=pause_value, default=0.35, metavar="SECONDS",
                        help="silence between the sounds (default 0.35)")


def _skipped(audio: str | None, tried: list[str]) -> list[tuple[str, str]]:
    """Backends the player did not even try, with the reason."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.audio import AUTO_ORDER

    if audio is not None:
        return [(name, f"not chosen (--audio {audio})") for name in AUTO_ORDER
                if name != audio and name not in tried]
    out = []
    if "simpleaudio" not in tried:
        reason = ("simpleaudio 1.0.4 crashes on Python 3.12 and later (py-simple-audio#72)"
                  if sys.version_info >= (3, 12)
                  else "not installed (pip install 'hamstring-coach[simpleaudio]')")
        out.append(("simpleaudio", reason))
    return out


def run(args: argparse.Namespace) -> int:
    """Open the player, report the backend, play each sound in turn."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.audio import AUTO_ORDER, auto_order, open_player
    from hamstring_coach.audio.bank import DESCRIPTIONS, load_bank
    from hamstring_coach.audio.player import AudioPlayer
    from hamstring_coach.plan.timeline import Sound

    player = open_player(backend=args.audio, voice=args.voice)
    assert isinstance(player, AudioPlayer)
    try:
        if args.volume is not None:
            player.set_volume(args.volume)
        was_muted = player.muted
        if was_muted:
            print("Sound is muted (m in a session); unmuting it for this check.")
            player.set_muted(False)
        player.on_visual = _visual_for(player)
        if not player.wait_ready():
            print("The audio worker did not start in time.")
        tried = list(auto_order()) if args.audio is None else [args.audio]
        _report_backends(player, args.audio, tried, AUTO_ORDER)
        print(f"Volume {player.volume}")
        bank, _warnings = load_bank()
        print("Playing each sound:")
        for sound in Sound:
            print(f"  {sound.value:8s} {DESCRIPTIONS[sound]}", flush=True)
            player.play(sound)
            time.sleep(bank.seconds(sound) + args.pause)
        if args.voice:
            print("Speaking: \"Sound check\"")
            player.say("Sound check")
            time.sleep(2.0)
        device = player.backend not in ("bell", "silent")
        handed = _wait_handed(player, len(Sound)) if device else 0
        if player.warning:
            print(f"Warning: {player.warning}")
        if device:
            print(f"{handed} of {len(Sound)} sounds reached the device ({_latency(player)}).")
        else:
            print("No sound reached a sound device.")
        if was_muted:
            player.set_muted(True)
        if args.audio in ("bell", "silent"):
            return 0  # what was asked for; there is no device to check
        return 0 if device and handed == len(Sound) else 1
    finally:
        player.close()


def _visual_for(player: AudioPlayer) -> Callable[[Sound], None]:
    """What the bell and silent backends do in a plain terminal: ring the bell, or nothing."""
    def visual(sound: Sound) -> None:
        if player.backend == "bell":
            sys.stdout.write("\a")
            sys.stdout.flush()

    return visual


def _report_backends(player: AudioPlayer, audio: str | None, tried: list[str],
                     order: tuple[str, ...]) -> None:
    backend, detail = player.backend, player.detail
    print(f"Audio backend: {backend}" + (f" ({detail})" if detail else ""))
    passed = dict(player.passed_over)
    for name, reason in _skipped(audio, tried):
        passed.setdefault(name, reason)
    for name in order:
        if name == backend:
            continue
        if name in passed:
            print(f"  passed over {name}: {passed[name]}")
        elif backend == "silent" and name == "bell":
            print("  passed over bell: the output is not a terminal")
        elif name in tried or name == "bell":
            print(f"  {name}: not tried ({backend} comes first and works)")


def _wait_handed(player: AudioPlayer, count: int, timeout: float = 2.0) -> int:
    """How many sounds the device took (waiting briefly for the last answers)."""
    end = time.monotonic() + timeout
    while len(player.handoffs) < count and time.monotonic() < end:
        time.sleep(0.02)
    return len(player.handoffs)


def _latency(player: AudioPlayer) -> str:
    values = sorted(h.latency * 1000 for h in player.handoffs)
    if not values:
        return "no hand-off measured"
    return f"hand-off latency median {values[len(values) // 2]:.1f} ms, max {values[-1]:.1f} ms"
