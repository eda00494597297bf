"""What ``autogen-lint migrate`` says about each file, and the one line that closes a run."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from autogen_lint.migrate.driver import FileResult

NO_AUTOGEN = "no `autogen` import"
"""The reason of files that do not use AutoGen: counted, never listed."""


def file_line(result: FileResult, *, write: bool) -> str | None:
    """``Migrated path (2 TODOs)``, ``Would migrate path``, ``path: left unchanged: line 3: why``."""
    if result.status == "unchanged":
        return None if result.reason == NO_AUTOGEN else f"{result.path}: left unchanged: {result.reason}"
    todos = f" ({_count(result.todos, 'TODO')})" if result.todos else ""
    return f"{'Migrated' if write else 'Would migrate'} {result.path}{todos}"


def kind_of_reason(reason: str) -> str:
    """A reason without its line and the program's own names, to count alike reasons together."""
    return re.sub(r"`[^`]*`", "``", re.sub(r"^line \d+: ", "", reason))


def closing_note(results: Iterable[FileResult], *, write: bool = True, top: int = 5) -> str:
    """``3 files migrated, 1 partly (2 TODOs), 2 left unchanged: <reasons>`` (``would be`` without writing).

    Files that do not use AutoGen are counted apart.

    Alike reasons are counted together and shown by their first file and line, in plain words:
    ``a.py:12 `GroupChat(...)` is called where the codemod cannot follow it (and 2 other files)``.
    """
    results = list(results)
    plain = sum(r.reason == NO_AUTOGEN for r in results)
    results = [r for r in results if r.reason != NO_AUTOGEN]
    migrated = sum(r.status == "migrated" for r in results)
    partly = [r for r in results if r.status == "partly"]
    left = [r for r in results if r.status == "unchanged"]
    done = "migrated" if write else "would be migrated"
    note = (
        f"{migrated} {'file' if migrated == 1 else 'files'} {done}, {len(partly)} partly "
        f"({_count(sum(r.todos for r in partly), 'TODO')}), {len(left)} left unchanged"
    )
    if plain:
        note += f" ({_count(plain, 'other file')} without AutoGen)"
    groups: dict[str, list[FileResult]] = {}
    for result in left:
        groups.setdefault(kind_of_reason(result.reason or ""), []).append(result)
    if not groups:
        return note
    ranked = Counter({kind: len(files) for kind, files in groups.items()}).most_common()
    shown = [_example(groups[kind]) for kind, _ in ranked[:top]]
    rest = sum(count for _, count in ranked[top:])
    if rest:
        shown.append(f"{_count(rest, 'other file')} for other reasons")
    return f"{note}: {'; '.join(shown)}"


def _example(files: list[FileResult]) -> str:
    """The first file of a group of alike reasons, where and why, and how many more."""
    first = files[0]
    reason = first.reason or ""
    found = re.match(r"^line (\d+): (.*)$", reason)
    where = f"{first.path}:{found[1]}" if found else first.path
    text = found[2] if found else reason
    more = f" (and {_count(len(files) - 1, 'other file')})" if len(files) > 1 else ""
    return f"{where} {text}{more}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
