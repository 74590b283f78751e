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
from dataclasses import replace
from pathlib import Path
from typing import Any

from hamstring_coach.system.files import NotRegularFile, read_regular, stat_kind, write_regular
from hamstring_coach.system.messages import Notice
from hamstring_coach.system.paths import settings_file
from hamstring_coach.system.records import frozen

DEFAULT_VOLUME = 80
DEFAULT_THEME = "textual-dark"
THEMES = (DEFAULT_THEME, "high-contrast")  # the themes the app registers or ships
MAX_SETTINGS_BYTES = 1 << 20  # a few lines of JSON; more is not a settings file


@frozen
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
        return {}, f"{exc.kind}, not a regular file"
    except OSError as exc:
        return {}, f"cannot be read ({exc.strerror or exc.__class__.__name__})"
    if len(raw) > MAX_SETTINGS_BYTES:
        return {}, f"larger than {MAX_SETTINGS_BYTES // 1024} KiB"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return {}, f"cannot be read (not UTF-8 at byte {exc.start + 1})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, f"not valid JSON (line {exc.lineno}, column {exc.colno})"
    if not isinstance(data, dict):
        return {}, "not a JSON object"
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


def load_settings() -> tuple[Settings, Notice | None]:
    """The saved settings (defaults for anything missing or wrong) and a warning, if any.

    The warning says the problem first, then the file (see
    :class:`~hamstring_coach.system.messages.Notice`): ``Settings: not valid
    JSON (line 1, column 2); using defaults (~/.config/…/config.json)``. A
    broken file is kept beside it first, as ``config.json.broken``.
    """
    path = settings_file()
    data, problem = _read_object(path)
    if problem:
        _keep_broken(path)
        return Settings(), Notice(f"Settings: {problem}; using defaults", path)
    settings = Settings()
    wrong = []
    volume = data.get("volume", DEFAULT_VOLUME)
    if isinstance(volume, int | float) and not isinstance(volume, bool) and 0 <= volume <= 100:
        settings = replace(settings, volume=round(volume))
    else:
        wrong.append(f"volume {volume!r} not 0-100")
    muted = data.get("muted", False)
    if isinstance(muted, bool):
        settings = replace(settings, muted=muted)
    else:
        wrong.append(f"muted {muted!r} not true/false")
    plain = data.get("plain", False)
    if isinstance(plain, bool):
        settings = replace(settings, plain=plain)
    else:
        wrong.append(f"plain {plain!r} not true/false")
    theme = data.get("theme", DEFAULT_THEME)
    if isinstance(theme, str) and theme in THEMES:
        settings = replace(settings, theme=theme)
    else:
        wrong.append(f"theme {theme!r} unknown")
    hours = data.get("break_hours")
    if hours is None or (isinstance(hours, str) and len(hours) <= 100):
        settings = replace(settings, break_hours=hours)
    else:
        wrong.append(f"break_hours {hours!r:.30} not like mon-fri,09:00-17:30")
    if wrong:
        return settings, Notice(f"Settings: {'; '.join(wrong)}; defaults used", path)
    return settings, None


def save_settings(settings: Settings) -> Notice | None:
    """Save ``settings``, keeping other keys; returns a warning instead of raising."""
    path = settings_file()
    data, problem = _read_object(path)
    try:
        kind = stat_kind(path)
    except OSError as exc:
        return Notice(f"Settings not saved: {exc.strerror or exc}", path)
    if kind not in (None, "a regular file"):  # renaming over it would lose what is there
        return Notice(f"Settings not saved: {kind}, not a regular file", path)
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
        return Notice(f"Settings not saved: {exc.strerror or exc}", path)
    return None
