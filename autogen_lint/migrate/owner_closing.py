"""Objects that now hold a model client, closed where the function that builds them is done with them.

A class that keeps v0.4 agents on ``self`` gets ``async def close(self)``. Where a function builds
such an object and only calls its methods, the rest of the block runs under ``try:`` and
``finally:`` awaits ``close()``:

- ``helper = Helper(...)`` followed by statements of the same block that use ``helper.method(...)``:
  ``helper`` is read nowhere else and never passed on, stored or returned;
- ``Helper(...).method(...)`` inside a statement: the object is first bound to a fresh name.

Anywhere else (the module's top level, a lambda, an object passed on) the caller keeps a TODO.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import libcst as cst

from autogen_lint.migrate.edits import Edits, Guarded
from autogen_lint.migrate.imports import dotted, module_nodes, walk
from autogen_lint.migrate.statements import statement

_LAZY = (cst.Lambda, cst.GeneratorExp, cst.ListComp, cst.SetComp, cst.DictComp, cst.ClassDef)


def close_where_built(
    call: cst.Call,
    edits: Edits,
    module: cst.Module,
    parents: Mapping[cst.CSTNode, cst.CSTNode],
    blocker: Callable[[cst.FunctionDef], str | None],
) -> bool:
    """Close the object ``call`` builds in a ``finally:`` of its block; ``False`` when it cannot be."""
    line, function = _holders(call, parents)
    if line is None or function is None or blocker(function) is not None:
        return False
    block = parents.get(line)
    if not isinstance(block, cst.IndentedBlock) or id(line) in edits.guarded:
        return False
    if id(line) in edits.replaced or id(line) in edits.removed:
        return False
    rest = list(block.body[block.body.index(line) + 1 :])
    variable = _bound(line, call)
    opening: cst.BaseStatement
    if variable is not None:
        if not rest or not _only_receiver(variable, function, rest):
            return False
        edits.removed.add(id(line))
        opening = line.with_changes(leading_lines=[])
    else:
        receiver = parents.get(call)
        used = parents.get(receiver) if isinstance(receiver, cst.Attribute) else None
        if not isinstance(used, cst.Call) or used.func is not receiver:
            return False
        if sum(isinstance(n, cst.Call) and dotted(n.func) == dotted(call.func) for n in walk(line)) != 1:
            return False
        variable = _fresh(_snake(dotted(call.func) or "owner"), module)
        opening = statement(f"{variable} = {cst.Module([]).code_for_node(call)}")
        edits.named[id(call)] = variable
    edits.guarded[id(line)] = Guarded([opening], [], [f"await {variable}.close()"])
    edits.awaiting.add(id(function))
    return True


def _holders(
    call: cst.Call, parents: Mapping[cst.CSTNode, cst.CSTNode]
) -> tuple[cst.SimpleStatementLine | None, cst.FunctionDef | None]:
    """The statement line holding ``call`` and its function, unless a lambda or comprehension comes between."""
    current: cst.CSTNode | None = call
    line: cst.SimpleStatementLine | None = None
    while current is not None:
        if isinstance(current, _LAZY) or (line is None and isinstance(current, cst.BaseCompoundStatement)):
            return None, None
        if isinstance(current, cst.SimpleStatementLine) and line is None:
            line = current
        if isinstance(current, cst.FunctionDef):
            return line, current
        current = parents.get(current)
    return None, None


def _bound(line: cst.SimpleStatementLine, call: cst.Call) -> str | None:
    """``x`` when the line is ``x = <call>``."""
    small = line.body[0] if len(line.body) == 1 else None
    if not isinstance(small, cst.Assign) or small.value is not call or len(small.targets) != 1:
        return None
    target = small.targets[0].target
    return target.value if isinstance(target, cst.Name) else None


def _only_receiver(variable: str, function: cst.FunctionDef, rest: list[cst.BaseStatement]) -> bool:
    """Whether ``variable`` is bound once in ``function`` and read only as ``variable.method(...)`` in ``rest``."""
    inside = {id(node) for statement in rest for node in walk(statement)}
    nodes = walk(function)
    parents = {id(child): node for node in nodes for child in node.children}
    names = [n for n in nodes if isinstance(n, cst.Name) and n.value == variable]
    bindings = 0
    for name in names:
        parent = parents.get(id(name))
        if isinstance(parent, cst.AssignTarget):
            bindings += 1
            continue
        if isinstance(parent, cst.Attribute) and parent.attr is name:
            continue
        called = parents.get(id(parent)) if isinstance(parent, cst.Attribute) else None
        if id(name) not in inside or not isinstance(called, cst.Call) or called.func is not parent:
            return False
    return bindings == 1


def _snake(name: str) -> str:
    last = name.rpartition(".")[2]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", last).lower() or "owner"


def _fresh(name: str, module: cst.Module) -> str:
    taken = {node.value for node in module_nodes(module) if isinstance(node, cst.Name)}
    fresh, number = name, 2
    while fresh in taken:
        fresh, number = f"{name}_{number}", number + 1
    return fresh
