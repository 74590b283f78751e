"""Run a command and write its whole-process cost as JSON: ``rusage_run.py OUT -- CMD...``.

CPU (user + system) and peak RSS of the command and of every descendant it
waited for (the audio worker included), and the wall time. ``bench_tui.py``
runs it inside the tmux pane so the command still has a real terminal.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main() -> int:
    out, command = sys.argv[1], sys.argv[sys.argv.index("--") + 1:]
    began = time.monotonic()
    code = subprocess.call(command)
    wall = time.monotonic() - began
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w", encoding="utf-8") as stream:
        json.dump({"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "code": code,
                   "peak_mib": usage.ru_maxrss / 1024}, stream)
    return code


if __name__ == "__main__":
    sys.exit(main())
