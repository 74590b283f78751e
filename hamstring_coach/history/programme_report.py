"""Planned against done, per programme week: the lines ``history`` and the stats screen show.

Pure text from a :class:`~hamstring_coach.format.programme.Programme` and the
history (COACHING.md section 5). Per programme week (which starts on the
programme's start weekday, not always a Monday): the sessions planned in the
week, those done on their day (so far, for the week under way), and the
working sets done per guided function against 10-20. The streak is the
number of programme weeks kept in a row (every session due done on its day).
"""

from __future__ import annotations

from datetime import date

from hamstring_coach.format.programme import Programme
from hamstring_coach.history.programme import programme_streak, programme_weeks
from hamstring_coach.history.records import HistoryData
from hamstring_coach.history.stats import GUIDED_FUNCTIONS, SETS_GUIDANCE

SHOWN_WEEKS = 8  # the latest programme weeks shown
_SHORT = {"hip-extension": "Hip ext", "knee-flexion": "Knee flex"}


def _verdict(count: int) -> str:
    low, high = SETS_GUIDANCE
    return "low" if count < low else "high" if count > high else "ok"


def programme_lines(programme: Programme, data: HistoryData, today: date,
                    dash: str = "–") -> list[str]:
    """The programme section: a row per programme week (the latest few), then the streak."""
    weeks = programme_weeks(programme, data, today)
    current = programme.week_of(today)
    of = f" of {programme.weeks}" if programme.weeks else ""
    if not weeks:
        return [f"Programme: {programme.name}: starts {programme.start:%a %d %b %Y}."]
    where = f"week {current}{of}" if current is not None else "ended"
    low, high = SETS_GUIDANCE
    lines = [f"Programme: {programme.name} ({where}); sets aim {low}{dash}{high} per function "
             "(deload weeks: half)",
             f"  {'Week':<4}  {'From':<6}  {'Sessions':<13}  " + "  ".join(
                 f"{_SHORT[f]:<9}" for f in GUIDED_FUNCTIONS)]
    for week in weeks[-SHOWN_WEEKS:]:
        t = week.tally
        so_far = "" if t.over else " so far"
        missed = f", {t.missed} missed" if t.missed else ""
        sessions = f"{t.done}/{t.planned}{so_far}{missed}"
        cells = "  ".join(f"{week.sets[f]:>3} {_verdict(week.sets[f]) if not t.deload else '':<5}"
                          for f in GUIDED_FUNCTIONS)
        deload = "  deload" if t.deload else ""
        lines.append(f"  {t.week:>4}  {t.first:%d %b}  {sessions:<13}  {cells}{deload}".rstrip())
    kept = programme_streak(programme, data, today)
    lines.append(f"  Programme weeks kept in a row: {kept} (every session due done on its day).")
    return lines
