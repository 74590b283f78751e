"""Find what ``run --resume`` and the picker's ``r`` continue, as a StartRequest."""

from __future__ import annotations

from hamstring_coach.tui.runner import StartRequest


def resume_request() -> tuple[StartRequest | None, str | None]:
    """The last unfinished run ready to start, or None and a message saying why not.

    Refuses (with a message naming the file) when the session file changed
    or went away since that run: its phase numbers may not mean the same sets.
    """
    from hamstring_coach.format import load_session
    from hamstring_coach.format.errors import SessionFileError
    from hamstring_coach.history.resume import last_unfinished
    from hamstring_coach.history.store import HistoryUnavailable
    from hamstring_coach.plan import compile_session

    try:
        point = last_unfinished()
    except HistoryUnavailable as error:
        return None, f"History unavailable: {error}"
    if point is None:
        return None, "Nothing to resume: no unfinished session in the history."
    name = point.source if point.source is not None else point.session_spec
    if point.file_missing and point.source is not None:
        from hamstring_coach.system.files import stat_kind

        try:
            kind = stat_kind(point.source)
        except OSError:
            kind = None
        if kind not in (None, "a regular file"):  # never opened: a FIFO would hang the read
            return None, (f"Cannot resume {point.session_name}: {name}: is {kind}, not a "
                          "regular file")
    if point.file_missing or point.source is None:
        return None, f"Cannot resume {point.session_name}: {name} is gone. Start it afresh."
    if point.file_changed:
        return None, (f"Cannot resume {point.session_name}: {name} changed since. "
                      "Start it afresh.")
    try:
        timeline = compile_session(load_session(point.source, session_id=point.session_id))
    except SessionFileError as error:
        return None, f"Cannot resume {point.session_name}: {error.first}"
    if len(timeline.phases) != point.phase_count or point.phase_index >= point.phase_count:
        return None, f"Cannot resume {point.session_name}: {name} changed since. Start it afresh."
    return StartRequest(timeline, point.session_spec, start_index=point.phase_index,
                        resumed_from=point.run_id), None
