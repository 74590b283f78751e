"""The session model: what a valid session file means, as frozen dataclasses.

Produced only by :mod:`hamstring_coach.format` (the loader); consumed by
:mod:`hamstring_coach.plan.compiler`. All times are seconds as floats, already
resolved from defaults and catalogue entries, so nothing downstream needs
to know about inheritance.
"""

from __future__ import annotations

import math
from dataclasses import field
from enum import StrEnum
from pathlib import Path

from hamstring_coach.system.records import frozen

# ``halfway:``: the shortest hold or timed work that is marked half-way (a sound, a mark
# on screen, "Half way" with --voice). ``false`` in a file is HALFWAY_OFF (never marked).
HALFWAY_DEFAULT = 30.0
HALFWAY_OFF = math.inf


class Sound(StrEnum):
    """The sound bank; values are the WAV file stems in ``sounds/``."""

    TICK = "tick"  # countdown tick, one per second before a timed phase ends
    GO = "go"  # work begins
    LOWER = "lower"  # tempo boundary into a lowering phase
    LIFT = "lift"  # tempo boundary into a lifting phase
    PAUSE = "pause"  # tempo boundary into a pause / squeeze
    SWITCH = "switch"  # switch side
    REST = "rest"  # rest begins
    HALFWAY = "halfway"  # half-way through a hold or timed work (``halfway:``)
    DONE = "done"  # session finished
    BREAK = "break"  # a desk break is due (break mode only)


class Sides(StrEnum):
    """How an exercise treats the two legs."""

    BOTH = "both"  # one pass per set
    EACH = "each"  # left, then right, in every set


class Side(StrEnum):
    """One leg, in a ``sides: each`` exercise (left first, then right)."""

    LEFT = "left"
    RIGHT = "right"


class WorkKind(StrEnum):
    """What one set (per side) consists of."""

    HOLD = "hold"  # an isometric hold or static stretch of `hold` seconds
    REPS = "reps"  # `reps` repetitions paced by `tempo` (self-paced when tempo is None)
    DURATION = "duration"  # timed work without reps (hip swings)


class TempoKind(StrEnum):
    """What a tempo phase asks the body to do; chooses its colour and sound."""

    LOWER = "lower"  # eccentric
    PAUSE = "pause"  # pause at the bottom or a squeeze at the top (isometric)
    LIFT = "lift"  # concentric


@frozen
class TempoPhase:
    """One phase of a rep, in the order performed."""

    label: str
    seconds: float
    kind: TempoKind
    cue: str | None = None


class Origin(StrEnum):
    """Where an exercise's pacing value (rest, prepare, side switch, countdown) comes from.

    The step's own value wins; then the file's ``defaults`` (when the file
    writes that key); then the catalogue entry; then the format's default.
    """

    STEP = "this step"
    DEFAULTS = "defaults"
    CATALOGUE = "catalogue"
    FORMAT = "format default"


# The pacing keys of an exercise, whose origin is kept (see Origin).
PACING_KEYS = ("rest", "prepare", "side_switch", "countdown")


@frozen
class Defaults:
    """Values every exercise inherits unless it sets its own."""

    prepare: float = 5.0
    rest: float = 30.0
    side_switch: float = 5.0
    countdown: int = 3
    tempo: tuple[TempoPhase, ...] | None = None
    log_pain: bool = False  # ``log: {pain: true}``: every set's log asks for pain 0-10
    halfway: float = HALFWAY_DEFAULT  # see HALFWAY_DEFAULT; HALFWAY_OFF: never
    given: frozenset[str] = frozenset()  # the keys the file's ``defaults`` writes


@frozen
class CueStep:
    """An instruction on screen; a wait for the user when ``duration`` is None."""

    text: str
    duration: float | None
    line: int = 0


@frozen
class RestStep:
    """A standalone rest."""

    seconds: float
    cue: str | None = None
    line: int = 0


@frozen
class Superset:
    """The superset an exercise step belongs to (COACHING.md section 4).

    A ``superset:`` step is flattened into its exercises, each an
    :class:`ExerciseStep` of its own in ``Session.steps`` (so every exercise
    keeps its own step index, its own sets in the history and its own
    progression); this says how they interleave. Their ``sets`` is ``rounds``
    and their ``rest`` the rest between rounds.
    """

    first: int  # index in Session.steps of the superset's first exercise
    size: int  # how many exercises it pairs (2 or more)
    position: int  # 0-based place of this exercise inside a round
    rounds: int
    rest: float  # after each round but the last
    between: float  # from one exercise to the next inside a round
    line: int = 0


@frozen
class Load:
    """A load that is a number with a unit (``42.5 kg``); text loads stay text."""

    amount: float
    unit: str  # "kg" or "lb"

    def __str__(self) -> str:
        return f"{self.amount:.3f}".rstrip("0").rstrip(".") + f" {self.unit}"


class RuleKind(StrEnum):
    """What a ``progress:`` rule grows after a success (COACHING.md section 3)."""

    LOAD = "load"  # the load (double progression when the reps are a range)
    REPS = "reps"  # the target reps, up to the range's top (or up_to)
    HOLD = "hold"  # the hold's seconds, up to up_to
    DURATION = "duration"  # the timed work's seconds, up to up_to
    TEMPO = "tempo"  # one tempo phase's seconds, up to up_to


@frozen
class Gate:
    """What a run must also show to count as a success (besides every set at the target)."""

    rir: int = 1  # the last set's reps in reserve must be at least this (when answered)
    pain: int | None = None  # no set's pain above this (None: no limit)


@frozen
class Deload:
    """After ``after`` stalls in a row: ``by`` off the load, or one step back."""

    after: int = 3
    by: float = 0.10  # a fraction of the load


@frozen
class Progress:
    """An exercise's ``progress:`` rule, checked against the exercise it is on.

    ``step`` is reps for REPS, the load's unit for LOAD (``load`` is then the
    exercise's written load as a number), seconds otherwise. ``up_to`` is the
    top: reps, a load amount, or seconds (None: a range's top, or no top for a
    load). ``phase`` is the tempo phase's label for TEMPO.
    """

    kind: RuleKind
    step: float
    up_to: float | None = None
    phase: str | None = None
    then: str | None = None
    gate: Gate = field(default_factory=Gate)
    deload: Deload = field(default_factory=Deload)
    load: Load | None = None
    line: int = 0


@frozen
class ExerciseStep:
    """An exercise with every value resolved (catalogue, defaults, overrides)."""

    name: str
    work: WorkKind
    aka: tuple[str, ...] = ()  # other names (RDL): the picker's filter finds it by them
    sets: int = 1
    sides: Sides = Sides.BOTH
    hold: float | None = None  # seconds, when work is HOLD
    reps: int | None = None  # when work is REPS: the target (a range's bottom as written)
    rep_range: tuple[int, int] | None = None  # reps: "8-12" -> (8, 12)
    duration: float | None = None  # seconds, when work is DURATION
    tempo: tuple[TempoPhase, ...] | None = None  # only for REPS; None = self-paced
    rest: float = 30.0  # between sets
    prepare: float = 5.0
    side_switch: float = 5.0
    countdown: int = 3
    cue: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    function: tuple[str, ...] = ()  # knee-flexion, hip-extension, activation, stretch
    load: str | None = None
    catalogue_id: str | None = None
    line: int = 0
    progress: Progress | None = None  # how it grows (COACHING.md section 3)
    log_pain: bool = False  # the rest prompt asks for pain 0-10 after each set
    superset: Superset | None = None  # set when the step is one exercise of a superset
    # Holds and timed work at least this long are marked half-way (HALFWAY_OFF: never).
    halfway: float = HALFWAY_DEFAULT
    # The phase a four-field tempo's rep starts with: LOWER (as written, E-B-C-T) or
    # LIFT (C-T-E-B: a curl or a bridge); None: as written. A tempo list is performed
    # in its own order whatever this says.
    start: TempoKind | None = None
    # Where each of PACING_KEYS came from, for show; a key not named is Origin.FORMAT.
    origins: tuple[tuple[str, Origin], ...] = ()

    def origin(self, key: str) -> Origin:
        """Where the pacing value ``key`` (one of PACING_KEYS) came from."""
        return dict(self.origins).get(key, Origin.FORMAT)


Step = CueStep | RestStep | ExerciseStep


@frozen
class Session:
    """A whole, valid session."""

    id: str  # file stem for files; the built-in id for shipped sessions
    name: str
    steps: tuple[Step, ...]
    description: str = ""
    tags: tuple[str, ...] = ()
    defaults: Defaults = field(default_factory=Defaults)
    version: int = 1
    source: Path | None = None
    sha256: str = ""  # of the file's bytes; the history records it
    # Sound name (see hamstring_coach.plan.timeline.Sound values) -> WAV file chosen by
    # the session file's optional `sounds:` mapping (issue 4 extension).
    sounds: tuple[tuple[str, Path], ...] = ()
    # Set on a prescription (plan.progression): the session as its file is written,
    # whose progress rules the next prescription is replayed from.
    written: Session | None = None

    @property
    def as_written(self) -> Session:
        """The session as its file is written (itself, unless it is a prescription)."""
        return self.written if self.written is not None else self

    @property
    def progresses(self) -> bool:
        """True when an exercise has a ``progress:`` rule (as written): the history matters."""
        return any(isinstance(step, ExerciseStep) and step.progress is not None
                   for step in self.as_written.steps)
