"""Checking a new version of a text from the check of the previous one, where that is cheaper.

An edit that only adds, removes or changes comments and blank lines leaves the module's tree
as it was, every node after the edit moved by the same number of lines: the engine's findings
are then the previous ones, moved. Anything else (or anything this cannot prove, such as a
changed line inside a multi-line string) is checked in full. Selection and ``# noqa``
comments are applied afterwards to the new text either way, so a typed ``# noqa`` counts.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from autogen_lint.catalog import RULES
from autogen_lint.findings import Edit, Finding

_BLANK_OR_COMMENT = re.compile(r"[ \t\f]*(?:#.*)?")
# Code up to a comment; lines with quotes or backslashes are not read here (they are checked in full).
_CODE = re.compile(r"[^'\"#\\]*")
_BODIES = ("body", "orelse", "finalbody")


@dataclass(frozen=True, slots=True)
class Checked:
    """What a check of a text leaves for the next version: its lines, tree and the engine's findings."""

    lines: list[str]
    tree: ast.Module
    findings: list[Finding]
    """Before selection and ``# noqa``."""


def moved_findings(previous: Checked, lines: Sequence[str]) -> list[Finding] | None:
    """The engine's findings for ``lines`` when they differ from ``previous`` in comments only, else ``None``."""
    old = previous.lines
    if len(old) == len(lines) and old == lines:
        return previous.findings
    start = 0
    limit = min(len(old), len(lines))
    while start < limit and old[start] == lines[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == lines[-1 - end]:
        end += 1
    removed, added = old[start : len(old) - end], lines[start : len(lines) - end]
    if start and old[start - 1].rstrip().endswith("\\"):
        return None  # a continuation line: the edit may be code
    if len(removed) == len(added):
        if not all(_same_code(a, b) for a, b in zip(removed, added, strict=True)):
            return None
    elif not all(_BLANK_OR_COMMENT.fullmatch(line) for line in (*removed, *added)):
        return None
    touched = range(start + 1, start + len(removed) + 1) if removed else range(start + 1, start + 2)
    if any(_inside_string(previous.tree.body, line) for line in touched):
        return None
    first, last = (start + 1, start + len(removed)) if removed else (start + 1, start)
    if any(_rewrites(finding, first, last) for finding in previous.findings):
        return None  # a fix that copies the edited lines: its text changes
    delta = len(added) - len(removed)
    if not delta:
        return previous.findings
    if any("{line}" in RULES[finding.code].message for finding in previous.findings):
        return None  # a message that names a line: it would name another
    after = start + len(removed)  # old lines after this one move by ``delta``
    return [_moved(finding, after, delta) for finding in previous.findings]


def _rewrites(finding: Finding, first: int, last: int) -> bool:
    """A fix of ``finding`` replaces text holding the edited old lines, so its new text would hold the edit.

    The edited lines are ``first`` to ``last``; ``last < first`` is an insertion between them.
    """
    if finding.fix is None:
        return False
    return any(edit.line <= last and edit.end_line >= first for edit in finding.fix.edits)


def _same_code(old: str, new: str) -> bool:
    """Two lines with the same code, whatever their comments."""
    if _BLANK_OR_COMMENT.fullmatch(old) and _BLANK_OR_COMMENT.fullmatch(new):
        return True
    before, after = _CODE.match(old), _CODE.match(new)
    assert before is not None and after is not None
    rest_old, rest_new = old[before.end() :], new[after.end() :]
    if rest_old[:1] not in ("", "#") or rest_new[:1] not in ("", "#"):
        return False  # a string or a backslash on the line: not read here
    return before.group().rstrip() == after.group().rstrip()


def _inside_string(body: Sequence[ast.stmt], line: int) -> bool:
    """Line ``line`` of the module is inside a string that spans lines (or an f-string), or may be."""
    statements = body
    while True:
        statement = next((s for s in statements if s.lineno <= line <= (s.end_lineno or s.lineno)), None)
        if statement is None:
            return False  # between statements: a comment or a blank line there is nothing else
        nested = next(
            (b for b in _statement_lists(statement) if b and b[0].lineno <= line <= (b[-1].end_lineno or 0)), None
        )
        if nested is None:
            return any(
                isinstance(node, (ast.Constant, ast.JoinedStr)) and node.lineno < line <= (node.end_lineno or 0)
                for node in _own_nodes(statement)
            )
        statements = nested


def _statement_lists(statement: ast.stmt) -> Iterator[Sequence[ast.stmt]]:
    for name in _BODIES:
        body = getattr(statement, name, None)
        if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
            yield body
    for handler in getattr(statement, "handlers", ()):
        yield handler.body
    for case in getattr(statement, "cases", ()):
        yield case.body


def _own_nodes(statement: ast.stmt) -> Iterator[ast.AST]:
    """The statement's expressions, not those of the statements in its blocks."""
    for name, value in ast.iter_fields(statement):
        if name in (*_BODIES, "handlers", "cases"):
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ast.AST):
                yield from ast.walk(item)


def _moved(finding: Finding, after: int, delta: int) -> Finding:
    fix = finding.fix
    if fix is not None and fix.edits:
        fix = replace(fix, edits=tuple(_moved_edit(edit, after, delta) for edit in fix.edits))
    return replace(
        finding,
        line=finding.line + delta if finding.line > after else finding.line,
        end_line=finding.end_line + delta if finding.end_line > after else finding.end_line,
        fix=fix,
    )


def _moved_edit(edit: Edit, after: int, delta: int) -> Edit:
    return replace(
        edit,
        line=edit.line + delta if edit.line > after else edit.line,
        end_line=edit.end_line + delta if edit.end_line > after else edit.end_line,
    )
