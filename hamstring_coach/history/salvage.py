"""Carry what can still be read of a damaged history into a new one.

A damaged SQLite file usually has most of its rows intact: a broken page
makes a query stop with "database disk image is malformed" at the first row
it would read there, and a broken interior page (or the table's root) hides
every row below it. So two passes, the second filling what the first missed:

1. **SQL**, table by table, row by row in rowid order, then backwards from
   the end: every row SQLite itself can still reach (the WAL included).
2. **Pages**, like the sqlite3 shell's ``.recover``: every page of the file
   that is a table leaf is decoded on its own (cells, overflow chains,
   records), whatever the tree above it, and each record is matched to a
   table by its shape (column count, the id column stored as NULL) and by
   the declared type of every column.

A row is carried only if it fits the new file's constraints; a set whose
run was lost is left behind (it is still in the kept file), and a run that
continued a lost run no longer refers to it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import struct
from collections.abc import Iterator
from pathlib import Path

from hamstring_coach.system.records import frozen

TABLES = ("runs", "sets", "breaks", "checkins")
# Columns a later schema added at the end of a table (NULL in an older file's rows):
# history v2's logged values of a set. A v1 row is carried with them empty.
ADDED = {"sets": 5}
_TABLE_LEAF = 0x0D
Row = tuple[object, ...]


@frozen
class Salvaged:
    """What was carried over: runs, sets and breaks; sets left behind (run lost)."""

    runs: int
    sets: int
    breaks: int
    orphan_sets: int


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[pos + i]
        if i == 8:
            return (value << 8) | byte, pos + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    raise ValueError("varint")  # pragma: no cover (the loop returns)


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _record(payload: bytes) -> Row:
    """The values of one record (raises ValueError/IndexError when it is not one)."""
    header_size, pos = _varint(payload, 0)
    if header_size > len(payload) or header_size < 1:
        raise ValueError("header")
    types: list[int] = []
    while pos < header_size:
        kind, pos = _varint(payload, pos)
        types.append(kind)
    values: list[object] = []
    pos = header_size
    for kind in types:
        if kind == 0:
            values.append(None)
        elif kind in _INT_SIZES:
            size = _INT_SIZES[kind]
            if pos + size > len(payload):
                raise ValueError("short")
            values.append(int.from_bytes(payload[pos:pos + size], "big", signed=True))
            pos += size
        elif kind == 7:
            values.append(struct.unpack(">d", payload[pos:pos + 8])[0])
            pos += 8
        elif kind in (8, 9):
            values.append(kind - 8)
        elif kind >= 12:
            size = (kind - 12) // 2
            if pos + size > len(payload):
                raise ValueError("short")
            chunk = payload[pos:pos + size]
            values.append(bytes(chunk) if kind % 2 == 0 else chunk.decode("utf-8"))
            pos += size
        else:
            raise ValueError("serial type")
    return tuple(values)


def _leaf_cells(data: bytes) -> Iterator[tuple[int, Row]]:
    """(rowid, values) of every readable cell on every table leaf page."""
    if len(data) < 100:
        return
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    if size < 512 or size > 65536 or size & (size - 1):
        size = 4096  # a damaged header: the default page size
    usable = size - data[20] if data[20] < 32 else size
    pages = len(data) // size
    for number in range(1, pages + 1):
        start = (number - 1) * size
        header = start + (100 if number == 1 else 0)
        if data[header] != _TABLE_LEAF:
            continue
        count = int.from_bytes(data[header + 3:header + 5], "big")
        for i in range(min(count, size // 2)):
            with contextlib.suppress(ValueError, IndexError, UnicodeDecodeError,
                                     struct.error):
                pointer = int.from_bytes(data[header + 8 + 2 * i:header + 10 + 2 * i], "big")
                yield _cell(data, start + pointer, usable, size, pages)


def _cell(data: bytes, pos: int, usable: int, size: int, pages: int) -> tuple[int, Row]:
    length, pos = _varint(data, pos)
    rowid, pos = _varint(data, pos)
    if rowid >= 1 << 63:
        rowid -= 1 << 64
    most = usable - 35
    if length <= most:
        local = length
    else:
        least = (usable - 12) * 32 // 255 - 23
        local = least + (length - least) % (usable - 4)
        if local > most:
            local = least
    payload = bytearray(data[pos:pos + local])
    if local < length:
        following = int.from_bytes(data[pos + local:pos + local + 4], "big")
        seen = 0
        while following and len(payload) < length:
            seen += 1
            if following > pages or seen > pages:
                raise ValueError("overflow chain")
            at = (following - 1) * size
            following = int.from_bytes(data[at:at + 4], "big")
            payload += data[at + 4:at + usable]
    if len(payload) < length:
        raise ValueError("short payload")
    return rowid, _record(bytes(payload[:length]))


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, declared type) of each column of ``table`` in the new file."""
    return [(str(row[1]), str(row[2]).upper())
            for row in conn.execute(f"PRAGMA table_info({table})")]


def _fits(values: Row, columns: list[tuple[str, str]], added: int = 0) -> bool:
    """The values have the table's shape: its column count and each column's type.

    A row ``added`` columns short (from a file before they were added) fits too.
    """
    if len(values) not in (len(columns), len(columns) - added) or not values:
        return False
    for value, (_, declared) in zip(values, columns, strict=False):
        if value is None:
            continue
        if declared == "TEXT" and not isinstance(value, str):
            return False
        if declared == "INTEGER" and not isinstance(value, int):
            return False
        if declared == "REAL" and not isinstance(value, (int, float)):
            return False
    return True


def _sql_rows(path: Path, table: str, found: dict[int, Row]) -> None:
    """Rows SQLite can still reach, forwards then backwards (a broken page stops a scan)."""
    for query in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=0)
        except sqlite3.Error:
            continue
        try:
            for order in ("ASC", "DESC"):
                with contextlib.suppress(sqlite3.Error):
                    for row in conn.execute(f"SELECT rowid, * FROM {table} "
                                            f"ORDER BY rowid {order}"):
                        found.setdefault(int(row[0]), tuple(row[1:]))
        finally:
            conn.close()


def salvage(damaged: Path, into: sqlite3.Connection) -> Salvaged:
    """Copy every readable run (with its sets) and break of ``damaged`` into ``into``.

    ``into`` is a new, empty history (schema made); the caller commits.
    """
    columns = {table: _columns(into, table) for table in TABLES}
    found: dict[str, dict[int, Row]] = {table: {} for table in TABLES}
    for table in TABLES:
        _sql_rows(damaged, table, found[table])
    try:
        data = damaged.read_bytes()
    except OSError:
        data = b""
    for rowid, values in _leaf_cells(data):
        if not values or values[0] is not None:
            continue  # every table here keeps its id as the rowid (stored NULL)
        for table in TABLES:
            if _fits(values, columns[table], ADDED.get(table, 0)):
                found[table].setdefault(rowid, values)
                break
    carried = {table: 0 for table in TABLES}
    run_ids: set[int] = set()
    orphans = 0
    for table in TABLES:
        names = [name for name, _ in columns[table]]
        insert = (f"INSERT INTO {table} ({', '.join(names)}) "
                  f"VALUES ({', '.join('?' for _ in names)})")
        for rowid, values in sorted(found[table].items()):
            if len(values) != len(names):
                if len(values) != len(names) - ADDED.get(table, 0):
                    continue  # not a row of this table after all
                values = (*values, *(None,) * (len(names) - len(values)))
            row = dict(zip(names, values, strict=True))
            row[names[0]] = rowid  # the id (a check-in's is its run's)
            if table == "checkins" and row["run_id"] not in run_ids:
                continue  # its run was lost
            if table == "sets" and row["run_id"] not in run_ids:
                orphans += 1
                continue
            if table == "runs" and row["resumed_from"] not in run_ids:
                row["resumed_from"] = None  # lost, or not before it: refer to nothing
            try:
                into.execute(insert, [row[name] for name in names])
            except sqlite3.Error:
                continue  # garbage that looked like a row: not carried
            carried[table] += 1
            if table == "runs":
                run_ids.add(rowid)
    return Salvaged(runs=carried["runs"], sets=carried["sets"], breaks=carried["breaks"],
                    orphan_sets=orphans)
