"""Loads that are numbers: ``40 kg``, ``42.5kg``, ``95 lb``; anything else stays text.

A load is free text (``red band``, ``bodyweight``); only a number with ``kg``
or ``lb`` (``lbs``) can grow by a ``progress: {load: +2.5 kg}`` rule.
"""

from __future__ import annotations

import re

from hamstring_coach.format.model import Load

UNITS = ("kg", "lb")
_NUMBER = r"(\d+(?:\.\d+)?|\.\d+)"
_LOAD = re.compile(rf"^\s*{_NUMBER}\s*(kg|kgs|lb|lbs)\s*\Z", re.IGNORECASE)
_STEP = re.compile(rf"^\s*\+?\s*{_NUMBER}\s*(kg|kgs|lb|lbs)?\s*\Z", re.IGNORECASE)
# The forms a load step may take as text; shared with the JSON Schema.
LOAD_STEP_PATTERN = r"^\s*\+?\s*(\d+(\.\d+)?|\.\d+)\s*([kK][gG][sS]?|[lL][bB][sS]?)?\s*$"
LOAD_PATTERN = r"^\s*(\d+(\.\d+)?|\.\d+)\s*([kK][gG][sS]?|[lL][bB][sS]?)\s*$"
MAX_LOAD = 100_000.0  # a bound so that no rule can make a number grow without end


def _unit(text: str) -> str:
    return text.lower().rstrip("s")


def parse_load(text: str | None) -> Load | None:
    """``"42.5 kg"`` as Load(42.5, "kg"); None for text loads (``red band``) and None."""
    if text is None:
        return None
    found = _LOAD.match(text)
    if found is None:
        return None
    return Load(float(found.group(1)), _unit(found.group(2)))


def parse_step(text: str) -> tuple[float, str | None] | None:
    """``"+2.5 kg"`` (or ``"2.5kg"``, ``"+5"``) as (2.5, "kg"); None when not a load step."""
    found = _STEP.match(text)
    if found is None:
        return None
    return float(found.group(1)), _unit(found.group(2)) if found.group(2) else None


def load_text(amount: float, unit: str) -> str:
    """``42.5 kg``: at most three decimals, no trailing zeros."""
    return str(Load(round(amount, 3), unit))
