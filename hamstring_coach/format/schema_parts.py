"""The parts of the JSON Schemas shared by session and catalogue files (see format/schema.py).

Each part is built from the constants the loader checks against (key lists,
time, tempo and range patterns, functions), imported inside the functions:
they pull in PyYAML, and a schema is built only when asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Schema = dict[str, Any]


def ref(name: str) -> Schema:
    """A reference to ``$defs/name``."""
    return {"$ref": f"#/$defs/{name}"}


def about(description: str, schema: Schema) -> Schema:
    """``schema`` with the help text an editor shows for it."""
    return {"description": description, **schema}


def catalogue_id(names: Mapping[str, str] | None) -> Schema:
    """A ``use:`` (or ``then:``): one of the catalogue's ids, ``names`` (id -> exercise name).

    An enum, so an editor completes the ids and marks a typo as you type; with
    each exercise's name beside its id (``enumDescriptions``, shown by editors
    that read it, ignored by the rest). None: any text (the catalogue schema,
    whose entries name no other entry).
    """
    if names is None:
        return ref("text")
    return {"enum": list(names), "enumDescriptions": list(names.values()),
            "description": "An exercise id of the catalogue (hamstring-coach list --exercises)."}


def shared_defs(names: Mapping[str, str] | None = None) -> dict[str, Schema]:
    """Building blocks shared by the session and catalogue schemas.

    ``names``: the catalogue's ids and names for ``use:`` (see :func:`catalogue_id`).
    """
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
            "phase": about("Label shown large, e.g. Lower, Squeeze, Drive up.", ref("text")),
            "seconds": about("How long this phase lasts (0 s phases are skipped).",
                             ref("time")),
            "cue": about("Short cue shown during the phase.", ref("text")),
            "kind": about("lower, pause or lift: chooses colour and tone. Default: from the "
                          "label (lower/eccentric/down -> lower; lift/up/drive/raise/curl/"
                          "pull/push/rise -> lift; else pause).", {"enum": list(KIND_NAMES)}),
        }}
    tempo = {"description": 'Rep tempo: "E-B-C-T" such as "3-1-1-0" (seconds lowering, at '
                            "the bottom, lifting, at the top; X = explosive = 1 s), or a list "
                            "of phases in the order performed.",
             "anyOf": [{"type": "string", "pattern": TEMPO_PATTERN},
                       {"type": "array", "minItems": 1, "items": ref("tempoPhase")}]}
    return {
        "time": time, "text": text, "texts": texts, "tempo": tempo, "tempoPhase": phase,
        "halfway": {"anyOf": [ref("time"), {"type": "boolean"}],
                    "description": "The shortest hold or timed work marked half-way (a sound, a "
                                   "mark on screen, \"Half way\" with --voice): a time (0: "
                                   "every one), true (every one) or false (none). Default 30."},
        "catalogueId": catalogue_id(names),
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
        "exercise": about("Exercise name shown on screen.", ref("text")),
        "aka": about("Other names it goes by (such as RDL), a string or a list: the "
                     "picker's filter finds the session by them too.", ref("texts")),
        "use": about("Start from this catalogue entry (e.g. glute-bridge); any key here "
                     "overrides it.", ref("catalogueId")),
        "cue": about("Setup text shown while getting ready: a string or a list.",
                     ref("texts")),
        "notes": about("Form reminders shown smaller during the work.", ref("texts")),
        "function": about("What it trains: " + ", ".join(FUNCTIONS) + " (or a list).",
                          ref("function")),
        "sets": about("Number of sets (default 1).", ref("count")),
        "sides": about("both (one pass per set, default) or each (left then right).",
                       {"enum": list(SIDES)}),
        "hold": about("An isometric hold or static stretch of this long, per set and side.",
                      ref("time")),
        "reps": about('Repetitions per set and side, paced by tempo (self-paced without); '
                      'or a range "8-12" / [8, 12], run at a target that starts at the bottom '
                      "and grows by a progress rule.", ref("reps")),
        "duration": about("Timed work with no reps (e.g. hip swings).", ref("time")),
        "tempo": about("Tempo of each rep (reps only).", ref("tempo")),
        "start": about("Which phase a rep of a four-field tempo starts with: lower (as "
                       "written, the default) or lift (a curl or a bridge: lift, squeeze, "
                       "lower, pause). A tempo list is performed as written.",
                       {"enum": list(STARTS)}),
        "rest": about("Rest between sets (default: defaults.rest, else the catalogue "
                      "entry's).", ref("time")),
        "prepare": about("Get-ready time before the first set.", ref("time")),
        "side_switch": about("Pause between the left and the right side.", ref("time")),
        "countdown": about("How many one-second ticks sound before a timed phase ends.",
                           ref("ticks")),
        "halfway": about("Mark this exercise's holds or timed work half-way from this long "
                         "(overrides defaults.halfway); false: never.", ref("halfway")),
        "load": about("Free text such as '20 kg' or 'bodyweight', shown and logged; a "
                      "progress load rule needs a number with kg or lb.",
                      {"anyOf": [ref("text"), {"type": "number"}]}),
        "progress": about("How this exercise grows after a success (every set at the target, "
                          "last set's reps in reserve and pain within the gate): one of load, "
                          "reps, hold, duration or tempo; with up_to, then, gate, deload.",
                          ref("progress")),
        "log": about("log: {pain: true} asks for pain 0-10 after each set (overrides "
                     "defaults.log).", ref("log")),
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
            "load": about("Load added after a success ('+2.5 kg'); with a reps range this is "
                          "double progression: the target rises a rep per success, and at the "
                          "range's top the load grows and the target goes back to the bottom.",
                          {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                                     {"type": "string", "pattern": LOAD_STEP_PATTERN}]}),
            "reps": about("Reps added to the target after a success (+1), up to the range's "
                          "top or up_to.",
                          {"anyOf": [ref("count"), {"type": "string",
                                                     "pattern": r"^\s*\+?\s*[1-9][0-9]*\s*$"}]}),
            "hold": about("Seconds added to the hold after a success ('+5s'), up to up_to.",
                          time_step),
            "duration": about("Seconds added to the timed work after a success, up to up_to.",
                              time_step),
            "tempo": about("One tempo phase (Lower, Pause, Lift, Squeeze or a list phase's "
                           "label) and the seconds it grows by: {Lower: +1s}.",
                           {"type": "object", "minProperties": 1, "maxProperties": 1,
                            "additionalProperties": time_step}),
            "up_to": about("Where the rule stops: a time (hold, duration, tempo), a number of "
                           "reps (reps without a range) or a load ('60 kg').",
                           {"anyOf": [ref("time"), ref("count"),
                                      {"type": "string", "pattern": LOAD_PATTERN}]}),
            "then": about("A harder catalogue exercise suggested once the top is reached and "
                          "succeeded at (it does not switch by itself).", ref("catalogueId")),
            "gate": about("What a success also needs: the last set's reps in reserve (rir, "
                          "default 1) and no set's pain above pain (default: no limit).", {
                              "type": "object", "additionalProperties": False,
                              "properties": {
                                  "rir": about("0, 1, 2 or 3 (3 = 3 or more).",
                                               {"type": "integer", "minimum": 0, "maximum": 3}),
                                  "pain": about("0 to 10.", {"type": "integer", "minimum": 0,
                                                             "maximum": 10})}}),
            "deload": about("After stalls in a row (after, default 3): take a share off the load "
                            "(by, default 10%) or go back one time or tempo step.", {
                                "type": "object", "additionalProperties": False,
                                "properties": {
                                    "after": about("Stalls in a row.", ref("count")),
                                    "by": about("A share of the load such as 10%.", {
                                        "anyOf": [{"type": "number", "exclusiveMinimum": 0,
                                                   "exclusiveMaximum": 100},
                                                  {"type": "string", "pattern":
                                                   r"^\s*(\d{1,2}(\.\d+)?|\.\d+)\s*%\s*$"}]})}}),
        }}
    reps = {"anyOf": [ref("count"), {"type": "string", "pattern": RANGE_PATTERN},
                      {"type": "array", "minItems": 2, "maxItems": 2,
                       "items": ref("count")}]}
    return {"progress": rule, "reps": reps}


def exercise_schema(entry: bool, superset: bool = False) -> Schema:
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
        del keys["halfway"]  # how the user likes to be told: a session's, not an exercise's
        rules.append({"required": ["exercise"]})
        rules.append({"anyOf": one_kind})
    else:
        rules.append({"anyOf": [{"required": ["exercise"]}, {"required": ["use"]}]})
        rules.append({"if": {"required": ["use"]}, "else": {"anyOf": one_kind}})
    return {"type": "object", "properties": keys, "additionalProperties": False,
            "allOf": rules}
