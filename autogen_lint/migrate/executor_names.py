"""v0.2 executors bound to a name (``executor = LocalCommandLineCodeExecutor(...)``), rewritten where they stand.

An agent given ``code_execution_config={"executor": name}``, where ``name`` is bound again later
(a notebook that builds a second executor) or read by other statements
(``name.format_functions_for_prompt()``), takes the executor bound above its statement: that
statement becomes v0.4's ``LocalCommandLineCodeExecutor`` with the same arguments, and the agent
gets ``code_executor=name``. That holds only when every binding of the name is such a statement at
the top of the scope, and every read of it is by an agent rewritten that way or asks what v0.4's
executor answers the same way (``SHARED_READS``); otherwise the executors and their agents stay v0.2.
"""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from autogen_lint.migrate.blocks import Body, Site
from autogen_lint.migrate.calls import call_code, rebuild
from autogen_lint.migrate.executors import SHARED_READS, bound_executor, v04_executor
from autogen_lint.migrate.imports import Imports, walk
from autogen_lint.migrate.literals import keywords, positional
from autogen_lint.migrate.refusal import Refusal

_KIND = "LocalCommandLineCodeExecutor"


def shared_reads(node: cst.CSTNode, name: str) -> int:
    """How often ``node`` reads ``name.<attribute>`` for an attribute both executors answer alike."""
    return sum(
        1
        for n in walk(node)
        if isinstance(n, cst.Attribute)
        and isinstance(n.value, cst.Name)
        and n.value.value == name
        and n.attr.value in SHARED_READS
    )


def movable(sites: Iterable[Site], bindings: int, top: Body, *, imports: Imports, module: cst.Module) -> bool:
    """Whether all ``bindings`` of a name are ``sites``: v0.2 local executors at the scope's top, v0.4 can build."""
    found = list(sites)
    if not found or len(found) != bindings:
        return False
    for site in found:
        bound = bound_executor(site.node, imports)
        if bound is None or bound[1] != _KIND or site.block is not top or site.in_loop:
            return False
        try:
            v04_executor(bound[2], _KIND, module)
        except Refusal:
            return False
    return True


def rewritten(node: cst.SimpleStatementLine, imports: Imports, module: cst.Module) -> cst.SimpleStatementLine:
    """``name = <v0.2 executor>(...)`` as the v0.4 executor: same arguments, by keyword, ``work_dir`` kept."""
    bound = bound_executor(node, imports)
    assert bound is not None
    name, kind, call = bound
    cls, arguments = v04_executor(call, kind, module)
    if positional(call):
        new = cst.parse_expression(call_code(cls[1], arguments, len(name) + 3))
    else:
        missing = [(key, code) for key, code in arguments if key not in keywords(call, kind)]
        new = rebuild(call, cls[1], {}, missing)
    assign = cst.ensure_type(node.body[0], cst.Assign)
    return node.with_changes(body=[assign.with_changes(value=new)])
