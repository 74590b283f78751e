"""What the session screen shows, computed from the engine's state alone.

:func:`describe` turns an :class:`~hamstring_coach.engine.Engine` into a
:class:`SessionView` of plain strings and numbers; the screen hands the
pieces to its widgets, which redraw only what changed. Keeping this free of
Textual makes the wording and the arithmetic testable on their own, and
means a paused screen stands still: nothing here reads a clock except
through the engine.
"""

from __future__ import annotations

import textwrap

from hamstring_coach.engine.events import PauseReason
from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.plan.timeline import Phase, PhaseKind, Timeline
from hamstring_coach.system.records import frozen
from hamstring_coach.textfmt import countdown_text, duration_text, elapsed_text, plural
from hamstring_coach.tui.halfway import NOTICE, mark_fraction, notice_on

WAIT_PROMPT = "Press Enter or Space to continue"
# Under a self-paced set's count-up: says what the dim digits are, and the key, once.
SET_PROMPT = "elapsed · Enter or Space when done"
SUSPEND_REASON = "Paused: the computer was asleep"
USER_PAUSE_REASON = "Paused: press Space to go on"


@frozen
class StripSegment:
    """One box of the tempo strip: a phase of this rep (or the whole phase)."""

    label: str
    kind: PhaseKind
    seconds: float
    fill: float  # 0.0 (not begun) .. 1.0 (done)
    current: bool
    mark: float | None = None  # where the half-way mark sits (0..1); None: no mark


@frozen
class SessionView:
    """Everything the session screen displays, as text and numbers."""

    title: str  # the exercise name, or the session name between exercises
    position: str  # "Set 2/3 · Rep 4/10 · Left"
    banner: str  # the phase label, or "PAUSED"
    kind: PhaseKind | None  # None when finished
    countdown: str  # "0:03"; the wait's elapsed time for a wait
    countdown_width: int  # characters the countdown keeps for this phase
    cue: str
    notes: tuple[str, ...]
    strip: tuple[StripSegment, ...]
    progress: float  # 0..1 of the session's timed length
    elapsed: str
    remaining: str
    next_up: str
    paused: bool
    waiting: bool
    status: str  # the line under the countdown: pause reason, wait prompt or ""
    # The position as a narrow screen shows it ("Rep 3/9 (8–12)": the name keeps its room).
    position_compact: str = ""


def clamp_lines(text: str, width: int, lines: int) -> str:
    """``text`` wrapped to ``width`` in at most ``lines`` lines, a cut ending in ``…``.

    The lines come back joined by newlines, so the widget shows exactly these
    (its own wrapping would cut the last line mid-word with no sign of the rest).
    A ``width`` under 1 (not laid out yet) returns the text as it is.
    """
    if width < 1 or lines < 1:
        return text
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1]
    kept[-1] = (last if len(last) < width else last[:width - 1].rstrip()) + "…"
    return "\n".join(kept)


def needs_layout(old: str, new: str, width: int, *, auto_width: bool = False) -> bool:
    """A new layout only when a text's size may change (a tempo cue swap needs none).

    Layouts redo the whole screen; skipping them keeps each phase change
    cheap, so the next deadline is not held up by drawing. ``auto_width``:
    the widget is as wide as its text.
    """
    if auto_width:
        return len(old) != len(new)
    return (old.count("\n") != new.count("\n") or len(old) >= width or len(new) >= width
            or not old or not new)


def rep_phases(timeline: Timeline, phase: Phase) -> tuple[Phase, ...]:
    """The phases of ``phase``'s rep, in order (just ``phase`` outside a tempo set)."""
    at = phase.position
    if at.tempo_count <= 0:
        return (phase,)
    first = phase.index - at.tempo_index
    phases = timeline.phases[max(0, first): first + at.tempo_count]
    same = tuple(p for p in phases if p.position.rep_no == at.rep_no
                 and p.step_index == phase.step_index and p.position.set_no == at.set_no
                 and p.position.side == at.side)
    return same if phase in same else (phase,)


def title_text(phase: Phase, session_name: str) -> str:
    """The exercise and its load (``Romanian deadlift · 20 kg``), or the session's name."""
    exercise = phase.exercise
    if exercise is None:
        return session_name
    return f"{exercise.name} · {exercise.load}" if exercise.load else exercise.name


def position_text(phase: Phase, *, compact: bool = False) -> str:
    """``Set 2/3 · Rep 4/10 · Left side`` (only the parts that apply; no ``Set 1/1``).

    Inside a superset the set is its round: ``Round 2/3 · Rep 4/10``. A rep of
    a range reads ``Rep 3 of 9, range 8–12``; ``compact`` (a narrow screen)
    ``Rep 3/9 (8–12)``.
    """
    parts: list[str] = []
    at = phase.position
    noun = "Round" if at.rounds else "Set"
    if phase.kind is PhaseKind.REST:
        return ""  # its cue already says which set comes next
    if phase.kind in (PhaseKind.SWITCH, PhaseKind.BETWEEN):
        side = f" · {at.side.capitalize()} side" if at.side else ""  # the side next
        if at.set_count > 1:
            return f"{noun} {at.set_no}/{at.set_count}{side}"
        return side.removeprefix(" · ")
    if at.set_count > 1 and at.set_no:
        parts.append(f"{noun} {at.set_no}/{at.set_count}")
    span = phase.exercise.rep_range if phase.exercise is not None else None
    if at.rep_count and at.rep_no and span:
        low, high = span
        parts.append(f"Rep {at.rep_no}/{at.rep_count} ({low}–{high})" if compact
                     else f"Rep {at.rep_no} of {at.rep_count}, range {low}–{high}")
    elif at.rep_count and at.rep_no:
        parts.append(f"Rep {at.rep_no}/{at.rep_count}")
    if at.side:
        parts.append(f"{at.side.capitalize()} side")
    return " · ".join(parts)


def next_text(current: Phase | None, upcoming: Phase | None, reps: int = 0) -> str:
    """What comes next, in a few words, every time as ``m:ss`` and every set as ``set 2/4``.

    ``reps`` is the upcoming self-paced set's rep count (``Next: Set 1/2 · 8 reps, your pace``).
    """
    if upcoming is None:
        return "Next: Finish"
    label = upcoming.label
    at = upcoming.position
    self_paced = upcoming.kind is PhaseKind.SET and upcoming.duration is None
    if self_paced:
        if at.set_no and at.set_count > 1:
            label += f" {at.set_no}/{at.set_count}"
        if reps:
            label += f" · {plural(reps, 'rep')}, your pace"
    elif upcoming.duration is not None:
        label += f" {duration_text(upcoming.duration)}"
    if (upcoming.kind is PhaseKind.BETWEEN and upcoming.duration is not None
            and upcoming.exercise is not None):
        # a superset's change of exercise: the exercise is the news, not the transition
        return f"Next: {upcoming.exercise.name} · {duration_text(upcoming.duration)} to change"
    if upcoming.exercise and (current is None or upcoming.step_index != current.step_index):
        return f"Next: {upcoming.exercise.name} · {label}"
    transitions = (PhaseKind.REST, PhaseKind.SWITCH, PhaseKind.BETWEEN)
    between = current is not None and current.kind in transitions
    if upcoming.kind not in transitions:
        if at.set_count > 1 and not self_paced and current is not None and (
                between or at.set_no != current.position.set_no):
            noun = "round" if at.rounds else "set"
            label += f" · {noun} {at.set_no}/{at.set_count}"
        if at.side and current is not None and (
                between or at.side != current.position.side):
            label += f" · {at.side} side"
    return f"Next: {label}"


def _reps_of(timeline: Timeline, phase: Phase | None) -> int:
    """The rep count of ``phase``'s exercise step (0 outside one)."""
    if phase is None or not 0 <= phase.step_index < len(timeline.session.steps):
        return 0
    return getattr(timeline.session.steps[phase.step_index], "reps", None) or 0


def _strip(engine: Engine, phase: Phase) -> tuple[StripSegment, ...]:
    if phase.duration is None:
        return ()
    elapsed = engine.phase_elapsed()
    segments = []
    rep = rep_phases(engine.timeline, phase)
    for p in rep:
        if p.index < phase.index:
            fill = 1.0
        elif p.index > phase.index:
            fill = 0.0
        else:
            duration = engine.phase_duration() or p.duration or 0.0
            fill = min(1.0, max(0.0, elapsed / duration)) if duration > 0 else 1.0
        # A phase alone in the strip says no more than the banner above it ("GET READY"
        # over "Get ready"): its box fills, unlabelled. A rep's boxes are its rhythm.
        segments.append(StripSegment(p.label if len(rep) > 1 else "", p.kind,
                                     p.duration or 0.0, fill, p.index == phase.index,
                                     mark_fraction(p)))
    return tuple(segments)


def describe(engine: Engine) -> SessionView:
    """The session screen's content for the engine as it is now."""
    timeline = engine.timeline
    phase = engine.phase
    elapsed = engine.session_elapsed()
    remaining = engine.session_remaining()
    total = elapsed + remaining
    progress = min(1.0, elapsed / total) if total > 0 else 1.0
    if phase is None or engine.state is EngineState.FINISHED:
        return SessionView(
            title=timeline.session.name, position="", banner="Done", kind=None,
            countdown="0:00", countdown_width=4, cue="Well done.", notes=(), strip=(),
            progress=1.0, elapsed=elapsed_text(elapsed), remaining=duration_text(0),
            next_up="",
            paused=False, waiting=False, status="",
        )
    paused = engine.state is EngineState.PAUSED
    upcoming = engine.next_phase()
    waiting = phase.duration is None
    left = engine.remaining()
    if left is None and phase.kind is PhaseKind.CUE:
        count, width = "", 4  # an instruction: nothing to count
    elif left is None:
        count = elapsed_text(engine.phase_elapsed())  # a self-paced set: time so far
        width = max(4, len(count))
    else:
        count = countdown_text(left)
        width = max(len(count), len(countdown_text(engine.phase_duration() or 0.0)))
    if paused:
        asleep = engine.paused_reason is PauseReason.SUSPEND
        status = SUSPEND_REASON if asleep else USER_PAUSE_REASON
    elif waiting:
        status = WAIT_PROMPT if phase.kind is PhaseKind.CUE else SET_PROMPT
    elif notice_on(engine):
        status = NOTICE
    else:
        status = ""
    cue = phase.text
    next_up = next_text(phase, upcoming, _reps_of(timeline, upcoming))
    if phase.kind is PhaseKind.REST and phase.exercise is not None:
        # A rest between sets is about what comes next: the middle says it, in the
        # bottom line's words ("Next: set 2/2" above "Next: Hold 0:20 · set 2/2"
        # read as two answers), and the bottom line leaves it to the middle.
        cue, next_up = next_up, ""
    return SessionView(
        title=title_text(phase, timeline.session.name),
        position=position_text(phase),
        position_compact=position_text(phase, compact=True),
        banner="PAUSED" if paused else phase.label,
        kind=phase.kind,
        countdown=count.rjust(width),
        countdown_width=width,
        cue=cue,
        notes=phase.exercise.notes if phase.exercise else (),
        strip=_strip(engine, phase),
        progress=progress,
        # Both turn over on whole seconds, like the countdown, so the screen
        # changes once a second rather than twice.
        elapsed=elapsed_text(elapsed),
        remaining=countdown_text(remaining),
        next_up=next_up,
        paused=paused,
        waiting=waiting,
        status=status,
    )
