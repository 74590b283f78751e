"""Plain mode's words: one line per phase and per count-down milestone.

``run --plain`` writes a session as a stream of lines (no redraws, no
colour, no cursor movement) so a screen reader, a braille display, a pipe
or a log under cron can follow it. :class:`PlainNarrator` turns engine
events and the engine's state into those lines; it reads no clock and does
no I/O (the loop in :mod:`hamstring_coach.tui.plain_loop` does), and it
imports no Textual. Numbers are spelt for reading aloud: ``set 2 of 3``,
not ``2/3``. Text from session files goes through
:func:`~hamstring_coach.textfmt.printable`, so control characters are
shown escaped, never acted on.

A hold or timed work marked half-way (``halfway:``) says ``Half way.`` there.
Milestones are the seconds left at which a line is written: 10, 5, 3, 2
and 1 (only those shorter than the phase; none for tempo phases, whose
own line each second or two is the count). A phase that runs to its end
says every milestone it crossed before its ``end of ...`` line, however
late the loop noticed, so the output is the same at any ``--speed``.
"""

from __future__ import annotations

from collections.abc import Iterable

from hamstring_coach.engine.events import (
    Event,
    Finished,
    Paused,
    PauseReason,
    PhaseEnded,
    PhaseStarted,
    Resumed,
    SoundDue,
)
from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.engine.visit import effective_offset
from hamstring_coach.plan.timeline import Phase, PhaseKind, Sound, Timeline
from hamstring_coach.textfmt import duration_text, plural, printable, secs

MILESTONES = (10.0, 5.0, 3.0, 2.0, 1.0)


def milestone_text(seconds: float) -> str:
    """``10 seconds left``, ``5 seconds left``, then the bare ``3``, ``2``, ``1``."""
    return f"{secs(seconds)} seconds left" if seconds > 3 else secs(seconds)


def position_words(phase: Phase) -> str:
    """``set 2 of 3, rep 4 of 10, left side`` (only the parts that apply)."""
    at = phase.position
    parts: list[str] = []
    noun = "round" if at.rounds else "set"
    if at.set_count > 1 and at.set_no and phase.kind is not PhaseKind.REST:
        parts.append(f"{noun} {at.set_no} of {at.set_count}")
    if at.rep_count and at.rep_no:
        parts.append(f"rep {at.rep_no} of {at.rep_count}")
    if at.side:
        parts.append(f"{at.side.value} side")
    return ", ".join(parts)


def phase_line(phase: Phase, *, keys_hint: str) -> str:
    """The line a phase starts with: what, where, how long, its cue, and the key of a wait."""
    parts: list[str] = []
    if phase.exercise is not None:
        load = f" ({printable(phase.exercise.load)})" if phase.exercise.load else ""
        parts.append(printable(phase.exercise.name) + load)
    text = " ".join(phase.text.split())
    if not (phase.kind is PhaseKind.CUE and text):
        parts.append(printable(phase.label))
    if where := position_words(phase):
        parts.append(where)
    if phase.duration is not None:
        parts.append(plural(int(phase.duration), "second") if phase.duration.is_integer()
                     else f"{secs(phase.duration)} seconds")
    line = ", ".join(parts)
    if phase.kind is PhaseKind.CUE and text:
        line = f"{line}: {printable(text)}." if line else f"{printable(text)}."
    elif text and text != phase.label:
        line += f". {printable(text)}."
    else:
        line += "."
    if phase.duration is None:
        line += f" {keys_hint[:1].upper()}{keys_hint[1:]}."
    return line


def session_line(timeline: Timeline) -> str:
    """The first line: the session, its length and how many waits it has."""
    waits = sum(1 for phase in timeline.phases if phase.is_wait)
    extra = f" plus {plural(waits, 'wait')}" if waits else ""
    return f"Session: {printable(timeline.session.name)}, {duration_text(timeline.total)}{extra}."


class PlainNarrator:
    """Lines for one run: feed it each ``advance()``'s events, then ask for milestones."""

    def __init__(self, *, keys_hint: str, pause_hint: str) -> None:
        self.keys_hint = keys_hint  # what ends a wait: "press Enter"
        self.pause_hint = pause_hint  # how to go on after a pause
        self._said: list[float] = []  # milestones of the current visit already written
        self._visit_phase: Phase | None = None

    def _milestones_of(self, phase: Phase | None) -> tuple[float, ...]:
        if phase is None or phase.duration is None or phase.position.tempo_count:
            return ()
        return tuple(m for m in MILESTONES if m < phase.duration)

    def events(self, events: Iterable[Event]) -> list[str]:
        """The lines these events call for, in order."""
        lines: list[str] = []
        for event in events:
            if isinstance(event, PhaseStarted):
                self._visit_phase, self._said = event.phase, []
                lines.append(phase_line(event.phase, keys_hint=self.keys_hint))
            elif isinstance(event, PhaseEnded) and event.phase is self._visit_phase:
                if not event.skipped:
                    lines.extend(self._rest_of_milestones())
                    if event.phase.duration is not None and not event.phase.position.tempo_count:
                        lines.append(f"End of {printable(event.phase.label)}.")
                else:
                    lines.append(f"Skipped {printable(event.phase.label)}.")
                self._visit_phase = None
            elif isinstance(event, Paused):
                why = ("the computer was asleep" if event.reason is PauseReason.SUSPEND
                       else self.pause_hint)
                lines.append(f"Paused: {why}.")
            elif isinstance(event, Resumed):
                lines.append("Going on.")
            elif isinstance(event, SoundDue) and event.sound is Sound.HALFWAY:
                lines.append("Half way.")  # the hold's or timed work's half-way mark
            elif isinstance(event, Finished):
                lines.append("Session finished.")
        return lines

    def _rest_of_milestones(self) -> list[str]:
        lines = []
        for m in self._milestones_of(self._visit_phase):
            if m not in self._said:
                self._said.append(m)
                lines.append(milestone_text(m))
        return lines

    def milestones(self, engine: Engine) -> list[str]:
        """Milestones the current phase has crossed since the last call (state as of advance)."""
        if engine.state is not EngineState.RUNNING or engine.phase is not self._visit_phase:
            return []
        left = engine.remaining()
        if left is None:
            return []
        lines = []
        for m in self._milestones_of(self._visit_phase):
            if left <= m and m not in self._said:
                self._said.append(m)
                lines.append(milestone_text(m))
        return lines

    def next_due(self, engine: Engine) -> float | None:
        """Engine seconds until the next milestone, sound or the phase's end; None: no deadline.

        A sound is woken for so it plays on time (and "Half way." is written there).
        """
        if engine.state is not EngineState.RUNNING:
            return None
        left = engine.remaining()
        phase = engine.phase
        if left is None or phase is None:
            return None
        ahead = [left - m for m in self._milestones_of(phase)
                 if m < left and m not in self._said]
        elapsed = engine.phase_elapsed()
        offsets = (effective_offset(c, phase.duration, engine.phase_duration())
                   for c in phase.sounds)
        ahead += [offset - elapsed for offset in offsets if offset > elapsed]
        return min(ahead) if ahead else left
