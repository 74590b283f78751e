"""What next time will be, as the summary screen and the picker's details pane say it.

One line per exercise with a ``progress:`` rule: its name and the reason
the replay gives (``Romanian deadlift: 3 × 9 @ 40 kg: all 3 sets reached 8``).
Text from the session file is appended as plain text, never as markup.
"""

from __future__ import annotations

from rich.text import Text

from hamstring_coach.format.model import Session

NextTime = tuple[tuple[str, str], ...]  # (exercise name, reason)


def next_time(session: Session) -> NextTime:
    """Each exercise with a rule that a run has reached, and why it will be what it is.

    ``session`` may be a prescription: the replay starts from its file as
    written. A history that cannot be read gives the file as written (the
    recorder already says the history is unavailable).
    """
    if not session.progresses:
        return ()  # nothing progresses (a hold): no history, no programme (PyYAML) to read
    # the history (sqlite3) after the first frame, not before it
    from hamstring_coach.history.prescription import prescription_for

    prescription, _ = prescription_for(session.as_written)
    # An exercise no run has reached yet is as written: nothing to say about it.
    return tuple((e.written.name, e.reason) for e in prescription.exercises if e.reached)


def next_time_text(rows: NextTime, *, heading: str = "Next time") -> Text:
    """``Next time`` and a line per exercise (empty Text when no exercise progresses)."""
    text = Text()
    if not rows:
        return text
    text.append(heading + "\n", "bold")
    for name, reason in rows:
        text.append(name, "bold cyan")
        text.append(": ")  # unstyled: a styled run's leading space was lost on screen
        text.append(reason + "\n")
    text.rstrip()
    return text
