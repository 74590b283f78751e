"""This app, termdown and a bare Textual app side by side: CPU, memory, start-up, lateness.

One run, one private tmux server at 80x24, one program at a time, every
measure repeated (``--repeat``, default 3) and shown as the median with the
range; ratios are taken per repeat and shown as median [min-max]:

- steady CPU seconds per minute (user + system, /proc/PID/stat) while a hold
  counts down, while paused, while tempo reps run and while break mode
  waits for the next break; termdown counting down and paused; the bare
  Textual app (``bare_textual.py``: one ``Digits`` at 1 Hz);
- the fixed cost of a run: each program runs to its end at two lengths
  (``rusage_run.py`` inside the pane: CPU of the process and of everything
  it waited for); the intercept of the two is start-up plus the end;
- time to first frame: from Enter to the countdown reaching the terminal;
- peak RSS (VmHWM) of the app in a hold, and of its audio worker with sound
  on (ALSA's default device routed to ``null`` by a private ``.asoundrc``);
- whole-process wall and CPU of ``--help``, ``validate`` and ``list``;
- the fixed cost with sound on, the audio worker counted (a child the run
  waited for);
- phase-start lateness from ``--events`` of a real-time run, also as p99 per
  5 minutes of it (``--lateness-minutes 30 --lateness-only``: flat or not).

The programs run with ``env -i`` (HOME, TERM, PATH, LANG and the app's two
folders only), so ``PYTHONDONTWRITEBYTECODE`` is unset and bytecode is written
as a user's interpreter would; one warm-up start of each comes first.

Needs tmux and ``termdown`` in the venv (``.venv/bin/pip install termdown``; a
benchmark tool, not a dependency)::

    .venv/bin/python benchmarks/bench_tui.py           # 30 s windows, 5.5 min lateness (~25 min)
    .venv/bin/python benchmarks/bench_tui.py --quick   # 10 s windows, 1.6 min lateness (~12 min)
    .venv/bin/python benchmarks/bench_tui.py --lateness-only --lateness-minutes 30
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
from pathlib import Path

from tmux_probe import Tmux, children, cpu_seconds, first_frame, machine, p99, peak_rss_mib

HERE = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
APP = VENV_BIN / "hamstring-coach"
TERMDOWN = VENV_BIN / "termdown"
PYTHON = Path(sys.executable)
BARE = HERE / "bare_textual.py"
RUSAGE = HERE / "rusage_run.py"

HOLD = "name: Bench hold\nsteps:\n  - exercise: Long hold\n    hold: {seconds}\n    prepare: 0\n"
TEMPO = """\
name: Bench tempo
steps:
  - exercise: Slow curl
    reps: 500
    tempo: "3-1-1-1"
    prepare: 0
"""
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
QUICK_LATENESS = """\
name: Bench lateness
defaults: {prepare: 3, rest: 4, side_switch: 3}
steps:
  - exercise: Heel press
    hold: 6
    sets: 2
    sides: each
  - exercise: Slow curl
    reps: 4
    tempo: "3-1-1-1"
    sets: 2
  - cue: Shake the legs out
    duration: 3
"""
LATENESS_SECONDS = 333.0  # LATENESS compiled: 142 phases
NULL_ASOUNDRC = "pcm.!default { type null }\nctl.!default { type hw card 0 }\n"

Results = dict[str, list[float]]


def add(results: Results, key: str, value: float) -> None:
    results.setdefault(key, []).append(value)


def steady(tmux: Tmux, window: float, settle: float = 1.5) -> float:
    """CPU seconds per minute of the pane's program over ``window`` seconds."""
    pid = tmux.pid()
    time.sleep(settle)
    start_cpu, start = cpu_seconds(pid), time.monotonic()
    time.sleep(window)
    return (cpu_seconds(pid) - start_cpu) / (time.monotonic() - start) * 60


def has_digits(screen: str) -> bool:
    return any(mark in screen for mark in ("┃", "╹", "━", "╭"))


def app(session: Path, *extra: str, sound: bool = False) -> list[str]:
    return [str(APP), "run", str(session), *(() if sound else ("--no-sound",)), *extra]


def steady_round(tmux: Tmux, home: Path, window: float, results: Results) -> None:
    tmux.start(app(home / "hold.yaml"))
    tmux.wait_for(lambda s: "H O L D" in s and has_digits(s))
    add(results, "cpu hold app", steady(tmux, window))
    add(results, "peak MiB app", peak_rss_mib(tmux.pid()))
    tmux.send("Space")
    tmux.wait_for(lambda s: "P A U S E D" in s)
    add(results, "cpu paused app", steady(tmux, window))
    tmux.start(app(home / "tempo.yaml"))
    tmux.wait_for(lambda s: "L O W E R" in s or "L I F T" in s or "P A U S E" in s)
    add(results, "cpu tempo app", steady(tmux, window))
    tmux.start([str(APP), "break", "--every", "1h", "--no-sound"])
    tmux.wait_for(lambda s: "break" in s.lower() and has_digits(s))
    add(results, "cpu break-wait app", steady(tmux, window))
    tmux.start([str(TERMDOWN), "--no-bell", "1h"])
    tmux.wait_for(lambda s: "88" in s)
    cpu = steady(tmux, window)
    for key in ("cpu hold termdown", "cpu tempo termdown", "cpu break-wait termdown"):
        add(results, key, cpu)
    add(results, "peak MiB termdown", peak_rss_mib(tmux.pid()))
    tmux.send("Space")
    time.sleep(0.5)
    add(results, "cpu paused termdown", steady(tmux, window))
    tmux.start([str(PYTHON), str(BARE), "3600"])
    tmux.wait_for(has_digits)
    cpu = steady(tmux, window)
    for key in ("cpu hold bare", "cpu tempo bare", "cpu break-wait bare"):
        add(results, key, cpu)
    add(results, "peak MiB bare", peak_rss_mib(tmux.pid()))
    tmux.stop()


def whole_run(tmux: Tmux, command: list[str], out: Path,
              done: Callable[[str], bool] | None = None) -> dict[str, float]:
    """Run ``command`` to its end under ``rusage_run``; ``done`` screens get a ``q``."""
    out.unlink(missing_ok=True)
    tmux.start([str(PYTHON), str(RUSAGE), str(out), "--", *command])
    deadline = time.monotonic() + 120
    while not out.exists():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{command[0]} did not end:\n{tmux.screen()}")
        if done is not None and done(tmux.screen()):
            tmux.send("q")
            done = None
        time.sleep(0.05)
    time.sleep(0.05)
    result: dict[str, float] = json.loads(out.read_text())
    return result


def fixed_round(tmux: Tmux, home: Path, lengths: tuple[int, int], results: Results) -> None:
    short, long = lengths
    subjects: dict[str, Callable[[int], list[str]]] = {
        "app": lambda n: app(home / f"hold{n}.yaml"),
        "app with sound": lambda n: app(home / f"hold{n}.yaml", sound=True),
        "termdown": lambda n: [str(TERMDOWN), "--no-bell", f"{n}s"],
        "bare": lambda n: [str(PYTHON), str(BARE), str(n)],
    }
    for name, command in subjects.items():
        finished = (lambda s: "Session complete" in s) if name.startswith("app") else None
        cpu = [whole_run(tmux, command(n), home / "usage.json", finished)["cpu"]
               for n in lengths]
        slope = (cpu[1] - cpu[0]) / (long - short)
        if name == "app with sound":  # the audio worker counted (a child it waited for)
            add(results, "fixed cpu app+worker, sound on", cpu[0] - slope * short)
            add(results, f"whole {short}s-run cpu app+worker, sound on", cpu[0])
            continue
        add(results, f"fixed cpu {name}", cpu[0] - slope * short)
        add(results, f"whole {short}s-run cpu {name}", cpu[0])
    tmux.stop()


def first_frames(tmux: Tmux, home: Path, results: Results) -> None:
    for name, command, marker in (
            ("app", app(home / "hold.yaml"), "H O L D"),
            ("termdown", [str(TERMDOWN), "--no-bell", "1h"], "88"),
            ("bare", [str(PYTHON), str(BARE), "3600"], "╭")):
        add(results, f"first frame s {name}",
            first_frame(tmux, command, marker, 1, home / "pipe.out")[0])


def worker_round(tmux: Tmux, home: Path, results: Results) -> None:
    """The audio worker's peak RSS with sound on, and the app's beside it."""
    tmux.start(app(home / "hold.yaml", sound=True))
    tmux.wait_for(lambda s: "H O L D" in s and "♪" in s)
    time.sleep(3.0)
    pid = tmux.pid()
    workers = children(pid)
    if workers:
        add(results, "peak MiB audio worker", max(peak_rss_mib(w) for w in workers))
    add(results, "peak MiB app with sound", peak_rss_mib(pid))
    tmux.stop()


def cli_round(env: dict[str, str], home: Path, results: Results) -> None:
    for name, args in (("--help", ["--help"]), ("validate", ["validate", str(home / "hold.yaml")]),
                       ("list", ["list"])):
        out = home / "cli.json"
        subprocess.run([str(PYTHON), str(RUSAGE), str(out), "--", str(APP), *args],
                       env=env, cwd=home, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        usage = json.loads(out.read_text())
        add(results, f"`{name}` wall s app", usage["wall"])
        add(results, f"`{name}` cpu s app", usage["cpu"])


def repeated(session: str, seconds: float, minutes: float) -> str:
    """``session`` (``seconds`` long) with its steps repeated to last about ``minutes``."""
    head, steps = session.split("steps:\n", 1)
    times = max(1, round(minutes * 60 / seconds))
    return head + "steps:\n" + steps * times


def lateness(tmux: Tmux, home: Path, session: Path, results: Results,
             window: float = 300.0) -> list[tuple[float, int, float, float]]:
    """Phase-start lateness of a real-time run; (minute, starts, p99, max) per window."""
    events = home / "events.jsonl"
    events.unlink(missing_ok=True)
    tmux.start(app(session, "--events", str(events)))
    tmux.wait_for(lambda s: "Session complete" in s, timeout=3 * 3600, poll=1.0)
    tmux.stop()
    lines = [json.loads(line) for line in events.read_text().splitlines()]
    starts = [e for e in lines if e["event"] == "PhaseStarted"][1:]
    late = sorted((e["at"] - e["scheduled"]) * 1000 for e in starts)
    add(results, "lateness starts", len(late))
    add(results, "lateness p50 ms", statistics.median(late))
    add(results, "lateness p99 ms", p99(late))
    add(results, "lateness max ms", late[-1])
    begin = starts[0]["scheduled"]
    windows: dict[int, list[float]] = {}
    for e in starts:
        windows.setdefault(int((e["scheduled"] - begin) // window),
                           []).append((e["at"] - e["scheduled"]) * 1000)
    return [(n * window / 60, len(v), p99(v), max(v)) for n, v in sorted(windows.items())]


def spread(values: list[float], digits: int) -> str:
    if not values:
        return "n/a"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f}"
    return f"{med:.{digits}f} [{min(values):.{digits}f}–{max(values):.{digits}f}]"


def ratio(results: Results, key: str, other: str) -> str:
    mine, theirs = results.get(f"{key} app", []), results.get(f"{key} {other}", [])
    pairs = [a / b for a, b in zip(mine, theirs, strict=False) if b > 0]
    return spread(pairs, 2) + "×" if pairs else "n/a"


def report(results: Results, repeat: int) -> None:
    print(f"\n{repeat} repeats; median [min–max]; ratios per repeat\n")
    print("| measure | hamstring-coach | termdown | bare Textual | app/termdown | app/bare |")
    print("|---|---|---|---|---|---|")
    rows = [("cpu hold", "CPU s/min, hold counting down", 3),
            ("cpu tempo", "CPU s/min, tempo reps (others: countdown)", 3),
            ("cpu paused", "CPU s/min, paused", 3),
            ("cpu break-wait", "CPU s/min, break mode waiting (others: countdown)", 3),
            ("fixed cpu", "fixed CPU s per run (intercept)", 3),
            ("first frame s", "first frame s", 3),
            ("peak MiB", "peak RSS MiB (hold)", 1)]
    rows += [(key[:-4], key[:-4], 3) for key in results
             if key.startswith("whole ") and key.endswith(" app")]  # app, termdown, bare
    for key, label, digits in rows:
        if not results.get(f"{key} app"):
            continue  # not measured (--lateness-only)
        cells = [spread(results.get(f"{key} {who}", []), digits)
                 for who in ("app", "termdown", "bare")]
        print(f"| {label} | {' | '.join(cells)} | {ratio(results, key, 'termdown')} "
              f"| {ratio(results, key, 'bare')} |")
    for key, label in (("fixed cpu app+worker, sound on",
                        "fixed CPU s per run, sound on (the audio worker counted)"),
                       *((k, k) for k in results if k.startswith("whole ") and "sound" in k),
                       ("peak MiB app with sound", "peak RSS MiB, app with sound on"),
                       ("peak MiB audio worker", "peak RSS MiB, audio worker"),
                       *((k, k[:-4]) for k in results if k.startswith("`"))):
        if not results.get(key):
            continue
        digits = 1 if "MiB" in key else 3
        print(f"| {label} | {spread(results.get(key, []), digits)} "
              "| | | | |")
    if "lateness p99 ms" in results:
        print(f"| phase-start lateness p50 / p99 / max ms ({results['lateness starts'][0]:.0f} "
              f"starts) | {results['lateness p50 ms'][0]:.2f} / "
              f"{results['lateness p99 ms'][0]:.2f} / {results['lateness max ms'][0]:.2f} "
              "| | | | |")


def main() -> int:
    global APP  # --source: a launcher for DIR's entry point (see below)
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--window", type=float, default=30.0,
                        help="seconds to sample CPU in each state (default 30)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of everything (3)")
    parser.add_argument("--quick", action="store_true",
                        help="10 s windows, runs of 2 and 6 s, the 1.6 min lateness session")
    parser.add_argument("--skip-lateness", action="store_true")
    parser.add_argument("--lateness-minutes", type=float, metavar="M",
                        help="length of the real-time lateness run (default 5.5, --quick 1.6); "
                             "p99 is also printed per 5 minutes, to show it stays flat")
    parser.add_argument("--lateness-only", action="store_true",
                        help="only the real-time lateness run (e.g. --lateness-minutes 30)")
    parser.add_argument("--source", type=Path, metavar="DIR",
                        help="run the hamstring_coach package found in DIR (a checkout) "
                             "instead of the installed one: a before/after pair from one venv")
    args = parser.parse_args()
    if shutil.which("tmux") is None or not TERMDOWN.exists() or not APP.exists():
        print("needs tmux, the installed hamstring-coach and termdown in the venv "
              "(.venv/bin/pip install termdown)", file=sys.stderr)
        return 2
    window = 10.0 if args.quick else args.window
    lengths = (2, 6) if args.quick else (3, 15)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {"HOME": tmp, "TERM": "xterm-256color", "PATH": os.environ["PATH"],
               "HAMSTRING_COACH_CONFIG_DIR": f"{tmp}/config",
               "HAMSTRING_COACH_DATA_DIR": f"{tmp}/data", "LANG": "C.UTF-8"}
        if args.source is not None:
            env["PYTHONPATH"] = str(args.source.resolve())
            # the venv's script names this checkout's entry point, maybe not DIR's
            APP = home / "hamstring-coach"
            APP.write_text(f"#!{PYTHON}\nimport sys\nfrom hamstring_coach import cli\n"
                           "sys.exit(getattr(cli, 'entry', cli.main)())\n")
            APP.chmod(0o755)
        (home / ".asoundrc").write_text(NULL_ASOUNDRC)
        (home / "hold.yaml").write_text(HOLD.format(seconds="1h"))
        for n in lengths:
            (home / f"hold{n}.yaml").write_text(HOLD.format(seconds=n))
        (home / "tempo.yaml").write_text(TEMPO)
        minutes = args.lateness_minutes
        late_text = QUICK_LATENESS if args.quick and minutes is None else LATENESS
        if minutes is not None:
            late_text = repeated(LATENESS, LATENESS_SECONDS, minutes)
        (home / "late.yaml").write_text(late_text)
        tmux = Tmux(env)
        results: Results = {}
        windows: list[tuple[float, int, float, float]] = []
        began = machine()
        try:
            first_frames(tmux, home, {})  # warm-up: bytecode written, files cached
            for turn in range(0 if args.lateness_only else args.repeat):
                first_frames(tmux, home, results)
                steady_round(tmux, home, window, results)
                fixed_round(tmux, home, lengths, results)
                worker_round(tmux, home, results)
                cli_round(env, home, results)
                print(f"repeat {turn + 1}/{args.repeat} done", file=sys.stderr, flush=True)
            if not args.skip_lateness:
                windows = lateness(tmux, home, home / "late.yaml", results)
        finally:
            tmux.stop()
        print(f"command: {shlex.join(sys.argv)}")
        print(f"began {began}\nended {machine()}")
        report(results, 0 if args.lateness_only else args.repeat)
        if len(windows) > 1:
            print("\n| minutes from the start | phase starts | p99 ms | max ms |")
            print("|---|---|---|---|")
            for minute, count, high, top in windows:
                print(f"| {minute:.0f}–{minute + 5:.0f} | {count} | {high:.2f} | {top:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
