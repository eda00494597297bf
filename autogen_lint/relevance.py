"""Where a rule can fire: the packages that make it relevant and the words it keys on.

A rule names the top-level packages an import of which makes it relevant in a module, and
the identifiers one of which must occur in a function's source for it to fire there (beyond
the names bound to those packages). The engine uses both to walk less: a module importing no
rule's packages is parsed and nothing more, and a function whose text holds none of the words
of the module's rules and none of its relevant names is not walked at all.
"""

from __future__ import annotations

import ast
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import accumulate

V02: tuple[str, ...] = ("autogen",)
"""The v0.2 package (and AG2 Classic, which keeps its name)."""
V04: tuple[str, ...] = ("autogen_agentchat", "autogen_core", "autogen_ext")
AUTOGEN: tuple[str, ...] = ("autogen", "autogen_*")
"""``autogen`` or any ``autogen_*`` package: what ``Gate.AUTOGEN`` asks for."""
AGENT_FRAMEWORK: tuple[str, ...] = ("agent_framework", "agent_framework_*")

_state = {"enabled": True}


def enabled() -> bool:
    """Whether the engine may skip modules and functions (tests and benchmarks turn it off)."""
    return _state["enabled"]


@contextmanager
def disabled() -> Iterator[None]:
    """Walk every module and function with every rule, as if nothing declared relevance."""
    previous = _state["enabled"]
    _state["enabled"] = False
    try:
        yield
    finally:
        _state["enabled"] = previous


class Packages:
    """A set of top-level package names, where ``"name_*"`` stands for every ``name_...``."""

    __slots__ = ("exact", "patterns", "prefixes")

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = frozenset(patterns)
        self.exact = frozenset(p for p in self.patterns if not p.endswith("*"))
        self.prefixes = tuple(sorted(p[:-1] for p in self.patterns if p.endswith("*")))

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def matches(self, top: str) -> bool:
        return top in self.exact or (bool(self.prefixes) and top.startswith(self.prefixes))

    def holds(self, qualified_name: str | None) -> bool:
        """``qualified_name`` is a name inside one of the packages."""
        return qualified_name is not None and self.matches(qualified_name.partition(".")[0])

    def words(self) -> tuple[str, ...]:
        """What an import of one of the packages must spell out: the names, or their prefixes."""
        return (*self.exact, *self.prefixes)


def imported_packages(tree: ast.Module, packages: Packages, text: str | None = None) -> frozenset[str]:
    """The patterns of ``packages`` that some ``import`` in ``tree`` matches (absolute imports only).

    Only statements are visited; a module whose ``text`` never spells a package costs nothing.
    """
    if text is not None and not any(word in text for word in packages.words()):
        return frozenset()
    found: set[str] = set()
    pending: list[Sequence[ast.stmt]] = [tree.body]
    while pending:
        for statement in pending.pop():
            kind = type(statement)
            if kind is ast.Import:
                for alias in statement.names:  # type: ignore[attr-defined]
                    found.add(alias.name.partition(".")[0])
            elif kind is ast.ImportFrom:
                if not statement.level and statement.module:  # type: ignore[attr-defined]
                    found.add(statement.module.partition(".")[0])  # type: ignore[attr-defined]
            elif kind not in _SIMPLE:
                pending.extend(_bodies(statement))
    return frozenset(p for p in packages.patterns if any(_matches(p, top) for top in found))


def _matches(pattern: str, top: str) -> bool:
    return top.startswith(pattern[:-1]) if pattern.endswith("*") else top == pattern


_SIMPLE = frozenset(
    {ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Pass, ast.Break, ast.Continue,
     ast.Raise, ast.Delete, ast.Global, ast.Nonlocal, ast.Assert}
)  # fmt: skip
_BODY_FIELDS = ("body", "orelse", "finalbody")


def _bodies(statement: ast.stmt) -> Iterator[Sequence[ast.stmt]]:
    for name in _BODY_FIELDS:
        body = getattr(statement, name, None)
        if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
            yield body
    for handler in getattr(statement, "handlers", ()):
        yield handler.body
    for case in getattr(statement, "cases", ()):
        yield case.body


_IDENTIFIER_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


class WordLines:
    """Which lines of a module spell which identifiers, marked word by word as they are asked for.

    A word counts where it stands alone (not inside a longer identifier); a prefix (``autogen_``)
    counts where nothing precedes it. Text is matched as written, like the source prefilter.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        separator = "" if lines and lines[0].endswith(("\n", "\r")) else "\n"
        self.text = separator.join(lines)
        step = len(separator)
        self._starts = [0, *accumulate(len(line) + step for line in lines)]
        self._marks = bytearray(len(lines) + 2)
        self._done: set[str] = set()

    def mark(self, words: Iterable[str], *, prefixes: Collection[str] = ()) -> None:
        """Mark the lines where each of ``words`` (or, for ``prefixes``, a word starting so) occurs."""
        text, marks, starts, chars = self.text, self._marks, self._starts, _IDENTIFIER_CHARS
        for word in words:
            if word in self._done:
                continue
            self._done.add(word)
            whole = word not in prefixes
            size = len(word)
            index = text.find(word)
            while index >= 0:
                end = index + size
                if (index == 0 or text[index - 1] not in chars) and (
                    not whole or end == len(text) or text[end] not in chars
                ):
                    marks[bisect_left(starts, index + 1)] = 1  # the 1-based line holding ``index``
                index = text.find(word, end)

    def any_marked(self, first: int, last: int) -> bool:
        """Some line from ``first`` to ``last`` (1-based, inclusive) holds a marked word."""
        return self._marks.find(1, first, last + 1) >= 0
