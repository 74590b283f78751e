"""The picker, through the real app: list, filter, start, broken files, edit, stats, resume."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static
from tui_support import rig, write_session

from hamstring_coach.system import paths
from hamstring_coach.tui.screens.picker import PickerScreen
from hamstring_coach.tui.screens.session import SessionScreen
from hamstring_coach.tui.screens.summary import SummaryScreen
from hamstring_coach.tui.widgets.footer import CoachFooter

SIZE = (80, 24)
BROKEN = "name: Broken one\nsteps:\n  - exercise: Curl\n    reps: 10\n    tempo: 3-1-1\n"


def picker(app: object) -> PickerScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, PickerScreen), type(screen)
    return screen


def shown_ids(screen: PickerScreen) -> list[str]:
    return [entry.id for entry in screen.shown]


def select(screen: PickerScreen, session_id: str) -> None:
    screen.query_one(OptionList).highlighted = shown_ids(screen).index(session_id)


def user_dir() -> Path:
    return paths.user_sessions_dir()


async def test_lists_built_in_and_user_sessions_with_length_and_details() -> None:
    write_session(user_dir(), "mine.yaml")
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        ids = shown_ids(screen)
        assert {"activation", "full", "tone", "desk-break", "strengthen-lengthen"} <= set(ids)
        assert ids[-1] == "mine"
        assert r.text("#count") == f"{len(ids)} sessions"
        select(screen, "mine")
        await pilot.pause()
        details = r.text("#details")
        assert "Test session" in details
        assert "mine · your session" in details
        assert "2:00 + 1 wait" in details
        assert "#test #short" in details
        assert "every kind of phase" in details


async def test_a_broken_user_file_shows_its_error_and_does_not_start() -> None:
    write_session(user_dir(), "broken.yaml", BROKEN)
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        assert "broken" in shown_ids(screen)
        select(screen, "broken")
        await pilot.pause()
        details = r.text("#details")
        assert "This file has a problem" in details
        assert "broken.yaml:5" in details and "tempo" in details
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(r.app.screen, PickerScreen)
        assert any("problem" in (n.title or "") for n in r.app._notifications)


async def test_typing_filters_the_list_and_enter_starts_the_match() -> None:
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        await pilot.press(*"tone")
        assert screen.query_one(Input).value == "tone"
        assert screen.query_one(Input).has_focus
        assert shown_ids(screen) == ["tone"]
        assert r.text("#count") == f"1 of {len(screen.entries)}"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(r.app.screen, SessionScreen)
        assert r.app.screen.run.timeline.session.name == "Tone and build"


async def test_filter_words_match_tags_and_escape_clears_the_filter() -> None:
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        await pilot.press(*"desk")
        assert "desk-break" in shown_ids(screen)
        assert all("desk" in " ".join((e.id, e.name, *e.tags, e.description)).lower()
                   for e in screen.shown)
        assert footer_keys(screen)["escape"] == "Clear"
        await pilot.press("escape")
        assert screen.query_one(Input).value == ""
        assert screen.query_one(Input).has_focus
        assert len(screen.shown) == len(screen.entries)
        assert "escape" not in footer_keys(screen)  # nothing to clear


async def test_the_filter_finds_sessions_by_their_exercises() -> None:
    """``rdl`` finds every session with a Romanian deadlift (catalogue id
    romanian-deadlift, known as RDL); a user's own exercise is found by its name
    (``nord``), a user catalogue entry by its id (``my-r``) and its aka (``floor``)."""
    builtin = paths.builtin_sessions_dir()
    with_rdl = {p.stem for p in builtin.glob("*.yaml") if "romanian-deadlift" in p.read_text()}
    assert with_rdl == {"full", "strengthen-lengthen", "tone"}
    write_session(user_dir(), "nordic.yaml", "name: Eccentrics\nsteps:\n"
                  "  - exercise: Nordic curl\n    reps: 5\n  - use: my-raise\n")
    paths.user_catalogue_file().write_text(
        "version: 1\nexercises:\n  my-raise:\n    exercise: Kneeling raise\n"
        "    aka: [GHR on the floor]\n    reps: 6\n", encoding="utf-8")
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        await pilot.press(*"rdl")
        assert set(shown_ids(screen)) == with_rdl
        for typed, found in (("nord", ["nordic"]), ("my-r", ["nordic"]), ("floor", ["nordic"])):
            await pilot.press("escape", *typed)
            assert sorted(shown_ids(screen)) == found, typed


def footer_keys(screen: PickerScreen) -> dict[str, str]:
    """The keys the Footer shows now, with their labels (like the Footer: one per action)."""
    shown: dict[str, str] = {}
    actions: set[str] = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if active.enabled and binding.show and binding.action not in actions:
            actions.add(binding.action)
            shown[binding.key_display or key] = binding.description
    return shown


@pytest.mark.parametrize("typed", ["stretch", "quick", "ecc", "resume", "/x"])
async def test_every_character_typed_goes_to_the_filter_and_nothing_else_happens(
        typed: str) -> None:
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        assert screen.query_one(Input).has_focus  # from the start
        await pilot.press("down", *typed)
        await pilot.pause()
        assert r.app.is_running and r.app.screen is screen  # no stats, no quit, no editor
        assert screen.query_one(Input).value == typed.lstrip("/")
        assert not user_dir().exists() or not any(user_dir().iterdir())  # nothing copied
        assert r.text("#count").endswith(f"of {len(screen.entries)}")


async def test_the_footer_shows_the_keys_of_the_focus() -> None:
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        on_filter = footer_keys(screen)
        assert {"enter": "Start", "ctrl+e": "Edit", "ctrl+s": "Stats", "tab": "List",
                "ctrl+q": "Quit"}.items() <= on_filter.items()
        assert not {"e", "s", "q", "/"} & on_filter.keys()
        await pilot.press("tab")
        assert screen.query_one(OptionList).has_focus
        on_list = footer_keys(screen)
        assert {"enter": "Start", "e": "Edit", "s": "Stats", "/": "Filter",
                "q": "Quit"}.items() <= on_list.items()
        assert not {"ctrl+e", "ctrl+s", "ctrl+q", "tab"} & on_list.keys()
        await pilot.press(*"tone")  # other letters on the list go to the filter
        await pilot.pause()
        assert screen.query_one(Input).has_focus
        assert screen.query_one(Input).value == "tone"


async def test_page_down_home_and_end_move_the_list_from_the_filter() -> None:
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        options = screen.query_one(OptionList)
        await pilot.press("end")
        assert options.highlighted == len(screen.shown) - 1
        await pilot.press("home")
        assert options.highlighted == 0
        await pilot.press("pagedown")
        assert options.highlighted == len(screen.shown) - 1  # fewer rows than a page
        assert screen.query_one(Input).has_focus


async def test_up_down_and_enter_start_the_highlighted_session() -> None:
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        await pilot.press("down", "down", "up")
        expected = screen.shown[1]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(r.app.screen, SessionScreen)
        assert r.app.screen.run.timeline.session.name == expected.name
        assert r.recorders and r.recorder.status is None


async def test_after_a_session_the_summary_returns_to_the_picker() -> None:
    write_session(user_dir(), "mine.yaml")
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select(picker(r.app), "mine")
        await pilot.press("enter")
        await pilot.press("enter")  # end the first wait
        r.move(200.0)
        await pilot.pause()
        assert isinstance(r.app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(r.app.screen, PickerScreen)
        assert r.recorder.status == "finished"


async def test_quitting_a_session_returns_to_the_picker() -> None:
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(r.app.screen, PickerScreen)
        assert r.recorder.status == "quit"


@pytest.mark.parametrize("keys", [("ctrl+q",), ("tab", "q"), ("ctrl+c",)])
async def test_ctrl_q_or_q_on_the_list_quits_from_the_picker(keys: tuple[str, ...]) -> None:
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert not r.app.is_running
    assert r.app.return_value in (0, None, 130)
    assert r.app.exit_status() == (130 if keys == ("ctrl+c",) else 0)


def fake_editor(tmp_path: Path, body: str) -> str:
    """An 'editor': a script that rewrites the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys, pathlib\n{body}\n", encoding="utf-8")
    return f"{sys.executable} {script}"


@pytest.mark.parametrize("keys", [("ctrl+e",), ("tab", "e")])
async def test_e_copies_a_built_in_edits_it_and_validates_it_again(
        tmp_path: Path, keys: tuple[str, ...]) -> None:
    editor = fake_editor(tmp_path, (
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('name: Tone and build', 'name: My tone'))"))
    r = rig(editor=editor)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        count = r.text("#count")
        select(screen, "tone")
        await pilot.press(*keys)
        await pilot.pause()
        copy = user_dir() / "tone.yaml"
        assert copy.is_file()
        assert "name: My tone" in copy.read_text()
        assert screen.selected is not None and screen.selected.path == copy
        assert screen.selected.name == "My tone"
        # One row for tone (the copy, marked as yours), not the built-in beside it.
        assert shown_ids(screen).count("tone") == 1 and r.text("#count") == count
        row = screen.query_one(OptionList).get_option_at_index(shown_ids(screen).index("tone"))
        assert str(row.prompt).startswith("My tone ✎")
        assert "tone · your copy of the built-in" in r.text("#details")
        assert "✎ yours" in r.text("#legend")
        [note] = r.app._notifications
        assert (note.title, note.message) == ("Session is valid",
                                              "tone.yaml, your copy of the built-in")


async def test_e_on_a_user_file_that_becomes_invalid_shows_the_problem(tmp_path: Path) -> None:
    path = write_session(user_dir(), "mine.yaml")
    catalogue = paths.user_catalogue_file()  # an entry since the schema was last written
    catalogue.write_text("exercises:\n  nordic-curl: {exercise: Nordic curl, reps: 5}\n",
                         encoding="utf-8")
    editor = fake_editor(tmp_path, (
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('hold: 20', 'hold: twenty'))"))
    r = rig(editor=editor)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        select(screen, "mine")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "twenty" in path.read_text()
        entry = screen.selected
        assert entry is not None and entry.id == "mine" and entry.error is not None
        notes = [n for n in r.app._notifications if n.title == "mine.yaml has problems"]
        assert notes and "mine.yaml:8:11: steps[1].hold" in notes[0].message
        assert "This file has a problem" in r.text("#details")
        # e wrote the schema beside your sessions afresh: use: completes your new id too
        schema = json.loads((user_dir().parent / "session.schema.json").read_text("utf-8"))
        assert schema["$defs"]["catalogueId"]["enum"][-1] == "nordic-curl"


async def test_e_with_a_missing_editor_says_so(tmp_path: Path) -> None:
    write_session(user_dir(), "mine.yaml")
    r = rig(editor=str(tmp_path / "no-such-editor"))
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select(picker(r.app), "mine")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert any(n.title == "Could not edit" for n in r.app._notifications)


@pytest.mark.parametrize("keys", [("ctrl+s",), ("tab", "s")])
async def test_s_opens_the_statistics(keys: tuple[str, ...]) -> None:
    from hamstring_coach.tui.screens.stats import StatsScreen

    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(r.app.screen, StatsScreen)


@pytest.mark.parametrize("keys", [("ctrl+r",), ("tab", "r")])
async def test_r_resumes_the_last_unfinished_run_from_the_real_history(
        keys: tuple[str, ...]) -> None:
    write_session(user_dir(), "mine.yaml")
    # A real run recorded in the SQLite history, quit after the first set.
    first = rig(history=True)
    async with first.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        select(picker(first.app), "mine")
        await pilot.press("enter", "enter")
        first.move(52.0)  # prepare, set 1 both sides, into the rest
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(first.app.screen, PickerScreen)
    second = rig(history=True)
    async with second.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = picker(second.app)
        assert screen.resumable == "Test session"
        assert "ctrl+r" in footer_keys(screen)
        # The legend says what ^r resumes (the sets of the whole session: 2 + 1).
        assert second.text("#legend").startswith("^r resumes Test session (1 of 3 sets done)")
        await pilot.resize_terminal(40, 12)  # narrow: no "^r Resume" pushing Quit off
        shown = await narrow_footer(pilot)
        assert "Quit" in shown and "Resume" not in shown
        assert second.text("#legend").startswith("^r resumes Test session")
        await pilot.resize_terminal(*SIZE)
        await pilot.press(*keys)
        await pilot.pause()
        session = second.app.screen
        assert isinstance(session, SessionScreen)
        engine = session.run.engine
        # Issue 16: not the rest before set 2 (the break was the rest) but a get-ready
        # that says where the session picks up, then set 2's first hold.
        assert engine.leading_in and engine.index == 6
        assert second.text("#banner").replace(" ", "") == "GETREADY"
        assert second.text("#cue") == "Resuming Test session, set 2 of 2, left side"
        assert second.text("#position") == "Set 2/2 · Left side"
        assert second.text("#next") == "Next: Hold 0:20"
        second.move(5.0)
        assert not engine.leading_in and engine.phase is not None
        assert (engine.index, engine.phase.label) == (6, "Hold")
        await pilot.press("ctrl+c")


async def test_every_mark_on_the_rows_has_a_legend() -> None:
    write_session(user_dir(), "mine.yaml")
    write_session(user_dir(), "broken.yaml", BROKEN)
    r = rig()
    async with r.app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        assert r.text("#legend") == "✎ yours · ⚠ broken · + waits for you"
        for typed, legend in (("test", "✎ yours · + waits for you"), ("tone", None),
                              ("broken", "⚠ broken")):
            await pilot.press("escape", *typed)
            shown = screen.query_one("#legend", Static)
            assert (str(shown.content) if shown.display else None) == legend, typed


async def test_a_broken_file_toast_names_it_from_the_sessions_folder_once() -> None:
    """Enter again on a broken file: one toast, not a stack; its file as in the sessions
    folder, and at 40 columns its lines break between words."""
    from textual.widgets._toast import Toast

    write_session(user_dir(), "broken.yaml", BROKEN)
    r = rig()
    async with r.app.run_test(size=(40, 12), notifications=True) as pilot:
        await pilot.pause()
        select(picker(r.app), "broken")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        [note] = r.app._notifications
        assert note.message.startswith("broken.yaml:5:12: steps[0].tempo: expected four")
        [toast] = r.app.screen.query(Toast)
        lines = [strip.text.strip("▌ ")  # less its border
                 for strip in toast.render_lines(toast.region.reset_offset)]
        assert " ".join(lines).split() == ["This", "session", "has", "a", "problem",
                                           *note.message.split()], lines
        assert "This file has a problem:\nbroken.yaml:5:12:" in r.text("#details")


async def narrow_footer(pilot: Pilot[Any]) -> list[str]:
    """The Footer's labels once it is drawn for 40 columns (a hang guard of 10 s)."""
    for _ in range(500):
        bars = list(pilot.app.screen.query(CoachFooter))
        if bars and bars[0].compact and bars[0].drawn and all(
                0 < at.end <= 40 for at in bars[0].drawn) and bars[0].region.right <= 40:
            return [at.key.description for at in bars[0].drawn]
        await pilot.pause(0.02)
    raise AssertionError("the Footer was never drawn for 40 columns")


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_the_picker_works_at_both_sizes(size: tuple[int, int]) -> None:
    r = rig()
    async with r.app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = picker(r.app)
        assert not screen.too_small
        assert screen.query_one(OptionList).region.height >= 3


async def test_a_player_warning_shows_once_per_app_run_in_the_top_bar() -> None:
    """Not a toast over the progress line at every session start: once, in the top bar."""
    r = rig()
    r.player.warning = "No sound device: using the terminal bell"
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert r.text("#session-name") == "⚠ No sound device: using the terminal bell"
        assert r.screen.query_one("#session-name").has_class("-warning")
        assert not r.app._notifications  # nothing covers the session's lines
        await pilot.press("q", "y")
        await pilot.pause()
        await pilot.press("enter")  # a second session in the same run
        await pilot.pause()
        r.screen.tick()
        assert r.text("#session-name") == "Hamstring activation"
