"""The ``status`` command: the running break timer's state, for a status bar.

``hamstring-coach status [--format tmux|waybar|json]`` asks the running
``break`` over its control socket (:mod:`hamstring_coach.system.control`)
and prints one line: ``tmux`` is short with tmux colours (``⏱ 12m``,
``stretch due``), ``waybar`` is the JSON object Waybar's and i3blocks'
custom modules read, ``json`` is the timer's whole state. With no timer
running it prints nothing and exits 1 (a status bar then shows nothing).

It runs every few seconds, so it imports only the standard library: no
Textual, no YAML (``benchmarks/bench_status.py`` measures it).
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

FORMATS = ("tmux", "waybar", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--format", choices=FORMATS, default="tmux",
                        help="tmux (default: short, coloured), waybar (its custom module's "
                             "JSON) or json (everything)")


def _plain(text: object) -> str:
    """Text from the timer (a session's name comes from a file): no control characters."""
    return "".join(ch for ch in str(text) if ch.isprintable())[:80]


def _short(seconds: float) -> str:
    """``12m`` (rounded up), ``45s`` in the last minute, ``2h05m`` over an hour."""
    if seconds <= 60:
        return f"{max(0, math.ceil(seconds))}s"
    minutes = math.ceil(seconds / 60 - 1e-9)
    return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"


def short_text(status: dict[str, Any]) -> str:
    """The plain words a bar shows: ``⏱ 12m``, ``stretch due``, ``⏸ 42m``."""
    state = status.get("state")
    if state == "due":
        return "stretch due"
    if state == "in-session":
        return "stretching"
    if state == "paused":
        return f"⏸ {_short(float(status.get('paused_for', 0)))}"
    if state == "off-hours":
        return f"off until {_plain(status.get('hours_resume') or '')}".strip()
    return f"⏱ {_short(float(status.get('seconds', 0)))}"


TMUX_STYLE = {"due": "#[fg=black,bg=yellow,bold]", "in-session": "#[fg=green]",
              "paused": "#[fg=colour244]", "off-hours": "#[fg=colour244]"}


def tooltip(status: dict[str, Any]) -> str:
    """Session and today's tally, for a hover."""
    found = status.get("today")
    today: dict[str, Any] = found if isinstance(found, dict) else {}
    tally = " · ".join(f"{today.get(k, 0)} {k}" for k in ("taken", "snoozed", "skipped"))
    return f"{_plain(status.get('session_name', ''))}\nToday: {tally}"


def render(status: dict[str, Any], fmt: str) -> str:
    """The line ``status --format fmt`` prints."""
    if fmt == "json":
        return json.dumps(status, ensure_ascii=True, sort_keys=True)
    text = short_text(status)
    if fmt == "tmux":
        style = TMUX_STYLE.get(str(status.get("state")), "")
        text = text.replace("#", "##")  # tmux reads #[...] and #{...}
        return f"{style}{text}#[default]" if style else text
    every = float(status.get("every") or 1)
    left = float(status.get("seconds") or 0)
    percentage = max(0, min(100, round(100 * (1 - left / every)))) if every else 0
    markup_free = tooltip(status).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return json.dumps({"text": text, "alt": status.get("state"), "class": status.get("state"),
                       "tooltip": markup_free, "percentage": percentage}, ensure_ascii=False)


def run(args: argparse.Namespace) -> int:
    """Print the timer's state; exit 1 and silent when none runs."""
    from hamstring_coach.system.control import Command, ControlError, request

    try:
        reply = request(Command.STATUS)
    except ControlError:
        return 1
    status = reply.get("status")
    if not isinstance(status, dict):
        return 1
    print(render(status, args.format))
    return 0
