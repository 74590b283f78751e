"""History: every run recorded as it happens, weekly figures, exports and resume.

The public API used by the CLI, the TUI and the break mode:

- :func:`open_recorder` -> a :class:`~hamstring_coach.run.ports.Recorder` for one run;
- :func:`record_break` for the break mode;
- :func:`last_unfinished` / :func:`mark_resumed` for ``run --resume`` and the picker;
- :func:`weekly_stats` / :func:`current_streak` for ``history`` and the stats screen.

The file is ``hamstring_coach.system.paths.history_file()`` (env ``HAMSTRING_COACH_HISTORY``).
Only the standard library is used (sqlite3): importing this is cheap.
"""

from hamstring_coach.history.recorder import HistoryRecorder, open_recorder, record_break
from hamstring_coach.history.resume import ResumePoint, last_unfinished, mark_resumed
from hamstring_coach.history.stats import WeekStats, current_streak, weekly_stats
from hamstring_coach.history.store import HistoryUnavailable

__all__ = [
    "HistoryRecorder",
    "HistoryUnavailable",
    "ResumePoint",
    "WeekStats",
    "current_streak",
    "last_unfinished",
    "mark_resumed",
    "open_recorder",
    "record_break",
    "weekly_stats",
]
