"""AGL706: ``await`` on a v0.4 agent's or team's async generator (``run_stream``, ``on_messages_stream``)."""

from __future__ import annotations

import ast

from autogen_lint import source
from autogen_lint.agentchat import CONSOLE, is_agent, is_team, value_type
from autogen_lint.catalog import RULES
from autogen_lint.checker import Checker
from autogen_lint.findings import Fix
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rewrite import import_name
from autogen_lint.rules import on

STREAM_METHODS = frozenset(source.STREAM_METHODS)


@on(ast.Call, methods=STREAM_METHODS, packages=AUTOGEN)
def awaited_stream(checker: Checker, node: ast.Call) -> None:
    func = node.func
    if not isinstance(func, ast.Attribute) or not isinstance(checker.parent(node), ast.Await):
        return
    owner = value_type(checker, func.value)
    if not (is_agent(owner) or is_team(owner)):
        return
    receiver = ast.unparse(func.value)
    fix = _console(checker, node)
    checker.report("AGL706", checker.parent(node) or node, call=f"{receiver}.{func.attr}(...)", fix=fix)


def _console(checker: Checker, stream: ast.Call) -> Fix | None:
    """``Console(stream)`` in place of ``stream``, importing ``Console`` if the module does not."""
    module, _, name = CONSOLE.rpartition(".")
    imported = import_name(checker, module, name, stream)
    if imported is None:
        return None
    local, edit = imported
    edits = (checker.insert_before(stream, f"{local}("), checker.insert_after(stream, ")"))
    return RULES["AGL706"].make_fix(tuple(sorted((*edits, edit) if edit else edits, key=lambda e: e.start)))
