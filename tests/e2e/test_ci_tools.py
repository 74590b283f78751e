"""CI: the end-to-end tiers run, not skip; it installs the pinned set it says it does.

The pinned set is ``constraints.txt`` (``bash .ci/lock.sh`` writes it); ``.ci/run``
installs from it and runs the README's test command, then the cross-version tier on
3.12 (pinned) and 3.13 with the newest releases (``.ci/pythons.sh``).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[2]
in_ci = pytest.mark.skipif(
    os.environ.get("CI") != "true", reason="only CI promises every end-to-end tool")
NOT_PINNED = {"pip", "setuptools", "wheel", "hamstring-coach"}


def _pins() -> dict[str, str]:
    """constraints.txt as {canonical name: version}; every line is NAME==VERSION."""
    pins = {}
    for number, line in enumerate(
            (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        req = Requirement(line)
        spec = list(req.specifier)
        assert len(spec) == 1 and spec[0].operator == "==", \
            f"constraints.txt:{number}: {line!r} is not NAME==VERSION"
        pins[canonicalize_name(req.name)] = spec[0].version
    return pins


def _readme_test_command() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = [line for line in readme.splitlines()
                if line.startswith("python3 -m venv") and "pytest" in line]
    assert len(commands) == 1, commands
    return commands[0]


def test_ci_runs_the_readme_test_command_from_the_pinned_set() -> None:
    command = _readme_test_command()
    assert "-c constraints.txt" in command
    ci = (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert command in ci, ".ci/run and the README's test command differ"


def test_every_install_in_ci_is_pinned_except_the_newest_step() -> None:
    """Each pip install in CI names constraints.txt, but the one that tries the newest."""
    for script in ("run", "pythons.sh"):
        text = (REPO / ".ci" / script).read_text(encoding="utf-8")
        installs = [line for line in text.splitlines()
                    if "pip install" in line and "echo" not in line
                    and not line.lstrip().startswith("#")]
        assert installs, script
        for line in installs:
            assert "constraints.txt" in line or '"${pins[@]}"' in line, (script, line)
    # The newest releases: 3.13 in .ci/pythons.sh, installed without constraints.txt.
    pythons = (REPO / ".ci/pythons.sh").read_text(encoding="utf-8")
    assert "versions=(3.12 3.13:newest)" in pythons
    assert 'if [ "${1#*:}" = newest ]; then pins=()' in pythons
    assert "bash .ci/pythons.sh" in (REPO / ".ci/run").read_text(encoding="utf-8")


def test_constraints_pin_every_package_ci_asks_for() -> None:
    pins = _pins()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"],
              *project["optional-dependencies"]["simpleaudio"]]
    wanted += [line for line in (REPO / ".ci/tools.txt").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    for line in wanted:
        req = Requirement(line)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is installed by CI but not in constraints.txt"
        assert req.specifier.contains(pins[name]), \
            f"constraints.txt pins {req.name}=={pins[name]}, outside pyproject's {req.specifier}"


def test_textual_is_held_to_the_minor_release_tested() -> None:
    """The app uses Textual internals: a new minor release is taken on purpose."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (textual,) = [Requirement(d) for d in project["dependencies"] if d.startswith("textual")]
    tested = Version(_pins()["textual"])
    assert textual.specifier.contains(str(tested))
    assert not textual.specifier.contains(f"{tested.major}.{tested.minor + 1}.0")
    assert not SpecifierSet(str(textual.specifier)).contains(f"{tested.major + 1}.0.0")


@pytest.mark.skipif(os.environ.get("HAMSTRING_CI_PINNED") != "1",
                    reason="only .ci/run's pinned venvs promise the pinned versions")
def test_every_installed_package_is_the_pinned_version() -> None:
    pins = _pins()
    wrong = []
    for dist in importlib.metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        if name in NOT_PINNED:
            continue
        if pins.get(name) != dist.version:
            wrong.append(f"{name} {dist.version} (constraints.txt: {pins.get(name, 'absent')})")
    assert not wrong, "installed but not as pinned: " + ", ".join(sorted(wrong))


@in_ci
@pytest.mark.parametrize("tool", ["tmux", "aplay", "espeak-ng", "chromium"])
def test_ci_has_the_end_to_end_tool(tool: str) -> None:
    """tmux drives the app as a person would; aplay/ALSA and espeak-ng make real sound;
    chromium opens the HTML report (test_report_chromium)."""
    assert shutil.which(tool), f"{tool} is missing: .ci/run should have installed it"


@in_ci
@pytest.mark.skipif(sys.version_info >= (3, 12), reason="simpleaudio only on Python < 3.12")
def test_ci_has_simpleaudio() -> None:
    """The simpleaudio backend's tests run against the real library in CI."""
    assert importlib.util.find_spec("simpleaudio") is not None
