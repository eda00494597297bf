"""AGL701 / AGL702: v0.4 model clients that are never closed, or not closed on every path."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker
from autogen_lint.clients import (
    ClientUsage,
    client_bindings,
    is_client_constructor,
    is_wrapper,
    usage_of,
    wrapped_reference,
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


@on(ast.Call)
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


@on(ast.With, ast.AsyncWith)
def client_context_manager(checker: Checker, node: ast.With | ast.AsyncWith) -> None:
    statement = "async with" if isinstance(node, ast.AsyncWith) else "with"
    for item in node.items:
        expr = item.context_expr
        if is_client_constructor(checker.constructor_of(expr)):
            checker.report("AGL704", expr, statement=statement, instead=_TRY_FINALLY)


@at_end
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
        if usage.handed_out:
            return
        for binding in members:
            assert binding.value is not None
            name = binding.name
            subject = f"model client `{name}`"
            checker.report("AGL701", binding.value, subject=subject, instead=_CLOSE_IN_FINALLY.format(name=name))
        return
    if usage.guaranteed:
        return
    for call, _ in usage.closes:
        if checker.notebook and checker.at_top_level(call):
            continue  # a failing cell leaves the kernel running: the closing cell can still be run
        func = call.func  # ``client.close()``, or a helper of the module that closes it
        name = ast.unparse(func.value) if isinstance(func, ast.Attribute) else members[0].name
        checker.report("AGL702", call, name=name, instead=_GUARANTEE.format(name=name))


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
