"""The summary's list of every set of the run, each with its log prompt (no Textual).

The summary screen moves a cursor over the sets (↑/↓), hands the other keys
to the selected set's :class:`~hamstring_coach.tui.logform.LogForm` and draws
:meth:`SetList.render`. The last set of each exercise (no rest after it to
log it in) is marked until it has been entered; any set can be corrected.
Moving to another set saves what was typed in the one left.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text

from hamstring_coach.run.actuals import Actuals, clean_text
from hamstring_coach.run.session_run import EndedSet
from hamstring_coach.system.records import frozen
from hamstring_coach.textfmt import duration_text
from hamstring_coach.tui.logform import KeyResult, LogForm

Store = Callable[[int, int, Actuals], None]  # (step_index, set_no, values)
NARROW = 60  # columns below which the list is tighter


@frozen
class _Layout:
    """How :meth:`SetList.render` lays the sets out at one width."""

    sets: list[Text]  # each set's number and fields
    names: list[str]  # each set's exercise
    own_lines: bool  # the names on lines of their own
    name_width: int  # else the name column's width


class SetList:
    """The sets of a run with a cursor on the selectable ones."""

    def __init__(self, sets: tuple[EndedSet, ...], store: Store) -> None:
        self.forms = [LogForm(s, saved=s.logged) for s in sets]
        self.store = store
        self.entered = {i for i, f in enumerate(self.forms) if not f.saved.empty}
        self.selectable = [i for i, f in enumerate(self.forms)
                           if not f.empty and not f.ended.skipped]
        todo = [i for i in self.selectable
                if self.forms[i].ended.last_of_exercise and i not in self.entered]
        first = todo or self.selectable
        self.cursor: int | None = first[0] if first else None

    @property
    def form(self) -> LogForm | None:
        """The selected set's prompt."""
        return None if self.cursor is None else self.forms[self.cursor]

    @property
    def dirty(self) -> bool:
        """True while something typed is not saved."""
        return self.form is not None and self.form.dirty

    def move(self, step: int) -> bool:
        """Select the previous (-1) or next (+1) set, saving what was typed; False at an end."""
        if self.cursor is None:
            return False
        place = self.selectable.index(self.cursor) + step
        if not 0 <= place < len(self.selectable):
            return False
        self.commit()
        self.cursor = self.selectable[place]
        return True

    def commit(self) -> None:
        """Save what was typed in the selected set."""
        form = self.form
        if form is not None and form.commit():
            self._store(form)

    def _store(self, form: LogForm) -> None:
        assert self.cursor is not None
        self.entered.add(self.cursor)
        self.store(form.ended.step_index, form.ended.set_no, form.saved)

    def press(self, key: str, character: str | None) -> bool:
        """A key for the selected set's prompt; False when it is not one of its keys."""
        form = self.form
        if form is None:
            return False
        result = form.press(key, character)
        if result is KeyResult.SAVED:
            self._store(form)
        return result is not None

    def render(self, width: int) -> Text:
        """One line per set: name, set, what was done (the selected one with its cursor).

        The name column is as wide as the longest name when the sets' fields
        leave room for it; otherwise, below :data:`NARROW` columns, each
        exercise's name is a line of its own over its sets, and above, the
        names are cut to the room the fields leave.
        """
        layout = self._layout(width)
        lines: list[Text] = []
        for index, fields in enumerate(layout.sets):
            name = layout.names[index] if self._first(index) else ""
            line = Text()
            line.append("▸ " if index == self.cursor else "  ", "bold")
            if layout.own_lines:
                if name:
                    lines.append(Text("  ").append(_cut(name, width - 2), "bold"))
                line.append("  ")
            else:
                column = layout.name_width
                line.append(f"{_cut(name, column):<{column}} ", "bold" if name else "")
            line.append_text(fields)
            lines.append(line)
        return Text("\n").join(lines)

    def line_of(self, index: int, width: int) -> int:
        """The line of :meth:`render` (at ``width``) that shows set ``index``."""
        if not self._layout(width).own_lines:
            return index
        return index + sum(1 for i in range(index + 1) if self._first(i))  # the name lines

    def _first(self, index: int) -> bool:
        """True for the first set of an exercise (where its name is shown)."""
        forms = self.forms
        return index == 0 or forms[index].ended.exercise != forms[index - 1].ended.exercise

    def _layout(self, width: int) -> _Layout:
        narrow = width < NARROW
        sets = [self._set_text(i, narrow) for i in range(len(self.forms))]
        names = [clean_text(f.ended.exercise) for f in self.forms]
        room = width - 3 - max((t.cell_len for t in sets), default=0)  # "▸ " and a space
        longest = max((len(n) for n in names), default=0)
        return _Layout(sets, names, narrow and longest > room, min(longest, max(8, room)))

    def _set_text(self, index: int, narrow: bool) -> Text:
        """A set's number and what was done (its prompt when it can be logged)."""
        form = self.forms[index]
        ended = form.ended
        text = Text()
        sides = "" if ended.sides == (None,) or narrow else " L+R"
        text.append(f"{ended.set_no}/{ended.set_count}{sides}".ljust(4 if narrow else 8), "dim")
        if ended.skipped:
            text.append("skipped", "yellow")
        elif form.empty:
            done = "done" if ended.reps is not None else f"held {duration_text(ended.seconds)}"
            text.append(done, "dim")
        else:
            text.append_text(form.render(cursor=index == self.cursor, hint=False,
                                         compact=narrow))
            if ended.last_of_exercise and index not in self.entered and not form.dirty:
                text.append(" ←" if narrow else "  ← enter", "yellow")
        return text

def _cut(name: str, width: int) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def keys_hint(dirty: bool, width: int = 80) -> str:
    """The line under the list."""
    if width < NARROW:
        return "Enter save · Esc drop" if dirty else "↑↓ set · Tab field · Enter"
    if dirty:
        return "Enter save · Esc drop · ↑↓ next set"
    return "↑↓ set · digits type · Tab field · Enter save/done"
