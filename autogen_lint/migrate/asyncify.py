"""Functions that now ``await``: made ``async def``, their callers in the file followed.

A call from another function is awaited (that function becomes async in turn); a call at the
module's top level (the main guard, a module-level call) is run with ``asyncio.run`` (awaited
in a notebook, whose cells may ``await`` at the top level). A web
framework's handler (FastAPI, Chainlit) or a Gradio callback may be async as it is. Anything
else (a generator, a property, ``__init__``, a function passed where the codemod cannot see how
it is called) blocks the change, and the chats in that function stay with a TODO saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import libcst as cst

from autogen_lint.migrate.imports import dotted, module_nodes, module_parents

ROUTE_METHODS = frozenset(
    {"get", "post", "put", "delete", "patch", "websocket", "route", "api_route", "on_event", "head", "options"}
)
"""``@app.get(...)``-style decorators of FastAPI/Starlette/Quart, whose handlers may be ``async def``."""
ASYNC_FRAMEWORKS = ("cl.", "chainlit.")
"""Chainlit's ``@cl.on_message`` and friends accept ``async def`` handlers."""
GRADIO_EVENTS = frozenset({"click", "submit", "change", "then", "load", "select", "input", "success"})
PLAIN_DECORATORS = frozenset({"staticmethod", "classmethod"})
TOP_LEVEL = "the chat runs at the module's top level, which cannot `await`: move it into `async def main()`"

Scope = cst.Module | cst.FunctionDef


@dataclass
class Calls:
    """Where each function of the module is called or referred to."""

    module: cst.Module
    parents: Mapping[cst.CSTNode, cst.CSTNode]
    functions: dict[str, cst.FunctionDef] = field(default_factory=dict)
    """Module-level functions by name (bound once)."""
    methods: dict[tuple[int, str], cst.FunctionDef] = field(default_factory=dict)
    owner: dict[int, cst.ClassDef] = field(default_factory=dict)
    """The class of each method (by the method's id)."""
    _blockers: dict[int, str | None] = field(default_factory=dict)
    names: dict[str, list[cst.Name]] = field(default_factory=dict)
    attributes: dict[str, list[cst.Attribute]] = field(default_factory=dict)
    generators: set[int] = field(default_factory=set)
    """Functions (ids) with a ``yield`` of their own."""
    top_level_await: bool = False
    """The module's top level may ``await`` (a notebook's cells): calls there are awaited, not run."""

    @classmethod
    def of(cls, module: cst.Module, *, top_level_await: bool = False) -> Calls:
        calls = cls(module, module_parents(module), top_level_await=top_level_await)
        counts: dict[str, int] = {}
        for node in module_nodes(module):
            if isinstance(node, cst.FunctionDef | cst.ClassDef):
                counts[node.name.value] = counts.get(node.name.value, 0) + 1
            elif isinstance(node, cst.Name):
                calls.names.setdefault(node.value, []).append(node)
            elif isinstance(node, cst.Attribute):
                calls.attributes.setdefault(node.attr.value, []).append(node)
            elif isinstance(node, cst.Yield):
                holder = calls.scope_of(node)
                if isinstance(holder, cst.FunctionDef):
                    calls.generators.add(id(holder))
        for statement in module.body:
            if isinstance(statement, cst.FunctionDef) and counts[statement.name.value] == 1:
                calls.functions[statement.name.value] = statement
            if isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock):
                for item in statement.body.body:
                    if isinstance(item, cst.FunctionDef):
                        calls.methods[(id(statement), item.name.value)] = item
                        calls.owner[id(item)] = statement
        return calls

    def scope_of(self, node: cst.CSTNode) -> Scope | cst.Lambda | cst.ClassDef | None:
        current = self.parents.get(node)
        while current is not None and not isinstance(current, cst.Module | cst.FunctionDef | cst.Lambda | cst.ClassDef):
            current = self.parents.get(current)
        return current

    def blocker(self, function: Scope) -> str | None:
        """Why ``function`` cannot come to ``await``, or ``None``."""
        if isinstance(function, cst.Module):
            return None if self.top_level_await else TOP_LEVEL
        key = id(function)
        if key in self._blockers:
            return self._blockers[key]
        self._blockers[key] = None  # a cycle of calls blocks nothing by itself
        found = self._blocker(function)
        self._blockers[key] = found
        return found

    def _blocker(self, function: cst.FunctionDef) -> str | None:
        name = function.name.value
        if function.asynchronous is not None:
            return None
        if id(function) in self.generators:
            return f"`{name}` is a generator: an async generator changes how it is used"
        framework = False
        for decorator in function.decorators:
            what = dotted(
                decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
            )
            if what in PLAIN_DECORATORS:
                continue
            if what is not None and (what.rpartition(".")[2] in ROUTE_METHODS or what.startswith(ASYNC_FRAMEWORKS)):
                framework = True
                continue
            return f"`{name}` is decorated with `@{what or '...'}`, which may not accept `async def`"
        owner = self.owner.get(id(function))
        if owner is not None and name.startswith("__"):
            return f"`{name}` cannot be `async def`"
        if framework:
            return None
        for reference, scope in self._references(function):
            found = self._reference_blocker(name, reference, scope, owner)
            if found is not None:
                return found
        return None

    def _references(
        self, function: cst.FunctionDef
    ) -> list[tuple[cst.CSTNode, Scope | cst.Lambda | cst.ClassDef | None]]:
        name = function.name.value
        owner = self.owner.get(id(function))
        found: list[tuple[cst.CSTNode, Scope | cst.Lambda | cst.ClassDef | None]] = []
        for node in [*self.names.get(name, ()), *self.attributes.get(name, ())]:
            if owner is None and isinstance(node, cst.Name) and node.value == name:
                parent = self.parents.get(node)
                if isinstance(parent, cst.FunctionDef | cst.ClassDef) and parent.name is node:
                    continue
                if isinstance(parent, cst.Attribute) and parent.attr is node:
                    continue
                if isinstance(parent, cst.ImportAlias | cst.AsName | cst.Param | cst.Arg) and not (
                    isinstance(parent, cst.Arg) and parent.value is node
                ):
                    continue
                found.append((node, self.scope_of(node)))
            elif owner is not None and isinstance(node, cst.Attribute) and node.attr.value == name:
                found.append((node, self.scope_of(node)))
        return found

    def _reference_blocker(
        self,
        name: str,
        reference: cst.CSTNode,
        scope: Scope | cst.Lambda | cst.ClassDef | None,
        owner: cst.ClassDef | None = None,
    ) -> str | None:
        parent = self.parents.get(reference)
        if isinstance(parent, cst.Call) and parent.func is reference:
            if isinstance(reference, cst.Attribute) and not self._own_receiver(reference, scope, owner):
                return f"`{dotted(reference) or name}()` is called on an object the codemod cannot follow"
            if isinstance(scope, cst.Lambda | cst.ClassDef) or scope is None:
                return f"`{name}()` is called where `await` cannot go"
            if self._in_generator(parent):
                return f"`{name}()` is called inside a generator expression"
            if isinstance(scope, cst.Module):
                return (
                    None
                    if self.top_level_await or self._statement_call(parent)
                    else f"`{name}()` is called inside an expression at the top level"
                )
            return self.blocker(scope)
        holder = self.parents.get(parent) if isinstance(parent, cst.Arg) else None
        if isinstance(holder, cst.Call):
            callee = dotted(holder.func) or ""
            if callee.startswith(("gr.", "gradio.")) or callee.rpartition(".")[2] in GRADIO_EVENTS:
                return None  # Gradio awaits async callbacks
            return f"`{name}` is passed to `{callee or '...'}`, which may not await it"
        return f"`{name}` is used where the codemod cannot see how it is called"

    def _own_receiver(self, reference: cst.Attribute, scope: object, owner: cst.ClassDef | None) -> bool:
        """``self.m()`` in a method of the same class, or ``Owner(...).m()``."""
        receiver = reference.value
        if owner is not None and isinstance(receiver, cst.Call) and dotted(receiver.func) == owner.name.value:
            return True
        if owner is not None and isinstance(receiver, cst.Name) and self._instance(receiver.value, scope, owner):
            return True
        return dotted(receiver) in ("self", "cls") and self.owner.get(id(scope)) is owner

    def _instance(self, name: str, scope: object, owner: cst.ClassDef) -> bool:
        """Whether every binding of ``name`` in ``scope`` is ``name = Owner(...)``."""
        bindings = [
            node
            for node in self.names.get(name, ())
            if isinstance(self.parents.get(node), cst.AssignTarget | cst.Param | cst.For | cst.With | cst.AsName)
            and self.scope_of(node) is scope
        ]
        if not bindings:
            return False
        for node in bindings:
            target = self.parents.get(node)
            assign = self.parents.get(target) if isinstance(target, cst.AssignTarget) else None
            if not isinstance(assign, cst.Assign) or not isinstance(assign.value, cst.Call):
                return False
            if dotted(assign.value.func) != owner.name.value:
                return False
        return True

    def _in_generator(self, node: cst.CSTNode) -> bool:
        current = self.parents.get(node)
        while current is not None and not isinstance(current, cst.FunctionDef | cst.Module | cst.Lambda):
            if isinstance(current, cst.GeneratorExp):
                return True
            current = self.parents.get(current)
        return False

    def _statement_call(self, call: cst.Call) -> bool:
        parent = self.parents.get(call)
        return isinstance(parent, cst.Expr) or (isinstance(parent, cst.Assign) and parent.value is call)

    def spread(self, awaiting: set[int], scopes: Mapping[int, Scope]) -> Spread:
        """The functions to make async and the calls to await or run, from the scopes that await."""
        spread = Spread()
        pending = [scopes[key] for key in awaiting]
        while pending:
            function = pending.pop()
            if not isinstance(function, cst.FunctionDef) or function.asynchronous is not None:
                continue
            if id(function) in spread.made_async:
                continue
            spread.made_async.add(id(function))
            if any(
                isinstance(d.decorator, cst.Call | cst.Attribute | cst.Name)
                and dotted(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator)
                not in PLAIN_DECORATORS
                for d in function.decorators
            ):
                continue  # a framework's handler: the framework awaits it
            for reference, scope in self._references(function):
                parent = self.parents.get(reference)
                if not (isinstance(parent, cst.Call) and parent.func is reference):
                    continue
                owner = self.owner.get(id(function))
                if isinstance(reference, cst.Attribute) and not self._own_receiver(reference, scope, owner):
                    continue
                if isinstance(scope, cst.Module) and not self.top_level_await:
                    spread.run.add(id(parent))
                elif isinstance(scope, cst.Module | cst.FunctionDef):
                    spread.awaited.add(id(parent))
                    holder = self.parents.get(parent)
                    if not isinstance(holder, cst.Expr | cst.Assign | cst.Return | cst.Arg | cst.AnnAssign):
                        spread.parenthesized.add(id(parent))
                    pending.append(scope)
        return spread


@dataclass
class Spread:
    made_async: set[int] = field(default_factory=set)
    awaited: set[int] = field(default_factory=set)
    run: set[int] = field(default_factory=set)
    parenthesized: set[int] = field(default_factory=set)
