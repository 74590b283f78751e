"""How a session entry reads in the picker: filter matching, list row, details pane.

Pure functions of a :class:`~hamstring_coach.run.library.SessionEntry` (Rich text,
no widgets), kept apart from the picker screen's keys and focus handling. A
file's id, name, tags and description are shown as text: Rich ``Text`` never
reads markup, and control characters are escaped.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from rich.text import Text

from hamstring_coach.format.errors import Problem
from hamstring_coach.format.plaintext import escape_controls, one_line
from hamstring_coach.run.library import SessionEntry
from hamstring_coach.system import paths
from hamstring_coach.textfmt import duration_text, plural
from hamstring_coach.tui.nexttime import NextTime, next_time_text
from hamstring_coach.tui.today import DONE_MARK, TO_DO_MARK, TodayView

BROKEN_MARK = "⚠"
USER_MARK = "✎"
WAITS_MARK = "+"  # after the length: the session also waits for the user
# Every mark a row may show, its style and what the legend says of it, in the legend's order.
MARKS = ((TO_DO_MARK, "bold yellow", "due today"), (DONE_MARK, "bold green", "done today"),
         (USER_MARK, "dim", "yours"), (BROKEN_MARK, "bold red", "broken"),
         (WAITS_MARK, "cyan", "waits for you"))


def matches(entry: SessionEntry, query: str) -> bool:
    """Every word of ``query`` appears in the id, name, tags, description, or the names,
    catalogue ids and other names (``aka``) of its exercises (``rdl``: a Romanian deadlift)."""
    haystack = " ".join((entry.id, entry.name, *entry.tags, entry.description,
                         *entry.exercises)).lower()
    return all(word in haystack for word in query.lower().split())


def today_first(entries: list[SessionEntry], today: TodayView | None) -> list[SessionEntry]:
    """``entries`` with the sessions due today first, in the programme's order."""
    if today is None or not today.due:
        return entries
    order = {sid: i for i, sid in enumerate(today.due)}
    due = sorted((e for e in entries if e.id in order and not e.shadowed),
                 key=lambda e: order[e.id])
    return due + [e for e in entries if e not in due]


def entry_prompt(entry: SessionEntry, width: int = 44, today: str = "") -> Text:
    """One list row: name and length, or the id and "broken" for a broken file.

    ``today`` is the programme's mark for a session due today (``●`` to do, ``✓`` done).
    """
    text = Text(no_wrap=True, overflow="ellipsis")
    if today:
        text.append(today + " ", "bold green" if today == DONE_MARK else "bold yellow")
        width -= 2
    if entry.error is not None:
        text.append(BROKEN_MARK + " ", "bold red")
        text.append(one_line(entry.id), "red")
        return text
    length = duration_text(entry.length or 0.0) + (WAITS_MARK if entry.waits else "")
    mark = "" if entry.builtin else " " + USER_MARK  # the user's own sessions
    name_room = max(4, width - len(length) - len(mark) - 2)
    name = one_line(entry.name)
    name = name if len(name) <= name_room else name[: name_room - 1] + "…"
    text.append(name)
    text.append(mark, "dim")
    text.append(" " * max(1, width - len(name) - len(mark) - len(length)))
    text.append(length, "cyan")
    return text


def row_marks(entry: SessionEntry, today: str = "") -> set[str]:
    """The marks :func:`entry_prompt` shows on ``entry``'s row."""
    marks = {today} if today else set()
    if entry.error is not None:
        return marks | {BROKEN_MARK}
    if not entry.builtin:
        marks.add(USER_MARK)
    if entry.waits:
        marks.add(WAITS_MARK)
    return marks


def legend(shown: set[str], width: int, first: Text | None = None) -> Text:
    """What each mark in ``shown`` means ("✎ yours · + also waits for you"), after
    ``first``; the items packed on lines of ``width``, never split inside one."""
    items = [first] if first is not None and first.plain else []
    for mark, style, words in MARKS:
        if mark in shown:
            item = Text()
            item.append(mark, style)
            item.append(" " + words)
            items.append(item)
    lines: list[Text] = []
    for item in items:
        if lines and lines[-1].cell_len + 3 + item.cell_len <= width:
            lines[-1].append(" · ")
            lines[-1].append_text(item)
        else:
            lines.append(item.copy())
    return Text("\n").join(lines)


def shown_path(path: str | Path) -> str:
    """A session file as a toast names it: from the sessions folder it is in
    (``tone.yaml``), else from the home folder (``~/…``), else as it is."""
    given = Path(path)
    folders = [(paths.user_sessions_dir(), ""), (paths.builtin_sessions_dir(), "")]
    with suppress(RuntimeError):  # no home folder to name
        folders.append((Path.home(), "~"))
    for folder, prefix in folders:
        inside = _inside(given, folder)
        if inside is not None:
            return str(Path(prefix) / inside) if prefix else str(inside)
    return str(given)


def _inside(path: Path, folder: Path) -> Path | None:
    """``path`` relative to ``folder`` (as written, else both resolved), or None."""
    if path.is_relative_to(folder):
        return path.relative_to(folder)
    try:
        real, base = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):  # a loop of links: as written only
        return None
    return real.relative_to(base) if real.is_relative_to(base) else None


def shown_problem(problem: Problem) -> str:
    """``tone.yaml:5:12: steps[0].tempo: …``: a problem with its file as :func:`shown_path`."""
    return str(replace(problem, file=shown_path(problem.file)))


def entry_details(entry: SessionEntry, next_up: NextTime = ()) -> Text:
    """The detail pane: name, where it lives, length, tags, description or the problem.

    ``next_up``: what next time will be for the exercises that progress.
    """
    text = Text()
    text.append(one_line(entry.name) + "\n", "bold")
    origin = "built-in" if entry.builtin else (
        "your copy of the built-in" if entry.replaces_builtin else "your session")
    text.append(f"{one_line(entry.id)} · {origin}\n", "dim")
    if entry.error is not None:
        text.append("\nThis file has a problem:\n", "bold red")
        text.append(shown_problem(entry.error) + "\n", "red")
        text.append("\nPress Ctrl+E to fix it in your editor.", "dim")
        return text
    length = duration_text(entry.length or 0.0)
    if entry.waits:
        length += f" + {plural(entry.waits, 'wait')} (your own pace)"
    text.append(length, "cyan")
    if entry.tags:
        text.append("  ")  # unstyled: a styled run's leading spaces were lost on screen
        text.append(one_line(" ".join(f"#{tag}" for tag in entry.tags)), "magenta")
    if next_up:  # before the description, which may run past the pane
        text.append("\n\n")
        text.append_text(next_time_text(next_up))
    if entry.description:
        text.append("\n\n" + escape_controls(entry.description))
    return text
