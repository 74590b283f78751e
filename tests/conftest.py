"""Shared fixtures: every test gets its own config, data and history locations."""

from __future__ import annotations

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
