"""How each phase kind looks: its colour and the CSS class that carries it.

One table, used by the phase banner, the countdown, the tempo strip and the
picker, so a "lower" phase is the same orange everywhere.
"""

from __future__ import annotations

from hamstring_coach.timeline import PhaseKind

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
    PhaseKind.REST: "#6f8fb0",
    PhaseKind.CUE: "#e4e4e4",
}
PAUSED_COLOUR = "#ff8787"
DARK_TEXT = "#121212"


def kind_class(kind: PhaseKind) -> str:
    """The CSS class naming a phase kind (``kind-lower``)."""
    return f"kind-{kind.value}"


ALL_KIND_CLASSES: tuple[str, ...] = tuple(kind_class(kind) for kind in PhaseKind)


def kind_css(selector: str, rule: str) -> str:
    """CSS giving ``selector.kind-X`` the rule ``rule`` with ``{colour}`` filled per kind."""
    return "\n".join(
        f"{selector}.{kind_class(kind)} {{ {rule.format(colour=colour)} }}"
        for kind, colour in KIND_COLOURS.items()
    )
