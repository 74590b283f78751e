"""The picker's ``e``: open a session file in the user's editor, then check it again.

The editor gets the terminal (the app is suspended) and the app waits for it.
A signal that ends the app (TERM, HUP, INT, QUIT) ends that wait too: the
editor is asked to stop (SIGTERM, which editors answer by keeping the
buffer: vim's swap file, nano's ``.save``), killed after
:data:`EDITOR_GRACE` seconds if it does not, and the app then exits as from
any other screen. An editor that is not installed is one line, and the
picker stays.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SuspendNotSupported

from hamstring_coach.format.errors import Problem, SessionFileError
from hamstring_coach.run.library import SessionEntry, compile_file
from hamstring_coach.system import paths
from hamstring_coach.system.records import frozen
from hamstring_coach.system.terminal import Interrupted, TerminalGuard
from hamstring_coach.tui.entries import shown_path, shown_problem

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

FALLBACK_EDITORS = ("nano", "vi")
EDITOR_GRACE = 2.0  # seconds an editor has to stop when the app is told to end


@frozen
class EditOutcome:
    """What editing did: the file edited, whether a built-in was copied, its problems."""

    path: Path
    copied: bool = False
    problems: tuple[Problem, ...] = ()
    error: str | None = None  # the editor could not run


def editor_command(configured: str | None = None) -> list[str]:
    """The editor to run: ``configured``, $VISUAL, $EDITOR, then nano or vi."""
    for choice in (configured, os.environ.get("VISUAL"), os.environ.get("EDITOR")):
        if choice and choice.strip():
            return shlex.split(choice)
    for name in FALLBACK_EDITORS:
        if shutil.which(name):
            return [name]
    return ["vi"]


def editable_path(entry: SessionEntry) -> tuple[Path, bool]:
    """The user's file for ``entry``: a built-in is copied to the user sessions folder once.

    The schema beside the user's sessions (where their modelines point) is
    written afresh, so ``use:`` in the editor knows the catalogue as it is now.
    """
    folder = paths.user_sessions_dir()
    if not entry.builtin:
        if entry.path.parent == folder:
            _refresh_schema(folder)
        return entry.path, False
    target = folder / entry.path.name
    if target.exists():
        _refresh_schema(folder)
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(entry.path, target)
    # The copy's modeline points at ../session.schema.json: put the schema there.
    _refresh_schema(folder)
    return target, True


def _refresh_schema(folder: Path) -> None:
    """Write the schema beside ``folder`` if it changed; editor help only: never fails the edit."""
    # the schema writer only when a session is opened for editing
    from hamstring_coach.format.schema import write_schema_file

    with contextlib.suppress(OSError, SessionFileError):
        write_schema_file(folder.parent)


def check(path: Path) -> tuple[Problem, ...]:
    """Load and compile the file; its problems (empty when it is valid)."""
    try:
        compile_file(path)
    except SessionFileError as error:
        return error.problems
    return ()


def run_editor(app: App[Any], command: list[str], guard: TerminalGuard | None = None) -> int:
    """Run the editor with the terminal handed over (suspended app); its exit status.

    With ``guard``, a signal that ends the app ends the editor too (see the
    module doc); the status is then the editor's (negative: the signal).
    """
    try:
        with app.suspend():
            return _wait(subprocess.Popen(command), guard)
    except SuspendNotSupported:
        # Headless (tests): nothing to hand over; the editor must not read a terminal.
        return _wait(subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
                     guard)


def _wait(proc: subprocess.Popen[bytes], guard: TerminalGuard | None) -> int:
    if guard is None:
        return proc.wait()
    try:
        with guard.interruptible():
            return proc.wait()
    except Interrupted:
        pass
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=EDITOR_GRACE)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()


def missing_program(command: list[str]) -> str | None:
    """The one line saying the editor program is not there, or None when it is."""
    if shutil.which(command[0]) is not None:
        return None
    return (f"no program called {command[0]!r} to edit with; set $VISUAL or $EDITOR to an "
            "editor you have")


def edit_session(app: App[Any], entry: SessionEntry, editor: str | None = None,
                 guard: TerminalGuard | None = None) -> EditOutcome:
    """Copy if built-in, edit, then validate again; never raises for a missing editor."""
    try:
        path, copied = editable_path(entry)
    except OSError as error:
        return EditOutcome(entry.path, error=f"could not copy {entry.path.name}: {error}")
    command = [*editor_command(editor), str(path)]
    missing = missing_program(command)
    if missing is not None:  # said before the screen is handed over: no flicker
        return EditOutcome(path, copied, error=missing)
    try:
        run_editor(app, command, guard)
    except OSError as error:
        return EditOutcome(path, copied,
                           error=f"could not run {command[0]}: {error.strerror or error}")
    return EditOutcome(path, copied, check(path))


def outcome_toast(outcome: EditOutcome) -> tuple[str, str, SeverityLevel, float | None]:
    """What the picker's toast says after an edit: message, title, severity, timeout."""
    if outcome.error is not None:
        return outcome.error, "Could not edit", "error", 10
    if outcome.problems:
        shown = "\n".join(shown_problem(p) for p in outcome.problems[:3])
        more = len(outcome.problems) - 3
        if more > 0:
            shown += f"\n…and {more} more"
        return shown, f"{outcome.path.name} has problems", "error", 15
    note = ", your copy of the built-in" if outcome.copied else ""
    return f"{shown_path(outcome.path)}{note}", "Session is valid", "information", None
