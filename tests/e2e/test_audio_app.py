"""The app as a person runs it, with sound through real ALSA into files.

``hamstring-coach run SESSION --speed 5`` runs in tmux (its own server) with
HOME pointing at an ``.asoundrc`` that captures the default device; the
sounds that reach the device are compared, sample for sample, with the
sounds the engine said were due (the ``--events`` file). The same is done
on Python 3.12, in a fresh virtual environment where ``pip install
'.[simpleaudio]'`` must leave simpleaudio out (it segfaults there) and the
app must play through miniaudio instead of crashing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alsa_capture import AlsaCapture, alsa_available
from audio_session import write_session

from hamstring_coach.plan.timeline import Sound

REPO = Path(__file__).resolve().parents[2]
# Sped up, but each 1 s tempo step stays longer than the app's 10 Hz screen tick, so no
# two cues reach the device in the same instant (they would be mixed, on purpose, and
# could not be found sample for sample).
SPEED = 5
BURST = 0.1  # real seconds: sounds asked for this close together can be mixed (a busy machine)


def in_order(part: list[Sound], whole: list[Sound]) -> bool:
    """``part`` is ``whole`` with some sounds left out."""
    rest = iter(whole)
    return all(sound in rest for sound in part)
PY312 = Path.home() / ".pyenv" / "versions" / "3.12.1" / "bin" / "python"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not alsa_available(), reason="needs ALSA (alsa-utils)"),
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]


class App:
    """One ``run`` in a private tmux server, with sound captured."""

    def __init__(self, base: Path, python: Path) -> None:
        self.capture = AlsaCapture(base)
        self.socket = base / "tmux.sock"
        self.events = base / "events.jsonl"
        self.status = base / "status"
        self.python = python
        self.base = base
        self.env = self.capture.env(TERM="xterm-256color")

    def run(self, session: Path, *options: str) -> None:
        argv = [str(self.python), "-m", "hamstring_coach", "run", str(session),
                "--speed", str(SPEED), "--events", str(self.events), *options]
        shell = " ".join(f"'{a}'" for a in argv) + f"; echo $? > '{self.status}'"
        # Start outside the checkout, so "-m hamstring_coach" finds the installed package.
        subprocess.run(["tmux", "-S", str(self.socket), "new-session", "-d", "-s", "app",
                        "-x", "80", "-y", "24", "-c", str(self.base), shell],
                       env=self.env, check=True)

    def due(self) -> list[dict[str, object]]:
        if not self.events.exists():
            return []
        return [json.loads(line) for line in self.events.read_text().splitlines() if line]

    def wait_finished(self, timeout: float) -> list[tuple[Sound, float]]:
        """The sounds the app played, with the real time each was asked for, once it
        finished: those due, less those it found too late to play (the app's own rule;
        at start-up the first tick can be)."""
        from hamstring_coach.run.session_run import STALE_SOUND

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            events = self.due()
            if any(e["event"] == "Finished" for e in events):
                return [(Sound(str(e["sound"])), float(e["at"]) / SPEED) for e in events
                        if e["event"] == "SoundDue"
                        and (float(e["at"]) - float(e["scheduled"])) / SPEED <= STALE_SOUND]
            time.sleep(0.1)
        raise AssertionError(f"the session did not finish in {timeout} s:\n{self.screen()}")

    def screen(self) -> str:
        return subprocess.run(["tmux", "-S", str(self.socket), "capture-pane", "-p", "-t", "app"],
                              capture_output=True, text=True, env=self.env).stdout

    def quit(self, timeout: float = 10.0) -> int:
        """Press q on the summary screen; the app's exit status."""
        subprocess.run(["tmux", "-S", str(self.socket), "send-keys", "-t", "app", "q"],
                       env=self.env, capture_output=True)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.status.exists() and self.status.read_text().strip():
                return int(self.status.read_text())
            time.sleep(0.1)
        raise AssertionError(f"the app did not exit:\n{self.screen()}")

    def stop(self) -> None:
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True,
                       env=self.env)


def _run_session(app: App, session: Path, *options: str) -> None:
    app.run(session, *options)
    played = app.wait_finished(timeout=30)
    due = [sound for sound, _ in played]
    assert due[-1] is Sound.DONE and len(due) > 15
    # The whole session's sounds, each once, in order. Two handed over together (a busy
    # machine delays one onto the next, or a backend still starting takes them in one
    # go) are mixed, and the capture unmixes them sample for sample (alsa_capture). A
    # sound can still be cut where a stalled stream is restarted: every sound asked
    # for on its own must be there, and nothing that was not due.
    alone = [sound for i, (sound, at) in enumerate(played)
             if all(abs(at - other) > BURST for j, (_, other) in enumerate(played) if j != i)]
    assert alone
    captured = app.capture.wait_for(len(due))
    said = (f"due {[(s.value, round(at, 2)) for s, at in played]}\n"
            f"captured {[s.value for s in captured]}\n{app.screen()}")
    assert in_order(alone, captured), said
    assert in_order(captured, due), said
    assert app.quit() == 0
    assert "Traceback" not in app.screen() and "ALSA lib" not in app.screen()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[App]:
    made = App(tmp_path, Path(sys.executable))
    yield made
    made.stop()


@pytest.mark.parametrize("backend", ["simpleaudio", "miniaudio"])
def test_a_run_plays_every_due_sound(app: App, tmp_path: Path, backend: str) -> None:
    if backend == "simpleaudio" and (sys.version_info >= (3, 12) or subprocess.run(
            [sys.executable, "-c", "import simpleaudio"], capture_output=True).returncode):
        pytest.skip("simpleaudio extra not installed here")
    _run_session(app, write_session(tmp_path), "--audio", backend)


@pytest.fixture(scope="module")
def venv312(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh Python 3.12 environment with the project installed as users install it."""
    if not PY312.exists():
        pytest.skip("pyenv's Python 3.12.1 is not installed")
    folder = tmp_path_factory.mktemp("py312") / "venv"
    subprocess.run([str(PY312), "-m", "venv", str(folder)], check=True)
    python = folder / "bin" / "python"
    # The pinned set, as CI installs it (an unpinned install would test upstream's).
    done = subprocess.run([str(python), "-m", "pip", "install", "-q", f"{REPO}[simpleaudio]",
                           "-c", str(REPO / "constraints.txt")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return python


def test_python_312_leaves_simpleaudio_out_and_plays_through_miniaudio(
        venv312: Path, tmp_path: Path) -> None:
    probe = subprocess.run([str(venv312), "-c", "import simpleaudio"], capture_output=True)
    assert probe.returncode != 0  # the marker kept the crashing package out
    capture = AlsaCapture(tmp_path / "check")
    done = subprocess.run([str(venv312), "-m", "hamstring_coach", "sound-check", "--pause", "0"],
                          capture_output=True, text=True, env=capture.env(), timeout=60,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Audio backend: miniaudio" in done.stdout
    assert "passed over simpleaudio: simpleaudio 1.0.4 crashes on Python 3.12" in done.stdout
    assert capture.wait_for(len(Sound)) == list(Sound)


def test_python_312_runs_a_session_with_sound(venv312: Path, tmp_path: Path) -> None:
    app = App(tmp_path, venv312)
    try:
        _run_session(app, write_session(tmp_path))
    finally:
        app.stop()
