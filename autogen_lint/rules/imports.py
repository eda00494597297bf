"""AGL101 / AGL102: imports of the v0.2 ``autogen`` package."""

from __future__ import annotations

import ast

from autogen_lint.checker import TRY_NODES, Checker
from autogen_lint.names import is_v02
from autogen_lint.relevance import V02
from autogen_lint.replacements import GENERIC_ANCHOR, GENERIC_INSTEAD, lookup
from autogen_lint.rules import on
from autogen_lint.semantic import BindingKind

_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


@on(ast.Import, packages=V02, words=())
def v02_import(checker: Checker, node: ast.Import) -> None:
    for alias in node.names:
        if is_v02(alias.name) and not _spared_shim(checker, node):
            report_v02_name(checker, alias, alias.name)


@on(ast.ImportFrom, packages=V02, words=())
def v02_import_from(checker: Checker, node: ast.ImportFrom) -> None:
    module = node.module
    if node.level or module is None or not is_v02(module) or _spared_shim(checker, node):
        return
    for alias in node.names:
        report_v02_name(checker, alias, f"{module}.{alias.name}")


@on(ast.Attribute, packages=V02, words=())
def v02_module_attribute(checker: Checker, node: ast.Attribute) -> None:
    """``autogen.AssistantAgent`` through ``import autogen`` (or ``import autogen.x as y``).

    Reported at the longest attribute chain the replacement table knows; calls that a
    more specific rule reports (``autogen.GroupChat(...)``: AGL601) are left to it.
    """
    if not checker.semantic.imports_v02:
        return
    parent = checker.parent(node)
    if not isinstance(node.ctx, ast.Load) or (isinstance(parent, ast.Attribute) and parent.value is node):
        return
    chain: list[ast.Attribute] = []
    base: ast.expr = node
    while isinstance(base, ast.Attribute):
        chain.append(base)
        base = base.value
    if not isinstance(base, ast.Name) or base.id not in checker.semantic.module_names:
        return
    binding = checker.semantic.lookup(base.id)
    if binding is None or binding.kind is not BindingKind.IMPORT or not is_v02(binding.qualified_name):
        return
    statement = checker.parent(binding.node)
    if isinstance(statement, ast.Import) and _spared_shim(checker, statement):
        return
    for attribute in chain:
        qualified = checker.semantic.resolve_qualified_name(attribute)
        entry = lookup(qualified) if qualified else None
        if entry is None:
            continue
        covered = entry.covered_by and isinstance(parent, ast.Call) and parent.func is attribute
        if not covered:
            assert qualified is not None
            checker.report(entry.code, attribute, anchor=entry.anchor, name=qualified, instead=entry.instead)
        return


def report_v02_name(checker: Checker, node: ast.AST, qualified_name: str) -> None:
    """AGL101 (or AGL102 for features v0.4 lacks) for one v0.2 dotted name."""
    entry = lookup(qualified_name)
    if entry is None:
        checker.report("AGL101", node, anchor=GENERIC_ANCHOR, name=qualified_name, instead=GENERIC_INSTEAD)
    else:
        checker.report(entry.code, node, anchor=entry.anchor, name=qualified_name, instead=entry.instead)


def _spared_shim(checker: Checker, node: ast.Import | ast.ImportFrom) -> bool:
    return not checker.settings.flag_compat_shims and is_compat_shim(checker, node)


def is_compat_shim(checker: Checker, node: ast.stmt) -> bool:
    """``node`` is one branch of a ``try: <import> / except ImportError: <import>`` shim.

    The other branch must import a v0.4 ``autogen_*`` package.
    """
    child: ast.AST = node
    for ancestor in checker.ancestors(node):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            return False
        if isinstance(ancestor, ast.ExceptHandler):
            child = ancestor
            continue
        if isinstance(ancestor, TRY_NODES):
            handlers = [h for h in ancestor.handlers if _catches_import_error(h)]
            if handlers:
                if any(child is stmt for stmt in ancestor.body):
                    return any(_imports_v04(h.body) for h in handlers)
                if any(child is h for h in handlers):
                    return _imports_v04(ancestor.body)
        child = ancestor
    return False


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    if caught is None:
        return True
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(n, ast.Name) and n.id in _IMPORT_ERRORS for n in names)


def _imports_v04(body: list[ast.stmt]) -> bool:
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                modules = [node.module]
            else:
                continue
            if any(m.startswith("autogen_") for m in modules):
                return True
    return False
