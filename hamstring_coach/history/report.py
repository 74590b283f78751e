"""The ``history`` table: recent sessions, weekly sets against the guidance, streak, breaks.

Pure text from :class:`HistoryData` (no I/O), so the command and the tests
share it. Sessions are resume chains (a run continued with ``run --resume``
is one session); times are shown at the local offset they were recorded at.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from hamstring_coach.format.plaintext import one_line
from hamstring_coach.history.records import HistoryData, shown_status
from hamstring_coach.history.setgroups import data_groups
from hamstring_coach.history.stats import (
    GUIDED_FUNCTIONS,
    SESSIONS_GUIDANCE,
    SETS_GUIDANCE,
    WeekStats,
    breaks_on,
    chains,
    compute_streak,
    compute_weeks,
)
from hamstring_coach.system.records import frozen
from hamstring_coach.textfmt import duration_text

RECENT = 10
# Desk-break kinds in the order the break screen shows them ("away" is a break taken).
SHOWN_BREAKS = ("taken", "away", "snoozed", "skipped")


@frozen
class SessionSummary:
    """One session (a run, or a chain of resumed runs) as the table shows it."""

    started_at: datetime
    name: str
    status: str  # shown status of its last run: finished, quit, crashed, killed, running
    sets_done: int  # working sets: every side completed (see setgroups)
    sets_skipped: int  # sets skipped, part-skipped or with one side only
    planned_sets: int  # of the whole session (a set of an each-side exercise is one)
    seconds: float  # time from start to end (or to the last set, when killed), summed over runs
    ended_known: bool  # False when a run was killed: the time is a lower bound
    resumed: bool  # continued with run --resume


def summaries(data: HistoryData) -> list[SessionSummary]:
    """Every session in ``data``, newest first."""
    last_set: dict[int, datetime] = {}
    for s in data.sets:
        last_set[s.run_id] = max(s.done_at, last_set.get(s.run_id, s.done_at))
    # Sets counted as the summary screen counts them: both sides of a set are one.
    done: Counter[int] = Counter()
    skipped: Counter[int] = Counter()
    for group in data_groups(data):
        (done if group.completed else skipped)[group.chain_id] += 1
    result = []
    for chain_id, runs in chains(data).items():
        seconds = 0.0
        known = True
        for run in runs:
            end = run.ended_at or last_set.get(run.id) or run.started_at
            known = known and run.ended_at is not None
            seconds += max(0.0, (end - run.started_at).total_seconds())
        root, last = runs[0], runs[-1]
        result.append(SessionSummary(
            started_at=root.started_at, name=root.session_name, status=shown_status(last),
            sets_done=done[chain_id], sets_skipped=skipped[chain_id],
            planned_sets=root.planned_sets, seconds=seconds, ended_known=known,
            resumed=len(runs) > 1))
    result.sort(key=lambda s: s.started_at, reverse=True)
    return result


@frozen
class Glyphs:
    """Characters for bars and marks; ASCII where the terminal cannot show more."""

    full: str
    half: str
    empty: str
    mark: str
    more: str
    dash: str
    at_least: str


UNICODE = Glyphs(full="█", half="▌", empty="·", mark="│", more="▸", dash="–", at_least="≥")
ASCII = Glyphs(full="#", half=":", empty=".", mark="|", more=">", dash="-", at_least=">")


def text_bar(count: int, glyphs: Glyphs = UNICODE) -> str:
    """Ten cells of two sets each, marks at 10 and 20 sets, a sign beyond 20 (13 wide)."""
    cells = []
    for cell in range(10):
        filled = count - cell * 2
        cells.append(glyphs.full if filled >= 2 else glyphs.half if filled == 1 else glyphs.empty)
    more = glyphs.more if count > SETS_GUIDANCE[1] else " "
    return "".join(cells[:5]) + glyphs.mark + "".join(cells[5:]) + glyphs.mark + more


def _clip(text: str, width: int) -> str:
    text = one_line(text)  # a name from the history: shown, never acted on
    return text if len(text) <= width else text[: width - 1] + "…"


def recent_lines(sessions: list[SessionSummary], glyphs: Glyphs) -> list[str]:
    """The recent-sessions table."""
    lines = ["Recent sessions",
             f"  {'Started':<16}  {'Session':<26}  {'Status':<9}  {'Sets':>5}  {'Done':>4}"
             f"  {'Time':>7}"]
    for s in sessions:
        status = s.status + ("*" if s.resumed else "")
        percent = f"{round(100 * s.sets_done / s.planned_sets)}%" if s.planned_sets else "-"
        sets = f"{s.sets_done}/{s.planned_sets}"
        time_text = ("" if s.ended_known else glyphs.at_least) + duration_text(s.seconds)
        lines.append(
            f"  {s.started_at.strftime('%a %d %b %H:%M'):<16}  {_clip(s.name, 26):<26}  "
            f"{status:<9}  {sets:>5}  {percent:>4}  {time_text:>7}")
    if any(s.resumed for s in sessions):
        lines.append("  * continued with run --resume")
    if any(not s.ended_known for s in sessions):
        lines.append(f"  {glyphs.at_least} killed: time up to its last recorded set")
    return lines


def weekly_lines(weeks: list[WeekStats], glyphs: Glyphs) -> list[str]:
    """The weekly table: guided functions as bars, the others as counts, sessions."""
    low, high = SETS_GUIDANCE
    lines = [
        f"Weekly working sets (aim: {low}{glyphs.dash}{high} each for hip extension and "
        "knee flexion)",
        f"  {'Week':<10}  {'Hip extension':<21}  {'Knee flexion':<21}  {'Act':>3} {'Str':>3}"
        "  Sessions",
    ]
    for w in weeks:
        cells = []
        for function in GUIDED_FUNCTIONS:
            n = w.working(function)
            cells.append(f"{text_bar(n, glyphs)}{n:>3} {w.verdict(function):<4}")
        lines.append(
            f"  {week_label(w):<10}  {cells[0]}  {cells[1]}  "
            f"{w.working('activation'):>3} {w.working('stretch'):>3}  "
            f"{w.sessions:>2} {w.sessions_verdict}")
    return lines


def week_label(week: WeekStats) -> str:
    """``W14 01 Apr``: the ISO week number and its Monday."""
    return f"W{week.start.isocalendar()[1]:02d} {week.start:%d %b}"


def render(data: HistoryData, *, weeks: int, now: datetime, glyphs: Glyphs = UNICODE,
           recent: int = RECENT) -> str:
    """The whole ``history`` table as text."""
    week_stats = compute_weeks(data, weeks, now)
    first_day = week_stats[0].start
    in_window = [s for s in summaries(data) if s.started_at.date() >= first_day]
    lines: list[str] = []
    if in_window:
        lines += recent_lines(in_window[:recent], glyphs)
    else:
        lines.append(f"No sessions in the last {weeks} weeks.")
    lines.append("")
    lines += weekly_lines(week_stats, glyphs)
    other = sum(w.other_sessions for w in week_stats)
    skipped = sum(w.skipped_sets for w in week_stats)
    notes = [f"Sessions: aim {SESSIONS_GUIDANCE[0]}{glyphs.dash}{SESSIONS_GUIDANCE[1]} a week"]
    if other:
        notes.append(f"{other} other session{'s' if other != 1 else ''} "
                     "(stretch or activation only)")
    if skipped:
        notes.append(f"{skipped} skipped or part-done set{'s' if skipped != 1 else ''} "
                     "(not counted above)")
    lines += [f"  {note}." for note in notes]
    streak = compute_streak(data, now)
    lines.append("")
    lines.append(f"Streak: {streak} week{'s' if streak != 1 else ''} in a row with a "
                 "hip-extension or knee-flexion session.")
    if any(sum(w.breaks.values()) for w in week_stats):
        lines += break_lines(breaks_on(data, now.date()), week_stats[-1].breaks)
        lines += _wrap("Desk breaks taken per week: ", [
            f"{week_label(w)[:3]} {w.breaks['taken']}" for w in week_stats])
    return "\n".join(lines) + "\n"


def _wrap(head: str, items: list[str], width: int = 80) -> list[str]:
    """``head`` then the items separated by commas, wrapped under ``head``."""
    lines, line = [], head
    for n, item in enumerate(items):
        piece = item + ("," if n < len(items) - 1 else ".")
        if len(line) + 1 + len(piece) > width and line.strip():
            lines.append(line)
            line = " " * len(head) + piece
        else:
            line += ("" if line.endswith(": ") or not line.strip() else " ") + piece
    lines.append(line)
    return lines


def _counts(counts: dict[str, int]) -> str:
    parts = [f"{counts[kind]} {kind}" for kind in SHOWN_BREAKS if counts.get(kind)]
    return ", ".join(parts) if parts else "none"


def break_lines(today: dict[str, int], week: dict[str, int], width: int = 80) -> list[str]:
    """Today's and this week's desk breaks, for the ``history`` table and the stats screen.

    The same kinds for both (those that happened: taken, away, snoozed,
    skipped), on one line when it fits in ``width``, else split after today.
    """
    head, tail = f"Desk breaks today: {_counts(today)};", f"this week: {_counts(week)}."
    if len(head) + 1 + len(tail) <= width:
        return [f"{head} {tail}"]
    return [head, "  " + tail]
