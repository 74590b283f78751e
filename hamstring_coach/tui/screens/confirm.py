"""A yes/no question over the current screen (quit mid-session)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from hamstring_coach.tui.plain import PlainStatic


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True (y, Enter on Yes) or False (n, Escape, No)."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        background: $background 60%;
    }
    ConfirmScreen > Vertical {
        width: 60;
        max-width: 100%;
        height: auto;
        padding: 1 2;
        border: round $warning;
        background: $surface;
    }
    ConfirmScreen #question {
        width: 1fr;
        text-style: bold;
        margin-bottom: 1;
    }
    ConfirmScreen #detail {
        width: 1fr;
        color: $text-muted;
        margin-bottom: 1;
    }
    ConfirmScreen Horizontal {
        width: auto;
        height: auto;
    }
    ConfirmScreen Button {
        margin-right: 2;
        min-width: 10;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str = "Yes",
                 no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        """The question, a detail line and two buttons."""
        with Vertical():
            yield PlainStatic(self.question, id="question")  # may name a session
            if self.detail:
                yield PlainStatic(self.detail, id="detail")
            with Horizontal():
                yield Button(f"{self.yes} (y)", id="yes", variant="error", compact=True)
                yield Button(f"{self.no} (n)", id="no", variant="primary", compact=True)

    def on_mount(self) -> None:
        """Focus "No": Enter alone should not lose the session."""
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button answers the question."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """y / n / Escape."""
        self.dismiss(answer)
