"""End to end: the installed ``hamstring-coach run`` in tmux, values typed in the rests and
on the summary; ``history --format json`` has them; ``history edit`` corrects one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_history_e2e import command, wait_for
from tmux_driver import Tmux

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (installed by .ci/run)"),
]

SESSION = """\
name: Logged session
defaults: {prepare: 4, rest: 20}
steps:
  - exercise: Romanian deadlift
    sets: 2
    reps: 2
    tempo: "1-0-1-0"
    load: 40 kg
  - exercise: Nordic curl
    sets: 2
    reps: 5
    log: {pain: true}
"""


@pytest.fixture
def tmux(tmp_path: Path) -> Tmux:
    env = dict(os.environ, TERM="xterm-256color")
    server = Tmux(tmp_path / "tmux.sock", env, window="log")
    yield server  # type: ignore[misc]
    server.stop()


def keys(tmux: Tmux, *names: str) -> None:
    subprocess.run(["tmux", "-S", str(tmux.socket), "send-keys", "-t", "log", *names],
                   check=True, env=tmux.env)


def history(*args: str) -> str:
    return subprocess.run([*command(), "history", *args], capture_output=True, text=True,
                          check=True).stdout


def test_values_typed_in_the_rests_reach_the_export_and_can_be_corrected(
        tmp_path: Path, tmux: Tmux) -> None:
    session = tmp_path / "logged.yaml"
    session.write_text(SESSION)
    status = tmp_path / "status"
    argv = " ".join([*command(), "run", str(session), "--speed", "4", "--no-sound"])
    tmux.start(["sh", "-c", f"{argv}; echo $? > {status}; sleep 60"])

    def shows(text: str) -> bool:
        return text in tmux.screen("log")

    wait_for(lambda: shows("Set 1/2 done"), "the rest prompt after set 1")
    keys(tmux, "9", "Tab", "4", "2", ".", "5", "Tab", "2", "Enter")
    wait_for(lambda: shows("✓ saved"), "the set saved")
    assert "reps 9 · kg 42.5 · RIR" in tmux.screen("log")
    wait_for(lambda: shows("your own pace"), "the self-paced curl")
    keys(tmux, "Enter")
    wait_for(lambda: shows("how many reps?"), "the reps question after the curl")
    keys(tmux, "4", "Tab", "Tab", "6")  # not saved with Enter: kept when the rest ends
    wait_for(lambda: shows("your own pace"), "the last curl")
    keys(tmux, "Enter")
    wait_for(lambda: shows("Session complete"), "the summary")
    screen = tmux.screen("log")
    assert screen.count("← enter") == 2  # the last set of each exercise
    keys(tmux, "8", "Enter", "Down", "Down", "3", "Tab", "Tab", "2", "Enter")
    wait_for(lambda: shows("reps 3 · RIR – · pain  2  ✓ saved"), "the last curl saved")
    keys(tmux, "Enter")
    wait_for(lambda: status.exists() and status.read_text().strip() != "", "the app to exit")
    assert status.read_text().strip() == "0"

    [run] = json.loads(history("--format", "json"))["runs"]
    got = [(s["exercise"], s["set_no"], s["reps"], s["reps_done"], s["load_done"], s["rir"],
            s["pain"]) for s in run["sets"]]
    assert got == [
        ("Romanian deadlift", 1, 2, 9, "42.5 kg", 2, None),
        ("Romanian deadlift", 2, 2, 8, None, None, None),
        ("Nordic curl", 1, 5, 4, None, None, 6),
        ("Nordic curl", 2, 5, 3, None, None, 2),
    ]
    assert run["checkin"] == {"asked_at": None, "pain": None}  # asked the morning after
    rdl_two = run["sets"][1]["id"]
    corrected = subprocess.run([*command(), "history", "edit", str(rdl_two), "--reps", "11",
                                "--rir", "1"], capture_output=True, text=True, check=True)
    assert "11*" in corrected.stdout
    [run] = json.loads(history("--format", "json"))["runs"]
    assert (run["sets"][1]["reps_done"], run["sets"][1]["rir"]) == (11, 1)
    listing = history("edit")
    assert "Run 1 · Logged session · finished" in listing and "11*" in listing
    missing = subprocess.run([*command(), "history", "edit", "99", "--reps", "1"],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "no set 99 in the history" in missing.stderr
