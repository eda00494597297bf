"""AGL709: Docker code executors that are never started, or started and never stopped."""

from __future__ import annotations

import ast

from autogen_lint.agentchat import expected_to_fail
from autogen_lint.checker import Checker
from autogen_lint.clients import CONTAINER_METHODS, EXIT_CALLBACKS
from autogen_lint.names import leaf
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import at_end
from autogen_lint.semantic import Binding, BindingKind, ScopeKind

# Executors that must be started before use (the container is made by ``start()``).
STARTED_BY_HAND = frozenset({"autogen_ext.code_executors.docker.DockerCommandLineCodeExecutor"})
# Executors that start themselves on first use but hold a container or kernel until ``stop()``.
STARTED_ON_USE = frozenset({"autogen_ext.code_executors.docker_jupyter.DockerJupyterCodeExecutor"})
EXECUTORS = STARTED_BY_HAND | STARTED_ON_USE
# ``AsyncExitStack.enter_async_context(x)`` starts ``x`` and stops it on exit.
ENTER_CONTEXT = "enter_async_context"
# Methods that run code: the executor is used, not only built (to serialise it, say).
EXECUTION_METHODS = frozenset({"execute_code_blocks", "restart"})
_DISPLAYS = (ast.Tuple, ast.List, ast.Set, ast.Dict, ast.Starred)
_NEVER_STARTED = (
    'running code fails with "Container is not running"; '
    "use `async with {name}:` or `await {name}.start()` and `await {name}.stop()` in a `finally` block"
)
_NEVER_STOPPED = (
    "what it started (a container, a kernel) runs until the event loop closes, or for good when it never does; "
    "use `async with {name}:` or `await {name}.stop()` in a `finally` block"
)


class _Lifecycle:
    """What the code does with one code executor."""

    __slots__ = ("handed_out", "started", "stopped", "used")

    def __init__(self) -> None:
        self.started = False
        self.stopped = False
        self.handed_out = False
        self.used = False  # given to an agent or tool, or made to run code


@at_end(packages=AUTOGEN)
def executor_lifecycle(checker: Checker) -> None:
    seen: set[tuple[int, str]] = set()
    for scope in checker.semantic.scopes:
        if scope.kind in (ScopeKind.CLASS, ScopeKind.COMPREHENSION):
            continue
        for binding in scope.all_bindings():
            if binding.kind is not BindingKind.ASSIGNMENT or binding.instance_of not in EXECUTORS:
                continue
            if (id(scope), binding.name) in seen:
                continue
            seen.add((id(scope), binding.name))
            _check(checker, binding)


def _check(checker: Checker, binding: Binding) -> None:
    lifecycle = _Lifecycle()
    siblings = [b for b in binding.scope.all_bindings() if b.name == binding.name]
    for sibling in siblings:
        for reference in sibling.references:
            _classify(checker, reference, lifecycle)
    started = lifecycle.started or binding.instance_of not in STARTED_BY_HAND
    if lifecycle.handed_out or (lifecycle.stopped and started) or not (lifecycle.used or lifecycle.started):
        return  # someone else's, or fine, or never used: no container was ever needed
    name = binding.name
    for sibling in siblings:
        if sibling.kind is not BindingKind.ASSIGNMENT or sibling.instance_of not in EXECUTORS:
            continue
        assert sibling.value is not None and sibling.instance_of is not None
        if expected_to_fail(checker, sibling.value):
            continue
        executor = leaf(sibling.instance_of)
        if not lifecycle.started and sibling.instance_of in STARTED_BY_HAND:
            state, advice = "never started", _NEVER_STARTED
        else:
            state, advice = "never stopped", _NEVER_STOPPED
        checker.report(
            "AGL709", sibling.value, name=name, executor=executor, state=state, instead=advice.format(name=name)
        )


def _classify(checker: Checker, reference: ast.Name, lifecycle: _Lifecycle) -> None:
    parent = checker.parent(reference)
    if isinstance(parent, ast.Attribute) and parent.value is reference:
        holder = checker.parent(parent)
        if parent.attr in ("start", "stop"):
            called = isinstance(holder, ast.Call) and holder.func is parent
            registered = isinstance(holder, ast.Call) and _called_method(holder) in EXIT_CALLBACKS
            if parent.attr == "start" and called:
                lifecycle.started = True
            elif parent.attr == "stop" and (called or registered):
                lifecycle.stopped = True
        lifecycle.used |= parent.attr in EXECUTION_METHODS
        return
    if isinstance(parent, ast.withitem) and parent.context_expr is reference:
        lifecycle.started = lifecycle.stopped = True
        return
    node: ast.AST = reference
    while isinstance(parent, _DISPLAYS):
        node, parent = parent, checker.parent(parent)
    if isinstance(parent, ast.Call) and _called_method(parent) == ENTER_CONTEXT:
        lifecycle.started = lifecycle.stopped = True
    elif (
        isinstance(parent, (ast.Return, ast.Yield, ast.YieldFrom))
        or (isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and parent.value is node)
        or (isinstance(parent, ast.Call) and _called_method(parent) in CONTAINER_METHODS)
    ):
        lifecycle.handed_out = True  # returned, stored, or put in a container: someone else's to stop
    elif isinstance(parent, ast.keyword) or (isinstance(parent, ast.Call) and node is not parent.func):
        lifecycle.used = True  # given to an agent, a tool, a helper


def _called_method(call: ast.Call) -> str | None:
    return call.func.attr if isinstance(call.func, ast.Attribute) else None
