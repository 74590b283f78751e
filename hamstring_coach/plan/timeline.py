"""The timeline: a session compiled to a flat, immutable list of phases.

Built by :func:`hamstring_coach.plan.compile_session`; run by
:class:`hamstring_coach.engine.Engine`; rendered by the TUI, the ``show``
command and the audio ``render`` command. Pure data, no I/O.

Scheduled times (``Phase.start``) count waits as 0 s, so ``Timeline.total``
is the sum of the timed phases, as SESSION_FORMAT.md says.
"""

from __future__ import annotations

from enum import StrEnum

from hamstring_coach.format.model import ExerciseStep, Session
from hamstring_coach.format.model import Side as Side  # the model owns it; re-exported
from hamstring_coach.format.model import Sound as Sound  # the model owns it; re-exported
from hamstring_coach.system.records import frozen


class PhaseKind(StrEnum):
    """What a phase is; chooses colour, label and sounds."""

    PREPARE = "prepare"  # get ready before an exercise's first set
    HOLD = "hold"  # isometric hold / static stretch
    WORK = "work"  # timed work with no reps (``duration``)
    SET = "set"  # a self-paced set of reps (no tempo): a wait
    LOWER = "lower"  # tempo phase: eccentric
    PAUSE = "pause"  # tempo phase: pause or squeeze
    LIFT = "lift"  # tempo phase: concentric
    SWITCH = "switch"  # switch side
    BETWEEN = "between"  # inside a superset's round: from one exercise to the next
    REST = "rest"  # rest between sets, or a standalone rest step
    CUE = "cue"  # an instruction; a wait when untimed


@frozen
class SoundCue:
    """A sound due ``offset`` seconds after its phase starts (0 <= offset <= duration)."""

    offset: float
    sound: Sound


@frozen
class ExerciseRef:
    """Which exercise a phase belongs to (one shared instance per exercise step)."""

    name: str
    id: str | None = None  # catalogue id, if any
    function: tuple[str, ...] = ()
    load: str | None = None
    notes: tuple[str, ...] = ()  # form reminders shown smaller
    rep_range: tuple[int, int] | None = None  # the reps range ("8-12"), if any
    log_pain: bool = False  # each set's log asks for pain 0-10 (``log: {pain: true}``)

    @classmethod
    def of(cls, step: ExerciseStep) -> ExerciseRef:
        """The identity of ``step``'s exercise."""
        return cls(step.name, step.catalogue_id, step.function, step.load, step.notes,
                   step.rep_range, step.log_pain)


@frozen
class Position:
    """Where in its exercise a phase is; 0 / None where it is not inside one.

    ``set_no`` and ``rep_no`` are 1-based; ``tempo_index`` is the phase's
    place inside its rep (0-based) and ``tempo_count`` the phases per rep
    (0 when not a tempo phase). ``side`` is set for ``sides: each`` only.
    """

    set_no: int = 0
    set_count: int = 0
    side: Side | None = None
    rep_no: int = 0
    rep_count: int = 0
    tempo_index: int = 0
    tempo_count: int = 0
    # A superset's rounds (0 outside one): ``set_no`` is then the round, and the
    # screen says "Round 2/3" instead of "Set 2/3".
    rounds: int = 0


NOWHERE = Position()  # a phase outside any set: a standalone cue or rest


@frozen
class Phase:
    """One phase of the session: what it is, when, and its place in the structure."""

    index: int
    kind: PhaseKind
    label: str  # short, shown large: "Lower", "Hold", "Rest", "Switch side"
    duration: float | None  # None: a wait that ends on the user's key
    start: float  # scheduled start, seconds from session start (waits count 0)
    step_index: int  # index into Session.steps
    text: str = ""  # the cue for this phase (setup cue, tempo cue, cue step text)
    exercise: ExerciseRef | None = None  # None for standalone cue/rest steps
    position: Position = NOWHERE
    sounds: tuple[SoundCue, ...] = ()
    # True on the last phase of a set (per side): when it completes, a set is done.
    ends_set: bool = False

    @property
    def exercise_name(self) -> str | None:
        """The exercise's name, None for a standalone cue or rest."""
        return self.exercise.name if self.exercise is not None else None

    @property
    def is_wait(self) -> bool:
        """True when the phase ends only on the user's key."""
        return self.duration is None

    @property
    def end(self) -> float:
        """Scheduled end (equal to ``start`` for a wait)."""
        return self.start + (self.duration or 0.0)


@frozen
class Timeline:
    """A compiled session."""

    session: Session
    phases: tuple[Phase, ...]
    total: float  # sum of timed phases, seconds
    waits: int  # number of phases that wait for the user
    # Sounds due at the very end (the finishing chime), after the last phase.
    final_sounds: tuple[Sound, ...] = (Sound.DONE,)
