"""The exercise catalogue: reusable exercises that a step starts from with ``use: ID``.

A catalogue file::

    version: 1
    exercises:
      prone-heel-press:
        exercise: Prone heel press   # display name (required)
        sides: each
        sets: 3
        hold: 10                     # exactly one of hold / reps / duration

An entry takes the keys of an exercise step except ``use``. The built-in
catalogue ships in the package; the user's catalogue (config folder) adds
entries or replaces built-in ones by id. Both are checked like a session.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from hamstring_coach.format.errors import Problem, SessionFileError
from hamstring_coach.format.exercise import ExerciseFields, parse_exercise
from hamstring_coach.format.limits import SUPPORTED_VERSIONS
from hamstring_coach.format.nodes import Node, Scalar, describe
from hamstring_coach.format.source import document, read_bytes
from hamstring_coach.format.values import Checker, join
from hamstring_coach.system import paths
from hamstring_coach.system.records import frozen

CATALOGUE_KEYS = ("version", "exercises")
_WHAT = "a catalogue file is a mapping with version and exercises"


@frozen
class CatalogueEntry:
    """One catalogue exercise: its id, what it sets, and where it is written."""

    id: str
    fields: ExerciseFields
    source: Path | None = None
    line: int = 0

    @property
    def name(self) -> str:
        """The display name (always set in a valid entry)."""
        return self.fields.name or self.id


class Catalogue(Mapping[str, CatalogueEntry]):
    """Catalogue entries by id, in file order (user entries after built-in ones).

    ``broken`` holds the ids a lenient read (the user's catalogue) could not
    take, each with its problems: a session that uses one of them is broken,
    the others are not.
    """

    def __init__(self, entries: Mapping[str, CatalogueEntry] | None = None,
                 sources: tuple[Path, ...] = (),
                 broken: Mapping[str, tuple[Problem, ...]] | None = None) -> None:
        self._entries = dict(entries or {})
        self.sources = sources
        self.broken = dict(broken or {})

    def __getitem__(self, key: str) -> CatalogueEntry:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Catalogue({list(self._entries)!r})"

    def updated(self, other: Catalogue) -> Catalogue:
        """A catalogue with ``other``'s entries added, replacing same-id entries.

        A broken id in ``other`` replaces a good one here too: it was meant to.
        """
        entries = {k: v for k, v in {**self._entries, **other._entries}.items()
                   if k not in other.broken}
        broken = {**{k: v for k, v in self.broken.items() if k not in other._entries},
                  **other.broken}
        return Catalogue(entries, self.sources + other.sources, broken)


def load_catalogue(path: str | Path, *, explicit: bool = False,
                   lenient: bool = False) -> Catalogue:
    """Read and check a catalogue file; SessionFileError with every problem.

    ``explicit``: named on the command line, so a pipe is read too (see load_session).
    ``lenient``: entries with problems are set aside in ``Catalogue.broken``
    instead (every entry, when the file as a whole has a problem), so only the
    sessions using them break; SessionFileError only when no id can be read.
    """
    path = Path(path)
    data = read_bytes(path, str(path), explicit=explicit)
    return parse_catalogue(data, str(path), source=path.resolve(), lenient=lenient)


def parse_catalogue(data: bytes, shown: str, source: Path | None = None, *,
                    lenient: bool = False) -> Catalogue:
    """A catalogue from a file's bytes (``shown`` names it in problems)."""
    root, problems = document(data, shown, _WHAT)
    checker = Checker(shown)
    checker.problems.extend(problems)
    checker.keys(root, "", CATALOGUE_KEYS, "a catalogue file")
    if "version" in root.entries:
        check_version(checker, root.entries["version"].value, "version")
    entries: dict[str, CatalogueEntry] = {}
    broken: dict[str, tuple[Problem, ...]] = {}
    exercises = None
    if "exercises" not in root.entries:
        checker.add(root, "exercises", 'a catalogue file needs "exercises", a mapping of '
                                       "id to exercise")
    else:
        exercises = checker.mapping(root.entries["exercises"].value, "exercises",
                                    "a mapping of exercise id to exercise")
    whole_file = list(checker.problems)  # before any entry: problems of the file itself
    for name, entry in (exercises.entries.items() if exercises else ()):
        path = join("exercises", name)
        before = len(checker.problems)
        if not name.strip():
            checker.add(entry.key, path, "an exercise id must not be empty")
            continue
        if not checker.plain(entry.key, path, name):  # a control character in the id
            broken[name] = tuple(checker.problems[before:])
            continue
        body = checker.mapping(entry.value, path, "a mapping of exercise keys")
        parsed = parse_exercise(checker, body, path, entry=True) if body is not None else None
        if parsed is not None and parsed.ok and len(checker.problems) == before:
            entries[name] = CatalogueEntry(name, parsed.fields, source, entry.key.line)
        else:
            broken[name] = tuple(checker.problems[before:])
    if not checker.problems:
        return Catalogue(entries, (source,) if source else ())
    if not lenient or exercises is None:
        raise SessionFileError(sorted(checker.problems, key=lambda p: (p.line, p.col)))
    if whole_file:  # a bad version, an unknown key: none of its entries can be trusted
        broken = {name: (*whole_file, *broken.get(name, ())) for name in exercises.entries
                  if name.strip()}
        entries = {}
    return Catalogue(entries, (source,) if source else (), broken)


def check_version(checker: Checker, node: Node, path: str) -> None:
    """``version`` must be one this program reads; the message names them."""
    if (isinstance(node, Scalar) and type(node.value) is int
            and node.value in SUPPORTED_VERSIONS):
        return
    if node.invalid:
        return
    readable = " or ".join(str(v) for v in SUPPORTED_VERSIONS)
    if isinstance(node, Scalar) and isinstance(node.value, str):  # version: "1"
        meant = node.value.strip()
        hint = (f"write version: {meant}" if meant in {str(v) for v in SUPPORTED_VERSIONS}
                else f"this program reads version {readable}")
        checker.add(node, path, f'expected a number, got "{node.value}" (text); {hint}')
        return
    shown = node.text if isinstance(node, Scalar) else describe(node)
    checker.add(node, path, f"unsupported version {shown}; this program reads version "
                            f"{readable}")


# Catalogues keyed by the files' identity, so a changed file or another config
# folder (tests switch HAMSTRING_COACH_CONFIG_DIR) is read afresh.
_cache: dict[tuple[object, ...], Catalogue] = {}


def _stamp(path: Path) -> tuple[object, ...]:
    try:
        info = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), info.st_mtime_ns, info.st_size)


def default_catalogue() -> Catalogue:
    """The built-in catalogue plus the user's (which adds or overrides entries)."""
    builtin, user = paths.builtin_catalogue_file(), paths.user_catalogue_file()
    key = _stamp(builtin) + _stamp(user)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    if not builtin.is_file():
        raise SessionFileError([Problem(
            str(builtin), 1, 1, "(file)",
            "the built-in exercise catalogue is missing; reinstall hamstring-coach")])
    catalogue = load_catalogue(builtin)
    if user.exists():
        catalogue = catalogue.updated(load_catalogue(user, lenient=True))
    _cache.clear()
    _cache[key] = catalogue
    return catalogue
