"""The break timer's control socket: where it lives, who may use it, what it says.

Standard library only (``status`` runs every few seconds from a status bar
and must start fast). The socket is ``break.sock`` in a private folder: the
user's runtime directory (``$XDG_RUNTIME_DIR/hamstring-coach``), else
``hamstring-coach-UID`` in the temporary folder. The folder must be a real
directory owned by this user with mode 0700 (it is created so, and refused
otherwise: someone else could have made it first); the socket is created
with mode 0600, and the server also checks the peer's uid (``SO_PEERCRED``),
so only this user can read or steer the timer.

One timer per user: ``break.lock`` beside the socket is held (``flock``)
while a timer runs, and holds its pid; a second ``break`` is refused with
that pid. A socket left behind by a timer killed with -9 is replaced.

Requests and replies are one JSON object per line, each at most
:data:`MAX_LINE` bytes, each side waiting at most :data:`TIMEOUT` seconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import socket
import stat
import struct
from enum import StrEnum
from pathlib import Path
from typing import Any

APP_NAME = "hamstring-coach"
SOCKET_NAME = "break.sock"
LOCK_NAME = "break.lock"
MAX_LINE = 4096  # bytes, a request or a reply, newline included
TIMEOUT = 2.0  # seconds, each side
MAX_PAUSE = 24 * 3600.0


class Command(StrEnum):
    """What a client may ask the running break timer."""

    STATUS = "status"
    START = "start"
    SNOOZE = "snooze"
    SKIP = "skip"
    PAUSE = "pause"
    RESUME = "resume"
    QUIT = "quit"


class ControlError(Exception):
    """The control socket cannot be used; the message says why, for the person."""


class NotRunning(ControlError):
    """No break timer is running for this user."""


class AlreadyRunning(ControlError):
    """Another break timer of this user holds the socket."""


class Request:
    """A validated request: the command and, for ``pause``, its seconds.

    A plain class, not a dataclass: ``dataclasses`` (and ``inspect`` under it)
    would be most of ``status``'s import time.
    """

    __slots__ = ("command", "seconds")

    def __init__(self, command: Command, seconds: float | None = None) -> None:
        self.command = command
        self.seconds = seconds

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Request) and other.command is self.command
                and other.seconds == self.seconds)

    def __hash__(self) -> int:
        return hash((self.command, self.seconds))

    def __repr__(self) -> str:
        return f"Request({self.command!r}, {self.seconds!r})"


def runtime_dir(*, create: bool) -> Path:
    """This user's private folder for the socket (made 0700 when ``create``)."""
    xdg = os.environ.get("XDG_RUNTIME_DIR", "")
    if xdg and os.path.isabs(xdg) and os.path.isdir(xdg):
        folder = Path(xdg) / APP_NAME
    else:
        import tempfile  # only here: it imports random, shutil and more

        folder = Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid()}"
    if create:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        raise NotRunning(f"no break timer is running ({folder} does not exist)") from None
    if not stat.S_ISDIR(info.st_mode):
        raise ControlError(f"{folder} is not a folder: remove it")
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise ControlError(f"{folder} is not private to you (owner {info.st_uid}, mode "
                           f"{stat.S_IMODE(info.st_mode):o}): remove it")
    return folder


def socket_path(*, create: bool = False) -> Path:
    """The control socket's path."""
    return runtime_dir(create=create) / SOCKET_NAME


def parse_request(line: bytes) -> Request:
    """One request line from a client (untrusted) -> Request; ValueError says what is wrong."""
    if len(line) > MAX_LINE:
        raise ValueError("request too long")
    try:
        data = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("not a JSON line") from None
    if not isinstance(data, dict) or not isinstance(data.get("cmd"), str):
        raise ValueError('expected {"cmd": ...}')
    try:
        command = Command(data["cmd"])
    except ValueError:
        raise ValueError(f"unknown command (one of {', '.join(Command)})") from None
    extra = set(data) - {"cmd", "seconds"}
    if extra:
        raise ValueError("unknown field " + ", ".join(sorted(repr(k) for k in extra)))
    if command is not Command.PAUSE:
        if "seconds" in data:
            raise ValueError("only pause takes seconds")
        return Request(command)
    seconds = data.get("seconds")
    if (not isinstance(seconds, int | float) or isinstance(seconds, bool)
            or not math.isfinite(seconds) or not 1 <= seconds <= MAX_PAUSE):
        raise ValueError("pause takes seconds from 1 to 86400")
    return Request(command, float(seconds))


def encode(message: dict[str, Any]) -> bytes:
    """One JSON line (ASCII, so nothing in it is a terminal control)."""
    return json.dumps(message, ensure_ascii=True, separators=(",", ":")).encode() + b"\n"


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end of a connected Unix socket."""
    size = struct.calcsize("3i")
    _pid, uid, _gid = struct.unpack("3i", sock.getsockopt(socket.SOL_SOCKET,
                                                          socket.SO_PEERCRED, size))
    return int(uid)


def request(command: Command, seconds: float | None = None, *,
            path: Path | None = None) -> dict[str, Any]:
    """Ask the running timer; returns its reply (``{"ok": ..., ...}``)."""
    where = path if path is not None else socket_path()
    message: dict[str, Any] = {"cmd": command.value}
    if seconds is not None:
        message["seconds"] = seconds
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(TIMEOUT)
        try:
            sock.connect(str(where))
        except (FileNotFoundError, ConnectionRefusedError):
            raise NotRunning("no break timer is running") from None
        except PermissionError:
            raise ControlError(f"{where}: permission denied (another user's timer?)") from None
        except TimeoutError:
            raise ControlError("the break timer did not answer") from None
        try:
            # it may answer and hang up before reading (a refusal): read the answer anyway
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                sock.sendall(encode(message))
            reply = _read_line(sock)
        except TimeoutError:
            raise ControlError("the break timer did not answer in time") from None
        except OSError as error:
            raise ControlError(f"the break timer hung up ({error.strerror or error})") from None
    try:
        data = json.loads(reply)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ControlError("the break timer's answer is not JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("ok"), bool):
        raise ControlError("the break timer's answer is not understood")
    return data


def _read_line(sock: socket.socket) -> bytes:
    data = b""
    while b"\n" not in data:
        chunk = sock.recv(MAX_LINE)
        if not chunk:
            break
        data += chunk
        if len(data) > MAX_LINE:
            raise ControlError("the break timer's answer is too long")
    return data.split(b"\n", 1)[0]


class Claim:
    """This process's claim on the control socket: the lock, and the listening socket."""

    def __init__(self) -> None:
        folder = runtime_dir(create=True)
        self.path = folder / SOCKET_NAME
        lock_path = folder / LOCK_NAME
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.pread(fd, 32, 0).decode(errors="replace").strip()
            os.close(fd)
            pid = f" (pid {other})" if other.isdigit() else ""
            raise AlreadyRunning(f"a break timer is already running{pid}; "
                                 "stop it with `hamstring-coach ctl quit`") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._lock = fd
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)  # left by a timer that was killed: we hold the lock
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)  # created 0600, never briefly wider
        try:
            self.sock.bind(str(self.path))
        finally:
            os.umask(old)
        self.sock.listen(8)
        self.sock.setblocking(False)

    def release(self) -> None:
        """Remove the socket and let the lock go (idempotent)."""
        if self._lock < 0:
            return
        with contextlib.suppress(OSError):
            self.sock.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        with contextlib.suppress(OSError):
            os.ftruncate(self._lock, 0)
        os.close(self._lock)
        self._lock = -1
