"""How fast the history writes and reads, on a real SQLite file in a temp folder.

Prints:

- the time to write one set (what a session pays at the end of each set,
  in the UI's event loop): median, 99th percentile and worst of 2,000, and
  the part of it spent checking that the file is still the one written to;
- the time to open a recorder (open, quick_check, run row) on a history
  of five years;
- eight processes at once recording 100 sessions of 7 sets each, from a
  file that does not exist yet (the race around its creation included);
- reading five years back for the ``history`` table and the weekly figures.

    .venv/bin/python benchmarks/bench_history.py
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from history_support import SESSION_SETS, WallClock, feed, timeline

from hamstring_coach.engine.events import SetEnded
from hamstring_coach.history import open_recorder
from hamstring_coach.history.report import render
from hamstring_coach.history.runcopy import FileIdentity
from hamstring_coach.history.stats import compute_weeks, read

PROCESSES, SESSIONS = 8, 100


def set_event(n: int) -> SetEnded:
    return SetEnded(step_index=0, exercise="Romanian deadlift", exercise_id=None,
                    function=("hip-extension",), set_no=n, set_count=3, side=None, reps=8,
                    seconds=40.0, load="20 kg", skipped=False, at=float(n))


def per_set(folder: Path) -> None:
    os.environ["HAMSTRING_COACH_HISTORY"] = str(folder / "single.sqlite3")
    rec = open_recorder(timeline(folder), session_spec="bench")
    times = []
    for n in range(2000):
        began = time.perf_counter()
        rec.record(set_event(n))
        times.append(time.perf_counter() - began)
    rec.close(status="finished")
    times.sort()
    print(f"one set written: median {statistics.median(times) * 1e3:.3f} ms, "
          f"p99 {times[int(len(times) * 0.99)] * 1e3:.3f} ms, worst {times[-1] * 1e3:.2f} ms")
    identity = FileIdentity.of(folder / "single.sqlite3")
    checks = []
    for _ in range(2000):
        began = time.perf_counter()
        identity.changed()
        checks.append(time.perf_counter() - began)
    print(f"  of which the check that the file is still there (2 stats): median "
          f"{statistics.median(checks) * 1e6:.1f} us")


def five_years(folder: Path) -> None:
    os.environ["HAMSTRING_COACH_HISTORY"] = str(folder / "years.sqlite3")
    tl = timeline(folder)
    start = datetime.now().astimezone() - timedelta(weeks=260)
    began = time.perf_counter()
    for week in range(260):
        for day in (0, 2, 4):  # three sessions a week
            moment = start + timedelta(weeks=week, days=day)
            rec = open_recorder(tl, session_spec="strength", wall_clock=WallClock(moment))
            feed(rec, tl)
            rec.close(status="finished")
    print(f"five years written ({260 * 3} sessions, {260 * 3 * SESSION_SETS} sets): "
          f"{time.perf_counter() - began:.1f} s")
    opens = []
    for _ in range(20):
        began = time.perf_counter()
        rec = open_recorder(tl, session_spec="strength")
        opens.append(time.perf_counter() - began)
        rec.close(status="quit")
    print(f"open a recorder on it: median {statistics.median(opens) * 1e3:.1f} ms")
    began = time.perf_counter()
    data, _ = read()
    now = datetime.now().astimezone()
    compute_weeks(data, 8, now)
    text = render(data, weeks=8, now=now)
    print(f"read it all and build the history table: {(time.perf_counter() - began) * 1e3:.0f} ms"
          f" ({len(text.splitlines())} lines)")


def _writer(folder: str, number: int, start: object) -> None:
    tl = timeline(Path(folder), f"w{number}")
    start.wait()  # type: ignore[attr-defined]
    for _ in range(SESSIONS):
        rec = open_recorder(tl, session_spec=f"w{number}")
        feed(rec, tl)
        rec.close(status="finished")
        assert rec.saved, rec.warning


def concurrent(folder: Path) -> None:
    os.environ["HAMSTRING_COACH_HISTORY"] = str(folder / "new" / "shared.sqlite3")
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES + 1)
    workers = [context.Process(target=_writer, args=(str(folder / f"s{n}"), n, start))
               for n in range(PROCESSES)]
    for w in workers:
        w.start()
    start.wait()
    began = time.perf_counter()
    for w in workers:
        w.join()
    took = time.perf_counter() - began
    sets = PROCESSES * SESSIONS * SESSION_SETS
    print(f"{PROCESSES} processes x {SESSIONS} sessions x {SESSION_SETS} sets at once: "
          f"{took:.2f} s ({sets / took:.0f} sets/s, exit codes {[w.exitcode for w in workers]})")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        per_set(folder)
        concurrent(folder)
        five_years(folder)


if __name__ == "__main__":
    main()
