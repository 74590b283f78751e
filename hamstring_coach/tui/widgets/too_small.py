"""The plain notice shown instead of a screen when the terminal is too small."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH = 40
MIN_HEIGHT = 12


class TooSmall(Static):
    """Hidden until the screen gets the ``-tiny`` class (see ``CoachScreen``)."""

    DEFAULT_CSS = """
    TooSmall {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """

    def __init__(self) -> None:
        super().__init__(
            f"Terminal too small — make it at least {MIN_WIDTH}×{MIN_HEIGHT}", id="too-small")
