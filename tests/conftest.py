"""Shared fixtures: every test gets its own config, data and history locations."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user location at a fresh temporary folder (never a real home)."""
    base = tmp_path_factory.mktemp("userdirs")
    monkeypatch.setenv("HAMSTRING_COACH_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("HAMSTRING_COACH_DATA_DIR", str(base / "data"))
    monkeypatch.delenv("HAMSTRING_COACH_HISTORY", raising=False)
    return base


@pytest.fixture(autouse=True)
def isolated_runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A runtime folder of the test's own for break mode's control socket.

    Short (a Unix socket's path is at most 107 bytes) and 0755, so a test can
    run a piece as ``nobody`` that reaches as far as the app's own 0700 folder.
    """
    base = Path(tempfile.mkdtemp(prefix="hc-run-"))
    base.chmod(0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(base))
    yield base
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside pytest's private (0700) temp tree that ``nobody`` can reach."""
    base = Path(tempfile.mkdtemp(prefix="hc-history-"))
    base.chmod(0o755)
    yield base
    for folder, dirs, _ in os.walk(base):
        for name in dirs:
            (Path(folder) / name).chmod(0o755)
    shutil.rmtree(base)
