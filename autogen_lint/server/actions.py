"""Code actions: each finding's fix, "Disable AGLnnn for this line", and fix-all.

The server hands in what they read (``Workspace``): documents' text, a cell's notebook, the
configuration of a path, the position encoding; nothing here knows the server.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.findings import Applicability, Edit, Fix
from autogen_lint.fix.apply import fix_text
from autogen_lint.fix.noqa import noqa_edit
from autogen_lint.runner import check_text
from autogen_lint.server.diagnostics import FROM_RANGE, SOURCE, absolute
from autogen_lint.server.positions import to_units
from autogen_lint.source import universal_newlines

FIX_ALL = types.CodeActionKind.SourceFixAll + ".autogen-lint"
QUICK_FIX = types.CodeActionKind.QuickFix


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether the client asked for actions of ``kind`` (kinds are dotted hierarchies)."""
    return only is None or any(kind == k or kind.startswith(f"{k}.") for k in only)


@dataclass(frozen=True, slots=True)
class Workspace:
    """What code actions read from the server's workspace."""

    source: Callable[[str], str]
    """The text of an open document, by URI."""
    cells: Callable[[str], list[str] | None]
    """The URIs of the cells of the notebook holding a cell, in order (``None``: not a cell)."""
    path: Callable[[str], Path]
    config: Callable[[Path], Config]
    encoding: str
    """The position encoding agreed with the client."""
    resolves: bool = False
    """The client asks for an action's edit when it is chosen (``codeAction/resolve``)."""


class _Documents:
    """The lines of the documents a fix may edit: the document itself, or a notebook's cells."""

    def __init__(self, workspace: Workspace, uri: str) -> None:
        self.workspace = workspace
        self.uri = uri
        self.cells = workspace.cells(uri)

    def lines(self, uri: str) -> list[str]:
        return universal_newlines(self.workspace.source(uri)).split("\n")

    def target(self, edit: Edit) -> str | None:
        if self.cells is None:
            return self.uri
        return self.cells[edit.cell - 1] if edit.cell is not None and 0 < edit.cell <= len(self.cells) else None

    def workspace_edit(self, edits: Sequence[Edit]) -> types.WorkspaceEdit | None:
        changes: dict[str, list[types.TextEdit]] = {}
        for edit in edits:
            uri = self.target(edit)
            if uri is None:
                return None
            lines = self.lines(uri)
            changes.setdefault(uri, []).append(text_edit(lines, edit, self.workspace.encoding))
        return types.WorkspaceEdit(changes=changes)


def text_edit(lines: Sequence[str], edit: Edit, encoding: str) -> types.TextEdit:
    def position(line: int, col: int) -> types.Position:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return types.Position(line=line - 1, character=to_units(text, col, encoding))

    return types.TextEdit(
        range=types.Range(start=position(edit.line, edit.col), end=position(edit.end_line, edit.end_col)),
        new_text=edit.content,
    )


def code_actions(workspace: Workspace, params: types.CodeActionParams) -> list[types.CodeAction]:
    documents = _Documents(workspace, params.text_document.uri)
    only = params.context.only
    found: list[types.CodeAction] = []
    if wanted(QUICK_FIX, only):
        for diagnostic in params.context.diagnostics:
            if diagnostic.source == SOURCE and isinstance(diagnostic.data, dict):
                found.extend(_for_diagnostic(documents, diagnostic))
    if documents.cells is None and wanted(FIX_ALL, only):
        uri = params.text_document.uri
        if only is None and workspace.resolves:
            # Asked for every kind (as editors do at each cursor move): the edit is made if chosen.
            found.append(types.CodeAction(title=_fix_all_title(workspace, uri), kind=FIX_ALL, data={"fixAll": uri}))
        else:
            fix_all = _fix_all(workspace, uri)
            if fix_all is not None:
                found.append(fix_all)
    return found


def resolve(workspace: Workspace, action: types.CodeAction) -> types.CodeAction:
    """The edit of a fix-all offered without it (none when there is nothing to fix)."""
    uri = action.data.get("fixAll") if isinstance(action.data, dict) else None
    if action.edit is None and isinstance(uri, str):
        found = _fix_all(workspace, uri)
        action.edit = found.edit if found is not None else types.WorkspaceEdit(changes={})
    return action


def _for_diagnostic(documents: _Documents, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
    data = diagnostic.data
    assert isinstance(data, dict)
    code = str(diagnostic.code)
    found = []
    try:
        fix = Fix.from_data(data["fix"]) if data.get("fix") else None
    except (ValueError, TypeError, KeyError):
        fix = None
    if fix is not None and data.get("fixLines") == FROM_RANGE:
        fix = fix._replace(edits=absolute(fix.edits, diagnostic.range.start.line))
    if fix is not None:
        edit = documents.workspace_edit(fix.edits) if fix.edits else None
        suggestion = fix.applicability is Applicability.DISPLAY_ONLY
        title = f"{fix.title} (suggestion)" if suggestion else f"{fix.title} ({code})"
        action = types.CodeAction(
            title=title,
            kind=QUICK_FIX,
            diagnostics=[diagnostic],
            edit=edit,
            is_preferred=fix.applicability is Applicability.SAFE and edit is not None,
        )
        if edit is None:
            action.disabled = types.CodeActionDisabled(reason="a suggestion to apply by hand")
        found.append(action)
    noqa = _disable(documents, diagnostic, code)
    if noqa is not None:
        found.append(noqa)
    return found


def _disable(documents: _Documents, diagnostic: types.Diagnostic, code: str) -> types.CodeAction | None:
    lines = documents.lines(documents.uri)
    line = diagnostic.range.start.line + 1
    if not 0 < line <= len(lines):
        return None
    edit = noqa_edit(lines[line - 1], line, [code])
    if edit is None:
        return None
    change = types.WorkspaceEdit(changes={documents.uri: [text_edit(lines, edit, documents.workspace.encoding)]})
    return types.CodeAction(
        title=f"Disable {code} for this line", kind=QUICK_FIX, diagnostics=[diagnostic], edit=change
    )


def _fix_all(workspace: Workspace, uri: str) -> types.CodeAction | None:
    path = workspace.path(uri)
    config = workspace.config(path)
    item = Found(path, Kind.PYTHON)
    text = universal_newlines(workspace.source(uri))
    outcome = fix_text(text, lambda current: check_text(item, config, current).findings, config.applies)
    if outcome.error is not None or not outcome.changed:
        return None
    edit = _smallest_edit(text, outcome.document)
    return types.CodeAction(
        title=_fix_all_title(workspace, uri),
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={uri: [text_edit(text.split("\n"), edit, workspace.encoding)]}),
    )


def _fix_all_title(workspace: Workspace, uri: str) -> str:
    unsafe = workspace.config(workspace.path(uri)).unsafe_fixes
    return "Fix all autogen-lint findings" + (" (unsafe fixes included)" if unsafe else "")


def _smallest_edit(before: str, after: str) -> Edit:
    """One edit replacing only the lines that differ."""
    old, new = before.split("\n"), after.split("\n")
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    replaced = old[start : len(old) - end]
    content = "\n".join(new[start : len(new) - end])
    if replaced:
        return Edit(start + 1, 0, start + len(replaced), len(replaced[-1]), content)
    # pure insertion of lines before old line ``start`` (or at the very end)
    if start < len(old):
        return Edit(start + 1, 0, start + 1, 0, content + "\n")
    return Edit(len(old), len(old[-1]), len(old), len(old[-1]), "\n" + content)
