"""The replay that turns a session's runs into next time's prescription (pure).

Every rule of COACHING.md section 3, the gate (the wger#2480 case), stalls and
deloads, skipped exercises, sides, resets and programme deload weeks, each
with the one-line reason the user reads.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from hamstring_coach.format import load_session_text
from hamstring_coach.format.model import ExerciseStep, Session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.outcomes import (
    ExerciseOutcome,
    HistoryItem,
    Reset,
    RunOutcome,
    SetOutcome,
    exercise_keys,
)
from hamstring_coach.plan.progression import ExercisePrescription, prescribe
from hamstring_coach.plan.timeline import PhaseKind

DAY0 = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def session(body: str) -> Session:
    return load_session_text("name: P\nsteps:\n" + textwrap.indent(textwrap.dedent(body), "  "),
                             "p.yaml")


RDL = session("""\
    - use: romanian-deadlift
      sets: 3
      reps: 8-12
      load: 40 kg
      progress: {load: +2.5 kg}
""")
KEY = ("Romanian deadlift", 1)


def sets(reps: Sequence[int | None], *, load: str | None = None, rir: int | None = None,
         pain: Sequence[int | None] | None = None, planned: int = 8,
         skipped: Sequence[int] = (), side: str | None = None,
         planned_load: str | None = "40 kg") -> tuple[SetOutcome, ...]:
    """Set rows as the history keeps them: reps_done answers (None: unanswered)."""
    return tuple(
        SetOutcome(set_no=i + 1, side=side, reps=planned, seconds=planned * 6.0,
                   load=planned_load, reps_done=done, load_done=load,
                   rir=rir if i == len(reps) - 1 else None,
                   pain=(pain[i] if pain else None), skipped=(i + 1) in skipped)
        for i, done in enumerate(reps))


def run(day: int, *rows: SetOutcome, key: tuple[str, int] = KEY,
        deload: bool = False) -> RunOutcome:
    return RunOutcome(DAY0 + timedelta(days=day), (ExerciseOutcome(key, tuple(rows)),),
                      deload=deload)


def only(sess: Session, history: Sequence[HistoryItem], **kw: bool) -> ExercisePrescription:
    found = prescribe(sess, history, **kw).exercises
    assert len(found) == 1
    return found[0]


# --- double progression -----------------------------------------------------------------

def test_no_runs_is_the_file_as_written() -> None:
    p = only(RDL, [])
    assert (p.next.reps, p.next.load) == (8, "40 kg")
    assert p.reason == "as written: no run reached it yet"
    assert not p.changed


def test_a_success_adds_a_rep_and_says_why() -> None:
    p = only(RDL, [run(0, *sets([8, 8, 8], rir=2))])
    assert (p.next.reps, p.next.load) == (9, "40 kg")
    assert p.reason == "3 × 9 @ 40 kg: all 3 sets reached 8, last set 2 in reserve"


def test_unanswered_prompts_count_as_done_as_planned() -> None:
    p = only(RDL, [run(0, *sets([None, None, None]))])
    assert p.next.reps == 9
    assert p.reason == "3 × 9 @ 40 kg: all 3 sets reached 8"


def test_wger_2480_sets_one_and_two_at_the_top_and_set_three_not_add_no_load() -> None:
    history = [run(d, *sets([8 + d] * 3, planned=8 + d)) for d in range(4)]  # 8..11 done
    assert only(RDL, history).next.reps == 12
    at_top = [*history, run(9, *sets([12, 12, 11], planned=12))]
    p = only(RDL, at_top)
    assert (p.next.reps, p.next.load) == (12, "40 kg")
    assert p.reason == "stays 3 × 12 @ 40 kg: set 3 reached 11 (stall 1 of 3)"


def test_every_set_at_the_top_adds_the_load_and_goes_back_to_the_bottom() -> None:
    history = [run(d, *sets([8 + d] * 3, planned=8 + d)) for d in range(5)]  # 8..12
    p = only(RDL, history)
    assert (p.next.reps, p.next.load) == (8, "42.5 kg")
    assert p.reason == "3 × 8 @ 42.5 kg: all 3 sets reached 12"
    compiled = compile_session(prescribe(RDL, history).session)
    work = [ph for ph in compiled.phases if ph.kind is PhaseKind.LOWER]
    assert {ph.exercise.load for ph in work if ph.exercise} == {"42.5 kg"}
    assert max(ph.position.rep_count for ph in work) == 8


def test_a_lighter_load_than_prescribed_is_not_a_success() -> None:
    p = only(RDL, [run(0, *sets([8, 8, 8], load="37.5 kg"))])
    assert p.next.reps == 8
    assert p.reason == "stays 3 × 8 @ 40 kg: set 1 was at 37.5 kg (stall 1 of 3)"


def test_a_text_load_answer_counts_as_the_planned_load() -> None:
    assert only(RDL, [run(0, *sets([8, 8, 8], load="the usual"))]).next.reps == 9


def test_a_set_not_done_is_a_stall() -> None:
    p = only(RDL, [run(0, *sets([8, 8]))])  # quit before set 3
    assert p.reason == "stays 3 × 8 @ 40 kg: set 3 was not done (stall 1 of 3)"


def test_a_skipped_set_is_a_stall() -> None:
    p = only(RDL, [run(0, *sets([8, 8, 8], skipped=[2]))])
    assert p.reason == "stays 3 × 8 @ 40 kg: set 2 was skipped (stall 1 of 3)"


# --- the gate -----------------------------------------------------------------------------

def test_the_last_sets_reps_in_reserve_gate() -> None:
    p = only(RDL, [run(0, *sets([8, 8, 8], rir=0))])
    assert p.reason == "stays 3 × 8 @ 40 kg: last set 0 in reserve (needs 1) (stall 1 of 3)"
    assert only(RDL, [run(0, *sets([8, 8, 8], rir=1))]).next.reps == 9
    assert only(RDL, [run(0, *sets([8, 8, 8], rir=3))]).reason.endswith("last set 3+ in reserve")


def test_a_gate_of_its_own_for_rir_and_pain() -> None:
    sess = session("""\
        - use: romanian-deadlift
          sets: 3
          reps: 8-12
          load: 40 kg
          progress: {load: +2.5 kg, gate: {rir: 2, pain: 4}}
    """)
    assert only(sess, [run(0, *sets([8, 8, 8], rir=1))]).next.reps == 8
    assert only(sess, [run(0, *sets([8, 8, 8], rir=2, pain=[2, 4, 3]))]).next.reps == 9
    p = only(sess, [run(0, *sets([8, 8, 8], rir=2, pain=[2, 5, 3]))])
    assert p.reason == "stays 3 × 8 @ 40 kg: set 2 hurt 5/10 (limit 4) (stall 1 of 3)"


def test_without_a_pain_limit_pain_does_not_gate() -> None:
    assert only(RDL, [run(0, *sets([8, 8, 8], pain=[9, 9, 9]))]).next.reps == 9


# --- stalls and deloads --------------------------------------------------------------------

def test_stalls_count_then_deload_takes_ten_percent_in_load_steps() -> None:
    sess = session("""\
        - use: romanian-deadlift
          sets: 3
          reps: 8-12
          load: 40 kg
          progress: {load: +2 kg}
    """)
    first = [run(0, *sets([8, 8, 8]))]  # now 3 × 9
    stall = [run(d, *sets([9, 9, 7], planned=9)) for d in (1, 2, 3)]
    assert only(sess, first + stall[:1]).reason == "stays 3 × 9 @ 40 kg: set 3 reached 7 " \
                                                   "(stall 1 of 3)"
    assert only(sess, first + stall[:2]).reason.endswith("(stall 2 of 3)")
    p = only(sess, first + stall)
    assert (p.next.reps, p.next.load) == (9, "36 kg")
    assert p.reason == "deload: 36 kg after 3 stalls"
    assert p.stalls == 0
    again = only(sess, [*first, *stall, run(4, *sets([9, 9, 8], planned=9))])
    assert again.reason == "stays 3 × 9 @ 36 kg: set 3 reached 8 (stall 1 of 3)"


def test_a_success_clears_the_stalls() -> None:
    history = [run(0, *sets([8, 8, 7])), run(1, *sets([8, 8, 7])), run(2, *sets([8, 8, 8])),
               run(3, *sets([9, 9, 8], planned=9))]
    p = only(RDL, history)
    assert p.reason == "stays 3 × 9 @ 40 kg: set 3 reached 8 (stall 1 of 3)"


def test_the_deload_rounds_to_whole_load_steps() -> None:
    sess = session("""\
        - use: romanian-deadlift
          sets: 1
          reps: 8
          load: 40 kg
          progress: {load: +2.5 kg, deload: {after: 2, by: 10%}}
    """)
    p = only(sess, [run(0, *sets([7])), run(1, *sets([7]))])
    assert (p.next.load, p.reason) == ("35 kg", "deload: 35 kg after 2 stalls")  # 4 kg -> 2 steps


# --- the other rules ------------------------------------------------------------------------

HOLD = session("""\
    - use: prone-heel-press
      sets: 1
      hold: 20s
      progress: {hold: +5s, up_to: 30s}
""")
HOLD_KEY = ("Prone heel press", 1)


def hold_run(day: int, left: float, right: float, *, skipped: bool = False) -> RunOutcome:
    return run(day, SetOutcome(1, "left", None, left, skipped=skipped),
               SetOutcome(1, "right", None, right), key=HOLD_KEY)


def test_a_hold_grows_when_both_sides_held_to_the_end() -> None:
    p = only(HOLD, [hold_run(0, 20, 20)])
    assert (p.next.hold, p.reason) == (25.0, "hold 25 s: both sides held 20 s")


def test_a_side_that_fell_short_is_a_stall() -> None:
    p = only(HOLD, [hold_run(0, 20, 14.2)])
    assert p.next.hold == 20.0
    assert p.reason == "stays hold 20 s: the right side held 14.2 s of 20 s (stall 1 of 3)"
    cut = only(HOLD, [hold_run(0, 8, 20, skipped=True)])
    assert cut.reason == "stays hold 20 s: the left side was cut short (stall 1 of 3)"


def test_a_hold_stops_at_up_to_and_deloads_one_step() -> None:
    grown = [hold_run(0, 20, 20), hold_run(1, 25, 25), hold_run(2, 30, 30)]
    p = only(HOLD, grown)
    assert (p.next.hold, p.reason) == (30.0, "at the top (hold 30 s): both sides held 30 s")
    stalls = [hold_run(d, 30, 20) for d in (3, 4, 5)]
    back = only(HOLD, grown + stalls)
    assert (back.next.hold, back.reason) == (25.0, "deload: hold 25 s after 3 stalls")


def test_reps_only_up_to_the_top_then_suggests_the_harder_entry() -> None:
    sess = session("""\
        - use: glute-bridge
          sets: 2
          reps: 10-12
          progress: {reps: +1, then: single-leg-rdl}
    """)
    key = ("Glute bridge", 1)
    history = [run(d, *sets([10 + d] * 2, planned=10 + d), key=key) for d in range(2)]
    p = only(sess, history)
    assert (p.next.reps, p.suggest) == (12, None)
    assert p.reason == "2 × 12 @ bodyweight: all 2 sets reached 11"
    top = only(sess, [*history, run(5, *sets([12, 12], planned=12), key=key)])
    assert (top.next.reps, top.suggest) == (12, "single-leg-rdl")
    assert top.reason == "at the top of 10–12 @ bodyweight: try single-leg-rdl"


def test_at_the_top_of_the_range_and_the_load() -> None:
    sess = session("""\
        - use: romanian-deadlift
          sets: 3
          reps: 8-12
          load: 57.5 kg
          progress: {load: +2.5 kg, up_to: 60 kg, then: single-leg-rdl}
    """)
    climb = [run(d, *sets([8 + d % 5] * 3, planned=8 + d % 5, planned_load=None))
             for d in range(10)]
    p = only(sess, climb)
    assert (p.next.reps, p.next.load) == (12, "60 kg")
    assert p.reason == "at the top of 8–12 @ 60 kg: try single-leg-rdl"


def test_a_tempo_phase_lengthens_up_to_its_limit() -> None:
    sess = session("""\
        - use: stability-ball-curl
          sets: 2
          reps: 10
          tempo: 3-1-1-0
          progress: {tempo: {Lower: +1s}, up_to: 5s}
    """)
    key = ("Stability-ball curl", 1)
    history = [run(d, *sets([10, 10], planned=10), key=key) for d in range(3)]
    p = only(sess, history)
    assert [ph.seconds for ph in p.next.tempo or ()] == [5.0, 1.0, 1.0, 0.0]
    assert p.reason == "at the top (2 × 10 with Lower 5 s): all 2 sets reached 10"
    one = only(sess, history[:1])
    assert one.reason == "2 × 10 with Lower 4 s: all 2 sets reached 10"
    lowers = [ph.duration for ph in compile_session(prescribe(sess, history[:1]).session).phases
              if ph.kind is PhaseKind.LOWER]
    assert set(lowers) == {4.0} and len(lowers) == 20


def test_a_duration_grows() -> None:
    sess = session("""\
        - use: hip-swings
          sides: both
          progress: {duration: +10s, up_to: 50s}
    """)
    key = ("Hip swings", 1)
    p = only(sess, [run(0, SetOutcome(1, None, None, 30.0), key=key)])
    assert (p.next.duration, p.reason) == (40.0, "40 s of work: held 30 s")


def test_a_plain_load_rule_on_fixed_reps_adds_load_every_success() -> None:
    sess = session("""\
        - use: romanian-deadlift
          sets: 1
          reps: 5
          load: 100 lb
          progress: {load: +5 lb}
    """)
    p = only(sess, [run(0, *sets([5], planned=5)), run(1, *sets([5], planned=5))])
    assert (p.next.reps, p.next.load, p.reason) == (5, "110 lb", "5 reps @ 110 lb: reached 5")


# --- what changes nothing ---------------------------------------------------------------------

def test_a_run_that_skipped_the_exercise_changes_nothing() -> None:
    history = [run(0, *sets([8, 8, 8], rir=2))]
    skipped = run(1, *sets([0, 0, 0], skipped=[1, 2, 3]))
    other = RunOutcome(DAY0 + timedelta(days=2), ())
    before = only(RDL, history)
    after = only(RDL, [*history, skipped, other])
    assert (after.next, after.reason, after.stalls) == (before.next, before.reason, before.stalls)


def test_a_programme_deload_week_run_neither_advances_nor_stalls() -> None:
    history = [run(0, *sets([8, 8, 8])), run(1, *sets([9, 9, 9], planned=9), deload=True)]
    p = only(RDL, history)
    assert (p.next.reps, p.stalls) == (9, 0)
    assert p.reason == "stays 3 × 9 @ 40 kg: deload week"
    stalled = only(RDL, [run(0, *sets([8, 8, 7])), run(1, *sets([1, 1, 1]), deload=True)])
    assert stalled.stalls == 1


def test_next_time_in_a_deload_week_runs_half_the_sets_at_the_current_level() -> None:
    p = only(RDL, [run(0, *sets([8, 8, 8]))], deload_week=True)
    assert (p.next.sets, p.next.reps) == (2, 9)
    assert p.reason == "deload week: 2 of 3 sets, no progression"


def test_a_reset_starts_the_exercise_as_written_again() -> None:
    history: list[HistoryItem] = [run(0, *sets([8, 8, 8])), run(1, *sets([9, 9, 9], planned=9))]
    p = only(RDL, [*history, Reset(DAY0 + timedelta(days=2), "Romanian deadlift")])
    assert (p.next.reps, p.reason) == (8, "as written since the reset on 2026-12-03")
    assert only(RDL, [*history, Reset(DAY0, "Glute bridge")]).next.reps == 10
    after = only(RDL, [*history, Reset(DAY0 + timedelta(days=2)), run(3, *sets([8, 8, 8]))])
    assert after.next.reps == 9


def test_progression_is_kept_per_exercise_occurrence() -> None:
    sess = session("""\
        - use: glute-bridge
          sets: 1
          reps: 10-12
          progress: {reps: +1}
        - rest: 30
        - use: glute-bridge
          sets: 1
          reps: 10-12
          progress: {reps: +1}
    """)
    assert list(exercise_keys(sess).values()) == [("Glute bridge", 1), ("Glute bridge", 2)]
    found = prescribe(sess, [run(0, *sets([10], planned=10), key=("Glute bridge", 2))])
    assert [e.next.reps for e in found.exercises] == [10, 11]
    steps = found.session.steps
    assert isinstance(steps[2], ExerciseStep) and steps[2].reps == 11


@pytest.mark.parametrize("as_run", [True, False])
def test_the_range_reaches_the_screen(as_run: bool) -> None:
    history = [run(0, *sets([8, 8, 8]))] if as_run else []
    timeline = compile_session(prescribe(RDL, history).session)
    rep = next(ph for ph in timeline.phases
               if ph.position.rep_no == 3 and ph.kind is PhaseKind.LOWER)
    assert rep.exercise is not None and rep.exercise.rep_range == (8, 12)
    assert rep.position.rep_count == (9 if as_run else 8)
