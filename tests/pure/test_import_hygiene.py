"""What a fresh interpreter loads: the core stays free of the TUI, ``--help`` of YAML too.

In the style of tconbeer/harlequin's tests/unit_tests/test_import_hygiene.py: each
case starts a new Python (nothing imported by the test run can hide a leak) and
lists the top-level packages it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE = ("hamstring_coach.format", "hamstring_coach.plan.compiler",
        "hamstring_coach.engine.machine", "hamstring_coach.run.session_run",
        "hamstring_coach.run.library", "hamstring_coach.run.speech",
        "hamstring_coach.run.break_mode")
TUI = ("textual", "rich")
AUDIO = ("miniaudio", "simpleaudio")

REPORT = "import json, sys; print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"


def loaded(code: str) -> set[str]:
    """The top-level packages a fresh interpreter has loaded after running ``code``."""
    done = subprocess.run([sys.executable, "-c", f"{code}\n{REPORT}"], capture_output=True,
                          text=True, timeout=60, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_core_loads_no_tui_no_audio_library_and_no_database() -> None:
    packages = loaded("\n".join(f"import {module}" for module in CORE))
    assert "hamstring_coach" in packages
    assert packages.isdisjoint(TUI + AUDIO + ("sqlite3",)), packages & {*TUI, *AUDIO, "sqlite3"}


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["break", "--help"]])
def test_help_loads_neither_the_tui_nor_yaml(argv: list[str]) -> None:
    code = ("import contextlib, io, sys\n"
            "from hamstring_coach.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            f"        main({argv!r})\n"
            "    except SystemExit:\n"
            "        pass")
    packages = loaded(code)
    assert packages.isdisjoint(TUI + AUDIO + ("yaml", "sqlite3")), packages
