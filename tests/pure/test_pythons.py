"""What pip decides for users on Python 3.11, 3.12 and 3.13, read from pyproject.toml.

The live checks (fresh venvs, the quick tier on 3.12 and 3.13) are in
``.ci/pythons.sh``; the measurements behind the markers are in
``docs/python-versions.md``. These tests evaluate the declared metadata the way
pip does, for each Python users run, so a changed marker or ``requires-python``
shows up on every run of the suite, whichever Python runs it.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

REPO = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
USERS = ("3.11.7", "3.12.1", "3.13.0")


def _installed_by(extra: str, python: str) -> set[str]:
    """Names pip would install for ``hamstring-coach[extra]`` on that Python."""
    env = {**default_environment(), "python_version": python.rsplit(".", 1)[0],
           "python_full_version": python}
    names = set()
    for line in PROJECT["optional-dependencies"][extra]:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate(env):
            names.add(req.name)
    return names


@pytest.mark.parametrize("python", USERS)
def test_every_python_users_run_may_install_the_app(python: str) -> None:
    assert SpecifierSet(PROJECT["requires-python"]).contains(python)


def test_python_3_10_is_refused_by_pip() -> None:
    assert not SpecifierSet(PROJECT["requires-python"]).contains("3.10.13")


@pytest.mark.parametrize(("python", "gets_simpleaudio"),
                         [("3.11.7", True), ("3.12.1", False), ("3.13.0", False)])
def test_the_simpleaudio_extra_is_left_out_where_it_segfaults(
        python: str, gets_simpleaudio: bool) -> None:
    # simpleaudio 1.0.4 crashes (SIGSEGV) when a sound ends on 3.12 and 3.13, measured
    # in docs/python-versions.md; `pip install '.[simpleaudio]'` must not bring it there.
    assert ("simpleaudio" in _installed_by("simpleaudio", python)) is gets_simpleaudio


def test_the_ci_script_is_valid_bash() -> None:
    done = subprocess.run(["bash", "-n", str(REPO / ".ci" / "pythons.sh")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
