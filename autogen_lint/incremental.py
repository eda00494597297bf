"""Checking a new version of a text from the check of the previous one, where that is cheaper.

An edit that only adds, removes or changes comments and blank lines leaves the module's tree
as it was, every node after the edit moved by the same number of lines: the engine's findings
are then the previous ones, moved. Anything else (or anything this cannot prove, such as a
changed line inside a multi-line string) is checked in full, from a tree that re-parses only
the top-level statements the edit touched (``reparse``). Selection and ``# noqa`` comments are
applied afterwards to the new text either way, so a typed ``# noqa`` counts.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from autogen_lint.catalog import RULES
from autogen_lint.findings import Edit, Finding
from autogen_lint.isolated import Names, kept
from autogen_lint.source import SourceError, parse_module

if TYPE_CHECKING:
    from autogen_lint.settings import Settings

_BLANK_OR_COMMENT = re.compile(r"[ \t\f]*(?:#.*)?")
# Code up to a comment; lines with quotes or backslashes are not read here (they are checked in full).
_CODE = re.compile(r"[^'\"#\\]*")
_BODIES = ("body", "orelse", "finalbody")


@dataclass(frozen=True, slots=True)
class Move:
    """A comment-only edit: after line ``start``, ``removed`` lines became ``added`` lines."""

    start: int
    removed: int
    added: int


@dataclass(frozen=True, slots=True)
class Checked:
    """What a check of a text leaves for the next version: its lines, tree and the engine's findings.

    The tree's positions are those of ``tree_lines``, the text it was parsed from; comment-only
    edits since then (``moves``, oldest first) moved the findings, not the tree.
    """

    lines: list[str]
    tree: ast.Module
    findings: list[Finding]
    """Before selection and ``# noqa``."""
    tree_lines: list[str]
    moves: tuple[Move, ...] = ()
    names: dict[ast.stmt, Names] = field(default_factory=dict)
    """What each top-level statement of the tree does with names (``isolated.names_of``), as far as asked."""
    reused: int = 0
    """Function bodies not walked again for this version: their findings carried over."""

    @classmethod
    def parsed(cls, lines: list[str], tree: ast.Module, findings: list[Finding]) -> Checked:
        return cls(lines, tree, findings, lines)

    def tree_line(self, line: int) -> int:
        """The line of the tree that holds ``line`` of ``lines`` (an edited line: the line after the edit)."""
        for move in reversed(self.moves):
            if line > move.start + move.added:
                line -= move.added - move.removed
            elif line > move.start:
                line = move.start + 1
        return line


def after_comments(previous: Checked, lines: list[str]) -> Checked | None:
    """The check of ``lines`` when they differ from ``previous`` in comments and blank lines only, else ``None``."""
    old = previous.lines
    if len(old) == len(lines) and old == lines:
        return replace(previous, lines=lines)
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
    if any(_inside_string(previous.tree.body, previous.tree_line(line)) for line in touched):
        return None
    first, last = (start + 1, start + len(removed)) if removed else (start + 1, start)
    if any(_rewrites(finding, first, last) for finding in previous.findings):
        return None  # a fix that copies the edited lines: its text changes
    delta = len(added) - len(removed)
    if not delta:
        return replace(previous, lines=lines)
    if any("{line}" in RULES[finding.code].message for finding in previous.findings):
        return None  # a message that names a line: it would name another
    after = start + len(removed)  # old lines after this one move by ``delta``
    moved = [_moved(finding, after, delta) for finding in previous.findings]
    moves = (*previous.moves, Move(start, len(removed), len(added)))
    return replace(previous, lines=lines, findings=moved, moves=moves)


_BY_TEXT = frozenset({"AGL707"})
"""Rules whose findings reach into other functions through equal strings, not names (an agent
renamed with every string naming it): a function holding such a string is not known to be isolated."""


def check_again(
    text: str,
    lines: list[str],
    settings: Settings,
    previous: Checked | None,
    interrupt: Callable[[], bool] | None = None,
    *,
    notebook: bool = False,
) -> Checked | SourceError:
    """The engine's findings for ``text`` (``lines``), from the check of its previous version where that is cheaper.

    ``previous`` must come from a check under the same settings (``notebook``: the text is a
    notebook's code cells joined, as ``engine.check_tree`` takes it). Comment-only edits move the
    previous findings; other edits parse again only the statements they touched (``reparse``)
    and walk again only what they can reach: the bodies of the top-level functions that
    ``isolated.kept`` proves out of reach keep their previous findings.
    """
    from autogen_lint.engine import check_tree

    spliced = None
    if previous is not None:
        moved = after_comments(previous, lines)
        if moved is not None:
            return moved
        spliced = reparse(previous, lines)
    if previous is None or spliced is None:
        tree = parse_module(text)
        if isinstance(tree, SourceError):
            return tree
        return Checked.parsed(lines, tree, check_tree(tree, settings, lines, notebook=notebook, interrupt=interrupt))
    tree = spliced.tree
    names = {statement: found for statement in tree.body if (found := previous.names.get(statement)) is not None}
    skipped: list[ast.stmt] = []
    carry = _Carry(previous.findings, spliced, names)
    if not previous.moves and not any(finding.code in _BY_TEXT for finding in previous.findings):
        old_lines = previous.tree_lines

        def same_text(old: ast.stmt, new: ast.stmt) -> bool:
            first, last = _first_line(old), old.end_lineno or old.lineno
            moved = _first_line(new) - first
            return (new.end_lineno or new.lineno) - moved == last and old_lines[first - 1 : last] == lines[
                first - 1 + moved : last + moved
            ]

        skipped = kept(tree.body, spliced.changed, spliced.replaced, names, same_text=same_text, carried=carry.possible)
    try:
        findings = check_tree(tree, settings, lines, notebook=notebook, interrupt=interrupt, skip=set(skipped))
        if skipped:
            carried = carry.findings(skipped)
            if any(finding.code in _BY_TEXT or carried.inside(finding) for finding in findings):
                findings = check_tree(
                    tree, settings, lines, notebook=notebook, interrupt=interrupt
                )  # not as isolated as it seemed
                skipped = []
            else:
                findings = sorted([*findings, *carried.found], key=Finding.sort_key)
    except BaseException:
        spliced.undo()  # the previous tree stands for the previous version again
        raise
    return Checked(lines, tree, findings, lines, (), names, len(skipped))


@dataclass(frozen=True, slots=True)
class _Carried:
    """The previous findings in the bodies of the functions not walked again, where they are now."""

    found: list[Finding]
    bodies: list[tuple[int, int]]
    starts: list[int]

    def inside(self, finding: Finding) -> bool:
        """``finding`` lies in one of those bodies (new lines)."""
        index = bisect_right(self.starts, finding.line) - 1
        return index >= 0 and finding.line <= self.bodies[index][1]


class _Carry:
    """Carrying a function's previous findings over to where the function is now."""

    def __init__(self, previous: list[Finding], spliced: Spliced, names: dict[ast.stmt, Names]) -> None:
        self._names = names
        self._previous = previous
        self._starts = [finding.line for finding in previous]  # the engine's findings come sorted
        self._spliced = spliced
        self._moved = {id(statement) for statement in spliced.moved}

    def _old_body(self, statement: ast.stmt) -> tuple[int, int] | None:
        found = self._names[statement].body_lines(statement)
        if found is None or id(statement) not in self._moved:
            return found
        delta = self._spliced.delta
        return found[0] - delta, found[1] - delta

    def _of(self, statement: ast.stmt) -> list[Finding]:
        body = self._old_body(statement)
        if body is None:
            return []
        return self._previous[bisect_left(self._starts, body[0]) : bisect_right(self._starts, body[1])]

    def possible(self, statement: ast.stmt) -> bool:
        """No previous finding of the function names a line that moved or has a fix editing what was parsed again."""
        spliced = self._spliced
        moved = spliced.delta and id(statement) in self._moved
        return not any(
            _rewrites(finding, spliced.first, spliced.after) or (moved and "{line}" in RULES[finding.code].message)
            for finding in self._of(statement)
        )

    def findings(self, skipped: list[ast.stmt]) -> _Carried:
        spliced = self._spliced
        found = []
        for statement in skipped:
            for finding in self._of(statement):
                found.append(_moved(finding, spliced.after, spliced.delta) if spliced.delta else finding)
        bodies = sorted(
            body for statement in skipped if (body := self._names[statement].body_lines(statement)) is not None
        )
        return _Carried(found, bodies, [first for first, _ in bodies])


def moved_findings(previous: Checked, lines: list[str]) -> list[Finding] | None:
    """The engine's findings for ``lines`` when they differ from ``previous`` in comments only, else ``None``."""
    checked = after_comments(previous, lines)
    return checked.findings if checked is not None else None


@dataclass(frozen=True, slots=True)
class Spliced:
    """A tree made of the previous one's statements and the statements of the lines an edit changed."""

    tree: ast.Module
    changed: range
    """Where the new statements are in ``tree.body``."""
    replaced: list[ast.stmt]
    """The previous statements they replaced."""
    first: int = 1
    """The first line parsed again."""
    delta: int = 0
    """How far the lines after the edit moved."""
    after: int = 0
    """The last old line parsed again: the lines after it moved."""
    moved: list[ast.stmt] = field(default_factory=list)
    """The previous statements after the edit, moved down ``delta`` lines in place."""

    def undo(self) -> None:
        """Move the statements after the edit back where they were, for the previous tree to stand."""
        _shift(self.moved, -self.delta)


def reparse(previous: Checked, lines: list[str]) -> Spliced | None:
    """The tree of ``lines``, parsing again only the top-level statements an edit can change.

    The statements of ``previous.tree`` before and after the edit are kept (those after it moved
    in place by the lines it added or removed: ``Spliced.undo`` moves them back); from the last
    statement that starts before the edit (which the edit may continue) to the end of the
    statements it overlaps, the new lines are parsed on their own, at their own line numbers.
    ``None`` when that cannot stand for a parse
    of the whole text (the piece does not parse on its own, or a ``__future__`` import could
    change how it parses): the caller parses the whole text, and reports its errors as usual.
    """
    old, body = previous.tree_lines, previous.tree.body
    limit = min(len(old), len(lines))
    start = 0
    while start < limit and old[start] == lines[start]:
        start += 1
    if start == len(old) == len(lines):
        return Spliced(previous.tree, range(0), [])
    end = 0
    while end < limit - start and old[-1 - end] == lines[-1 - end]:
        end += 1
    first, last = start + 1, len(old) - end  # the old lines that changed (none: lines added after ``start``)
    firsts = [_first_line(statement) for statement in body]
    low = bisect_left(firsts, first) - 1  # the last statement starting before the edit
    while low > 0 and (body[low - 1].end_lineno or 0) >= firsts[low]:
        low -= 1  # ``a = 1; b = 2``: statements that share a line go together
    region_first = firsts[low] if low >= 0 else 1
    low = max(low, 0)
    if any(isinstance(s, ast.ImportFrom) and s.module == "__future__" for s in body[:low]):
        return None  # ``barry_as_FLUFL`` changes how the rest parses
    high, region_last = low, last
    while high < len(body) and firsts[high] <= region_last:
        region_last = max(region_last, body[high].end_lineno or 0)
        high += 1
    delta = len(lines) - len(old)
    piece = "\n" * (region_first - 1) + "\n".join(lines[region_first - 1 : region_last + delta])
    parsed = parse_module(piece)
    if isinstance(parsed, SourceError):
        return None
    moved = body[high:]
    _shift(moved, delta)
    tree = ast.Module(body=[*body[:low], *parsed.body, *moved], type_ignores=[])
    return Spliced(tree, range(low, low + len(parsed.body)), body[low:high], region_first, delta, region_last, moved)


def _shift(statements: Sequence[ast.stmt], delta: int) -> None:
    """Move every node of ``statements`` ``delta`` lines, in place (what ``ast.increment_lineno`` does, faster)."""
    if not delta:
        return
    pending: list[ast.AST] = list(statements)
    node_type = ast.AST
    while pending:
        fields = pending.pop().__dict__
        line = fields.get("lineno")
        if line is not None:
            fields["lineno"] = line + delta
            end = fields.get("end_lineno")
            if end is not None:
                fields["end_lineno"] = end + delta
        for value in fields.values():
            if type(value) is list:
                pending.extend(item for item in value if isinstance(item, node_type))
            elif isinstance(value, node_type):
                pending.append(value)


def _first_line(statement: ast.stmt) -> int:
    decorators = getattr(statement, "decorator_list", None)
    return decorators[0].lineno if decorators else statement.lineno


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
        fix = fix._replace(edits=tuple(_moved_edit(edit, after, delta) for edit in fix.edits))
    return finding._replace(
        line=finding.line + delta if finding.line > after else finding.line,
        end_line=finding.end_line + delta if finding.end_line > after else finding.end_line,
        fix=fix,
    )


def _moved_edit(edit: Edit, after: int, delta: int) -> Edit:
    return edit._replace(
        line=edit.line + delta if edit.line > after else edit.line,
        end_line=edit.end_line + delta if edit.end_line > after else edit.end_line,
    )
