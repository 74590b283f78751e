"""What was actually done in a set: reps, load, reps in reserve, pain, a note.

One definition of the fields and their rules (COACHING.md section 1), used
by the rest prompt and the summary screen, the ``history edit`` command and
``history import``. ``None`` in a field means "as planned" (reps, load) or
"unknown" (rir, pain), or no note. Pure: no I/O.
"""

from __future__ import annotations

import dataclasses
import unicodedata

from hamstring_coach.system.records import frozen

FIELDS = ("reps_done", "load_done", "rir", "pain", "note")
REPS_MAX = 999
RIR_MAX = 3  # 3 means "3 or more"
PAIN_MAX = 10
LOAD_MAX_CHARS = 40
NOTE_MAX_CHARS = 500


@frozen
class Actuals:
    """The logged part of one set (per side); None = as planned / unknown / none."""

    reps_done: int | None = None
    load_done: str | None = None
    rir: int | None = None
    pain: int | None = None
    note: str | None = None

    def merged(self, newer: Actuals) -> Actuals:
        """These values with every field ``newer`` gives replacing its own."""
        return Actuals(**{name: (getattr(newer, name) if getattr(newer, name) is not None
                                 else getattr(self, name)) for name in FIELDS})

    def as_dict(self) -> dict[str, int | str | None]:
        """Field name -> value (None included)."""
        return dataclasses.asdict(self)

    @property
    def empty(self) -> bool:
        """True when nothing was logged (everything as planned)."""
        return all(getattr(self, name) is None for name in FIELDS)


@frozen
class PastSet:
    """What was done in the same set last time (for ``last: 10 @ 40 kg, 2 in reserve``)."""

    reps: int | None  # done (reps_done, else the plan of a completed set)
    load: str | None
    rir: int | None
    seconds: float


def rir_text(rir: int) -> str:
    """``0``..``2``, ``3+``."""
    return "3+" if rir >= RIR_MAX else str(rir)


def clean_text(text: str) -> str:
    """Text with control and format characters (escapes, newlines, bidi) turned to spaces."""
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def _whole(name: str, value: object, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{name}: expected {what}, got {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if name == "rir" and text == "3+":
            return RIR_MAX
        if not text.isascii() or not text.isdigit():
            raise ValueError(f"{name}: expected {what}, got {value!r}")
        value = int(text)
    if not low <= value <= high:
        raise ValueError(f"{name}: expected {what}, got {value}")
    return value


def _text(name: str, value: object, limit: int) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name}: expected text, got {value!r}")
    text = " ".join(value.split())
    if any(unicodedata.category(ch)[0] == "C" for ch in text):
        raise ValueError(f"{name}: control characters are not allowed")
    if len(text) > limit:
        raise ValueError(f"{name}: at most {limit} characters, got {len(text)}")
    return text


def check_field(name: str, value: object) -> int | str | None:
    """``value`` checked for field ``name`` (text from a prompt, a CSV cell or JSON).

    None or an empty text gives None (as planned). Raises ValueError with
    ``"<field>: <what was expected>, got <value>"``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if name == "reps_done":
        return _whole(name, value, 0, REPS_MAX, f"a whole number of reps, 0 to {REPS_MAX}")
    if name == "rir":
        return _whole(name, value, 0, RIR_MAX, "reps in reserve 0, 1, 2 or 3 (3 = 3 or more)")
    if name == "pain":
        return _whole(name, value, 0, PAIN_MAX, f"pain 0 to {PAIN_MAX}")
    if name == "load_done":
        return _text(name, value, LOAD_MAX_CHARS)
    if name == "note":
        return _text(name, value, NOTE_MAX_CHARS)
    raise ValueError(f"unknown field {name!r}; the fields are {', '.join(FIELDS)}")


def actuals(**values: object) -> Actuals:
    """An :class:`Actuals` from raw values, each checked (ValueError on the first bad one)."""
    checked = {name: check_field(name, value) for name, value in values.items()}
    return Actuals(**checked)  # type: ignore[arg-type]
