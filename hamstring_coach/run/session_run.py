"""One run of a session: the engine plus where its events go.

:class:`SessionRun` owns the engine and routes every event it produces: due
sounds to the player (dropping any that are stale, say after a late tick or
a sleep), every event to the history recorder and the ``--events`` log, and
the finished sets into a :class:`RunSummary` for the summary screen. It
imports no Textual, so the routing is tested on its own; the session screen
only calls :meth:`SessionRun.advance` and the controls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field, replace

from hamstring_coach.engine.events import Event, Finished, PhaseStarted, SetEnded, SoundDue
from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.plan.timeline import Phase, PhaseKind, Side, Timeline
from hamstring_coach.run.actuals import Actuals, PastSet
from hamstring_coach.run.eventlog import EventLog
from hamstring_coach.run.ports import Player, Recorder, RunStatus
from hamstring_coach.run.speech import speech_for
from hamstring_coach.system.records import frozen

STALE_SOUND = 0.3  # real seconds: a sound later than this is dropped, not played late


class DeferredRecorder:
    """A Recorder opened a moment later: events wait in a list until :meth:`open`.

    Opening the history (SQLite, a write and an fsync) is left until the
    first frame is on screen, so a slow disk never delays the countdown
    appearing; what happened meanwhile is handed over in order.
    """

    def __init__(self, factory: Callable[[], Recorder]) -> None:
        self._factory = factory
        self._real: Recorder | None = None
        self._waiting: list[Event] = []

    @property
    def warning(self) -> str | None:
        """The real recorder's warning (None until it is open)."""
        return None if self._real is None else self._real.warning

    @property
    def saved(self) -> bool:
        """False when the real recorder could not save the history."""
        return self._real is None or self._real.saved

    def open(self) -> Recorder:
        """Open the real recorder (once) and give it the events so far."""
        if self._real is None:
            self._real = self._factory()
            for event in self._waiting:
                self._real.record(event)
            self._waiting.clear()
        return self._real

    def record(self, event: Event) -> None:
        """Record now, or keep the event until the recorder is open."""
        if self._real is None:
            self._waiting.append(event)
        else:
            self._real.record(event)

    def close(self, *, status: RunStatus) -> None:
        """Open if not yet open (so the run is on record), then close."""
        self.open().close(status=status)

    def log_set(self, key: tuple[int, int, Side | None], values: Actuals) -> None:
        """Store what was done in a set, when the real recorder keeps that (the history)."""
        self.open().log_set(key, values)

    def past_set(self, exercise: str, set_no: int, side: str | None) -> PastSet | None:
        """Last time's figures for this set (None until open, or when none)."""
        return None if self._real is None else self._real.past_set(exercise, set_no, side)


@frozen
class ExerciseTally:
    """Sets of one exercise step as the summary was taken: done (every side completed), planned."""

    name: str
    planned: int
    done: int = 0

    @property
    def skipped(self) -> int:
        """Sets not done (skipped outright, part-skipped or never reached)."""
        return self.planned - self.done


@frozen
class EndedSet:
    """A set of this run as the summary lists it (the sides of an each-side set together)."""

    step_index: int
    set_no: int
    set_count: int
    exercise: str
    sides: tuple[Side | None, ...]
    reps: int | None  # planned (engine-counted when the set completed)
    seconds: float  # work time done (of the last side)
    load: str | None
    skipped: bool
    self_paced: bool  # a set of reps with no tempo: its reps are the user's to say
    log_pain: bool
    last_of_exercise: bool  # no rest prompt after it: entered on the summary
    logged: Actuals = field(default_factory=Actuals)


@frozen
class RunSummary:
    """What the summary screen shows."""

    session_name: str
    exercises: tuple[ExerciseTally, ...]
    total_time: float  # clock seconds from start to end, pauses included
    # (done_time also counts time spent in waits; see Engine's accounting notes)
    done_time: float
    skipped_time: float
    paused_time: float
    finished: bool
    history_warning: str | None = None  # the history could not be saved, or was made again
    sets: tuple[EndedSet, ...] = ()  # every set that ended, in order


@frozen
class StartRequest:
    """A session to start: its timeline, what the user typed, where to begin."""

    timeline: Timeline
    spec: str
    start_index: int = 0
    resumed_from: int | None = None  # the history run this one continues


def _planned(timeline: Timeline) -> dict[int, ExerciseTally]:
    """Every exercise step's tally with nothing done yet, by step index."""
    tallies: dict[int, ExerciseTally] = {}
    for phase in timeline.phases:
        if phase.exercise is not None and phase.step_index not in tallies:
            tallies[phase.step_index] = ExerciseTally(phase.exercise.name,
                                                      phase.position.set_count)
    return tallies


class SessionRun:
    """The engine of one session run, wired to a player, a recorder and an event log."""

    def __init__(self, engine: Engine, *, clock: Callable[[], float], player: Player,
                 recorder: Recorder, event_log: EventLog | None = None, speed: float = 1.0,
                 on_event: Callable[[Event], None] | None = None) -> None:
        self.engine = engine
        self.clock = clock  # the engine's clock
        self.player = player
        self.recorder = recorder
        self.event_log = event_log
        self.speed = speed
        self.on_event = on_event
        self.closed_status: RunStatus | None = None
        self._planned = _planned(engine.timeline)
        self._done: dict[int, int] = {}  # the live count: sets done, by step index
        self._set_sides: dict[tuple[int, int], bool] = {}
        self._ended: dict[tuple[int, int], EndedSet] = {}  # (step, set) -> the set so far
        # (step, set) of each rest between sets: the set before it is logged there
        self._rests = frozenset((p.step_index, p.position.set_no) for p in engine.timeline.phases
                                if p.kind is PhaseKind.REST and p.exercise is not None)

    @property
    def timeline(self) -> Timeline:
        """The timeline being run."""
        return self.engine.timeline

    @property
    def finished(self) -> bool:
        """True once the last phase ended."""
        return self.engine.state is EngineState.FINISHED

    def advance(self) -> list[Event]:
        """Advance the engine to now and route what happened; returns the events."""
        events = self.engine.advance()
        for event in events:
            self._route(event)
        return events

    def _route(self, event: Event) -> None:
        if isinstance(event, SoundDue | PhaseStarted | Finished):
            fresh = self._fresh(event.at, event.scheduled)
            if isinstance(event, SoundDue) and fresh:
                self.player.play(event.sound)
            words = speech_for(event)
            if words and fresh:
                self.player.say(words)
        elif isinstance(event, SetEnded):
            self._count_set(event)
        self.recorder.record(event)
        if self.event_log is not None:
            self.event_log.write(event)
        if self.on_event is not None:
            self.on_event(event)
        if isinstance(event, Finished):
            self.close(RunStatus.FINISHED)

    def _fresh(self, at: float, scheduled: float) -> bool:
        """Not more than STALE_SOUND real seconds late (the clock may run ``speed`` x)."""
        return (at - scheduled) / self.speed <= STALE_SOUND

    def _count_set(self, event: SetEnded) -> None:
        tally = self._planned.get(event.step_index)
        if tally is None:
            return
        key = (event.step_index, event.set_no)
        # A set is done when every side of it ran to the end.
        ok = self._set_sides.get(key, True) and not event.skipped
        self._set_sides[key] = ok
        last_side = event.side is None or event.side is Side.RIGHT
        if last_side and ok:
            self._done[event.step_index] = min(tally.planned,
                                               self._done.get(event.step_index, 0) + 1)
        old = self._ended.pop(key, None)
        sides = old.sides if old is not None and event.side not in old.sides else ()
        phase = self._set_phase(event)
        self._ended[key] = EndedSet(
            step_index=event.step_index, set_no=event.set_no, set_count=event.set_count,
            exercise=event.exercise, sides=(*sides, event.side), reps=event.reps,
            seconds=event.seconds, load=event.load, skipped=not ok,
            self_paced=phase is not None and phase.kind is PhaseKind.SET,
            log_pain=phase is not None and phase.exercise is not None
            and phase.exercise.log_pain,
            last_of_exercise=(event.step_index, event.set_no + 1) not in self._rests,
            logged=old.logged if old is not None else Actuals())

    def _set_phase(self, event: SetEnded) -> Phase | None:
        for phase in self.timeline.phases:
            if (phase.step_index, phase.position.set_no, phase.position.side, phase.ends_set) == (
                    event.step_index, event.set_no, event.side, True):
                return phase
        return None

    def ended_set(self, step_index: int, set_no: int) -> EndedSet | None:
        """The set (all its sides that ended) of this run, or None if it has not ended."""
        return self._ended.get((step_index, set_no))

    def log(self, step_index: int, set_no: int, values: Actuals) -> None:
        """Keep what was done in a set (every side of it) and store it in the history."""
        ended = self._ended.get((step_index, set_no))
        if ended is None:
            return

        self._ended[(step_index, set_no)] = replace(ended, logged=values)
        for side in ended.sides:
            self.recorder.log_set((step_index, set_no, side), values)

    def previous(self, exercise: str, set_no: int, side: str | None) -> PastSet | None:
        """What was done in this set last time (from the history), if known."""
        return self.recorder.past_set(exercise, set_no, side)

    def summary(self) -> RunSummary:
        """The run so far, for the summary screen."""
        engine = self.engine
        return RunSummary(
            session_name=self.timeline.session.name,
            exercises=tuple(replace(self._planned[i], done=self._done.get(i, 0))
                            for i in sorted(self._planned)),
            total_time=engine.elapsed(),
            done_time=engine.done_time,
            skipped_time=engine.skipped_time,
            paused_time=engine.paused_time,
            finished=self.finished,
            history_warning=self.recorder.warning,
            sets=tuple(self._ended.values()),
        )

    def close(self, status: RunStatus) -> None:
        """Close the recorder (once) with ``finished``, ``quit`` or ``crashed``, and the log."""
        if self.closed_status is not None:
            return
        self.closed_status = status
        self.recorder.close(status=status)
        if self.event_log is not None:
            self.event_log.close()
