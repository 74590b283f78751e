"""How fast sessions load and compile, and what `list` costs.

Run:  .venv/bin/python benchmarks/plan_compile.py

Prints, for every built-in session, its phase count and the time to load and
to compile it; the time of ``library.discover()`` (what ``list`` does); and
the compile time and memory of a session just under the phase limit.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable

# Never read or write a real home while measuring.
os.environ.setdefault("HAMSTRING_COACH_CONFIG_DIR", tempfile.mkdtemp())

from hamstring_coach.format import load_session
from hamstring_coach.format.model import (
    ExerciseStep,
    Session,
    Sides,
    TempoKind,
    TempoPhase,
    WorkKind,
)
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.run import library


def best_ms(action: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    print(f"{'session':<22}{'phases':>7}{'load ms':>10}{'compile ms':>12}")
    for sid, path in library.builtin_files().items():
        session = load_session(path, session_id=sid)
        phases = len(compile_session(session).phases)
        load = best_ms(lambda p=path, s=sid: load_session(p, session_id=s))
        comp = best_ms(lambda s=session: compile_session(s))
        print(f"{sid:<22}{phases:>7}{load:>10.2f}{comp:>12.2f}")
    print(f"\nlibrary.discover() (the list command's work): {best_ms(library.discover):.1f} ms")

    tempo = (TempoPhase("Lower", 3, TempoKind.LOWER), TempoPhase("Pause", 1, TempoKind.PAUSE),
             TempoPhase("Lift", 1, TempoKind.LIFT))
    big = Session(id="big", name="Big", steps=(ExerciseStep(
        name="Big", work=WorkKind.REPS, reps=800, tempo=tempo, sets=10, sides=Sides.EACH),))
    elapsed = best_ms(lambda: compile_session(big), repeat=3)
    tracemalloc.start()
    timeline = compile_session(big)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"large session: {len(timeline.phases)} phases compiled in {elapsed:.0f} ms, "
          f"peak {peak / 2**20:.1f} MiB while compiling (tracemalloc)")

if __name__ == "__main__":
    main()
