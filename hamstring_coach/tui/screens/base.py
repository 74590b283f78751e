"""The base of every full screen: size classes and the "too small" notice.

Textual sets breakpoint classes on a screen as the terminal resizes; the
app's stylesheet uses them: ``-w-compact``/``-h-compact`` switch a screen
to its compact layout, ``-w-tiny``/``-h-tiny`` hide everything but the
:class:`TooSmall` notice.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.geometry import Size
from textual.screen import Screen

from hamstring_coach.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

COMPACT_BELOW_WIDTH = 64
COMPACT_BELOW_HEIGHT = 20
FULL_FOOTER_WIDTH = 80


class CoachScreen(Screen[None]):
    """A screen with the app's size breakpoints; subclasses yield ``TooSmall()`` too."""

    # Textual declares these as plain (not ClassVar) attributes, so mypy refuses
    # a ClassVar here; they are never mutated.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-w-tiny"), (MIN_WIDTH, "-w-compact"), (COMPACT_BELOW_WIDTH, "-w-full")]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-h-tiny"), (MIN_HEIGHT, "-h-compact"), (COMPACT_BELOW_HEIGHT, "-h-full")]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The classes Textual gives on the first Resize, given now: added once the
        # screen is built, they would style every widget in it once more before the
        # first frame. (The Resize still sets them as the terminal changes.)
        try:
            size = self.app.size
        except RuntimeError:  # Textual's NoActiveAppError: built outside a running app
            return
        self.add_class(*breakpoint_classes(size, self.HORIZONTAL_BREAKPOINTS,
                                           self.VERTICAL_BREAKPOINTS), update=False)

    _shown_before = False  # False until the screen has first come to the top

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Back on top: the Footer draws the keys anew if they changed while it was
        hidden.

        The first time, as the screen is pushed, it has just been styled as it was
        mounted: Textual's own handler (which runs after this one) would style
        every widget in it once more, as it does for a screen that comes back.
        """
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
        self.refresh_bindings()

    def on_resize(self, event: events.Resize) -> None:
        """Below the full width the Footer drops its padding (and keys) so the rest fit."""
        # By name: the footers' modules load after the first frame, Textual's only
        # for the screens that show it (stats, trends, year, break mode).
        if not self.query("CoachFooter, Footer"):
            return
        from hamstring_coach.tui.widgets.footer import CoachFooter

        width = self.app.size.width  # the terminal's (a screen's padding takes some)
        for footer in self.query(CoachFooter):
            footer.fit(width)
        if self.query("Footer"):
            from textual.widgets import Footer

            for stock in self.query(Footer):
                stock.compact = width < FULL_FOOTER_WIDTH

    @property
    def too_small(self) -> bool:
        """True while the terminal is below the minimum size."""
        return self.has_class("-w-tiny") or self.has_class("-h-tiny")


def breakpoint_classes(size: Size, horizontal: list[tuple[int, str]],
                       vertical: list[tuple[int, str]]) -> set[str]:
    """The breakpoint classes for ``size``: per direction, the highest one reached
    (as Textual picks them)."""
    found: set[str] = set()
    for dimension, points in ((size.width, horizontal), (size.height, vertical)):
        for least, name in sorted(points, reverse=True):
            if dimension >= least:
                found.add(name)
                break
    return found
