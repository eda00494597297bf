"""Small questions rules ask about calls, keywords and dictionary keys."""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator

from autogen_lint.checker import Checker, Gate
from autogen_lint.names import is_autogen, is_v02, leaf


def method_call(checker: Checker, call: ast.Call, names: Collection[str]) -> str | None:
    """The method name when ``call`` is ``<value>.name(...)`` on a value (not a module attribute)."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in names and checker.callee(call) is None:
        return func.attr
    return None


def v02_callee(checker: Checker, call: ast.Call, names: Collection[str]) -> str | None:
    """The qualified name when ``call`` calls a v0.2 ``autogen`` name whose last part is in ``names``."""
    if not checker.semantic.imports_v02:  # nothing can resolve into a package never imported
        return None
    qualified = checker.callee(call)
    if qualified is not None and is_v02(qualified) and leaf(qualified) in names:
        return qualified
    return None


def keyword_gate(checker: Checker, call: ast.Call, module_gate: Gate = Gate.AUTOGEN) -> Gate:
    """A keyword of a call to an AutoGen name always counts; elsewhere only in AutoGen modules."""
    return Gate.NONE if is_autogen(checker.callee(call)) else module_gate


def keywords(call: ast.Call, names: Collection[str]) -> Iterator[ast.keyword]:
    return (keyword for keyword in call.keywords if keyword.arg in names)


def string_keys(node: ast.Dict, names: Collection[str]) -> Iterator[ast.Constant]:
    """Keys of a dict display that are string constants in ``names``."""
    for key in node.keys:
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value in names:
            yield key


def is_constant(node: ast.expr | None, value: object) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is type(value) and node.value == value
