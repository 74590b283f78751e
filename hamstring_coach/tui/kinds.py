"""How each phase kind looks: its colour.

One table, used by the phase banner, the countdown and the tempo strip, so
a "lower" phase is the same orange everywhere. The widgets set these as
inline styles (no CSS class per kind), so a phase change repaints without
re-matching the stylesheet.
"""

from __future__ import annotations

from hamstring_coach.plan.timeline import PhaseKind

# Colours chosen to be told apart at a glance on dark and light terminals:
# work is green, lowering orange, lifting cyan, pauses magenta, rests a dim
# blue, side switches yellow, getting ready a brighter blue, cues white.
KIND_COLOURS: dict[PhaseKind, str] = {
    PhaseKind.PREPARE: "#5fafff",
    PhaseKind.HOLD: "#5fd75f",
    PhaseKind.WORK: "#5fd75f",
    PhaseKind.SET: "#5fd75f",
    PhaseKind.LOWER: "#ffaf5f",
    PhaseKind.PAUSE: "#d787d7",
    PhaseKind.LIFT: "#5fd7d7",
    PhaseKind.SWITCH: "#ffd75f",
    PhaseKind.BETWEEN: "#ffd75f",
    PhaseKind.REST: "#6f8fb0",
    PhaseKind.CUE: "#e4e4e4",
}
PAUSED_COLOUR = "#ff8787"
FLASH_COLOUR = "#ffffff"
DARK_TEXT = "#121212"
NEUTRAL = "#808080"  # no phase (finished)


def colour_of(kind: PhaseKind | None) -> str:
    """The colour of a phase kind (grey for none)."""
    return NEUTRAL if kind is None else KIND_COLOURS[kind]


def dimmed(colour: str, factor: float = 0.45) -> str:
    """``colour`` darkened towards black (a paused or waiting countdown)."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (red, green, blue)))


