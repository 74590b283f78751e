"""``list --exercises``: the exercise catalogue, built-in and the user's.

Each entry shows its id (what a step writes after ``use:``), its name, its
function and its default dose in the words ``show`` uses ("3 × 10 s hold
each side"), resolved exactly as a session step ``use: ID`` would be.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from hamstring_coach.format import Catalogue, SessionFileError
from hamstring_coach.format.plaintext import one_line
from hamstring_coach.system.messages import print_error


def dose(entry_id: str, catalogue: Catalogue) -> str:
    """What a step ``use: ENTRY_ID`` asks for by default (``describe_step``'s words)."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.format import load_session_text
    from hamstring_coach.plan.compiler import describe_step

    text = f"name: dose\nsteps:\n  - use: {json.dumps(entry_id)}\n"
    try:
        session = load_session_text(text, "catalogue", catalogue=catalogue,
                                    base_dir=Path.cwd())
    except SessionFileError as error:
        # Entries are checked on loading, so this is unexpected; say it, never crash.
        return f"(cannot be used as it is: {error.first.message})"
    return describe_step(session.steps[0])


def _rows(catalogue: Catalogue, ids: list[str]) -> list[tuple[str, str, str, str]]:
    rows = []
    for entry_id in ids:
        entry = catalogue[entry_id]
        function = ", ".join(entry.fields.function or ())
        # Ids and names come from a file: escaped before they are lined up.
        rows.append((one_line(entry_id), one_line(entry.name), one_line(function),
                     one_line(dose(entry_id, catalogue))))
    return rows


def print_catalogue(out: TextIO) -> int:
    """Print the built-in entries, then the user's; returns the exit status."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.format import load_catalogue
    from hamstring_coach.system import paths

    builtin_file, user_file = paths.builtin_catalogue_file(), paths.user_catalogue_file()
    try:
        builtin = load_catalogue(builtin_file)
    except SessionFileError as error:
        return print_error("list", "the built-in catalogue is broken", error.first)
    user: Catalogue | None = None
    broken: str | None = None
    if user_file.is_file():
        try:
            user = load_catalogue(user_file)
        except SessionFileError as error:
            broken = str(error.first)
    merged = builtin.updated(user) if user is not None else builtin
    groups = [("Built-in exercises", builtin_file, _rows(merged, [
        i for i in builtin if user is None or i not in user]))]
    user_ids = list(user) if user is not None else []
    groups.append(("Your catalogue", user_file, _rows(merged, user_ids)))
    rows = [row for _, _, group in groups for row in group]
    # Two lines an entry (id, name, function; then the dose under the name):
    # one line would be well over 80 columns.
    width_id = max((len(row[0]) for row in rows), default=0)
    for number, (title, path, group) in enumerate(groups):
        if number:
            print(file=out)
        print(f"{title} ({path})", file=out)
        for entry_id, name, function, step_dose in group:
            line = f"  {entry_id:<{width_id}}  {name}" + (f" · {function}" if function else "")
            if user is not None and entry_id in user and entry_id in builtin:
                line += " (replaces the built-in one)"
            print(line, file=out)
            print(f"  {'':<{width_id}}  {step_dose}", file=out)
        if group or title != "Your catalogue":
            continue
        if broken is not None:
            print(f"  BROKEN  {broken}", file=out)
        else:
            print("  none yet; add exercises to it (see the README, Write your own session)",
                  file=out)
    print("\nA step starts from one with: use: ID (any key of the step overrides it).",
          file=out)
    return 0
