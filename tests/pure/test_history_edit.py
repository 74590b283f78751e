"""``history edit``: list a run's sets, correct one with the prompt's rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hamstring_coach.cli import main
from hamstring_coach.history.store import open_store

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "history.sqlite"
    shutil.copyfile(FIXTURES / "history-v1.sqlite", path)
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(path))
    conn, _ = open_store(path)  # upgraded to v2 first, so a refusal leaves the bytes alone
    conn.close()
    return path


def out(capsys: pytest.CaptureFixture[str], *args: str, status: int = 0) -> tuple[str, str]:
    capsys.readouterr()
    assert main(["history", *args]) == status
    captured = capsys.readouterr()
    return captured.out, captured.err


def test_the_latest_run_is_listed_with_set_numbers(history: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    text, _ = out(capsys, "edit")
    lines = text.splitlines()
    assert lines[0].startswith("Run 2 · V1 fixture · quit ")
    assert "SET  EXERCISE" in lines[1]
    assert lines[2].split()[:5] == ["12", "Prone", "heel", "press", "1/2"]
    assert "0:03 held" in lines[2]
    assert lines[9].split()[:7] == ["19", "Single-leg", "RDL", "1/2", "right", "skipped", "8"]
    assert "Earlier runs (list one with --run ID): 1 V1 fixture" in text
    assert all(len(line) <= 80 for line in lines)
    other, _ = out(capsys, "edit", "--run", "1")
    assert other.startswith("Run 1 · V1 fixture · finished")


def test_a_correction_is_stored_and_exported(history: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    text, _ = out(capsys, "edit", "16", "--reps", "9", "--load", "42.5 kg", "--rir", "3+",
                  "--pain", "2", "--note", "left grip went")
    assert "Corrected:" in text and "9*" in text and "42.5 kg*" in text and "3+" in text
    assert "left grip went" in text
    listed, _ = out(capsys, "edit")
    assert "9*" in listed
    dump, _ = out(capsys, "--format", "json")
    row = next(s for r in json.loads(dump)["runs"] for s in r["sets"] if s["id"] == 16)
    assert (row["reps"], row["reps_done"], row["load_done"], row["rir"], row["pain"],
            row["note"]) == (2, 9, "42.5 kg", 3, 2, "left grip went")
    # '' clears a field back to as planned; the others stay
    out(capsys, "edit", "16", "--load", "")
    dump, _ = out(capsys, "--format", "json")
    row = next(s for r in json.loads(dump)["runs"] for s in r["sets"] if s["id"] == 16)
    assert (row["reps_done"], row["load_done"], row["rir"]) == (9, None, 3)


@pytest.mark.parametrize(("args", "message"), [
    (["999", "--reps", "3"], "no set 999 in the history; 'history edit' lists"),
    (["--run", "77"], "no run 77 in the history"),
    (["16", "--rir", "4"], "--rir: expected reps in reserve 0, 1, 2 or 3 (3 = 3 or more), got 4"),
    (["16", "--pain", "-1"], "--pain: expected pain 0 to 10, got '-1'"),
    (["16", "--reps", "ten"], "--reps: expected a whole number of reps, 0 to 999, got 'ten'"),
    (["16", "--note", "a\x1b[2Jb"], "--note: control characters are not allowed"),
    (["--reps", "3"], "--reps needs the SET to change"),
])
def test_bad_corrections_are_refused(history: Path, capsys: pytest.CaptureFixture[str],
                                     args: list[str], message: str) -> None:
    before = history.read_bytes()
    _, err = out(capsys, "edit", *args, status=2)
    assert message in err, err
    assert history.read_bytes() == before
