"""Plain version pins (``name[extra] >=0.2, <0.3``), read and decided without ``packaging``.

Only a requirement whose every clause compares a plain release (digits and dots; ``.*`` after
``==`` and ``!=``), with no marker, URL or parenthesis, is read here; ``read`` returns ``None``
for anything else, which is left to ``packaging``. On the releases the rules ask about (final
releases), ``Pin.contains`` answers as ``packaging``'s ``SpecifierSet.contains`` does.
"""

from __future__ import annotations

import re
from itertools import zip_longest
from typing import NamedTuple

Release = tuple[int, ...]

_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_RELEASE = r"[0-9]+(?:\.[0-9]+)*"
_CLAUSE = re.compile(rf"\s*(?:(==|!=)\s*({_RELEASE})(\.\*)?|(~=|>=|<=|>|<)\s*({_RELEASE}))\s*")
_PIN = re.compile(
    rf"\s*(?P<name>{_NAME})\s*(?P<extras>\[\s*{_NAME}(?:\s*,\s*{_NAME})*\s*\])?"
    rf"(?P<clauses>{_CLAUSE.pattern}(?:,{_CLAUSE.pattern})*)?\s*"
)
_SEPARATORS = re.compile(r"[-_.]+")
_LEADING_NAME = re.compile(rf"\s*({_NAME})")
_FOLLOWED = re.compile(rf"{_PIN.pattern}\s[A-Za-z0-9]")


class Clause(NamedTuple):
    """One version clause of a requirement: ``>=0.4``, ``==0.2.*``."""

    operator: str
    release: Release
    wildcard: bool = False

    def contains(self, release: Release) -> bool:
        """Whether the final release ``release`` satisfies this clause (PEP 440)."""
        operator, pinned = self.operator, self.release
        if operator in ("==", "!="):
            if self.wildcard:
                equal = _padded(release, len(pinned))[: len(pinned)] == pinned
            else:
                equal = _compare(release, pinned) == 0
            return equal if operator == "==" else not equal
        order = _compare(release, pinned)
        if operator == ">=":
            return order >= 0
        if operator == "<=":
            return order <= 0
        if operator == ">":
            return order > 0
        if operator == "<":
            return order < 0
        # ``~=`` (compatible release): at least the release, and the same release but for its last part
        prefix = pinned[:-1]
        return order >= 0 and _padded(release, len(prefix))[: len(prefix)] == prefix


class Pin(NamedTuple):
    """A requirement as ``read`` understood it: canonical name, whether it names extras, its clauses."""

    name: str
    extras: bool
    clauses: tuple[Clause, ...]

    def contains(self, release: Release) -> bool:
        return all(clause.contains(release) for clause in self.clauses)

    def named(self) -> list[Release]:
        """The releases the clauses write (``0.2`` for ``==0.2.*``)."""
        return [clause.release for clause in self.clauses]


def requirement_name(text: str) -> str | None:
    """The canonical project name a requirement string starts with (PEP 508, PEP 503).

    ``None`` where the text starts with no name (``packaging`` rejects it too).
    """
    match = _LEADING_NAME.match(text)
    return _canonical(match.group(1)) if match else None


def read(text: str) -> Pin | None:
    """The pin ``text`` writes, or ``None`` where ``packaging`` must read it (or rejects it)."""
    match = _PIN.fullmatch(text)
    if match is None:
        return None
    clauses = []
    for clause in _CLAUSE.finditer(match.group("clauses") or ""):
        operator = clause.group(1) or clause.group(4)
        release = tuple(int(part) for part in (clause.group(2) or clause.group(5)).split("."))
        if operator == "~=" and len(release) < 2:
            return None  # not a valid specifier: ``packaging`` says so
        clauses.append(Clause(operator, release, bool(clause.group(3))))
    return Pin(_canonical(match.group("name")), match.group("extras") is not None, tuple(clauses))


def rejected(text: str) -> bool:
    """Whether ``packaging`` surely rejects ``text``: a pin followed by a word (``pyautogen==0.2 openai``).

    What may follow a requirement's name and clauses starts with ``;``, ``@`` or ``(``, never a letter or digit.
    """
    return _FOLLOWED.match(text) is not None


def _canonical(name: str) -> str:
    return _SEPARATORS.sub("-", name).lower()


def _padded(release: Release, size: int) -> Release:
    return release + (0,) * (size - len(release)) if len(release) < size else release


def _compare(left: Release, right: Release) -> int:
    for a, b in zip_longest(left, right, fillvalue=0):
        if a != b:
            return -1 if a < b else 1
    return 0
