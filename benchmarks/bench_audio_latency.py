"""Latency from a phase boundary to the sound reaching the device, per audio backend.

The real engine runs a tempo session (1 s phases, each starting with its
tempo sound) on a clock ``--speed`` times faster than real time; a loop
wakes exactly at each boundary, as the app's screen does, and hands every
due sound to the real player (worker process and all). For each sound it
records, against the boundary's real time:

- ``wake``: when the loop saw the boundary (the app's timer jitter);
- ``handoff``: when the backend gave the samples to the device, as the
  worker reports it (miniaudio: the device callback that took them;
  simpleaudio: ``play_buffer`` returned, the PCM open; system: the player
  process was started);
- ``arrived``: when the first non-silent sample appeared in the ALSA
  capture file (the ``file`` plugin over ``null``, which takes samples at
  once): the same yardstick for every backend, including a system
  player's own start-up and device opening.

ALSA's ``null`` device takes samples as fast as they come, so a real
device's period (miniaudio asks for 10 ms) does not show in those figures;
``--paced`` adds a measurement of the mixer on miniaudio's own null
backend, which runs its callback in real time like a sound card.

    .venv/bin/python benchmarks/bench_audio_latency.py [--count 200] [--speed 6]
        [--backends simpleaudio,miniaudio,system] [--paced] [--real-device]

Target: p99 of ``handoff`` at most 15 ms.
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hamstring_coach.audio import auto_order, open_player  # noqa: E402
from hamstring_coach.audio.player import AudioPlayer  # noqa: E402
from hamstring_coach.engine.events import Finished, SoundDue  # noqa: E402
from hamstring_coach.engine.machine import Engine, EngineState  # noqa: E402
from hamstring_coach.format import load_session_text  # noqa: E402
from hamstring_coach.plan.compiler import compile_session  # noqa: E402

ASOUNDRC = """\
pcm.!default {{ type plug slave {{ pcm "capture" format S16_LE rate 44100 channels 1 }} }}
pcm.capture {{ type file slave.pcm "null" file "{path}" format "raw" truncate false }}
"""


def session_yaml(count: int) -> str:
    """A session of ``count`` one-second tempo phases (plus its prepare)."""
    reps = max(1, count // 4)
    return (f"name: Latency\nsteps:\n  - exercise: Curls\n    prepare: 1\n    countdown: 0\n"
            f"    reps: {reps}\n    tempo: \"1-1-1-1\"\n")


def watch(folder: Path) -> None:
    """Print the monotonic time of each sound's first non-silent bytes in the capture files.

    Runs in its own process (``--watch``), so its polling never competes with
    the player for the GIL. A sound starts when non-silent bytes come after
    50 ms without any: sounds here are at least 100 ms apart.
    """
    offsets: dict[Path, int] = {}
    last_loud = 0.0
    while True:
        for path in sorted(folder.glob("out.raw*")):
            offset = offsets.get(path, 0)
            try:
                size = path.stat().st_size
                if size <= offset:
                    continue
                with path.open("rb") as f:
                    f.seek(offset)
                    data = f.read(size - offset)
            except OSError:
                continue
            offsets[path] = size
            if data.strip(b"\x00"):
                now = time.monotonic()
                if now - last_loud > 0.05:
                    print(now, flush=True)
                last_loud = now
        time.sleep(0.0002)


def arrivals(lines: list[str], boundaries: list[float]) -> list[float]:
    """For each boundary, ms until the first sound onset after it (before the next boundary)."""
    onsets = sorted(float(x) for x in lines if x.strip())
    out = []
    for i, b in enumerate(boundaries):
        nxt = boundaries[i + 1] if i + 1 < len(boundaries) else float("inf")
        hit = next((t for t in onsets if b <= t < nxt), None)
        if hit is not None:
            out.append((hit - b) * 1000)
    return out


def measure(backend: str, count: int, speed: float, capture: Path | None) -> dict[str, list[float]]:
    """Run the tempo session through ``backend``; latencies in ms by kind."""
    player = open_player(backend=backend)
    assert isinstance(player, AudioPlayer)
    if not player.wait_ready(10) or player.backend != backend:
        player.close()
        raise SystemExit(f"{backend}: not available here ({player.warning})")
    watcher = subprocess.Popen([sys.executable, __file__, "--watch", str(capture)],
                               stdout=subprocess.PIPE, text=True) if capture else None
    time.sleep(0.3)
    timeline = compile_session(load_session_text(session_yaml(count), "latency.yaml"))
    t0 = time.monotonic()

    def clock() -> float:
        return t0 + (time.monotonic() - t0) * speed

    def real(t: float) -> float:
        return t0 + (t - t0) / speed

    engine = Engine(timeline, clock)
    boundaries: list[float] = []
    calls: list[float] = []  # when play() was called for each boundary
    wakes: list[float] = []
    finished = False
    while not finished:
        for event in engine.advance():
            if isinstance(event, SoundDue):
                boundary = real(event.scheduled)
                wakes.append((time.monotonic() - boundary) * 1000)
                calls.append(time.monotonic())
                player.play(event.sound)
                boundaries.append(boundary)
            finished = finished or isinstance(event, Finished)
        left = engine.remaining()
        if engine.state is EngineState.RUNNING and left is not None:
            time.sleep(max(left / speed, 0.0))
    time.sleep(1.0)
    player.close()
    # Pair each hand-off with its boundary through the time play() was called.
    handed = [(h.handed - boundaries[bisect.bisect_right(calls, h.requested) - 1]) * 1000
              for h in player.handoffs]
    out = {"wake": wakes, "handoff": handed}
    if watcher:
        watcher.terminate()
        lines = watcher.communicate()[0].splitlines()
        out["arrived"] = arrivals(lines, boundaries)
    if len(player.handoffs) != len(boundaries):
        print(f"  note: {len(boundaries) - len(player.handoffs)} sounds not handed over "
              f"(dropped {player.dropped}, failed {player.failed}); warning: {player.warning}")
    return out


def paced_mixer(count: int) -> list[float]:
    """Pick-up latency of the mixer on miniaudio's real-time null device, in ms."""
    import miniaudio

    from hamstring_coach.audio.bank import load_bank
    from hamstring_coach.audio.mixer import PERIOD_MS, MiniaudioBackend
    from hamstring_coach.plan.timeline import Sound

    device = miniaudio.PlaybackDevice(output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1,
                                      sample_rate=44100, buffersize_msec=PERIOD_MS,
                                      backends=[miniaudio.Backend.NULL])
    backend = MiniaudioBackend(device, 44100)
    bank, _ = load_bank()
    got: dict[int, float] = {}
    asked: dict[int, float] = {}
    for token in range(count):
        time.sleep(random.uniform(0.05, 0.25))
        asked[token] = time.monotonic()
        backend.play("tick", bank.samples[Sound.TICK], token, lambda t, at: got.__setitem__(t, at))
    time.sleep(0.3)
    backend.close()
    return [(got[t] - asked[t]) * 1000 for t in asked if t in got]


def summary(values: list[float]) -> str:
    """p50 / p99 / max of ``values`` (ms)."""
    if not values:
        return "no data"
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (f"p50 {statistics.median(ordered):6.2f} ms  p99 {p99:6.2f} ms  "
            f"max {ordered[-1]:6.2f} ms  (n={len(ordered)})")


def main() -> int:
    """Parse the options, run each backend, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="sounds per backend")
    parser.add_argument("--speed", type=float, default=6.0,
                        help="session clock speed (1 s tempo phases every 1/speed s)")
    parser.add_argument("--backends", default=",".join([*auto_order(), "system"][:3]))
    parser.add_argument("--paced", action="store_true",
                        help="also measure the mixer on miniaudio's real-time null device")
    parser.add_argument("--real-device", action="store_true",
                        help="play on this machine's real device instead of an ALSA capture")
    parser.add_argument("--watch", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.watch:
        watch(args.watch)
        return 0
    names = list(dict.fromkeys(n for n in args.backends.split(",") if n))
    print(f"Python {sys.version.split()[0]}; {args.count} sounds per backend, "
          f"a boundary every {1000 / args.speed:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        capture: Path | None = None
        os.environ["HAMSTRING_COACH_CONFIG_DIR"] = str(Path(tmp) / "config")
        if not args.real_device:
            home = Path(tmp) / "home"
            home.mkdir()
            capture = Path(tmp) / "pcm"
            capture.mkdir()
            (home / ".asoundrc").write_text(ASOUNDRC.format(path=capture / "out.raw"))
            os.environ["HOME"] = str(home)
        for name in names:
            if capture:
                for old in capture.glob("out.raw*"):
                    old.unlink()
            figures = measure(name, args.count, args.speed, capture)
            print(f"{name}:")
            for kind, values in figures.items():
                print(f"  {kind:8s} {summary(values)}")
    if args.paced:
        print("miniaudio mixer on a real-time device (miniaudio null backend, 10 ms period):")
        print(f"  pick-up  {summary(paced_mixer(args.count))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
