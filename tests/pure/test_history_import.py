"""``history import``: the JSON export and the plain CSV log read back, all or nothing.

Through the real command (``main``), into real SQLite files, from files on disk.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from hamstring_coach.cli import main
from hamstring_coach.history.edit import correct
from hamstring_coach.system.paths import user_sessions_dir

FIXTURES = Path(__file__).parent.parent / "fixtures"

LOG = """\
started_at,session,exercise,set,side,reps_done,load_done,rir,pain,note,skipped
2026-11-02T18:00:00+01:00,v1-fixture,Romanian deadlift,1,,10,40 kg,2,,,no
2026-11-02T18:00:00+01:00,v1-fixture,Romanian deadlift,2,,9,40 kg,1,,"grip, then back",no
2026-11-02T18:00:00+01:00,v1-fixture,single-leg rdl,1,left,8,8 kg,2,3,,
2026-11-02T18:00:00+01:00,v1-fixture,Single-leg RDL,1,right,7,8 kg,1,4,,
2026-11-05T07:30:00Z,v1-fixture,Prone heel press,1,,,,,2,,
2026-11-05T07:30:00Z,v1-fixture,Nordic curl,1,,3,,0,,,yes
"""


@pytest.fixture(autouse=True)
def session_file() -> None:
    """The fixture session as a user session (id ``v1-fixture``)."""
    folder = user_sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURES / "v1-fixture.yaml", folder / "v1-fixture.yaml")


def use_history(monkeypatch: pytest.MonkeyPatch, path: Path) -> Path:
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(path))
    return path


def export(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["history", "--format", *args]) == 0
    return capsys.readouterr().out


def counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore
                     for t in ("runs", "sets", "breaks"))
    finally:
        conn.close()


def test_export_import_into_an_empty_history_export_is_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    source = use_history(monkeypatch, tmp_path / "old.sqlite")
    shutil.copyfile(FIXTURES / "history-v1.sqlite", source)
    correct(5, {"reps_done": 9, "load_done": "42.5 kg", "rir": 3, "note": "grip «went»"})
    correct(18, {"pain": 4})
    conn = sqlite3.connect(source)
    conn.execute("INSERT INTO checkins (run_id, asked_at, asked_offset, pain) "
                 "VALUES (1, '2026-12-02T07:00:00.000000Z', 3600, 2)")
    conn.commit()
    conn.close()
    first = export(capsys, "json")
    document = json.loads(first)
    assert document["runs"][0]["checkin"] == {"asked_at": "2026-12-02T08:00:00.000000+01:00",
                                              "pain": 2}
    assert document["runs"][0]["sets"][4]["rir"] == 3
    dump = tmp_path / "export.json"
    dump.write_text(first, encoding="utf-8")

    target = use_history(monkeypatch, tmp_path / "new.sqlite")
    assert main(["history", "import", str(dump)]) == 0
    assert "Imported 2 runs (21 sets) and 2 desk breaks" in capsys.readouterr().out
    assert export(capsys, "json") == first
    assert export(capsys, "csv", "--table", "checkins").splitlines()[1].startswith("1,")
    before = counts(target)
    assert main(["history", "import", str(dump)]) == 0  # the same file twice adds nothing
    assert "Imported 0 runs (0 sets) and 0 desk breaks" in capsys.readouterr().out
    assert counts(target) == before
    assert export(capsys, "json") == first


def test_an_export_imported_into_a_history_with_runs_gets_new_ids(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    use_history(monkeypatch, tmp_path / "a.sqlite")
    assert main(["history", "import", str(log)]) == 0
    dump = tmp_path / "a.json"
    dump.write_text(export(capsys, "json"), encoding="utf-8")
    target = use_history(monkeypatch, tmp_path / "b.sqlite")
    shutil.copyfile(FIXTURES / "history-v1.sqlite", target)
    assert main(["history", "import", str(dump)]) == 0
    runs = json.loads(export(capsys, "json"))["runs"]
    assert [r["id"] for r in runs] == [3, 4, 1, 2]  # by start time; the v1 runs keep 1, 2
    assert counts(target) == (4, 21 + 7, 2)


def test_a_plain_csv_log_becomes_finished_runs_of_its_session(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    target = use_history(monkeypatch, tmp_path / "h.sqlite")
    assert main(["history", "import", str(log)]) == 0
    assert "Imported 2 runs (7 sets)" in capsys.readouterr().out
    runs = json.loads(export(capsys, "json"))["runs"]
    assert [(r["session_id"], r["status"], r["started_at"]) for r in runs] == [
        ("v1-fixture", "finished", "2026-11-02T18:00:00.000000+01:00"),
        ("v1-fixture", "finished", "2026-11-05T07:30:00.000000+00:00")]
    rdl = [s for s in runs[0]["sets"] if s["exercise"] == "Romanian deadlift"]
    assert [(s["set_no"], s["reps"], s["reps_done"], s["load_done"], s["rir"], s["note"])
            for s in rdl] == [(1, 2, 10, "40 kg", 2, None), (2, 2, 9, "40 kg", 1,
                                                               "grip, then back")]
    single = [s for s in runs[0]["sets"] if s["exercise"] == "Single-leg RDL"]
    assert [(s["side"], s["pain"]) for s in single] == [("left", 3), ("right", 4)]
    # no side for an each-side exercise: both sides; a skipped set keeps nothing done
    second = runs[1]["sets"]
    assert [(s["exercise"], s["side"], s["skipped"]) for s in second] == [
        ("Prone heel press", "left", False), ("Prone heel press", "right", False),
        ("Nordic curl", None, True)]
    assert second[0]["seconds"] == 3.0 and second[0]["pain"] == 2
    before = counts(target)
    assert main(["history", "import", str(log)]) == 0
    assert counts(target) == before
    # the sets table of the CSV export is such a log too
    sets_csv = tmp_path / "sets.csv"
    sets_csv.write_text(export(capsys, "csv"), encoding="utf-8")
    use_history(monkeypatch, tmp_path / "again.sqlite")
    assert main(["history", "import", str(sets_csv)]) == 0
    again = json.loads(export(capsys, "json"))["runs"]
    assert [[{k: s[k] for k in ("exercise", "side", "reps_done", "rir", "pain", "skipped")}
             for s in r["sets"]] for r in again] == \
        [[{k: s[k] for k in ("exercise", "side", "reps_done", "rir", "pain", "skipped")}
          for s in r["sets"]] for r in runs]


def test_a_broken_csv_imports_nothing_and_names_the_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    lines = LOG.splitlines()
    lines.append("2026-11-09T18:00:00+01:00,v1-fixture,Romanian deadlift,1,,10,40 kg,2,,,no")
    lines[6] = lines[6].replace(",3,,0,", ",3,,zero,")  # line 7: reps in reserve "zero"
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = use_history(monkeypatch, tmp_path / "h.sqlite")
    shutil.copyfile(FIXTURES / "history-v1.sqlite", target)
    before = counts(target)
    assert main(["history", "import", str(broken)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}:7: rir: expected reps in reserve 0, 1, 2 or 3" in err
    assert "Nothing was imported." in err
    assert counts(target) == before


@pytest.mark.parametrize(("row", "message"), [
    ("2026-11-02T18:00:00,v1-fixture,Nordic curl,1,,,,,,,", "started_at: the time needs a UTC"),
    ("2026-11-02T18:00:00Z,nope,Nordic curl,1,,,,,,,", 'session: no session called "nope"'),
    ("2026-11-02T18:00:00Z,v1-fixture,Squat,1,,,,,,,", 'has no exercise "Squat"'),
    ("2026-11-02T18:00:00Z,v1-fixture,Nordic curl,2,,,,,,,", "Nordic curl has 1 sets"),
    ("2026-11-02T18:00:00Z,v1-fixture,Nordic curl,1,left,,,,,,", "not done on each side"),
    ("2026-11-02T18:00:00Z,v1-fixture,Nordic curl,1,,1000,,,,,", "reps_done: expected"),
    ("2026-11-02T18:00:00Z,v1-fixture,Nordic curl,1,,,,,11,,", "pain: expected pain 0 to 10"),
    ("2026-11-02T18:00:00Z,v1-fixture,Nordic curl,1,,,,,,\x1b[31mx,", "control characters"),
    ("2026-11-02T18:00:00Z,v1-fixture,Nordic curl,1,,,,,,,maybe", "skipped: expected yes"),
    ("2026-11-02T18:00:00Z,v1-fixture,Romanian deadlift,1,,,,,,,", "is already on line 2"),
])
def test_a_bad_row_is_named_by_its_line(row: str, message: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "log.csv"
    log.write_text("started_at,session,exercise,set,side,reps_done,load_done,rir,pain,note,"
                   "skipped\n2026-11-02T18:00:00Z,v1-fixture,Romanian deadlift,1,,,,,,,\n"
                   + row + "\n", encoding="utf-8")
    use_history(monkeypatch, tmp_path / "h.sqlite")
    assert main(["history", "import", str(log)]) == 2
    err = capsys.readouterr().err
    assert f"{log}:3: " in err and message in err, err
    assert not (tmp_path / "h.sqlite").exists()  # checked before the history is opened


def test_bad_files_are_refused_without_touching_the_history(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    use_history(monkeypatch, tmp_path / "h.sqlite")
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    header_only = tmp_path / "h.csv"
    header_only.write_text("when,what\n", encoding="utf-8")
    bad_json = tmp_path / "bad.json"
    document = json.loads((FIXTURES / "history-v1.json").read_text())
    document["runs"][1]["sets"][2]["skipped"] = "perhaps"
    bad_json.write_text(json.dumps(document), encoding="utf-8")
    huge = tmp_path / "huge.json"
    document2 = json.loads((FIXTURES / "history-v1.json").read_text())
    document2["runs"][0]["pid"] = 10**30
    huge.write_text(json.dumps(document2), encoding="utf-8")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000, encoding="utf-8")
    for path, message in ((fifo, "not a regular file"), (tmp_path / "missing.csv", "cannot read"),
                          (huge, "a number is too large"), (deep, "not JSON"),
                          (header_only, "1: the header row must name started_at"),
                          (bad_json, "runs[1].sets[2]: skipped: expected true or false")):
        assert main(["history", "import", str(path)]) == 2
        err = capsys.readouterr().err
        assert f"{path}" in err and message in err, err
    assert counts(tmp_path / "h.sqlite") == (0, 0, 0)  # opened for the huge number, untouched


def test_a_v1_export_reads_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    use_history(monkeypatch, tmp_path / "h.sqlite")
    assert main(["history", "import", str(FIXTURES / "history-v1.json")]) == 0
    runs = json.loads(export(capsys, "json"))["runs"]
    assert len(runs) == 2 and all(s["reps_done"] is None for r in runs for s in r["sets"])
