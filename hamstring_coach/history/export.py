"""Exports of the history as CSV and JSON, and reading them back.

JSON holds everything in one document: ``{"format", "version", "runs":
[... each with its "sets" and its "checkin"], "breaks": [...]}``. Each run
also carries ``shown_status`` (``killed`` for a run whose process died),
derived and ignored when read back. Version 2 adds to each set what was
actually done (``reps_done``, ``load_done``, ``rir``, ``pain``, ``note``; null
= as planned or unknown) and to each run its morning-after ``checkin``
(``{"asked_at", "pain"}``, or null); a version 1 export reads back with those
empty.

CSV is one table per export (``runs``, ``sets`` or ``breaks``), one row
per record, columns named as the JSON keys. An empty cell means none;
functions are joined with ``;``; times are ISO 8601 with the local UTC
offset they were recorded at (``2024-04-01T00:30:00.000000+02:00``). The
``sets`` table adds ``session``, ``started_at`` (the run's) and
``session_name`` for spreadsheets (ignored when read back as a table): with
them the sets table is also a plain training log that ``history import``
reads (see :mod:`hamstring_coach.history.importer`).

Both read back (:func:`read_json`, :func:`read_csv`) to the same records.

Text is never a command: a CSV text cell that a spreadsheet would evaluate
(``=``, ``+``, ``-``, ``@``, tab or CR first) gets a leading ``'`` (OWASP), as
does one starting with ``'``, and reading takes one off; control characters
are escaped (``\\x1b``) in CSV and written as ``\\u`` escapes in JSON, which
read back to the same text (see :mod:`hamstring_coach.format.plaintext`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import datetime
from typing import Any

from hamstring_coach.format.plaintext import csv_text, from_csv_text, json_escaped
from hamstring_coach.history.records import (
    BreakRecord,
    CheckinRecord,
    HistoryData,
    RunRecord,
    SetRecord,
    shown_status,
)

FORMAT = "hamstring-coach history"
VERSION = 2
READS = (1, 2)  # export versions read back
TABLES = ("runs", "sets", "breaks", "checkins")
_RECORD = {"runs": RunRecord, "sets": SetRecord, "breaks": BreakRecord,
           "checkins": CheckinRecord}
# Set fields a version 1 export does not have (read back as None).
_V2_SET_FIELDS = frozenset({"reps_done", "load_done", "rir", "pain", "note"})


def _fields(cls: type) -> list[tuple[str, str]]:
    return [(f.name, str(f.type)) for f in dataclasses.fields(cls)]


def _to_json(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, tuple):
        return list(value)
    return value


def _record_json(record: object) -> dict[str, Any]:
    return {name: _to_json(getattr(record, name)) for name, _ in _fields(type(record))}


def to_json(data: HistoryData) -> str:
    """The whole history as one JSON document (runs with their sets, and breaks)."""
    by_run: dict[int, list[SetRecord]] = {}
    for s in data.sets:
        by_run.setdefault(s.run_id, []).append(s)
    checkins = {c.run_id: c for c in data.checkins}
    runs = []
    for run in data.runs:
        item = _record_json(run)
        item["shown_status"] = shown_status(run)
        item["sets"] = [_record_json(s) for s in by_run.get(run.id, [])]
        checkin = checkins.get(run.id)
        item["checkin"] = None if checkin is None else {
            "asked_at": _to_json(checkin.asked_at), "pain": checkin.pain}
        runs.append(item)
    document = {
        "format": FORMAT,
        "version": VERSION,
        "runs": runs,
        "breaks": [_record_json(b) for b in data.breaks],
    }
    return json_escaped(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _decode(kind: str, value: Any, name: str, *, csv_cell: bool = False) -> Any:
    """A JSON value, or CSV text (``csv_cell``), as the field's type says."""
    optional = kind.endswith(" | None")
    base = kind.removesuffix(" | None")
    if value is None or (optional and value == ""):
        if optional:
            return None
        raise ValueError(f"{name}: a value is required")
    if base == "datetime":
        moment = datetime.fromisoformat(str(value))
        if moment.tzinfo is None:
            raise ValueError(f"{name}: time without a UTC offset: {value}")
        return moment
    if base == "bool":
        if isinstance(value, bool):
            return value
        if value in ("true", "false"):
            return value == "true"
        raise ValueError(f"{name}: expected true or false, got {value!r}")
    if base == "int":
        if isinstance(value, bool):
            raise ValueError(f"{name}: expected a whole number, got {value!r}")
        return int(value)
    if base == "float":
        return float(value)
    if base == "str":
        return from_csv_text(str(value)) if csv_cell else str(value)
    if base == "tuple[str, ...]":
        if isinstance(value, list):
            return tuple(str(v) for v in value)
        cell = from_csv_text(str(value)) if csv_cell else str(value)
        return tuple(part for part in cell.split(";") if part)
    raise ValueError(f"{name}: unsupported type {kind}")  # pragma: no cover - schema bug


def _record(cls: type, item: object, optional: frozenset[str] = frozenset(), *,
            csv_cells: bool = False) -> Any:
    """One record from a JSON object or CSV row; ``optional`` fields may be missing.

    ``csv_cells``: the values are CSV cells, neutralised on the way out (read back).
    """
    if not isinstance(item, dict):
        raise ValueError(f"expected an object, got {type(item).__name__}")
    values = {}
    for name, kind in _fields(cls):
        if name not in item:
            if name in optional:
                continue
            raise ValueError(f"missing {name!r}")
        values[name] = _decode(kind, item[name], name, csv_cell=csv_cells)
    return cls(**values)


def read_json(text: str) -> HistoryData:
    """Read a :func:`to_json` document back (version 1 or 2).

    ValueError on anything else, naming the record: ``runs[3].sets[1]: rir: ...``.
    """
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ValueError(f"not JSON: {error}") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} export")
    version = document.get("version")
    if version not in READS or isinstance(version, bool):
        raise ValueError(f"export version {version!r}, this reads "
                         + " and ".join(str(v) for v in READS))
    optional = _V2_SET_FIELDS if version == 1 else frozenset()
    runs: list[RunRecord] = []
    sets: list[SetRecord] = []
    checkins: list[CheckinRecord] = []
    for key in ("runs", "breaks"):
        if not isinstance(document.get(key, []), list):
            raise ValueError(f"{key}: expected a list")
    for n, item in enumerate(document.get("runs", [])):
        where = f"runs[{n}]"
        run = _located(where, lambda item=item: _record(RunRecord, item))
        runs.append(run)
        items = item.get("sets", [])
        if not isinstance(items, list):
            raise ValueError(f"{where}.sets: expected a list")
        for m, s in enumerate(items):
            record = _located(f"{where}.sets[{m}]",
                              lambda s=s: _record(SetRecord, s, optional))
            if record.run_id != run.id:
                raise ValueError(f"{where}.sets[{m}]: run_id {record.run_id} is not its "
                                 f"run's id {run.id}")
            sets.append(_located(f"{where}.sets[{m}]", lambda r=record: _checked_set(r)))
        checkin = item.get("checkin")
        if checkin is not None:
            checkins.append(_located(f"{where}.checkin", lambda c=checkin, i=run.id: _record(
                CheckinRecord, {**c, "run_id": i} if isinstance(c, dict) else c)))
    breaks = [_located(f"breaks[{n}]", lambda item=item: _record(BreakRecord, item))
              for n, item in enumerate(document.get("breaks", []))]
    return HistoryData(runs=tuple(runs), sets=tuple(sets), breaks=tuple(breaks),
                       checkins=tuple(checkins))


def _located(where: str, make: Any) -> Any:
    try:
        return make()
    except (ValueError, TypeError, OverflowError) as error:
        raise ValueError(f"{where}: {error}") from error


def _checked_set(record: SetRecord) -> SetRecord:
    """A set whose logged fields follow the rules of :mod:`hamstring_coach.run.actuals`."""
    from hamstring_coach.run.actuals import check_field

    for name in sorted(_V2_SET_FIELDS):
        value = getattr(record, name)
        if value is not None and check_field(name, value) != value:
            raise ValueError(f"{name}: {value!r} is not as the history keeps it")
    return record


def _to_cell(value: object) -> str:
    """A CSV cell; text (a name, an exercise, a load: from files) is :func:`csv_text`."""
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, tuple):
        return csv_text(";".join(str(v) for v in value))
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(data: HistoryData, table: str) -> str:
    """One table (``runs``, ``sets`` or ``breaks``) as CSV with a header row."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {TABLES}")
    cls = _RECORD[table]
    names = [name for name, _ in _fields(cls)]
    records: tuple[Any, ...] = getattr(data, table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    extra = ["session", "started_at", "session_name"] if table == "sets" else []
    writer.writerow(names + extra)
    by_id = {run.id: run for run in data.runs}
    for record in records:
        row = [_to_cell(getattr(record, name)) for name in names]
        if table == "sets":
            run = by_id.get(record.run_id)
            row.extend(("", "", "") if run is None else (
                _to_cell(run.session_id), _to_cell(run.started_at), _to_cell(run.session_name)))
        writer.writerow(row)
    return out.getvalue()


def read_csv(text: str, table: str) -> tuple[Any, ...]:
    """Read a :func:`to_csv` table back to its records; ValueError on a bad row."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {TABLES}")
    cls = _RECORD[table]
    rows = list(csv.DictReader(io.StringIO(text)))
    records = []
    for number, row in enumerate(rows, start=2):
        try:
            records.append(_record(cls, dict(row), csv_cells=True))
        except ValueError as error:
            raise ValueError(f"line {number}: {error}") from error
    return tuple(records)
