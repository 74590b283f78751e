"""What refusing non-files costs: the regular-file helper and the terminal keeper.

Run:  .venv/bin/python benchmarks/bench_files.py [--runs N]

Prints the median of N runs for: reading a shipped session with
``read_regular`` (stat, O_NONBLOCK open, fstat, read) against a plain
``Path.read_bytes``; refusing a FIFO nobody writes to (it must be at once);
and starting plus dismissing the terminal keeper on a pty (``stty -g`` and
one ``sh``), which every screen command pays at start and exit.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hamstring_coach.format.limits import MAX_FILE_BYTES
from hamstring_coach.system.files import NotRegularFile, read_regular
from hamstring_coach.system.keeper import TerminalKeeper
from hamstring_coach.system.terminal import RESTORE_SEQUENCE

REPO = Path(__file__).resolve().parent.parent


def median_us(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``action`` in microseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1e6)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    session = REPO / "sessions" / "full.yaml"
    regular = median_us(lambda: read_regular(session, MAX_FILE_BYTES), runs)
    print(f"read_regular {session.name}:      {regular:8.1f} us")
    print(f"Path.read_bytes {session.name}:   {median_us(session.read_bytes, runs):8.1f} us")
    with tempfile.TemporaryDirectory() as folder:
        fifo = Path(folder) / "fifo.yaml"
        os.mkfifo(fifo)

        def refuse() -> None:
            try:
                read_regular(fifo, MAX_FILE_BYTES)
            except NotRegularFile:
                return
            raise AssertionError("a FIFO was read")

        print(f"refusing a FIFO:               {median_us(refuse, runs):8.1f} us")
    master, slave = os.openpty()
    stream = os.fdopen(slave, "w", encoding="utf-8")
    try:
        def keeper() -> None:
            started = TerminalKeeper.start(stream, RESTORE_SEQUENCE)
            assert started is not None
            started.bye()

        keeper_runs = max(5, runs // 10)
        print(f"keeper start + bye (pty):      {median_us(keeper, keeper_runs) / 1000:8.2f} ms")
    finally:
        stream.close()
        os.close(master)


if __name__ == "__main__":
    main()
