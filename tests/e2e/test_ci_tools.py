"""In CI the end-to-end tiers must run, not skip: every tool they need is there."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("CI") != "true", reason="only CI promises every end-to-end tool")


@pytest.mark.parametrize("tool", ["tmux", "aplay", "espeak-ng"])
def test_ci_has_the_end_to_end_tool(tool: str) -> None:
    """tmux drives the app as a person would; aplay/ALSA and espeak-ng make real sound."""
    assert shutil.which(tool), f"{tool} is missing: .ci/run should have installed it"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="simpleaudio only on Python < 3.12")
def test_ci_has_simpleaudio() -> None:
    """The simpleaudio backend's tests run against the real library in CI."""
    assert importlib.util.find_spec("simpleaudio") is not None
