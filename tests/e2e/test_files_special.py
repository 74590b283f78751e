"""Only regular files are opened: a FIFO, a device, a folder or a socket is refused at once.

Every path the program reads or writes by name is tried with each kind of
non-file, through the real command in a child process with pipes (the
child's timeout is the hang guard: it only fires if something waits), and
each case asserts what the user reads: the path, what it is, exit status 2.
A session named on the command line may be a pipe (``validate <(cat f)``):
it is read once, and a pipe nobody writes to ends in a located message.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from hamstring_coach.system import paths

GOOD = "name: Good one\nsteps:\n  - exercise: Bridge\n    hold: 5\n"
HANG_GUARD = 30.0  # seconds; every case below ends in well under one

T = TypeVar("T")

# kind -> (how to make one at a path, the words the user reads)
SAID = {
    "fifo": "is a named pipe (FIFO), not a regular file",
    "device": "is a character device, not a regular file",
    "socket": "is a socket, not a regular file",
    "folder": "is a folder",
}
KINDS = tuple(SAID)


def make(kind: str, path: Path) -> Path:
    """Put a ``kind`` at ``path`` (a device is a link to /dev/zero, as a shared file could be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        # Relative to its folder: a socket's path is limited to about 100 bytes.
        here = os.getcwd()
        os.chdir(path.parent)
        try:
            with socket.socket(socket.AF_UNIX) as sock:
                sock.bind(path.name)
        finally:
            os.chdir(here)
    return path


def hamstring(*args: str, shell: str | None = None, cwd: Path | None = None,
              ) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process with pipes (no terminal), as a script runs it."""
    argv = ([sys.executable, "-m", "hamstring_coach", *args] if shell is None
            else ["bash", "-c", shell])
    return subprocess.run(argv, text=True, capture_output=True, timeout=HANG_GUARD,
                          env=os.environ.copy(), cwd=cwd, stdin=subprocess.DEVNULL)


def within(seconds: float, action: Callable[[], T]) -> T:
    """``action()``, failing the test if it does not return within ``seconds`` (a hang)."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(action())
        except BaseException as error:  # handed to the test's thread
            errors.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s: it hangs"
    if errors:
        raise errors[0]
    return result[0]


def refused(done: subprocess.CompletedProcess[str], path: Path | str, kind: str) -> None:
    assert done.returncode == 2, done.stderr
    assert f"{path}" in done.stderr and SAID[kind] in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def located(done: subprocess.CompletedProcess[str], path: Path | str, kind: str) -> None:
    """Refused as ``FILE:1:1: (file): is ...``, the format of every file problem."""
    refused(done, path, kind)
    assert f"{path}:1:1: (file): {SAID[kind]}" in done.stderr


# -- sessions named on the command line -----------------------------------------
NOT_PIPES = ("device", "socket")


@pytest.mark.parametrize("kind", NOT_PIPES)
@pytest.mark.parametrize("command", [("validate",), ("validate", "--catalogue"), ("show",),
                                     ("run", "--no-sound"), ("new", "mine", "--from")])
def test_a_session_argument_that_is_a_device_or_socket_is_a_located_error(
        tmp_path: Path, command: tuple[str, ...], kind: str) -> None:
    special = make(kind, tmp_path / "s.yaml")
    if command[0] == "new":
        done = hamstring(*command, str(special))
    else:
        done = hamstring(command[0], str(special), *command[1:])
    located(done, special, kind)


@pytest.mark.parametrize("command", ["validate", "show", "run"])
def test_a_session_argument_that_is_a_folder_is_refused(tmp_path: Path, command: str) -> None:
    folder = make("folder", tmp_path / "s.yaml")
    done = hamstring(command, str(folder))
    refused(done, folder, "folder")


def test_render_of_a_session_that_is_a_device_is_a_located_error(tmp_path: Path) -> None:
    special = make("device", tmp_path / "s.yaml")
    done = hamstring("render", str(special), str(tmp_path / "out.wav"))
    located(done, special, "device")
    assert not (tmp_path / "out.wav").exists()


def test_new_from_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    # --from copies a file: a pipe is not one (and nobody writes to this one).
    fifo = make("fifo", tmp_path / "s.yaml")
    done = hamstring("new", "mine", "--from", str(fifo))
    located(done, fifo, "fifo")
    assert not (paths.user_sessions_dir() / "mine.yaml").exists()


@pytest.mark.parametrize("command", ["validate", "show", "run"])
def test_a_session_given_through_a_pipe_is_read_once(tmp_path: Path, command: str) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    done = hamstring(shell=f'"{sys.executable}" -m hamstring_coach {command} <(cat "{good}")')
    assert "no such session file" not in done.stderr
    if command == "validate":
        assert done.returncode == 0 and ": ok (Good one, 0:10, 0 waits)" in done.stdout
    elif command == "show":
        assert done.returncode == 0 and "Good one" in done.stdout and "Bridge" in done.stdout
    else:  # loaded and valid: what stops it now is only that this is no terminal
        assert done.returncode == 2 and "needs a terminal" in done.stderr


def test_a_named_fifo_someone_writes_to_is_read_once(tmp_path: Path) -> None:
    fifo = make("fifo", tmp_path / "s.yaml")
    writer = subprocess.Popen(["sh", "-c", f'printf "%s" "$0" > "{fifo}"', GOOD])
    try:
        done = hamstring("validate", str(fifo))
    finally:
        writer.wait(timeout=HANG_GUARD)
    assert done.returncode == 0 and f"{fifo}: ok (Good one" in done.stdout


@pytest.mark.slow  # waits the pipe's few seconds
def test_a_fifo_nobody_writes_to_ends_in_a_located_message(tmp_path: Path) -> None:
    from hamstring_coach.system.files import PIPE_SECONDS

    fifo = make("fifo", tmp_path / "s.yaml")
    done = hamstring("validate", str(fifo))
    assert done.returncode == 2
    assert (f"{fifo}:1:1: (file): nothing came through this pipe in {PIPE_SECONDS:g} s"
            in done.stderr)


def test_a_pipe_that_never_ends_stops_at_the_size_limit(tmp_path: Path) -> None:
    done = hamstring(shell=f'"{sys.executable}" -m hamstring_coach validate <(yes name: x)')
    assert done.returncode == 2 and "larger than the limit" in done.stderr


# -- files met by lookup: never a pipe -----------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_a_special_file_in_the_sessions_folder_is_left_out(kind: str) -> None:
    make(kind, paths.user_sessions_dir() / "evil.yaml")
    (paths.user_sessions_dir() / "fine.yaml").write_text(GOOD, encoding="utf-8")
    listing = hamstring("list")
    assert listing.returncode == 0 and "fine" in listing.stdout
    assert "evil" not in listing.stdout
    done = hamstring("run", "evil")
    assert done.returncode == 2 and 'no session called "evil"' in done.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_user_catalogue_that_is_not_a_file_is_a_located_error(tmp_path: Path,
                                                                  kind: str) -> None:
    catalogue = make(kind, paths.user_catalogue_file())
    session = tmp_path / "uses.yaml"
    session.write_text("name: Uses\nsteps:\n  - use: prone-heel-press\n", encoding="utf-8")
    done = hamstring("validate", str(session))
    said = "is a folder, not a session file" if kind == "folder" else SAID[kind]
    assert done.returncode == 2
    assert f"{catalogue}:1:1: (file): {said}" in done.stderr, done.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_session_sound_that_is_not_a_file_is_a_located_error(tmp_path: Path,
                                                                 kind: str) -> None:
    sound = make(kind, tmp_path / "go.wav")
    session = tmp_path / "loud.yaml"
    session.write_text(f"name: Loud\nsounds:\n  go: go.wav\n{GOOD.split(chr(10), 1)[1]}",
                       encoding="utf-8")
    done = hamstring("validate", str(session))
    shown = sound.resolve()  # the link to /dev/zero is named by where it leads
    assert done.returncode == 2
    assert f"{session}:3:7: sounds.go: {shown} {SAID[kind]}" in done.stderr, done.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_sound_that_became_a_special_file_is_replaced_by_the_built_in(
        tmp_path: Path, kind: str) -> None:
    from hamstring_coach.audio.bank import load_bank

    sound = make(kind, tmp_path / "go.wav")
    bank, warnings = within(HANG_GUARD, lambda: load_bank({"go": sound}))
    assert bank.sources[next(iter(bank.sources))].parent == paths.sounds_dir()
    assert len(warnings) == 1 and f"sounds.go: {sound}:" in warnings[0]
    assert "not a regular file" in warnings[0] or "folder" in warnings[0]


@pytest.mark.parametrize("kind", KINDS)
def test_settings_that_are_not_a_file_give_defaults_and_stay_as_they_are(kind: str) -> None:
    from hamstring_coach.system.settings import Settings, load_settings, save_settings

    config = make(kind, paths.settings_file())
    settings, warning = within(HANG_GUARD, load_settings)
    assert settings == Settings()
    assert warning is not None and warning.path == str(config)
    assert SAID[kind].split(",")[0].removeprefix("is ") in warning
    saved = within(HANG_GUARD, lambda: save_settings(Settings(volume=10)))
    assert saved is not None and "Settings not saved" in saved and saved.path == str(config)
    assert not config.with_name("config.json.broken").exists()
    assert not config.is_file() or config.is_symlink()  # still what it was


@pytest.mark.parametrize("kind", KINDS)
def test_a_resume_source_that_became_a_special_file_is_not_resumed(tmp_path: Path,
                                                                     kind: str) -> None:
    from history_support import feed, timeline

    from hamstring_coach.history import open_recorder
    from hamstring_coach.history.recorder import set_layout
    from hamstring_coach.history.resume import resume_request

    tl = timeline(tmp_path)
    recorder = open_recorder(tl, session_spec="strength")
    feed(recorder, tl, stop=set_layout(tl).first[3])
    recorder.close(status="quit")
    source = tl.session.source
    assert source is not None
    source.unlink()
    make(kind, source)
    request, message = within(HANG_GUARD, resume_request)
    assert request is None and message is not None
    assert f"{source}: {SAID[kind]}" in message
    done = hamstring("run", "--resume")
    assert done.returncode == 2 and f"{source}: {SAID[kind]}" in done.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_a_history_file_that_is_not_a_file_is_said_not_waited_on(kind: str) -> None:
    make(kind, paths.history_file())
    done = hamstring("history")
    assert done.returncode == 1
    said = "a folder, not a regular file" if kind == "folder" else SAID[kind].removeprefix("is ")
    line = done.stderr.rstrip("\n")
    assert line.startswith(f"hamstring-coach history: cannot read the history: {said}"), line
    assert "\n" not in line


# -- files written ----------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_render_refuses_to_write_into_a_special_file(tmp_path: Path, kind: str) -> None:
    out = make(kind, tmp_path / "out.wav")
    done = hamstring("render", "activation", str(out))
    refused(done, out, kind)


def test_render_into_a_fifo_someone_reads_writes_nothing(tmp_path: Path) -> None:
    out = make("fifo", tmp_path / "out.wav")
    reader = subprocess.Popen(["cat", str(out)], stdout=subprocess.PIPE)
    try:
        done = hamstring("render", "activation", str(out))
    finally:
        reader.kill()
        got = reader.communicate(timeout=HANG_GUARD)[0]
    refused(done, out, "fifo")
    assert got == b""


@pytest.mark.parametrize("kind", KINDS)
def test_an_events_file_that_is_not_a_file_is_refused_before_the_screen(
        tmp_path: Path, kind: str) -> None:
    events = make(kind, tmp_path / "events.jsonl")
    done = hamstring("run", "activation", "--no-sound", "--events", str(events))
    said = "is a folder, not a regular file" if kind == "folder" else SAID[kind]
    assert done.returncode == 2 and f"{events}: --events: {said}" in done.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_schema_output_that_is_not_a_file_is_refused(tmp_path: Path, kind: str) -> None:
    out = make(kind, tmp_path / "schema.json")
    done = hamstring("schema", "-o", str(out))
    said = "is a folder, not a regular file" if kind == "folder" else SAID[kind]
    assert done.returncode == 2 and f"{out}: {said}" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("kind", ["fifo", "device", "socket"])
def test_new_writes_the_session_even_when_the_schema_file_is_special(kind: str) -> None:
    from hamstring_coach.format.schema import SCHEMA_FILE_NAME

    schema = make(kind, paths.config_dir() / SCHEMA_FILE_NAME)
    done = hamstring("new", "mine")
    assert done.returncode == 0, done.stderr
    assert (paths.user_sessions_dir() / "mine.yaml").is_file()
    assert "could not write the schema" in done.stderr and SAID[kind] in done.stderr
    assert not schema.is_file() or schema.is_symlink()


@pytest.mark.parametrize("kind", KINDS)
def test_the_event_log_opens_only_a_regular_file(tmp_path: Path, kind: str) -> None:
    from hamstring_coach.run.eventlog import EventLog
    from hamstring_coach.system.files import NotRegularFile

    special = make(kind, tmp_path / "events.jsonl")
    with pytest.raises(NotRegularFile) as caught:
        within(HANG_GUARD, lambda: EventLog(special))
    assert caught.value.strerror is not None
    assert caught.value.strerror.startswith(SAID[kind])


def test_a_crash_report_is_never_written_into_a_fifo(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime

    from hamstring_coach.commands.crash import write_crash_report

    monkeypatch.chdir(tmp_path)
    folder = paths.data_dir() / "crash-reports"
    now = datetime.datetime.now()
    # The report is named by the second it is written in: a FIFO waits under each name.
    for ahead in range(10):
        stamp = (now + datetime.timedelta(seconds=ahead)).strftime("%Y%m%d-%H%M%S")
        make("fifo", folder / f"crash-{stamp}.txt")
    written = within(HANG_GUARD, lambda: write_crash_report(RuntimeError("boom")))
    assert written is not None and written.parent == tmp_path  # the next place it tries
    assert "boom" in written.read_text(encoding="utf-8")
