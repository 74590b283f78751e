"""Finding and loading the programme: the user's, a built-in example, or a path.

``PROGRAMME`` on the command line is a path, or the id of a built-in
example (``twelve-weeks``, ``desk-daily``: the files in ``programmes/``);
without it, ``programme.yaml`` in the config folder. Session ids in it are
checked against every id ``list`` shows.
"""

from __future__ import annotations

from pathlib import Path

from hamstring_coach.format.errors import SessionFileError
from hamstring_coach.format.programme import Programme, deload_sets, load_programme
from hamstring_coach.run import library
from hamstring_coach.system import paths
from hamstring_coach.system.records import frozen


class ProgrammeNotFoundError(LookupError):
    """No programme file where one was asked for; the message says what to do."""


def builtin_programmes() -> dict[str, Path]:
    """Built-in example programme id -> file, sorted by id."""
    found: dict[str, Path] = {}
    try:
        candidates = sorted(paths.builtin_programmes_dir().iterdir())
    except OSError:
        return found
    for path in candidates:
        if path.suffix in library.SUFFIXES and path.is_file():
            found[path.stem] = path
    return found


def resolve(spec: str | None) -> Path:
    """The programme file ``spec`` names (None: the user's ``programme.yaml``)."""
    if spec is None:
        path = paths.programme_file()
        if not path.exists():
            examples = ", ".join(builtin_programmes()) or "none"
            raise ProgrammeNotFoundError(
                f"no programme yet: write one at {path} (built-in examples to start from: "
                f"{examples}; see: hamstring-coach programme twelve-weeks)")
        return path
    builtin = builtin_programmes()
    path = Path(spec).expanduser()
    if spec in builtin and not path.exists():
        return builtin[spec]
    if path.exists():
        return path
    raise ProgrammeNotFoundError(f"no such programme file: {spec} (built-in examples: "
                                 f"{', '.join(builtin) or 'none'})")


def load(spec: str | None) -> Programme:
    """Resolve and load a programme (ProgrammeNotFoundError, SessionFileError)."""
    return load_programme(resolve(spec), library.known_ids())


def user_programme() -> Programme | None:
    """The user's programme, or None when there is none or it is broken (for the picker)."""
    try:
        return load(None)
    except (ProgrammeNotFoundError, SessionFileError, OSError):
        return None


@frozen
class SessionInfo:
    """What the programme commands show of a session: its name, length, sets per function."""

    id: str
    name: str
    length: float | None  # None when the file is broken
    waits: int
    tags: tuple[str, ...]
    sets: dict[str, int]  # working sets per function (a set of both sides counts once)
    deload_sets: dict[str, int]  # the same in a deload week (half the sets, rounded up)
    problem: str | None = None


def session_info(session_id: str) -> SessionInfo:
    """Load and compile one session of a programme."""
    from hamstring_coach.format.model import ExerciseStep
    try:
        timeline = library.load_timeline(session_id)
        session = timeline.session
    except (library.SessionNotFoundError, SessionFileError) as error:
        return SessionInfo(session_id, session_id, None, 0, (), {}, {}, str(error))
    sets: dict[str, int] = {}
    deload: dict[str, int] = {}
    for step in session.steps:
        if isinstance(step, ExerciseStep):
            for function in step.function:
                sets[function] = sets.get(function, 0) + step.sets
                deload[function] = deload.get(function, 0) + deload_sets(step.sets)
    return SessionInfo(session.id, session.name, timeline.total, timeline.waits, session.tags,
                       sets, deload)


SETS_GUIDANCE = (10, 20)  # working sets a week per guided function (exercises.md)
SESSIONS_GUIDANCE = (1, 3)  # strength sessions a week
GUIDED = ("hip-extension", "knee-flexion")
STRENGTH_TAG = "strength"


@frozen
class CheckResult:
    """``programme check``: a normal week's prescription against the guidance."""

    sets: dict[str, int]  # working sets a normal week, per guided function (strength sessions)
    deload_sets: dict[str, int]  # the same in a deload week
    sessions: int  # strength sessions a normal week
    other_sessions: int  # the other sessions a week (activation, desk breaks, stretches)
    warnings: tuple[str, ...]
    notes: tuple[str, ...]


def check(programme: Programme, infos: dict[str, SessionInfo]) -> CheckResult:
    """The working sets a week per function and the sessions a week, against the guidance.

    Only sessions tagged ``strength`` count as training (their sets and their
    number): activation, stretch and desk sessions are light work the guidance
    is not about, however often they are done. Deload weeks are lighter on
    purpose and are reported, not warned about.
    """
    sets = dict.fromkeys(GUIDED, 0)
    deload = dict.fromkeys(GUIDED, 0)
    strength = other = 0
    warnings: list[str] = []
    notes: list[str] = []
    for sid, count in programme.per_week().items():
        info = infos[sid]
        if info.problem is not None:
            warnings.append(f"{sid}: cannot be loaded, so it is not counted ({info.problem})")
            continue
        if STRENGTH_TAG not in info.tags:
            other += count
            continue
        strength += count
        for function in GUIDED:
            sets[function] += count * info.sets.get(function, 0)
            deload[function] += count * info.deload_sets.get(function, 0)
    if strength == 0:
        notes.append("No strength session (tagged strength): the 10-20 working sets and "
                     "1-3 sessions a week are guidance for strength training, so there is "
                     "nothing to check; pair it with a strength programme for those.")
        return CheckResult(sets, deload, 0, other, tuple(warnings), tuple(notes))
    low, high = SETS_GUIDANCE
    for function in GUIDED:
        if sets[function] < low:
            warnings.append(f"{function}: {sets[function]} working sets a week, below the "
                            f"{low}-{high} the guidance asks for")
        elif sets[function] > high:
            warnings.append(f"{function}: {sets[function]} working sets a week, above the "
                            f"{low}-{high} the guidance asks for")
    low, high = SESSIONS_GUIDANCE
    if not low <= strength <= high:
        side = "below" if strength < low else "above"
        warnings.append(f"{strength} strength sessions a week, {side} the {low}-{high} "
                        "the guidance asks for")
    if programme.deload:
        weeks = ", ".join(str(w) for w in sorted(programme.deload))
        notes.append(f"Deload weeks {weeks}: " + ", ".join(
            f"{deload[f]} {f}" for f in GUIDED) + " working sets (half the sets, on purpose)")
    return CheckResult(sets, deload, strength, other, tuple(warnings), tuple(notes))
