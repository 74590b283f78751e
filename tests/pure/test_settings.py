"""User settings: remembered volume and mute; a broken file warns, never crashes, is kept."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hamstring_coach.system.paths import settings_file
from hamstring_coach.system.settings import DEFAULT_VOLUME, Settings, load_settings, save_settings


def test_defaults_without_a_file() -> None:
    assert load_settings() == (Settings(DEFAULT_VOLUME, False), None)
    assert not settings_file().exists()


def test_saved_settings_come_back_and_other_keys_survive() -> None:
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"break_minutes": 45, "volume": 10}))
    assert save_settings(Settings(volume=35, muted=True)) is None
    assert load_settings() == (Settings(35, True), None)
    assert json.loads(path.read_text()) == {"break_minutes": 45, "volume": 35, "muted": True}


@pytest.mark.parametrize("text, words", [
    (b"{not json", "not valid JSON"),
    (b"[1, 2]", "not a JSON object"),
    (b"\xff\xfe{}", "cannot be read"),
])
def test_a_broken_file_warns_uses_defaults_and_is_kept(text: bytes, words: str) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(text)
    settings, warning = load_settings()
    assert settings == Settings()
    assert warning is not None and words in warning and warning.path == str(path)
    kept = path.with_name("config.json.broken")
    assert kept.read_bytes() == text
    # Saving afterwards replaces the broken file, but the copy stays.
    assert save_settings(Settings(volume=50)) is None
    assert load_settings() == (Settings(50, False), None)
    assert kept.read_bytes() == text


def test_wrong_values_fall_back_one_by_one() -> None:
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"volume": "loud", "muted": True}))
    settings, warning = load_settings()
    assert settings == Settings(DEFAULT_VOLUME, True)
    assert warning is not None and "volume 'loud'" in warning
    path.write_text(json.dumps({"volume": 140, "muted": "yes"}))
    settings, warning = load_settings()
    assert settings == Settings()
    assert warning is not None and "volume 140" in warning and "muted 'yes'" in warning


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_folder_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    monkeypatch.setenv("HAMSTRING_COACH_CONFIG_DIR", str(folder))
    warning = save_settings(Settings(volume=20))
    assert warning is not None and "Settings not saved" in warning


def test_an_unwritable_path_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file where the config folder should be: fails for root too.
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv("HAMSTRING_COACH_CONFIG_DIR", str(blocker / "config"))
    warning = save_settings(Settings(volume=20))
    assert warning is not None and "Settings not saved" in warning
    settings, warning = load_settings()
    assert settings == Settings() and warning is not None and "cannot be read" in warning


def test_plain_and_theme_settings_come_back_and_a_wrong_one_is_named() -> None:
    path = settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"plain": True, "theme": "high-contrast"}))
    assert load_settings() == (Settings(plain=True, theme="high-contrast"), None)
    path.write_text(json.dumps({"plain": "yes", "theme": "\x1b[31m"}))
    settings, warning = load_settings()
    assert settings == Settings()
    assert warning is not None and "plain 'yes'" in warning and "theme '\\x1b[31m'" in warning
