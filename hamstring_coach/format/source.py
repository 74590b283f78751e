"""Reading a file's bytes and turning them into text, with located problems.

Everything that can go wrong before YAML parsing starts is caught here:
a missing, unreadable or oversized file, a directory, bad UTF-8 (with the
line it is on), NUL bytes and other control characters YAML forbids.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from hamstring_coach.format.errors import Problem, SessionFileError
from hamstring_coach.format.limits import MAX_FILE_BYTES
from hamstring_coach.format.yamlnodes import FatalYAML, Map, Scalar, compose, describe
from hamstring_coach.system.files import NotRegularFile, PipeTimeout, read_explicit, read_regular

_FILE = "(file)"
_MAX_CHAR_PROBLEMS = 20
# The characters YAML 1.1 does not allow in a stream (PyYAML's Reader.NON_PRINTABLE).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def read_bytes(path: Path, shown: str, *, explicit: bool = False) -> bytes:
    """The bytes of ``path`` (at most the size limit); SessionFileError if unreadable.

    Only a regular file is read (a folder, FIFO, device or socket is refused
    at once, see :mod:`hamstring_coach.system.files`); ``explicit`` (the
    user named this file on the command line) also reads a pipe, once and
    within a few seconds, so ``validate <(cat f.yaml)`` works.
    """
    def fail(message: str) -> SessionFileError:
        return SessionFileError([Problem(shown, 1, 1, _FILE, message)])

    try:
        # Read one byte past the limit so a huge file stops early.
        data = (read_explicit(path, MAX_FILE_BYTES) if explicit
                else read_regular(path, MAX_FILE_BYTES))
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("permission denied: cannot read this file") from None
    except NotRegularFile as error:
        if error.kind == "a folder":
            raise fail("is a folder, not a session file") from None
        raise fail(str(error.strerror)) from None
    except PipeTimeout as error:
        raise fail(f"{error.strerror}; give the file itself") from None
    except OSError as error:
        raise fail(f"cannot read: {os.strerror(error.errno) if error.errno else error}") from None
    check_size(data, shown)
    return data


def check_size(data: bytes, shown: str) -> None:
    """Refuse data over the size limit."""
    if len(data) > MAX_FILE_BYTES:
        raise SessionFileError([Problem(
            shown, 1, 1, _FILE,
            f"larger than the limit of {MAX_FILE_BYTES // 1024} KiB; a session file is "
            "a few kilobytes")])


def decode(data: bytes, shown: str) -> str:
    """UTF-8 (or UTF-16 with a BOM) text without the BOM; located problems otherwise."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise SessionFileError([Problem(shown, 1, 1, _FILE,
                                            "not valid UTF-16 text (it starts with a "
                                            "UTF-16 byte-order mark)")]) from None
    else:
        text = _decode_utf8(data, shown)
    text = text.removeprefix("\ufeff")
    _check_characters(text, shown)
    return text


def _decode_utf8(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    problems: list[Problem] = []
    start = 0
    while len(problems) < _MAX_CHAR_PROBLEMS:
        try:
            data[start:].decode("utf-8")
            break
        except UnicodeDecodeError as error:
            bad = start + error.start
            line = data.count(b"\n", 0, bad) + 1
            line_start = data.rfind(b"\n", 0, bad) + 1
            col = len(data[line_start:bad].decode("utf-8", "replace")) + 1
            problems.append(Problem(shown, line, col, _FILE,
                                    f"not valid UTF-8 (byte 0x{data[bad]:02x}); save the "
                                    "file as UTF-8"))
            start = start + error.end
    raise SessionFileError(problems)


def _check_characters(text: str, shown: str) -> None:
    problems: list[Problem] = []
    for match in _NON_PRINTABLE.finditer(text):
        char = match.group()
        pos = match.start()
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        what = "a NUL byte" if char == "\0" else f"the control character U+{ord(char):04X}"
        problems.append(Problem(shown, line, col, _FILE,
                                f"{what} is not allowed in a YAML file"))
        if len(problems) >= _MAX_CHAR_PROBLEMS:
            break
    if problems:
        raise SessionFileError(problems)


def document(data: bytes, shown: str, what: str) -> tuple[Map, list[Problem]]:
    """The top-level mapping of a file's bytes, with the problems met on the way.

    ``what`` names the kind of file for messages ("a session file needs ...").
    Raises SessionFileError when there is nothing further to check.
    """
    check_size(data, shown)
    text = decode(data, shown)
    try:
        root, problems = compose(text, shown)
    except FatalYAML as fatal:
        raise SessionFileError([fatal.problem]) from None
    if root is None or (isinstance(root, Scalar) and root.value is None):
        raise SessionFileError([Problem(shown, 1, 1, _FILE, f"the file is empty; {what}")])
    if not isinstance(root, Map):
        top = Problem(shown, root.line, root.col, _FILE, f"{what}, not {describe(root)} at the top")
        raise SessionFileError([*problems, top])
    return root, problems
