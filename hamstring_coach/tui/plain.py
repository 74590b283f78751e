"""Text from files on screen: never markup, never a control character.

:func:`plain` makes a Textual :class:`~textual.content.Content` (which never
parses markup) of escaped text; :class:`PlainStatic` is a ``Static`` that
shows every string it is given that way. The screens use these for every
text that may come from a session, the catalogue or the history: a
``[@click=app.quit]`` in a cue shows as those characters and does nothing
when clicked, and an ESC shows as ``\\x1b``.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Static

from hamstring_coach.format.plaintext import escape_controls, one_line

__all__ = ["PlainStatic", "escape_controls", "one_line", "plain", "plain_text"]


def plain(text: str, style: str = "") -> Content:
    """``text`` as Content: shown exactly, control characters escaped."""
    content = Content(escape_controls(text))
    return content.stylize(style) if style else content


def plain_text(text: str, style: str = "") -> Text:
    """``text`` as a Rich Text (no markup), control characters escaped."""
    return Text(escape_controls(text), style)


class PlainStatic(Static):
    """A Static for text from outside: strings are shown as text, never as markup."""

    def __init__(self, content: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(plain(content), id=id, classes=classes, markup=False)
        self.shown: str = content  # the string last given, before its controls were escaped

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show ``content``; a string is escaped and never parsed as markup."""
        self.shown = content if isinstance(content, str) else str(content)
        super().update(plain(content) if isinstance(content, str) else content, layout=layout)
