"""How fast the loader is, on real, large and hostile files; and CLI start-up time.

Run:  .venv/bin/python benchmarks/bench_format.py [--runs N]

Prints the median of N runs for: loading each shipped session (load +
compile), a generated valid file just under the 1 MiB limit, an alias bomb,
100,000-deep nesting; then whole-process times of ``hamstring-coach --help``
and ``hamstring-coach validate sessions/full.yaml`` against ``python -c pass``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from hamstring_coach.format import SessionFileError, load_session, load_session_text
from hamstring_coach.format.limits import MAX_FILE_BYTES
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.system import paths

REPO = Path(__file__).resolve().parent.parent


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def big_valid_file() -> str:
    """A valid session of cues, rests and exercises just under the size limit."""
    head = "name: Big\ndefaults: {prepare: 0, rest: 0, countdown: 0}\nsteps:\n"
    block = ("  - cue: Stand tall, soft knees, feet hip-width apart\n"
             "  - rest: 1\n    cue: Breathe out slowly\n"
             "  - exercise: Standing heel pull\n    hold: 1\n    function: activation\n"
             "    cue: [Pull one heel back toward your hip, Keep the foot on the floor]\n")
    count = (MAX_FILE_BYTES - len(head) - 1) // len(block.encode())
    return head + block * count


def alias_bomb() -> str:
    lines = ["x-a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"x-{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join([*lines, "name: Bomb", "steps: *j", ""])


def deep_nesting() -> str:
    return "name: Deep\nsteps: " + "[" * 100_000 + "]" * 100_000 + "\n"


def refused(text: str) -> Callable[[], object]:
    def action() -> object:
        try:
            return load_session_text(text, "hostile.yaml")
        except SessionFileError as error:
            return error
    return action


def process_ms(argv: list[str], runs: int) -> float:
    def action() -> object:
        return subprocess.run(argv, cwd=REPO, capture_output=True, check=False)
    action()  # warm the file cache
    return median_ms(action, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=11)
    runs = parser.parse_args().runs
    print(f"median of {runs} runs, Python {sys.version.split()[0]}")
    print("\nload + compile, shipped sessions:")
    for path in sorted(paths.builtin_sessions_dir().glob("*.yaml")):
        ms = median_ms(lambda p=path: compile_session(load_session(p)), runs)  # type: ignore[misc]
        print(f"  {path.name:28} {path.stat().st_size:>9} B  {ms:8.2f} ms")
    big = big_valid_file()
    session = load_session_text(big, "big.yaml")
    print(f"\nvalid file just under the limit: {len(big.encode())} B, "
          f"{len(session.steps)} steps")
    load_ms = median_ms(lambda: load_session_text(big, "b"), 5)
    both_ms = median_ms(lambda: compile_session(load_session_text(big, "b")), 5)
    print(f"  load                         {load_ms:8.1f} ms")
    print(f"  load + compile               {both_ms:8.1f} ms")
    print("\nhostile files (refused):")
    print(f"  alias bomb (10^10 nodes)     {median_ms(refused(alias_bomb()), runs):8.2f} ms")
    print(f"  100,000-deep nesting         {median_ms(refused(deep_nesting()), runs):8.2f} ms")
    exe = Path(sys.executable).parent / "hamstring-coach"
    print("\nwhole process:")
    base = process_ms([sys.executable, "-c", "pass"], runs)
    print(f"  python -c pass                              {base:8.1f} ms")
    for argv in (["--help"], ["validate", "sessions/full.yaml"]):
        ms = process_ms([str(exe), *argv], runs)
        print(f"  hamstring-coach {' '.join(argv):27} {ms:8.1f} ms  (+{ms - base:.1f})")


if __name__ == "__main__":
    main()
