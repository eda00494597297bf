"""Rule implementations, found by discovery: a new rule is a new module here.

A module registers functions with ``@on(ast.Call, ...)`` (called for each node of
those types, in source order) or ``@at_end`` (called once the whole module,
deferred function bodies included, has been walked). A rule about calls can name
the methods (``methods=``), keyword arguments (``keywords=``) or callees (``callees=``,
the last part of the resolved name) it is about; it is then only called for calls that
have one, which keeps the walk cheap.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import cache
from typing import TypeVar

from autogen_lint.checker import Checker, FinishRule, NodeRule

_NODE_RULES: defaultdict[type[ast.AST], list[NodeRule]] = defaultdict(list)
_BY_METHOD: defaultdict[str, list[NodeRule]] = defaultdict(list)
_BY_KEYWORD: defaultdict[str, list[NodeRule]] = defaultdict(list)
_BY_CALLEE: defaultdict[str, list[NodeRule]] = defaultdict(list)
_FINISH_RULES: list[FinishRule] = []
_TABLES = (_BY_METHOD, _BY_KEYWORD, _BY_CALLEE)

R = TypeVar("R", bound=Callable[..., None])


def on(
    *node_types: type[ast.AST],
    methods: Collection[str] = (),
    keywords: Collection[str] = (),
    callees: Collection[str] = (),
) -> Callable[[R], R]:
    """Register a rule function for nodes of the given types.

    With ``methods``, ``keywords`` or ``callees`` (calls only), the function runs for a call
    whose callee is ``<something>.<method>``, that passes one of the keyword arguments, or
    whose callee resolves to a qualified name ending in one of ``callees``; once per call.
    """
    if (methods or keywords or callees) and node_types != (ast.Call,):
        raise ValueError("methods=, keywords= and callees= filter calls only")

    def register(function: R) -> R:
        if methods or keywords or callees:
            for method in methods:
                _BY_METHOD[method].append(function)
            for keyword in keywords:
                _BY_KEYWORD[keyword].append(function)
            for callee in callees:
                _BY_CALLEE[callee].append(function)
        else:
            for node_type in node_types:
                _NODE_RULES[node_type].append(function)
        return function

    return register


def at_end(function: FinishRule) -> FinishRule:
    """Register a rule function to run after the walk."""
    _FINISH_RULES.append(function)
    return function


def _call_dispatcher(
    by_method: Mapping[str, Sequence[NodeRule]],
    by_keyword: Mapping[str, Sequence[NodeRule]],
    by_callee: Mapping[str, Sequence[NodeRule]],
) -> NodeRule:
    def filtered_call_rules(checker: Checker, node: ast.Call) -> None:
        func = node.func
        rules: list[NodeRule] = list(by_method.get(func.attr, ())) if isinstance(func, ast.Attribute) else []
        for keyword in node.keywords:
            if keyword.arg is not None:
                _add(rules, by_keyword.get(keyword.arg, ()))
        if by_callee:
            qualified = checker.callee(node)
            if qualified is not None:
                _add(rules, by_callee.get(qualified.rpartition(".")[2], ()))
        for rule in rules:
            rule(checker, node)

    return filtered_call_rules


def _add(rules: list[NodeRule], more: Sequence[NodeRule]) -> None:
    for rule in more:
        if rule not in rules:
            rules.append(rule)


@cache
def registry() -> tuple[Mapping[type[ast.AST], Sequence[NodeRule]], Sequence[FinishRule]]:
    """Import every rule module once and return the dispatch tables."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    node_rules = {node_type: tuple(functions) for node_type, functions in _NODE_RULES.items()}
    if any(_TABLES):
        by_method, by_keyword, by_callee = ({k: tuple(v) for k, v in table.items()} for table in _TABLES)
        dispatcher = _call_dispatcher(by_method, by_keyword, by_callee)
        node_rules[ast.Call] = (*node_rules.get(ast.Call, ()), dispatcher)
    return node_rules, tuple(_FINISH_RULES)
