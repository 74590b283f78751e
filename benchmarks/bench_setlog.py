"""What logging what was done costs, on real SQLite files in a temp folder.

Prints:

- one set written with its actuals: the set's row when it ends, then the
  rest prompt's Enter writing reps, load, reps in reserve, pain and a note
  into it (median, 99th percentile and worst of 2,000 each), and the same
  write from the summary screen, after the run is closed (it opens the file);
- five years of logged sets (three sessions a week, every set with reps,
  load, reps in reserve, pain, some notes), generated as a JSON export and
  imported; then the installed ``history`` command on it (table, ``--format
  json``, ``--format csv``, ``edit``), opening a recorder on it (it now reads
  last time's sets), and importing the same file again (adds nothing).

    .venv/bin/python benchmarks/bench_setlog.py [--years 5]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from history_support import timeline

from hamstring_coach.engine.events import SetEnded
from hamstring_coach.history import open_recorder
from hamstring_coach.history.export import FORMAT, VERSION
from hamstring_coach.history.importer import import_file
from hamstring_coach.run.actuals import Actuals

EXERCISES = (("Romanian deadlift", "hip-extension", 4, 10, 40.0, None),
             ("Seated leg curl", "knee-flexion", 4, 12, 30.0, None),
             ("Single-leg RDL", "hip-extension", 3, 8, 12.0, ("left", "right")))


def set_event(n: int) -> SetEnded:
    return SetEnded(step_index=0, exercise="Romanian deadlift", exercise_id=None,
                    function=("hip-extension",), set_no=n, set_count=3, side=None, reps=8,
                    seconds=40.0, load="20 kg", skipped=False, at=float(n))


def line(what: str, times: list[float]) -> None:
    times.sort()
    print(f"{what}: median {statistics.median(times) * 1e3:.3f} ms, "
          f"p99 {times[int(len(times) * 0.99)] * 1e3:.3f} ms, worst {times[-1] * 1e3:.2f} ms")


def set_writes(folder: Path) -> None:
    os.environ["HAMSTRING_COACH_HISTORY"] = str(folder / "writes.sqlite3")
    rec = open_recorder(timeline(folder), session_spec="bench")
    ended, logged = [], []
    values = Actuals(reps_done=9, load_done="42.5 kg", rir=2, pain=3, note="grip went")
    for n in range(1, 2001):
        began = time.perf_counter()
        rec.record(set_event(n))
        ended.append(time.perf_counter() - began)
        began = time.perf_counter()
        rec.log_set((0, n, None), values)
        logged.append(time.perf_counter() - began)
    rec.close(status="finished")
    after = []
    for n in range(1, 201):
        began = time.perf_counter()
        rec.log_set((0, n, None), values)
        after.append(time.perf_counter() - began)
    assert rec.saved, rec.warning
    line("a set's row as it ends", ended)
    line("its actuals from the rest prompt (Enter)", logged)
    line("its actuals from the summary (run closed: opens the file)", after)


def five_years_document(years: int) -> tuple[dict[str, object], int]:
    rng = random.Random(11)
    start = datetime(2021, 12, 6, 18, 0).astimezone()
    runs, set_id = [], 0
    for week in range(52 * years):
        for day in (0, 2, 4):
            began = start + timedelta(weeks=week, days=day)
            run_id = len(runs) + 1
            sets = []
            at = began
            for step, (name, function, count, reps, load, sides) in enumerate(EXERCISES):
                for set_no in range(1, count + 1):
                    for side in sides or (None,):
                        set_id += 1
                        at += timedelta(seconds=75)
                        sets.append({
                            "id": set_id, "run_id": run_id, "step_index": step, "exercise": name,
                            "exercise_id": None, "function": [function], "set_no": set_no,
                            "set_count": count, "side": side, "reps": reps, "seconds": 40.0,
                            "load": f"{load:g} kg", "skipped": False,
                            "done_at": at.isoformat(timespec="microseconds"),
                            "reps_done": reps - rng.randint(0, 2),
                            "load_done": f"{load + 2.5 * (week // 8):g} kg",
                            "rir": rng.randint(0, 3), "pain": rng.randint(0, 4),
                            "note": "felt heavy" if rng.random() < 0.05 else None})
            runs.append({
                "id": run_id, "chain_id": run_id, "resumed_from": None, "resumed": False,
                "session_id": "tone", "session_name": "Tone and build", "session_spec": "tone",
                "source": None, "sha256": "0" * 64,
                "started_at": began.isoformat(timespec="microseconds"),
                "ended_at": (at + timedelta(minutes=2)).isoformat(timespec="microseconds"),
                "status": "finished", "start_phase": 0, "resume_phase": 120, "phase_count": 120,
                "planned_sets": 11, "skipped_seconds": 0.0, "pid": 1, "host": "bench",
                "sets": sets, "checkin": None})
    return {"format": FORMAT, "version": VERSION, "runs": runs, "breaks": []}, set_id


def command() -> list[str]:
    script = Path(sys.executable).with_name("hamstring-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hamstring_coach"]


def timed_command(args: list[str], runs: int = 5) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        began = time.perf_counter()
        done = subprocess.run([*command(), *args], capture_output=True, check=True)
        times.append(time.perf_counter() - began)
        size = len(done.stdout)
    return statistics.median(times), size


def five_years(folder: Path, years: int) -> None:
    history = folder / "years.sqlite3"
    os.environ["HAMSTRING_COACH_HISTORY"] = str(history)
    document, sets = five_years_document(years)
    dump = folder / "years.json"
    dump.write_text(json.dumps(document), encoding="utf-8")
    began = time.perf_counter()
    result = import_file(dump)
    took = time.perf_counter() - began
    print(f"{years} years ({result.runs} sessions, {sets} logged sets, JSON "
          f"{dump.stat().st_size / 2**20:.1f} MiB) imported: {took:.2f} s; file "
          f"{history.stat().st_size / 2**20:.1f} MiB")
    from hamstring_coach.history.report import render
    from hamstring_coach.history.stats import read

    inside = []
    for _ in range(5):
        began = time.perf_counter()
        data, _ = read()
        render(data, weeks=8, now=datetime.now().astimezone())
        inside.append(time.perf_counter() - began)
    print(f"  read it all and build the history table (in process): median "
          f"{statistics.median(inside) * 1e3:.0f} ms")
    for args in (["history"], ["history", "--format", "json"], ["history", "--format", "csv"],
                 ["history", "edit"]):
        median, size = timed_command(args)
        print(f"  hamstring-coach {' '.join(args)}: median {median * 1e3:.0f} ms "
              f"({size / 1024:.0f} KiB out, whole process)")
    tl = timeline(folder, "tone")
    opens = []
    for _ in range(20):
        began = time.perf_counter()
        rec = open_recorder(tl, session_spec="tone")
        opens.append(time.perf_counter() - began)
        rec.close(status="quit")
    print(f"  open a recorder on it (reads last time's sets): median "
          f"{statistics.median(opens) * 1e3:.1f} ms")
    began = time.perf_counter()
    again = import_file(dump)
    print(f"  the same file imported again: {time.perf_counter() - began:.2f} s, "
          f"{again.runs} runs added, {again.runs_present} already there")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        set_writes(folder)
        five_years(folder, args.years)


if __name__ == "__main__":
    main()
