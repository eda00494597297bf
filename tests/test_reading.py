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


def test_a_pyproject_is_parsed_once_for_every_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The configuration, the target and AGL103 read the same ``pyproject.toml``: one parse serves them."""
    import tomllib

    from autogen_lint import toml_documents
    from autogen_lint.cli import main

    toml_documents._parsed.cache_clear()  # a document another test parsed counts for nothing here

    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "app"\ndependencies = ["pyautogen==0.2.35"]\n\n[tool.autogen-lint]\nselect = ["AGL"]\n',
        encoding="utf-8",
    )
    (tmp_path / "app.py").write_text("import autogen\n", encoding="utf-8")
    parsed: list[str] = []
    loads = tomllib.loads

    def counting(text: str) -> object:
        parsed.append(text)
        return loads(text)

    monkeypatch.setattr(tomllib, "loads", counting)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--output-format", "concise", "."]) == 1
    assert parsed.count((tmp_path / "pyproject.toml").read_text(encoding="utf-8")) == 1


def test_invalid_toml_is_reported_each_time_it_is_read() -> None:
    from autogen_lint.toml_documents import loads

    for _ in range(2):
        with pytest.raises(ValueError, match="line 1"):
            loads("[tool\n")
