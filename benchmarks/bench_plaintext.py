"""What showing file text as text costs: the escaping function, the CLI's escaped streams.

- ``escape_controls`` on ordinary text (the usual case: one regex search, no
  copy) and on text full of control characters;
- loading a session (the loader now checks every text value);
- ``list`` and ``show --phases full`` in-process, through the escaped
  stdout, against the same commands writing to the raw stream.

    .venv/bin/python benchmarks/bench_plaintext.py [--repeat 200]

Target: the escaping adds under 5 % to ``list`` and ``show``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
import timeit
from collections.abc import Callable

from hamstring_coach.format.plaintext import escape_controls

ORDINARY = "Romanian deadlift · 20 kg · Hips back, shins still, a long spine " * 2
HOSTILE = "\x1b[31mred\x1b[0m \x9b2J \u202eevil\u202c " * 4


def per_call(action: Callable[[], object], repeat: int) -> float:
    """Best of seven runs of ``repeat`` calls, in CPU microseconds per call.

    CPU time of this process, not wall time: on a shared machine other
    processes' load would swamp a few per cent.
    """
    timer = timeit.Timer(action, timer=time.process_time)
    return min(timer.repeat(number=repeat, repeat=7)) / repeat * 1e6


def cli(argv: list[str], escaped: bool) -> Callable[[], object]:
    from hamstring_coach.cli import main
    from hamstring_coach.commands import output

    def run() -> object:
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink):
            if escaped:
                return main(argv)
            saved = output.plain_streams
            output.plain_streams = contextlib.nullcontext  # type: ignore[assignment]
            try:
                return main(argv)
            finally:
                output.plain_streams = saved
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    repeat = parser.parse_args().repeat
    os.environ.setdefault("HAMSTRING_COACH_CONFIG_DIR", tempfile.mkdtemp())
    os.environ.setdefault("HAMSTRING_COACH_DATA_DIR", tempfile.mkdtemp())
    print(f"escape_controls, ordinary {len(ORDINARY)} chars: "
          f"{per_call(lambda: escape_controls(ORDINARY), repeat * 50):.2f} µs")
    print(f"escape_controls, hostile {len(HOSTILE)} chars: "
          f"{per_call(lambda: escape_controls(HOSTILE), repeat * 50):.2f} µs")
    for argv in (["list"], ["show", "--phases", "full"]):
        raw = per_call(cli(argv, escaped=False), max(5, repeat // 20))
        plain = per_call(cli(argv, escaped=True), max(5, repeat // 20))
        print(f"{' '.join(argv)}: {plain / 1000:.2f} ms escaped, {raw / 1000:.2f} ms raw "
              f"({(plain - raw) / raw * 100:+.1f} %)", file=sys.stdout)


if __name__ == "__main__":
    main()
