"""Test-only start-up hook (on ``PYTHONPATH``) recording what a process imports.

Used by ``tests/e2e/test_imports.py`` on the real app and its audio worker:

- ``HC_IMPORT_LOG=DIR``: every module imported for the life of the process
  (an audit hook, so it survives ``os._exit`` and fd 1/2 pointed elsewhere)
  goes to ``DIR/PID.log``, after a first line holding the command line;
- ``HC_FIRST_FRAME=FILE`` and ``HC_FIRST_FRAME_MARKER=TEXT``: the names in
  ``sys.modules`` when Textual's Linux driver first writes ``TEXT`` to the
  terminal go to ``FILE`` (one per line), i.e. what was loaded before the
  first frame.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys
from typing import Any

_log_dir = os.environ.get("HC_IMPORT_LOG")
if _log_dir:
    _log = open(os.path.join(_log_dir, f"{os.getpid()}.log"), "w", buffering=1,  # noqa: SIM115
                encoding="utf-8")
    with open("/proc/self/cmdline", "rb") as _cmdline:  # the whole command line, -m included
        _log.write(_cmdline.read().replace(b"\0", b" ").decode(errors="replace") + "\n")

    def _audit(event: str, args: tuple[Any, ...]) -> None:
        if event == "import":
            _log.write(f"{args[0]}\n")

    sys.addaudithook(_audit)

_frame_file = os.environ.get("HC_FIRST_FRAME")
_marker = os.environ.get("HC_FIRST_FRAME_MARKER", "")
_DRIVER = "textual.drivers.linux_driver"


def _patch(driver: Any) -> None:
    original = driver.write
    done = []

    def write(self: Any, data: str) -> None:
        if not done and _marker in data and _frame_file:
            done.append(True)
            names = sorted(sys.modules)
            with open(_frame_file + ".part", "w", encoding="utf-8") as stream:
                stream.write("\n".join(names) + "\n")
            os.replace(_frame_file + ".part", _frame_file)
            if _log_dir:
                _log.write("-- first frame --\n")
        original(self, data)

    driver.write = write


class _DriverFinder(importlib.abc.MetaPathFinder):
    """Lets Textual's Linux driver load as usual, then wraps its ``write``."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != _DRIVER:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        run_module = loader.exec_module

        def exec_module(module: Any) -> None:
            run_module(module)
            _patch(module.LinuxDriver)

        loader.exec_module = exec_module
        return spec


if _frame_file:
    sys.meta_path.insert(0, _DriverFinder())
