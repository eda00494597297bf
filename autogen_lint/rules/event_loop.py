"""AGL711: ``asyncio.run(...)`` at the top level of a notebook cell, fixed to a top-level ``await``."""

from __future__ import annotations

import ast

from autogen_lint.catalog import RULES
from autogen_lint.checker import Checker
from autogen_lint.findings import Fix
from autogen_lint.rules import on

ASYNCIO_RUN = "asyncio.run"
ASYNCIO = ("asyncio",)
# Where ``await x`` can stand without parentheses.
_STATEMENT_VALUES = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return)
# Operands ``await`` takes without parentheses.
_PRIMARIES = (ast.Call, ast.Name, ast.Attribute, ast.Subscript)


@on(ast.Call, callees=("run",), packages=ASYNCIO, notebook_top_level=True)
def asyncio_run_in_notebook(checker: Checker, node: ast.Call) -> None:
    if not checker.notebook or checker.callee(node) != ASYNCIO_RUN or not checker.at_top_level(node):
        return
    checker.report("AGL711", node, fix=_await_instead(checker, node))


def _await_instead(checker: Checker, node: ast.Call) -> Fix | None:
    if len(node.args) != 1 or node.keywords or isinstance(node.args[0], ast.Starred):
        return None
    argument = node.args[0]
    text = checker.node_text(argument)
    if text is None:
        return None
    if not isinstance(argument, _PRIMARIES) or "\n" in text:
        text = f"({text})"
    replacement = f"await {text}"
    if not isinstance(checker.parent(node), _STATEMENT_VALUES):
        replacement = f"({replacement})"
    return RULES["AGL711"].make_fix((checker.replace_node(node, replacement),))
