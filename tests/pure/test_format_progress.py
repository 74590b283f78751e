"""Rep ranges and ``progress:`` rules in session files (COACHING.md sections 2 and 3).

Bad rules go through the real CLI (``validate FILE``): exit 2 and
``FILE:LINE:COL: steps[i].progress...: message``. Good rules load into the
model, and the JSON Schema agrees with the loader on both.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from hamstring_coach.cli import main
from hamstring_coach.format import SessionFileError, load_session_text
from hamstring_coach.format.model import Deload, ExerciseStep, Gate, Load, RuleKind
from hamstring_coach.format.schema import json_schema
from hamstring_coach.format.yamlnodes import compose, to_plain

VALIDATOR = Draft202012Validator(json_schema())
HEAD = "name: P\nsteps:\n"
RDL = "  - use: romanian-deadlift\n    sets: 3\n    reps: 8-12\n    load: 40 kg\n"


def step(text: str) -> ExerciseStep:
    session = load_session_text(HEAD + text, "p.yaml")
    found = session.steps[0]
    assert isinstance(found, ExerciseStep)
    return found


def schema_errors(text: str) -> list[str]:
    root, problems = compose(text, "p.yaml")
    assert root is not None and not problems
    return [e.message for e in VALIDATOR.iter_errors(to_plain(root))]


# --- rep ranges ----------------------------------------------------------------------------

@pytest.mark.parametrize("written", ['"8-12"', "8-12", "[8, 12]", "8 - 12", '"8–12"'])
def test_a_range_runs_at_its_bottom(written: str) -> None:
    found = step(f"  - use: glute-bridge\n    reps: {written}\n")
    assert (found.reps, found.rep_range) == (8, (8, 12))
    assert found.progress is None


def test_a_plain_count_has_no_range() -> None:
    found = step("  - use: glute-bridge\n    reps: 10\n")
    assert (found.reps, found.rep_range) == (10, None)


# --- good rules ----------------------------------------------------------------------------

def test_double_progression_with_every_part() -> None:
    found = step(RDL + "    progress: {load: +2.5 kg, up_to: 60 kg, then: single-leg-rdl,"
                       " gate: {rir: 2, pain: 4}, deload: {after: 2, by: 5%}}\n")
    rule = found.progress
    assert rule is not None
    assert (rule.kind, rule.step, rule.up_to, rule.then) == (RuleKind.LOAD, 2.5, 60.0,
                                                             "single-leg-rdl")
    assert rule.gate == Gate(rir=2, pain=4)
    assert rule.deload == Deload(after=2, by=0.05)
    assert rule.load == Load(40.0, "kg")


def test_defaults_of_gate_and_deload() -> None:
    rule = step(RDL + "    progress: {load: 2.5}\n").progress
    assert rule is not None and rule.step == 2.5
    assert rule.gate == Gate(rir=1, pain=None)
    assert rule.deload == Deload(after=3, by=0.10)


@pytest.mark.parametrize(("text", "kind", "amount", "top", "phase"), [
    ("  - use: prone-heel-press\n    hold: 20s\n    progress: {hold: +5s, up_to: 45s}\n",
     RuleKind.HOLD, 5.0, 45.0, None),
    ("  - use: hip-swings\n    progress: {duration: '+10s', up_to: 1m}\n",
     RuleKind.DURATION, 10.0, 60.0, None),
    ("  - use: stability-ball-curl\n    reps: 10\n    tempo: 3-1-1-0\n"
     "    progress: {tempo: {Lower: +1s}, up_to: 6s}\n", RuleKind.TEMPO, 1.0, 6.0, "Lower"),
    ("  - use: glute-bridge\n    reps: 10-15\n    progress: {reps: +1, then: single-leg-rdl}\n",
     RuleKind.REPS, 1.0, None, None),
    ("  - use: glute-bridge\n    reps: 10\n    progress: {reps: 2, up_to: 16}\n",
     RuleKind.REPS, 2.0, 16.0, None),
    ("  - exercise: Curl\n    reps: 8\n    tempo: [{phase: Drive up, seconds: 1}, "
     "{phase: Let down, seconds: 3}]\n    progress: {tempo: {Let down: 1}, up_to: 5}\n",
     RuleKind.TEMPO, 1.0, 5.0, "Let down"),
    ("  - use: romanian-deadlift\n    reps: 8\n    load: 95 lbs\n    progress: {load: +5 lb}\n",
     RuleKind.LOAD, 5.0, None, None),
])
def test_every_rule_kind_loads(text: str, kind: RuleKind, amount: float, top: float | None,
                               phase: str | None) -> None:
    rule = step(text).progress
    assert rule is not None
    assert (rule.kind, rule.step, rule.up_to, rule.phase) == (kind, amount, top, phase)
    assert schema_errors(HEAD + text) == []


# --- bad rules: located errors through the CLI ------------------------------------------

# (id, the step's text, line, column, path, fragment of the message)
BAD: list[tuple[str, str, int, int, str, str]] = [
    ("load-on-text-load", "  - use: romanian-deadlift\n    load: red band\n"
     "    progress: {load: +2.5 kg}\n", 5, 22, "steps[0].progress.load",
     'this exercise\'s load is "red band", which is text'),
    ("load-rule-no-load", "  - use: romanian-deadlift\n    progress: {load: +2.5 kg}\n",
     4, 22, "steps[0].progress.load", "needs the exercise's load"),
    ("load-bare-number", "  - use: romanian-deadlift\n    load: 20\n"
     "    progress: {load: +2.5}\n", 5, 22, "steps[0].progress.load", "which is text"),
    ("load-unit-mismatch", RDL + "    progress: {load: +5 lb}\n", 7, 22,
     "steps[0].progress.load", "the step is in lb but the load (40 kg) is in kg"),
    ("load-step-words", RDL + "    progress: {load: a bit more}\n", 7, 22,
     "steps[0].progress.load", 'expected a load step such as +2.5 kg, got "a bit more"'),
    ("load-up-to-below", RDL + "    progress: {load: +2.5 kg, up_to: 30 kg}\n", 7, 38,
     "steps[0].progress.up_to", "up_to 30 kg is below the load it starts from (40 kg)"),
    ("tempo-phase-missing", "  - use: stability-ball-curl\n    reps: 10\n    tempo: 3-1-1-0\n"
     "    progress: {tempo: {Lowr: +1s}, up_to: 6s}\n", 6, 24,
     "steps[0].progress.tempo.Lowr", 'the tempo has no phase "Lowr" (its phases: Lower, Pause, '
     'Lift, Squeeze); did you mean "Lower"?'),
    ("tempo-self-paced", "  - exercise: Curl\n    reps: 10\n"
     "    progress: {tempo: {Lower: +1s}, up_to: 6s}\n", 5, 23, "steps[0].progress.tempo",
     "needs a tempo on the exercise"),
    ("tempo-up-to-below", "  - use: stability-ball-curl\n    reps: 10\n    tempo: 4-1-1-0\n"
     "    progress: {tempo: {Lower: +1s}, up_to: 3s}\n", 6, 44, "steps[0].progress.up_to",
     "up_to 3 s is below the Lower phase it starts from (4 s)"),
    ("hold-up-to-below", "  - use: prone-heel-press\n    hold: 20s\n"
     "    progress: {hold: +5s, up_to: 15s}\n", 5, 34, "steps[0].progress.up_to",
     "up_to 15 s is below the hold it starts from (20 s)"),
    ("hold-no-up-to", "  - use: prone-heel-press\n    progress: {hold: +5s}\n", 4, 15,
     "steps[0].progress", "a hold rule needs up_to"),
    ("hold-on-reps", "  - use: glute-bridge\n    progress: {hold: +5s, up_to: 30}\n", 4, 22,
     "steps[0].progress.hold", "a hold rule needs an exercise with hold; this one uses reps"),
    ("reps-on-hold", "  - use: prone-heel-press\n    progress: {reps: +1, up_to: 12}\n", 4, 22,
     "steps[0].progress.reps", "a reps rule needs an exercise with reps; this one uses hold"),
    ("reps-no-range", "  - use: glute-bridge\n    reps: 10\n    progress: {reps: +1}\n",
     5, 22, "steps[0].progress.reps", "a reps rule needs a range such as reps: 10-14"),
    ("reps-up-to-with-range", "  - use: glute-bridge\n    reps: 10-15\n"
     "    progress: {reps: +1, up_to: 20}\n", 5, 33, "steps[0].progress.up_to",
     "the range's top (15) is where the reps stop"),
    ("reps-up-to-below", "  - use: glute-bridge\n    reps: 10\n"
     "    progress: {reps: +1, up_to: 8}\n", 5, 33, "steps[0].progress.up_to",
     "up_to 8 is below the reps it starts from (10)"),
    ("unknown-key", RDL + "    progress: {load: +2.5 kg, upto: 60 kg}\n", 7, 31,
     "steps[0].progress.upto", 'unknown key "upto" in a progress rule; did you mean "up_to"?'),
    ("unknown-gate-key", RDL + "    progress: {load: +2.5 kg, gate: {rri: 2}}\n", 7, 38,
     "steps[0].progress.gate.rri", 'did you mean "rir"?'),
    ("unknown-deload-key", RDL + "    progress: {load: +2.5 kg, deload: {afer: 2}}\n", 7, 40,
     "steps[0].progress.deload.afer", 'did you mean "after"?'),
    ("two-growths", RDL + "    progress: {load: +2.5 kg, reps: +1}\n", 7, 31,
     "steps[0].progress.reps", "one rule per exercise"),
    ("no-growth", RDL + "    progress: {then: single-leg-rdl}\n", 7, 15, "steps[0].progress",
     "a progress rule says what grows"),
    ("then-unknown", RDL + "    progress: {load: +2.5 kg, then: single-leg-rd}\n", 7, 37,
     "steps[0].progress.then", 'unknown exercise id "single-leg-rd"; did you mean '
                               '"single-leg-rdl"?'),
    ("gate-rir-too-high", RDL + "    progress: {load: +2.5 kg, gate: {rir: 4}}\n", 7, 43,
     "steps[0].progress.gate.rir", "0, 1, 2 or 3"),
    ("gate-pain-too-high", RDL + "    progress: {load: +2.5 kg, gate: {pain: 11}}\n", 7, 44,
     "steps[0].progress.gate.pain", "pain from 0 to 10, got 11"),
    ("deload-by-whole", RDL + "    progress: {load: +2.5 kg, deload: {by: 100%}}\n", 7, 44,
     "steps[0].progress.deload.by", "less than 100%"),
    ("deload-after-zero", RDL + "    progress: {load: +2.5 kg, deload: {after: 0}}\n", 7, 47,
     "steps[0].progress.deload.after", "must be 1 or more"),
    ("rule-not-mapping", RDL + "    progress: double\n", 7, 15, "steps[0].progress",
     "expected a progress rule such as"),
    ("range-backwards", "  - use: glute-bridge\n    reps: 12-8\n", 4, 11, "steps[0].reps",
     "a range goes from fewer reps to more"),
    ("range-three", "  - use: glute-bridge\n    reps: [8, 10, 12]\n", 4, 11, "steps[0].reps",
     "a range is two numbers"),
    ("range-words", "  - use: glute-bridge\n    reps: eight\n", 4, 11, "steps[0].reps",
     'a range such as "8-12", got "eight"'),
    ("range-zero", "  - use: glute-bridge\n    reps: 0-5\n", 4, 11, "steps[0].reps",
     "a range starts at 1 or more"),
    ("progress-in-cue", "  - cue: Go\n    progress: {reps: +1}\n", 4, 5, "steps[0].progress",
     'unknown key "progress" in a cue step (it belongs to an exercise'),
]


@pytest.mark.parametrize(("text", "line", "col", "where", "message"),
                         [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_a_bad_rule_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       text: str, line: int, col: int, where: str,
                                       message: str) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(HEAD + text, encoding="utf-8")
    assert main(["validate", str(file)]) == 2
    err = capsys.readouterr().err
    assert f"{file}:{line}:{col}: {where}: " in err, err
    assert message in err, err


def test_a_broken_step_still_reports_its_rules_unknown_keys(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(HEAD + "  - use: glute-bridge\n    reps: 12-8\n"
                           "    progress: {reps: +1, thn: x}\n", encoding="utf-8")
    assert main(["validate", str(file)]) == 2
    err = capsys.readouterr().err
    assert f"{file}:4:11: steps[0].reps: a range goes" in err
    assert f'{file}:5:26: steps[0].progress.thn: unknown key "thn"' in err


def test_a_catalogue_entry_cannot_carry_a_rule(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "cat.yaml"
    file.write_text("exercises:\n  curl:\n    exercise: Curl\n    reps: 8-12\n"
                    "    progress: {reps: +1}\n", encoding="utf-8")
    assert main(["validate", "--catalogue", str(file)]) == 2
    assert "5:5: exercises.curl.progress: unknown key \"progress\" in a catalogue entry " \
           "(progress rules belong to a session's step" in capsys.readouterr().err


def test_the_size_bound_counts_the_top_of_a_rule() -> None:
    """A rule that would grow past the length limit is refused before any run."""
    text = HEAD + "  - use: prone-heel-press\n    sets: 50\n    hold: 10\n" \
                  "    progress: {hold: +10s, up_to: 10h}\n"
    with pytest.raises(SessionFileError, match="longer than the limit"):
        load_session_text(text, "big.yaml")


# --- the schema agrees ---------------------------------------------------------------------

SCHEMA_REFUSES = [c for c in BAD if c[0] in {
    "load-step-words", "unknown-key", "unknown-gate-key", "unknown-deload-key", "two-growths",
    "no-growth", "gate-rir-too-high", "gate-pain-too-high", "deload-by-whole",
    "deload-after-zero", "rule-not-mapping", "range-three", "range-words", "hold-no-up-to",
    "progress-in-cue"}]


@pytest.mark.parametrize("text", [c[1] for c in SCHEMA_REFUSES],
                         ids=[c[0] for c in SCHEMA_REFUSES])
def test_the_schema_refuses_what_it_can_express(text: str) -> None:
    with pytest.raises(SessionFileError):
        load_session_text(HEAD + text, "bad.yaml")
    assert schema_errors(HEAD + text) != []


def test_the_schema_accepts_the_contract_example() -> None:
    text = textwrap.dedent("""\
        name: Contract
        steps:
          - use: romanian-deadlift
            sets: 3
            reps: 8-12
            load: 40 kg
            progress: {load: +2.5 kg}          # double progression
          - use: prone-heel-press
            hold: 20s
            progress: {hold: +5s, up_to: 45s}  # longer holds
          - use: stability-ball-curl
            reps: 10
            progress: {tempo: {Lower: +1s}, up_to: 6s}   # a slower eccentric
          - use: glute-bridge
            reps: 10-15
            progress: {reps: +1, then: single-leg-rdl}   # at the top: suggest a harder one
    """)
    session = load_session_text(text, "contract.yaml")
    assert [s.progress.kind for s in session.steps
            if isinstance(s, ExerciseStep) and s.progress] == [
        RuleKind.LOAD, RuleKind.HOLD, RuleKind.TEMPO, RuleKind.REPS]
    assert schema_errors(text) == []
