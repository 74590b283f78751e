"""A private tmux server at 80x24, readers of /proc and the machine: what ``bench_tui.py`` uses."""

from __future__ import annotations

import os
import platform
import shlex
import subprocess
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


class Tmux:
    """A private tmux server with one 80x24 pane."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"bench-tui-{os.getpid()}"
        self.env = env
        self.server("kill-server", check=False)

    def server(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=check)
        return done.stdout

    def start(self, command: list[str]) -> float:
        """Run ``command`` in the 80x24 pane (replacing what ran there); returns its start time.

        The tmux server is started beforehand with an idle pane, so the time
        measured is the program's own, not tmux starting up.
        """
        if not self.server("list-sessions", check=False).strip():
            self.server("new-session", "-d", "-s", "b", "-c", env_home(self.env),
                        "-x", "80", "-y", "24", "sleep 100000")
            self.server("set-option", "-g", "status", "off")
            # A program that ends by itself leaves its pane (dead) for the next respawn,
            # rather than taking the server down while the next start talks to it.
            self.server("set-option", "-g", "remain-on-exit", "on")
        shell = ["env", "-i", *(f"{k}={v}" for k, v in self.env.items()), *command]
        began = time.monotonic()
        self.server("respawn-pane", "-k", "-t", "b", "-c", env_home(self.env), shlex.join(shell))
        return began

    def screen(self) -> str:
        return self.server("capture-pane", "-p", "-t", "b", check=False)

    def send(self, *keys: str) -> None:
        self.server("send-keys", "-t", "b", *keys)

    def pid(self) -> int:
        return int(self.server("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

    def wait_for(self, check: Callable[[str], bool], timeout: float = 10.0,
                 poll: float = 0.005) -> float:
        """Poll the pane until ``check`` holds; returns the monotonic time it did."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check(self.screen()):
                return time.monotonic()
            time.sleep(poll)
        raise RuntimeError(f"timed out waiting; screen:\n{self.screen()}")

    def stop(self) -> None:
        self.server("kill-server", check=False)


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def first_frame(tmux: Tmux, command: list[str], marker: str, repeat: int,
                out: Path) -> list[float]:
    """Seconds (one per start) from starting ``command`` to ``marker`` reaching the terminal.

    The pane's output is piped to a file (``pipe-pane``) and read here, so
    nothing polls tmux while the program starts; the pane waits on a shell
    ``read`` and the clock starts as Enter is sent.
    """
    times = []
    for _ in range(repeat):
        tmux.stop()
        time.sleep(0.2)
        inner = "read go; exec " + shlex.join(
            ["env", "-i", *(f"{k}={v}" for k, v in tmux.env.items()), *command])
        tmux.server("new-session", "-d", "-s", "b", "-c", env_home(tmux.env),
                    "-x", "80", "-y", "24", shlex.join(["sh", "-c", inner]))
        tmux.server("set-option", "-g", "status", "off")
        out.write_bytes(b"")
        tmux.server("pipe-pane", "-t", "b", "-o", f"cat >> {shlex.quote(str(out))}")
        time.sleep(0.3)
        began = time.monotonic()
        tmux.send("Enter")
        deadline = began + 10
        while marker not in out.read_bytes().decode("utf-8", "replace"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"no {marker!r} from {command[0]}")
            time.sleep(0.002)
        times.append(time.monotonic() - began)
    tmux.stop()
    return times




def p99(values: list[float]) -> float:
    """The 99th percentile (nearest rank below) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def machine() -> str:
    """Date, CPU, cores, kernel, load and the versions measured, for the table's heading."""
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine())
    tmux = subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip()
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{time.strftime('%Y-%m-%d %H:%M')}; {cpu}, {os.cpu_count()} cores, "
            f"Linux {platform.release()}, load average {load}; Python "
            f"{platform.python_version()}, Textual {version('textual')}, PyYAML "
            f"{version('PyYAML')}, miniaudio {version('miniaudio')}, termdown "
            f"{version('termdown')}, {tmux}")


def children(pid: int) -> list[int]:
    """The process ids ``pid`` started (its direct children)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def env_home(env: dict[str, str]) -> str:
    """The pane's working folder: the private HOME, never the checkout (``-m`` puts it first)."""
    return env.get("HOME", "/")
