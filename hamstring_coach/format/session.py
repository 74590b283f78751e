"""A session file's top level and steps, checked into a :class:`Session`.

Every problem is collected (not just the first), sorted by line and column,
and raised together as one :class:`SessionFileError`.
"""

from __future__ import annotations

import dataclasses
import errno
from pathlib import Path

from hamstring_coach.format.catalogue import Catalogue, check_version, default_catalogue
from hamstring_coach.format.errors import Problem, SessionFileError
from hamstring_coach.format.exercise import (
    EXERCISE_KEYS,
    check_halfway,
    check_log,
    parse_exercise,
    resolve,
)
from hamstring_coach.format.limits import MAX_REPORTED
from hamstring_coach.format.model import (
    CueStep,
    Defaults,
    ExerciseStep,
    RestStep,
    Session,
    Sound,
    Step,
)
from hamstring_coach.format.nodes import Map, Node, Seq
from hamstring_coach.format.progress import PROGRESS_KEYS, check_progress
from hamstring_coach.format.size import check_bounds
from hamstring_coach.format.source import document
from hamstring_coach.format.superset import parse_superset
from hamstring_coach.format.tempo import check_tempo
from hamstring_coach.format.values import Checker, join, suggest
from hamstring_coach.system.digest import sha256_hex
from hamstring_coach.system.files import NotRegularFile, open_regular, stat_kind

TOP_KEYS = ("version", "name", "description", "tags", "defaults", "steps", "sounds")
DEFAULT_KEYS = ("prepare", "rest", "side_switch", "countdown", "tempo", "log", "halfway")
CUE_KEYS = ("cue", "duration")
REST_KEYS = ("rest", "cue")
STEP_KINDS = ("cue", "rest", "exercise", "use", "superset")
EXTENSION_PREFIX = "x-"
_WHAT = "a session file is a mapping with name and steps"
_CATALOGUE_HINT = {"exercises": " (this looks like an exercise catalogue: check it with "
                                 '"hamstring-coach validate --catalogue")'}
_EXERCISE_HINT = ' (it belongs to an exercise: add "exercise:" or "use:")'


class _Catalogue:
    """The catalogue, read only when a step first needs it."""

    def __init__(self, given: Catalogue | None) -> None:
        self.value = given
        self.problems: list[Problem] = []
        self.failed = False

    def get(self) -> Catalogue | None:
        if self.value is None and not self.failed:
            try:
                self.value = default_catalogue()
            except SessionFileError as error:
                self.problems.extend(error.problems)
                self.failed = True
        return self.value


def parse_session(data: bytes, shown: str, *, session_id: str, catalogue: Catalogue | None,
                  base_dir: Path, source: Path | None) -> Session:
    """Check a session file's bytes (``shown`` names it in problems) into a Session."""
    root, problems = document(data, shown, _WHAT)
    checker = Checker(shown)
    checker.problems.extend(problems)
    entries = root.entries
    # "x-" keys hold anchors for reuse (as in Docker Compose) and are otherwise ignored.
    own = [k for k in entries if not k.startswith(EXTENSION_PREFIX)]
    checker.keys(root, "", [*TOP_KEYS, *(k for k in entries if k not in own)],
                 "a session file", hints=_CATALOGUE_HINT,
                 otherwise=' (keys starting with "x-" are free for anchors)')
    if "version" in entries:
        check_version(checker, entries["version"].value, "version")
    name = None
    if "name" in entries:
        name = checker.text(entries["name"].value, "name")
    else:
        checker.add(root, "name", 'a session needs a "name"')
    description = ""
    if "description" in entries:
        description = checker.text(entries["description"].value, "description",
                                   empty_ok=True) or ""
    tags = _tags(checker, entries["tags"].value) if "tags" in entries else ()
    defaults = _defaults(checker, entries["defaults"].value) if "defaults" in entries \
        else Defaults()
    sounds = _sounds(checker, entries["sounds"].value, base_dir) if "sounds" in entries else ()
    lazy = _Catalogue(catalogue)
    steps: list[Step] = []
    nodes: list[Node] = []
    if "steps" not in entries:
        checker.add(root, "steps", 'a session needs "steps", a list of cues, rests and '
                                   "exercises")
    else:
        steps, nodes = _steps(checker, entries["steps"].value, defaults, lazy)
    if not checker.problems and not lazy.problems:
        check_bounds(checker, entries["steps"].value, nodes, steps)
    if checker.problems or lazy.problems:
        found = sorted(checker.problems, key=lambda p: (p.line, p.col)) + lazy.problems
        raise SessionFileError(_capped(found))
    assert name is not None
    return Session(id=session_id, name=name.strip(), steps=tuple(steps),
                   description=description.strip(), tags=tags, defaults=defaults,
                   source=source, sha256=sha256_hex(data), sounds=sounds)


def _capped(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_REPORTED:
        return problems
    rest = problems[MAX_REPORTED]
    more = len(problems) - MAX_REPORTED
    return [*problems[:MAX_REPORTED],
            Problem(rest.file, rest.line, rest.col, rest.path,
                    f"... and {more} more problems from here on")]


def _tags(checker: Checker, node: Node) -> tuple[str, ...]:
    if not isinstance(node, Seq):
        checker.wrong(node, "tags", "a list of words such as [strength, desk]")
        return ()
    found = [checker.text(item, join("tags", i)) for i, item in enumerate(node.items)]
    return tuple(dict.fromkeys(t.strip() for t in found if t is not None))


def _defaults(checker: Checker, node: Node) -> Defaults:
    body = checker.mapping(node, "defaults", "a mapping of " + ", ".join(DEFAULT_KEYS))
    if body is None:
        return Defaults()
    checker.keys(body, "defaults", DEFAULT_KEYS, "defaults")
    base = Defaults()

    def time_or(key: str, fallback: float) -> float:
        if key not in body.entries:
            return fallback
        value = checker.time(body.entries[key].value, join("defaults", key))
        return fallback if value is None else value

    countdown = None
    if "countdown" in body.entries:
        countdown = checker.count(body.entries["countdown"].value, "defaults.countdown", 0,
                                  "a whole number of ticks, 0 or more")
    tempo = None
    if "tempo" in body.entries:
        tempo = check_tempo(checker, body.entries["tempo"].value, "defaults.tempo")
    log_pain = None
    if "log" in body.entries:
        log_pain = check_log(checker, body.entries["log"].value, "defaults.log")
    halfway = None
    if "halfway" in body.entries:
        halfway = check_halfway(checker, body.entries["halfway"].value, "defaults.halfway")
    return Defaults(prepare=time_or("prepare", base.prepare), rest=time_or("rest", base.rest),
                    side_switch=time_or("side_switch", base.side_switch),
                    countdown=base.countdown if countdown is None else countdown, tempo=tempo,
                    log_pain=bool(log_pain),
                    halfway=base.halfway if halfway is None else halfway,
                    given=frozenset(k for k in body.entries if k in DEFAULT_KEYS))


def _steps(checker: Checker, node: Node, defaults: Defaults,
           lazy: _Catalogue) -> tuple[list[Step], list[Node]]:
    """The steps, and for each the node it was written at (a superset's exercises
    are several steps written at one node)."""
    if not isinstance(node, Seq):
        checker.wrong(node, "steps", "a list of steps")
        return [], []
    if not node.items:
        checker.add(node, "steps", "a session needs at least one step")
    steps: list[Step] = []
    nodes: list[Node] = []
    for i, item in enumerate(node.items):
        path = join("steps", i)
        body = checker.mapping(item, path, "a step (a mapping with cue, rest, exercise, "
                                           "use or superset)")
        if body is not None and "superset" in body.entries:
            def exercise(check: Checker, item: Map, where: str) -> ExerciseStep | None:
                found = _exercise(check, item, where, defaults, lazy)
                return found if isinstance(found, ExerciseStep) else None

            inside = parse_superset(checker, body, path, defaults, len(steps), exercise)
            steps.extend(inside)
            nodes.extend([item] * len(inside))
            continue
        step = _step(checker, body, path, defaults, lazy) if body is not None else None
        if step is not None:
            steps.append(step)
            nodes.append(item)
    return steps, nodes


def _step(checker: Checker, body: Map, path: str, defaults: Defaults,
          lazy: _Catalogue) -> Step | None:
    keys = body.entries
    if "exercise" in keys or "use" in keys:
        return _exercise(checker, body, path, defaults, lazy)
    if "rest" in keys:
        hints = {k: _EXERCISE_HINT for k in EXERCISE_KEYS}
        hints["duration"] = ' (a rest step takes "rest" and "cue"; "duration" belongs to a ' \
                            "cue step)"
        checker.keys(body, path, REST_KEYS, "a rest step", hints)
        seconds = checker.time(keys["rest"].value, join(path, "rest"))
        cue = checker.text(keys["cue"].value, join(path, "cue")) if "cue" in keys else None
        if seconds is None:
            return None
        return RestStep(seconds, cue.strip() if cue else None, body.line)
    if "cue" in keys:
        hints = {k: _EXERCISE_HINT for k in EXERCISE_KEYS}
        checker.keys(body, path, CUE_KEYS, "a cue step", hints)
        text = checker.text(keys["cue"].value, join(path, "cue"))
        duration = checker.time(keys["duration"].value, join(path, "duration")) \
            if "duration" in keys else None
        if text is None or ("duration" in keys and duration is None):
            return None
        return CueStep(text.strip(), duration, body.line)
    checker.keys(body, path, {*CUE_KEYS, *REST_KEYS, *EXERCISE_KEYS}, "a step")
    checker.add(body, path, "a step needs one of cue, rest, exercise, use or superset")
    return None


def _exercise(checker: Checker, body: Map, path: str, defaults: Defaults,
              lazy: _Catalogue) -> Step | None:
    parsed = parse_exercise(checker, body, path, entry=False)
    entry = None
    if parsed.use is not None and parsed.use_node is not None:
        catalogue = lazy.get()
        if catalogue is None:
            return None
        found = catalogue.get(parsed.use)
        if found is None and parsed.use in catalogue.broken:
            problems = catalogue.broken[parsed.use]
            first = problems[0]
            checker.add(parsed.use_node, join(path, "use"),
                        f'exercise "{parsed.use}" is broken in your catalogue '
                        f"({first.file}:{first.line}:{first.col}: {first.message})")
            lazy.problems.extend(p for p in problems if p not in lazy.problems)
            return None
        if found is None:
            checker.add(parsed.use_node, join(path, "use"),
                        f'unknown exercise id "{parsed.use}"' + suggest(parsed.use, catalogue)
                        + ' (see: hamstring-coach list --exercises)')
            return None
        entry = found.fields
    elif "use" in body.entries:
        return None  # a bad "use" value, already reported
    step = resolve(checker, parsed, entry, defaults, body.line, path, parsed.use)
    if "progress" not in body.entries:
        return step
    if step is None:  # the rule cannot be judged, but its keys can
        rule_node = body.entries["progress"].value
        if isinstance(rule_node, Map):
            checker.keys(rule_node, join(path, "progress"), PROGRESS_KEYS, "a progress rule")
        return None
    # A rule is checked against the resolved step: its load, tempo and start values.
    names = lazy.get() if "then" in _keys_of(body.entries["progress"].value) else None
    rule = check_progress(checker, body.entries["progress"].value, join(path, "progress"),
                          step, names)
    return None if rule is None else dataclasses.replace(step, progress=rule)


def _keys_of(node: Node) -> tuple[str, ...]:
    return tuple(node.entries) if isinstance(node, Map) else ()


def _sounds(checker: Checker, node: Node, base_dir: Path) -> tuple[tuple[str, Path], ...]:
    body = checker.mapping(node, "sounds", "a mapping of sound name to WAV file")
    if body is None:
        return ()
    names = [s.value for s in Sound]
    checker.keys(body, "sounds", names, "sounds")
    found: list[tuple[str, Path]] = []
    for name, entry in body.entries.items():
        path = join("sounds", name)
        text = checker.text(entry.value, path) if name in names else None
        if text is None:
            continue
        file = _sound_file(text.strip(), base_dir)
        if isinstance(file, str):
            checker.add(entry.value, path, file)
        else:
            found.append((name, file))
    return tuple(found)


def _sound_file(text: str, base_dir: Path) -> Path | str:
    """The absolute path of a usable WAV file, or why it is not one."""
    try:
        file = Path(text).expanduser()
        file = (file if file.is_absolute() else base_dir / file).resolve()
    except (RuntimeError, OSError) as error:  # unknown ~user, symlink loop
        return f"cannot use this path: {error}"
    if len(str(file)) > 4096:
        return "the path is longer than 4096 characters"
    return _wav_problem(file) or file


def _wav_problem(file: Path) -> str | None:
    """Why ``file`` is not a usable WAV file, or None."""
    if file.suffix.lower() != ".wav":
        try:  # a link to /dev/zero is a device, whatever its name
            kind = stat_kind(file)
        except OSError:
            kind = None
        if kind not in (None, "a regular file"):
            return f"{file} is {kind}, not a regular file"
        return f"a sound must be a .wav file, got {file.name}"
    try:
        with open_regular(file) as handle:
            header = handle.read(12)
    except NotRegularFile as error:
        return f"{file} {error.strerror}"
    except FileNotFoundError:
        return f"no such file: {file}"
    except OSError as error:
        if error.errno == errno.ELOOP:  # Python 3.13's resolve() no longer raises on loops
            return f"cannot use this path: {file}: {error.strerror}"
        return f"cannot read {file}: {error.strerror or error}"
    if header[:4] != b"RIFF" or header[8:12] != b"WAVE":
        return f"{file} is not a WAV file (no RIFF/WAVE header)"
    return None
