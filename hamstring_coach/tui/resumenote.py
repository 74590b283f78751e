"""What the picker's Ctrl+R resumes, read from the history and said in its legend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from hamstring_coach.format.plaintext import one_line
from hamstring_coach.textfmt import plural

if TYPE_CHECKING:
    from hamstring_coach.history.resume import ResumePoint


def last_unfinished_run() -> ResumePoint | None:
    """The last unfinished run, or None (also when the history is off)."""
    try:
        # the history (sqlite3) after the picker's first frame
        from hamstring_coach.history.resume import last_unfinished

        return last_unfinished()
    except Exception:  # a broken history must not break the picker
        return None


def resume_words(point: ResumePoint, width: int) -> Text:
    """What Ctrl+R resumes: "^r resumes Tone and build (3 of 16 sets done)"; narrower,
    without the sets, then with the name cut to fit ``width``."""
    lead = "^r resumes "
    done = f" ({point.sets_done} of {plural(point.planned_sets, 'set')} done)"
    name = one_line(point.session_name)  # from the history: shown, never acted on
    if len(lead) + len(name) + len(done) > width:
        done = ""
        room = max(4, width - len(lead))
        name = name if len(name) <= room else name[:room - 1] + "…"
    text = Text()
    text.append("^r", "bold")
    text.append(lead[2:])
    text.append(name, "bold")
    text.append(done)
    return text
