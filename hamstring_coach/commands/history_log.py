"""``history edit`` and ``history import``: correct what was logged, read a log back.

``history edit`` lists the sets of the latest run (``--run ID`` another),
each with its number; ``history edit SET --reps N --load TEXT --rir 0-3
--pain 0-10 --note TEXT`` changes that set (an empty value, ``''``, clears a
field back to "as planned"). ``history import FILE`` adds a JSON export or
a plain CSV log: all or nothing, idempotent. Bad input: exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hamstring_coach.system.messages import print_error, print_warning

if TYPE_CHECKING:
    from hamstring_coach.history.records import RunRecord, SetRecord

# option -> field
OPTIONS = (("reps", "reps_done"), ("load", "load_done"), ("rir", "rir"), ("pain", "pain"),
           ("note", "note"))


def add_actions(parser: argparse.ArgumentParser) -> None:
    """``edit`` and ``import`` under ``history``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    edit = actions.add_parser(
        "edit", help="list a run's sets, or correct one: reps, load, rir, pain, note",
        description="Without SET: list the sets of the latest run (or --run ID) with their "
                    "numbers. With SET: change what was logged for it.")
    edit.add_argument("set_id", nargs="?", type=int, metavar="SET",
                      help="the set's number, as the list shows it")
    edit.add_argument("--run", type=int, metavar="ID", help="list this run's sets")
    edit.add_argument("--reps", metavar="N", help="reps done (0-999)")
    edit.add_argument("--load", metavar="TEXT", help="load used, e.g. '42.5 kg' or 'red band'")
    edit.add_argument("--rir", metavar="N", help="reps in reserve: 0, 1, 2 or 3 (3 or more)")
    edit.add_argument("--pain", metavar="N", help="pain during the set, 0-10")
    edit.add_argument("--note", metavar="TEXT", help="a note")
    imp = actions.add_parser(
        "import", help="add a JSON export or a CSV training log to the history",
        description="Read a 'history --format json' export or a plain CSV log (a header row "
                    "with started_at, session, exercise, set and optionally side, reps_done, "
                    "load_done, rir, pain, note, skipped). All or nothing; importing the same "
                    "file twice adds nothing.")
    imp.add_argument("file", type=Path, metavar="FILE")


def run(args: argparse.Namespace) -> int:
    """Run ``history edit`` or ``history import``."""
    if args.action == "import":
        return _import(args.file)
    return _edit(args)


def _fail(message: str, status: int = 2) -> int:
    print_error("history", message)
    return status


def _import(file: Path) -> int:
    from hamstring_coach.history.importer import ImportProblem, import_file
    from hamstring_coach.history.store import HistoryUnavailable
    from hamstring_coach.textfmt import plural

    try:
        result = import_file(file)
    except ImportProblem as error:
        return _fail(f"{error}\nNothing was imported.")
    except HistoryUnavailable as error:
        return _fail(f"cannot write the history: {error}", 1)
    added = (f"Imported {plural(result.runs, 'run')} ({plural(result.sets, 'set')})"
             f" and {plural(result.breaks, 'desk break')} from {file}")
    if result.runs_present:
        added += (f"; {plural(result.runs_present, 'run')} already in the history "
                  "left as they were")
    print(added + ".")
    return 0


def _edit(args: argparse.Namespace) -> int:
    from hamstring_coach.history.edit import NoSuchRecord, correct, run_sets, the_set
    from hamstring_coach.history.store import HistoryUnavailable, open_for_reading
    from hamstring_coach.run.actuals import check_field

    changes: dict[str, int | str | None] = {}
    for option, field in OPTIONS:
        value = getattr(args, option)
        if value is None:
            continue
        if args.set_id is None:
            return _fail(f"--{option} needs the SET to change (history edit lists them)")
        try:
            changes[field] = check_field(field, value)
        except ValueError as error:
            return _fail(f"--{option}: {str(error).split(': ', 1)[1]}")
    try:
        if changes:
            record = correct(args.set_id, changes)
            print("Corrected:")
            print(_header())
            print(_row(record))
            return 0
        conn, note = open_for_reading()
        if note:
            print_warning("history", note)
        if conn is None:
            return _fail("no sessions recorded yet", 1)
        try:
            if args.set_id is not None:
                print(_header())
                print(_row(the_set(conn, args.set_id)))
                return 0
            listed = run_sets(conn, args.run)
        finally:
            conn.close()
    except NoSuchRecord as error:
        hint = "; 'history edit' lists the latest run's sets with their numbers"
        return _fail(f"{error}{hint}")
    except HistoryUnavailable as error:
        return _fail(f"cannot read the history: {error}", 1)
    sys.stdout.write(_listing(listed.run, listed.sets, listed.earlier))
    return 0


def _when(run: RunRecord) -> str:
    return run.started_at.strftime("%a %d %b %Y %H:%M")


def _header() -> str:
    return (f"{'SET':>6}  {'EXERCISE':<22} {'SET':>5} {'SIDE':<5} {'DONE':>9} {'LOAD':<12} "
            f"{'RIR':>3} {'PAIN':>4}  NOTE")


def _row(s: SetRecord) -> str:
    """One set: what was done (logged values marked ``*``), else the plan."""
    from hamstring_coach.run.actuals import clean_text, rir_text
    from hamstring_coach.textfmt import duration_text

    name = clean_text(s.exercise)
    name = name if len(name) <= 22 else name[:21] + "…"
    if s.skipped:
        done = "skipped"
    elif s.reps_done is not None:
        done = f"{s.reps_done}*"
    elif s.reps is not None:
        done = str(s.reps)
    else:
        done = f"{duration_text(s.seconds)} held"
    load = clean_text(s.load_done) + "*" if s.load_done is not None else clean_text(s.load or "")
    rir = "-" if s.rir is None else rir_text(s.rir)
    pain = "-" if s.pain is None else str(s.pain)
    note = clean_text(s.note or "")
    return (f"{s.id:>6}  {name:<22} {f'{s.set_no}/{s.set_count}':>5} {s.side or '':<5} "
            f"{done:>9} {load[:12]:<12} {rir:>3} {pain:>4}  {note}").rstrip()


def _listing(run: RunRecord, sets: tuple[SetRecord, ...],
             earlier: tuple[RunRecord, ...]) -> str:
    from hamstring_coach.history.records import shown_status
    from hamstring_coach.run.actuals import clean_text

    lines = [f"Run {run.id} · {clean_text(run.session_name)} · {shown_status(run)} "
             f"{_when(run)}"]
    if sets:
        lines.append(_header())
        lines.extend(_row(s) for s in sets)
        lines.append("* logged; other values are as planned.")
        lines.append("Correct a set: hamstring-coach history edit SET --reps N --load TEXT")
        lines.append("               --rir 0-3 --pain 0-10 --note TEXT  ('' clears one)")
    else:
        lines.append("No sets recorded in this run.")
    if earlier:
        lines.append("Earlier runs (list one with --run ID): " + ", ".join(
            f"{r.id} {clean_text(r.session_name)} {r.started_at.strftime('%a %d %b')}"
            for r in earlier))
    return "\n".join(lines) + "\n"
