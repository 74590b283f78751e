"""The hostile corpus (no tests here): text fields × payloads, real files, screen reading.

A *field* is a place in a session (or catalogue) file where text from its
author lands; a *payload* is text an attacker or an unlucky user could put
there. Markup-like payloads are valid text and must be shown exactly as
written; control payloads must be refused with a located error. The tests
write each combination to a real file under ``tmp_path`` and look at what
the user sees: the CLI's output bytes and exit status, or the screen under
Pilot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.app import App

from hamstring_coach.cli import main
from hamstring_coach.format.model import Session
from hamstring_coach.format.plaintext import CONTROL_CHARACTERS


@dataclass(frozen=True)
class Field:
    """A text field of the session template: its key, its key path, where the CLI shows it."""

    key: str
    path: str
    cli: tuple[str, ...]  # commands that print it: "validate", "list", "show", "phases"


FIELDS = (
    Field("name", "name", ("validate", "list", "show")),
    Field("description", "description", ("show",)),
    Field("tag", "tags[0]", ("list", "show")),
    Field("exercise", "steps[0].exercise", ("show",)),
    Field("cue", "steps[0].cue", ()),
    Field("note", "steps[0].notes[0]", ()),
    Field("load", "steps[0].load", ("show",)),
    Field("phase", "steps[0].tempo[0].phase", ("phases",)),
    Field("phase_cue", "steps[0].tempo[0].cue", ()),
    Field("cue_step", "steps[1].cue", ("show",)),
    Field("rest_cue", "steps[2].cue", ("show",)),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)

NORMAL = {
    "name": "Plain session", "description": "Nothing odd here.", "tag": "plain",
    "exercise": "Heel press", "cue": "Lie face down", "note": "Barely move",
    "load": "10 kg", "phase": "Lower", "phase_cue": "Slowly down",
    "cue_step": "Stand up", "rest_cue": "Walk around",
}

# Valid text that a markup parser, a spreadsheet or a format string would act on.
MARKUP = {
    "close-tag": "[/]",
    "link": "[link=https://evil.example/x]click me[/link]",
    "click-screenshot": "[@click=app.screenshot()]shoot[/]",
    "click-quit": "[@click=app.quit]quit[/]",
    "styles": "[b]bold[/b] [red]red[/red]",
    "unclosed-style": "[bold red on blue]loud",
    "rich-emoji": ":smile: :warning:",
    "backslashes": "\\[escaped] and \\\\ too",
    "html": "<b>html</b> &amp; <a href='x'>a</a>",
    "csv-formula": '=HYPERLINK("http://evil.example","y")',
    "csv-at": "@SUM(A1:A9)",
    "csv-plus": "+1-1",
    "csv-minus": "-2+3",
    "format-strings": "%s %d {0} {name} $HOME ${x}",
    "rtl-text": "עברית والعربية mixed",
    "combining": "Zalgo e\u0301\u0334\u0321 combining",
    "emoji-zwj": "family 👩\u200d👩\u200d👧",
    "tab": "left\tright",
}

# Text with a character that would act on the terminal or reorder what is shown.
CONTROL = {
    "csi-colour": ("\x1b[31mred\x1b[0m", 0x1B),
    "osc52-clipboard": ("\x1b]52;c;SGVsbG8=\x07", 0x1B),
    "osc8-hyperlink": ("\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\", 0x1B),
    "clear-screen": ("\x1b[2J\x1b[H", 0x1B),
    "window-title": ("x\x1b]0;pwned\x07", 0x1B),
    "dcs": ("\x1bP+q544e\x1b\\", 0x1B),
    "c1-csi": ("\x9b31mred", 0x9B),
    "c1-osc": ("\x9d0;title\x9c", 0x9D),
    "nel": ("line\x85next", 0x85),
    "bel": ("ding\x07", 0x07),
    "backspace": ("abc\x08\x08\x08xyz", 0x08),
    "carriage-return": ("visible\rhidden", 0x0D),
    "del": ("del\x7f", 0x7F),
    "nul": ("nul\x00byte", 0x00),
    "vertical-tab": ("a\x0bb", 0x0B),
    "form-feed": ("a\x0cb", 0x0C),
    "rlo": ("abc\u202edcba", 0x202E),
    "lre": ("\u202aembedded", 0x202A),
    "pdf": ("x\u202cy", 0x202C),
    "lri": ("\u2066isolate\u2069", 0x2066),
    "fsi": ("\u2068first", 0x2068),
    "lone-surrogate": ("half \ud800 a pair", 0xD800),
}

CONTROL_RE = re.compile(f"[{CONTROL_CHARACTERS}]")
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]"
                           rb"|\xe2\x81[\xa6-\xa9]")


def cli(capfd: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, str, str]:
    """Run the CLI as a user would: its exit status and output, never a control byte."""
    code = main(list(argv))
    out, err = capfd.readouterr()
    for stream in (out, err):
        assert not CONTROL_BYTES.findall(stream), stream
    return code, out.decode("utf-8"), err.decode("utf-8")


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: every control character as an escape.

    Other characters are written as they are (PyYAML does not join the
    surrogate pairs JSON would write for an emoji).
    """
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif CONTROL_RE.match(char) or char in "\t\n" or not char.isprintable():
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'



def session_text(values: dict[str, str]) -> str:
    """A session where each field holds ``values[key]`` (or its normal value)."""
    v = {key: quoted(values.get(key, NORMAL[key])) for key in FIELD_KEYS}
    return (
        "version: 1\n"
        f"name: {v['name']}\n"
        f"description: {v['description']}\n"
        f"tags: [{v['tag']}, other]\n"
        "defaults: {prepare: 3, rest: 3, side_switch: 3}\n"
        "steps:\n"
        f"  - exercise: {v['exercise']}\n"
        f"    cue: {v['cue']}\n"
        f"    notes: [{v['note']}]\n"
        f"    load: {v['load']}\n"
        "    reps: 1\n"
        "    tempo:\n"
        f"      - {{phase: {v['phase']}, seconds: 2, cue: {v['phase_cue']}}}\n"
        "      - {phase: Lift, seconds: 1}\n"
        f"  - cue: {v['cue_step']}\n"
        "    duration: 3\n"
        "  - rest: 3\n"
        f"    cue: {v['rest_cue']}\n"
        "  - exercise: Last hold\n"
        "    hold: 3\n"
    )


def location(text: str, value: str) -> tuple[int, int]:
    """1-based line and column of the quoted ``value`` in ``text`` (where YAML marks it)."""
    needle = quoted(value)
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find(needle)
        if column >= 0:
            return number, column + 1
    raise AssertionError(f"{needle} not in the file")


def write_user_session(config: Path, sid: str, text: str) -> Path:
    """A session file in the user's sessions folder (what ``list`` and the picker read)."""
    folder = config / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sid}.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def screen_lines(app: App[object]) -> list[str]:
    """The screen as the terminal would get it: the text of every rendered strip.

    Reads the compositor's strips (Textual's own render of the whole screen,
    a private API: if an upgrade moves it this fails loudly, never silently).
    """
    return ["".join(segment.text for segment in strip)
            for strip in app.screen._compositor.render_strips()]


def screen_controls(app: App[object]) -> list[tuple[int, str]]:
    """Every control character in a rendered segment (row, repr), and control segments."""
    found = []
    for row, strip in enumerate(app.screen._compositor.render_strips()):
        for segment in strip:
            if segment.control:
                found.append((row, repr(segment.control)))
            found.extend((row, repr(m.group())) for m in CONTROL_RE.finditer(segment.text))
    return found


def record_old_run(text: str) -> None:
    """A finished run of a session whose name, exercise and load are ``text``."""
    from history_support import feed

    from hamstring_coach.format.model import ExerciseStep, Session, WorkKind
    from hamstring_coach.history import open_recorder
    from hamstring_coach.plan.compiler import compile_session
    from hamstring_coach.run.ports import RunStatus

    step = ExerciseStep(name=text, work=WorkKind.HOLD, hold=5, sets=1,
                        function=("stretch",), load=text)
    timeline = compile_session(Session(id="old", name=text, steps=(step,)))
    recorder = open_recorder(timeline, session_spec=text)
    feed(recorder, timeline)
    recorder.close(status=RunStatus.FINISHED)


def in_memory_session(text: str) -> Session:
    """A session that never went through the loader (as an old history or a bug might)."""
    from hamstring_coach.format.model import (
        CueStep,
        ExerciseStep,
        RestStep,
        TempoKind,
        TempoPhase,
        WorkKind,
    )

    tempo = (TempoPhase(text, 2, TempoKind.LOWER, cue=text), TempoPhase("Lift", 1,
                                                                        TempoKind.LIFT))
    return Session(id="mem", name=text, description=text, tags=(text,), steps=(
        ExerciseStep(name=text, work=WorkKind.REPS, reps=1, tempo=tempo, cue=(text,),
                     notes=(text,), load=text),
        CueStep(text=text, duration=3),
        RestStep(seconds=3, cue=text),
        ExerciseStep(name=text, work=WorkKind.HOLD, hold=3),
    ))
