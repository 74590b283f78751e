"""How long next time's prescription takes: reading the history and replaying it.

A real SQLite history is filled with N runs of the built-in ``tone`` (a CSV
training log imported with ``history import``: every set of its three
progressing exercises, reps that climb with a stall every fifth run, the
last set's reps in reserve), then timed:

- ``read + replay``: :func:`prescription_for` as ``show``, ``run``, the
  summary and the picker's details pane call it (open the file, read every
  run and set of the session, replay);
- ``replay``: the pure :func:`prescribe` over outcomes already read;
- ``run --as-written`` costs nothing extra (the history is not read).

    .venv/bin/python benchmarks/bench_progression.py [--runs 10,100,1000] [--repeat 5]

Target: read + replay under 50 ms at 100 runs (a year at two sessions a week),
so the picker's details pane and ``show`` stay instant.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

EXERCISES = (("Romanian deadlift", 4, ("",)), ("Seated leg curl", 4, ("",)),
             ("Single-leg RDL", 3, ("left", "right")))


def log_text(runs: int) -> str:
    """A CSV log of ``runs`` runs of tone, two days apart."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["started_at", "session", "exercise", "set", "side", "reps_done", "rir"])
    start = datetime(2020, 1, 1, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    for n in range(runs):
        at = (start + timedelta(days=2 * n)).isoformat()
        for name, sets, sides in EXERCISES:
            for set_no in range(1, sets + 1):
                reps = 8 + n % 8 - (1 if n % 5 == 4 and set_no == sets else 0)
                for side in sides:
                    writer.writerow([at, "tone", name, set_no, side, reps,
                                     2 if set_no == sets else ""])
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["HAMSTRING_COACH_CONFIG_DIR"] = str(Path(folder) / "config")
        from hamstring_coach.history.importer import import_file
        from hamstring_coach.history.outcomes import history_for
        from hamstring_coach.history.prescription import prescription_for
        from hamstring_coach.plan.progression import prescribe
        from hamstring_coach.run.library import load

        tone = load("tone")
        print(f"{'runs':>6}  {'sets':>7}  {'read + replay':>15}  {'replay':>9}")
        for count in (int(c) for c in args.runs.split(",")):
            history = Path(folder) / f"h{count}.sqlite3"
            log = Path(folder) / f"log{count}.csv"
            log.write_text(log_text(count), encoding="utf-8")
            import_file(log, history)
            both, pure = [], []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                prescription, warning = prescription_for(tone, path=history)
                both.append(time.perf_counter() - t0)
                assert warning is None and prescription.exercises
                items, _ = history_for(tone, history)
                t0 = time.perf_counter()
                prescribe(tone, items)
                pure.append(time.perf_counter() - t0)
            sets = count * sum(s * len(sides) for _, s, sides in EXERCISES)
            print(f"{count:>6}  {sets:>7}  {statistics.median(both) * 1000:>12.1f} ms  "
                  f"{statistics.median(pure) * 1000:>6.1f} ms")


if __name__ == "__main__":
    main()
