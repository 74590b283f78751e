"""The ``render`` command: write a session's whole sound track to one WAV file.

``hamstring-coach render SESSION OUT.wav [--rate HZ]``. Every cue lands on
the sample of its scheduled time (waits count as 0 s), so the file can be
played along with in any player, or used to check the timing. OUT must end
in ``.wav`` (any case). Exit status 0 when written, 2 for a bad session or
argument, 1 when the file cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hamstring_coach.system.messages import print_error, print_warning

RATES = (22050, 44100, 48000)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("session", metavar="SESSION",
                        help="a built-in id, your session's id, or a path to a YAML file")
    parser.add_argument("out", type=Path, metavar="OUT.wav", help="the WAV file to write")
    parser.add_argument("--rate", type=int, choices=RATES, default=44100, metavar="HZ",
                        help="sample rate: " + ", ".join(map(str, RATES)) + " (default 44100)")


def run(args: argparse.Namespace) -> int:
    """Load and compile the session, then render it."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.audio import render_session
    from hamstring_coach.audio.bank import SoundFileError
    from hamstring_coach.run.library import SessionNotFoundError, load_timeline
    from hamstring_coach.system.files import NotRegularFile, stat_kind
    from hamstring_coach.textfmt import duration_text

    out: Path = args.out
    try:
        kind = stat_kind(out)
    except OSError:
        kind = None  # writing it says why
    if kind == "a folder":
        return print_error("render", f"{out} is a folder; give a file name like out.wav")
    if kind not in (None, "a regular file"):
        return print_error("render", out, f"is {kind}, not a regular file; give a file "
                           "name like out.wav")
    if out.suffix.lower() != ".wav":
        # Writing WAV data under another name (out.mp3) would mislead players.
        suggestion = out.with_suffix(".wav").name if out.suffix else f"{out.name}.wav"
        return print_error("render", out, "only WAV files are written; give a name "
                           f"ending in .wav, such as {suggestion}")
    try:
        timeline = load_timeline(args.session)
    except SessionNotFoundError as error:
        return print_error("render", error)
    try:
        info = render_session(timeline, out, sample_rate=args.rate)
    except NotRegularFile as error:  # it became a FIFO or a device meanwhile
        return print_error("render", out, error.strerror)
    except (OSError, SoundFileError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return print_error("render", f"cannot write {out}", reason, status=1)
    for warning in info.warnings:
        print_warning("render", "warning", warning)
    plural = "s" if timeline.waits != 1 else ""
    waits = f"; {timeline.waits} wait{plural} counted as 0 s" if timeline.waits else ""
    print(f"Wrote {out}: {duration_text(info.seconds)} ({info.seconds:.1f} s), "
          f"{len(info.cues)} sounds, {info.sample_rate} Hz mono 16-bit{waits}")
    return 0
