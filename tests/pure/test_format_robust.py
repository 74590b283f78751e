"""No input of any kind gives a traceback, a hang or a heavy import.

Random edits of real sessions, hostile files (alias bombs, deep nesting,
huge files and counts) and odd paths all end as a SessionFileError (or a
valid session) quickly; the pure-Python YAML parser gives the same verdicts
as libyaml; the core imports no Textual.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamstring_coach.format import (
    SessionFileError,
    load_catalogue,
    load_session,
    load_session_text,
    yamlnodes,
)
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.system import paths

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted(paths.builtin_sessions_dir().glob("*.yaml"))
FIXTURE = textwrap.dedent("""\
    # yaml-language-server: $schema=https://hamstring-coach.invalid/session.schema.json
    version: 1
    name: Fixture
    description: Every feature once
    tags: [strength, desk]
    x-base: &base {sets: 2, sides: each, rest: 20s}
    defaults: {prepare: 5, rest: 30, side_switch: 5, countdown: 3, tempo: "3-1-1-0"}
    steps:
      - cue: Lie down
      - cue: Breathe
        duration: 1m
      - rest: 30
        cue: Shake out
      - use: glute-bridge
        <<: *base
      - exercise: Curl
        reps: 8
        tempo:
          - {phase: Drive up, seconds: 1, cue: Heels down}
          - {phase: Squeeze, seconds: 2}
          - {phase: Lower, seconds: 3, kind: lower}
      - exercise: Stretch
        hold: 30
        function: [stretch]
        notes: [Easy, Breathe]
        load: bodyweight
""")
BASES = [FIXTURE] + [p.read_text(encoding="utf-8") for p in SHIPPED]
TOKENS = ["&a ", "*a", "<<: ", "<<: *a", "!!python/name:os.system ", "!!binary ", "? ", ": ",
          "---\n", "...\n", "[", "]", "{", "}", "- ", "\t", "yes", ".inf", "-.inf", ".nan",
          "-1", "0", "1e400", "1" + "0" * 5000, "2024-02-30", "2001-13-99 25:61:61", "'", '"',
          "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\ufeff", "\x85", "\x00", "\x07", "#", "|",
          ">", "&", "*", "!", "%", "@", "`", ",", "\\", "\r", "1:30", "0x1F", "~", "null",
          "use: nope\n", "tempo: 3-1-1\n", "reps: 100000000\n", "hold: 30h\n", "- cue: x\n",
          "sides: each\n", "sets: 0\n", "sounds: {go: x.wav}\n", "\udcff", "é", "😀"]


@st.composite
def edited(draw: st.DrawFn) -> str:
    """A base session with a few random line and character edits."""
    text = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(1, 5))):
        lines = text.split("\n")
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "insert"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            piece = draw(st.one_of(st.sampled_from(TOKENS), st.text(max_size=3)))
            cut = 1 if op == "replace" else 0
            lines[i] = line[:at] + piece + line[at + cut:]
        text = "\n".join(lines)
    return text


@pytest.fixture(scope="module")
def catalogue() -> object:
    return load_catalogue(paths.builtin_catalogue_file())


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=edited())
def test_random_edits_of_real_sessions_only_ever_raise_session_file_error(
        text: str, catalogue: object) -> None:
    try:
        session = load_session_text(text, "fuzz.yaml", catalogue=catalogue)  # type: ignore[arg-type]
    except SessionFileError as error:
        assert error.problems
        assert all(p.line >= 1 and p.col >= 1 and p.file == "fuzz.yaml" for p in error.problems)
        assert [(p.line, p.col) for p in error.problems[:-1]] == sorted(
            (p.line, p.col) for p in error.problems[:-1])
        return
    with contextlib.suppress(SessionFileError):  # plan's own limits may still refuse it
        compile_session(session)


HANG = 30  # seconds: fires only if a hostile file hangs the loader (timings: benchmarks/)


@contextlib.contextmanager
def _no_hang(seconds: int = HANG) -> Iterator[None]:
    """Fail (instead of hanging the suite) if the body runs past ``seconds``."""
    def _hung(signum: int, frame: object) -> None:
        raise AssertionError(f"hung: still loading after {seconds} s")
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _quick(text: str | bytes, *fragments: str) -> None:
    """What the user sees: a located error (file:line:col) naming the problem, no hang.

    ``fragments`` are alternatives: our own wording, or a YAML library's where
    it refuses first (PyYAML 6.0.4's scanner stops deep flow nesting itself).
    """
    with _no_hang(), pytest.raises(SessionFileError) as caught:
        load_session_text(text, "hostile.yaml")
    first = caught.value.problems[0]
    assert first.file == "hostile.yaml" and first.line >= 1 and first.col >= 1
    message = str(caught.value)
    assert message.startswith("hostile.yaml:")
    assert any(fragment in message for fragment in fragments), message


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["x-a: &a [" + ", ".join(["lol"] * 10) + "]"]
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"x-{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    _quick("\n".join([*lines, "name: x", "steps: *j", ""]), "alias bomb")


def test_merge_key_bomb_is_refused_quickly() -> None:
    wide = "x-a: &a {" + ", ".join(f"k{i}: {i}" for i in range(2000)) + "}\n"
    merges = "".join(f"x-m{i}: {{<<: *a}}\n" for i in range(200))
    _quick(wide + merges + "name: x\nsteps: [{cue: a}]\n", "alias bomb")


DEEP = 100_000


@pytest.mark.parametrize("steps", [
    "[" * DEEP + "1" + "]" * DEEP,
    "{a: " * DEEP + "1" + "}" * DEEP,
    "\n  " + "- " * DEEP + "1",
], ids=["flow-lists", "flow-mappings", "block-lists"])
def test_100000_deep_nesting_is_refused_quickly(steps: str) -> None:
    _quick(f"name: x\nsteps: {steps}\n", "nested deeper than 50 levels", "nesting depth")


def test_aliases_cannot_smuggle_depth_past_the_bound() -> None:
    chain = ["x-0: &l0 " + "[" * 40 + "1" + "]" * 40]
    chain += [f"x-{i}: &l{i} " + "[" * 20 + f"*l{i - 1}" + "]" * 20 for i in range(1, 5)]
    _quick("\n".join([*chain, "name: x", "steps: [{cue: a}]", ""]), "nests deeper than 50")


def test_file_over_one_mebibyte_is_refused_quickly() -> None:
    _quick("name: x\nsteps:\n" + "  - cue: padding padding padding\n" * 40_000, "larger than")


def test_enormous_counts_are_refused_arithmetically() -> None:
    _quick("name: x\nsteps:\n  - {exercise: A, reps: 1000000000000, tempo: 3-1-1-0, sets: 9}\n",
           "more than 100000 phases")
    _quick("name: x\nsteps:\n  - {exercise: A, hold: 1.0e+308, sets: 9}\n", "24 h")


def test_thousands_of_problems_are_capped() -> None:
    text = "name: x\nsteps:\n" + "  - {exercise: A, hold: -1}\n" * 5000
    with _no_hang(), pytest.raises(SessionFileError) as caught:
        load_session_text(text, "many.yaml")
    assert len(caught.value.problems) == 201
    assert "4800 more problems" in caught.value.problems[-1].message


def test_odd_paths_are_problems_not_tracebacks(tmp_path: Path) -> None:
    afile = tmp_path / "file.yaml"
    afile.write_text("name: x\n", encoding="utf-8")
    link = tmp_path / "dangling.yaml"
    link.symlink_to(tmp_path / "gone.yaml")
    cases = {tmp_path: "is a folder", tmp_path / "missing.yaml": "no such file",
             afile / "inside.yaml": "cannot read", link: "no such file"}
    if Path("/dev/zero").exists():
        cases[Path("/dev/zero")] = "is a character device, not a regular file"
    for path, fragment in cases.items():
        with pytest.raises(SessionFileError) as caught:
            load_session(path)
        assert caught.value.first.file == str(path)
        assert fragment in caught.value.first.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_unreadable_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("name: x\nsteps: [{cue: a}]\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(SessionFileError, match="permission denied"):
        load_session(path)


def test_pure_python_parser_gives_the_same_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    from test_format_bad import CASES

    def verdict(text: str) -> list[str]:
        try:
            load_session_text(text, "same.yaml")
        except SessionFileError as error:
            return [str(p) for p in error.problems]
        return []

    semantic = [text for _, text, _, _ in CASES]
    with_libyaml = [verdict(t) for t in semantic]
    monkeypatch.setattr(yamlnodes, "_Loader", yaml.SafeLoader)
    with_python = [verdict(t) for t in semantic]
    for text, c_result, py_result in zip(semantic, with_libyaml, with_python, strict=True):
        if any("invalid YAML" in p for p in c_result):  # the two scanners word these apart
            assert any("invalid YAML" in p for p in py_result), text
        else:
            assert c_result == py_result, text


def _fresh(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, check=True, timeout=60)
    return result.stdout.strip()


def test_core_modules_do_not_import_textual() -> None:
    loaded = _fresh("import sys, hamstring_coach.format, hamstring_coach.plan.compiler, "
                    "hamstring_coach.plan.timeline, hamstring_coach.engine.machine\n"
                    "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    assert loaded == "[]"


def test_validate_command_does_not_import_textual() -> None:
    loaded = _fresh("import sys\nfrom hamstring_coach.cli import main\n"
                    "status = main(['validate', 'sessions/full.yaml'])\n"
                    "print(status, sorted(m for m in sys.modules if m.startswith('textual')))")
    assert loaded.endswith("0 []")


def test_error_types_and_modeline_import_without_yaml() -> None:
    # Every command's error handling imports format.errors and `new` reads MODELINE;
    # neither may drag in the YAML parser, so `--help` stays quick.
    loaded = _fresh("import sys, hamstring_coach.format.errors, hamstring_coach.format.schema\n"
                    "from hamstring_coach.format import SessionFileError\n"
                    "print(sorted(m for m in sys.modules if m.split('.')[0] == 'yaml'))")
    assert loaded == "[]"


def test_help_does_not_import_textual() -> None:
    loaded = _fresh("import sys, contextlib, io\nfrom hamstring_coach.cli import main\n"
                    "with contextlib.suppress(SystemExit), "
                    "contextlib.redirect_stdout(io.StringIO()):\n    main(['--help'])\n"
                    "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    assert loaded == "[]"
