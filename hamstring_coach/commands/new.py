"""The ``new`` command: a commented starter session (or a copy) in the user's folder."""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from hamstring_coach.format.schema import MODELINE
from hamstring_coach.system.messages import print_error, print_warning

# The editor modeline every shipped session starts with (its URL is the schema's $id).
SCHEMA_PREFIX = "# yaml-language-server: $schema="

# The starter file: every kind of step, each key explained once. It must stay valid
# (tests load it); {{NAME}} is replaced by the name as a quoted YAML string.
STARTER = """\
{{SCHEMA}}
# Your own session. Check it with:  hamstring-coach validate {{FILE}}
# See its plan with:               hamstring-coach show {{ID}}
# Times are seconds (30, 2.5) or text: "90 s", "1 min", "1m30s", "1:30".
name: {{NAME}}
description: >-
  One paragraph saying what this session is for; shown in the picker.
tags: [strength, stretch]

# Values every exercise inherits unless it sets its own; they also beat the
# catalogue's rest, prepare, side_switch and countdown (`show` says which
# values come from where).
defaults:
  prepare: 5        # get-ready time before an exercise's first set
  rest: 30          # rest between sets
  side_switch: 5    # pause between the left and the right side
  countdown: 3      # ticks before a timed phase ends

steps:
  # A cue without a duration waits until you press Enter or Space.
  - cue: Lay out a mat and take a breath

  # `use:` starts from a catalogue exercise (hamstring-coach list --exercises);
  # any key you add overrides the catalogue's value.
  - use: prone-heel-press
    sets: 2

  # A rest on its own, with an optional cue.
  - rest: 20
    cue: Roll onto your back

  # Reps paced by a tempo: "E-B-C-T" (lower, pause, lift, squeeze), or a list.
  - use: glute-bridge
    sets: 3
    reps: 10
    tempo:
      - {phase: Drive up, seconds: 1, cue: "Heels into the floor, hips up"}
      - {phase: Squeeze, seconds: 2}
      - {phase: Lower, seconds: 3}

  # An exercise of your own: exactly one of hold, reps or duration.
  - exercise: Romanian deadlift
    function: hip-extension
    cue:
      - Soft knees, flat back
      - Push the hips back to lower
    notes:
      - The lower back never rounds
    sets: 3
    reps: 10
    tempo: "4-1-1-0"
    rest: 90
    load: 2 x 8 kg

  # Reps without a tempo are self-paced: the set ends when you press Enter.
  - exercise: Hamstring walkout
    function: knee-flexion
    cue:
      - Bridge up, heels on the floor
      - Walk the heels out, then back
    sets: 2
    reps: 8

  # A timed cue moves on by itself.
  - cue: Lie on your back for the stretch
    duration: 10

  # A hold (isometric or static stretch), on each side.
  - use: supine-hamstring-stretch
    hold: 30
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("name", metavar="NAME",
                        help='the session\'s name, such as "Morning hamstrings"; its file is '
                             "named after it (morning-hamstrings.yaml)")
    parser.add_argument("--from", dest="source", metavar="SESSION",
                        help="copy this session (built-in id, your id or a path) instead of "
                             "the starter")


def slug(name: str) -> str:
    """The id (file stem) for a name: lower-case words joined by dashes.

    Letters and digits of any script are kept (``Übungen`` -> ``übungen``,
    ``腿部训练`` as it is), with their combining marks, in NFC (the form a
    keyboard types, so the id typed later finds the file). Everything else
    becomes a dash: path separators, dots (so no hidden file, no ``..``),
    spaces, punctuation, symbols, control and format characters.
    """
    kept = "".join(ch if unicodedata.category(ch)[0] in "LNM" else " "
                   for ch in unicodedata.normalize("NFC", name).lower())
    # a combining mark belongs after a letter; one that starts a word is dropped
    words = (word.lstrip("".join(ch for ch in word if unicodedata.category(ch)[0] == "M"))
             for word in kept.split())
    return "-".join(word for word in words if word)


def display_name(name: str) -> str:
    """The session's shown name for NAME, the same rule for the starter and ``--from``.

    A plain lower-case name gets a capital first letter (``leg day`` ->
    ``Leg day``; an id like ``my-routine`` also loses its dashes: ``My
    routine``); a name with any capital is kept as typed (``RDL day``).
    """
    name = name.strip()
    if name != name.lower():
        return name
    if name == slug(name):
        name = name.replace("-", " ")
    return name[:1].upper() + name[1:]


def starter_text(name: str, sid: str, file: Path) -> str:
    """The commented starter session for ``name``."""
    return (STARTER.replace("{{SCHEMA}}", MODELINE)
            .replace("{{NAME}}", json.dumps(display_name(name), ensure_ascii=False))
            .replace("{{FILE}}", str(file)).replace("{{ID}}", sid))


def copied_text(text: str, name: str) -> str:
    """``text`` with the schema line first and its top-level ``name:`` set to ``name``.

    The name is only replaced when it is a simple one-line value, so the copy
    never stops being valid; otherwise the text is copied as it is.
    """
    lines = text.splitlines(keepends=True)
    if not lines or not lines[0].startswith(SCHEMA_PREFIX):
        lines.insert(0, MODELINE + "\n")
    simple = re.compile(r"^name:[ \t]+[^\s|>&*!'\"#\[{][^#\n]*\n?$")
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if simple.match(line) and not nxt.startswith((" ", "\t")):
            lines[i] = f"name: {json.dumps(display_name(name), ensure_ascii=False)}\n"
            break
    return "".join(lines)


def _write_schema_beside(folder: Path) -> None:
    """Keep ``session.schema.json`` beside the sessions folder, where the modeline points."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.format.schema import write_schema_file

    try:
        write_schema_file(folder.parent)
    except OSError as error:  # editor help only: the session itself is written
        print_warning("new", "note: could not write the schema for editors",
                      error.strerror or error)


def run(args: argparse.Namespace) -> int:
    """Write the new file; never overwrite (exit 1 if it exists, 2 for a bad NAME/SESSION)."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.run import library
    from hamstring_coach.system import paths

    sid = slug(args.name)
    if not sid:
        return print_error("new", f'cannot make a file name from "{args.name}"; use letters '
                           "or digits")
    folder = paths.user_sessions_dir()
    target = folder / f"{sid}.yaml"
    for existing in (folder / f"{sid}{suffix}" for suffix in library.SUFFIXES):
        if existing.exists():
            return print_error("new", f"{existing} already exists; not overwritten "
                               "(choose another name, or edit that file)", status=1)
    if args.source:
        try:
            source = library.resolve(args.source)
        except library.SessionNotFoundError as error:
            return print_error("new", error)
        # deferred: --help and the other commands start without it
        from hamstring_coach.format import load_session

        # Refuse to copy a broken file (SessionFileError: the guard prints it, exit 2).
        load_session(source, session_id=library.session_id(source))
        # deferred: --help and the other commands start without it
        from hamstring_coach.format.limits import MAX_FILE_BYTES
        from hamstring_coach.format.source import decode
        from hamstring_coach.system.files import read_regular

        # Only a regular file got this far (load_session refuses the rest).
        raw = read_regular(source, MAX_FILE_BYTES)
        text = copied_text(decode(raw, str(source)), args.name)
    else:
        text = starter_text(args.name, sid, target)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        return print_error("new", f"{target} already exists; not overwritten", status=1)
    _write_schema_beside(folder)
    print(target)  # alone on stdout, so `$EDITOR "$(hamstring-coach new x)"` works
    if sid in library.builtin_files():
        print_warning("new", f"note: it hides the built-in session {sid!r} (your own ids win)")
    print(f"Edit it, then: hamstring-coach show {sid}  /  hamstring-coach run {sid}",
          file=sys.stderr)
    return 0
