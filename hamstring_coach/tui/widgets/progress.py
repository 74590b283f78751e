"""Session progress: a bar with the time done and the time left."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

BAR_DONE = "#5fafff"
BAR_TODO = "#444444"


class SessionProgress(Widget):
    """``3:12 ━━━━━━━╺━━━━━━━━ 8:40 left``; set with :meth:`show`."""

    DEFAULT_CSS = """
    SessionProgress {
        width: 1fr;
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._state: tuple[float, str, str] = (0.0, "0:00", "0:00")

    def show(self, fraction: float, elapsed: str, remaining: str) -> None:
        """Update; refreshes only when the text or a bar cell changes."""
        bar = self._bar_width(elapsed, remaining)
        old_fraction, old_elapsed, old_remaining = self._state
        self._state = (fraction, elapsed, remaining)
        if (elapsed, remaining) != (old_elapsed, old_remaining) or round(
                fraction * bar) != round(old_fraction * bar):
            self.refresh()

    def _bar_width(self, elapsed: str, remaining: str) -> int:
        return max(0, self.size.width - len(elapsed) - len(remaining) - len(" left") - 2)

    def render(self) -> RenderResult:
        """Elapsed, the bar, remaining."""
        fraction, elapsed, remaining = self._state
        bar = self._bar_width(elapsed, remaining)
        done = round(max(0.0, min(1.0, fraction)) * bar)
        text = Text(no_wrap=True, overflow="crop")
        text.append(elapsed, Style(bold=True))
        text.append(" ")
        text.append("━" * done, Style(color=BAR_DONE))
        text.append("━" * (bar - done), Style(color=BAR_TODO))
        text.append(" ")
        text.append(remaining, Style(bold=True))
        # The space unstyled: at the start of a dim run, after a bold one, it was lost
        # on screen ("0:04left").
        text.append(" ")
        text.append("left", Style(dim=True))
        return text
