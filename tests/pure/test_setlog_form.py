"""The log prompt's keys and the actuals' rules, without a screen (pure)."""

from __future__ import annotations

import pytest

from hamstring_coach.run.actuals import Actuals, PastSet, actuals, check_field
from hamstring_coach.run.session_run import EndedSet
from hamstring_coach.tui.logform import KeyResult, LogForm, past_text, set_title


def ended(**kw: object) -> EndedSet:
    base: dict[str, object] = dict(
        step_index=1, set_no=2, set_count=3, exercise="Romanian deadlift", sides=(None,),
        reps=10, seconds=40.0, load="40 kg", skipped=False, self_paced=False, log_pain=True,
        last_of_exercise=False)
    base.update(kw)
    return EndedSet(**base)  # type: ignore[arg-type]


def press(form: LogForm, *keys: str) -> list[KeyResult | None]:
    names = {".": "full_stop"}
    return [form.press(names.get(k, k), k if len(k) == 1 else None) for k in keys]


def test_fields_follow_the_set() -> None:
    assert [f.name for f in LogForm(ended()).fields] == ["reps_done", "load_done", "rir", "pain"]
    assert [f.name for f in LogForm(ended(load="red band", log_pain=False)).fields] == [
        "reps_done", "rir"]
    assert LogForm(ended(reps=None, load=None, log_pain=False)).empty  # a hold: nothing to ask
    assert [f.name for f in LogForm(ended(reps=None, load=None)).fields] == ["pain"]


def test_digits_replace_then_grow_and_invalid_values_start_again() -> None:
    form = LogForm(ended())
    press(form, "1", "2")
    assert form.typed == {"reps_done": "12"}
    press(form, "tab", "4", "2", ".", "5", "tab", "5")
    assert form.typed["load_done"] == "42.5" and "rir" not in form.typed
    assert press(form, "3") == [KeyResult.CHANGED]
    assert form.shown(form.fields[2]) == ("3+", "typed")
    press(form, "tab", "1", "0", "1")  # 10, then 101 is not a pain: starts again at 1
    assert form.typed["pain"] == "1"
    assert press(form, "enter") == [KeyResult.SAVED]
    assert form.saved == Actuals(reps_done=12, load_done="42.5 kg", rir=3, pain=1)
    assert not form.dirty and "✓ saved" in form.render().plain


def test_backspace_and_escape() -> None:
    form = LogForm(ended(), saved=Actuals(reps_done=8, rir=2))
    assert form.render(cursor=False, hint=False).plain == "reps 8 · kg 40 · RIR 2 · pain –"
    press(form, "backspace")  # an untouched stored value: back to as planned
    assert form.shown(form.fields[0]) == ("10", "typed")
    press(form, "enter")
    assert form.saved.reps_done is None and form.saved.rir == 2
    press(form, "9", "escape")
    assert form.typed == {} and form.saved.reps_done is None
    assert press(form, "enter", "escape", "q", "space") == [None, None, None, None]


def test_commit_saves_what_was_typed_only_when_something_was() -> None:
    form = LogForm(ended())
    assert not form.commit()
    press(form, "7")
    assert form.commit() and form.saved.reps_done == 7


def test_titles_and_last_time() -> None:
    assert set_title(ended()) == "Set 2/3 done"
    assert set_title(ended(self_paced=True)) == "Set 2/3 · how many reps?"
    assert set_title(ended(reps=None, seconds=29.6)) == "Set 2/3 · held 0:30"
    assert past_text(PastSet(10, "40 kg", 2, 30.0)) == "last: 10 @ 40 kg, 2 in reserve"
    assert past_text(PastSet(8, None, 3, 30.0)) == "last: 8 reps, 3+ in reserve"
    assert past_text(PastSet(None, None, None, 30.0)) == "last: held 0:30"
    assert past_text(PastSet(5, "\x1b[31mred\nband", None, 1.0)) == "last: 5 @  [31mred band"


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("reps_done", "12", 12), ("reps_done", 0, 0), ("rir", "3+", 3), ("rir", 0, 0),
    ("pain", "10", 10), ("load_done", "  42.5   kg ", "42.5 kg"), ("note", "", None),
    ("note", None, None),
])
def test_values_are_checked(name: str, value: object, expected: object) -> None:
    assert check_field(name, value) == expected


@pytest.mark.parametrize(("name", "value", "message"), [
    ("reps_done", "1000", "0 to 999"), ("reps_done", -1, "0 to 999"),
    ("reps_done", True, "got True"),
    ("rir", "4", "0, 1, 2 or 3"), ("pain", "٣", "pain 0 to 10"), ("pain", 2.5, "pain"),
    ("load_done", "x" * 41, "at most 40"), ("note", "a\x00b", "control characters"),
    ("note", "\u202ebidi", "control characters"), ("elbow", "1", "unknown field"),
])
def test_bad_values_are_refused(name: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_field(name, value)
    with pytest.raises(ValueError):
        actuals(**{name: value})
