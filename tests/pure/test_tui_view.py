"""What the session screen says, computed from the engine (no Textual needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import START, write_session

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.machine import Engine
from hamstring_coach.format import load_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import PhaseKind, Timeline
from hamstring_coach.tui.view import (
    SET_PROMPT,
    SUSPEND_REASON,
    USER_PAUSE_REASON,
    WAIT_PROMPT,
    clamp_lines,
    describe,
    rep_phases,
)


@pytest.fixture
def timeline(tmp_path: Path) -> Timeline:
    return compile_session(load_session(write_session(tmp_path)))


def engine_at(timeline: Timeline, index: int, into: float = 0.0) -> tuple[Engine, FakeClock]:
    clock = FakeClock(START)
    engine = Engine(timeline, clock, start_index=index)
    engine.advance()
    clock.advance(into)
    engine.advance()
    return engine, clock




def test_the_test_session_compiles_to_the_documented_layout(timeline: Timeline) -> None:
    kinds = [p.kind for p in timeline.phases]
    assert kinds[:6] == [PhaseKind.CUE, PhaseKind.PREPARE, PhaseKind.HOLD, PhaseKind.SWITCH,
                         PhaseKind.HOLD, PhaseKind.REST]
    assert kinds[10:13] == [PhaseKind.LOWER, PhaseKind.PAUSE, PhaseKind.LIFT]
    assert timeline.total == 120.0


def test_a_hold_shows_exercise_set_side_countdown_cue_and_notes(timeline: Timeline) -> None:
    engine, _ = engine_at(timeline, 2, into=7.3)
    view = describe(engine)
    assert view.title == "Heel press"
    assert view.position == "Set 1/2 · Left side"
    assert view.banner == "Hold"
    assert view.kind is PhaseKind.HOLD
    assert view.countdown == "0:13"
    assert view.cue == "Press the heel down"
    assert view.notes == ("Barely move", "Hips stay relaxed")
    assert view.next_up == "Next: Switch side 0:05"
    assert [s.label for s in view.strip] == [""]  # the banner says "Hold" already
    assert view.strip[0].fill == pytest.approx(7.3 / 20)
    assert view.status == ""
    assert not view.paused and not view.waiting


def test_a_tempo_rep_shows_its_phases_with_the_current_one_filling(timeline: Timeline) -> None:
    engine, _ = engine_at(timeline, 11, into=0.5)  # rep 1, the pause
    view = describe(engine)
    assert view.title == "Slow curl · 10 kg"  # the load is shown with the name
    assert view.position == "Rep 1/2"  # no "Set 1/1" for a single set
    assert view.banner == "Pause"
    assert [(s.label, s.current) for s in view.strip] == [
        ("Lower", False), ("Pause", True), ("Lift", False)]
    assert [s.fill for s in view.strip] == [1.0, pytest.approx(0.5), 0.0]
    assert [s.seconds for s in view.strip] == [3.0, 1.0, 1.0]
    assert view.next_up == "Next: Lift 0:01"  # m:ss like every other time


def test_rep_phases_stay_inside_one_rep(timeline: Timeline) -> None:
    second_rep = rep_phases(timeline, timeline.phases[13])
    assert [p.index for p in second_rep] == [13, 14, 15]
    assert rep_phases(timeline, timeline.phases[2]) == (timeline.phases[2],)


def test_a_rest_says_what_comes_next_and_hides_the_set_position(timeline: Timeline) -> None:
    engine, _ = engine_at(timeline, 5, into=2.0)
    view = describe(engine)
    assert view.banner == "Rest"
    assert view.position == ""
    assert view.countdown == "0:08"
    # What comes next is the rest's news: said once, in the middle, in the words the
    # bottom line uses in every other phase.
    assert view.cue == "Next: Hold 0:20 · set 2/2 · left side"
    assert view.next_up == ""


def test_a_switch_names_the_side_it_leads_to(timeline: Timeline) -> None:
    engine, _ = engine_at(timeline, 3)
    assert describe(engine).position == "Set 1/2 · Right side"


def test_a_wait_prompts_for_a_key_and_counts_up(timeline: Timeline) -> None:
    engine, _ = engine_at(timeline, 0, into=12.0)
    view = describe(engine)
    assert view.waiting
    assert view.status == WAIT_PROMPT
    assert view.countdown.strip() == ""  # an instruction: nothing to count
    assert view.cue == "Lie face down on a mat"
    assert view.strip == ()


def test_paused_shows_paused_and_the_reason_and_stands_still(timeline: Timeline) -> None:
    engine, clock = engine_at(timeline, 2, into=4.0)
    engine.pause()
    engine.advance()
    clock.advance(30.0)
    engine.advance()
    view = describe(engine)
    assert view.paused
    assert view.banner == "PAUSED"
    assert view.status == USER_PAUSE_REASON
    assert view.countdown == "0:16"
    engine.resume()
    clock.advance(100.0)
    engine.suspended(since=clock() - 50.0)
    engine.advance()
    assert describe(engine).status == SUSPEND_REASON


def test_progress_elapsed_and_remaining_follow_the_timeline(timeline: Timeline) -> None:
    engine, _ = engine_at(timeline, 5, into=4.0)  # 50 s + 4 s of 120 s
    view = describe(engine)
    assert view.elapsed == "0:54"
    assert view.remaining == "1:06"
    assert view.progress == pytest.approx(54 / 120)


def test_finished_shows_done(timeline: Timeline) -> None:
    engine, clock = engine_at(timeline, 15)
    clock.advance(5.0)
    engine.advance()
    view = describe(engine)
    assert view.banner == "Done"
    assert view.progress == 1.0


def test_a_self_paced_set_counts_its_time_up(tmp_path: Path) -> None:
    text = ("name: Self paced\nsteps:\n  - exercise: Bridge\n    reps: 12\n"
            "    prepare: 0\n")
    timeline = compile_session(load_session(write_session(tmp_path, "self.yaml", text)))
    engine, _ = engine_at(timeline, 0, into=65.0)
    view = describe(engine)
    assert view.waiting and view.kind is PhaseKind.SET
    assert view.countdown == "1:05"
    # The dim count-up is labelled, and the key is said once (not in the cue too).
    assert view.status == SET_PROMPT and view.status.startswith("elapsed")
    assert view.cue == "12 reps at your own pace"
    assert "Enter" not in view.cue




def test_a_side_switch_names_the_side_like_the_sets_do(timeline: Timeline) -> None:
    from hamstring_coach.tui.view import next_text, position_text

    switch = next(p for p in timeline.phases if p.kind is PhaseKind.SWITCH)
    at = switch.position
    assert position_text(switch) == f"Set {at.set_no}/{at.set_count} · Right side"
    assert next_text(timeline.phases[-1], None) == "Next: Finish"


def test_a_long_cue_is_cut_at_a_word_and_ends_with_an_ellipsis() -> None:
    cue = "Lie face down, legs long · Bend one knee a little · Press that heel down"
    two = clamp_lines(cue, 30, 2).split("\n")
    assert len(two) == 2 and all(len(line) <= 30 for line in two)
    assert two[0] == "Lie face down, legs long ·"
    assert two[1].endswith("…")
    one = clamp_lines(cue, 20, 1)
    assert one.endswith("…") and len(one) <= 20 and "\n" not in one
    assert clamp_lines("Rest", 20, 1) == "Rest"  # what fits stays whole, no ellipsis


def test_next_names_a_self_paced_set_with_its_reps(tmp_path: Path) -> None:
    text = ("name: Self paced\nsteps:\n  - exercise: Bridge\n    reps: 8\n    sets: 2\n"
            "    prepare: 5\n")
    timeline = compile_session(load_session(write_session(tmp_path, "self.yaml", text)))
    engine, _ = engine_at(timeline, 0)
    assert describe(engine).next_up == "Next: Set 1/2 · 8 reps, your pace"
    engine, _ = engine_at(timeline, 2)  # the rest between the sets
    view = describe(engine)
    assert view.cue == "Next: Set 2/2 · 8 reps, your pace"  # 2/2, not "2 of 2"
    assert view.next_up == ""  # the middle says it
