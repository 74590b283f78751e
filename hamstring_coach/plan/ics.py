"""A programme as an iCalendar file (RFC 5545): one event per dated session.

Pure text. Each session due on a day becomes a VEVENT at ``at`` (a local,
"floating" time, so it stays at 18:00 across a daylight-saving change and in
any time zone the calendar app is in), lasting the session's length, with a
VALARM reminder before it. Several sessions on one day follow each other.

RFC 5545 details kept here: CRLF line ends; lines folded at 75 octets
(never inside a UTF-8 character); TEXT values escaped (``\\``, ``;``, ``,``,
newlines) and stripped of control characters; a UID stable across exports
(the programme, day, place in the day and session), so importing a new export
updates events instead of duplicating them; DTSTAMP in UTC.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

from hamstring_coach.format.programme import Programme
from hamstring_coach.system.digest import sha256_hex
from hamstring_coach.system.records import frozen

PRODID = "-//hamstring-coach//programme//EN"
DEFAULT_AT = time(18, 0)
DEFAULT_REMINDER = timedelta(minutes=15)
OPEN_WEEKS = 12  # weeks exported for a programme that repeats forever
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@frozen
class SessionFacts:
    """What an event says about a session."""

    name: str
    length: float  # seconds of timed phases
    waits: int = 0  # phases that wait for a key (their time is not in ``length``)


def escape_text(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): control characters out, specials escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\n", "\\n")
    return _CONTROL.sub(" ", text)


def fold(line: str) -> str:
    """One content line folded to at most 75 octets a line (RFC 5545 3.1), CRLF-ended."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts: list[str] = []
    start = 0
    limit = 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # back off to the start of a UTF-8 character
        parts.append(data[start:end].decode("utf-8"))
        start = end
        limit = 74  # continuation lines start with a space, which counts
    return "\r\n ".join(parts) + "\r\n"


def _duration(seconds: float) -> str:
    whole = max(60, math.ceil(seconds / 60) * 60)  # whole minutes, at least one
    hours, rest = divmod(whole, 3600)
    return f"PT{hours}H{rest // 60}M" if hours else f"PT{rest // 60}M"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def export_days(programme: Programme, weeks: int | None = None) -> list[date]:
    """The days the export covers: the whole programme, or ``weeks`` (default 12) from
    its start for one that repeats forever."""
    count = programme.weeks if programme.weeks is not None else (weeks or OPEN_WEEKS)
    return [programme.start + timedelta(days=i) for i in range(7 * count)]


@frozen
class Event:
    """One dated session."""

    day: date
    order: int  # place in the day
    session_id: str
    start: datetime  # floating local time
    length: float
    week: int
    deload: bool


def events(programme: Programme, facts: Mapping[str, SessionFacts], *, at: time = DEFAULT_AT,
           weeks: int | None = None) -> list[Event]:
    """Every dated session of the export, in order."""
    found = []
    for day in export_days(programme, weeks):
        start = datetime.combine(day, at)
        week = programme.week_of(day)
        assert week is not None
        for order, sid in enumerate(programme.due_on(day)):
            length = facts[sid].length
            found.append(Event(day, order, sid, start, length, week, week in programme.deload))
            start += timedelta(seconds=max(60, math.ceil(length / 60) * 60))
    return found


def calendar_text(programme: Programme, facts: Mapping[str, SessionFacts], *, now: datetime,
                  at: time = DEFAULT_AT, reminder: timedelta = DEFAULT_REMINDER,
                  weeks: int | None = None) -> str:
    """The iCalendar file for the programme (``now`` stamps it)."""
    key = sha256_hex(f"{programme.name}\n{programme.start}".encode())[:12]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(programme.name)}"]
    stamp = _stamp(now)
    minutes = max(0, round(reminder.total_seconds() / 60))
    for event in events(programme, facts, at=at, weeks=weeks):
        fact = facts[event.session_id]
        deload = " (deload)" if event.deload else ""
        summary = f"{fact.name}{deload}"
        waits = f" plus {fact.waits} wait{'s' if fact.waits != 1 else ''} for your key" \
            if fact.waits else ""
        description = (f"{programme.name}, week {event.week}{deload}: {fact.name} "
                       f"({event.session_id}), about {math.ceil(fact.length / 60)} min{waits}."
                       f"\nStart it with: hamstring-coach run {event.session_id}")
        lines += [
            "BEGIN:VEVENT",
            "UID:" + escape_text(f"{event.day:%Y%m%d}-{event.order}-{event.session_id}-{key}"
                                 "@hamstring-coach"),
            f"DTSTAMP:{stamp}",
            f"DTSTART:{event.start:%Y%m%dT%H%M%S}",
            f"DURATION:{_duration(event.length)}",
            f"SUMMARY:{escape_text(summary)}",
            f"DESCRIPTION:{escape_text(description)}",
            "CATEGORIES:Training",
            "TRANSP:OPAQUE",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(summary)}",
            f"TRIGGER:-PT{minutes}M",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
