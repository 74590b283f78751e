"""The one SHA-256 (system/digest.py): hashlib's digest, without OpenSSL's libcrypto."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from hamstring_coach.system.digest import sha256_hex


@pytest.mark.parametrize("data", [b"", b"name: Probe\n", bytes(range(256)) * 4096,
                                  "Ünïcode · 🦵\n".encode()])
def test_the_digest_is_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_taking_a_digest_does_not_load_openssl() -> None:
    code = ("import sys; from hamstring_coach.system.digest import sha256_hex; "
            "sha256_hex(b'x'); print('_hashlib' in sys.modules, 'hashlib' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.split()
    assert shown == ["False", "False"]
