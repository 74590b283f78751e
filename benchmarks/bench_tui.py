"""The app against termdown in the same terminal: CPU, memory, first frame, lateness.

Everything runs in one tmux server of its own at 80x24, one program at a time:

- CPU seconds per minute (user + system, from /proc/PID/stat) and peak RSS
  (VmHWM) while a hold counts down, while paused, and (the app only) while
  tempo reps run; the same for ``termdown`` counting down and paused;
- time to first frame: from starting the command to its countdown showing
  in the pane (tmux polled every 5 ms);
- phase-start lateness: from ``--events`` of a real-time run (speed 1) of a
  session of holds, rests and tempo reps; lateness = ``at - scheduled`` of
  each PhaseStarted that the schedule (not a key) started.

Needs tmux and ``termdown`` (``.venv/bin/pip install termdown``; a benchmark
tool only, not a dependency). A proper run takes about 12 minutes::

    .venv/bin/python benchmarks/bench_tui.py             # 60 s windows, 5 min lateness run
    .venv/bin/python benchmarks/bench_tui.py --quick     # 10 s windows, 1 min lateness run

Targets: CPU in holds and rests <= termdown's; paused <= 0.15 s/min; peak
RSS <= 45 MiB; first frame <= 0.4 s; lateness p99 <= 5 ms, max <= 10 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
APP = VENV_BIN / "hamstring-coach"
TERMDOWN = VENV_BIN / "termdown"
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = 1024 * 1024

HOLD = """\
name: Bench hold
steps:
  - exercise: Long hold
    hold: 1h
    prepare: 0
"""
TEMPO = """\
name: Bench tempo
steps:
  - exercise: Slow curl
    reps: 500
    tempo: "3-1-1-1"
    prepare: 0
"""
# About 5.5 minutes of every timed kind: holds, switches, rests, tempo reps.
LATENESS = """\
name: Bench lateness
defaults: {prepare: 5, rest: 10, side_switch: 5}
steps:
  - exercise: Heel press
    hold: 12
    sets: 3
    sides: each
  - rest: 8
  - exercise: Slow curl
    reps: 8
    tempo: "3-1-1-1"
    sets: 2
  - exercise: Bridge
    reps: 10
    tempo: "2-1-1-0"
    sets: 2
  - cue: Shake the legs out
    duration: 7
"""


class Tmux:
    """A private tmux server with one 80x24 pane."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"bench-tui-{os.getpid()}"
        self.env = env
        self.server("kill-server", check=False)

    def server(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=check)
        return done.stdout

    def start(self, command: list[str]) -> float:
        """Run ``command`` in the 80x24 pane (replacing what ran there); returns its start time.

        The tmux server is started beforehand with an idle pane, so the time
        measured is the program's own, not tmux starting up.
        """
        if not self.server("list-sessions", check=False).strip():
            self.server("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", "sleep 100000")
            self.server("set-option", "-g", "status", "off")
            self.server("set-option", "-g", "remain-on-exit", "off")
        shell = ["env", "-i", *(f"{k}={v}" for k, v in self.env.items()), *command]
        began = time.monotonic()
        self.server("respawn-pane", "-k", "-t", "b", shlex.join(shell))
        return began

    def screen(self) -> str:
        return self.server("capture-pane", "-p", "-t", "b", check=False)

    def send(self, *keys: str) -> None:
        self.server("send-keys", "-t", "b", *keys)

    def pid(self) -> int:
        return int(self.server("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

    def wait_for(self, check: Callable[[str], bool], timeout: float = 10.0,
                 poll: float = 0.005) -> float:
        """Poll the pane until ``check`` holds; returns the monotonic time it did."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check(self.screen()):
                return time.monotonic()
            time.sleep(poll)
        raise RuntimeError(f"timed out waiting; screen:\n{self.screen()}")

    def stop(self) -> None:
        self.server("kill-server", check=False)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Sample:
    name: str
    cpu_per_min: float
    peak_mib: float


def measure(tmux: Tmux, name: str, window: float, settle: float = 2.0) -> Sample:
    pid = tmux.pid()
    time.sleep(settle)
    start_cpu, start = cpu_seconds(pid), time.monotonic()
    time.sleep(window)
    used = cpu_seconds(pid) - start_cpu
    elapsed = time.monotonic() - start
    return Sample(name, used / elapsed * 60, peak_rss_mib(pid))


def has_digits(screen: str) -> bool:
    return "┃" in screen or "╹" in screen or "━" in screen


def app_command(session: Path, *extra: str) -> list[str]:
    return [str(APP), "run", str(session), "--no-sound", *extra]


def first_frame(tmux: Tmux, command: list[str], marker: str, repeat: int,
                out: Path) -> float:
    """Median seconds from starting ``command`` to ``marker`` reaching the terminal.

    The pane's output is piped to a file (``pipe-pane``) and read here, so
    nothing polls tmux while the program starts; the pane waits on a shell
    ``read`` and the clock starts as Enter is sent.
    """
    times = []
    for _ in range(repeat):
        tmux.stop()
        time.sleep(0.2)
        inner = "read go; exec " + shlex.join(
            ["env", "-i", *(f"{k}={v}" for k, v in tmux.env.items()), *command])
        tmux.server("new-session", "-d", "-s", "b", "-x", "80", "-y", "24",
                    shlex.join(["sh", "-c", inner]))
        tmux.server("set-option", "-g", "status", "off")
        out.write_bytes(b"")
        tmux.server("pipe-pane", "-t", "b", "-o", f"cat >> {shlex.quote(str(out))}")
        time.sleep(0.3)
        began = time.monotonic()
        tmux.send("Enter")
        deadline = began + 10
        while marker not in out.read_bytes().decode("utf-8", "replace"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"no {marker!r} from {command[0]}")
            time.sleep(0.002)
        times.append(time.monotonic() - began)
    tmux.stop()
    return statistics.median(times)


def run_app(tmux: Tmux, session: Path, window: float, repeat: int,
            results: dict[str, object]) -> None:
    results["app first frame s"] = first_frame(tmux, app_command(session), "H O L D", repeat,
                                               session.with_suffix(".pipe"))
    tmux.start(app_command(session))
    tmux.wait_for(lambda s: "H O L D" in s and has_digits(s))
    results["app hold"] = measure(tmux, "app hold", window)
    tmux.send("Space")
    tmux.wait_for(lambda s: "P A U S E D" in s)
    results["app paused"] = measure(tmux, "app paused", window)
    tmux.stop()


def run_tempo(tmux: Tmux, session: Path, window: float, results: dict[str, object]) -> None:
    tmux.start(app_command(session))
    tmux.wait_for(lambda s: "L O W E R" in s or "L I F T" in s or "P A U S E" in s)
    results["app tempo"] = measure(tmux, "app tempo", window)
    tmux.stop()


def run_termdown(tmux: Tmux, window: float, repeat: int, out: Path,
                 results: dict[str, object]) -> None:
    command = [str(TERMDOWN), "--no-bell", "1h"]
    # termdown's figlet digits are drawn with 8s.
    results["termdown first frame s"] = first_frame(tmux, command, "88", repeat, out)
    tmux.start(command)
    tmux.wait_for(lambda s: "88" in s)
    results["termdown countdown"] = measure(tmux, "termdown countdown", window)
    tmux.send("Space")
    time.sleep(0.5)
    results["termdown paused"] = measure(tmux, "termdown paused", window)
    tmux.stop()


def run_lateness(tmux: Tmux, session: Path, events: Path, minutes: float,
                 results: dict[str, object]) -> None:
    tmux.start(app_command(session, "--events", str(events)))
    deadline = time.monotonic() + minutes * 60 + 30
    while time.monotonic() < deadline:
        if "Session complete" in tmux.screen():
            break
        time.sleep(1.0)
    else:
        raise RuntimeError("the lateness run did not finish")
    tmux.stop()
    lines = [json.loads(line) for line in events.read_text().splitlines()]
    starts = [e for e in lines if e["event"] == "PhaseStarted"]
    # The first phase starts when the engine does: not scheduled by the clock.
    late = sorted((e["at"] - e["scheduled"]) * 1000 for e in starts[1:])
    results["lateness n"] = len(late)
    results["lateness run min"] = (lines[-1]["at"] - lines[0]["at"]) / 60
    results["lateness p50 ms"] = statistics.median(late)
    results["lateness p99 ms"] = late[min(len(late) - 1, int(len(late) * 0.99))]
    results["lateness max ms"] = late[-1]


def report(results: dict[str, object]) -> None:
    print("\n| measure | hamstring-coach | termdown | target |")
    print("|---|---|---|---|")

    def s(key: str) -> Sample:
        value = results[key]
        assert isinstance(value, Sample)
        return value

    app_hold, app_paused, app_tempo = s("app hold"), s("app paused"), s("app tempo")
    td, td_paused = s("termdown countdown"), s("termdown paused")
    print(f"| CPU s/min, hold counting down | {app_hold.cpu_per_min:.3f} | "
          f"{td.cpu_per_min:.3f} | <= termdown |")
    print(f"| CPU s/min, paused | {app_paused.cpu_per_min:.3f} | "
          f"{td_paused.cpu_per_min:.3f} | <= 0.15 |")
    print(f"| CPU s/min, tempo reps | {app_tempo.cpu_per_min:.3f} | n/a | |")
    peak = max(app_hold.peak_mib, app_paused.peak_mib, app_tempo.peak_mib)
    print(f"| peak RSS MiB | {peak:.1f} | {max(td.peak_mib, td_paused.peak_mib):.1f} "
          "| <= 45 |")
    print(f"| first frame s (median) | {results['app first frame s']:.3f} | "
          f"{results['termdown first frame s']:.3f} | <= 0.4 |")
    print(f"| phase-start lateness p50 / p99 / max ms "
          f"({results['lateness n']} starts, {results['lateness run min']:.1f} min) | "
          f"{results['lateness p50 ms']:.2f} / {results['lateness p99 ms']:.2f} / "
          f"{results['lateness max ms']:.2f} | n/a | p99 <= 5, max <= 10 |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--window", type=float, default=60.0,
                        help="seconds to sample CPU in each state (default 60)")
    parser.add_argument("--lateness-minutes", type=float, default=5.5,
                        help="length of the real-time lateness run (default: the 5.5 min "
                             "bench session)")
    parser.add_argument("--quick", action="store_true", help="10 s windows, skip half")
    parser.add_argument("--skip-lateness", action="store_true")
    parser.add_argument("--repeat", type=int, default=5,
                        help="starts timed for the first frame (median; default 5)")
    args = parser.parse_args()
    if shutil.which("tmux") is None or not TERMDOWN.exists() or not APP.exists():
        print("needs tmux, the installed hamstring-coach and termdown in the venv "
              "(.venv/bin/pip install termdown)", file=sys.stderr)
        return 2
    window = 10.0 if args.quick else args.window
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {"HOME": tmp, "TERM": "xterm-256color", "PATH": os.environ["PATH"],
               "HAMSTRING_COACH_CONFIG_DIR": f"{tmp}/config",
               "HAMSTRING_COACH_DATA_DIR": f"{tmp}/data", "LANG": "C.UTF-8"}
        sessions = {}
        for name, text in (("hold", HOLD), ("tempo", TEMPO), ("late", LATENESS)):
            sessions[name] = home / f"{name}.yaml"
            sessions[name].write_text(text, encoding="utf-8")
        tmux = Tmux(env)
        results: dict[str, object] = {}
        try:
            run_app(tmux, sessions["hold"], window, args.repeat, results)
            run_tempo(tmux, sessions["tempo"], window, results)
            run_termdown(tmux, window, args.repeat, home / "termdown.pipe", results)
            for key, value in results.items():
                print(f"{key}: {value}", flush=True)
            if not args.skip_lateness:
                run_lateness(tmux, sessions["late"], home / "events.jsonl",
                             args.lateness_minutes, results)
            else:
                results.update({"lateness n": 0, "lateness run min": 0.0,
                                "lateness p50 ms": float("nan"),
                                "lateness p99 ms": float("nan"),
                                "lateness max ms": float("nan")})
        finally:
            tmux.stop()
        report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
