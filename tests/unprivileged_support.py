"""Running a piece of a test as a user that file permissions apply to.

Tests run as root in CI, and root ignores ``chmod``, so :func:`unprivileged`
forks a child that drops to the ``nobody`` user (uid/gid 65534) with
``os.setuid`` before it runs the action; as an ordinary user the child keeps
its own uid and the same ``chmod`` applies to it. Everything the child needs
is imported before the fork (the interpreter itself may live where
``nobody`` cannot read). The ``shared_dir`` fixture
(conftest.py) is a folder ``nobody`` can reach.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

NOBODY = 65534


def unprivileged(action: Callable[[], object]) -> object:
    """Run ``action`` in a forked child as a user that permissions apply to; return its result."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        status = 0
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            result = action()
            payload = json.dumps({"ok": result})
        except BaseException as error:  # report anything to the parent
            payload = json.dumps({"error": f"{type(error).__name__}: {error}"})
            status = 1
        os.write(write_end, payload.encode())
        os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(pid, 0)
    answer = json.loads(payload)
    assert "error" not in answer, answer["error"]
    return answer["ok"]
