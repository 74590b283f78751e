"""The ``show`` command: a session's plan, step by step, with lengths; or every phase."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import textwrap
from typing import TextIO

from hamstring_coach.format.model import CueStep, ExerciseStep, RestStep, Step
from hamstring_coach.plan.timeline import Phase, Timeline
from hamstring_coach.textfmt import duration_text, plural, secs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("session", metavar="SESSION",
                        help="a built-in id, one of your session ids, or a path to a file")
    parser.add_argument("--phases", action="store_true",
                        help="list every phase with its start time, kind, label and position")


def run(args: argparse.Namespace) -> int:
    """Print the plan of SESSION; exit 2 if it cannot be found or is invalid."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.run import library

    try:
        path, explicit = library.lookup(args.session)
    except library.SessionNotFoundError as error:
        print(f"hamstring-coach: {error}", file=sys.stderr)
        return 2
    # SessionFileError propagates: the CLI guard prints every problem and exits 2.
    timeline = library.compile_file(path, explicit=explicit)
    session = timeline.session
    out = sys.stdout
    builtin = library.is_builtin(path)
    print(f"{session.name}  ({session.id}, {'built-in' if builtin else path})", file=out)
    if session.description:
        print(textwrap.fill(session.description, width=78), file=out)
    if session.tags:
        print(f"Tags: {', '.join(session.tags)}", file=out)
    print(file=out)
    if args.phases:
        _print_phases(timeline, out)
    else:
        _print_steps(timeline, out)
    waits = f" + {plural(timeline.waits, 'wait')}" if timeline.waits else ""
    steps = len(_blocks(session.steps))
    print(f"\nTotal {duration_text(timeline.total)}{waits}  "
          f"({plural(steps, 'step')}, {plural(len(timeline.phases), 'phase')})",
          file=out)
    return 0


def step_title(step: Step) -> str:
    """What a step is, in a few words: the exercise name (and load), or the cue text."""
    if isinstance(step, ExerciseStep):
        return step.name + (f" ({step.load})" if step.load else "")
    if isinstance(step, RestStep):
        return "Rest" + (f": {step.cue}" if step.cue else "")
    return f"Cue: {step.text}"


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


def _print_steps(timeline: Timeline, out: TextIO) -> None:
    # deferred: --help and the other commands start without it
    from hamstring_coach.plan.compiler import describe_step, step_totals

    totals = step_totals(timeline)
    steps = timeline.session.steps
    blocks = _blocks(steps)
    number_width = len(str(len(blocks)))
    for number, block in enumerate(blocks, 1):
        length_s = sum(totals[i].length for i in block)
        waits = sum(totals[i].waits for i in block)
        length = duration_text(length_s) if length_s or not waits else "wait"
        if length_s and waits:
            length += "+"
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
                print(f"{indent}{letter}. {step_title(member)} — {describe_step(one)}",
                      file=out)
            continue
        what = describe_step(step)
        if isinstance(step, CueStep | RestStep):
            what = ""  # the title already says it
        line = f"{number:>{number_width}}. {length:>6}  {step_title(step)}"
        print(line + (f" — {what}" if what else ""), file=out)


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
        about = phase.exercise_name or phase.text
        start = duration_text(phase.start)
        print(f"{start:>6}  {length:>6}  {phase.kind.value:<8} {phase.label:<13} "
              f"{set_:<5} {side:<5} {rep:<5} {about}".rstrip(), file=out)
