"""Open only regular files: a FIFO, a device, a folder or a socket is refused at once.

Every file the program reads or writes by name goes through here, so that no
path can make it block (a FIFO nobody writes to, ``/dev/tty``), read forever
(``/dev/zero``) or write somewhere odd (a device, a socket). The rule:

- :func:`stat_kind` looks first (``os.stat``, following symlinks): anything
  but a regular file is refused without being opened, so a device's open has
  no side effect;
- the file is then opened with ``O_NONBLOCK`` (an open never waits) and
  checked again with ``fstat`` on the very descriptor, so a file swapped for a
  FIFO between the two steps is refused too (``O_NONBLOCK`` means nothing to
  a regular file's reads; for writing it is cleared);
- reading stops one byte past a size limit.

One exception, for the user's own command line: :func:`read_explicit` reads
a session named there that is a *pipe* (``run <(cat f.yaml)``, ``/dev/stdin``,
a FIFO someone writes to) once, fully, within :data:`PIPE_SECONDS` and the
size limit. Paths met by lookup (the sessions folder, the catalogue, the
settings, sounds, ``--resume``) never get that exception.

:class:`NotRegularFile` is an ``OSError`` whose ``strerror`` is a sentence
for the user ("is a named pipe (FIFO), not a regular file"); callers wrap it
in their located ``FILE:...`` message like any other OSError.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import select
import stat
import time
from typing import BinaryIO

PIPE_SECONDS = 5.0  # how long a session named on the command line may take to come down a pipe

_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


class NotRegularFile(OSError):
    """The path is a folder, a FIFO, a device or a socket; ``strerror`` says which."""

    def __init__(self, path: str | os.PathLike[str], kind: str) -> None:
        code = errno.EISDIR if kind == "a folder" else errno.EINVAL
        super().__init__(code, f"is {kind}, not a regular file", str(path))
        self.kind = kind


def kind_of(mode: int) -> str:
    """What a stat mode is, in words ("a regular file", "a named pipe (FIFO)", ...)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def stat_kind(path: str | os.PathLike[str]) -> str | None:
    """What ``path`` is (see :func:`kind_of`), or None when nothing is there."""
    try:
        return kind_of(os.stat(path).st_mode)
    except FileNotFoundError:
        return None


def _refuse_unless_regular(path: str | os.PathLike[str], mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise NotRegularFile(path, kind_of(mode))


def _blocking(fd: int) -> None:
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)


def _open_regular_fd(path: str | os.PathLike[str]) -> tuple[int, int]:
    """A read descriptor on ``path`` and its size; NotRegularFile unless a regular file."""
    _refuse_unless_regular(path, os.stat(path).st_mode)
    fd = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(path, info.st_mode)
        # O_NONBLOCK means nothing to a regular file's reads; it stays set.
    except BaseException:
        os.close(fd)
        raise
    return fd, info.st_size


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """``path`` opened for reading in binary; NotRegularFile unless it is a regular file."""
    fd, _size = _open_regular_fd(path)
    return os.fdopen(fd, "rb")


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (one more shows it is too big)."""
    fd, size = _open_regular_fd(path)
    try:
        chunks: list[bytes] = []
        want = limit + 1
        while want > 0:
            # The size is a hint (the file may grow); reading on until EOF or the limit.
            chunk = os.read(fd, min(want, max(size + 1, 65536)))
            if not chunk:
                break
            chunks.append(chunk)
            want -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text_regular(path: str | os.PathLike[str], limit: int) -> str:
    """A regular file's text (UTF-8); ``ValueError`` when it passes ``limit`` bytes."""
    data = read_regular(path, limit)
    if len(data) > limit:
        raise ValueError(f"larger than {limit} bytes")
    return data.decode("utf-8")


def create_regular(path: str | os.PathLike[str], *, exclusive: bool = False) -> BinaryIO:
    """``path`` opened for writing (created, or emptied); NotRegularFile for anything else.

    ``exclusive``: FileExistsError when the file exists already. Nothing is
    emptied before the descriptor is known to be a regular file.
    """
    with contextlib.suppress(FileNotFoundError):
        _refuse_unless_regular(path, os.stat(path).st_mode)
    flags = _WRITE_FLAGS | (os.O_EXCL if exclusive else 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as error:
        if error.errno == errno.ENXIO:  # a FIFO with no reader, or a socket (raced in)
            raise NotRegularFile(path, stat_kind(path) or "not a file") from None
        raise
    try:
        _refuse_unless_regular(path, os.fstat(fd).st_mode)
        _blocking(fd)
        os.ftruncate(fd, 0)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "wb")


def write_regular(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` (created or replaced in place), a regular file only."""
    with create_regular(path) as handle:
        handle.write(data)


def is_pipe(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a pipe or FIFO (``<(cat f)`` is ``/dev/fd/63``, a pipe)."""
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        return False


class PipeTimeout(OSError):
    """A pipe named on the command line did not deliver the whole file in time."""


def read_explicit(path: str | os.PathLike[str], limit: int,
                  seconds: float = PIPE_SECONDS) -> bytes:
    """A file the user named on the command line: a regular file, or a pipe read once.

    A pipe is read until its writer closes it, one byte past ``limit`` or
    ``seconds`` from now, whichever comes first (PipeTimeout then); anything
    else but a regular file is NotRegularFile, as for :func:`read_regular`.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISFIFO(mode):
        return read_regular(path, limit)
    fd = os.open(path, _READ_FLAGS)  # never waits for a writer
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            return _drain(fd, limit, time.monotonic() + seconds, seconds)
    finally:
        os.close(fd)
    return read_regular(path, limit)  # it changed since the stat: judge it afresh


def _drain(fd: int, limit: int, deadline: float, seconds: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while size <= limit:
        left = deadline - time.monotonic()
        if left <= 0 or not poller.poll(left * 1000):
            what = "nothing came" if size == 0 else "the writer did not finish"
            raise PipeTimeout(errno.ETIMEDOUT, f"{what} through this pipe in {seconds:g} s")
        try:
            chunk = os.read(fd, min(65536, limit + 1 - size))
        except BlockingIOError:
            continue
        if not chunk:  # the writer closed it: that is the whole file
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
