"""Today's programme as the picker and break mode show it.

The picker lists today's sessions first, each marked (``●`` to do, ``✓``
done), under a headline ("Today · week 3 of 12 · deload" or "Nothing due
today"); break mode's waiting screen names a daily session not yet done.
Without a programme (or with a broken one, which ``programme`` reports) there
is nothing to show and the screens look as they always did.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hamstring_coach.format.programme import Programme
from hamstring_coach.plan.calendar import DayReport, Standing, day_report
from hamstring_coach.system.records import frozen

TO_DO_MARK = "●"
DONE_MARK = "✓"


@frozen
class TodayView:
    """What the screens say about the programme today."""

    headline: str
    due: tuple[str, ...] = ()  # session ids due today, in order, each once
    done: frozenset[str] = frozenset()  # those with every run due today done
    daily_left: tuple[str, ...] = ()  # daily sessions not done yet today

    def mark(self, session_id: str) -> str:
        """The mark of a session in the picker ("" when not due today)."""
        if session_id not in self.due:
            return ""
        return DONE_MARK if session_id in self.done else TO_DO_MARK


def view_of(programme: Programme, report: DayReport) -> TodayView:
    """The view of one day's report (pure)."""
    # Short enough for the list's border at 80 columns (and the title at 40).
    if report.standing is Standing.BEFORE:
        return TodayView(f"Nothing due today: starts {programme.start:%d %b}")
    if report.standing is Standing.ENDED:
        return TodayView("Nothing due today: programme ended")
    week = f"week {report.week}" + (" · deload" if report.deload else "")
    if report.rest_day:
        return TodayView(f"Nothing due today ({week})")
    due = tuple(dict.fromkeys(d.session_id for d in report.today))
    done = frozenset(sid for sid in due
                     if all(d.done for d in report.today if d.session_id == sid))
    left = tuple(dict.fromkeys(d.session_id for d in report.today
                               if not d.done and d.session_id in programme.daily))
    count = sum(1 for d in report.today if not d.done)
    status = f"{count} to do" if count else "all done"
    return TodayView(f"Today · {week} · {status}", due, done, left)


def daily_note(view: TodayView | None) -> str | None:
    """Break mode's line about the programme's daily sessions not done yet today."""
    if view is None or not view.daily_left:
        return None
    shown = ", ".join(view.daily_left)
    return f"Not done today: {shown} (your programme's daily session; " \
           f"hamstring-coach run {view.daily_left[0]})"


def load_today(day: date) -> TodayView | None:
    """Today's view from the user's programme and the history; None without a programme.

    Never raises: a broken history counts as nothing done.
    """
    # the programme (PyYAML) and the history (sqlite3) only when today is asked for
    from hamstring_coach.run.programmes import user_programme

    programme = user_programme()
    if programme is None:
        return None
    done = {}
    try:
        # the programme (PyYAML) and the history (sqlite3) only when today is asked for
        from hamstring_coach.history.programme import done_by_day
        from hamstring_coach.history.stats import read

        since = datetime.combine(day - timedelta(days=9), datetime.min.time()).astimezone()
        data, _ = read(since)
        done = done_by_day(data)
    except Exception:  # the picker must open whatever the history's state
        done = {}
    return view_of(programme, day_report(programme, day, done))
