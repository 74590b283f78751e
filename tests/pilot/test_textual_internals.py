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
- ``textual.widgets._footer`` (``FooterKey``, ``FooterLabel``, ``KeyGroup``) and
  ``Footer._bindings_ready``: ``tui/widgets/footer.py`` re-lays Textual's Footer.
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


# -- textual.widgets._footer and Footer._bindings_ready -----------------------------


def test_the_footer_pieces_are_where_the_coach_footer_imports_them() -> None:
    try:
        from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup
    except ImportError as error:
        pytest.fail(_fail(f"textual.widgets._footer: {error}"))
    assert _params(FooterKey.__init__)[:5] == [
        "self", "key", "key_display", "description", "action"], _fail(
        f"FooterKey{inspect.signature(FooterKey.__init__)}")
    for keyword in ("disabled", "tooltip", "classes"):
        assert keyword in _params(FooterKey.__init__), _fail(f"FooterKey({keyword}=) gone")
    assert hasattr(FooterKey, "compact"), _fail("FooterKey.compact reactive gone")
    assert issubclass(FooterLabel, Static) or callable(FooterLabel)
    assert callable(KeyGroup)
    assert hasattr(Footer, "_bindings_ready"), _fail("Footer._bindings_ready gone")


class _Keys(App[None]):
    BINDINGS: ClassVar[list[Any]] = [Binding("q", "quit", "Quit"), Binding("m", "mute", "Mute"),
                                     Binding("s", "skip", "Skip")]

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield self.footer

    def action_mute(self) -> None:
        """Bound so the key shows."""

    def action_skip(self) -> None:
        """Bound so the key shows."""


async def _shown(footer: Footer) -> list[tuple[str, str]]:
    from textual.widgets._footer import FooterKey

    app = _Keys(footer)
    async with app.run_test(size=(100, 10)) as pilot:
        for _ in range(100):  # the keys appear once the bindings are ready
            if footer._bindings_ready and footer.query(FooterKey):
                break
            await pilot.pause(0.01)
        await pilot.pause()
        return [(key.key_display, key.description) for key in footer.query(FooterKey)]


async def test_the_coach_footer_shows_what_textuals_footer_shows_when_wide() -> None:
    """CoachFooter.compose mirrors Footer.compose: at full width the same keys appear."""
    from hamstring_coach.tui.widgets.footer import CoachFooter

    stock = await _shown(Footer())
    ours = await _shown(CoachFooter())
    assert stock, _fail("Textual's Footer shows no FooterKey children")
    assert sorted(ours) == sorted(stock), _fail(
        f"Textual's Footer now shows {stock}; CoachFooter's copy of its layout {ours}")


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
