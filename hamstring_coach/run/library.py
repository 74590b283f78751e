"""The sessions a user can run: built-in ones and their own, found by id or path.

Built-in sessions are the ``*.yaml`` files in :func:`paths.builtin_sessions_dir`;
user sessions are the ``*.yaml`` / ``*.yml`` files in
:func:`paths.user_sessions_dir`. A session's id is its file stem.

A user session whose id equals a built-in id **shadows** the built-in one:
``run full`` then runs the user's ``full.yaml`` (so copying a built-in with
``new full --from full`` and editing it works as expected). ``discover``
still lists the built-in one, marked as shadowed. When both ``x.yaml`` and
``x.yml`` exist in the user folder, ``x.yaml`` wins.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from hamstring_coach.format import Catalogue, default_catalogue, load_session
from hamstring_coach.format.errors import Problem, SessionFileError
from hamstring_coach.format.model import ExerciseStep, Session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.system import paths
from hamstring_coach.system.files import stat_kind
from hamstring_coach.system.records import frozen

SUFFIXES = (".yaml", ".yml")  # in order of preference


class SessionNotFoundError(LookupError):
    """SESSION is neither a known id nor an existing file; the message says what to do."""


@frozen
class SessionEntry:
    """One session as ``list`` and the picker show it."""

    id: str
    name: str  # the file's name: value; the id when the file is broken
    path: Path
    builtin: bool
    length: float | None  # seconds of timed phases; None when the file is broken
    waits: int  # phases that wait for the user's key
    tags: tuple[str, ...] = ()
    description: str = ""
    error: Problem | None = None  # the first problem of a broken file
    shadowed: bool = False  # a built-in hidden by a user session with the same id
    replaces_builtin: bool = False  # a user session with a built-in's id (its copy)
    # Its exercises' names, catalogue ids and other names (aka), for the picker's filter.
    exercises: tuple[str, ...] = ()


def _session_files(folder: Path) -> dict[str, Path]:
    """id -> file for the session files directly in ``folder`` (none if it is missing)."""
    found: dict[str, Path] = {}
    try:
        candidates = sorted(folder.iterdir())
    except OSError:
        return found
    for suffix in reversed(SUFFIXES):  # later suffixes first, so .yaml overwrites .yml
        for path in candidates:
            if path.suffix == suffix and not path.name.startswith(".") and path.is_file():
                found[path.stem] = path
    return dict(sorted(found.items()))


def builtin_files() -> dict[str, Path]:
    """Built-in session id -> file, sorted by id."""
    return _session_files(paths.builtin_sessions_dir())


def user_files() -> dict[str, Path]:
    """User session id -> file, sorted by id."""
    return _session_files(paths.user_sessions_dir())


def known_ids() -> dict[str, Path]:
    """Every id SESSION may name -> its file, user sessions shadowing built-in ones."""
    return {**builtin_files(), **user_files()}


def _looks_like_path(spec: str) -> bool:
    return (Path(spec).suffix in SUFFIXES or "/" in spec
            or (os.sep in spec) or (os.altsep is not None and os.altsep in spec))


def resolve(spec: str) -> Path:
    """The file SESSION names: a user session id, a built-in id, or a path.

    Ids are looked up first, then the text as a path. Raises
    :class:`SessionNotFoundError` with a message suggesting the nearest id.
    """
    return lookup(spec)[0]


def lookup(spec: str) -> tuple[Path, bool]:
    """The file SESSION names, and True when it was named as a path (not an id).

    A path that exists but is not a regular file (a FIFO, a device, a socket)
    is returned as it is: loading it says what it is (``FILE:1:1: ...``), or
    reads it once when it is a pipe (``run <(cat f.yaml)``), see
    :func:`hamstring_coach.format.load_session`'s ``explicit``.
    """
    ids = known_ids()
    if spec in ids:
        return ids[spec], False
    path = Path(spec).expanduser()
    try:
        kind = stat_kind(path)
    except OSError:  # a name too long, a loop of links, no permission: load says which
        return path, True
    if kind == "a folder":
        raise SessionNotFoundError(f"{spec}: is a folder, not a session file")
    if kind is not None:
        return path, True
    if _looks_like_path(spec):
        raise SessionNotFoundError(f"no such session file: {spec}")
    # Two sentences: what is wrong (and the nearest id), then where to look.
    message = f'no session called "{spec}".'
    close = difflib.get_close_matches(spec, list(ids), n=1, cutoff=0.5)
    if close:
        message += f' Did you mean "{close[0]}"?'
    raise SessionNotFoundError(message + ' "hamstring-coach list" shows every session.')


def is_builtin(path: Path) -> bool:
    """True when ``path`` is one of the shipped session files."""
    return path.resolve().parent == paths.builtin_sessions_dir().resolve()


def session_id(path: Path) -> str:
    """The id a session file is known by (its stem)."""
    return path.stem


def load(spec: str) -> Session:
    """Resolve SESSION and load it (raises SessionNotFoundError or SessionFileError)."""
    path, explicit = lookup(spec)
    return load_session(path, session_id=session_id(path), explicit=explicit)


def compile_file(path: str | Path, *, sid: str | None = None,
                 catalogue: Catalogue | None = None, explicit: bool = False) -> Timeline:
    """Load the session file at ``path`` and compile it: the one place a file becomes a timeline.

    ``sid`` defaults to the file's stem, ``catalogue`` to the default one;
    ``explicit``: the user named the path (see :func:`lookup`). Raises
    :class:`SessionFileError` (with every problem located) for a bad file or a
    session past the plan's limits. The timeline's ``session`` is the loaded session.
    """
    path = Path(path)
    session = load_session(path, session_id=sid if sid is not None else session_id(path),
                           catalogue=catalogue, explicit=explicit)
    return compile_session(session)


def load_timeline(spec: str) -> Timeline:
    """Resolve SESSION (an id or a path) and compile it, as ``run``, ``break`` and
    ``render`` do (raises SessionNotFoundError or SessionFileError)."""
    path, explicit = lookup(spec)
    return compile_file(path, explicit=explicit)


def discover() -> list[SessionEntry]:
    """Every built-in session (sorted by id), then every user session.

    Never raises for a broken file: its entry carries the first problem.
    """
    catalogue: Catalogue | None
    try:
        catalogue = default_catalogue()
    except SessionFileError:
        # An unreadable user catalogue breaks only the sessions with a "use:" (each
        # reads it again and carries its problem), not the listing nor the others.
        catalogue = None
    user, shipped = user_files(), builtin_files()
    entries = []
    for sid, path, builtin in _all_files():
        shadowed, replaces = builtin and sid in user, not builtin and sid in shipped
        try:
            timeline = compile_file(path, sid=sid, catalogue=catalogue)
        except SessionFileError as error:
            entries.append(SessionEntry(id=sid, name=sid, path=path, builtin=builtin,
                                        length=None, waits=0, error=error.first,
                                        shadowed=shadowed, replaces_builtin=replaces))
            continue
        session = timeline.session
        entries.append(SessionEntry(
            id=sid, name=session.name, path=path, builtin=builtin, length=timeline.total,
            waits=timeline.waits, tags=session.tags, description=session.description,
            shadowed=shadowed, replaces_builtin=replaces, exercises=exercise_words(session)))
    return entries


def exercise_words(session: Session) -> tuple[str, ...]:
    """The name, catalogue id and other names of every exercise, each once, in order."""
    words: dict[str, None] = {}
    for step in session.steps:
        if isinstance(step, ExerciseStep):
            words.update(dict.fromkeys((step.name, *step.aka)))
            if step.catalogue_id is not None:
                words[step.catalogue_id] = None
    return tuple(words)


def _all_files() -> list[tuple[str, Path, bool]]:
    return ([(i, p, True) for i, p in builtin_files().items()]
            + [(i, p, False) for i, p in user_files().items()])

