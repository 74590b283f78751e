"""The hostile corpus on screen, under Pilot: markup shows as written and does nothing.

A session whose every text field holds one payload is started from the
picker and walked through, phase by phase, to the summary; the rendered
screen (Textual's strips, what the terminal is sent) must show the payload
literally and hold no control character. ``[@click=...]`` payloads are
clicked on every cell where they show: no screenshot file appears and the
app does not quit. Controls cannot come from a file (refused at load), but
a session built in memory or an old history still holds them: the screens
escape them anyway.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_corpus import (
    CONTROL,
    FIELD_KEYS,
    MARKUP,
    in_memory_session,
    screen_controls,
    screen_lines,
    session_text,
    write_user_session,
)
from matrix import sampled
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from tui_support import RecordingPlayer, rig, until

from hamstring_coach.format.plaintext import escape_controls, one_line
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.tui.screens.picker import PickerScreen
from hamstring_coach.tui.screens.session import SessionScreen
from hamstring_coach.tui.screens.summary import SummaryScreen
from hamstring_coach.tui.widgets.banner import spaced

SIZE = (120, 36)


def bare(text: str) -> str:
    """Text without its whitespace (the screen turns tabs into spaces, centres labels)."""
    return "".join(text.split())


def on_screen(app: App[object], text: str) -> bool:
    return any(bare(text) in bare(line) for line in screen_lines(app))


def clean(app: App[object]) -> None:
    assert screen_controls(app) == [], screen_lines(app)


async def click_everywhere(pilot: Pilot[object], app: App[object], text: str,
                           within: Region | None = None) -> int:
    """Click where ``text`` shows on screen (its first cell and its middle); how many.

    Markup parsed by mistake would put its action on the visible words, which
    start where the text starts.
    """
    clicks = 0
    for y, line in enumerate(screen_lines(app)):
        x = line.find(text)
        while x >= 0:
            for dx in sorted({0, len(text) // 2}):
                if within is None or within.contains(x + dx, y):
                    await pilot.click(offset=(x + dx, y))
                    clicks += 1
            x = line.find(text, x + 1)
    await pilot.pause()
    return clicks


def payloads() -> dict[str, str]:
    shots = {"click-screenshot-here": '[@click=app.screenshot("shot.svg",".")]shoot[/]',
             "click-screen-action": "[@click=screen.quit_session]q[/]",
             "textual-variables": "[$accent]accent[/] [on $error]x[/]"}
    return {**MARKUP, **shots}


async def start_from_picker(pilot: Pilot[object], app: App[object]) -> None:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PickerScreen)
    options = screen.query_one(OptionList)
    options.highlighted = [e.id for e in screen.shown].index("hostile")
    await pilot.pause()


CLICKED = ("click-screenshot-here", "click-screen-action", "click-quit", "link")
# A walk through a session takes seconds under Pilot: these (each kind of markup and
# control: close tag, styles, a click, formulas, RTL, tab, CSI, OSC 52, C1, bidi, NUL,
# backspace) run by default, every other payload with -m soak.
QUICK = ("click-screenshot-here", "close-tag", "styles", "csv-formula", "rtl-text", "tab",
         "csi-colour", "osc52-clipboard", "c1-csi", "rlo", "nul", "backspace")


def tiered(names: list[str]) -> list[object]:
    return sampled(names, QUICK)


@pytest.mark.parametrize("name", tiered([*MARKUP, "click-screenshot-here",
                                         "click-screen-action", "textual-variables"]))
async def test_markup_in_every_field_shows_as_written_and_does_nothing(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where a default screenshot would land
    text = payloads()[name]
    clicking = name in CLICKED  # (a click costs a tenth of a second under Pilot)

    async def click(within: Region | None = None) -> int:
        return await click_everywhere(pilot, r.app, text, within) if clicking else 0

    write_user_session(Path(os.environ["HAMSTRING_COACH_CONFIG_DIR"]), "hostile",
                       session_text(dict.fromkeys(FIELD_KEYS, text)))
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await start_from_picker(pilot, r.app)
        # The picker: the name in the list and the details; tags; the description.
        assert await until(pilot, lambda: on_screen(r.app, text)
                           and on_screen(r.app, f"#{text}"))
        clean(r.app)
        # The details pane (a click on a list row starts that session, as it should).
        details = r.app.screen.query_one("#details").region
        clicks = await click(within=details)
        assert isinstance(r.app.screen, PickerScreen) and r.app.is_running
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(r.app.screen, SessionScreen)
        seen: list[str] = []
        while isinstance(r.app.screen, SessionScreen):
            clean(r.app)
            seen.append("\n".join(screen_lines(r.app)))
            clicks += await click()
            assert isinstance(r.app.screen, SessionScreen) and r.app.is_running
            await pilot.press("n")
            await pilot.pause()
        # Every field was on screen, as written: name, exercise, load, cue, note, tempo
        # label (the banner spaces its letters out), tempo cue, cue step, rest cue.
        everything = bare("\n".join(seen))
        assert everything.count(bare(text)) >= 9 + 5  # each field, and in "Next:" lines
        assert bare(f"{text}·{text}") in everything  # "exercise · load"
        assert bare(f"· {text}") in everything  # a note
        assert bare(spaced(text)) in everything  # the tempo label in the banner
        assert isinstance(r.app.screen, SummaryScreen)
        assert on_screen(r.app, text)  # the session's name and the exercise in the table
        clean(r.app)
        clicks += await click()
        assert isinstance(r.app.screen, SummaryScreen) and r.app.is_running
    assert clicks > 0 or not clicking
    assert list(tmp_path.glob("*.svg")) == []  # no screenshot, in cwd or the path given


async def test_the_click_check_catches_markup_that_is_parsed(tmp_path: Path) -> None:
    """Control case: a Static that parses markup runs the action when clicked there."""
    text = payloads()["click-screenshot-here"].replace('"."', f'"{tmp_path}"')

    class Unsafe(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(text)

    app = Unsafe()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.click(offset=(1, 0))
        await pilot.pause()
    assert [p.name for p in tmp_path.glob("*.svg")] == ["shot.svg"]


@pytest.mark.parametrize("name", tiered(list(CONTROL)))
async def test_a_file_with_a_control_character_is_shown_broken_and_escaped(name: str) -> None:
    text, code = CONTROL[name]
    write_user_session(Path(os.environ["HAMSTRING_COACH_CONFIG_DIR"]), "hostile",
                       session_text({"name": text, "cue": text}))
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await start_from_picker(pilot, r.app)
        assert await until(pilot, lambda: on_screen(r.app, "This file has a problem"))
        assert on_screen(r.app, f"U+{code:04X}") or code >= 0xD800
        clean(r.app)
        await pilot.press("enter")  # refused with a toast naming the problem
        await pilot.pause()
        assert isinstance(r.app.screen, PickerScreen)
        clean(r.app)




@pytest.mark.parametrize("name", tiered([n for n in CONTROL if n != "lone-surrogate"]))
async def test_control_characters_that_get_past_the_loader_are_escaped_on_screen(
        name: str) -> None:
    text, _ = CONTROL[name]
    r = rig(timeline=compile_session(in_memory_session(text)),
            player=RecordingPlayer(warning=f"sound file {text}.wav is odd"))
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while isinstance(r.app.screen, SessionScreen):
            clean(r.app)
            assert on_screen(r.app, one_line(text)) or on_screen(r.app, escape_controls(text))
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(r.app.screen, SummaryScreen)
        clean(r.app)
