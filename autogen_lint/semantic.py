"""Scopes, bindings and qualified-name resolution.

The model is filled in while the engine walks the tree in source order, so a
lookup answers "what does this name mean here": the latest binding visible
from the current scope, following Python's rules (class scopes are skipped by
nested functions; ``global`` and ``nonlocal`` redirect bindings).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autogen_lint.relevance import Packages


class ScopeKind(Enum):
    MODULE = "module"
    CLASS = "class"
    FUNCTION = "function"
    LAMBDA = "lambda"
    COMPREHENSION = "comprehension"


class BindingKind(Enum):
    IMPORT = "import"
    FROM_IMPORT = "from-import"
    STAR_IMPORT = "star-import"
    ASSIGNMENT = "assignment"
    ARGUMENT = "argument"
    FUNCTION = "function"
    CLASS = "class"
    OTHER = "other"


IMPORT_KINDS = frozenset({BindingKind.IMPORT, BindingKind.FROM_IMPORT, BindingKind.STAR_IMPORT})


class Binding:
    """One binding of a name in a scope.

    ``qualified_name`` is what the name stands for when it is (an alias of) an
    import: ``autogen.AssistantAgent`` for ``from autogen import AssistantAgent as A``.
    ``value`` is the expression assigned, for single-target assignments.
    ``instance_of`` is the resolved callee when that value is a call.
    ``references`` are the loads of the name that resolve to this binding, recorded for
    names in ``SemanticModel.tracked``.
    """

    __slots__ = ("instance_of", "kind", "name", "node", "qualified_name", "references", "scope", "value")

    def __init__(
        self,
        name: str,
        kind: BindingKind,
        node: ast.AST,
        scope: Scope,
        *,
        qualified_name: str | None = None,
        value: ast.expr | None = None,
        instance_of: str | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.node = node
        self.scope = scope
        self.qualified_name = qualified_name
        self.value = value
        self.instance_of = instance_of
        self.references: list[ast.Name] = []


class Scope:
    """A module, class, function or comprehension scope and the names bound in it."""

    __slots__ = (
        "attributes",
        "bindings",
        "global_names",
        "kind",
        "node",
        "nonlocal_names",
        "parent",
        "shadowed",
        "star_imports",
    )

    def __init__(self, kind: ScopeKind, node: ast.AST, parent: Scope | None) -> None:
        self.kind = kind
        self.node = node
        self.parent = parent
        self.bindings: dict[str, Binding] = {}
        self.shadowed: list[Binding] = []
        self.global_names: set[str] = set()
        self.nonlocal_names: set[str] = set()
        self.star_imports: list[str] = []
        self.attributes: dict[str, str] = {}

    def all_bindings(self) -> Iterator[Binding]:
        yield from self.shadowed
        yield from self.bindings.values()


class SemanticModel:
    """The scope tree and the bindings seen so far."""

    def __init__(
        self, star_exports: Mapping[str, frozenset[str]], module: ast.AST, relevant: Packages | None = None
    ) -> None:
        self._star_exports = star_exports
        self._relevant = relevant
        self.relevant_names: list[str] = []
        """Names bound since last asked to something from the ``relevant`` packages (an import, an
        alias, an object one built), or to such a name; only kept when ``relevant`` is given."""
        self._relevant_seen: set[str] = set()
        self.star_imported = False
        self.module_scope = Scope(ScopeKind.MODULE, module, None)
        self.scope = self.module_scope
        self.scopes: list[Scope] = [self.module_scope]
        self.imported_modules: set[str] = set()
        self.module_names: set[str] = set()
        """Names an ``import x`` (``import x.y``, ``import x as y``) binds, in any scope."""
        self.tracked: set[str] = set()
        """Names some binding assigned from a call (a client, a coroutine) or a binary operation
        (conditions combined with ``|``): only their
        references are recorded, the ones rules read."""

    # Scopes

    def push_scope(self, kind: ScopeKind, node: ast.AST) -> Scope:
        self.scope = Scope(kind, node, self.scope)
        self.scopes.append(self.scope)
        return self.scope

    def pop_scope(self) -> None:
        assert self.scope.parent is not None, "cannot leave the module scope"
        self.scope = self.scope.parent

    def function_scope(self) -> Scope:
        """The innermost scope that is not a comprehension (where a walrus binds)."""
        scope = self.scope
        while scope.kind is ScopeKind.COMPREHENSION and scope.parent is not None:
            scope = scope.parent
        return scope

    # Bindings

    def bind(
        self,
        name: str,
        kind: BindingKind,
        node: ast.AST,
        *,
        qualified_name: str | None = None,
        value: ast.expr | None = None,
        instance_of: str | None = None,
        scope: Scope | None = None,
    ) -> Binding:
        target = self._binding_scope(name, scope or self.scope)
        binding = Binding(name, kind, node, target, qualified_name=qualified_name, value=value, instance_of=instance_of)
        relevant = self._relevant
        if (
            (qualified_name or instance_of)
            and relevant is not None
            and (relevant.holds(qualified_name) or relevant.holds(instance_of))
        ):
            self._add_relevant(name)
        previous = target.bindings.get(name)
        if previous is not None:
            target.shadowed.append(previous)
        target.bindings[name] = binding
        return binding

    def _binding_scope(self, name: str, scope: Scope) -> Scope:
        if name in scope.global_names:
            return self.module_scope
        if name in scope.nonlocal_names:
            parent = scope.parent
            while parent is not None:
                if parent.kind in (ScopeKind.FUNCTION, ScopeKind.LAMBDA) and name in parent.bindings:
                    return parent
                parent = parent.parent
        return scope

    def _add_relevant(self, name: str) -> None:
        if name not in self._relevant_seen:
            self._relevant_seen.add(name)
            self.relevant_names.append(name)

    def note_relevant(self, name: str, qualified_name: str) -> None:
        """``name`` (an attribute, say) holds what ``qualified_name`` built."""
        relevant = self._relevant
        if relevant is not None and relevant.holds(qualified_name):
            self._add_relevant(name)

    def note_alias(self, name: str, source: str | None) -> None:
        """``name = source``: a name for whatever ``source`` holds (``None``: surely relevant)."""
        if source is None or source in self._relevant_seen:
            self._add_relevant(name)

    def mentions_relevant(self, expr: ast.expr) -> bool:
        """``expr`` (an annotation, say) names a relevant name, or a string in it may."""
        seen = self._relevant_seen
        pending = [expr]
        while pending:
            node = pending.pop()
            if isinstance(node, ast.Name):
                if node.id in seen:
                    return True
            elif isinstance(node, ast.Attribute):
                pending.append(node.value)
            elif isinstance(node, ast.Subscript):
                pending += (node.value, node.slice)
            elif isinstance(node, ast.BinOp):
                pending += (node.left, node.right)
            elif isinstance(node, ast.Tuple):
                pending += node.elts
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and any(n in node.value for n in seen):
                return True
        return False

    def record_import(self, module: str) -> None:
        self.imported_modules.add(module.partition(".")[0])

    def add_star_import(self, module: str) -> None:
        self.scope.star_imports.append(module)
        self.star_imported = True

    # Lookups

    def lookup(self, name: str, scope: Scope | None = None) -> Binding | None:
        """The binding ``name`` refers to from ``scope`` (default: the current one)."""
        start = scope or self.scope
        if name in start.global_names:
            return self.module_scope.bindings.get(name)
        current: Scope | None = start
        while current is not None:
            if current is start or current.kind is not ScopeKind.CLASS:
                binding = current.bindings.get(name)
                if binding is not None:
                    return binding
            current = current.parent
        return None

    def star_import_source(self, name: str, scope: Scope | None = None) -> str | None:
        """The module a free name comes from through a known ``import *``, if any."""
        current: Scope | None = scope or self.scope
        while current is not None:
            for module in reversed(current.star_imports):
                if name in self._star_exports.get(module, ()):
                    return module
            current = current.parent
        return None

    def resolve_qualified_name(self, expr: ast.expr, scope: Scope | None = None) -> str | None:
        """``autogen.agentchat.AssistantAgent`` for ``ag.agentchat.AssistantAgent`` and the like.

        Only names that come from an import (directly, through an alias
        assignment, or through a known star import) resolve; anything local,
        a parameter or an attribute of a value gives ``None``.
        """
        attributes: list[str] = []
        while isinstance(expr, ast.Attribute):
            attributes.append(expr.attr)
            expr = expr.value
        if not isinstance(expr, ast.Name):
            return None
        binding = self.lookup(expr.id, scope)
        if binding is not None:
            base = binding.qualified_name
        else:
            module = self.star_import_source(expr.id, scope)
            base = f"{module}.{expr.id}" if module else None
        if base is None:
            return None
        if attributes:
            return ".".join((base, *reversed(attributes)))
        return base

    def instance_of(self, expr: ast.expr) -> str | None:
        """The resolved constructor of the value a name (or ``self.attr``) holds, if known."""
        if isinstance(expr, ast.Name):
            binding = self.lookup(expr.id)
            return binding.instance_of if binding is not None else None
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            owner = self.enclosing_class_of_self(expr.value.id)
            if owner is not None:
                return owner.attributes.get(expr.attr)
        return None

    def enclosing_class_of_self(self, name: str) -> Scope | None:
        """The class scope when ``name`` is the first parameter of the current method."""
        scope = self.function_scope()
        if scope.kind is not ScopeKind.FUNCTION or scope.parent is None or scope.parent.kind is not ScopeKind.CLASS:
            return None
        node = scope.node
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        params = [*node.args.posonlyargs, *node.args.args]
        if not params or params[0].arg != name:
            return None
        binding = scope.bindings.get(name)
        if binding is None or binding.kind is not BindingKind.ARGUMENT:
            return None
        return scope.parent

    # Module facts

    @property
    def imports_v02(self) -> bool:
        """The module imports the v0.2 ``autogen`` package somewhere."""
        return "autogen" in self.imported_modules

    @property
    def imports_autogen(self) -> bool:
        """The module imports ``autogen`` or an ``autogen_*`` package somewhere."""
        return any(m == "autogen" or m.startswith("autogen_") for m in self.imported_modules)
