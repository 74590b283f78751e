"""Command-line entry point: parses arguments and hands off to a command module.

Each sub-command lives in ``hamstring_coach.commands.<module>`` with two
functions, ``add_arguments(parser)`` and ``run(args) -> int``. Command
modules import nothing heavy at module level (no Textual), so ``--help``
and ``validate`` start fast; the chosen command imports what it needs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from hamstring_coach import __version__

# (command, module, one-line help). No command opens the session picker.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("run", "run", "run a session (built-in id, user session id or path)"),
    ("list", "listing", "list built-in and user sessions"),
    ("show", "show", "show a session's plan: steps, sets, reps, tempo, lengths"),
    ("validate", "validate", "check session files; problems as FILE:LINE:COL: where: what"),
    ("new", "new", "create a commented starter session in your sessions folder"),
    ("schema", "schema", "print the JSON Schema of the session format"),
    ("break", "break_timer", "desk stretch-break timer: runs a short session every N minutes"),
    ("status", "status", "the running break timer's state for a status bar (tmux, waybar)"),
    ("ctl", "ctl", "control the running break timer: start, snooze, skip, pause, resume, quit"),
    ("hold", "hold", "a quick hold or stretch timer, no file needed"),
    ("history", "history", "your sessions, weekly sets against the guidance, streak"),
    ("report", "report", "a one-page report (HTML or Markdown) for your physio or coach"),
    ("progress", "progress", "reset a session's progression to the file as written"),
    ("programme", "programme", "show, check or export (ics) your programme: which session "
                               "on which day"),
    ("today", "today", "what your programme has due today, what is done, what was missed"),
    ("sound-check", "sound_check", "play every sound and say which audio backend is used"),
    ("render", "render", "write a session's whole sound track to a WAV file"),
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``command``, only that command's module is imported.

    Every command is listed (with its help line) either way, and only the
    chosen one's arguments are ever parsed: importing the other twelve
    modules cost every start, ``run`` and ``hold`` included. ``None`` builds
    them all.
    """
    parser = argparse.ArgumentParser(
        prog="hamstring-coach",
        description=(
            "Coach a hamstring session in the terminal: cues, holds, tempo reps, sets, "
            "sides and rests from a YAML session file, with a big countdown and beeps. "
            "With no command, opens the session picker."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # Options for the picker (no COMMAND); each command has its own.
    picker = parser.add_argument_group("picker options (with no COMMAND; for the "
                                       "sessions started from it)")
    # deferred: `status` (run every few seconds by a status bar) starts without it
    from hamstring_coach.commands.options import PICKER, add_run_options

    add_run_options(picker, prefix=PICKER)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module, help_text in COMMANDS:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if command is None or name == command:
            importlib.import_module(f"hamstring_coach.commands.{module}").add_arguments(p)
        p.set_defaults(_module=module)
    return parser


# Run every few seconds by status bars: parsed on their own, importing no other command.
FAST = ("status",)


def _fast(argv: list[str]) -> int:
    name = argv[0]
    module, help_text = next((m, h) for c, m, h in COMMANDS if c == name)
    mod = importlib.import_module(f"hamstring_coach.commands.{module}")
    parser = argparse.ArgumentParser(prog=f"hamstring-coach {name}", description=help_text)
    mod.add_arguments(parser)
    return int(mod.run(parser.parse_args(argv[1:])))


# Commands with actions of their own, and the action meant when none is named:
# "programme FILE" is "programme show FILE".
DEFAULT_ACTIONS = {"programme": ("show", ("show", "check", "ics"))}
_VALUED = ("--audio",)  # top-level options that take a value


def _command_index(words: Sequence[str]) -> int:
    """Where the command's name is in ``words`` (``len(words)`` when there is none)."""
    index = 0
    while index < len(words) and words[index].startswith("-"):
        index += 2 if words[index] in _VALUED else 1
    return index


def with_default_action(argv: Sequence[str]) -> list[str]:
    """``argv`` with the default action put in after a command that needs one."""
    words = list(argv)
    index = _command_index(words)
    if index >= len(words) or words[index] not in DEFAULT_ACTIONS:
        return words
    default, actions = DEFAULT_ACTIONS[words[index]]
    following = words[index + 1:index + 2]
    if following and (following[0] in actions or following[0] in ("-h", "--help")):
        return words
    return [*words[:index + 1], default, *words[index + 1:]]


def command_name(args: argparse.Namespace) -> str | None:
    """The command as its errors name it: ``run``, ``programme ics`` (None: the picker)."""
    command = getattr(args, "command", None)
    action = getattr(args, "action", None) if command in DEFAULT_ACTIONS else None
    return f"{command} {action}" if command and action else command


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (2 for invalid input).

    What went wrong is told by :mod:`hamstring_coach.commands.crash`, loaded
    only then (see ``crash.guard``, the same rules).
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in FAST:
        return _fast(args_list)
    from hamstring_coach.commands.output import plain_streams

    # Every line a command prints is shown as text: a control character in a file
    # name, a session or the history never reaches the terminal as one.
    with plain_streams():
        words = with_default_action(args_list)
        index = _command_index(words)
        known = {name for name, _, _ in COMMANDS}
        chosen = words[index] if index < len(words) and words[index] in known else None
        # No command named: the picker (its options are the top level's) or a usage error.
        # --help and usage errors exit here, escaped too.
        parser = build_parser(chosen if chosen is not None or index >= len(words) else None)
        args = parser.parse_args(words)
        module = getattr(args, "_module", None) or "open_picker"
        mod = importlib.import_module(f"hamstring_coach.commands.{module}")
        try:
            status = int(mod.run(args))
            sys.stdout.flush()
            return status
        except (KeyboardInterrupt, Exception) as error:
            from hamstring_coach.commands.crash import handle  # only when something was raised

            return handle(error, command_name(args))


def entry() -> int:
    """The installed command and ``python -m hamstring_coach``: :func:`main` in its own process.

    The app opens no network connection, so ``ssl`` is refused before anything
    imports it: asyncio (under Textual) imports it where it can, and with it
    OpenSSL, 4.5 MiB of resident memory and 10-15 ms of start-up on the project
    machine; it takes a missing ``ssl`` as a Python built without one. Only in a
    process of its own: a test calling :func:`main` keeps its interpreter as it is.
    """
    sys.modules.setdefault("ssl", None)  # type: ignore[arg-type]  # None: "cannot import"
    return main()


if __name__ == "__main__":
    sys.exit(entry())
