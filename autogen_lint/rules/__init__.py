"""Rule implementations, found by discovery: a new rule is a new module here.

A module registers functions with ``@on(ast.Call, ...)`` (called for each node
of those types, in source order) or ``@at_end`` (called once the whole module,
deferred function bodies included, has been walked).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import TypeVar

from autogen_lint.checker import FinishRule, NodeRule

_NODE_RULES: defaultdict[type[ast.AST], list[NodeRule]] = defaultdict(list)
_FINISH_RULES: list[FinishRule] = []

R = TypeVar("R", bound=Callable[..., None])


def on(*node_types: type[ast.AST]) -> Callable[[R], R]:
    """Register a rule function for nodes of the given types."""

    def register(function: R) -> R:
        for node_type in node_types:
            _NODE_RULES[node_type].append(function)
        return function

    return register


def at_end(function: FinishRule) -> FinishRule:
    """Register a rule function to run after the walk."""
    _FINISH_RULES.append(function)
    return function


@cache
def registry() -> tuple[Mapping[type[ast.AST], Sequence[NodeRule]], Sequence[FinishRule]]:
    """Import every rule module once and return the dispatch tables."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    node_rules = {node_type: tuple(functions) for node_type, functions in _NODE_RULES.items()}
    return node_rules, tuple(_FINISH_RULES)
