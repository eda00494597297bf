"""Migrating files: read, rewrite, prove the result (it compiles, settles, closes its clients), write."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from autogen_lint.catalog import RULES
from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.engine import check_source
from autogen_lint.findings import Finding
from autogen_lint.fix.apply import python_error
from autogen_lint.fix.diff import unified_diff
from autogen_lint.fix.files import write_atomically
from autogen_lint.migrate.caches import without_unused_caches
from autogen_lint.migrate.component_configs import with_component_configs
from autogen_lint.migrate.notebooks import CellFinding, NotebookFindings, migrate_notebook
from autogen_lint.migrate.program import Program
from autogen_lint.migrate.proof import new_name_errors
from autogen_lint.migrate.refusal import Refusal, Todo, unforeseen
from autogen_lint.migrate.shape import Note
from autogen_lint.migrate.statementwise import rewrite_statements
from autogen_lint.notebooks import check_notebook
from autogen_lint.runner import check_bytes, check_text, display_path
from autogen_lint.source import SourceDecodeError, decode_exactly, universal_newlines

Status = Literal["migrated", "partly", "unchanged"]
REWRITTEN_FAMILIES = ("AGL1", "AGL2", "AGL3", "AGL4", "AGL5", "AGL6")


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file: its status, TODO comments added, the diff, or why it was left."""

    path: str
    status: Status
    todos: int = 0
    diff: str = ""
    reason: str | None = None


def link_for(config: Config) -> Callable[[str], str]:
    """The guide link of a rule code, or of a section given as ``#anchor``."""
    settings = config.settings
    return lambda key: settings.link(key[1:] if key.startswith("#") else RULES[key].anchor)


def migrate_text(text: str, item: Found, config: Config) -> tuple[str, int]:
    """The migrated text and its TODO count; raises ``Refusal`` when the file must stay as it is.

    The result is settled: migrating it again, by whichever rewrite a second run would take,
    changes nothing.
    """
    new, todos = _migrated(text, item, config)
    try:
        again, _ = _migrated(new, item, config)
    except Refusal:
        again = new
    if again != new:
        raise Refusal("the result would be migrated again")
    return new, todos


def _migrated(text: str, item: Found, config: Config) -> tuple[str, int]:
    if "autogen" not in text:
        raise Refusal("no `autogen` import")
    kept, every, hands_off = _findings(text, item, config)
    if any(finding.code == "AGL001" for finding in kept):
        reason = next(f.message for f in kept if f.code == "AGL001")
        raise Refusal(f"it cannot be read: {reason}")
    for prepare in PREPARATIONS:
        prepared = prepare(text, hands_off)
        if prepared != text:  # the findings' lines moved
            text = prepared
            kept, every, hands_off = _findings(text, item, config)
    notes = _todo_notes(kept)
    try:
        new, todos = _migrate(text, config, hands_off, notes)
    except Refusal as refusal:
        if str(refusal) in FINAL:
            raise
        return _statementwise(text, item, config, hands_off if _hidden(every, kept) else None)
    error = python_error(new)
    if error is not None:
        raise Refusal(f"the result would not compile ({error})")
    if new_name_errors(text, new):
        return _statementwise(text, item, config, hands_off if _hidden(every, kept) else None)
    unclosed = [f for f in check_source(universal_newlines(new), config.settings).findings if f.code.startswith("AGL7")]
    if unclosed:
        raise Refusal(f"the result would break {unclosed[0].code} at line {unclosed[0].line}")
    return new, todos


FINAL = frozenset({"no `autogen` import"})
"""Whole-program refusals the statement-level rewrite cannot help with."""
PREPARATIONS: tuple[Callable[[str, Callable[[int, int], str | None]], str], ...] = (
    without_unused_caches,
    with_component_configs,
)
"""v0.2 code made plainer before it is migrated: what it did stays (unused caches, unread provider settings)."""


def _findings(
    text: str, item: Found, config: Config
) -> tuple[Sequence[Finding], Sequence[Finding], Callable[[int, int], str | None]]:
    """The findings the file's settings keep, every finding, and the places the rewrite leaves alone."""
    kept = check_text(item, config, text).findings
    every = check_source(universal_newlines(text), config.settings).findings
    return kept, every, _hands_off(every, kept)


def _todo_notes(findings: Iterable[Finding]) -> list[Note]:
    return [(f.line, Todo(f.code, f.message, f.url)) for f in findings if f.code.startswith(REWRITTEN_FAMILIES)]


def _notes(item: Found, config: Config) -> Callable[[str], list[Note]]:
    def notes(text: str) -> list[Note]:
        return _todo_notes(check_text(item, config, text).findings)

    return notes


def _statementwise(
    text: str, item: Found, config: Config, hands_off: Callable[[int, int], str | None] | None
) -> tuple[str, int]:
    """The statement-level rewrite, proven: it compiles, keeps the v0.4 rules, adds no pyflakes error, settles."""
    notes = _notes(item, config)
    try:
        migration = rewrite_statements(text, link_for(config), hands_off, notes)
    except Refusal:
        raise
    except Exception as error:  # a shape the codemod did not foresee: say so, never a traceback
        raise Refusal(_unforeseen(error)) from None
    new = migration.code
    failure = python_error(new)
    if failure is not None:
        raise Refusal(f"the result would not compile ({failure})")
    broken = [f for f in check_source(universal_newlines(new), config.settings).findings if f.code.startswith("AGL7")]
    if broken:
        raise Refusal(f"the result would break {broken[0].code} at line {broken[0].line}")
    added = new_name_errors(text, new)
    if added:
        raise Refusal(f"the result would add {added[0]}")
    try:
        every, kept = (
            check_source(universal_newlines(new), config.settings).findings,
            check_text(item, config, new).findings,
        )
        settled = _hands_off(every, kept) if _hidden(every, kept) else None
        again = rewrite_statements(new, link_for(config), settled, notes).code
    except Refusal:
        again = new
    except Exception as error:
        raise Refusal(_unforeseen(error)) from None
    if again != new:
        raise Refusal("the result would be migrated again")
    return new, migration.todos


def _migrate(
    text: str, config: Config, hands_off: Callable[[int, int], str | None], notes: list[Note]
) -> tuple[str, int]:
    try:
        migration = Program(text, link_for(config), hands_off, notes=notes).migrate()
    except Refusal:
        raise
    except Exception as error:  # a shape the codemod did not foresee: say so, never a traceback
        raise Refusal(_unforeseen(error)) from None
    return migration.code, migration.todos


def _unforeseen(error: Exception) -> str:
    return str(unforeseen(error))


def _hidden(every: Iterable[Finding], kept: Iterable[Finding]) -> list[Finding]:
    """Findings of the rewritten rule families that ``# noqa`` or the rule selection took away."""
    shown = {(f.code, f.line, f.col) for f in kept}
    return [f for f in every if f.code.startswith(REWRITTEN_FAMILIES) and (f.code, f.line, f.col) not in shown]


def _hands_off(every: Iterable[Finding], kept: Iterable[Finding]) -> Callable[[int, int], str | None]:
    """Which statement (by its lines) holds a finding ``# noqa`` or the rule selection took away."""
    hidden = _hidden(every, kept)

    def check(first: int, last: int) -> str | None:
        return next((f.code for f in hidden if first <= f.line <= last), None)

    return check


def _in_code(finding: Finding) -> bool:
    """A finding in a cell's Python code; not a ``%pip install`` pin (AGL103), which is no statement."""
    return finding.code.startswith(REWRITTEN_FAMILIES) and finding.code != "AGL103"


def _notebook_findings(item: Found, config: Config) -> NotebookFindings:
    def findings(raw: bytes) -> tuple[list[CellFinding[str]], list[CellFinding[Todo]]]:
        kept = check_bytes(item, config, raw).findings
        unreadable = next((f for f in kept if f.code == "AGL001" and f.cell is None), None)
        if unreadable is not None:
            raise Refusal(f"it cannot be read: {unreadable.message}")
        shown = {(f.code, f.cell, f.line, f.col) for f in kept}
        every = check_notebook(raw, config.settings).findings
        hidden = [
            (f.cell, f.line, f.code) for f in every if _in_code(f) and (f.code, f.cell, f.line, f.col) not in shown
        ]
        notes = [(f.cell, f.line, Todo(f.code, f.message, f.url)) for f in kept if _in_code(f)]
        return hidden, notes

    return findings


def _migrate_notebook_file(item: Found, config: Config, path: str, *, write: bool) -> FileResult:
    try:
        raw = item.path.read_bytes()
    except OSError as error:
        return FileResult(path, "unchanged", reason=f"cannot read it: {error.strerror or error}")
    if b"autogen" not in raw:
        return FileResult(path, "unchanged", reason="no `autogen` import")
    try:
        new_raw, old, new, todos = migrate_notebook(raw, config, link_for(config), _notebook_findings(item, config))
    except Refusal as refusal:
        return FileResult(path, "unchanged", reason=_in_cells(str(refusal)))
    except Exception as error:  # a shape the codemod did not foresee: say so, never a traceback
        return FileResult(path, "unchanged", reason=_unforeseen(error))
    if write:
        try:
            write_atomically(item.path, new_raw)
        except OSError as error:
            return FileResult(path, "unchanged", reason=f"cannot write it: {error.strerror or error}")
    diff = "".join(unified_diff(old[i], new[i], f"{path}:cell {i}") for i in sorted(new))
    return FileResult(path, "partly" if todos else "migrated", todos, diff)


def _in_cells(reason: str) -> str:
    """A refusal about the joined cells, without its line number (which means nothing in a notebook)."""
    return re.sub(r"^line \d+: ", "", reason)


def migrate_file(item: Found, config: Config, *, write: bool) -> FileResult:
    """Migrate one file; never raises for what the file holds."""
    path = display_path(item.path)
    if item.kind is Kind.NOTEBOOK:
        return _migrate_notebook_file(item, config, path, write=write)
    if item.kind is not Kind.PYTHON:
        return FileResult(path, "unchanged", reason="not a Python file or notebook")
    try:
        raw = item.path.read_bytes()
        decoded = decode_exactly(raw)
    except OSError as error:
        return FileResult(path, "unchanged", reason=f"cannot read it: {error.strerror or error}")
    except SourceDecodeError as error:
        return FileResult(path, "unchanged", reason=f"cannot decode it: {error.error.reason}")
    try:
        new, todos = migrate_text(decoded.text, item, config)
        new_raw = decoded.encode(new)
    except Refusal as refusal:
        return FileResult(path, "unchanged", reason=str(refusal))
    except UnicodeEncodeError as error:
        return FileResult(
            path, "unchanged", reason=f"the result cannot be written as {decoded.encoding}: {error.reason}"
        )
    if write:
        try:
            write_atomically(item.path, new_raw)
        except OSError as error:
            return FileResult(path, "unchanged", reason=f"cannot write it: {error.strerror or error}")
    diff = unified_diff(decoded.text, new, path)
    return FileResult(path, "partly" if todos else "migrated", todos, diff)
