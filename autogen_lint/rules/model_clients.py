"""AGL701 / AGL702: v0.4 model clients that are never closed, or not closed on every path."""

from __future__ import annotations

import ast
import re

from autogen_lint.catalog import RULES
from autogen_lint.checker import Checker
from autogen_lint.clients import (
    CLIENT_SUFFIX,
    LOADER,
    WRAPPERS,
    ClientUsage,
    client_bindings,
    is_client_constructor,
    is_wrapper,
    usage_of,
    wrapped_reference,
)
from autogen_lint.findings import Edit, Fix
from autogen_lint.names import leaf
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rewrite import (
    block_of,
    can_await,
    ends_line,
    indent_of,
    wrap_in_try_finally,
)
from autogen_lint.rules import at_end, on
from autogen_lint.semantic import Binding, Scope

_CLOSE_IN_FINALLY = "call `await {name}.close()` in a `finally` block once you are done with it"
_INLINE = (
    "bind it to a name and `await` its `close()` in a `finally` block; "
    "agents and teams never close the client they are given"
)
_TRY_FINALLY = "create the client, then `await client.close()` in a `finally` block"
_GUARANTEE = "call it in a `finally` block or register it with `AsyncExitStack.push_async_callback({name}.close)`"


@on(ast.Call, callees=(f"*{CLIENT_SUFFIX}", *(leaf(w) for w in WRAPPERS), LOADER), packages=AUTOGEN)
def inline_client(checker: Checker, node: ast.Call) -> None:
    """A client built as another call's argument: nobody holds it, so nobody can close it."""
    if not is_client_constructor(checker.callee(node)):
        return
    parent = checker.parent(node)
    outer = checker.parent(parent) if isinstance(parent, ast.keyword) else parent
    if not isinstance(outer, ast.Call) or outer.func is node:
        return
    if is_wrapper(checker.callee(outer)):
        return  # the wrapper closes the client it wraps
    checker.report("AGL701", node, subject="a model client built inline as an argument", instead=_INLINE)


@on(ast.With, ast.AsyncWith, packages=AUTOGEN, words=())
def client_context_manager(checker: Checker, node: ast.With | ast.AsyncWith) -> None:
    statement = "async with" if isinstance(node, ast.AsyncWith) else "with"
    for item in node.items:
        expr = item.context_expr
        if is_client_constructor(checker.constructor_of(expr)):
            fix = _without_context_manager(checker, node, statement)
            checker.report("AGL704", expr, statement=statement, instead=_TRY_FINALLY, fix=fix)


_HEADER_END = r"\s*:\s*(#.*)?"  # compiled for the first fix that reads a header


def _without_context_manager(checker: Checker, node: ast.With | ast.AsyncWith, statement: str) -> Fix | None:
    """``c = Client(...)`` and ``try:`` for the header, ``finally: await c.close()`` after the body."""
    if len(node.items) != 1 or not can_await(checker, node):
        return None
    item = node.items[0]
    name, expr = item.optional_vars, item.context_expr
    indent = indent_of(checker, node)
    expr_text = checker.node_text(expr)
    if not isinstance(name, ast.Name) or indent is None or expr_text is None or not ends_line(checker, node.body[-1]):
        return None
    _, _, end_line, end_col = checker.span(name)
    header = checker.source_line(end_line)
    body_indent = indent_of(checker, node.body[0])
    if header is None or re.fullmatch(_HEADER_END, header[end_col:]) is None or node.body[0].lineno <= end_line:
        return None
    if body_indent is None or not body_indent.startswith(indent) or body_indent == indent:
        return None
    colon = end_col + header[end_col:].index(":")
    line, col, _, _ = checker.span(node)
    _, _, last_line, _ = checker.span(node.body[-1])
    last = checker.source_line(last_line)
    assert last is not None
    unit = body_indent[len(indent) :]
    edits = (
        Edit(line, col, end_line, colon + 1, f"{name.id} = {expr_text}\n{indent}try:"),
        Edit(last_line, len(last), last_line, len(last), f"\n{indent}finally:\n{indent}{unit}await {name.id}.close()"),
    )
    return RULES["AGL704"].make_fix(edits, statement=statement, name=name.id)


@at_end(packages=AUTOGEN)
def unclosed_clients(checker: Checker) -> None:
    clients = client_bindings(checker)
    if not clients:
        return
    groups = _Groups(clients)
    owner = {reference: binding for binding in clients for reference in binding.references}
    for binding in clients:
        inner = wrapped_reference(binding)
        if inner is not None and inner in owner:
            groups.join(binding, owner[inner])
    for members in groups.groups():
        usage = ClientUsage()
        for key_binding in {(b.scope, b.name): b for b in members}.values():
            usage.merge(usage_of(checker, key_binding))
        _report(checker, members, usage)


def _report(checker: Checker, members: list[Binding], usage: ClientUsage) -> None:
    if not usage.closed:
        if usage.handed_out or all(_exported(checker, binding) for binding in members):
            return
        for binding in members:
            assert binding.value is not None
            name = binding.name
            subject = f"model client `{name}`"
            fix = _close_in_finally(checker, binding) if len(members) == 1 else None
            instead = _CLOSE_IN_FINALLY.format(name=name)
            checker.report("AGL701", binding.value, subject=subject, instead=instead, fix=fix)
        return
    if usage.guaranteed:
        return
    for call, _ in usage.closes:
        if checker.notebook and checker.at_top_level(call):
            continue  # a failing cell leaves the kernel running: the closing cell can still be run
        func = call.func  # ``client.close()``, or a helper of the module that closes it
        name = ast.unparse(func.value) if isinstance(func, ast.Attribute) else members[0].name
        fix = _move_close(checker, members[0], call) if len(members) == 1 and len(usage.closes) == 1 else None
        checker.report("AGL702", call, name=name, instead=_GUARANTEE.format(name=name), fix=fix)


def _exported(checker: Checker, binding: Binding) -> bool:
    """A client bound at the top level of a module that runs no program: the modules importing it own it."""
    if checker.notebook or binding.value is None or not checker.at_top_level(binding.value):
        return False
    return not any(_runs(node) for node in checker.tree.body)


def _runs(node: ast.stmt) -> bool:
    """A top-level statement that runs a program: a main guard, or a call of ``asyncio.run``."""
    if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
        return True
    return any(
        isinstance(inner, ast.Call) and ast.unparse(inner.func) in ("asyncio.run", "run") for inner in ast.walk(node)
    )


def _creation(checker: Checker, binding: Binding) -> tuple[list[ast.stmt], int] | None:
    """The block and index of ``name = Client(...)``, in an ``async def`` or a notebook cell."""
    statement = checker.parent(binding.value) if binding.value is not None else None
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1 or statement.targets[0] is not binding.node:
        return None
    if not can_await(checker, statement):
        return None
    return block_of(checker, statement)


def _close_in_finally(checker: Checker, binding: Binding) -> Fix | None:
    """Wrap what follows the client's creation in its block in ``try``/``finally: await c.close()``."""
    found = _creation(checker, binding)
    if found is None:
        return None
    block, index = found
    rest = block[index + 1 :]
    edit = wrap_in_try_finally(checker, rest, f"await {binding.name}.close()") if rest else None
    return RULES["AGL701"].make_fix((edit,), name=binding.name) if edit else None


def _move_close(checker: Checker, binding: Binding, call: ast.Call) -> Fix | None:
    """Wrap the statements between the creation and ``await c.close()`` in ``try``, the close in ``finally``."""
    found = _creation(checker, binding)
    awaited = checker.parent(call)
    close = checker.parent(awaited) if isinstance(awaited, ast.Await) else None
    if found is None or not isinstance(close, ast.Expr):
        return None
    block, index = found
    end = next((i for i, statement in enumerate(block) if statement is close), None)
    if end is None or end <= index + 1:
        return None
    edit = wrap_in_try_finally(checker, block[index + 1 : end], through=close)
    return RULES["AGL702"].make_fix((edit,), name=binding.name) if edit else None


class _Groups:
    """Union-find over (scope, name): a wrapper and the client it wraps are closed together."""

    def __init__(self, bindings: list[Binding]) -> None:
        self._bindings = bindings
        self._parent: dict[tuple[Scope, str], tuple[Scope, str]] = {}

    def _root(self, key: tuple[Scope, str]) -> tuple[Scope, str]:
        while self._parent.get(key, key) != key:
            key = self._parent[key]
        return key

    def join(self, a: Binding, b: Binding) -> None:
        root_a, root_b = self._root((a.scope, a.name)), self._root((b.scope, b.name))
        if root_a != root_b:
            self._parent[root_b] = root_a

    def groups(self) -> list[list[Binding]]:
        grouped: dict[tuple[Scope, str], list[Binding]] = {}
        for binding in self._bindings:
            grouped.setdefault(self._root((binding.scope, binding.name)), []).append(binding)
        return list(grouped.values())
