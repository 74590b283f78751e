"""The report for a physio or coach, as one self-contained HTML page or as Markdown.

:class:`ReportData` is gathered once (:func:`gather`); :func:`to_html` and
:func:`to_markdown` only lay it out. The HTML has no scripts, no links out
and no fonts to fetch: inline SVG charts and one ``<style>`` with an
``@page`` rule for A4. Every text from a file (session and exercise names,
loads, notes) is escaped: HTML escaping in the page, Markdown's special
characters in the Markdown, and control characters shown as ``\\x1b``
(:func:`~hamstring_coach.textfmt.printable`) in both.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from hamstring_coach.history.progress import (
    Adherence,
    ExerciseProgress,
    Unit,
    adherence,
    checkin_pain,
    exercise_progress,
    window,
)
from hamstring_coach.history.records import HistoryData, RunRecord, shown_status
from hamstring_coach.history.stats import chains
from hamstring_coach.system.records import frozen
from hamstring_coach.textfmt import printable

CHART_W, CHART_H = 260, 64


@frozen
class SessionLine:
    """One session chain in the window."""

    day: date
    name: str
    status: str
    sets_done: int
    sets_planned: int


@frozen
class ReportData:
    """Everything the report shows."""

    first: date
    last: date
    generated: datetime
    sessions: tuple[SessionLine, ...]
    adherence: Adherence
    exercises: tuple[ExerciseProgress, ...]
    morning_pain: dict[date, int]
    programme: tuple[str, ...]  # planned against done lines, when there is a programme


def gather(data: HistoryData, weeks: int, now: datetime,
           programme: tuple[str, ...] = ()) -> ReportData:
    """The report's content for the last ``weeks`` weeks up to ``now``."""
    mondays = window(weeks, now.date())
    since = datetime.combine(mondays[0], datetime.min.time(), now.tzinfo)
    done_sets: dict[int, int] = {}
    for record in data.sets:
        if not record.skipped and record.side != "left":
            done_sets[record.run_id] = done_sets.get(record.run_id, 0) + 1
    sessions = []
    for runs in chains(data).values():
        head: RunRecord = runs[0]
        if head.started_at < since:
            continue
        sessions.append(SessionLine(head.started_at.date(), head.session_name,
                                    shown_status(runs[-1]),
                                    sum(done_sets.get(r.id, 0) for r in runs),
                                    head.planned_sets))
    sessions.sort(key=lambda s: s.day)
    return ReportData(mondays[0], now.date(), now, tuple(sessions), adherence(data, since),
                      tuple(exercise_progress(data, weeks, now.date())), checkin_pain(data),
                      programme)


def number(value: float | None) -> str:
    """``45``, ``12.5`` or a dash."""
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def unit_label(item: ExerciseProgress) -> str:
    """``kg × reps``, ``lb × reps``, ``reps`` or ``s held``."""
    if item.unit == Unit.LOAD_REPS:
        return f"{item.load_unit} × reps"
    return item.unit


def chart_svg(item: ExerciseProgress, title: str) -> str:
    """A small line chart of the weekly values (and pain, dashed, 0-10 on the right)."""
    n = len(item.weeks)
    known = [v for v in item.values if v is not None]
    top = max(known) if known else 1.0
    low = min(known) if known else 0.0
    low = 0.0 if low == top else low
    span = (top - low) or 1.0
    pad_l, pad_r, pad_t, pad_b = 30, 18, 8, 14
    plot_w, plot_h = CHART_W - pad_l - pad_r, CHART_H - pad_t - pad_b

    def x(i: int) -> float:
        return pad_l + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return pad_t + plot_h * (1 - (v - low) / span)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{CHART_W}" '
             f'height="{CHART_H}" viewBox="0 0 {CHART_W} {CHART_H}" role="img">',
             f"<title>{html.escape(title)}</title>",
             f'<line x1="{pad_l}" y1="{pad_t + plot_h}" x2="{pad_l + plot_w}" '
             f'y2="{pad_t + plot_h}" stroke="#999" stroke-width="0.5"/>',
             f'<text x="{pad_l - 3}" y="{pad_t + 4}" text-anchor="end">{number(top)}</text>',
             f'<text x="{pad_l - 3}" y="{pad_t + plot_h}" text-anchor="end">'
             f"{number(low)}</text>",
             f'<text x="{pad_l}" y="{CHART_H - 2}">{item.weeks[0]:%d %b}</text>',
             f'<text x="{pad_l + plot_w}" y="{CHART_H - 2}" text-anchor="end">'
             f"{item.weeks[-1]:%d %b}</text>"]
    points = [(x(i), y(v)) for i, v in enumerate(item.values) if v is not None]
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1a4f8b" '
                     'stroke-width="1.8"/>')
    parts.extend(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.4" fill="#1a4f8b"/>'
                 for px, py in points)
    pain = [(x(i), pad_t + plot_h * (1 - p / 10)) for i, p in enumerate(item.pain)
            if p is not None]
    if pain:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pain)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#b3261e" '
                     'stroke-width="1.2" stroke-dasharray="3 2"/>')
        parts.append(f'<text x="{CHART_W - 2}" y="{pad_t + 4}" text-anchor="end" '
                     'fill="#b3261e">10</text>')
    parts.append("</svg>")
    return "".join(parts)


_STYLE = """
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.35 system-ui, sans-serif; color: #111; margin: 0; }
@media screen { body { max-width: 182mm; margin: 8mm auto; } }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 11.5pt; margin: 5mm 0 1.5mm; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 1mm 2mm; border-bottom: 0.3pt solid #bbb;
  vertical-align: middle; }
th { font-weight: 600; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.chart { display: block; } .chart text { font-size: 7.5px; fill: #444; }
.muted { color: #555; } tr { break-inside: avoid; }
.exercise td:first-child { font-weight: 600; width: 40mm; }
"""


def _h(text: str) -> str:
    return html.escape(printable(text))


def to_html(report: ReportData) -> str:
    """One self-contained HTML page (A4)."""
    a = report.adherence
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>hamstring-coach report</title>",
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
           "style-src 'unsafe-inline'; img-src data:\">",
           f"<style>{_STYLE}</style></head><body>",
           "<h1>Hamstring training report</h1>",
           f'<p class="muted">{report.first:%d %b %Y} to {report.last:%d %b %Y} · made '
           f"{report.generated:%d %b %Y %H:%M} by hamstring-coach</p>",
           "<h2>Adherence</h2>",
           f'<p id="adherence">Sessions: {a.sessions_finished} finished of '
           f"{a.sessions_started} started. Sets: {a.sets_done} done of {a.sets_planned} "
           f"planned ({a.percent}%), {a.sets_skipped} skipped.</p>"]
    if report.programme:
        out.append("<p>" + "<br>".join(_h(line) for line in report.programme) + "</p>")
    out.append("<h2>Exercises</h2>")
    if not report.exercises:
        out.append("<p>No sets recorded in these weeks.</p>")
    else:
        out.append('<table><tr><th>Exercise</th><th>Weekly best</th><th class="n">First</th>'
                   '<th class="n">Latest</th><th class="n">Best</th><th class="n">Sets</th>'
                   '<th class="n">Skipped</th><th class="n">Pain</th></tr>')
        for item in report.exercises:
            pains = [p for p in item.pain if p is not None]
            pain = f"{pains[0]} → {pains[-1]}" if pains else "–"
            unit = html.escape(unit_label(item))
            out.append(
                f'<tr class="exercise"><td>{_h(item.name)}<br><span class="muted">{unit}'
                f"</span></td><td>{chart_svg(item, printable(item.name))}</td>"
                f'<td class="n">{number(item.first)}</td>'
                f'<td class="n">{number(item.latest)}</td>'
                f'<td class="n">{number(item.best)}</td><td class="n">{item.sets_done}</td>'
                f'<td class="n">{item.sets_skipped}</td><td class="n">{pain}</td></tr>')
        out.append("</table>")
    out.extend(_notes_html(report))
    out.append("<h2>Sessions</h2>")
    if report.sessions:
        out.append('<table><tr><th>Day</th><th>Session</th><th>Status</th>'
                   '<th class="n">Sets</th><th class="n">Pain next morning</th></tr>')
        for s in report.sessions:
            morning = report.morning_pain.get(s.day)
            out.append(f"<tr><td>{s.day:%a %d %b}</td><td>{_h(s.name)}</td>"
                       f"<td>{html.escape(s.status)}</td>"
                       f'<td class="n">{s.sets_done}/{s.sets_planned}</td>'
                       f'<td class="n">{"–" if morning is None else morning}</td></tr>')
        out.append("</table>")
    else:
        out.append("<p>No sessions in these weeks.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _notes_html(report: ReportData) -> list[str]:
    notes = [(day, item.name, text) for item in report.exercises for day, text in item.notes]
    if not notes:
        return []
    rows = "".join(f"<li>{day:%d %b} · {_h(name)}: {_h(text)}</li>"
                   for day, name, text in sorted(notes))
    return ["<h2>Notes</h2>", f"<ul>{rows}</ul>"]


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def md(text: str) -> str:
    """Text from a file, safe in Markdown: specials backslashed, controls escaped."""
    return _MD_SPECIAL.sub(r"\\\1", printable(" ".join(text.split())))


def _bars(item: ExerciseProgress) -> str:
    """The weekly values as a text sparkline (Markdown has no pictures of its own)."""
    ticks = "▁▂▃▄▅▆▇█"
    known = [v for v in item.values if v is not None]
    top = max(known) if known else 1.0
    return "".join(" " if v is None else ticks[min(7, int(7 * v / top + 0.5))]
                   for v in item.values)


def to_markdown(report: ReportData) -> str:
    """The report as Markdown for pasting into a message or a notes app."""
    a = report.adherence
    out = ["# Hamstring training report", "",
           f"{report.first:%d %b %Y} to {report.last:%d %b %Y}, made "
           f"{report.generated:%d %b %Y %H:%M} by hamstring\\-coach", "",
           "## Adherence", "",
           f"Sessions: {a.sessions_finished} finished of {a.sessions_started} started. "
           f"Sets: {a.sets_done} done of {a.sets_planned} planned ({a.percent}%), "
           f"{a.sets_skipped} skipped.", ""]
    if report.programme:
        out.extend([md(line) + "  " for line in report.programme] + [""])
    out.extend(["## Exercises", ""])
    if report.exercises:
        out.append("| Exercise | Unit | Weekly best | First | Latest | Best | Sets | Skipped "
                   "| Pain |")
        out.append("|---|---|---|--:|--:|--:|--:|--:|--:|")
        for item in report.exercises:
            pains = [p for p in item.pain if p is not None]
            pain = f"{pains[0]} → {pains[-1]}" if pains else "–"
            out.append(f"| {md(item.name)} | {unit_label(item)} | `{_bars(item)}` | "
                       f"{number(item.first)} | {number(item.latest)} | {number(item.best)} | "
                       f"{item.sets_done} | {item.sets_skipped} | {pain} |")
    else:
        out.append("No sets recorded in these weeks.")
    notes = [(day, item.name, text) for item in report.exercises for day, text in item.notes]
    if notes:
        out.extend(["", "## Notes", ""])
        out.extend(f"- {day:%d %b} · {md(name)}: {md(text)}" for day, name, text in sorted(notes))
    out.extend(["", "## Sessions", ""])
    if report.sessions:
        out.append("| Day | Session | Status | Sets | Pain next morning |")
        out.append("|---|---|---|--:|--:|")
        for s in report.sessions:
            morning = report.morning_pain.get(s.day)
            out.append(f"| {s.day:%a %d %b} | {md(s.name)} | {s.status} | "
                       f"{s.sets_done}/{s.sets_planned} | "
                       f"{'–' if morning is None else morning} |")
    else:
        out.append("No sessions in these weeks.")
    return "\n".join(out) + "\n"

