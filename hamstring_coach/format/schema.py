"""The JSON Schema (draft 2020-12) of session files, for editors and other tools.

Built from the same constants the loader checks against (key lists, time
and tempo patterns, sound names), so the two cannot drift apart silently;
tests hold them to the same verdicts. A few rules need the whole file
(catalogue ids, phase and length bounds) and are the loader's alone.

Shipped sessions start with::

    # yaml-language-server: $schema=../session.schema.json

a path relative to the session file that resolves to a real copy of this
schema wherever sessions live: ``session.schema.json`` at the top of the
repository (beside ``sessions/``), ``hamstring_coach/_data/`` in an
installed wheel, and the user's config folder (beside ``sessions/``, written
by :func:`write_schema_file` whenever a session is created or copied there).
So editors with the YAML language server complete and check with no setup.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hamstring_coach.format.limits import SUPPORTED_VERSIONS
from hamstring_coach.format.model import Sound

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

Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _with(description: str, schema: Schema) -> Schema:
    return {"description": description, **schema}


def _defs() -> dict[str, Schema]:
    """Building blocks shared by the session and catalogue schemas."""
    # format.exercise pulls in PyYAML: the schema is built only when asked for
    from hamstring_coach.format.exercise import FUNCTIONS
    from hamstring_coach.format.tempo import KIND_NAMES, TEMPO_PATTERN
    from hamstring_coach.format.values import TIME_PATTERN

    time = {"anyOf": [
        {"type": "number", "minimum": 0},
        {"type": "string", "pattern": TIME_PATTERN},
    ], "description": 'Seconds: a number (30, 2.5), a clock ("1:30", "1:05:00") or text '
                      'with units ("90 s", "1 min", "1m30s", "2 mins", "1 h"). Never '
                      "negative."}
    text = {"type": "string", "pattern": r"\S"}
    texts = {"anyOf": [text, {"type": "array", "items": text}]}
    function = {"enum": list(FUNCTIONS)}
    phase = {
        "type": "object", "required": ["phase", "seconds"], "additionalProperties": False,
        "properties": {
            "phase": _with("Label shown large, e.g. Lower, Squeeze, Drive up.", _ref("text")),
            "seconds": _with("How long this phase lasts (0 s phases are skipped).",
                             _ref("time")),
            "cue": _with("Short cue shown during the phase.", _ref("text")),
            "kind": _with("lower, pause or lift: chooses colour and tone. Default: from the "
                          "label (lower/eccentric/down -> lower; lift/up/drive/raise/curl/"
                          "pull/push/rise -> lift; else pause).", {"enum": list(KIND_NAMES)}),
        }}
    tempo = {"description": 'Rep tempo: "E-B-C-T" such as "3-1-1-0" (seconds lowering, at '
                            "the bottom, lifting, at the top; X = explosive = 1 s), or a list "
                            "of phases in the order performed.",
             "anyOf": [{"type": "string", "pattern": TEMPO_PATTERN},
                       {"type": "array", "minItems": 1, "items": _ref("tempoPhase")}]}
    return {
        "time": time, "text": text, "texts": texts, "tempo": tempo, "tempoPhase": phase,
        "count": {"type": "integer", "minimum": 1},
        "ticks": {"type": "integer", "minimum": 0},
        "function": {"anyOf": [function, {"type": "array", "items": function}]},
        **_progress_defs(),
        "log": {"type": "object", "additionalProperties": False,
                "description": "What the log of each set asks for beyond reps, load and "
                               "reps in reserve.",
                "properties": {"pain": {"type": "boolean",
                                        "description": "Ask for pain 0-10 after each set "
                                                       "(rehab), and the morning after."}}},
    }


def _exercise_properties() -> Schema:
    """Every key of an exercise step (``use`` included), with its help text."""
    # format.exercise pulls in PyYAML: the schema is built only when asked for
    from hamstring_coach.format.exercise import FUNCTIONS, SIDES, STARTS

    props: Schema = {
        "exercise": _with("Exercise name shown on screen.", _ref("text")),
        "use": _with("Start from this catalogue entry (e.g. glute-bridge); any key here "
                     "overrides it.", _ref("text")),
        "cue": _with("Setup text shown while getting ready: a string or a list.",
                     _ref("texts")),
        "notes": _with("Form reminders shown smaller during the work.", _ref("texts")),
        "function": _with("What it trains: " + ", ".join(FUNCTIONS) + " (or a list).",
                          _ref("function")),
        "sets": _with("Number of sets (default 1).", _ref("count")),
        "sides": _with("both (one pass per set, default) or each (left then right).",
                       {"enum": list(SIDES)}),
        "hold": _with("An isometric hold or static stretch of this long, per set and side.",
                      _ref("time")),
        "reps": _with('Repetitions per set and side, paced by tempo (self-paced without); '
                      'or a range "8-12" / [8, 12], run at a target that starts at the bottom '
                      "and grows by a progress rule.", _ref("reps")),
        "duration": _with("Timed work with no reps (e.g. hip swings).", _ref("time")),
        "tempo": _with("Tempo of each rep (reps only).", _ref("tempo")),
        "start": _with("Which phase a rep of a four-field tempo starts with: lower (as "
                       "written, the default) or lift (a curl or a bridge: lift, squeeze, "
                       "lower, pause). A tempo list is performed as written.",
                       {"enum": list(STARTS)}),
        "rest": _with("Rest between sets (default: defaults.rest, else the catalogue "
                      "entry's).", _ref("time")),
        "prepare": _with("Get-ready time before the first set.", _ref("time")),
        "side_switch": _with("Pause between the left and the right side.", _ref("time")),
        "countdown": _with("How many one-second ticks sound before a timed phase ends.",
                           _ref("ticks")),
        "load": _with("Free text such as '20 kg' or 'bodyweight', shown and logged; a "
                      "progress load rule needs a number with kg or lb.",
                      {"anyOf": [_ref("text"), {"type": "number"}]}),
        "progress": _with("How this exercise grows after a success (every set at the target, "
                          "last set's reps in reserve and pain within the gate): one of load, "
                          "reps, hold, duration or tempo; with up_to, then, gate, deload.",
                          _ref("progress")),
        "log": _with("log: {pain: true} asks for pain 0-10 after each set (overrides "
                     "defaults.log).", _ref("log")),
    }
    return props


def _progress_defs() -> dict[str, Schema]:
    """The ``progress:`` rule and its parts (COACHING.md section 3)."""
    from hamstring_coach.format.exercise import RANGE_PATTERN
    from hamstring_coach.format.loads import LOAD_PATTERN, LOAD_STEP_PATTERN
    from hamstring_coach.format.progress import GROWTH_KEYS
    from hamstring_coach.format.values import TIME_PATTERN

    head = r"^\s*"
    assert TIME_PATTERN.startswith(head)
    time_step = {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                           {"type": "string", "pattern": head + r"\+?" + TIME_PATTERN[len(head):]}],
                 "description": 'A time added after each success, such as "+5s".'}
    needs_up_to = {"anyOf": [{"required": [k]} for k in ("hold", "duration", "tempo")]}
    one_growth = [{"required": [k]} for k in GROWTH_KEYS]
    two_growths = {"anyOf": [{"required": [a, b]} for i, a in enumerate(GROWTH_KEYS)
                             for b in GROWTH_KEYS[i + 1:]]}
    rule = {
        "type": "object", "additionalProperties": False,
        "allOf": [{"anyOf": one_growth}, {"not": two_growths},
                  {"if": needs_up_to, "then": {"required": ["up_to"]}}],
        "properties": {
            "load": _with("Load added after a success ('+2.5 kg'); with a reps range this is "
                          "double progression: the target rises a rep per success, and at the "
                          "range's top the load grows and the target goes back to the bottom.",
                          {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                                     {"type": "string", "pattern": LOAD_STEP_PATTERN}]}),
            "reps": _with("Reps added to the target after a success (+1), up to the range's "
                          "top or up_to.",
                          {"anyOf": [_ref("count"), {"type": "string",
                                                     "pattern": r"^\s*\+?\s*[1-9][0-9]*\s*$"}]}),
            "hold": _with("Seconds added to the hold after a success ('+5s'), up to up_to.",
                          time_step),
            "duration": _with("Seconds added to the timed work after a success, up to up_to.",
                              time_step),
            "tempo": _with("One tempo phase (Lower, Pause, Lift, Squeeze or a list phase's "
                           "label) and the seconds it grows by: {Lower: +1s}.",
                           {"type": "object", "minProperties": 1, "maxProperties": 1,
                            "additionalProperties": time_step}),
            "up_to": _with("Where the rule stops: a time (hold, duration, tempo), a number of "
                           "reps (reps without a range) or a load ('60 kg').",
                           {"anyOf": [_ref("time"), _ref("count"),
                                      {"type": "string", "pattern": LOAD_PATTERN}]}),
            "then": _with("A harder catalogue exercise suggested once the top is reached and "
                          "succeeded at (it does not switch by itself).", _ref("text")),
            "gate": _with("What a success also needs: the last set's reps in reserve (rir, "
                          "default 1) and no set's pain above pain (default: no limit).", {
                              "type": "object", "additionalProperties": False,
                              "properties": {
                                  "rir": _with("0, 1, 2 or 3 (3 = 3 or more).",
                                               {"type": "integer", "minimum": 0, "maximum": 3}),
                                  "pain": _with("0 to 10.", {"type": "integer", "minimum": 0,
                                                             "maximum": 10})}}),
            "deload": _with("After stalls in a row (after, default 3): take a share off the load "
                            "(by, default 10%) or go back one time or tempo step.", {
                                "type": "object", "additionalProperties": False,
                                "properties": {
                                    "after": _with("Stalls in a row.", _ref("count")),
                                    "by": _with("A share of the load such as 10%.", {
                                        "anyOf": [{"type": "number", "exclusiveMinimum": 0,
                                                   "exclusiveMaximum": 100},
                                                  {"type": "string", "pattern":
                                                   r"^\s*(\d{1,2}(\.\d+)?|\.\d+)\s*%\s*$"}]})}}),
        }}
    reps = {"anyOf": [_ref("count"), {"type": "string", "pattern": RANGE_PATTERN},
                      {"type": "array", "minItems": 2, "maxItems": 2,
                       "items": _ref("count")}]}
    return {"progress": rule, "reps": reps}


def _exercise(entry: bool, superset: bool = False) -> Schema:
    """An exercise step (``entry`` False) or a catalogue entry (True); ``superset``: an
    exercise inside a superset (no ``sets`` or ``rest``: the superset sets them)."""
    # format.exercise pulls in PyYAML: the schema is built only when asked for
    from hamstring_coach.format.exercise import KIND_KEYS

    one_kind = [{"required": [k]} for k in KIND_KEYS]
    two_kinds = {"anyOf": [{"required": [a, b]} for i, a in enumerate(KIND_KEYS)
                           for b in KIND_KEYS[i + 1:]]}
    not_reps = {"anyOf": [{"required": [k]} for k in KIND_KEYS if k != "reps"]}
    keys = _exercise_properties()
    if superset:
        # format.superset pulls in PyYAML: the schema is built only when asked for
        from hamstring_coach.format.superset import REFUSED

        for key in REFUSED:
            del keys[key]
    rules: list[Schema] = [
        {"not": two_kinds},
        {"if": {"required": ["tempo"]}, "then": {"not": not_reps}},
        {"if": {"required": ["start"]}, "then": {"not": not_reps}},
    ]
    if entry:
        del keys["use"]
        del keys["progress"]
        rules.append({"required": ["exercise"]})
        rules.append({"anyOf": one_kind})
    else:
        rules.append({"anyOf": [{"required": ["exercise"]}, {"required": ["use"]}]})
        rules.append({"if": {"required": ["use"]}, "else": {"anyOf": one_kind}})
    return {"type": "object", "properties": keys, "additionalProperties": False,
            "allOf": rules}


def json_schema() -> Schema:
    """The JSON Schema of a session file."""
    steps = {
        "cueStep": {"title": "cue", "description": "An instruction; with duration it moves "
                    "on by itself, without it waits for Enter or Space.",
                    "type": "object", "required": ["cue"], "additionalProperties": False,
                    "properties": {"cue": _with("The instruction.", _ref("text")),
                                   "duration": _with("Move on after this long.",
                                                     _ref("time"))}},
        "restStep": {"title": "rest", "description": "A standalone rest.",
                     "type": "object", "required": ["rest"], "additionalProperties": False,
                     "properties": {"rest": _with("How long.", _ref("time")),
                                    "cue": _with("Shown during the rest.", _ref("text"))}},
        "exerciseStep": {"title": "exercise", "description": "An exercise: exactly one of "
                         "hold, reps or duration (after use).", **_exercise(entry=False)},
        "supersetStep": _superset(),
        "supersetExercise": {"title": "exercise", "description": "An exercise of a superset: "
                             "as an exercise step, without sets and rest (the superset's "
                             "rounds and rest).", **_exercise(entry=False, superset=True)},
    }
    defaults = {
        "type": "object", "additionalProperties": False,
        "description": "Values every exercise inherits unless it sets its own; rest, "
                       "prepare, side_switch and countdown written here also beat a "
                       "catalogue entry's.",
        "properties": {
            "prepare": _with("Get-ready time before an exercise's first set (default 5).",
                             _ref("time")),
            "rest": _with("Rest between sets (default 30).", _ref("time")),
            "side_switch": _with("Pause between the sides (default 5).", _ref("time")),
            "countdown": _with("Ticks before a timed phase ends (default 3).", _ref("ticks")),
            "tempo": _with("Tempo for reps exercises that set none.", _ref("tempo")),
            "log": _with("log: {pain: true}: every set's log asks for pain 0-10 (a rehab "
                         "session).", _ref("log")),
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
            "version": _with("Format version (default 1).", {"enum": list(SUPPORTED_VERSIONS)}),
            "name": _with("Title shown in the picker and the header.", _ref("text")),
            "description": _with("One paragraph shown in the picker.", {"type": "string"}),
            "tags": _with("Words to filter by in the picker (strength, stretch, desk...).",
                          {"type": "array", "items": _ref("text")}),
            "defaults": defaults,
            "steps": _with("The session, in order.", {
                "type": "array", "minItems": 1,
                "items": _ref("step")}),
            "sounds": sounds,
        },
        "patternProperties": {"^x-": {"description": "Free for YAML anchors (&name) to reuse "
                                                     "with aliases and <<: merge keys."}},
        "additionalProperties": False,
        "$defs": {**_defs(), **steps, "step": _STEP},
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
                    "rounds": _with("How many rounds (default 1).", _ref("count")),
                    "rest": _with("Rest after each round but the last (default: "
                                  "defaults.rest).", _ref("time")),
                    "between": _with("From one exercise to the next inside a round, showing "
                                     "the next one (default 10).", _ref("time")),
                    "exercises": _with("The exercises of one round, in order.", {
                        "type": "array", "minItems": 2,
                        "items": _ref("supersetExercise")}),
                }}}}


# The step's kind is decided as the loader decides it (superset, else exercise or use, else rest,
# else cue), so an editor reports the precise problem inside the right kind of step;
# a step with none of them offers every kind's keys for completion.
_STEP: Schema = {
    "description": "A step: cue, rest, exercise (exercise: NAME or use: ID) or superset.",
    "if": {"type": "object", "required": ["superset"]}, "then": _ref("supersetStep"),
    "else": {
        "if": {"type": "object", "anyOf": [{"required": ["exercise"]}, {"required": ["use"]}]},
        "then": _ref("exerciseStep"),
        "else": {
            "if": {"type": "object", "required": ["rest"]}, "then": _ref("restStep"),
            "else": {
                "if": {"type": "object", "required": ["cue"]}, "then": _ref("cueStep"),
                "else": {"anyOf": [_ref("cueStep"), _ref("restStep"), _ref("exerciseStep"),
                                   _ref("supersetStep")]},
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
            "version": _with("Format version (default 1).", {"enum": list(SUPPORTED_VERSIONS)}),
            "exercises": _with("Exercises by id (e.g. glute-bridge).", {
                "type": "object", "propertyNames": {"pattern": r"\S"},
                "additionalProperties": _ref("entry")}),
        },
        "$defs": {**_defs(), "entry": _with("An exercise; exactly one of hold, reps or "
                                            "duration.", _exercise(entry=True))},
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
            "name": _with("The programme's title.", text),
            "description": _with("One paragraph about it.", {"type": "string"}),
            "start": _with("The day week 1 begins, YYYY-MM-DD.",
                           {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
            "weeks": _with("How many weeks (leave out to repeat forever).",
                           {"type": "integer", "minimum": 1, "maximum": MAX_WEEKS}),
            "days": _with("Weekday (mon ... sun) or daily to session ids.", {
                "type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": days}),
            "deload": _with("Week numbers with half the sets and no progression.", {
                "anyOf": [{"type": "integer", "minimum": 1},
                          {"type": "array", "items": {"type": "integer", "minimum": 1}}]}),
        },
    }


def schema_text() -> str:
    """The session schema as the text written to ``session.schema.json``."""
    return json.dumps(json_schema(), indent=2) + "\n"


def write_schema_file(folder: Path) -> Path:
    """Write ``session.schema.json`` into ``folder`` (only when it differs); return its path."""
    target = folder / SCHEMA_FILE_NAME
    text = schema_text()
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
