"""The ``show`` command: a session's plan, step by step, with lengths; or every phase."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import textwrap
from typing import TYPE_CHECKING, TextIO

from hamstring_coach.format.model import (
    PACING_KEYS,
    CueStep,
    Defaults,
    ExerciseStep,
    Origin,
    RestStep,
    Sides,
    Step,
)
from hamstring_coach.format.plaintext import escape_controls, one_line
from hamstring_coach.plan.timeline import Phase, Timeline
from hamstring_coach.system.messages import print_error, print_warning
from hamstring_coach.textfmt import duration_text, plural, secs

if TYPE_CHECKING:
    from hamstring_coach.plan.compiler import StepTotal
    from hamstring_coach.plan.progression import Prescription


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("session", metavar="SESSION",
                        help="a built-in id, one of your session ids, or a path to a file")
    parser.add_argument("--phases", action="store_true",
                        help="list every phase of next time's session (as run shows it) with "
                             "its start time, kind, label and position")
    parser.add_argument("--as-written", action="store_true",
                        help="the file as written, ignoring the prescription from your history")


def run(args: argparse.Namespace) -> int:
    """Print the plan of SESSION; exit 2 if it cannot be found or is invalid."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.run import library

    try:
        path, explicit = library.lookup(args.session)
    except library.SessionNotFoundError as error:
        return print_error("show", error)
    # SessionFileError propagates: the CLI guard prints every problem and exits 2.
    timeline = library.compile_file(path, explicit=explicit)
    session = timeline.session
    # deferred: --help and the other commands start without them
    from hamstring_coach.history.prescription import prescription_for
    from hamstring_coach.plan.compiler import compile_session

    prescription, warning = prescription_for(session, as_written=args.as_written)
    if warning:
        print_warning("show", warning)
    upcoming = compile_session(prescription.session) if prescription.exercises else timeline
    out = sys.stdout
    builtin = library.is_builtin(path)
    where = 'built-in' if builtin else str(path)
    print(one_line(f"{session.name}  ({session.id}, {where})"), file=out)
    if session.description:
        print(textwrap.fill(escape_controls(session.description), width=78), file=out)
    if session.tags:
        print(one_line(f"Tags: {', '.join(session.tags)}"), file=out)
    if args.phases:
        print(file=out)
        _print_phases(upcoming, out)
        timeline = upcoming
    else:
        print(f"Defaults: {pacing_text(session.defaults)}\n", file=out)
        _print_steps(timeline, out, prescription, upcoming)
    steps = len(_blocks(session.steps))
    print(f"\nTotal {_length(timeline)}  ({plural(steps, 'step')}, "
          f"{plural(len(timeline.phases), 'phase')})", file=out)
    if prescription.exercises and not args.phases:
        print(f"Next time {_length(upcoming)}"
              + ("  (as written)" if upcoming.total == timeline.total
                 and upcoming.waits == timeline.waits else ""), file=out)
    return 0


def _length(timeline: Timeline) -> str:
    waits = f" + {plural(timeline.waits, 'wait')}" if timeline.waits else ""
    return duration_text(timeline.total) + waits


def step_title(step: Step) -> str:
    """What a step is, in a few words: the exercise name (and load), or the cue text."""
    if isinstance(step, ExerciseStep):
        return step.name + (f" ({step.load})" if step.load else "")
    if isinstance(step, RestStep):
        return "Rest" + (f": {step.cue}" if step.cue else "")
    return f"Cue: {step.text}"


_PACING_WORDS = {"rest": "rest", "prepare": "prepare", "side_switch": "side switch",
                 "countdown": "countdown"}


def _pacing_value(key: str, value: float) -> str:
    return f"{_PACING_WORDS[key]} {secs(value)}" + ("" if key == "countdown" else " s")


def pacing_text(defaults: Defaults) -> str:
    """The session's pacing defaults: ``prepare 5 s, rest 30 s, side switch 5 s, countdown 3``."""
    order = ("prepare", "rest", "side_switch", "countdown")
    return ", ".join(_pacing_value(key, getattr(defaults, key)) for key in order)


def pacing_origins(step: ExerciseStep, defaults: Defaults) -> str:
    """The step's pacing values that differ from the session's defaults, with where they
    came from: ``rest 90 s, prepare 10 s (catalogue: nordic); countdown 5 (this step)``.

    Only values the step uses: a rest between sets (not inside a superset, whose line
    says its rest), a get-ready (a superset's first exercise only), a side switch for
    ``sides: each``, the countdown. Empty when every value is the session's default.
    """
    group = step.superset
    used = {"rest": step.sets > 1 and group is None,
            "prepare": group is None or group.position == 0,
            "side_switch": step.sides is Sides.EACH, "countdown": True}
    by_origin: dict[str, list[str]] = {}
    for key in PACING_KEYS:
        value = getattr(step, key)
        if not used[key] or value == getattr(defaults, key):
            continue
        origin = step.origin(key)
        where = (f"catalogue: {step.catalogue_id}" if origin is Origin.CATALOGUE
                 and step.catalogue_id else origin.value)
        by_origin.setdefault(where, []).append(_pacing_value(key, value))
    return "; ".join(f"{', '.join(values)} ({where})" for where, values in by_origin.items())


def _blocks(steps: tuple[Step, ...]) -> list[range]:
    """The steps as written in the file: a superset's exercises are one block."""
    blocks: list[range] = []
    index = 0
    while index < len(steps):
        step = steps[index]
        size = step.superset.size if isinstance(step, ExerciseStep) and step.superset else 1
        blocks.append(range(index, index + size))
        index += size
    return blocks


def _block_length(totals: tuple[StepTotal, ...], block: range) -> str:
    length_s = sum(totals[i].length for i in block)
    waits = sum(totals[i].waits for i in block)
    length = duration_text(length_s) if length_s or not waits else "wait"
    return length + ("+" if length_s and waits else "")


def _print_steps(timeline: Timeline, out: TextIO, prescription: Prescription,
                 upcoming: Timeline) -> None:
    """Each step as written; under an exercise with a rule, next time's length and why."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.plan.compiler import describe_step, step_totals

    totals = step_totals(timeline)
    next_totals = step_totals(upcoming)
    steps = timeline.session.steps
    blocks = _blocks(steps)
    number_width = len(str(len(blocks)))

    def pace(step: ExerciseStep, indent: int) -> None:
        found = pacing_origins(step, timeline.session.defaults)
        if found:
            print(textwrap.fill(one_line(found), width=79,
                                initial_indent=" " * indent, subsequent_indent=" " * indent),
                  file=out)

    def why(index: int, indent: int) -> None:
        found = prescription.of(index)
        if found is not None:
            head = (" " * indent + f"{_block_length(next_totals, range(index, index + 1)):>6}"
                    "  next: ")
            print(textwrap.fill(one_line(found.reason), width=79, initial_indent=head,
                                subsequent_indent=" " * len(head)), file=out)

    for number, block in enumerate(blocks, 1):
        length = _block_length(totals, block)
        step = steps[block.start]
        if isinstance(step, ExerciseStep) and step.superset is not None:
            group = step.superset
            rest = f", rest {duration_text(group.rest)}" if group.rounds > 1 else ""
            print(f"{number:>{number_width}}. {length:>6}  Superset · "
                  f"{plural(group.rounds, 'round')}{rest}, {secs(group.between)} s between",
                  file=out)
            indent = " " * (number_width + 10)
            for letter, i in zip("abcdefghijklmnopqrstuvwxyz", block, strict=False):
                member = steps[i]
                assert isinstance(member, ExerciseStep)
                one = dataclasses.replace(member, sets=1)
                print(f"{indent}{letter}. {step_title(member)} — "
                      f"{describe_step(one, written=True)}", file=out)
                why(i, number_width + 2)  # the lengths stay in one column
                pace(member, len(indent) + 3)
            continue
        what = describe_step(step, written=True)
        if isinstance(step, CueStep | RestStep):
            what = ""  # the title already says it
        line = f"{number:>{number_width}}. {length:>6}  {step_title(step)}"
        print(one_line(line + (f" — {what}" if what else "")), file=out)
        why(block.start, number_width + 2)
        if isinstance(step, ExerciseStep):
            pace(step, number_width + 10)


def _position(phase: Phase) -> tuple[str, str, str]:
    at = phase.position
    set_ = f"{at.set_no}/{at.set_count}" if at.set_no else "-"
    rep = f"{at.rep_no}/{at.rep_count}" if at.rep_no else "-"
    return set_, at.side or "-", rep


def _print_phases(timeline: Timeline, out: TextIO) -> None:
    print(f"{'start':>6}  {'length':>6}  {'kind':<8} {'label':<13} {'set':<5} {'side':<5} "
          f"{'rep':<5} exercise / text", file=out)
    for phase in timeline.phases:
        set_, side, rep = _position(phase)
        length = "wait" if phase.duration is None else secs(phase.duration) + " s"
        about = one_line(phase.exercise_name or phase.text)
        label = one_line(phase.label)
        print(f"{duration_text(phase.start):>6}  {length:>6}  {phase.kind.value:<8} {label:<13} "
              f"{set_:<5} {side:<5} {rep:<5} {about}".rstrip(), file=out)
