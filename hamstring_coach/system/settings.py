"""User settings (volume, mute, plain mode, theme) in ``config.json`` in the user's config folder.

The file is a JSON object; keys this module does not know are kept when it
saves, so other parts of the program can store their own settings there.
A broken file never stops the program: the defaults are used, a warning
says so, and the broken file is kept beside it (``config.json.broken``)
before anything overwrites it, so nothing is lost silently.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hamstring_coach.system.files import NotRegularFile, read_regular, stat_kind, write_regular
from hamstring_coach.system.paths import settings_file

DEFAULT_VOLUME = 80
DEFAULT_THEME = "textual-dark"
THEMES = (DEFAULT_THEME, "high-contrast")  # the themes the app registers or ships
MAX_SETTINGS_BYTES = 1 << 20  # a few lines of JSON; more is not a settings file


@dataclass(frozen=True, slots=True)
class Settings:
    """What the program remembers between runs."""

    volume: int = DEFAULT_VOLUME  # 0-100
    muted: bool = False
    plain: bool = False  # ``run`` writes lines instead of a screen (``run --plain``)
    theme: str = DEFAULT_THEME  # the app's Textual theme (``run --theme``)
    break_hours: str | None = None  # working hours for break mode: "mon-fri,09:00-17:30"


def _read_object(path: Path) -> tuple[dict[str, Any], str | None]:
    """The file's JSON object (empty if missing) and a problem description, if any."""
    try:
        raw = read_regular(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return {}, None
    except NotRegularFile as exc:  # a FIFO, a device: never opened, never waited on
        return {}, str(exc.strerror)
    except OSError as exc:
        return {}, f"cannot be read ({exc.__class__.__name__}: {exc})"
    if len(raw) > MAX_SETTINGS_BYTES:
        return {}, f"is larger than {MAX_SETTINGS_BYTES // 1024} KiB"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return {}, f"cannot be read ({exc.__class__.__name__}: {exc})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    if not isinstance(data, dict):
        return {}, "is not a JSON object"
    return data, None


def _keep_broken(path: Path) -> Path | None:
    """Copy a broken settings file aside (once per content) so saving cannot lose it."""
    target = path.with_name(path.name + ".broken")
    try:
        content = read_regular(path, MAX_SETTINGS_BYTES)
        if stat_kind(target) is None or read_regular(target, len(content)) != content:
            write_regular(target, content)
        return target
    except OSError:  # a FIFO or a device is not a file to keep (nor to write over)
        return None


def load_settings() -> tuple[Settings, str | None]:
    """The saved settings (defaults for anything missing or wrong) and a warning, if any."""
    path = settings_file()
    data, problem = _read_object(path)
    if problem:
        kept = _keep_broken(path)
        where = f"; kept a copy as {kept}" if kept else ""
        return Settings(), f"Settings file {path} {problem}: using defaults{where}"
    settings = Settings()
    wrong = []
    volume = data.get("volume", DEFAULT_VOLUME)
    if isinstance(volume, int | float) and not isinstance(volume, bool) and 0 <= volume <= 100:
        settings = replace(settings, volume=round(volume))
    else:
        wrong.append(f"volume {volume!r} is not a number from 0 to 100")
    muted = data.get("muted", False)
    if isinstance(muted, bool):
        settings = replace(settings, muted=muted)
    else:
        wrong.append(f"muted {muted!r} is not true or false")
    plain = data.get("plain", False)
    if isinstance(plain, bool):
        settings = replace(settings, plain=plain)
    else:
        wrong.append(f"plain {plain!r} is not true or false")
    theme = data.get("theme", DEFAULT_THEME)
    if isinstance(theme, str) and theme in THEMES:
        settings = replace(settings, theme=theme)
    else:
        wrong.append(f"theme {theme!r} is not one of {', '.join(THEMES)}")
    hours = data.get("break_hours")
    if hours is None or (isinstance(hours, str) and len(hours) <= 100):
        settings = replace(settings, break_hours=hours)
    else:
        wrong.append(f"break_hours {hours!r:.40} is not a text like mon-fri,09:00-17:30")
    if wrong:
        return settings, f"Settings file {path}: {'; '.join(wrong)}: using the default"
    return settings, None


def save_settings(settings: Settings) -> str | None:
    """Save ``settings``, keeping other keys; returns a warning instead of raising."""
    path = settings_file()
    data, problem = _read_object(path)
    try:
        kind = stat_kind(path)
    except OSError as exc:
        return f"Cannot save settings to {path}: {exc.strerror or exc}"
    if kind not in (None, "a regular file"):  # renaming over it would lose what is there
        return f"Cannot save settings to {path}: it is {kind}, not a regular file"
    if problem and kind is not None:
        _keep_broken(path)
    data["volume"] = settings.volume
    data["muted"] = settings.muted
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write a temporary file and rename it, so a crash mid-write never leaves half a file.
        fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, sort_keys=True)
            out.write("\n")
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return f"Cannot save settings to {path}: {exc.strerror or exc}"
    return None
