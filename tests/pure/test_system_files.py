"""system/files.py on its own: what each function opens, refuses and returns."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from hamstring_coach.system.files import (
    NotRegularFile,
    PipeTimeout,
    create_regular,
    kind_of,
    read_explicit,
    read_regular,
    stat_kind,
    write_regular,
)


def test_a_regular_file_is_read_up_to_one_byte_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, 1000) == b"x" * 100
    assert read_regular(path, 10) == b"x" * 11  # one more says: too big


def test_a_folder_and_a_fifo_are_refused_by_kind(tmp_path: Path) -> None:
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    for path, kind in ((tmp_path, "a folder"), (fifo, "a named pipe (FIFO)"),
                       (Path("/dev/null"), "a character device")):
        with pytest.raises(NotRegularFile) as caught:
            read_regular(path, 10)
        assert caught.value.kind == kind and stat_kind(path) == kind
    assert kind_of(os.stat(tmp_path).st_mode) == "a folder"
    assert stat_kind(tmp_path / "missing") is None


def test_writing_replaces_a_regular_file_and_never_touches_a_fifo(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("a much longer old content\n")
    write_regular(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        with pytest.raises(NotRegularFile):
            write_regular(fifo, b"never sent\n")
    finally:
        reader.kill()
        assert reader.communicate(timeout=10)[0] == b""
    with pytest.raises(FileExistsError):
        create_regular(path, exclusive=True)


def test_a_pipe_named_on_the_command_line_is_read_to_its_end(tmp_path: Path) -> None:
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f'printf "name: x\\n" > "{fifo}"'])
    try:
        assert read_explicit(fifo, 100) == b"name: x\n"
    finally:
        writer.wait(timeout=10)
    regular = tmp_path / "r.yaml"
    regular.write_bytes(b"name: y\n")
    assert read_explicit(regular, 100) == b"name: y\n"
    with pytest.raises(NotRegularFile):
        read_explicit(Path("/dev/null"), 100)


def test_a_pipe_nobody_writes_to_times_out(tmp_path: Path) -> None:
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with pytest.raises(PipeTimeout) as caught:
        read_explicit(fifo, 100, seconds=0.2)
    assert caught.value.strerror == "nothing came through this pipe in 0.2 s"
