"""A small PNG reader for the tests (8-bit RGB/RGBA, not interlaced: what Chromium and
rsvg-convert write), so a screenshot's pixels can be checked without Pillow."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def read_png(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB bytes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, width, height, channels = 8, b"", 0, 0, 3
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + size
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                cur[i] = (cur[i] + a) & 255
            elif kind == 2:
                cur[i] = (cur[i] + b) & 255
            elif kind == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                cur[i] = (cur[i] + pred) & 255
        prev = cur
        rgb = bytes(cur) if channels == 3 else bytes(
            v for i, v in enumerate(cur) if i % 4 != 3)
        rows.append(rgb)
    return width, height, rows


def rows_with(rows: list[bytes], colour: tuple[int, int, int], tolerance: int = 40) -> list[int]:
    """The row numbers holding a pixel near ``colour``."""
    found = []
    r0, g0, b0 = colour
    for y, row in enumerate(rows):
        for x in range(0, len(row), 3):
            if abs(row[x] - r0) + abs(row[x + 1] - g0) + abs(row[x + 2] - b0) <= tolerance:
                found.append(y)
                break
    return found


def bands(ys: list[int], gap: int = 8) -> list[tuple[int, int]]:
    """Runs of nearby row numbers: (first, last) of each."""
    out: list[tuple[int, int]] = []
    for y in ys:
        if out and y - out[-1][1] <= gap:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out
