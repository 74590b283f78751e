"""The break timer's control socket served on the app's own event loop.

``asyncio.start_unix_server`` on the listening socket of a
:class:`~hamstring_coach.system.control.Claim`: nothing blocks the screen
and nothing wakes while no one asks. Each connection is one request line
and one reply line: the peer must be this user (``SO_PEERCRED``), the line
at most ``MAX_LINE`` bytes and complete within ``TIMEOUT`` seconds, the
JSON one of the known commands; anything else gets ``{"ok": false,
"error": ...}`` and the connection is closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from typing import Any

from hamstring_coach.system.control import (
    MAX_LINE,
    TIMEOUT,
    Claim,
    Request,
    encode,
    parse_request,
    peer_uid,
)

Handle = Callable[[Request], dict[str, Any]]


class ControlServer:
    """Serves ``handle`` on the claimed socket until :meth:`close`."""

    def __init__(self, claim: Claim, handle: Handle) -> None:
        self.claim = claim
        self.handle = handle
        self._server: asyncio.AbstractServer | None = None
        self.refused = 0  # connections refused for another uid (tests read it)

    async def start(self) -> None:
        """Begin serving (on the running loop)."""
        self._server = await asyncio.start_unix_server(self._serve, sock=self.claim.sock,
                                                       limit=MAX_LINE)

    async def _serve(self, reader: asyncio.StreamReader,
                     writer: asyncio.StreamWriter) -> None:
        try:
            reply = await self._answer(reader, writer)
            writer.write(encode(reply))
            await asyncio.wait_for(writer.drain(), TIMEOUT)
        except (OSError, TimeoutError):
            pass  # the client went away; nothing to tell
        finally:
            writer.close()
            with contextlib.suppress(OSError, TimeoutError):
                await asyncio.wait_for(writer.wait_closed(), TIMEOUT)

    async def _answer(self, reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter) -> dict[str, Any]:
        sock = writer.get_extra_info("socket")
        try:
            uid = peer_uid(sock)
        except OSError:
            uid = -1
        if uid != os.getuid():
            self.refused += 1
            return {"ok": False, "error": "refused: this break timer belongs to another user"}
        try:
            line = await asyncio.wait_for(reader.readline(), TIMEOUT)
        except TimeoutError:
            return {"ok": False, "error": "no request within the time allowed"}
        except (ValueError, asyncio.LimitOverrunError):
            return {"ok": False, "error": "request too long"}
        try:
            request = parse_request(line.strip())
        except ValueError as error:
            return {"ok": False, "error": str(error)}
        return self.handle(request)

    def close(self) -> None:
        """Stop serving, remove the socket, let the lock go."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self.claim.release()
