"""The JSON Schema (draft 2020-12) of session files, for editors and other tools.

Built from the same constants the loader checks against (key lists, time
and tempo patterns, sound names; the shared parts are in
:mod:`~hamstring_coach.format.schema_parts`), so the two cannot drift apart
silently; tests hold them to the same verdicts. A few rules need the whole file
(catalogue ids, phase and length bounds) and are the loader's alone.

Shipped sessions start with::

    # yaml-language-server: $schema=../session.schema.json

a path relative to the session file that resolves to a real copy of this
schema wherever sessions live: ``session.schema.json`` at the top of the
repository (beside ``sessions/``), ``hamstring_coach/_data/`` in an
installed wheel, and the user's config folder (beside ``sessions/``, written
by :func:`write_schema_file` whenever a session is created or copied there).
So editors with the YAML language server complete and check with no setup.

``use:`` (and a progress rule's ``then:``) is an enum of catalogue ids, so
an editor completes them and marks a typo: the built-in catalogue's in the
shipped schema and ``hamstring-coach schema``, the built-in and the user's
own in the copy :func:`write_schema_file` keeps beside the user's sessions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from hamstring_coach.format.limits import SUPPORTED_VERSIONS
from hamstring_coach.format.model import Sound
from hamstring_coach.format.schema_parts import Schema, about, exercise_schema, ref, shared_defs

# The loader's modules (and PyYAML with them) are imported inside the functions:
# MODELINE and SCHEMA_ID are read by commands that must start quickly.

SCHEMA_ID = "https://hamstring-coach.invalid/session.schema.json"
CATALOGUE_SCHEMA_ID = "https://hamstring-coach.invalid/catalogue.schema.json"
PROGRAMME_SCHEMA_ID = "https://hamstring-coach.invalid/programme.schema.json"
SCHEMA_FILE_NAME = "session.schema.json"
PROGRAMME_SCHEMA_FILE_NAME = "programme.schema.json"
# Relative to the session file: the schema file sits beside the sessions folder.
MODELINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE_NAME}"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def catalogue_names(*, yours: bool = False) -> dict[str, str]:
    """Catalogue ids and their exercise names, as ``use:`` finds them.

    The built-in catalogue's; with ``yours`` the user's catalogue's too (an
    id of a broken entry included: the loader names its problem). A user
    catalogue that cannot be read at all adds nothing.
    """
    # the loader (PyYAML) only when a schema is built
    from hamstring_coach.format.catalogue import default_catalogue, load_catalogue
    from hamstring_coach.format.errors import SessionFileError
    from hamstring_coach.system import paths

    builtin = load_catalogue(paths.builtin_catalogue_file())
    names = {key: entry.name for key, entry in builtin.items()}
    if not yours:
        return names
    try:
        catalogue = default_catalogue()
    except SessionFileError:
        return names
    broken = dict.fromkeys(catalogue.broken, "(broken in your catalogue)")
    return {**names, **{key: entry.name for key, entry in catalogue.items()}, **broken}


def json_schema(names: Mapping[str, str] | None = None) -> Schema:
    """The JSON Schema of a session file; ``use:`` takes the ids of ``names``.

    ``names`` (id -> exercise name) defaults to the built-in catalogue's
    (:func:`catalogue_names`).
    """
    if names is None:
        names = catalogue_names()
    steps = {
        "cueStep": {"title": "cue", "description": "An instruction; with duration it moves "
                    "on by itself, without it waits for Enter or Space.",
                    "type": "object", "required": ["cue"], "additionalProperties": False,
                    "properties": {"cue": about("The instruction.", ref("text")),
                                   "duration": about("Move on after this long.",
                                                     ref("time"))}},
        "restStep": {"title": "rest", "description": "A standalone rest.",
                     "type": "object", "required": ["rest"], "additionalProperties": False,
                     "properties": {"rest": about("How long.", ref("time")),
                                    "cue": about("Shown during the rest.", ref("text"))}},
        "exerciseStep": {"title": "exercise", "description": "An exercise: exactly one of "
                         "hold, reps or duration (after use).", **exercise_schema(entry=False)},
        "supersetStep": _superset(),
        "supersetExercise": {"title": "exercise", "description": "An exercise of a superset: "
                             "as an exercise step, without sets and rest (the superset's "
                             "rounds and rest).", **exercise_schema(entry=False, superset=True)},
    }
    defaults = {
        "type": "object", "additionalProperties": False,
        "description": "Values every exercise inherits unless it sets its own; rest, "
                       "prepare, side_switch and countdown written here also beat a "
                       "catalogue entry's.",
        "properties": {
            "prepare": about("Get-ready time before an exercise's first set (default 5).",
                             ref("time")),
            "rest": about("Rest between sets (default 30).", ref("time")),
            "side_switch": about("Pause between the sides (default 5).", ref("time")),
            "countdown": about("Ticks before a timed phase ends (default 3).", ref("ticks")),
            "tempo": about("Tempo for reps exercises that set none.", ref("tempo")),
            "log": about("log: {pain: true}: every set's log asks for pain 0-10 (a rehab "
                         "session).", ref("log")),
            "halfway": about("Holds and timed work at least this long are marked half-way "
                             "(default 30; 0 or true: all; false: none).", ref("halfway")),
        }}
    sounds = {
        "type": "object", "additionalProperties": False,
        "description": "Replace sounds of the bank with your own WAV files (paths relative "
                       "to this file).",
        "properties": {s.value: {"type": "string", "pattern": r"\.[wW][aA][vV]\s*$",
                                 "description": f"WAV file for the {s.value} sound."}
                       for s in Sound}}
    return {
        "$schema": DRAFT, "$id": SCHEMA_ID, "title": "hamstring-coach session",
        "description": "A hamstring session: cues, rests and exercises in order "
                       "(SESSION_FORMAT.md, version 1).",
        "type": "object", "required": ["name", "steps"],
        "properties": {
            "version": about("Format version (default 1).", {"enum": list(SUPPORTED_VERSIONS)}),
            "name": about("Title shown in the picker and the header.", ref("text")),
            "description": about("One paragraph shown in the picker.", {"type": "string"}),
            "tags": about("Words to filter by in the picker (strength, stretch, desk...).",
                          {"type": "array", "items": ref("text")}),
            "defaults": defaults,
            "steps": about("The session, in order.", {
                "type": "array", "minItems": 1,
                "items": ref("step")}),
            "sounds": sounds,
        },
        "patternProperties": {"^x-": {"description": "Free for YAML anchors (&name) to reuse "
                                                     "with aliases and <<: merge keys."}},
        "additionalProperties": False,
        "$defs": {**shared_defs(names), **steps, "step": _STEP},
    }


def _superset() -> Schema:
    """A ``superset:`` step (COACHING.md section 4)."""
    return {"title": "superset", "description": "Exercises done one after the other in "
            "each round, with a rest between rounds.", "type": "object",
            "required": ["superset"], "additionalProperties": False,
            "properties": {"superset": {
                "description": "rounds, rest, between and the exercises of one round.",
                "type": "object", "required": ["exercises"], "additionalProperties": False,
                "properties": {
                    "rounds": about("How many rounds (default 1).", ref("count")),
                    "rest": about("Rest after each round but the last (default: "
                                  "defaults.rest).", ref("time")),
                    "between": about("From one exercise to the next inside a round, showing "
                                     "the next one (default 10).", ref("time")),
                    "exercises": about("The exercises of one round, in order.", {
                        "type": "array", "minItems": 2,
                        "items": ref("supersetExercise")}),
                }}}}


# The step's kind is decided as the loader decides it (superset, else exercise or use, else rest,
# else cue), so an editor reports the precise problem inside the right kind of step;
# a step with none of them offers every kind's keys for completion.
_STEP: Schema = {
    "description": "A step: cue, rest, exercise (exercise: NAME or use: ID) or superset.",
    "if": {"type": "object", "required": ["superset"]}, "then": ref("supersetStep"),
    "else": {
        "if": {"type": "object", "anyOf": [{"required": ["exercise"]}, {"required": ["use"]}]},
        "then": ref("exerciseStep"),
        "else": {
            "if": {"type": "object", "required": ["rest"]}, "then": ref("restStep"),
            "else": {
                "if": {"type": "object", "required": ["cue"]}, "then": ref("cueStep"),
                "else": {"anyOf": [ref("cueStep"), ref("restStep"), ref("exerciseStep"),
                                   ref("supersetStep")]},
            },
        },
    },
}


def catalogue_schema() -> Schema:
    """The JSON Schema of an exercise catalogue file."""
    return {
        "$schema": DRAFT, "$id": CATALOGUE_SCHEMA_ID, "title": "hamstring-coach catalogue",
        "description": "Reusable exercises; a session step says use: ID to start from one.",
        "type": "object", "required": ["exercises"], "additionalProperties": False,
        "properties": {
            "version": about("Format version (default 1).", {"enum": list(SUPPORTED_VERSIONS)}),
            "exercises": about("Exercises by id (e.g. glute-bridge).", {
                "type": "object", "propertyNames": {"pattern": r"\S"},
                "additionalProperties": ref("entry")}),
        },
        "$defs": {**shared_defs(), "entry": about("An exercise; exactly one of hold, reps or "
                                            "duration.", exercise_schema(entry=True))},
    }


def programme_schema() -> Schema:
    """The JSON Schema of a programme file (COACHING.md section 5).

    Session ids are checked by the loader alone (they depend on the folders).
    """
    # format.programme pulls in PyYAML: the schema is built only when asked for
    from hamstring_coach.format.programme import DAILY, MAX_PER_DAY, MAX_WEEKS, WEEKDAYS

    text = {"type": "string", "pattern": r"\S"}
    ids: Schema = {"anyOf": [text, {"type": "array", "minItems": 1, "maxItems": MAX_PER_DAY,
                                    "items": text}]}
    what = "a session id as `hamstring-coach list` shows it, or a list of them (twice a day)."
    days: Schema = {name: {**ids, "description": f"Due every {name}: {what}"}
                    for name in WEEKDAYS}
    days[DAILY] = {**ids, "description": f"Due every day: {what}"}
    return {
        "$schema": DRAFT, "$id": PROGRAMME_SCHEMA_ID, "title": "hamstring-coach programme",
        "description": "Which session on which day, for how many weeks, with deload weeks.",
        "type": "object", "required": ["name", "start", "days"],
        "additionalProperties": False,
        "properties": {
            "name": about("The programme's title.", text),
            "description": about("One paragraph about it.", {"type": "string"}),
            "start": about("The day week 1 begins, YYYY-MM-DD.",
                           {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
            "weeks": about("How many weeks (leave out to repeat forever).",
                           {"type": "integer", "minimum": 1, "maximum": MAX_WEEKS}),
            "days": about("Weekday (mon ... sun) or daily to session ids.", {
                "type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": days}),
            "deload": about("Week numbers with half the sets and no progression.", {
                "anyOf": [{"type": "integer", "minimum": 1},
                          {"type": "array", "items": {"type": "integer", "minimum": 1}}]}),
        },
    }


def schema_text(names: Mapping[str, str] | None = None) -> str:
    """The session schema as the text written to ``session.schema.json`` (see json_schema)."""
    return json.dumps(json_schema(names), indent=2) + "\n"


def write_schema_file(folder: Path) -> Path:
    """Write ``session.schema.json`` into ``folder`` (only when it differs); return its path.

    ``folder`` is the user's config folder, beside their sessions: its
    ``use:`` knows their own catalogue's ids as well as the built-in ones.
    """
    target = folder / SCHEMA_FILE_NAME
    text = schema_text(catalogue_names(yours=True))
    # the file writer only when the schema file is written
    from hamstring_coach.system.files import read_regular, write_regular

    data = text.encode("utf-8")
    try:
        current: bytes | None = read_regular(target, len(data))
    except OSError:
        current = None
    if current != data:
        folder.mkdir(parents=True, exist_ok=True)
        write_regular(target, data)  # a FIFO or a device there: OSError, nothing written
    return target
