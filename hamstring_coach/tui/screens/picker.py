"""The session picker: built-in and user sessions, a filter, details, start or edit.

The filter has the focus from the start and keeps every printable
character ("/" only focuses it); Up, Down, Page Up/Down, Home and End
move the list's highlight from there, Enter starts the highlighted
session, Ctrl+E edits it, Ctrl+S shows the statistics, Ctrl+R resumes the
last unfinished run, Escape clears the filter, Ctrl+Q (or Ctrl+C) quits.
On the list (Tab, or a click) the plain letters e, s, r and q do the same;
any other character typed there goes to the filter. A broken user file is
listed with its first problem instead of breaking the list. A user's copy of
a built-in (after Ctrl+E on it) is listed in the built-in's place, one row.
Under the list a legend says what each mark on the rows means and what
Ctrl+R resumes. The picker shows one toast at a time, naming files from the
sessions folder.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, Static

from hamstring_coach.format.errors import SessionFileError
from hamstring_coach.run.library import SessionEntry, compile_file, discover
from hamstring_coach.textfmt import plural
from hamstring_coach.tui.entries import (
    entry_details,
    legend,
    matches,
    shown_problem,
    today_first,
)
from hamstring_coach.tui.nexttime import NextTime, next_time
from hamstring_coach.tui.resumenote import last_unfinished_run, resume_words
from hamstring_coach.tui.screens.base import CoachScreen
from hamstring_coach.tui.screens.editing import EditOutcome, edit_session, outcome_toast
from hamstring_coach.tui.today import TodayView, load_today
from hamstring_coach.tui.widgets.footer import CoachFooter
from hamstring_coach.tui.widgets.session_list import FilterInput, SessionList
from hamstring_coach.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from hamstring_coach.history.resume import ResumePoint
    from hamstring_coach.tui.app import CoachApp

STATS_MODULE = "hamstring_coach.tui.screens.stats"
LIST_LETTERS = frozenset("esrq")  # commands when the list has the focus


class PickerScreen(CoachScreen):
    """Choose a session to run."""

    CSS_PATH = Path(__file__).with_name("picker.tcss")
    # Two sets of command keys, one per focus (check_action shows only the
    # set that works where the focus is): the filter keeps every printable
    # character, so there the commands are Ctrl keys; on the list (Tab or a
    # click) the plain letters work too. Priority: the filter's own Ctrl+E
    # (end of line), Home/End and "/" must not win.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", priority=True),
        Binding("ctrl+e", "edit", "Edit", priority=True),
        Binding("e,ctrl+e", "list_edit", "Edit", key_display="e"),
        Binding("ctrl+s", "stats", "Stats", priority=True),
        Binding("s,ctrl+s", "list_stats", "Stats", key_display="s"),
        Binding("ctrl+r", "resume", "Resume", priority=True),
        Binding("r,ctrl+r", "list_resume", "Resume", key_display="r"),
        Binding("slash", "filter", "Filter", key_display="/", priority=True),
        Binding("slash", "focus_filter", "Filter", show=False, priority=True),
        Binding("escape", "clear_filter", "Clear", priority=True),
        Binding("tab", "focus_list", "List"),
        Binding("tab,shift+tab", "filter", "Filter", show=False),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("home", "move(-100000)", "First", show=False, priority=True),
        Binding("end", "move(100000)", "Last", show=False, priority=True),
        Binding("ctrl+q", "quit_app", "Quit", priority=True),
        Binding("q,ctrl+q", "list_quit", "Quit", key_display="q"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[SessionEntry] = []
        self.resume_point: ResumePoint | None = None  # the run ``r`` would resume
        self.today: TodayView | None = None  # the programme today (None without one)
        self.next_up: dict[Path, NextTime] = {}  # the details pane's "Next time", by file
        # Characters typed on the list go to the filter; focus moves a moment
        # later, so until it has, further characters (even e, s, r, q) follow.
        self._typing = False

    @property
    def coach(self) -> CoachApp:
        """The app, typed."""
        # tui.app imports the screens: a module-level import would be a cycle
        from hamstring_coach.tui.app import CoachApp

        assert isinstance(self.app, CoachApp)
        return self.app

    @property
    def resumable(self) -> str | None:
        """The session name of the run ``r`` would resume, if any."""
        return None if self.resume_point is None else self.resume_point.session_name

    def compose(self) -> ComposeResult:
        """Title, filter, list and details."""
        with Horizontal(id="top"):
            yield Static("Choose a session", id="title")
            yield Static("", id="count")
        yield FilterInput(placeholder="Type to filter: name, tag, exercise…", id="filter",
                    compact=True, select_on_focus=False)
        with Horizontal(id="body"):
            yield SessionList(id="sessions")
            with VerticalScroll(id="details-box"):
                yield Static("", id="details")
        yield Static("", id="legend")
        # Narrow, "^r Resume" pushed Quit off the row: the legend says what ^r resumes.
        yield CoachFooter(narrow_hidden=frozenset({"focus_list", "clear_filter", "resume",
                                                   "list_resume"}))
        yield TooSmall()

    def on_mount(self) -> None:
        """Load the sessions; the filter has the focus, so typing filters at once."""
        self.reload()
        self.query_one(Input).focus()

    # -- the list ---------------------------------------------------------
    def reload(self, select: Path | None = None) -> None:
        """Read the session folders again (after an edit, or back from a session)."""
        current = self.selected
        keep = select or (current.path if current is not None else None)
        self.today = load_today(self.coach.config.today())
        # A user's copy of a built-in is listed in its place (one row, marked as theirs).
        self.entries = today_first([e for e in discover() if not e.shadowed], self.today)
        self.next_up.clear()  # back from a run: the history has moved on
        self.resume_point = last_unfinished_run()
        self._fill(keep)
        self.refresh_bindings()

    @property
    def shown(self) -> list[SessionEntry]:
        """The sessions the filter lets through, in the list's order."""
        return self.query_one(SessionList).shown

    def _fill(self, keep: Path | None = None) -> None:
        query = self.query_one(Input).value
        sessions = self.query_one(SessionList)
        sessions.show([e for e in self.entries if matches(e, query)], self.today, keep)
        width = self.size.width - 2  # the screen's padding
        key = None if self.resume_point is None else resume_words(self.resume_point, width)
        note = legend(sessions.marks, width, key)
        self.query_one("#legend", Static).update(note)
        self.query_one("#legend", Static).display = bool(note.plain)
        # On a short terminal (no border) today's headline is in place of the title.
        headline = self.today.headline if self.today else ""
        compact = self.has_class("-h-compact") and headline
        self.query_one("#title", Static).update(
            Text(headline) if compact else "Choose a session")
        self.refresh_bindings()
        total = len(self.entries)
        self.query_one("#count", Static).update(
            f"{len(self.shown)} of {total}" if query else plural(total, "session"))
        self._show_details()

    def on_resize(self, event: events.Resize) -> None:
        """Re-pad the rows to the list's new width."""
        self.call_after_refresh(self._fill, self.selected.path if self.selected else None)

    @property
    def selected(self) -> SessionEntry | None:
        """The highlighted session, if any."""
        return self.query_one(SessionList).selected if self.is_mounted else None

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._show_details()
        self.refresh_bindings()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_start()

    def _show_details(self) -> None:
        entry = self.selected
        details = self.query_one("#details", Static)
        if entry is None:
            details.update(Text("No session matches the filter.", "dim"))
        else:
            details.update(entry_details(entry, self._next_of(entry)))

    def _next_of(self, entry: SessionEntry) -> NextTime:
        """What next time will be for ``entry`` (read once per visit of the picker)."""
        if entry.error is not None:
            return ()
        if entry.path not in self.next_up:
            from hamstring_coach.format import load_session
            from hamstring_coach.format.errors import SessionFileError

            try:
                self.next_up[entry.path] = next_time(load_session(entry.path,
                                                                  session_id=entry.id))
            except SessionFileError:  # changed since the list was read: Enter says why
                self.next_up[entry.path] = ()
        return self.next_up[entry.path]

    # -- filtering --------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill(self.selected.path if self.selected else None)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_start()

    def on_key(self, event: events.Key) -> None:
        """A character typed on the list (not one of its command letters) starts the filter."""
        filter_input = self.query_one(Input)
        if filter_input.has_focus or event.character is None or not event.is_printable:
            return
        if not self._typing and event.character in LIST_LETTERS:
            return
        self._typing = True
        event.stop()
        event.prevent_default()
        filter_input.focus()
        filter_input.insert_text_at_cursor(event.character)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The Footer follows the focus (the filter's keys or the list's)."""
        if isinstance(event.widget, Input):
            self._typing = False
        self.refresh_bindings()

    @property
    def list_keys(self) -> bool:
        """True when the plain letters are commands (the list has the focus)."""
        return not self._typing and not self.query_one(Input).has_focus

    def action_filter(self) -> None:
        """Move into the filter (/); a "/" is never typed into it."""
        filter_input = self.query_one(Input)
        if not filter_input.has_focus:
            self._typing = True
            filter_input.focus()

    def action_focus_filter(self) -> None:
        """"/" in the filter: it already has the focus."""
        self.action_filter()

    def action_focus_list(self) -> None:
        """Tab: the list, where the plain letters are commands."""
        self._typing = False
        self.query_one(OptionList).focus()

    def action_clear_filter(self) -> None:
        """Escape: clear the filter and go on typing there."""
        filter_input = self.query_one(Input)
        filter_input.value = ""
        self.action_filter()

    def action_move(self, step: int) -> None:
        """Up / Down / Home / End move the highlight, from the filter too."""
        self.query_one(SessionList).move(step)

    def action_page(self, direction: int) -> None:
        """Page Up / Page Down: a list's height at a time."""
        self.query_one(SessionList).page(direction)

    # -- actions ------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Stats only when the history screen exists; start/edit only with a selection."""
        if action.startswith("list_"):
            if not self.list_keys:
                return False
            action = action.removeprefix("list_")
        elif action in ("edit", "stats", "resume", "quit_app") and self.list_keys:
            return False  # the list's own letters are shown (and Ctrl works there too)
        if action in ("focus_filter", "focus_list"):
            return not self.list_keys
        if action == "filter":
            return self.list_keys
        if action == "clear_filter":
            return bool(self.query_one(Input).value)
        if action == "stats":
            return importlib.util.find_spec(STATS_MODULE) is not None
        if action == "resume":
            return self.resumable is not None
        if action in ("start", "edit"):
            return None if self.selected is None else True
        return True

    def action_list_edit(self) -> None:
        """E on the list."""
        self.action_edit()

    def action_list_stats(self) -> None:
        """S on the list."""
        self.action_stats()

    def action_list_resume(self) -> None:
        """R on the list."""
        self.action_resume()

    def action_list_quit(self) -> None:
        """Q on the list."""
        self.action_quit_app()

    def action_start(self) -> None:
        """Start the highlighted session (Enter)."""
        entry = self.selected
        if entry is None:
            return
        if entry.error is not None:
            self.toast(shown_problem(entry.error), "This session has a problem", "error", 10)
            return
        # the history (sqlite3) only when a session starts
        from hamstring_coach.history.prescription import next_timeline

        try:  # next time's prescription, as ``run`` runs it
            timeline = next_timeline(compile_file(entry.path, sid=entry.id).session)[0]
        except SessionFileError as error:
            self.toast(shown_problem(error.first), "This session has a problem", "error", 10)
            self.reload()
            return
        self.coach.start_session(timeline, entry.id)

    def action_edit(self) -> None:
        """Open the highlighted session in $EDITOR (a built-in is copied first)."""
        entry = self.selected
        if entry is None:
            return
        outcome = edit_session(self.coach, entry, self.coach.config.editor,
                               self.coach.config.guard)
        self._report_edit(outcome)

    def _report_edit(self, outcome: EditOutcome) -> None:
        self.reload(select=outcome.path)
        self.toast(*outcome_toast(outcome))

    def toast(self, message: str, title: str, severity: SeverityLevel = "information",
              timeout: float | None = None) -> None:
        """One toast at a time: a new one takes the last one's place (pressing Enter
        again on a broken file shows its problem once, not a stack of them)."""
        self.app.clear_notifications()
        self.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_stats(self) -> None:
        """Show the history statistics (s)."""
        module = importlib.import_module(STATS_MODULE)
        self.app.push_screen(module.StatsScreen())

    def action_resume(self) -> None:
        """Resume the last unfinished run (r)."""
        # the history (sqlite3) only when asked to resume
        from hamstring_coach.history.resume import resume_request

        request, message = resume_request()
        if request is None:
            self.toast(message or "Nothing to resume.", "Resume")
            return
        self.coach.start_session(request.timeline, request.spec,
                                 start_index=request.start_index,
                                 resumed_from=request.resumed_from)

    def action_quit_app(self) -> None:
        """Leave the app (Ctrl+Q; q on the list)."""
        self.app.exit(self.coach.exit_status())
