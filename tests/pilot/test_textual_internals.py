"""The Textual internals the app relies on, each checked by name, signature and behaviour.

pyproject holds Textual to the minor release tested (``textual>=8.2.8,<8.3``).
Widening that range means running this file first: each test names the one
private piece of Textual it guards and which part of the app uses it, so an
upgrade that moved or changed it fails here, loudly, instead of as a silent
crash report that no longer appears, a Footer that drew the wrong keys, or
break mode's memory growing again.

- ``App._handle_exception(error)``: overridden by ``tui/app.py`` (keep the error
  for the crash report, close the history as crashed) and called by
  ``tui/screens/session.py`` for an error in the deadline wake-up (a plain
  event-loop timer, outside Textual's message pump).
- ``App._print_error_renderables()`` and ``App._exit_renderables``: overridden
  by ``tui/app.py`` so the CLI prints one line naming the crash report instead
  of Textual's traceback.
- ``events.ScreenResume.refresh_styles``: set to False by
  ``tui/screens/base.py`` the first time a screen comes to the top (it was
  just styled as it mounted), so Textual does not restyle it all again.
- ``Screen._compositor.render_strips()``: read here only, to compare
  ``tui/widgets/footer.py`` (one widget drawing the keys as Textual's Footer
  lays them out) with Textual's Footer cell for cell, so a Footer that looks
  different after an upgrade fails here.
- ``textual._styles_cache.StylesCache.get_inner_outer`` (an ``lru_cache``):
  cleared by ``tui/screens/all_day.py`` after each break session.
"""

from __future__ import annotations

import inspect
from typing import Any, ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

UPGRADE = ("Textual {version} changed an internal hamstring-coach relies on ({what}); "
           "see tests/pilot/test_textual_internals.py before widening pyproject's textual range")


def _fail(what: str) -> str:
    import textual

    return UPGRADE.format(version=textual.__version__, what=what)


def _params(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


# -- App._handle_exception --------------------------------------------------------


def test_handle_exception_is_there_with_one_error_argument() -> None:
    assert callable(getattr(App, "_handle_exception", None)), _fail("App._handle_exception gone")
    assert _params(App._handle_exception) == ["self", "error"], _fail(
        f"App._handle_exception{inspect.signature(App._handle_exception)}")


class _Crashing(App[None]):
    """An app whose key handler raises, recording what Textual calls."""

    BINDINGS: ClassVar[list[Any]] = [Binding("x", "explode", "Explode")]

    def __init__(self) -> None:
        super().__init__()
        self.handled: list[Exception] = []
        self.printed: list[int] = []

    def compose(self) -> ComposeResult:
        yield Static("ready")

    def action_explode(self) -> None:
        raise RuntimeError("boom")

    def _handle_exception(self, error: Exception) -> None:
        self.handled.append(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        self.printed.append(len(self._exit_renderables))
        self._exit_renderables.clear()


async def test_an_error_in_a_handler_goes_through_handle_exception_and_ends_the_app() -> None:
    app = _Crashing()
    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test() as pilot:
            await pilot.press("x")
            await pilot.pause()
    assert [str(e) for e in app.handled] == ["boom"], _fail(
        "an error in an action no longer reaches App._handle_exception")
    assert app.return_code == 1, _fail("App._handle_exception no longer exits with status 1")


async def test_handle_exception_called_from_a_loop_timer_ends_the_app() -> None:
    """What the session screen does for an error in its deadline wake-up."""
    import asyncio

    app = _Crashing()
    with pytest.raises(RuntimeError, match="late"):
        async with app.run_test():
            asyncio.get_running_loop().call_soon(app._handle_exception, RuntimeError("late"))
            for _ in range(200):  # a hang guard, not a timing: the app must stop
                if not app.is_running:
                    break
                await asyncio.sleep(0.01)
            assert not app.is_running, _fail(
                "App._handle_exception from outside the message pump no longer ends the app")
    assert app.return_code == 1


# -- App._print_error_renderables / App._exit_renderables ---------------------------


def test_print_error_renderables_is_there_and_takes_nothing() -> None:
    function = getattr(App, "_print_error_renderables", None)
    assert callable(function), _fail("App._print_error_renderables gone")
    assert _params(function) == ["self"], _fail(
        f"App._print_error_renderables{inspect.signature(function)}")
    assert isinstance(App()._exit_renderables, list), _fail("App._exit_renderables not a list")


def test_run_hands_the_traceback_to_print_error_renderables_once() -> None:
    """A crashed run() ends by calling it with the traceback queued in _exit_renderables."""

    class CrashOnMount(_Crashing):
        def on_mount(self) -> None:
            raise RuntimeError("on mount")

    app = CrashOnMount()
    app.run(headless=True)
    assert [str(e) for e in app.handled] == ["on mount"]
    assert app.printed and app.printed[-1] >= 1, _fail(
        "run() no longer passes the crash's traceback to App._print_error_renderables")
    assert app.return_code == 1


# -- events.ScreenResume.refresh_styles ----------------------------------------------


def test_screen_resume_still_says_whether_to_restyle() -> None:
    from textual import events
    from textual.screen import Screen

    assert events.ScreenResume().refresh_styles is True, _fail("ScreenResume.refresh_styles")
    assert "refresh_styles" in inspect.getsource(Screen._on_screen_resume), _fail(
        "Screen._on_screen_resume no longer reads refresh_styles")


# -- Textual's Footer, drawn by tui/widgets/footer.py -------------------------------


class _Keys(App[None]):
    BINDINGS: ClassVar[list[Any]] = [
        Binding("q", "quit", "Quit"), Binding("m", "mute", "Mute"),
        Binding("s", "skip", "Skip", tooltip="Skip this phase"),
        Binding("d", "nothing", "Dim"),  # offered but disabled: drawn dim
        Binding("plus", "more", "More time", group=Binding.Group("±10s")),
        Binding("minus", "less", "Less time", group=Binding.Group("±10s")),
        Binding("left", "back", "Back", group=Binding.Group("Move", compact=True)),
        Binding("right", "on", "On", group=Binding.Group("Move", compact=True)),
    ]

    def __init__(self, footer: Any) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield self.footer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "nothing" else True

    def action_mute(self) -> None:
        """Bound so the key shows."""

    def action_skip(self) -> None:
        """Bound so the key shows."""


async def _bottom_row(footer: Any, width: int) -> list[tuple[str, Any, Any, bool, bool]]:
    """The last line of the screen, cell by cell: (character, colour, background,
    bold, dim), once the Footer has drawn its keys."""
    app = _Keys(footer)
    async with app.run_test(size=(width, 6)) as pilot:
        await pilot.pause()
        if hasattr(footer, "fit"):
            footer.fit(width)
        for _ in range(100):  # the keys appear once the bindings are published
            strips = app.screen._compositor.render_strips()
            if "Quit" in strips[-1].text:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        await pilot.pause()
        row = app.screen._compositor.render_strips()[-1]
    cells = []
    for segment in row:
        style = segment.style
        assert style is not None
        for char in segment.text:  # a space shows its background only
            shown = char != " "
            cells.append((char, style.color if shown else None, style.bgcolor,
                          shown and bool(style.bold), shown and bool(style.dim)))
    return cells


@pytest.mark.parametrize("width", [100, 60])
async def test_the_coach_footer_draws_the_cells_textuals_footer_draws(width: int) -> None:
    """CoachFooter lays out Textual's Footer in one widget: the same characters,
    colours and spacing for plain keys, a disabled key, a group, a compact group and
    the palette hint (at 100 columns; compact, without it, at 60)."""
    from textual.widgets import Footer

    from hamstring_coach.tui.widgets.footer import CoachFooter

    class Stock(Footer):
        # The app's one change: compact, Textual ran a group's label into the next
        # key ("SkipmMute").
        DEFAULT_CSS = "Stock.-compact FooterLabel { margin: 0 1 0 0; }"

    stock = await _bottom_row(Stock(compact=width < 80, show_command_palette=width >= 80),
                              width)
    ours = await _bottom_row(CoachFooter(width=width), width)
    assert "".join(cell[0] for cell in stock).strip(), _fail("Textual's Footer drew nothing")
    assert ours == stock, _fail(
        "Textual's Footer now draws\n" + "".join(c[0] for c in stock) + "\nCoachFooter\n"
        + "".join(c[0] for c in ours))


# -- textual._styles_cache.StylesCache.get_inner_outer -------------------------------


async def test_the_styles_memo_break_mode_clears_is_an_lru_cache_that_fills() -> None:
    try:
        from textual._styles_cache import StylesCache
    except ImportError as error:
        pytest.fail(_fail(f"textual._styles_cache: {error}"))
    memo = StylesCache.get_inner_outer
    for name in ("cache_clear", "cache_info"):
        assert callable(getattr(memo, name, None)), _fail(
            f"StylesCache.get_inner_outer has no {name}: is it still an lru_cache?")
    from hamstring_coach.tui.screens.all_day import release_render_caches

    memo.cache_clear()
    app = _Keys(Footer())
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert memo.cache_info().currsize > 0, _fail(
            "rendering no longer fills StylesCache.get_inner_outer")
        release_render_caches()
        assert memo.cache_info().currsize == 0
