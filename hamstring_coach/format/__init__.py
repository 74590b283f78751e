"""Load and validate session files (SESSION_FORMAT.md, version 1).

The only place that parses YAML. A valid file becomes the frozen
:class:`~hamstring_coach.format.model.Session` with every value resolved
(catalogue entry, then ``defaults``, then the step's own keys); an invalid
one raises :class:`SessionFileError` carrying every problem found, each
``FILE:LINE:COL: key.path: message``, sorted by line and column. No input
produces a traceback, and bounds (file size, nesting, aliases, phases,
length) keep any input quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hamstring_coach.format.errors import Problem, SessionFileError
from hamstring_coach.system.lazy import lazy_attributes

if TYPE_CHECKING:
    from hamstring_coach.format.catalogue import (
        Catalogue,
        CatalogueEntry,
        default_catalogue,
        load_catalogue,
    )
    from hamstring_coach.format.exercise import ExerciseFields
    from hamstring_coach.format.model import Session
    from hamstring_coach.format.values import parse_duration

__all__ = [
    "Catalogue",
    "CatalogueEntry",
    "ExerciseFields",
    "Problem",
    "SessionFileError",
    "default_catalogue",
    "load_catalogue",
    "load_session",
    "load_session_text",
    "parse_duration",
]

# Imported on first use, so that ``import hamstring_coach.format.errors`` (which
# every command's error handling does) stays cheap: ``--help`` never loads YAML.
_LAZY = {"Catalogue": "catalogue", "CatalogueEntry": "catalogue",
         "default_catalogue": "catalogue", "load_catalogue": "catalogue",
         "ExerciseFields": "exercise", "parse_duration": "values"}


__getattr__ = lazy_attributes(__name__, _LAZY)  # the loader (PyYAML) only when a file is read


def load_session(path: str | Path, *, session_id: str | None = None,
                 catalogue: Catalogue | None = None, explicit: bool = False) -> Session:
    """Load and check a session file.

    ``session_id`` defaults to the file's stem; ``catalogue`` to
    :func:`default_catalogue` (read only if a step has ``use``). Problems
    name the file as given in ``path``. Only a regular file is read, unless
    ``explicit`` (the user named ``path`` on the command line): then a pipe
    is read too, once (``run <(cat f.yaml)``).
    """
    # the loader (PyYAML) only when a file is read: --help stays light
    from hamstring_coach.format.session import parse_session
    from hamstring_coach.format.source import read_bytes

    path = Path(path)
    # the file helpers only when a file is read
    from hamstring_coach.system.files import is_pipe

    data = read_bytes(path, str(path), explicit=explicit)
    if explicit and is_pipe(path):
        # A pipe has no folder and cannot be read again: sounds start from the
        # working folder, and the history keeps no source (nothing to resume from).
        return parse_session(data, str(path), session_id=session_id or path.stem,
                             catalogue=catalogue, base_dir=Path.cwd(), source=None)
    source = path.resolve()
    return parse_session(data, str(path), session_id=session_id or path.stem,
                         catalogue=catalogue, base_dir=source.parent, source=source)


def load_session_text(text: str | bytes, filename: str, *, session_id: str | None = None,
                      catalogue: Catalogue | None = None,
                      base_dir: Path | None = None) -> Session:
    """Check a session given as text; ``filename`` names it in problems.

    ``base_dir`` is where relative ``sounds:`` paths start (default: the
    folder of ``filename``). The Session's ``source`` is None.
    """
    # the loader (PyYAML) only when a file is read: --help stays light
    from hamstring_coach.format.session import parse_session

    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    name = Path(filename)
    return parse_session(data, filename, session_id=session_id or name.stem,
                         catalogue=catalogue, base_dir=base_dir or name.parent.resolve(),
                         source=None)
