"""The engine: runs a :class:`Timeline` against a clock and says what happened.

Pure: no Textual, no I/O, no sleeping; time comes from the ``clock`` passed in
(``time.monotonic`` in the app, a ``FakeClock`` in tests). Nothing is counted per tick: the
current phase keeps an *anchor*, the clock time it started, moved on by pauses; its deadline
is ``anchor + duration``. :meth:`Engine.advance` compares that with the clock and reports
every transition and sound since the last call with the exact clock time the schedule set for
it (``scheduled``), however late the call: a phase that ends on time hands its deadline to the
next one as its anchor.

Controls first bring the engine up to the clock, then change its state at once; the events
they cause come out of the next ``advance()``. Accessors describe the engine as of the last
``advance()`` or control, so a paused screen stands still. Semantics decided here:

- ``back()``: more than :data:`BACK_THRESHOLD` (2 s) into the phase, to its start; otherwise
  to the previous phase (the first phase restarts). Back and restart begin a fresh visit at
  the scheduled length (an ``adjust`` is dropped). Controls while paused stay paused.
- ``adjust(±s)``: never leaves less than :data:`MIN_REMAINING` (1 s), does nothing when less
  is left; no upper bound. Ticks move with the end (:mod:`hamstring_coach.engine.visit`).
- ``continue_()`` ends a wait only while WAITING (a paused wait resumes first).
- A skip ends the phase with ``PhaseEnded(skipped=True)``; each phase ``skip_exercise()``
  passes over gets a ``PhaseEnded`` too (done 0, skipped its length) but no ``PhaseStarted``;
  sets whose end is passed get ``SetEnded(skipped=True)``
  (:mod:`hamstring_coach.engine.sets`).
- Nothing sounds while paused: offset-0 cues of a phase entered while paused come after
  ``Resumed``.
- A ``lead_in`` (a resumed run's get-ready, not in the timeline) runs before ``start_index``:
  skip and its end go on to that phase, back and restart begin it again; it counts in
  ``planned_time`` like a phase.

Accounting, in seconds, as of the last ``advance()``. "Time done + time skipped + time paused
adds up to the clock" holds as two balances:

1. Clock: ``done_time + paused_time == elapsed()`` (clock time since the start, up to
   ``Finished``). ``done_time`` is time in phases, running or waiting; ``wait_time`` is the
   part of it in waits.
2. Plan: ``(done_time - wait_time) + skipped_time + session_remaining() == planned_time``.
   ``skipped_time`` is scheduled time skipped over; ``planned_time`` is the timeline's length
   from ``start_index``, moved by each ``adjust`` and, on back/restart, by the scheduled time
   put back ahead (the phases returned to, less the unrun rest of the one left). With no
   back/adjust it stays ``timeline.total``.

Visits already ended are booked in :mod:`hamstring_coach.engine.ledger`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

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
from hamstring_coach.engine.ledger import Ledger, VisitEnd
from hamstring_coach.engine.schedule import Schedule
from hamstring_coach.engine.sets import SetBook
from hamstring_coach.engine.visit import Visit
from hamstring_coach.plan.timeline import Phase, Timeline

BACK_THRESHOLD = 2.0  # seconds into a phase after which back() restarts it
MIN_REMAINING = 1.0  # adjust() never leaves less than this in a phase


class EngineState(StrEnum):
    """What the engine is doing."""

    RUNNING = "running"  # a timed phase is counting down
    PAUSED = "paused"
    WAITING = "waiting"  # a wait phase: ends on continue_()
    FINISHED = "finished"


class Engine:
    """A state machine over a timeline, driven by an injected clock (see module docs)."""

    def __init__(self, timeline: Timeline, clock: Callable[[], float], *,
                 start_index: int = 0, lead_in: Phase | None = None) -> None:
        phases = timeline.phases
        if not 0 <= start_index <= len(phases):
            raise ValueError(f"start_index {start_index} is outside 0..{len(phases)}")
        self.timeline = timeline
        self._phases = phases
        self._clock = clock
        self._schedule = Schedule(timeline)
        self._sets = SetBook(timeline)
        self._pending: list[Event] = []
        self._start = clock()
        self._now = self._start
        self._finished_at: float | None = None
        self._paused_reason: PauseReason | None = None
        self._ledger = Ledger()  # the time of visits already ended
        lead_in = lead_in if start_index < len(phases) else None  # nothing to lead into
        self.planned_time = (self._schedule.total - self._schedule.start(start_index)
                             + (lead_in.duration or 0.0 if lead_in is not None else 0.0))
        """Schedule to run: timeline length from start_index, +lead-in, +adjustments, +repeats."""
        self._index = start_index
        self._visit: Visit | None = None
        self._leading = False  # the visit is the lead-in, before phase ``_index``
        self._enter(start_index, anchor=self._start, at=self._start, lead_in=lead_in)

    # --- state ------------------------------------------------------------------------

    @property
    def index(self) -> int:
        """The current phase's index (``len(phases)`` once finished)."""
        return self._index

    @property
    def phase(self) -> Phase | None:
        """The current phase (the lead-in while it runs), None once finished."""
        return self._visit.phase if self._visit is not None else None

    @property
    def leading_in(self) -> bool:
        """True while the lead-in runs (``index`` is then the phase it leads into)."""
        return self._leading

    def _following(self) -> int:
        """The phase after the current one: the one the lead-in leads into, or the next."""
        return self._index if self._leading else self._index + 1

    @property
    def state(self) -> EngineState:
        """RUNNING, PAUSED, WAITING (a wait, not paused) or FINISHED."""
        visit = self._visit
        if visit is None:
            return EngineState.FINISHED
        if visit.paused_at is not None:
            return EngineState.PAUSED
        return EngineState.WAITING if visit.duration is None else EngineState.RUNNING

    @property
    def paused_reason(self) -> PauseReason | None:
        """Why the session is paused, None while it is not."""
        return self._paused_reason

    @property
    def started_at(self) -> float:
        """The clock reading when the engine started."""
        return self._start

    @property
    def finished_at(self) -> float | None:
        """The clock time the session ended (scheduled end, or the skip), None before."""
        return self._finished_at

    def elapsed(self) -> float:
        """Clock time since the start, up to the last advance() or to the finish."""
        end = self._finished_at if self._finished_at is not None else self._now
        return end - self._start

    @property
    def done_time(self) -> float:
        """Clock time spent in phases, running or waiting (not paused)."""
        return self._ledger.done + self.phase_elapsed()

    @property
    def wait_time(self) -> float:
        """The part of ``done_time`` spent in waits."""
        current = self.phase_elapsed() if self.phase_duration() is None else 0.0
        return self._ledger.wait + current

    @property
    def skipped_time(self) -> float:
        """Scheduled time skipped over (the rest of skipped phases, whole passed-over ones)."""
        return self._ledger.skipped

    @property
    def paused_time(self) -> float:
        """Clock time spent paused (including time the machine slept)."""
        paused_at = self._visit.paused_at if self._visit is not None else None
        return self._ledger.paused + (self._now - paused_at if paused_at is not None else 0.0)

    def phase_elapsed(self) -> float:
        """Seconds into the current phase, pauses excluded (0 once finished)."""
        return self._visit.elapsed(self._now) if self._visit is not None else 0.0

    def phase_duration(self) -> float | None:
        """The current phase's length after adjustments; None for waits and once finished."""
        return self._visit.duration if self._visit is not None else None

    def remaining(self) -> float | None:
        """Seconds left in the current timed phase (deadline - now); None for waits/finished."""
        duration = self.phase_duration()
        if duration is None:
            return None
        return max(duration - self.phase_elapsed(), 0.0)

    def session_elapsed(self) -> float:
        """Where we are in the timeline's timed length (a phase counts up to its schedule)."""
        if self._visit is None:
            return self._schedule.total
        scheduled = self._visit.phase.duration or 0.0
        if self._leading:  # not in the timeline's length: the session has not moved on
            return self._schedule.start(self._index)
        return self._schedule.start(self._index) + min(self.phase_elapsed(), scheduled)

    def session_remaining(self) -> float:
        """Timed length still ahead, including the rest of the current phase."""
        if self._visit is None:
            return 0.0
        ahead = self._schedule.after(self._following() - 1)
        return (self.remaining() or 0.0) + ahead

    def next_phase(self) -> Phase | None:
        """The phase after the current one, if any."""
        following = self._following()
        return self._phases[following] if following < len(self._phases) else None

    def next_exercise_phase(self) -> Phase | None:
        """The first phase of the next step ("what comes next"), if any."""
        if self._visit is None:
            return None
        target = self._schedule.next_step(self._index)
        return self._phases[target] if target < len(self._phases) else None

    # --- running ----------------------------------------------------------------------

    def advance(self) -> list[Event]:
        """Read the clock; return everything that happened since the last call, in order."""
        self._sync(self._clock())
        events, self._pending = self._pending, []
        return events

    def _sync(self, until: float, at: float | None = None) -> None:
        """Run the schedule up to clock time ``until`` (noticed at ``at``, default until)."""
        until = max(until, self._now)
        noticed = until if at is None else at
        while (visit := self._visit) is not None and visit.paused_at is None:
            deadline = visit.deadline
            limit = until if deadline is None else min(until, deadline)
            for scheduled, sound in visit.due(limit):
                self._pending.append(SoundDue(sound, self._index, noticed, scheduled))
            if deadline is None or deadline > until:
                break
            self._leave(VisitEnd.COMPLETED, end=deadline, at=noticed)
            self._enter(self._following(), anchor=deadline, at=noticed)
        self._now = until

    def _tick(self) -> Visit | None:
        """Bring the engine up to the clock before a control; the current visit, if any."""
        self._sync(self._clock())
        return self._visit

    def _enter(self, index: int, *, anchor: float, at: float,
               lead_in: Phase | None = None) -> None:
        """Start a visit of phase ``index`` (or of ``lead_in`` before it) at clock time
        ``anchor``, or finish."""
        self._index = index
        self._leading = lead_in is not None
        # A pause in force goes on into the new visit.
        paused_at = self._visit.paused_at if self._visit is not None else None
        if lead_in is not None:
            self._visit = Visit(lead_in, anchor, paused_at=paused_at)
            self._pending.append(PhaseStarted(lead_in, at, anchor))
            return
        if index >= len(self._phases):
            self._visit = None
            self._paused_reason = None
            self._finished_at = anchor
            for sound in self.timeline.final_sounds:
                self._pending.append(SoundDue(sound, index, at, anchor))
            self._pending.append(Finished(at, anchor))
            return
        self._visit = Visit(self._phases[index], anchor, paused_at=paused_at)
        self._pending.append(PhaseStarted(self._visit.phase, at, anchor))

    def _leave(self, how: VisitEnd, *, end: float, at: float) -> None:
        """End the current visit at clock time ``end``: account for it and report it."""
        visit = self._visit
        assert visit is not None
        phase = visit.phase
        done, skipped = self._ledger.close(visit, how, end=end)
        self._pending.append(PhaseEnded(phase, at, end, how is not VisitEnd.COMPLETED, done,
                                        skipped))
        self._sets.record(phase, done, completed=how is VisitEnd.COMPLETED)
        if phase.ends_set and how is not VisitEnd.BACK:
            self._end_set(phase, at=at, skipped=how is VisitEnd.SKIPPED)

    def _end_set(self, phase: Phase, *, at: float, skipped: bool) -> None:
        ended = self._sets.end(phase, at=at, skipped=skipped)
        if ended is not None:
            self._pending.append(ended)

    # --- controls ---------------------------------------------------------------------

    def pause(self, reason: PauseReason = PauseReason.USER) -> None:
        """Pause (no-op when paused or finished); the schedule waits."""
        visit = self._tick()
        if visit is not None and visit.paused_at is None:
            visit.paused_at = self._now
            self._paused_reason = reason
            self._pending.append(Paused(reason, self._now, self._now))

    def resume(self) -> None:
        """Resume after a pause: the deadline moves on by the time paused."""
        visit = self._tick()
        if visit is not None and visit.paused_at is not None:
            self._ledger.paused += visit.resume(self._now)
            self._paused_reason = None
            self._pending.append(Resumed(self._now, self._now))

    def toggle_pause(self) -> None:
        """Pause when running or waiting, resume when paused."""
        if self.state is EngineState.PAUSED:
            self.resume()
        else:
            self.pause()

    def suspended(self, since: float) -> None:
        """The machine slept: pause (reason SUSPEND) as of clock time ``since``.

        ``since`` is the engine clock at the last tick before the gap, so the
        gap counts as paused time. Call it before ``advance()`` on the tick
        the sleep is noticed: what an earlier ``advance()`` already reported
        cannot be taken back, so ``since`` is never earlier than that call.
        """
        now = max(self._clock(), self._now)
        since = min(max(since, self._now), now)
        self._sync(since, at=now)
        if self._visit is not None and self._visit.paused_at is None:
            self._visit.paused_at = since
            self._paused_reason = PauseReason.SUSPEND
            self._pending.append(Paused(PauseReason.SUSPEND, now, since))
        self._sync(now)

    def continue_(self) -> None:
        """End the current wait (untimed cue, self-paced set); no-op unless WAITING."""
        self._tick()
        if self.state is EngineState.WAITING:
            self._leave(VisitEnd.COMPLETED, end=self._now, at=self._now)
            self._enter(self._following(), anchor=self._now, at=self._now)

    def skip_phase(self) -> None:
        """Skip the rest of the current phase."""
        self._skip_to(lambda index: self._following())

    def skip_exercise(self) -> None:
        """Skip to the first phase of the next step."""
        self._skip_to(self._schedule.next_step)

    def _skip_to(self, target_of: Callable[[int], int]) -> None:
        if self._tick() is None:
            return
        now, target = self._now, target_of(self._index)
        self._leave(VisitEnd.SKIPPED, end=now, at=now)
        for phase in self._phases[self._following():target]:  # passed over, never entered
            self._ledger.skipped += phase.duration or 0.0
            self._pending.append(PhaseEnded(phase, now, now, True, 0.0, phase.duration or 0.0))
            if phase.ends_set:
                self._end_set(phase, at=now, skipped=True)
        self._enter(target, anchor=now, at=now)

    def back(self) -> None:
        """Back to the start of this phase if more than 2 s in, else to the previous phase."""
        if self._tick() is not None:
            stay = self.phase_elapsed() > BACK_THRESHOLD or self._index == 0 or self._leading
            self._go_back(self._index if stay else self._index - 1)

    def restart_phase(self) -> None:
        """Start the current phase again from its beginning."""
        if self._tick() is not None:
            self._go_back(self._index)

    def _go_back(self, target: int) -> None:
        # The phases from target up to the current one are ahead again in full,
        # while the unrun rest of the current visit is no longer counted.
        # The lead-in starts again as itself (it is before ``_index``, in no schedule).
        left = self.remaining() or 0.0
        lead_in = self._visit.phase if self._leading and self._visit is not None else None
        again = (lead_in.duration or 0.0 if lead_in is not None
                 else self._schedule.between(target, self._index))
        self.planned_time += again - left
        self._leave(VisitEnd.BACK, end=self._now, at=self._now)
        self._enter(target, anchor=self._now, at=self._now, lead_in=lead_in)

    def adjust(self, seconds: float) -> None:
        """Add (or with a negative value take) time to the current timed phase."""
        visit = self._tick()
        if visit is not None:
            self.planned_time += visit.adjust(seconds, self._now, MIN_REMAINING)
