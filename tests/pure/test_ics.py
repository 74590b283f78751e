"""``programme ics``: a real iCalendar library reads what we write, event for event.

The file is parsed with ``icalendar`` (the library calendar tools in Python
use); the raw bytes are also checked for RFC 5545's line rules, which a
lenient parser would forgive.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta
from pathlib import Path

import icalendar
import pytest

from hamstring_coach.cli import main
from hamstring_coach.format.programme import parse_programme
from hamstring_coach.plan.ics import SessionFacts, calendar_text, escape_text, fold

PLAN = """\
name: Ten weeks; "curls, hinges" \\ more
start: 2027-03-15
weeks: 3
days:
  mon: tone
  thu: strengthen-lengthen
  daily: activation
deload: [2]
"""


def _write(folder: Path, text: str = PLAN) -> Path:
    path = folder / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _events(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_one_event_per_dated_session_on_the_right_days(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.ics"
    assert main(["programme", "ics", "-o", str(out), str(_write(tmp_path))]) == 0
    # 3 weeks x (7 activation + 1 tone + 1 strengthen-lengthen) = 27
    assert capsys.readouterr().out.strip() == f"Wrote {out}: 27 events"
    events = _events(out)
    assert len(events) == 27
    starts = [e.decoded("DTSTART") for e in events]
    assert all(isinstance(s, datetime) and s.tzinfo is None for s in starts)  # floating
    tone = [s for e, s in zip(events, starts, strict=True) if str(e["SUMMARY"]).startswith(
        "Tone")]
    assert [s.date() for s in tone] == [date(2027, 3, 15), date(2027, 3, 22), date(2027, 3, 29)]
    assert all(s.date().weekday() == 0 for s in tone)
    days = sorted({s.date() for s in starts})
    assert days == [date(2027, 3, 15) + timedelta(days=i) for i in range(21)]
    # Monday: activation (5:15, so 6 minutes) at 18:00, then tone from 18:06
    monday = sorted((s, str(e["SUMMARY"])) for e, s in zip(events, starts, strict=True)
                    if s.date() == date(2027, 3, 15))
    assert monday == [(datetime(2027, 3, 15, 18, 0), "Hamstring activation"),
                      (datetime(2027, 3, 15, 18, 6), "Tone and build")]
    # before and after the daylight-saving change (28 Mar) the time of day stays 18:00
    assert {s.time() for s in starts} == {time(18, 0), time(18, 6)}


def test_every_event_has_a_length_a_uid_a_stamp_and_a_reminder(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    assert main(["programme", "ics", "-o", str(out), "--at", "07:30", "--reminder", "20",
                 str(_write(tmp_path))]) == 0
    events = _events(out)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        assert isinstance(event.decoded("DTSTAMP"), datetime)
        assert event.decoded("DTSTAMP").utcoffset() == timedelta(0)
        assert event.decoded("DTSTART").time().isoformat() in ("07:30:00", "07:36:00")
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1
        assert alarms[0]["ACTION"] == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == -timedelta(minutes=20)
    lengths = {str(e["SUMMARY"]).removesuffix(" (deload)"): e.decoded("DURATION")
               for e in events}
    # tone 26:13 and strengthen-lengthen 26:46 round up to 27 minutes; activation 5:15 to 6
    assert lengths == {"Tone and build": timedelta(minutes=27),
                       "Strengthen and lengthen": timedelta(minutes=27),
                       "Hamstring activation": timedelta(minutes=6)}
    deload = [e.decoded("DTSTART").date() for e in events if "(deload)" in str(e["SUMMARY"])]
    assert min(deload) == date(2027, 3, 22) and max(deload) == date(2027, 3, 28)
    description = str(events[0]["DESCRIPTION"])
    assert description.startswith('Ten weeks; "curls, hinges" \\ more, week 1: ')
    assert description.endswith("\nStart it with: hamstring-coach run activation")
    # a re-export gives the same UIDs (a calendar updates events instead of doubling them)
    again = tmp_path / "again.ics"
    assert main(["programme", "ics", "-o", str(again), str(_write(tmp_path))]) == 0
    assert [str(e["UID"]) for e in _events(again)] == uids


def test_the_bytes_follow_rfc_5545(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    assert main(["programme", "ics", "-o", str(out), str(_write(tmp_path))]) == 0
    data = out.read_bytes()
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded
    name = next(line for line in lines if line.startswith(b"X-WR-CALNAME"))
    assert name == b'X-WR-CALNAME:Ten weeks\\; "curls\\, hinges" \\\\ more'


def test_folding_never_splits_a_character() -> None:
    line = "SUMMARY:" + "Kniebeugen für Oberschenkel · " * 6
    folded = fold(line).encode()
    parts = folded.split(b"\r\n")[:-1]
    assert all(len(p) <= 75 for p in parts)
    for part in parts:
        part.decode("utf-8")  # each physical line is whole UTF-8
    assert b"".join(p[1:] if i else p for i, p in enumerate(parts)).decode() == line
    assert escape_text("a\x1b[31mred\r\nline;,\\") == "a [31mred\\nline\\;\\,\\\\"


def test_an_open_programme_exports_twelve_weeks_by_default() -> None:
    plan = parse_programme(b"name: Open\nstart: 2027-01-04\ndays: {wed: tone}\n",
                           "open.yaml", {"tone"})
    facts = {"tone": SessionFacts("Tone", 600.0)}
    now = datetime(2027, 1, 1, 12, 0).astimezone()
    text = calendar_text(plan, facts, now=now)
    calendar = icalendar.Calendar.from_ical(text)
    assert len(list(calendar.walk("VEVENT"))) == 12
    assert len(list(icalendar.Calendar.from_ical(
        calendar_text(plan, facts, now=now, weeks=3)).walk("VEVENT"))) == 3


def test_an_existing_file_is_kept_without_force(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.ics"
    out.write_text("my own calendar", encoding="utf-8")
    assert main(["programme", "ics", "-o", str(out), str(_write(tmp_path))]) == 1
    assert "already exists; not overwritten (add --force" in capsys.readouterr().err
    assert out.read_text() == "my own calendar"
    out.chmod(0o600)
    assert main(["programme", "ics", "-o", str(out), "--force", str(_write(tmp_path))]) == 0
    assert len(_events(out)) == 27
    assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_or_a_link_is_never_written_into(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)  # opening it for writing would block with no reader
    assert main(["programme", "ics", "-o", str(fifo), "--force", str(_write(tmp_path))]) == 1
    assert "is not a regular file (a FIFO, socket or device); not written" in \
        capsys.readouterr().err
    target = tmp_path / "target.ics"
    target.write_text("kept", encoding="utf-8")
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    assert main(["programme", "ics", "-o", str(link), "--force", str(_write(tmp_path))]) == 1
    assert "is a symbolic link; not written" in capsys.readouterr().err
    assert target.read_text() == "kept"
