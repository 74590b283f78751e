"""Hostile files: odd encodings, odd and huge WAVs as custom ``sounds:``, hostile histories.

Each case is a real file under ``tmp_path`` and asserts what the user sees:
the CLI's exit status and its output (a located error, an ``ok`` line, a
warning naming the sound), never a control byte on the terminal.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import os
import struct
from pathlib import Path

import pytest
from hostile_corpus import CONTROL, MARKUP, cli, record_old_run

SESSION = "name: Café session\nsteps:\n  - exercise: Heel press\n    hold: 2\n"


# -- encodings --------------------------------------------------------------------------
# (bytes of the file, the problem shown, or None when the file is valid)
ENCODINGS: dict[str, tuple[bytes, str | None]] = {
    "utf-8": (SESSION.encode(), None),
    "utf-8-bom": (codecs.BOM_UTF8 + SESSION.encode(), None),
    "utf-16-le-bom": (codecs.BOM_UTF16_LE + SESSION.encode("utf-16-le"), None),
    "utf-16-be-bom": (codecs.BOM_UTF16_BE + SESSION.encode("utf-16-be"), None),
    "utf-16-no-bom": (SESSION.encode("utf-16-le"), ":1:19: (file): not valid UTF-8 "
                                                   "(byte 0xe9)"),
    "utf-16-no-bom-ascii": ("name: x\nsteps: []\n".encode("utf-16-le"),
                            ":1:2: (file): a NUL byte"),
    "utf-32-le-bom": (codecs.BOM_UTF32_LE + SESSION.encode("utf-32-le"),
                      ":1:1: (file): a NUL byte"),
    "crlf-lines": (SESSION.replace("\n", "\r\n").encode(), None),
    "utf-16-odd-length": (codecs.BOM_UTF16_LE + SESSION.encode("utf-16-le") + b"x",
                          ":1:1: (file): not valid UTF-16"),
    "utf-16-lone-surrogate": (codecs.BOM_UTF16_LE + "name: x".encode("utf-16-le")
                              + b"\x00\xd8" + "\nsteps: []\n".encode("utf-16-le"),
                              ":1:1: (file): not valid UTF-16"),
    "latin-1": (SESSION.encode("latin-1"), ":1:10: (file): not valid UTF-8 (byte 0xe9)"),
    "overlong-slash": (b"name: a\xc0\xafb\nsteps: []\n", ":1:8: (file): not valid UTF-8 "
                                                          "(byte 0xc0)"),
    "overlong-3-byte": (b"name: a\xe0\x80\xafb\nsteps: []\n", ":1:8: (file): not valid "
                                                               "UTF-8 (byte 0xe0)"),
    "overlong-nul": (b"name: a\xc0\x80b\nsteps: []\n", ":1:8: (file): not valid UTF-8 "
                                                        "(byte 0xc0)"),
    "cesu-surrogate": (b"name: a\xed\xa0\x80b\nsteps: []\n", ":1:8: (file): not valid "
                                                              "UTF-8 (byte 0xed)"),
    "truncated-at-end": (b"steps: []\nname: a\xe2\x82", ":2:8: (file): not valid UTF-8 "
                                                          "(byte 0xe2)"),
    "raw-nul": (b"name: a\x00b\nsteps: []\n", ":1:8: (file): a NUL byte"),
    "raw-esc": (b"name: a\x1b[31mb\nsteps: []\n", ":1:8: (file): the control character "
                                                   "U+001B"),
    "raw-del": (b"name: a\x7fb\nsteps: []\n", ":1:8: (file): the control character U+007F"),
    "raw-c1-csi": ("name: a\x9bb\nsteps: []\n".encode(), ":1:8: (file): the control "
                                                         "character U+009B"),
    "raw-rlo": ("name: a\u202eb\nsteps:\n  - cue: x\n".encode(), ":1:7: name: contains the "
                                                                 "control character U+202E"),
    # A lone CR is a line break to YAML: "b" is a line of its own.
    "raw-cr-alone": (b"name: a\rb\nsteps:\n  - cue: x\n", ":3:1: (file): invalid YAML"),
}


@pytest.mark.parametrize("case", ENCODINGS)
def test_an_odd_encoding_is_read_or_refused_with_a_located_error(
        case: str, tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    data, problem = ENCODINGS[case]
    path = tmp_path / "odd.yaml"
    path.write_bytes(data)
    status, out, err = cli(capfdbinary, "validate", str(path))
    if problem is None:
        assert status == 0 and err == "" and out.startswith(f"{path}: ok (")
        if "Café" in out:
            assert out == f"{path}: ok (Café session, 0:07, 0 waits)\n"
    else:
        assert status == 2 and out == ""
        assert err.startswith(f"hamstring-coach validate: {path}{problem}"), err
        status, out, err2 = cli(capfdbinary, "show", str(path))
        assert status == 2 and err2 == err.replace("hamstring-coach validate: ",
                                                   "hamstring-coach show: ")


# -- WAVs as custom sounds -----------------------------------------------------------


def wav(fmt: int = 1, channels: int = 1, rate: int = 44100, bits: int = 16,
        frames: int = 4410, data_size: int | None = None, body: bytes | None = None) -> bytes:
    """A WAV file's bytes; ``data_size`` may lie about the data chunk's length."""
    width = max(1, bits // 8)
    if body is None:
        if bits == 16:
            body = b"".join(struct.pack("<h", int(8000 * math.sin(i / 8))) for i in
                            range(frames)) * channels
        else:
            body = bytes(frames * width * channels)
    size = len(body) if data_size is None else data_size
    header = b"fmt " + struct.pack("<IHHIIHH", 16, fmt, channels, rate,
                                   rate * channels * width, channels * width, bits)
    riff = b"WAVE" + header + b"data" + struct.pack("<I", size) + body
    return b"RIFF" + struct.pack("<I", min(len(riff), 0xFFFFFFFF)) + riff


# name -> (file name, bytes or None for a folder, what the user is told)
#   "ok": validate and render pass with no warning
#   "warn": valid; render warns about this sound and uses the built-in one
#   "render-ok": valid; render passes (warning or not), never crashes or hangs
#   any other text: validate refuses the file with this located problem
WAVS: dict[str, tuple[str, bytes | None, str]] = {
    "plain-16-bit": ("s.wav", wav(), "ok"),
    "upper-case-suffix": ("S.WAV", wav(), "ok"),
    "stereo-48k": ("s.wav", wav(channels=2, rate=48000), "ok"),
    "8-bit": ("s.wav", wav(bits=8), "ok"),
    "8-khz": ("s.wav", wav(rate=8000, frames=800), "ok"),
    "24-bit": ("s.wav", wav(bits=24), "render-ok"),
    "32-bit-float": ("s.wav", wav(fmt=3, bits=32), "render-ok"),
    "11-seconds": ("s.wav", wav(rate=8000, frames=88000), "warn"),
    "huge-data-size-claim": ("s.wav", wav(data_size=0x7FFFFFF0), "render-ok"),
    "zero-channels": ("s.wav", wav(channels=0), "warn"),
    "zero-rate": ("s.wav", wav(rate=0), "warn"),
    "header-only": ("s.wav", b"RIFF\x04\x00\x00\x00WAVE", "warn"),
    "riff-wave-then-noise": ("s.wav", b"RIFF\xff\xff\xff\xffWAVE" + os.urandom(2048), "warn"),
    "empty-data": ("s.wav", wav(frames=0, body=b""), "render-ok"),
    "markup-file-name": ("[@click=app.quit][b]s.wav", wav(), "ok"),
    "text-not-wav": ("s.wav", b"not a sound at all\n", "is not a WAV file (no RIFF/WAVE "
                                                         "header)"),
    "mp3-suffix": ("s.mp3", wav(), "a sound must be a .wav file, got s.mp3"),
    "folder": ("s.wav", None, "is a folder"),
    "empty-file": ("s.wav", b"", "is not a WAV file (no RIFF/WAVE header)"),
}


@pytest.mark.parametrize("case", WAVS)
def test_an_odd_wav_as_a_custom_sound(case: str, tmp_path: Path,
                                      capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    name, data, expect = WAVS[case]
    sound = tmp_path / name
    if data is None:
        sound.mkdir()
    else:
        sound.write_bytes(data)
    session = tmp_path / "sounds.yaml"
    session.write_text(f"name: Sounds\nsounds:\n  go: {json.dumps(name)}\n"
                       "steps:\n  - exercise: Heel press\n    hold: 2\n", encoding="utf-8")
    status, out, err = cli(capfdbinary, "validate", str(session))
    if expect not in ("ok", "warn", "render-ok"):
        assert status == 2 and out == ""
        assert err.startswith(f"hamstring-coach validate: {session}:3:7: sounds.go: ") \
            and expect in err, err
        return
    assert (status, err) == (0, "") and out.startswith(f"{session}: ok (Sounds")
    status, out, err = cli(capfdbinary, "render", str(session), str(tmp_path / "out.wav"))
    assert status == 0 and out.startswith(f"Wrote {tmp_path / 'out.wav'}: 0:07")
    if expect == "ok":
        assert err == ""
    if expect == "warn":
        assert err.startswith(f"hamstring-coach render: warning: sounds.go: {sound}: ")
        assert err.rstrip().endswith("using the built-in sound")


def test_a_sound_path_with_a_control_character_is_refused(
        tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    session = tmp_path / "sounds.yaml"
    session.write_text('name: Sounds\nsounds:\n  go: "\\e]52;c;eA==\\a.wav"\n'
                       "steps:\n  - exercise: Heel press\n    hold: 2\n", encoding="utf-8")
    status, out, err = cli(capfdbinary, "validate", str(session))
    assert status == 2 and out == "" and err.startswith(
        f"hamstring-coach validate: {session}:3:7: sounds.go: contains the control character "
        "U+001B (ESC)")


def test_an_unknown_sound_name_with_markup_is_named_as_written(
        tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    session = tmp_path / "sounds.yaml"
    session.write_text('name: Sounds\nsounds:\n  "[b]go\\e[2J": s.wav\n'
                       "steps:\n  - exercise: Heel press\n    hold: 2\n", encoding="utf-8")
    status, out, err = cli(capfdbinary, "validate", str(session))
    assert status == 2 and out == ""
    assert f'{session}:3:3: sounds.[b]go\\x1b[2J: unknown key "[b]go\\x1b[2J"' in err


# -- a history that holds hostile text (old histories were written before the checks) --
HISTORY_TEXTS = {**{k: v for k, (v, _) in CONTROL.items() if k != "lone-surrogate"},
                 **MARKUP, "quote-first": "'quoted", "tab-first": "\tx", "cr-first": "\rx"}




@pytest.mark.parametrize("case", HISTORY_TEXTS)
def test_a_hostile_history_is_shown_and_exported_as_text(
        case: str, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    from hamstring_coach.format.plaintext import FORMULA_STARTS, escape_controls, one_line
    from hamstring_coach.history.export import read_csv, read_json

    text = HISTORY_TEXTS[case]
    record_old_run(text)
    status, out, err = cli(capfdbinary, "history")
    assert status == 0 and err == ""
    shown = one_line(text)
    assert shown[:20] in out.splitlines()[2]  # the recent-sessions row
    status, out, _ = cli(capfdbinary, "history", "--format", "json")
    assert status == 0
    [run] = read_json(out).runs
    assert run.session_name == text  # escaped as \\u in JSON: the same text read back
    for table, column in (("runs", "session_name"), ("sets", "exercise"), ("sets", "load")):
        status, out, _ = cli(capfdbinary, "history", "--format", "csv", "--table", table)
        assert status == 0
        [row] = list(csv.DictReader(io.StringIO(out)))
        cell = row[column]
        assert not cell.startswith(FORMULA_STARTS), cell  # no spreadsheet formula
        assert cell.removeprefix("'") == escape_controls(text)
        [record] = read_csv(out, table)
        assert getattr(record, column) == escape_controls(text)


def test_every_csv_text_cell_is_neutralised(
        capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    """A formula in the name, exercise and load lands in no column unquoted."""
    record_old_run("=cmd|'/c calc'!A1")
    for table in ("runs", "sets"):
        status, out, _ = cli(capfdbinary, "history", "--format", "csv", "--table", table)
        rows = list(csv.reader(io.StringIO(out)))[1:]
        assert status == 0 and rows
        cells = [cell for row in rows for cell in row]
        assert "'=cmd|'/c calc'!A1" in cells
        assert not [c for c in cells if c.startswith("=")]



def test_the_real_process_writes_no_control_byte(tmp_path: Path) -> None:
    """The same checks on a real process's stdout and stderr, as a terminal gets them."""
    import subprocess
    import sys

    from hostile_corpus import CONTROL_BYTES, FIELD_KEYS, session_text, write_user_session

    config = Path(os.environ["HAMSTRING_COACH_CONFIG_DIR"])
    texts = [text for text, _ in CONTROL.values() if "\ud800" not in text]
    write_user_session(config, "broken", session_text(dict.fromkeys(FIELD_KEYS, texts[0])))
    markup = " ".join(MARKUP.values())
    write_user_session(config, "markup", session_text(dict.fromkeys(FIELD_KEYS, markup)))
    record_old_run(" ".join(texts))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for argv, status in ((["list"], 0), (["show", "broken"], 2), (["show", "markup"], 0),
                         (["show", "--phases", "markup"], 0),
                         (["validate", str(config / "sessions" / "broken.yaml")], 2),
                         (["history"], 0), (["history", "--format", "csv"], 0),
                         (["history", "--format", "json"], 0)):
        done = subprocess.run([sys.executable, "-m", "hamstring_coach", *argv], env=env,
                              capture_output=True, timeout=60, check=False)
        assert done.returncode == status, (argv, done.stderr)
        assert CONTROL_BYTES.findall(done.stdout + done.stderr) == [], argv
    assert markup.split()[0] in subprocess.run(
        [sys.executable, "-m", "hamstring_coach", "show", "markup"], env=env,
        capture_output=True, text=True, timeout=60, check=True).stdout
