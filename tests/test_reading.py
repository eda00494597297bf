"""Reading a file to check: every byte, whatever its size or kind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autogen_lint.runner import read_file


@pytest.mark.parametrize("size", [0, 1, 4095, 65536, 65537, 300_000])
def test_a_file_is_read_whole(tmp_path: Path, size: int) -> None:
    path = tmp_path / "module.py"
    path.write_bytes(os.urandom(size))
    assert read_file(str(path)) == path.read_bytes()


@pytest.mark.skipif(not os.path.isdir("/dev/fd"), reason="no /dev/fd")
def test_a_pipe_whose_size_is_not_told_is_read_to_its_end(tmp_path: Path) -> None:
    read, write = os.pipe()
    os.write(write, b"import autogen\n" * 2000)
    os.close(write)
    try:
        assert read_file(f"/dev/fd/{read}") == b"import autogen\n" * 2000
    finally:
        os.close(read)


def test_a_missing_file_raises_what_the_caller_reports(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_file(str(tmp_path / "gone.py"))
