"""The set log prompt: digits and a couple of keys, pre-filled with the plan.

Shown during the rest after a set (session screen) and for any set of the
run on the summary screen. Pure (no Textual, no clock): the screens hand it
key names and draw :meth:`LogForm.render`. What is not touched stays as
planned; nothing here talks to the engine, so typing never moves the clock.

Keys: ``0``-``9`` type into the field under the cursor (the first digit
replaces what is shown, a digit that would make the value invalid starts it
again: pain ``1`` ``0`` is 10, reps in reserve ``5`` is refused), ``.`` for a
load's decimals, Backspace erases (on an untouched field: clears a stored
value back to "as planned"), Tab or ``→``/``←`` move between fields, Enter
saves, Escape drops what was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from rich.text import Text

from hamstring_coach.run.actuals import RIR_MAX, Actuals, PastSet, check_field, clean_text, rir_text
from hamstring_coach.run.session_run import EndedSet
from hamstring_coach.system.records import frozen
from hamstring_coach.textfmt import duration_text

_NUMERIC_LOAD = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([^\d\s].*)$")
NEXT_KEYS = frozenset({"tab", "right"})
PREVIOUS_KEYS = frozenset({"shift+tab", "left"})


class KeyResult(StrEnum):
    """What a key did to the form."""

    CHANGED = "changed"  # typed, erased or moved: redraw
    SAVED = "saved"  # Enter with something typed: store form.saved
    DROPPED = "dropped"  # Escape: typing dropped
    REFUSED = "refused"  # a digit that fits no value of this field (stays as it was)


@frozen
class FieldSpec:
    """One field of the prompt."""

    name: str  # an Actuals field
    label: str
    planned: str  # shown while untouched ("10", "40", "–")


def load_unit(load: str | None) -> tuple[str, str] | None:
    """(number, unit) of a numeric load such as ``40 kg``; None for text loads."""
    if load is None:
        return None
    match = _NUMERIC_LOAD.match(load)
    return (match.group(1), match.group(2).strip()) if match else None


def fields_for(ended: EndedSet) -> tuple[FieldSpec, ...]:
    """Reps (sets of reps), load (a numeric load), reps in reserve, pain (when asked)."""
    specs: list[FieldSpec] = []
    if ended.reps is not None:
        specs.append(FieldSpec("reps_done", "reps", str(ended.reps)))
    unit = load_unit(ended.load)
    if unit is not None:
        specs.append(FieldSpec("load_done", unit[1], unit[0]))
    if ended.reps is not None:
        specs.append(FieldSpec("rir", "RIR", "–"))
    if ended.log_pain:
        specs.append(FieldSpec("pain", "pain", "–"))
    return tuple(specs)


@dataclass
class LogForm:
    """The prompt's state for one set."""

    ended: EndedSet
    saved: Actuals = field(default_factory=Actuals)  # what is stored for the set
    focus: int = 0
    typed: dict[str, str] = field(default_factory=dict)  # field -> text ("" clears)
    just_saved: bool = False

    def __post_init__(self) -> None:
        self.fields = fields_for(self.ended)
        self.unit = load_unit(self.ended.load)

    @property
    def dirty(self) -> bool:
        """True while something typed is not saved yet."""
        return bool(self.typed)

    @property
    def empty(self) -> bool:
        """True when the set has nothing to ask (a hold without pain)."""
        return not self.fields

    def _valid(self, name: str, text: str) -> bool:
        if name == "rir":
            return text.isdigit() and int(text) <= RIR_MAX
        try:
            check_field(name, self._value_text(name, text))
        except ValueError:
            return False
        return True

    def _value_text(self, name: str, text: str) -> str:
        if name == "load_done" and self.unit is not None and text:
            return f"{text.rstrip('.')} {self.unit[1]}"
        return text

    def press(self, key: str, character: str | None = None) -> KeyResult | None:
        """Apply one key; None when the form does not use it (the screen may)."""
        if not self.fields:
            return None
        name = self.fields[self.focus].name
        if key in NEXT_KEYS or key in PREVIOUS_KEYS:
            step = 1 if key in NEXT_KEYS else -1
            self.focus = (self.focus + step) % len(self.fields)
            return KeyResult.CHANGED
        if key == "enter":
            return self._save() if self.typed else None
        if key == "escape":
            if not self.typed:
                return None
            self.typed.clear()
            return KeyResult.DROPPED
        if key == "backspace":
            if name in self.typed:
                self.typed[name] = self.typed[name][:-1]
            elif getattr(self.saved, name) is not None:
                self.typed[name] = ""
            else:
                return KeyResult.CHANGED
            if not self.typed[name] and getattr(self.saved, name) is None:
                del self.typed[name]
            self.just_saved = False
            return KeyResult.CHANGED
        if character in (".", ",") and name == "load_done":
            text = self.typed.get(name, "")
            if "." not in text:
                self.typed[name] = (text or "0") + "."
                self.just_saved = False
            return KeyResult.CHANGED
        if character is not None and len(character) == 1 and character.isdigit() \
                and character.isascii():
            current = self.typed.get(name)
            grown = (current or "") + character
            if current and self._valid(name, grown):
                self.typed[name] = grown
            elif self._valid(name, character):
                self.typed[name] = character
            else:
                return KeyResult.REFUSED
            self.just_saved = False
            return KeyResult.CHANGED
        return None

    def _save(self) -> KeyResult:
        values = self.saved.as_dict()
        for name, text in self.typed.items():
            values[name] = check_field(name, self._value_text(name, text))
        self.saved = Actuals(**values)  # type: ignore[arg-type]
        self.typed.clear()
        self.just_saved = True
        return KeyResult.SAVED

    def commit(self) -> bool:
        """Save what was typed (the rest ran out, the summary moved on); True if anything."""
        if not self.typed:
            return False
        self._save()
        return True

    # -- drawing -----------------------------------------------------------------
    def shown(self, spec: FieldSpec) -> tuple[str, str]:
        """(text, state) of a field: state ``typed``, ``saved`` or ``planned``."""
        if spec.name in self.typed:
            text = self.typed[spec.name]
            if not text:
                return spec.planned, "typed"  # cleared: back to as planned
            return (rir_text(int(text)) if spec.name == "rir" else text), "typed"
        value = getattr(self.saved, spec.name)
        if value is None:
            return spec.planned, "planned"
        if spec.name == "rir":
            return rir_text(int(value)), "saved"
        if spec.name == "load_done":
            unit = load_unit(str(value))
            return (unit[0] if unit and self.unit and unit[1] == self.unit[1]
                    else str(value)), "saved"
        return str(value), "saved"

    def render(self, *, cursor: bool = True, hint: bool = True, compact: bool = False) -> Text:
        """``reps 10 · kg 40 · RIR – · pain –`` with the field under the cursor reversed."""
        styles = {"typed": "bold", "saved": "bold green", "planned": "dim"}
        text = Text()
        for index, spec in enumerate(self.fields):
            if index:
                text.append(" " if compact else " · ", "dim")
            text.append(f"{spec.label} ")
            value, state = self.shown(spec)
            style = styles[state] + (" reverse" if cursor and index == self.focus else "")
            padded = cursor and index == self.focus and not compact
            text.append(f"{value:>2}" if padded else value, style)
        if self.just_saved and not self.typed:
            text.append("  ✓ saved", "green")
        elif hint:
            text.append("   Tab next · Enter save" if self.typed else "   digits · Tab", "dim")
        return text


def set_title(ended: EndedSet) -> str:
    """``Set 2/3`` (``Set 2/3 · how many reps?`` for a self-paced set)."""
    title = f"Set {ended.set_no}/{ended.set_count}" if ended.set_count > 1 else "Set"
    if ended.skipped:
        return f"{title} skipped"
    if ended.self_paced:
        return f"{title} · how many reps?"
    if ended.reps is None:
        return f"{title} · held {duration_text(ended.seconds)}"
    return f"{title} done"


def past_text(past: PastSet) -> str:
    """``last: 10 @ 40 kg, 2 in reserve`` (``last: held 0:30``; only what is known)."""
    if past.reps is None:
        text = f"last: held {duration_text(past.seconds)}"
    else:
        text = f"last: {past.reps}" + ("" if past.load else " reps")
    if past.load:
        text += f" @ {clean_text(past.load)}" if past.reps is not None else \
            f" with {clean_text(past.load)}"
    if past.rir is not None:
        text += f", {rir_text(past.rir)} in reserve"
    return text
