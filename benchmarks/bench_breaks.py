"""Break mode's costs: memory over a working day, CPU while it waits.

Two measurements, each printing its figures:

``schedule`` (about 2.5 minutes): eight hours of break schedule with the
real app (``make_break_app``, headless, the built-in desk-break session,
real timers) on a clock running ``--speed`` times faster (default 200).
Breaks come due every 45 minutes; the benchmark answers them in turn with
Enter (the session runs to its end), snooze-then-Enter, and skip. Each time
the screen is back to waiting it samples the process's resident memory and
Python's traced allocations (tracemalloc); after a warm-up of one break of
each kind, the growth from the first sample to the last is the figure.
Target: at most 2 MiB.

``idle`` (ten minutes plus a minute of warm-up by default): the installed
``hamstring-coach break`` in a private tmux server, waiting for a break two
hours away, as a person leaves it running. CPU time (user + system, the
app and any child such as the audio worker) from ``/proc/PID/stat``,
reported in seconds per minute of waiting. Target: at most 0.15 s/min.

    .venv/bin/python benchmarks/bench_breaks.py schedule [--speed 200] [--hours 8]
    .venv/bin/python benchmarks/bench_breaks.py idle [--minutes 10] [--no-sound]
    nohup .venv/bin/python benchmarks/bench_breaks.py idle > /tmp/idle.txt 2>&1 &
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

MIB = 1024 * 1024
CLK_TCK = os.sysconf("SC_CLK_TCK")


def rss_bytes(pid: int | str = "self") -> int:
    """Resident set size from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


# -- schedule: eight hours on an accelerated clock ----------------------------------


async def _schedule(speed: float, hours: float, top: int) -> None:
    from hamstring_coach.engine.break_scheduler import BreakState
    from hamstring_coach.plan.compiler import compile_session
    from hamstring_coach.run.break_mode import BreakSettings
    from hamstring_coach.run.library import load
    from hamstring_coach.tui.app import AppConfig
    from hamstring_coach.tui.break_app import BreakConfig, make_break_app
    from hamstring_coach.tui.factory import null_recorder
    from hamstring_coach.tui.screens.break_wait import BreakScreen

    every = 45 * 60.0
    timeline = compile_session(load("desk-break"))
    app = make_break_app(timeline, "desk-break", BreakConfig(
        BreakSettings(every=every, snooze=300.0),
        AppConfig(speed=speed, recorder_factory=null_recorder), record=lambda kind: None,
        notify_desktop=lambda summary, body: False))
    # Break n is answered with answers[n % 3]: run the session; snooze, then run the
    # session; skip. The first three (one of each) are the warm-up.
    answers = ["enter", "s", "k"]
    tracemalloc.start(25 if top else 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, BreakScreen)
        scheduler = home.scheduler
        start = scheduler.now()
        end = start + hours * 3600
        # (simulated hours, RSS, traced) each time the screen is back to waiting
        samples: list[tuple[float, int, int]] = []
        first: tracemalloc.Snapshot | None = None
        breaks = 0
        sampled = 0
        began = time.perf_counter()
        while scheduler.now() < end:
            await asyncio.sleep(0.05)
            if app.screen is not home:
                continue  # the break session runs on the coaching screen
            if scheduler.state is BreakState.WAITING and sampled < breaks:
                sampled = breaks
                gc.collect()
                samples.append(((scheduler.now() - start) / 3600, rss_bytes(),
                                tracemalloc.get_traced_memory()[0]))
                if top and first is None and breaks >= len(answers):
                    first = tracemalloc.take_snapshot()
            if scheduler.state is not BreakState.DUE:
                continue
            answer = answers[breaks % len(answers)]
            if answer == "s" and scheduler.snoozes == 0:
                await pilot.press("s")
                continue
            await pilot.press("k" if answer == "k" else "enter")
            breaks += 1
        elapsed = time.perf_counter() - began
        if top and first is not None:
            for stat in tracemalloc.take_snapshot().compare_to(first, "lineno")[:top]:
                print(stat)
        tracemalloc.stop()
        simulated = (scheduler.now() - start) / 3600
        counts = scheduler.counts
        print(f"schedule: {simulated:.2f} h of breaks at {speed:g}x in {elapsed:.0f} s real; "
              f"{counts.taken} taken, {counts.snoozed} snoozed, {counts.skipped} skipped; "
              f"{home.wakes} wakes of the waiting screen")
        print("  back to waiting after break  at hour   RSS MiB   traced MiB")
        for n, (hour, rss, traced) in enumerate(samples, start=1):
            print(f"  {n:>28} {hour:>8.2f} {rss / MIB:>9.2f} {traced / MIB:>12.3f}")
        warm = len(answers) - 1  # the sample after one break of each kind
        for label, base in (("after the warm-up (one break of each kind)", warm),
                            ("after the first break", 0)):
            if len(samples) > base + 1:
                rss_growth = samples[-1][1] - samples[base][1]
                traced_growth = samples[-1][2] - samples[base][2]
                hours_measured = samples[-1][0] - samples[base][0]
                print(f"  growth over {hours_measured:.1f} h {label}: "
                      f"RSS {rss_growth / MIB:+.2f} MiB, Python allocations "
                      f"{traced_growth / MIB:+.3f} MiB (target <= 2 MiB)")
        await pilot.press("q")


def schedule(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HAMSTRING_COACH_CONFIG_DIR"] = f"{tmp}/config"
        os.environ["HAMSTRING_COACH_DATA_DIR"] = f"{tmp}/data"
        asyncio.run(_schedule(args.speed, args.hours, args.top))
    return 0


# -- idle: the real command waiting for ten minutes ---------------------------------


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` and its children still alive (seconds)."""
    total = 0.0
    for proc in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime
    return total


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return found
    for kid in map(int, kids):
        found += [kid, *_children(kid)]
    return found


def idle(args: argparse.Namespace) -> int:
    if shutil.which("tmux") is None:
        print("idle: needs tmux", file=sys.stderr)
        return 1
    exe = Path(sys.executable).with_name("hamstring-coach")
    argv = [str(exe), "break", "--every", "2h"] + (["--no-sound"] if args.no_sound else [])
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TERM="xterm-256color",
                   HAMSTRING_COACH_CONFIG_DIR=f"{tmp}/config",
                   HAMSTRING_COACH_DATA_DIR=f"{tmp}/data")
        sock = f"{tmp}/tmux.sock"
        tmux = ["tmux", "-S", sock]
        subprocess.run([*tmux, "new-session", "-d", "-s", "b", "-x", "80", "-y", "24", *argv],
                       env=env, check=True)
        try:
            pid = int(subprocess.run([*tmux, "display", "-p", "-t", "b", "#{pane_pid}"],
                                     env=env, capture_output=True, text=True).stdout)
            time.sleep(args.warmup)
            screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", "b"], env=env,
                                    capture_output=True, text=True).stdout
            if "Next stretch break in" not in screen:
                print("idle: the waiting screen did not show:\n" + screen, file=sys.stderr)
                return 1
            cpu0, rss0, t0 = _cpu_seconds(pid), rss_bytes(pid), time.monotonic()
            time.sleep(args.minutes * 60)
            cpu1, rss1, t1 = _cpu_seconds(pid), rss_bytes(pid), time.monotonic()
            minutes = (t1 - t0) / 60
            processes = 1 + len(_children(pid))
        finally:
            subprocess.run([*tmux, "kill-server"], env=env, capture_output=True)
    per_minute = (cpu1 - cpu0) / minutes
    print(f"idle: `{' '.join(argv[1:])}` waited {minutes:.1f} min in tmux "
          f"({processes} process{'es' if processes > 1 else ''})")
    print(f"  CPU {cpu1 - cpu0:.2f} s = {per_minute:.3f} s per minute of waiting "
          f"(target <= 0.15); RSS {rss0 / MIB:.1f} -> {rss1 / MIB:.1f} MiB")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="which", required=True)
    p = sub.add_parser("schedule", help="eight hours of breaks on an accelerated clock")
    p.add_argument("--speed", type=float, default=200.0)
    p.add_argument("--hours", type=float, default=8.0)
    p.add_argument("--top", type=int, default=0, help="print the N biggest growths")
    p = sub.add_parser("idle", help="CPU of the real command while it waits")
    p.add_argument("--minutes", type=float, default=10.0)
    p.add_argument("--warmup", type=float, default=60.0)
    p.add_argument("--no-sound", action="store_true")
    args = parser.parse_args()
    return schedule(args) if args.which == "schedule" else idle(args)


if __name__ == "__main__":
    sys.exit(main())
