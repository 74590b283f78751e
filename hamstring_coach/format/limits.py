"""Bounds that protect the program from hostile or mistaken files.

Every bound is checked while loading, before any large structure is built,
so going past one is a quick, clear error and never a hang.
"""

from __future__ import annotations

MAX_FILE_BYTES = 1024 * 1024  # 1 MiB: a long session is a few kilobytes
MAX_DEPTH = 50  # nesting of mappings and lists, aliases included
# Nodes that aliases may add on top of the file's own nodes (billion laughs).
MAX_ALIAS_EXPANSION = 100_000
MAX_PHASES = 100_000  # phases the session would compile to
MAX_TOTAL_SECONDS = 24 * 3600.0  # a session's timed length
MAX_REPORTED = 200  # problems reported for one file; the rest are summarised
SUPPORTED_VERSIONS = (1,)
