"""The shipped content: the exercise catalogue and the built-in sessions."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from hamstring_coach.format import load_session
from hamstring_coach.format.catalogue import load_catalogue
from hamstring_coach.format.model import ExerciseStep, Session, TempoKind, WorkKind
from hamstring_coach.format.schema import MODELINE, catalogue_schema, json_schema
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import PhaseKind, Timeline
from hamstring_coach.system import paths

CATALOGUE_IDS = {
    "prone-heel-press", "standing-heel-pull", "glute-bridge", "stability-ball-curl",
    "romanian-deadlift", "single-leg-rdl", "good-morning", "seated-leg-curl",
    "lying-leg-curl", "glute-ham-raise", "prone-curl", "hip-swings",
    "supine-hamstring-stretch",
}
FUNCTIONS = {"knee-flexion", "hip-extension", "activation", "stretch"}
SESSION_IDS = ["activation", "desk-2min", "desk-5min", "desk-break", "full",
               "strengthen-lengthen", "tone"]


def builtin(sid: str) -> Path:
    return paths.builtin_sessions_dir() / f"{sid}.yaml"


def compiled(sid: str) -> tuple[Session, Timeline]:
    session = load_session(builtin(sid), session_id=sid)
    return session, compile_session(session)


def exercises(session: Session) -> list[ExerciseStep]:
    return [s for s in session.steps if isinstance(s, ExerciseStep)]


def words(text: str) -> int:
    return len(text.split())


def test_catalogue_has_the_documented_entries_with_short_cues() -> None:
    catalogue = load_catalogue(paths.builtin_catalogue_file())
    assert set(catalogue) == CATALOGUE_IDS
    raw = yaml.safe_load(paths.builtin_catalogue_file().read_text(encoding="utf-8"))
    jsonschema.validate(raw, catalogue_schema())
    for entry_id, entry in catalogue.items():
        fields = entry.fields
        assert fields.function and set(fields.function) <= FUNCTIONS, entry_id
        assert len(fields.cue) >= 2, entry_id
        texts = [*fields.cue, *fields.notes, *(p.cue for p in fields.tempo or () if p.cue)]
        for text in texts:
            # read at a glance mid-movement: 3-12 words, starting like a sentence
            assert 3 <= words(text) <= 12, (entry_id, text)
            assert text[0].isupper(), (entry_id, text)


def test_catalogue_defaults_follow_the_guidance() -> None:
    fields = {i: e.fields for i, e in load_catalogue(paths.builtin_catalogue_file()).items()}
    for isometric in ("prone-heel-press", "standing-heel-pull"):
        assert fields[isometric].work is WorkKind.HOLD and fields[isometric].hold == 10
    assert fields["supine-hamstring-stretch"].hold == 30
    assert fields["hip-swings"].work is WorkKind.DURATION
    for entry_id, f in fields.items():
        if f.work is WorkKind.REPS:
            # 8-15 reps; the advanced glute-ham raise starts lower
            assert 6 <= (f.reps or 0) <= 15, entry_id
            lowering = [p.seconds for p in f.tempo or () if p.kind is TempoKind.LOWER]
            assert lowering and 3 <= lowering[0] <= 4, entry_id  # slow eccentric
    bridge = [p.label for p in fields["glute-bridge"].tempo or ()]
    assert bridge == ["Drive up", "Squeeze", "Lower"]
    assert next(p.label for p in fields["romanian-deadlift"].tempo or ()) == "Lower"


def test_the_built_in_sessions_are_the_documented_ones() -> None:
    found = sorted(p.stem for p in paths.builtin_sessions_dir().glob("*.yaml"))
    assert found == SESSION_IDS


@pytest.mark.parametrize("sid", SESSION_IDS)
def test_session_is_valid_and_reuses_the_catalogue(sid: str) -> None:
    text = builtin(sid).read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    raw = yaml.safe_load(text)
    jsonschema.validate(raw, json_schema())  # what an editor checks as you type
    uses = [step["use"] for step in raw["steps"] if "use" in step]
    assert uses and set(uses) <= CATALOGUE_IDS
    session, timeline = compiled(sid)
    assert session.name and len(session.description.split()) >= 25
    assert session.tags
    assert timeline.total > 0 and all(p.duration != 0 for p in timeline.phases)


@pytest.mark.parametrize(("sid", "low", "high"), [
    ("activation", 4 * 60, 6 * 60),
    ("desk-break", 3 * 60, 5 * 60),
    ("desk-2min", 90, 2 * 60),
    ("desk-5min", 4 * 60, 5 * 60),
    ("full", 30 * 60, 40 * 60),
    ("tone", 20 * 60, 40 * 60),
    ("strengthen-lengthen", 20 * 60, 40 * 60),
])
def test_session_lengths(sid: str, low: float, high: float) -> None:
    _, timeline = compiled(sid)
    assert low <= timeline.total <= high


def test_activation_is_the_two_isometric_drills_each_side() -> None:
    session, timeline = compiled("activation")
    assert [e.catalogue_id for e in exercises(session)] == ["prone-heel-press",
                                                            "standing-heel-pull"]
    holds = [p for p in timeline.phases if p.kind is PhaseKind.HOLD]
    assert {p.position.side for p in holds} == {"left", "right"}
    assert timeline.waits == 0


def test_full_routine_activates_then_builds_then_lengthens() -> None:
    session, _ = compiled("full")
    assert [e.catalogue_id for e in exercises(session)] == [
        "prone-heel-press", "standing-heel-pull", "glute-bridge", "stability-ball-curl",
        "romanian-deadlift", "hip-swings", "supine-hamstring-stretch"]
    rdl = exercises(session)[4]
    assert 3 <= rdl.sets <= 4 and 8 <= (rdl.reps or 0) <= 12
    assert [p.seconds for p in rdl.tempo or () if p.kind is TempoKind.LOWER] == [4]


def test_tone_pairs_a_hinge_with_a_curl_at_hypertrophy_doses() -> None:
    session, _ = compiled("tone")
    work = [e for e in exercises(session) if e.work is WorkKind.REPS]
    functions = {f for e in work for f in e.function}
    assert {"hip-extension", "knee-flexion"} <= functions
    assert work[0].function == ("hip-extension",)  # the hinge comes first, heavy
    for e in work:
        assert 3 <= e.sets <= 4 and 8 <= (e.reps or 0) <= 15, e.name
        lowering = [p.seconds for p in e.tempo or () if p.kind is TempoKind.LOWER]
        assert lowering and 3 <= lowering[0] <= 4, e.name


def test_strengthen_lengthen_has_its_exercises() -> None:
    session, _ = compiled("strengthen-lengthen")
    assert [e.catalogue_id for e in exercises(session)] == [
        "prone-curl", "stability-ball-curl", "romanian-deadlift", "single-leg-rdl",
        "hip-swings", "supine-hamstring-stretch"]


def test_desk_break_is_standing_and_needs_no_equipment() -> None:
    session, timeline = compiled("desk-break")
    assert "desk" in session.tags
    assert all(e.load == "bodyweight" for e in exercises(session))
    floor_words = ("lie", "face down", "ball", "bar ", "mat", "weights")
    for e in exercises(session):
        for text in (*e.cue, *e.notes):
            assert not any(w in text.lower() for w in floor_words), (e.name, text)
    assert timeline.waits == 0  # it can run from the break timer untouched


@pytest.mark.parametrize("sid", ["desk-2min", "desk-5min"])
def test_desk_routines_are_standing_and_in_the_catalogues_words(sid: str) -> None:
    session, _ = compiled(sid)
    names = [step.name for step in exercises(session)]
    # heel pulls, a hinge, a standing stretch and the hip-flexor stretch the seeds ask for
    assert names[:4] == ["Standing heel pull", "Standing hip hinge",
                         "Standing hamstring stretch", "Standing hip-flexor stretch"]
    assert "desk" in session.tags and "standing" in session.tags
    assert "hip flexors" in session.description
