"""``status``'s whole-process time, as a status bar runs it every few seconds.

Starts a real ``hamstring-coach break`` (headless in a private tmux server,
its own runtime folder), then runs the installed ``hamstring-coach status
--format tmux`` N times (default 50) and prints the median and the 90th
percentile of the wall time of each whole process (fork, interpreter start,
imports, socket round trip, exit), plus the same with no timer running,
and which heavy modules an import of the status path pulls in (none may be
``textual`` or ``yaml``).

    .venv/bin/python benchmarks/bench_status.py [--runs 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(argv: list[str], env: dict[str, str], runs: int) -> tuple[list[float], int]:
    times: list[float] = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(argv, env=env, capture_output=True).returncode
        times.append(time.perf_counter() - start)
    return times, code


def summary(label: str, times: list[float], code: int) -> str:
    ordered = sorted(times)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    return (f"{label}: median {statistics.median(times) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms "
            f"over {len(times)} runs (exit {code})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("hamstring-coach"))
    with tempfile.TemporaryDirectory() as tmp:
        run_dir = Path(tmp) / "run"
        run_dir.mkdir(mode=0o700)
        env = dict(os.environ, TERM="xterm-256color", XDG_RUNTIME_DIR=str(run_dir),
                   HAMSTRING_COACH_CONFIG_DIR=f"{tmp}/config",
                   HAMSTRING_COACH_DATA_DIR=f"{tmp}/data")
        status = [exe, "status", "--format", "tmux"]
        print(summary("no timer running", *timed(status, env, args.runs)))
        tmux = ["tmux", "-S", f"{tmp}/tmux.sock"]
        subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "24", exe, "break",
                        "--every", "2h", "--no-sound"], env=env, check=True)
        try:
            deadline = time.monotonic() + 30
            while subprocess.run(status, env=env, capture_output=True).returncode != 0:
                if time.monotonic() > deadline:
                    print("the break timer did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            print(summary("timer running   ", *timed(status, env, args.runs)))
            print("  prints:", subprocess.run(status, env=env, capture_output=True,
                                              text=True).stdout.strip())
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)
    probe = ("import sys, hamstring_coach.cli as c, hamstring_coach.commands.status, "
             "hamstring_coach.system.control; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('textual', 'yaml', 'rich', 'platformdirs', 'miniaudio')))")
    heavy = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    print("  heavy modules imported by the status path:", heavy.stdout.strip())
    bare = [sys.executable, "-c", "pass"]
    print(summary("bare `python -c pass` for scale", *timed(bare, dict(os.environ), args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
