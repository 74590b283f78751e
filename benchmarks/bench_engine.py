"""How fast the engine runs a session to its end on a fake clock.

Runs the 40-minute and the 24-hour timelines of ``tests/timeline_factory.py``
(compiled by the real plan compiler) with ``advance()`` called at 10 Hz, as
the session screen does, and once more with a single late ``advance()``
(a UI that catches up after a long stall). Prints wall time, the cost per
``advance()`` and the peak memory the run allocated.

    .venv/bin/python benchmarks/bench_engine.py
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from timeline_factory import forty_minutes, one_day

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.plan.timeline import Timeline

HZ = 10


def run_ticking(tl: Timeline) -> tuple[float, int, int]:
    """Run at 10 Hz to the end; (seconds taken, advance() calls, events)."""
    clock = FakeClock()
    began = time.perf_counter()
    engine = Engine(tl, clock)
    calls = events = 0
    while engine.state is not EngineState.FINISHED:
        calls += 1
        clock.set(calls / HZ)  # from the tick count, so the fake clock does not drift
        events += len(engine.advance())
        if engine.state is EngineState.WAITING:
            engine.continue_()
    return time.perf_counter() - began, calls, events


def run_late(tl: Timeline) -> tuple[float, int]:
    """One advance() after the whole session; (seconds taken, events)."""
    clock = FakeClock()
    began = time.perf_counter()
    engine = Engine(tl, clock)
    clock.set(tl.total + 1)
    events = len(engine.advance())
    assert engine.state is EngineState.FINISHED
    return time.perf_counter() - began, events


def main() -> None:
    print(f"Python {sys.version.split()[0]}, advance() at {HZ} Hz on a fake clock")
    for name, tl in (("40 minutes", forty_minutes(waits=False)), ("24 hours", one_day())):
        tracemalloc.start()
        seconds, calls, events = run_ticking(tl)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        seconds, calls, events = run_ticking(tl)  # again, without tracemalloc's overhead
        late, late_events = run_late(tl)
        print(f"{name:>10}: {len(tl.phases):6d} phases, {tl.total / 3600:5.2f} h: "
              f"{seconds:6.3f} s for {calls} advance() calls "
              f"({seconds / calls * 1e6:.1f} µs each, {events} events, "
              f"peak {peak / 1e6:.1f} MB); one late advance(): {late * 1e3:.1f} ms "
              f"for {late_events} events")


if __name__ == "__main__":
    main()
