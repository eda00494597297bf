"""Which files ``autogen-lint check`` reads: Python files, notebooks and dependency files.

Directories are walked in sorted order, skipping the excluded names and globs,
virtual environments, and whatever ``.gitignore`` files ignore. Files named on the
command line are always read (unless ``force_exclude``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from autogen_lint.dependencies import is_dependency_file


class Kind(Enum):
    PYTHON = "python"
    NOTEBOOK = "notebook"
    DEPENDENCIES = "dependencies"


def kind_of(path: Path) -> Kind | None:
    if path.suffix in (".py", ".pyi"):
        return Kind.PYTHON
    if path.suffix == ".ipynb":
        return Kind.NOTEBOOK
    if is_dependency_file(path):
        return Kind.DEPENDENCIES
    return None


@dataclass(frozen=True, slots=True)
class Found:
    path: Path
    kind: Kind


class _Ignores:
    """The ``.gitignore`` files that apply to one directory, deepest last."""

    def __init__(self, specs: tuple[tuple[Path, Any], ...] = ()) -> None:
        self.specs = specs

    def with_directory(self, directory: Path) -> _Ignores:
        gitignore = directory / ".gitignore"
        if not gitignore.is_file():
            return self
        import pathspec  # only when a .gitignore is met

        try:
            lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return self
        return _Ignores((*self.specs, (directory, pathspec.GitIgnoreSpec.from_lines(lines))))

    def ignores(self, path: Path, is_dir: bool) -> bool:
        for base, spec in reversed(self.specs):
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            verdict = spec.check_file(relative + "/" if is_dir else relative).include
            if verdict is not None:
                return bool(verdict)
        return False


def _git_root(directory: Path) -> Path | None:
    for candidate in (directory, *directory.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _inherited(directory: Path) -> _Ignores:
    """The ``.gitignore`` files of ``directory``'s ancestors inside its repository."""
    root = _git_root(directory)
    ignores = _Ignores()
    if root is None:
        return ignores
    chain = [directory, *directory.parents]
    for ancestor in reversed(chain[1 : chain.index(root) + 1]):
        ignores = ignores.with_directory(ancestor)
    return ignores


def _excluded(path: Path, patterns: Sequence[str], root: Path) -> bool:
    name = path.name
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch(name, pattern) or fnmatch(relative, pattern) for pattern in patterns)


def _excluded_path(path: Path, patterns: Sequence[str], root: Path) -> bool:
    """An explicit path is excluded when it, or a directory above it (up to ``root``), is."""
    for candidate in (path, *path.parents):
        if candidate in (root, candidate.parent):
            break
        if _excluded(candidate, patterns, root):
            return True
    return False


def find_files(
    paths: Sequence[Path],
    exclude: Sequence[str],
    root: Path,
    *,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> list[Found]:
    """The files to check, each once, in a stable order."""
    found: dict[Path, Found] = {}
    for given in paths:
        path = given.resolve()
        if force_exclude and _excluded_path(path, exclude, root):
            continue
        if path.is_dir():
            ignores = _inherited(path) if respect_gitignore else _Ignores()
            for item in _walk(path, exclude, root, ignores, respect_gitignore):
                found.setdefault(item.path, item)
        elif path.exists() or given.is_symlink():
            kind = kind_of(path) or Kind.PYTHON
            found.setdefault(path, Found(path, kind))
        else:
            found.setdefault(path, Found(path, kind_of(path) or Kind.PYTHON))  # reported as unreadable
    return sorted(found.values(), key=lambda item: item.path.as_posix())


def _walk(directory: Path, exclude: Sequence[str], root: Path, ignores: _Ignores, gitignore: bool) -> Iterator[Found]:
    if gitignore:
        ignores = ignores.with_directory(directory)
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if _excluded(path, exclude, root) or ignores.ignores(path, is_dir):
            continue
        if is_dir:
            if (path / "pyvenv.cfg").exists():  # a virtual environment, whatever its name
                continue
            yield from _walk(path, exclude, root, ignores, gitignore)
        else:
            kind = kind_of(path)
            if kind is not None:
                yield Found(path, kind)
