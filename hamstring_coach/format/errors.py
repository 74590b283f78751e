"""Problems found in a session or catalogue file, reported all at once."""

from __future__ import annotations

from collections.abc import Iterable

from hamstring_coach.format.plaintext import one_line
from hamstring_coach.system.records import frozen


@frozen
class Problem:
    """One problem, printed as ``FILE:LINE:COL: key.path: message`` (1-based line/col)."""

    file: str
    line: int
    col: int
    path: str  # key path such as ``steps[3].tempo``; ``(file)`` for whole-file problems
    message: str

    def __str__(self) -> str:
        # File names, keys and quoted values come from outside: shown, never acted on.
        return one_line(f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}")


class SessionFileError(Exception):
    """A file is not a valid session (or catalogue); carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def first(self) -> Problem:
        """The first problem (what a list shows for a broken file)."""
        return self.problems[0]
