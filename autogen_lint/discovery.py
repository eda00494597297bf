"""Which files ``autogen-lint check`` reads: Python files, notebooks and dependency files.

Directories are walked in sorted order, skipping the excluded names and globs,
virtual environments, and whatever ``.gitignore`` files ignore. Files named on the
command line are always read (unless ``force_exclude``).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from enum import Enum
from pathlib import Path, PurePath
from typing import Any


class Kind(Enum):
    PYTHON = "python"
    NOTEBOOK = "notebook"
    DEPENDENCIES = "dependencies"


_SUFFIXES = {".py": Kind.PYTHON, ".pyi": Kind.PYTHON, ".ipynb": Kind.NOTEBOOK}


def is_dependency_file(path: PurePath) -> bool:
    """``requirements*.txt``, ``requirements/*.txt``, ``pyproject.toml``, ``setup.cfg``."""
    name = path.name
    return (
        name in ("pyproject.toml", "setup.cfg")
        or (name.endswith(".txt") and (name.startswith("requirements") or name.endswith("requirements.txt")))
        or (path.suffix == ".txt" and path.parent.name == "requirements")
    )


def kind_of(path: PurePath) -> Kind | None:
    kind = _SUFFIXES.get(path.suffix)
    if kind is None and is_dependency_file(path):
        return Kind.DEPENDENCIES
    return kind


_MAYBE_DEPENDENCIES = (".txt", ".toml", ".cfg")
"""The suffixes of the dependency files: only a file with one of them is looked at more closely."""


class Found:
    """A file to check and its kind; ``text`` is its path as a string, ``path`` as a ``Path``.

    The walk gives the string; the ``Path`` is made when first asked for (a warm run, whose
    files the cache knows, needs none for most files).
    """

    __slots__ = ("_path", "kind", "text")

    def __init__(self, path: Path | str, kind: Kind) -> None:
        self.text = str(path)
        self._path = path if isinstance(path, Path) else None
        self.kind = kind

    @property
    def path(self) -> Path:
        path = self._path
        if path is None:
            path = self._path = Path(self.text)
        return path

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Found):
            return NotImplemented
        return (self.text, self.kind) == (other.text, other.kind)

    def __hash__(self) -> int:
        return hash((self.text, self.kind))

    def __repr__(self) -> str:
        return f"Found({self.text!r}, {self.kind})"


class Exclusions:
    """Exclusion patterns, matched against a file or directory name and its path relative to ``root``.

    Plain names (``build``, ``node_modules``) are a set lookup; glob patterns are compiled once.
    """

    def __init__(self, patterns: Sequence[str], root: Path) -> None:
        cleaned = [pattern.rstrip("/") for pattern in patterns if pattern.rstrip("/")]
        self.names = frozenset(p for p in cleaned if not any(c in p for c in "*?[/"))
        globs = [p for p in cleaned if p not in self.names]
        self.regex = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in globs)) if globs else None
        self.root = root

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def match(self, name: str, relative: str) -> bool:
        if name in self.names:
            return True
        regex = self.regex
        return regex is not None and (regex.match(name) is not None or regex.match(relative) is not None)

    def match_path(self, path: Path) -> bool:
        """A path given explicitly is excluded when it, or a directory above it (up to the root), is."""
        for candidate in (path, *path.parents):
            if candidate in (self.root, candidate.parent):
                return False
            if self.match(candidate.name, self.relative(candidate)):
                return True
        return False


class _Ignores:
    """The ``.gitignore`` files that apply to one directory, deepest last."""

    def __init__(self, specs: tuple[tuple[str, Any, re.Pattern[str] | None], ...] = ()) -> None:
        self.specs = specs

    def with_directory(self, directory: str) -> _Ignores:
        gitignore = os.path.join(directory, ".gitignore")
        if not os.path.isfile(gitignore):
            return self
        import pathspec  # only when a .gitignore is met

        try:
            with open(gitignore, encoding="utf-8", errors="replace") as stream:
                lines = stream.read().splitlines()
        except OSError:
            return self
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        return _Ignores((*self.specs, (directory + os.sep, spec, _any_pattern(spec))))

    def ignores(self, path: str, is_dir: bool) -> bool:
        for base, spec, any_pattern in reversed(self.specs):
            if not path.startswith(base):
                continue
            relative = path[len(base) :].replace(os.sep, "/")
            if is_dir:
                relative += "/"
            if any_pattern is not None and any_pattern.match(relative) is None:
                continue  # no pattern of this file matches: the common case, decided at once
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return bool(verdict)
        return False


def _any_pattern(spec: Any) -> re.Pattern[str] | None:
    """One regex that matches a path when any pattern of ``spec`` does, negations included.

    A path it does not match gets no verdict from this file. ``None``: it cannot be built.
    """
    parts = []
    for pattern in spec.patterns:
        regex = getattr(pattern, "regex", None)
        if pattern.include is None:
            continue
        if regex is None:
            return None
        parts.append(f"(?:{re.sub(r'[(][?]P<[^>]*>', '(?:', regex.pattern)})")
    try:
        return re.compile("|".join(parts)) if parts else re.compile(r"(?!)")
    except re.error:
        return None


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
        ignores = ignores.with_directory(str(ancestor))
    return ignores


def iter_files(
    paths: Sequence[Path],
    exclude: Sequence[str],
    root: Path,
    *,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> Iterator[Found]:
    """The files to check, each once, as the walk finds them (checking can start at once)."""
    exclusions = Exclusions(exclude, root)
    seen: set[str] = set()
    for given in paths:
        path = given.resolve()
        if force_exclude and exclusions.match_path(path):
            continue
        if path.is_dir():
            ignores = _inherited(path) if respect_gitignore else _Ignores()
            prefix = exclusions.relative(path)
            prefix = "" if prefix == "." else prefix
            found: Iterable[Found] = _walk(str(path), prefix, exclusions, ignores, respect_gitignore)
        else:  # a missing path is reported as unreadable
            found = (Found(path, kind_of(path) or Kind.PYTHON),)
        if len(paths) == 1:  # a walk finds each path once
            yield from found
            continue
        for item in found:
            if item.text not in seen:
                seen.add(item.text)
                yield item


def find_files(
    paths: Sequence[Path],
    exclude: Sequence[str],
    root: Path,
    *,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> list[Found]:
    """The files to check, each once, in path order."""
    found = iter_files(paths, exclude, root, force_exclude=force_exclude, respect_gitignore=respect_gitignore)
    return sorted(found, key=lambda item: item.path.as_posix())


def _walk(directory: str, relative: str, exclusions: Exclusions, ignores: _Ignores, gitignore: bool) -> Iterator[Found]:
    """The files below ``directory``, depth first in name order.

    One loop over a stack of the directories being read (nested generators would pass every
    file up through each level); ``relative`` is the directory's path relative to the root.
    """
    excluded, regex = exclusions.names, exclusions.regex
    opened = _read(directory, ignores, gitignore, nested=False)
    if opened is None:
        return
    stack = [(*opened, directory, relative)]
    while stack:
        entries, order, ignores, directory, relative = stack[-1]
        for name in order:
            entry = entries[name]
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if name in excluded:
                continue
            entry_relative = (f"{relative}/{name}" if relative else name) if is_dir or regex is not None else ""
            if regex is not None and exclusions.match(name, entry_relative):
                continue
            if ignores.specs and ignores.ignores(entry.path, is_dir):
                continue
            if is_dir:
                opened = _read(entry.path, ignores, gitignore, nested=True)
                if opened is not None:
                    stack.append((*opened, entry.path, entry_relative))
                    break  # its files come first; this directory's listing goes on after them
            else:  # ``kind_of``, told from the name (no path is made for the common non-matches)
                kind = _SUFFIXES.get(name[name.rfind(".") :])  # a name without a dot: its last letter, no suffix
                if kind is None and name.endswith(_MAYBE_DEPENDENCIES):
                    kind = kind_of(PurePath(directory, name))
                if kind is not None:
                    yield Found(entry.path, kind)
        else:
            stack.pop()


def _read(
    directory: str, ignores: _Ignores, gitignore: bool, *, nested: bool
) -> tuple[dict[str, os.DirEntry[str]], Iterator[str], _Ignores] | None:
    """A directory's entries by name, their names in order, and the ``.gitignore`` files that apply in it.

    ``None`` for a directory that cannot be read, or a virtual environment below the start.
    """
    try:
        with os.scandir(directory) as scan:
            entries = {entry.name: entry for entry in scan}
    except OSError:
        return None
    if nested and "pyvenv.cfg" in entries and os.path.exists(os.path.join(directory, "pyvenv.cfg")):
        return None  # a virtual environment, whatever its name
    if gitignore and ".gitignore" in entries:  # no stat for the directories without one
        ignores = ignores.with_directory(directory)
    return entries, iter(sorted(entries)), ignores
