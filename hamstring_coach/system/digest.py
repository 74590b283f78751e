"""SHA-256 of bytes, without loading OpenSSL: the one place the app takes a digest.

``hashlib`` loads OpenSSL's libcrypto on import: about 3.7 MiB of resident
memory and 6 ms on the project machine, for the one digest ``run`` takes (a
session file's bytes, kept with each run in the history). CPython's own
SHA-256 gives the same digest: ``_sha2`` since 3.12, ``_sha256`` in 3.11
(the same fallback :mod:`random` uses for SHA-512). A Python without them
gets ``hashlib``'s.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def _builtin_sha256() -> Callable[[bytes], Any]:
    for name in ("_sha2", "_sha256"):  # CPython 3.12+, 3.11
        try:
            return importlib.import_module(name).sha256  # type: ignore[no-any-return]
        except (ImportError, AttributeError):
            continue
    from hashlib import sha256  # another Python: OpenSSL's, or hashlib's own

    return sha256


_sha256 = _builtin_sha256()


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 lower-case hex digits (what ``hashlib`` gives)."""
    return str(_sha256(data).hexdigest())
