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
