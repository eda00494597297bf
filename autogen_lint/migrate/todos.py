"""``# TODO(autogen-lint AGLnnn): <what to do> <guide link>`` comments above kept statements."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from autogen_lint.migrate.refusal import Todo

PREFIX = "# TODO(autogen-lint "


def todo_text(todo: Todo, link: Callable[[str], str]) -> str:
    """The comment's text; ``link`` maps a rule code, or ``#anchor``, to its guide link."""
    url = todo.url or link(f"#{todo.section}" if todo.section else todo.code)
    return f"{PREFIX}{todo.code}): {todo.what} {url}"


def with_todos(statement: cst.BaseStatement, todos: Sequence[Todo], link: Callable[[str], str]) -> cst.BaseStatement:
    """``statement`` with one comment line per TODO, after its own leading comments."""
    if not todos:
        return statement
    unique = list(dict.fromkeys(todos))
    lines = [cst.EmptyLine(comment=cst.Comment(todo_text(todo, link))) for todo in unique]
    return statement.with_changes(leading_lines=[*leading(statement), *lines])


def leading(statement: cst.BaseStatement) -> list[cst.EmptyLine]:
    """The blank and comment lines above a statement."""
    assert isinstance(statement, cst.SimpleStatementLine | cst.BaseCompoundStatement)
    return list(statement.leading_lines)
