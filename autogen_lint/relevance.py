"""Where a rule can fire: the packages that make it relevant and the words it keys on.

A rule names the top-level packages an import of which makes it relevant in a module, and
the identifiers one of which must occur in a function's source for it to fire there (beyond
the names bound to those packages). The engine uses both to walk less: a module importing no
rule's packages is parsed and nothing more, and a function whose text holds none of the words
of the module's rules and none of its relevant names is not walked at all.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import accumulate

V02: tuple[str, ...] = ("autogen",)
"""The v0.2 package (and AG2 Classic, which keeps its name)."""
V04: tuple[str, ...] = ("autogen_agentchat", "autogen_core", "autogen_ext")
V04_ANY: tuple[str, ...] = ("autogen_*",)
"""Any ``autogen_*`` package: what ``names.is_v04`` accepts."""
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

    A pattern the module's ``text`` never spells (a package's name standing alone) is not looked
    for. Only statements are visited, the top level first; once an import is found there, the
    other patterns the text spells are taken as imported too (too many rules cost time, never a
    finding), else every statement is searched: a module with no relevant import anywhere is
    then known for sure.
    """
    wanted = {p for p in packages.patterns if text is None or _spelled(p, text)}
    found: set[str] = set()
    pending: list[Sequence[ast.stmt]] = []
    for statements in ([tree.body], pending):
        if found and text is not None:
            return frozenset(found | wanted)
        while statements and wanted:
            nested = statements.pop()
            for statement in nested:
                kind = type(statement)
                if kind is ast.Import:
                    for alias in statement.names:  # type: ignore[attr-defined]
                        _found(alias.name, wanted, found)
                elif kind is ast.ImportFrom:
                    if not statement.level and statement.module:  # type: ignore[attr-defined]
                        _found(statement.module, wanted, found)  # type: ignore[attr-defined]
                elif kind not in _SIMPLE:
                    pending.extend(_bodies(statement))
    return frozenset(found)


def _spelled(pattern: str, text: str) -> bool:
    """``text`` spells a name ``pattern`` matches: ``autogen_`` for ``autogen_*``, ``autogen`` standing alone."""
    if pattern.endswith("*"):
        return pattern[:-1] in text
    return pattern in text and _stands_alone(text, pattern, False)


def _found(module: str, wanted: set[str], found: set[str]) -> None:
    top = module.partition(".")[0]
    for pattern in [p for p in wanted if _matches(p, top)]:
        wanted.discard(pattern)
        found.add(pattern)


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


class Spans:
    """A module's text, and whether a run of its lines spells some word of a growing list.

    A word counts where it stands alone, as an identifier does (``run`` in ``agent.run(``, not
    in ``runtime``), in code, a string or a comment alike: reading too much only costs a walk.
    A prefix (``autogen_``) counts where a word starts with it; a package's name only where the
    lines also spell ``import`` (elsewhere it is used through a name bound to it, a name of its
    own). Text is matched as written, like the source prefilter.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._separator = "" if lines and lines[0].endswith(("\n", "\r")) else "\n"
        self._text: str | None = None
        self._starts: list[int] = []
        self._words: list[tuple[str, bool, bool]] = []
        self._known: set[tuple[str, bool, bool]] = set()

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._separator.join(self._lines)
        return self._text

    def add(self, words: Iterable[str], *, prefixes: bool = False, imported: bool = False) -> None:
        """Count ``words`` (``prefixes``: as starts of words; ``imported``: only beside an ``import``).

        The latest come first: a module's own names are the likeliest hits.
        """
        known = self._known
        for word in words:
            if (word, prefixes, imported) not in known:
                known.add((word, prefixes, imported))
                self._words.insert(0, (word, prefixes, imported))

    def spells(self, first: int, last: int) -> bool:
        """Lines ``first`` to ``last`` (1-based, inclusive) spell one of the words."""
        starts = self._starts
        if not starts:
            starts += accumulate(map(len, self._lines), initial=0)
        text, step = self.text, len(self._separator)
        first, last = max(first, 1) - 1, min(last, len(starts) - 1)
        start, end = starts[first] + first * step, starts[last] + last * step
        segment = text[start:end]
        importing: bool | None = None
        for word, prefix, imported in self._words:
            if word not in segment or not _stands_alone(segment, word, prefix):
                continue
            if not imported:
                return True
            if importing is None:
                importing = "import" in segment and _stands_alone(segment, "import", False)
            if importing:
                return True
        return False


def _stands_alone(text: str, word: str, prefix: bool) -> bool:
    """``word`` occurs in ``text`` with no letter, digit or ``_`` before it (nor after it, unless a ``prefix``).

    A character neither alphanumeric nor ``_`` ends a word here, as in an identifier at most.
    """
    size, start = len(word), text.find(word)
    while start >= 0:
        before = text[start - 1] if start else " "
        after = text[start + size : start + size + 1] or " "
        if not (before.isalnum() or before == "_") and (prefix or not (after.isalnum() or after == "_")):
            return True
        start = text.find(word, start + 1)
    return False
