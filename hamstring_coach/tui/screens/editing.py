"""The picker's ``e``: open a session file in the user's editor, then check it again."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported

from hamstring_coach.format.errors import Problem
from hamstring_coach.run.library import SessionEntry
from hamstring_coach.system import paths

FALLBACK_EDITORS = ("nano", "vi")


@dataclass(frozen=True, slots=True)
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
    """The user's file for ``entry``: a built-in is copied to the user sessions folder once."""
    if not entry.builtin:
        return entry.path, False
    target = paths.user_sessions_dir() / entry.path.name
    if target.exists():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(entry.path, target)
    from hamstring_coach.format.schema import write_schema_file

    # The copy's modeline points at ../session.schema.json: put the schema there.
    write_schema_file(target.parent.parent)
    return target, True


def check(path: Path) -> tuple[Problem, ...]:
    """Load and compile the file; its problems (empty when it is valid)."""
    from hamstring_coach.format import load_session
    from hamstring_coach.format.errors import SessionFileError
    from hamstring_coach.plan.compiler import compile_session

    try:
        compile_session(load_session(path, session_id=path.stem))
    except SessionFileError as error:
        return error.problems
    return ()


def run_editor(app: App[Any], command: list[str]) -> int:
    """Run the editor with the terminal handed over (suspended app); its exit status."""
    try:
        with app.suspend():
            return subprocess.call(command)
    except SuspendNotSupported:
        # Headless (tests): nothing to hand over; the editor must not read a terminal.
        return subprocess.call(command, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def edit_session(app: App[Any], entry: SessionEntry, editor: str | None = None) -> EditOutcome:
    """Copy if built-in, edit, then validate again; never raises for a missing editor."""
    try:
        path, copied = editable_path(entry)
    except OSError as error:
        return EditOutcome(entry.path, error=f"could not copy {entry.path.name}: {error}")
    command = [*editor_command(editor), str(path)]
    try:
        run_editor(app, command)
    except OSError as error:
        return EditOutcome(path, copied, error=f"could not run {command[0]}: {error}")
    return EditOutcome(path, copied, check(path))
