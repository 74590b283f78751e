"""A plain training log (CSV, one row per set) read as finished runs of known sessions.

The contract is COACHING.md section 1: a header row naming at least
``started_at`` (ISO 8601 with a UTC offset: the run's start), ``session`` (a
session id as ``list`` shows it), ``exercise`` (its name as the session shows
it) and ``set`` (1, 2, ...; ``set_no`` is taken too, as ``history --format csv``
writes it), and optionally ``side``, ``reps_done``, ``load_done``, ``rir``,
``pain``, ``note`` and ``skipped`` (``yes``/``no``; ``true``/``false`` too).
Other columns are ignored. Rows with the same ``started_at`` and ``session``
form one finished run of that session, as if it had been run then: each
set's plan (reps, seconds, load) comes from the session file, its time from
where the set ends in the session. A row without ``side`` for an each-side
exercise stands for both sides. Any problem is a :class:`LogError` naming
the line; nothing is half read.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

from hamstring_coach.history.records import HistoryData, RunRecord, SetRecord
from hamstring_coach.plan.timeline import Phase, PhaseKind, Timeline
from hamstring_coach.run.actuals import FIELDS, check_field
from hamstring_coach.system.records import frozen

REQUIRED = ("started_at", "session", "exercise", "set")
IMPORT_HOST = "import"  # the host of a run read from a log (no process ran it)
_YES = {"yes": True, "no": False, "true": True, "false": False, "": False}
_WORK = frozenset({PhaseKind.HOLD, PhaseKind.WORK, PhaseKind.SET, PhaseKind.LOWER,
                   PhaseKind.PAUSE, PhaseKind.LIFT})


class LogError(ValueError):
    """A problem at one line of the log (``line`` 1 is the header)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@frozen
class _Planned:
    """One set (per side) of a session as the timeline plans it."""

    step_index: int
    phase: Phase  # its last work phase
    reps: int | None
    seconds: float


def _plan(timeline: Timeline) -> dict[tuple[str, int, str | None], _Planned]:
    """(exercise name folded, set_no, side) -> the set's plan; the first step of a name wins."""
    found: dict[tuple[str, int, str | None], _Planned] = {}
    owner: dict[str, int] = {}
    seconds: dict[tuple[int, int, str | None], float] = {}
    for phase in timeline.phases:
        at = phase.position
        if phase.kind not in _WORK or phase.exercise is None or at.set_no == 0:
            continue
        name = phase.exercise.name.casefold()
        if owner.setdefault(name, phase.step_index) != phase.step_index:
            continue
        side = None if at.side is None else str(at.side)
        where = (phase.step_index, at.set_no, side)
        seconds[where] = seconds.get(where, 0.0) + (phase.duration or 0.0)
        reps = at.rep_count or None
        if phase.kind is PhaseKind.SET:
            step = timeline.session.steps[phase.step_index]
            reps = getattr(step, "reps", None)
        found[(name, at.set_no, side)] = _Planned(phase.step_index, phase, reps, seconds[where])
    return found


class _Sessions:
    """Sessions by id, loaded and compiled once each."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Timeline, dict[tuple[str, int, str | None], _Planned]]] = {}

    def get(self, spec: str, line: int) -> tuple[Timeline, dict[tuple[str, int, str | None],
                                                                  _Planned]]:
        if spec not in self._cache:
            from hamstring_coach.format.errors import SessionFileError
            from hamstring_coach.plan.compiler import compile_session
            from hamstring_coach.run import library

            if spec not in library.known_ids():
                raise LogError(line, f'session: no session called "{spec}" '
                                     '("hamstring-coach list" shows every session)')
            try:
                timeline = compile_session(library.load(spec))
            except (SessionFileError, library.SessionNotFoundError) as error:
                raise LogError(line, f'session "{spec}" cannot be read: '
                                     f"{str(error).splitlines()[0]}") from None
            self._cache[spec] = (timeline, _plan(timeline))
        return self._cache[spec]


def _cell(row: dict[str, str], name: str) -> str:
    return (row.get(name) or "").strip()


def _started(text: str, line: int) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise LogError(line, f"started_at: expected a time such as 2026-12-01T18:00:00+01:00, "
                             f"got {text!r}") from None
    if moment.tzinfo is None:
        raise LogError(line, f"started_at: the time needs a UTC offset (+01:00 or Z), "
                             f"got {text!r}")
    return moment


def read_log(text: str) -> HistoryData:
    """The log's runs (ids -1, -2, ... in file order) and their sets; LogError on a bad line."""
    reader = csv.reader(io.StringIO(text))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise LogError(1, "empty file: expected a header row naming "
                          + ", ".join(REQUIRED)) from None
    except csv.Error as error:
        raise LogError(1, f"not CSV: {error}") from None
    if "set" not in header and "set_no" in header:
        header[header.index("set_no")] = "set"
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise LogError(1, "the header row must name " + ", ".join(REQUIRED)
                       + "; missing " + ", ".join(missing))
    sessions = _Sessions()
    runs: dict[tuple[str, str], RunRecord] = {}
    sets: list[SetRecord] = []
    seen: dict[tuple[int, int, int, str | None], int] = {}
    try:
        for raw in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in raw):
                continue
            if len(raw) > len(header):
                raise LogError(line, f"{len(raw)} cells, the header names {len(header)}")
            row = dict(zip(header, raw, strict=False))
            sets.extend(_row(row, line, sessions, runs, seen))
    except csv.Error as error:
        raise LogError(reader.line_num, f"not CSV: {error}") from None
    return HistoryData(runs=tuple(runs.values()), sets=tuple(sets))


def _row(row: dict[str, str], line: int, sessions: _Sessions,
         runs: dict[tuple[str, str], RunRecord],
         seen: dict[tuple[int, int, int, str | None], int]) -> list[SetRecord]:
    for name in REQUIRED:
        if not _cell(row, name):
            raise LogError(line, f"{name}: a value is required")
    started = _started(_cell(row, "started_at"), line)
    spec = _cell(row, "session")
    timeline, plan = sessions.get(spec, line)
    run = _run_for(runs, started, spec, timeline)
    exercise = _cell(row, "exercise")
    set_text = _cell(row, "set")
    if not set_text.isascii() or not set_text.isdigit() or int(set_text) < 1:
        raise LogError(line, f"set: expected a set number 1, 2, ..., got {set_text!r}")
    set_no = int(set_text)
    side = _cell(row, "side").lower() or None
    if side not in (None, "left", "right"):
        raise LogError(line, f"side: expected left or right, got {_cell(row, 'side')!r}")
    folded = exercise.casefold()
    names = {key[0] for key in plan}
    if folded not in names:
        raise LogError(line, f'exercise: session "{spec}" has no exercise "{exercise}"')
    sides = [s for (n, number, s) in plan if n == folded and number == 1]
    each = sides != [None]
    count = plan[(folded, 1, sides[0])].phase.position.set_count
    if set_no > count:
        raise LogError(line, f"set: {exercise} has {count} sets in {spec}, not {set_no}")
    if side is not None and not each:
        raise LogError(line, f"side: {exercise} is not done on each side")
    try:
        logged = {name: check_field(name, _cell(row, name)) for name in FIELDS}
    except ValueError as error:
        raise LogError(line, str(error)) from None
    skipped_text = _cell(row, "skipped").lower()
    if skipped_text not in _YES:
        raise LogError(line, f"skipped: expected yes or no, got {_cell(row, 'skipped')!r}")
    skipped = _YES[skipped_text]
    out: list[SetRecord] = []
    for this_side in ([side] if side is not None or not each else ["left", "right"]):
        planned = plan[(folded, set_no, this_side)]
        key = (run.id, planned.step_index, set_no, this_side)
        if key in seen:
            raise LogError(line, f"set {set_no} of {exercise}"
                                 + (f" ({this_side})" if this_side else "")
                                 + f" is already on line {seen[key]}")
        seen[key] = line
        phase = planned.phase
        ref = phase.exercise
        assert ref is not None  # _plan keeps only phases of an exercise
        out.append(SetRecord(
            id=0, run_id=run.id, step_index=planned.step_index, exercise=ref.name,
            exercise_id=ref.id, function=ref.function, set_no=set_no,
            set_count=phase.position.set_count, side=this_side,
            reps=(0 if skipped else planned.reps) if planned.reps is not None else None,
            seconds=0.0 if skipped else planned.seconds, load=ref.load, skipped=skipped,
            done_at=started + timedelta(seconds=phase.end),
            **logged))  # type: ignore[arg-type]
    return out


def _run_for(runs: dict[tuple[str, str], RunRecord], started: datetime, spec: str,
             timeline: Timeline) -> RunRecord:
    from hamstring_coach.history.recorder import set_layout

    key = (started.isoformat(), spec)
    if key not in runs:
        session = timeline.session
        run_id = -1 - len(runs)
        runs[key] = RunRecord(
            id=run_id, chain_id=run_id, resumed_from=None, resumed=False,
            session_id=session.id, session_name=session.name, session_spec=spec,
            source=None if session.source is None else str(session.source),
            sha256=session.sha256, started_at=started,
            ended_at=started + timedelta(seconds=timeline.total), status="finished",
            start_phase=0, resume_phase=len(timeline.phases), phase_count=len(timeline.phases),
            planned_sets=set_layout(timeline).planned(0), skipped_seconds=0.0, pid=0,
            host=IMPORT_HOST)
    return runs[key]
