"""The end-to-end tier's shared fixture: a tmux terminal running a login-less shell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_e2e_tmux import COMMAND, open_terminal
from tmux_driver import Tmux


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Tmux]:
    """A tmux terminal at 80x24 for one test (skipped where the command is not installed)."""
    if not COMMAND.exists():
        pytest.skip(f"{COMMAND} is not installed")
    tmux = open_terminal(tmp_path)
    try:
        yield tmux
    finally:
        tmux.stop()
