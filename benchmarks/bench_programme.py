"""How long the programme's jobs take: loading it, today's report, the picker's view,
and the iCalendar export at the loader's bound.

Run:  .venv/bin/python benchmarks/bench_programme.py [--runs N]

Uses a temporary config and data folder with the built-in ``twelve-weeks``
programme and 200 finished runs in a real SQLite history, so nothing of
yours is read. Prints the median of N runs of each.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        os.environ["HAMSTRING_COACH_CONFIG_DIR"] = str(Path(folder) / "config")
        os.environ["HAMSTRING_COACH_DATA_DIR"] = str(Path(folder) / "data")
        from hamstring_coach.history import open_recorder
        from hamstring_coach.plan.calendar import day_report
        from hamstring_coach.plan.compiler import compile_session
        from hamstring_coach.plan.ics import SessionFacts, calendar_text
        from hamstring_coach.run import library, programmes
        from hamstring_coach.system import paths
        from hamstring_coach.tui.today import load_today

        paths.config_dir().mkdir(parents=True)
        shutil.copy(programmes.builtin_programmes()["twelve-weeks"], paths.programme_file())
        timeline = compile_session(library.load("tone"))
        first = datetime(2026, 12, 7, 18, 0).astimezone()
        for n in range(200):
            at = first + timedelta(days=n // 2)
            times = iter([at, at + timedelta(minutes=30)])
            recorder = open_recorder(timeline, session_spec="tone",
                                     wall_clock=lambda times=times: next(times))
            recorder.close(status="finished")
        day = date(2027, 2, 25)
        programme = programmes.load(None)
        loading = median_ms(lambda: programmes.load(None), runs)
        print(f"load programme.yaml             {loading:7.2f} ms")
        print(f"today's report (pure)           "
              f"{median_ms(lambda: day_report(programme, day, {}), runs):7.3f} ms")
        print(f"picker's today (file + history) {median_ms(lambda: load_today(day), runs):7.2f} ms")
        biggest = dataclasses.replace(programme, weeks=520, daily=("activation",) * 6)
        facts = {s: SessionFacts(s, 600.0) for s in biggest.sessions()}
        now = datetime.now(UTC)
        text = calendar_text(biggest, facts, now=now)
        events = text.count("BEGIN:VEVENT")
        ms = median_ms(lambda: calendar_text(biggest, facts, now=now), max(1, runs // 4))
        print(f"ics at the bound ({events} events, {len(text) / 1e6:.1f} MB) {ms:7.0f} ms")


if __name__ == "__main__":
    main()
