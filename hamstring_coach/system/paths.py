"""Where files live: shipped data inside the package, user files per platform.

Every user location can be overridden by an environment variable so tests
(and people with unusual set-ups) never touch a real home directory:

- ``HAMSTRING_COACH_CONFIG_DIR``: user sessions (``sessions/``), the user
  catalogue (``catalogue.yaml``), settings (``config.json``) and the
  programme (``programme.yaml``).
- ``HAMSTRING_COACH_DATA_DIR``: history database, crash reports.
- ``HAMSTRING_COACH_HISTORY``: the history database file itself.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "hamstring-coach"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # hamstring_coach/


def _shipped(name: str) -> Path:
    """A top-level data folder: inside the wheel, or beside the package in a checkout."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def builtin_sessions_dir() -> Path:
    """Folder of the built-in session files."""
    return _shipped("sessions")


def sounds_dir() -> Path:
    """Folder of the shipped sound bank (WAV files)."""
    return _shipped("sounds")


def builtin_catalogue_file() -> Path:
    """The built-in exercise catalogue."""
    return _PACKAGE_DIR / "catalogue.yaml"


def config_dir() -> Path:
    """User configuration folder (sessions, catalogue, settings)."""
    env = os.environ.get("HAMSTRING_COACH_CONFIG_DIR")
    if env:
        return Path(env)
    # platformdirs only when no HAMSTRING_COACH_* override says where
    from platformdirs import user_config_path

    return user_config_path(APP_NAME)


def data_dir() -> Path:
    """User data folder (history, crash reports)."""
    env = os.environ.get("HAMSTRING_COACH_DATA_DIR")
    if env:
        return Path(env)
    # platformdirs only when no HAMSTRING_COACH_* override says where
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)


def user_sessions_dir() -> Path:
    """Folder of the user's own session files."""
    return config_dir() / "sessions"


def user_catalogue_file() -> Path:
    """The user's catalogue, which adds or overrides built-in exercises."""
    return config_dir() / "catalogue.yaml"


def settings_file() -> Path:
    """User settings (volume, mute) as JSON."""
    return config_dir() / "config.json"


def history_file() -> Path:
    """The SQLite history database."""
    env = os.environ.get("HAMSTRING_COACH_HISTORY")
    if env:
        return Path(env)
    return data_dir() / "history.sqlite3"


def builtin_programmes_dir() -> Path:
    """Folder of the built-in example programme files."""
    return _shipped("programmes")


def programme_file() -> Path:
    """The user's programme (COACHING.md section 5): ``programme.yaml`` in the config folder."""
    return config_dir() / "programme.yaml"
