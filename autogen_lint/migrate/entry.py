"""A module-level program moved into ``def main():`` (run by the main guard), so its chats can be awaited.

A program that only asks an agent for one reply (``generate_reply``) moves too: v0.4 awaits it.

A main guard that calls a method of a class keeping v0.2 agents on ``self`` (``print(Owner().run())``)
moves alone, so that the method can be awaited and the object closed.

Only when it is safe: no ``global``/``nonlocal``, no ``main`` already, and no statement left at
the top level reads or binds a name the moved statements bind (functions and classes that read
such names move into ``main()`` with them).
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

import libcst as cst

from autogen_lint.migrate.imports import Imports, dotted, walk
from autogen_lint.migrate.scope import free_names
from autogen_lint.migrate.statements import BlankLines, bound_by, is_main_guard, method, one_blank_line, visited


def into_main(module: cst.Module, tree: ast.Module, imports: Imports) -> tuple[cst.Module, dict[int, int]] | None:
    """The module with its program in ``def main():``, and the new-to-old ids of the moved statements."""
    body = list(module.body)
    if len(body) != len(tree.body):
        return None
    if any(isinstance(node, ast.Global | ast.Nonlocal) for node in ast.walk(tree)):
        return None
    if any("main" in bound_by(node) for node in tree.body):
        return None
    guard = len(body) - 1 if body and is_main_guard(body[-1]) else None
    first = next(
        (
            index
            for index, item in enumerate(body)
            if index != guard and not _definition(item) and not _import(item) and _autogen(item, imports)
        ),
        None,
    )
    if first is None:
        if guard is None or not _owner_method_call(body[guard], body, imports):
            return None
        guarded_names = bound_by(tree.body[guard])
        if any(free_names(node) & guarded_names for index, node in enumerate(tree.body) if index != guard):
            return None
        first, moved = guard, set()  # only the main guard moves
    else:
        moved = _region(body, first, guard)
        first = _configurations(body, tree, first, moved)
        moved = _region(body, first, guard)
        if not any(_chat(body[index], imports) for index in moved) and not (
            guard is not None and _chat(body[guard], imports)
        ):
            return None
        moved -= _aliases(tree, moved)
    while True:
        names = {name for index in moved for name in bound_by(tree.body[index])}
        more = {
            index
            for index, item in enumerate(body)
            if index not in moved and _definition(item) and index > first and free_names(tree.body[index]) & names
        }
        if not more:
            break
        moved |= more
    for index, node in enumerate(tree.body):
        if index in moved:
            continue
        if index == guard:
            continue
        if bound_by(node) & names or (free_names(node) & names and not _import(body[index])):
            return None
    inside: list[cst.BaseStatement] = []
    renamed: dict[int, int] = {}
    for index in sorted(moved):
        item = body[index]
        above = _leading(item)
        lines = one_blank_line(above) if inside else [line for line in above if line.comment is not None]
        new = visited(item.with_changes(leading_lines=lines), BlankLines())
        renamed[id(new)] = id(item)
        inside.append(new)
    if guard is not None:
        guarded = cst.ensure_type(body[guard], cst.If)
        for statement in cst.ensure_type(guarded.body, cst.IndentedBlock).body:
            new = visited(statement, BlankLines())
            renamed[id(new)] = id(statement)
            inside.append(new)
    function = cst.ensure_type(cst.parse_statement("def main() -> None:\n    pass\n"), cst.FunctionDef)
    function = function.with_changes(
        body=function.body.with_changes(body=inside), leading_lines=[cst.EmptyLine(), cst.EmptyLine()]
    )
    call = cst.ensure_type(cst.parse_statement('if __name__ == "__main__":\n    main()\n'), cst.If)
    call = call.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
    kept: list[cst.BaseStatement] = [item for index, item in enumerate(body) if index not in moved and index != guard]
    return module.with_changes(body=[*kept, function, call]), renamed


def _aliases(tree: ast.Module, moved: set[int]) -> set[int]:
    """Moved ``Name = <expression>`` statements that stay at the top level: type aliases and constants.

    Their value calls nothing and reads no name the program binds, and nothing else binds their
    name, so running them before the program changes nothing; a tool's annotations then find
    them among the module's globals, where v0.4's ``FunctionTool`` looks.
    """
    count = {name: sum(name in bound_by(node) for node in tree.body) for node in tree.body for name in bound_by(node)}
    stay: set[int] = set()
    while True:
        names = {name for index in moved - stay for name in bound_by(tree.body[index])}
        more = {
            index
            for index in moved - stay
            for node in [tree.body[index]]
            if isinstance(node, ast.Assign | ast.AnnAssign)
            and len(targets := node.targets if isinstance(node, ast.Assign) else [node.target]) == 1
            and isinstance(targets[0], ast.Name)
            and count.get(targets[0].id) == 1
            and node.value is not None
            and _plain(node.value)
            and not free_names(node.value) & (names - {targets[0].id})
        }
        if not more:
            return stay
        stay |= more


def _plain(node: ast.expr) -> bool:
    """An expression that only reads names and constants (no call, no comprehension, no lambda)."""
    return all(isinstance(inner, _PLAIN) for inner in ast.walk(node))


_PLAIN: tuple[type[ast.AST], ...] = (ast.Name, ast.Constant, ast.Attribute, ast.Subscript, ast.Tuple, ast.List)
_PLAIN += (ast.BinOp, ast.Slice, ast.expr_context, ast.operator)


def _region(body: Sequence[cst.BaseStatement], first: int, guard: int | None) -> set[int]:
    return {
        index
        for index in range(first, len(body))
        if index != guard and not _definition(body[index]) and not _import(body[index])
    }


def _configurations(body: Sequence[cst.BaseStatement], tree: ast.Module, first: int, moved: set[int]) -> int:
    """The first statement to move: earlier ``name = ...`` statements only the program reads join it."""
    read = {name for index in moved for name in free_names(tree.body[index])}
    while first > 0:
        index = first - 1
        while index >= 0 and (_definition(body[index]) or _import(body[index])):
            index -= 1
        node = tree.body[index] if index >= 0 else None
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            break
        name = node.targets[0].id
        before = [
            other
            for position, other in enumerate(tree.body)
            if position < index and not isinstance(other, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        ]
        if name not in read or any(name in free_names(other) | bound_by(other) for other in before):
            break
        read |= free_names(node)
        first = index
    return first


def _leading(item: cst.BaseStatement) -> list[cst.EmptyLine]:
    assert isinstance(item, cst.SimpleStatementLine | cst.BaseCompoundStatement)
    return list(item.leading_lines)


def _definition(item: cst.BaseStatement) -> bool:
    return isinstance(item, cst.FunctionDef | cst.ClassDef)


def _import(item: cst.BaseStatement) -> bool:
    return isinstance(item, cst.SimpleStatementLine) and all(
        isinstance(s, cst.Import | cst.ImportFrom) for s in item.body
    )


def _autogen(item: cst.BaseStatement, imports: Imports) -> bool:
    return any(
        isinstance(node, cst.Call) and (imports.v02(node.func) is not None or method(node) == "initiate_chat")
        for node in walk(item)
    )


def _owner_method_call(guard: cst.BaseStatement, body: Sequence[cst.BaseStatement], imports: Imports) -> bool:
    """Whether the main guard calls a method of a class that keeps v0.2 objects on ``self`` (``Owner().run()``).

    Such a call may be inside an expression, where ``asyncio.run`` cannot go, and the object may
    hold a model client to close: inside ``main()`` it can be awaited and closed.
    """
    classes = {item.name.value for item in body if isinstance(item, cst.ClassDef) and _keeps_v02(item, imports)}
    nodes = walk(guard)
    if any(isinstance(node, cst.Call) and dotted(node.func) == "asyncio.run" for node in nodes):
        return False  # a loop is run here already: the guard stays as it is
    instances = {
        target.target.value
        for node in nodes
        if isinstance(node, cst.Assign) and isinstance(node.value, cst.Call) and dotted(node.value.func) in classes
        for target in node.targets
        if isinstance(target.target, cst.Name)
    }
    return any(
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and (
            (isinstance(node.func.value, cst.Call) and dotted(node.func.value.func) in classes)
            or (isinstance(node.func.value, cst.Name) and node.func.value.value in instances)
        )
        for node in nodes
    )


def _keeps_v02(cls: cst.ClassDef, imports: Imports) -> bool:
    """Whether a method of ``cls`` sets ``self.x = <v0.2 call>`` (an agent kept on the object)."""
    return any(
        isinstance(node, cst.Assign)
        and isinstance(node.value, cst.Call)
        and imports.v02(node.value.func) is not None
        and any((dotted(t.target) or "").startswith("self.") for t in node.targets)
        for node in walk(cls)
    )


def _chat(item: cst.BaseStatement, imports: Imports) -> bool:
    """Whether ``item`` talks to an agent: a chat (``initiate_chat``, v0.2's ``initiate_chats``) or one reply."""
    return any(
        isinstance(node, cst.Call)
        and (
            method(node) in ("initiate_chat", "initiate_chats", "generate_reply")
            or imports.v02(node.func) == "initiate_chats"
        )
        for node in walk(item)
    )
