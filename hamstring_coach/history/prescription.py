"""Next time's prescription of a session: the one place commands and screens get it.

A session with no ``progress:`` rule, outside a programme's deload week,
runs as written without the history being read: ``run`` then shows its
first frame without opening (or importing) SQLite, the progression rules, or
(with no programme file) the programme's loader. Otherwise the history is
replayed (:mod:`hamstring_coach.history.outcomes` reads it).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hamstring_coach.format.model import Session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.system.paths import programme_file

if TYPE_CHECKING:  # the loader (and so the YAML parser) only when a programme is read
    from hamstring_coach.format.programme import Programme
    from hamstring_coach.plan.progression import Prescription


def prescription_for(session: Session, *, as_written: bool = False, path: Path | None = None,
                     before: datetime | None = None,
                     today: date | None = None) -> tuple[Prescription, str | None]:
    """Next time's prescription of ``session`` from the history, and a warning if any.

    ``as_written`` (``run --as-written``, ``show --as-written``) ignores the
    history. With a programme naming the session (COACHING.md section 5), runs
    in its deload weeks neither advance nor count stalls, and in a deload week
    (``today``, default the local date) every exercise runs half its sets.
    The one place commands and screens get a prescription from.
    """
    # deferred, as the rules and the replay: a session that does not progress has no use
    from hamstring_coach.plan.progression import as_written as as_written_prescription
    from hamstring_coach.plan.progression import prescribe

    session = session.as_written
    if as_written:
        return as_written_prescription(session), None
    programme = _programme_of(session)
    deload_week = programme is not None and programme.is_deload(today or date.today())
    if not deload_week and not session.progresses:
        return as_written_prescription(session), None
    from hamstring_coach.history.outcomes import history_for  # SQLite: only to replay
    from hamstring_coach.plan.outcomes import RunOutcome

    history, warning = history_for(session, path, before=before)
    if programme is not None:
        history = [dataclasses.replace(i, deload=programme.is_deload(i.started_at.date()))
                   if isinstance(i, RunOutcome) else i for i in history]
    return prescribe(session, history, deload_week=deload_week), warning


def _programme_of(session: Session) -> Programme | None:
    """The user's programme when it names ``session`` (None without one, or broken)."""
    if not programme_file().exists():
        return None  # the usual case: no programme, and its loader stays unloaded
    from hamstring_coach.run.programmes import user_programme

    programme = user_programme()
    return programme if programme is not None and session.id in programme.sessions() else None


def next_timeline(session: Session, *, as_written: bool = False,
                  before: datetime | None = None) -> tuple[Timeline, str | None]:
    """The timeline ``run`` runs: next time's prescription compiled (or the file's).

    ``before`` replays only what happened before it (a resumed run continues
    the prescription it started with, not one that counts its own sets).
    """
    if as_written or (not session.progresses and not programme_file().exists()):
        return compile_session(session.as_written), None  # as written: nothing to replay
    prescription, warning = prescription_for(session, as_written=as_written, before=before)
    return compile_session(prescription.session), warning
