"""End to end: the installed ``hamstring-coach`` in a real terminal (tmux, 80x24).

What a person sees, read back with ``tmux capture-pane``; the terminal's own
state after the program ends (alternate screen, cursor, mouse reporting)
read from tmux's format variables (``man tmux``, FORMATS).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from tmux_driver import Tmux

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

COMMAND = Path(sys.executable).with_name("hamstring-coach")
PROMPT = "PROMPT$ "


def open_terminal(home: Path) -> Tmux:
    """A tmux server with one 80x24 pane running a plain shell in a clean environment."""
    env = {
        "HOME": str(home),
        "HAMSTRING_COACH_CONFIG_DIR": str(home / "config"),
        "HAMSTRING_COACH_DATA_DIR": str(home / "data"),
        "TERM": "xterm-256color",
        "PS1": PROMPT,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    term = Tmux(home / "tmux.sock", env, window="e2e")
    # A clean environment: only what is set here reaches the shell and the app.
    term.start(["env", "-i", *(f"{k}={v}" for k, v in env.items()), "sh"])
    term.tmux("set-option", "-g", "status", "off")
    term.wait_for(lambda screen: PROMPT.strip() in screen, "the shell's prompt")
    return term




def exited(screen: str) -> bool:
    """The shell printed the program's exit status."""
    return re.search(r"^EXIT=\d+", screen, re.MULTILINE) is not None


def terminal_restored(term: Tmux) -> None:
    assert term.flag("alternate_on") == "0"
    assert term.flag("cursor_flag") == "1"
    assert term.flag("mouse_any_flag") == "0"
    assert term.flag("mouse_standard_flag") == "0"
    assert term.flag("mouse_button_flag") == "0"
    assert term.flag("mouse_sgr_flag") == "0"


def runs(home: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "data" / "history.sqlite3") as conn:
        return conn.execute("SELECT session_id, status FROM runs").fetchall()


def test_a_built_in_session_at_speed_20_runs_to_the_summary(term: Tmux, tmp_path: Path) -> None:
    term.type_line(f"{COMMAND} run activation --speed 20 --no-sound; echo EXIT=$?")
    first = term.wait_for(lambda s: "G E T   R E A D Y" in s)
    assert "Hamstring activation" in first
    assert "Prone heel press" in first
    assert "Next: Hold 0:10" in first
    assert "┏━┓" in first or "╺━┓" in first or "┃" in first  # the big digits
    hold = term.wait_for(lambda s: "H O L D" in s)
    assert "Set 1/4 · Left side" in hold
    term.wait_for(lambda s: "S W I T C H   S I D E" in s)
    term.wait_for(lambda s: "R E S T" in s)
    term.wait_for(lambda s: "Standing heel pull" in s, timeout=30)
    summary = term.wait_for(lambda s: "Session complete" in s and "Done" in s, timeout=40)
    assert "Prone heel press" in summary and "4/4" in summary
    assert "Standing heel pull" in summary
    assert "Total 5:1" in summary  # 5:15 planned, at 20x a tick or two more
    term.keys("Enter")
    after = term.wait_for(exited)
    assert "EXIT=0" in after
    terminal_restored(term)
    assert runs(tmp_path) == [("activation", "finished")]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_session_leaves_the_terminal_as_it_was(
        term: Tmux, tmp_path: Path, sig: signal.Signals) -> None:
    assert term.flag("alternate_on") == "0"
    term.type_line(f"{COMMAND} run activation --no-sound; echo EXIT=$?")
    term.wait_for(lambda s: "Prone heel press" in s)
    assert term.flag("alternate_on") == "1"
    assert term.flag("cursor_flag") == "0"
    assert term.flag("mouse_any_flag") == "1"
    os.kill(term.child_pid(), sig)
    after = term.wait_for(exited)
    assert f"EXIT={128 + sig}" in after
    assert "Traceback" not in after
    terminal_restored(term)
    # The shell still echoes and reads lines: the tty modes are back too.
    term.type_line("echo still-here")
    term.wait_for(lambda s: "\nstill-here" in s)
    assert runs(tmp_path) == [("activation", "quit")]


def test_ctrl_c_quits_at_once_with_status_130(term: Tmux, tmp_path: Path) -> None:
    term.type_line(f"{COMMAND} run activation --no-sound; echo EXIT=$?")
    term.wait_for(lambda s: "Prone heel press" in s)
    term.keys("C-c")
    after = term.wait_for(exited)
    assert "EXIT=130" in after and "Traceback" not in after
    terminal_restored(term)
    assert runs(tmp_path) == [("activation", "quit")]


def test_the_picker_opens_filters_and_quits(term: Tmux) -> None:
    term.type_line(f"{COMMAND}; echo EXIT=$?")
    picker = term.wait_for(lambda s: "Choose a session" in s)
    assert "Hamstring activation" in picker and "Tone and build" in picker
    # rdl: every built-in with a Romanian deadlift (catalogue id romanian-deadlift, aka RDL)
    rdl = ("Full hamstring routine", "Strengthen and lengthen", "Tone and build")
    term.keys("-l", "rdl")
    # The whole filtered list (a busy machine can show the count before the list redraws).
    term.wait_for(lambda s: "3 of 7" in s and " rdl" in s and all(name in s for name in rdl)
                  and "Hamstring activation" not in s, "the three RDL sessions, only")
    term.keys("Escape")
    term.wait_for(lambda s: "7 sessions" in s)
    time.sleep(0.3)  # an Escape closely followed by a key reads as Alt+key
    term.keys("-l", "stretch")  # s, r, e: all typed into the filter
    term.wait_for(lambda s: "of 7" in s and " stretch" in s and "Choose a session" in s)
    term.keys("C-q")
    after = term.wait_for(exited)
    assert "EXIT=0" in after
    terminal_restored(term)


WHITE_BACKGROUND = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:48;2;255;255;255|48;5;(?:15|231)|107)m")


def test_the_silent_fallback_runs_to_the_summary_and_the_flash_goes_off(
        term: Tmux, tmp_path: Path) -> None:
    """No sound device (--audio silent): the banner flashes for each sound, and the
    run still ends on the summary and exits 0."""
    term.type_line(f"{COMMAND} run activation --speed 20 --audio silent; echo EXIT=$?")
    term.wait_for(lambda s: "H O L D" in s)
    time.sleep(0.5)  # a few countdown ticks flash the banner
    term.keys("Space")
    term.wait_for(lambda s: "P A U S E D" in s or "Paused" in s)
    time.sleep(0.5)  # paused: no more sounds, and the last flash has ended
    coloured = term.screen(colours=True)
    assert not WHITE_BACKGROUND.search(coloured), coloured
    term.keys("Space")
    term.wait_for(lambda s: "Session complete" in s and "Done" in s, timeout=40)
    term.keys("Enter")
    after = term.wait_for(exited)
    assert "EXIT=0" in after and "unexpected error" not in after
    terminal_restored(term)
    assert runs(tmp_path) == [("activation", "finished")]


def test_the_bell_fallback_quits_mid_session_cleanly(term: Tmux, tmp_path: Path) -> None:
    term.type_line(f"{COMMAND} run activation --speed 20 --audio bell; echo EXIT=$?")
    term.wait_for(lambda s: "H O L D" in s)
    time.sleep(0.3)
    term.keys("q")
    term.wait_for(lambda s: "Quit this session?" in s)
    term.keys("y")
    after = term.wait_for(exited)
    assert "EXIT=0" in after and "unexpected error" not in after
    terminal_restored(term)
    assert runs(tmp_path) == [("activation", "quit")]


def test_force_lets_events_overwrite_a_file_and_a_dumb_terminal_gets_a_line(
        term: Tmux, tmp_path: Path) -> None:
    """--force: the old events file is replaced by this run's; TERM=dumb: no screen, exit 2."""
    events = tmp_path / "events.jsonl"
    events.write_text("old\n")
    term.type_line(f"{COMMAND} run activation --speed 200 --no-sound --events {events} "
                   "--force; echo EXIT=$?")
    term.wait_for(lambda s: "Session complete" in s, timeout=60)
    term.keys("Enter")
    assert "EXIT=0" in term.wait_for(exited)
    lines = events.read_text().splitlines()
    assert json.loads(lines[0])["event"] == "PhaseStarted"  # "old" is gone
    assert json.loads(lines[-1])["event"] == "Finished"
    term.type_line("clear")
    term.wait_for(lambda s: not exited(s))
    term.type_line(f"TERM=dumb {COMMAND} run activation --no-sound; echo EXIT=$?")
    after = term.wait_for(exited)
    assert "EXIT=2" in after
    assert "this terminal (TERM=dumb) cannot show the coaching screen" in after
    terminal_restored(term)


RESUMABLE = """\
name: Tiny resume
steps:
  - exercise: Heel press
    prepare: 30
    hold: 2
    sets: 2
    rest: 30
"""


def test_the_picker_session_footer_ctrl_z_and_a_resumed_get_ready(
        term: Tmux, tmp_path: Path) -> None:
    """Issue 16 in a real terminal: a session started from the picker at 80x24 shows
    Back, Restart and ±10s; Ctrl+Z gives the shell the terminal and ``fg`` brings the
    screen back whole (paused); a run quit after its first set, resumed with ctrl+r,
    opens with a get-ready saying where it picks up, before its first hold."""
    sessions = tmp_path / "config" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / "tiny-resume.yaml").write_text(RESUMABLE, encoding="utf-8")
    # No "; echo" here: a stopped job ends the list, and the shell would echo at once.
    term.type_line(f"{COMMAND} --no-sound")
    term.wait_for(lambda s: "Choose a session" in s)
    term.keys("-l", "Tiny resume")
    term.wait_for(lambda s: "1 of 8" in s)
    term.keys("Enter")
    footer = term.wait_for(lambda s: "G E T   R E A D Y" in s and "Restart" in s)
    last = footer.rstrip("\n").splitlines()[-1]
    assert "b Back" in last and "r Restart" in last and "±10s" in last, last
    term.keys("C-z")  # suspended: the shell has the terminal
    term.wait_for(lambda s: "Stopped" in s and s.rstrip().endswith(PROMPT.strip()),
                  "the shell after Ctrl+Z")
    assert term.flag("alternate_on") == "0"
    term.type_line("fg")
    # Drawn again, all of it (the top line too: a busy machine shows the redraw in parts).
    back = term.wait_for(lambda s: "P A U S E D" in s and "space Resume" in s
                         and s.splitlines()[:1] != []
                         and s.splitlines()[0].split() == ["Tiny", "resume", "sound", "off"],
                         "the whole screen after fg")
    assert "Heel press" in back and "Paused: press Space to go on" in back
    term.keys("Space")
    term.keys("n")  # on to the first hold (2 s), then the rest
    term.wait_for(lambda s: "R E S T" in s, "the rest after set 1")
    term.keys("q")
    term.wait_for(lambda s: "Quit this session?" in s)
    term.keys("y")
    term.wait_for(lambda s: "Choose a session" in s and "Resume" in s)
    term.keys("C-r")
    resumed = term.wait_for(lambda s: "G E T   R E A D Y" in s, "the resumed get-ready")
    assert "Resuming Tiny resume, set 2 of 2" in resumed and "H O L D" not in resumed
    term.keys("n")
    term.wait_for(lambda s: "H O L D" in s, "the first hold after the get-ready")
    term.keys("C-c")
    term.wait_for(lambda s: s.rstrip().endswith(PROMPT.strip()), "the shell after Ctrl+C")
    term.type_line("echo EXIT=$?")  # fg's status is the program's
    assert "EXIT=130" in term.wait_for(exited)
    terminal_restored(term)
