"""What counts as a v0.4 model client, and how a client binding is used."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker
from autogen_lint.semantic import Binding, BindingKind, Scope, ScopeKind

MODELS_PACKAGE = "autogen_ext.models."
CLIENT_SUFFIX = "ChatCompletionClient"
CLIENT_INTERFACE = "autogen_core.models.ChatCompletionClient"
LOADER = "load_component"
WRAPPERS = frozenset({"autogen_ext.models.cache.ChatCompletionCache"})
# Test doubles that hold no connection: nothing to close.
NOT_OWNING = frozenset({"ReplayChatCompletionClient"})
# Base classes (``BaseOpenAIChatCompletionClient(client=...)``) wrap an SDK client the caller owns.
BASE_PREFIX = "Base"
# Methods that register ``client.close`` to run on every exit path.
EXIT_CALLBACKS = frozenset({"push_async_callback", "callback", "push"})
# Methods that put a value into a container.
CONTAINER_METHODS = frozenset({"append", "appendleft", "add", "insert", "extend", "setdefault", "update", "put"})
_DISPLAYS = (ast.Tuple, ast.List, ast.Set, ast.Dict, ast.Starred)
_HANDED_OUT = "autogen_lint.clients.handed_out"


def is_client_constructor(qualified_name: str | None) -> bool:
    """``OpenAIChatCompletionClient``, ``ChatCompletionCache``, ``ChatCompletionClient.load_component``..."""
    if qualified_name is None:
        return False
    if qualified_name in WRAPPERS:
        return True
    owner, _, method = qualified_name.rpartition(".")
    if method == LOADER:
        return owner == CLIENT_INTERFACE or is_client_constructor(owner)
    return (
        qualified_name.startswith(MODELS_PACKAGE)
        and method.endswith(CLIENT_SUFFIX)
        and method not in NOT_OWNING
        and not method.startswith(BASE_PREFIX)
    )


def is_wrapper(qualified_name: str | None) -> bool:
    return qualified_name in WRAPPERS


class ClientUsage:
    """How the names of one client (and the wrappers around it) are used."""

    __slots__ = ("closes", "handed_out", "registered")

    def __init__(self) -> None:
        self.closes: list[tuple[ast.Call, bool]] = []
        self.handed_out = False
        self.registered = False

    @property
    def closed(self) -> bool:
        return self.registered or bool(self.closes)

    @property
    def guaranteed(self) -> bool:
        return self.registered or any(guaranteed for _, guaranteed in self.closes)

    def merge(self, other: ClientUsage) -> None:
        self.closes += other.closes
        self.handed_out |= other.handed_out
        self.registered |= other.registered


def client_bindings(checker: Checker) -> list[Binding]:
    """Bindings of a name to a newly built model client, outside class bodies."""
    found = []
    for scope in checker.semantic.scopes:
        if scope.kind in (ScopeKind.CLASS, ScopeKind.COMPREHENSION):
            continue
        for binding in scope.all_bindings():
            if binding.kind is BindingKind.ASSIGNMENT and is_client_constructor(binding.instance_of):
                found.append(binding)
    return found


def usage_of(checker: Checker, binding: Binding) -> ClientUsage:
    """Close calls and hand-outs through every binding of the same name in the same scope.

    Closing is tracked per name, not per binding, so ``if ...: c = A() / else: c = B()``
    followed by one ``c.close()`` counts both as closed.
    """
    usage = ClientUsage()
    for sibling in binding.scope.all_bindings():
        if sibling.name != binding.name:
            continue
        for reference in sibling.references:
            _classify(checker, reference, usage, binding.scope)
    return usage


def wrapped_reference(binding: Binding) -> ast.Name | None:
    """For ``cache = ChatCompletionCache(client, store)``: the ``client`` name it wraps."""
    value = binding.value
    if not isinstance(value, ast.Call) or not is_wrapper(binding.instance_of):
        return None
    inner = value.args[0] if value.args else next((k.value for k in value.keywords if k.arg == "client"), None)
    return inner if isinstance(inner, ast.Name) else None


def _classify(checker: Checker, reference: ast.Name, usage: ClientUsage, scope: Scope) -> None:
    parent = checker.parent(reference)
    if isinstance(parent, ast.Attribute) and parent.value is reference:
        if parent.attr == "close":
            holder = checker.parent(parent)
            if isinstance(holder, ast.Call) and holder.func is parent:
                usage.closes.append((holder, checker.in_finally(holder)))
            elif isinstance(holder, ast.Call) and _is_exit_callback(holder):
                usage.registered = True
            elif holder is not None:
                usage.handed_out = True
        return
    node: ast.AST = reference
    while isinstance(parent, _DISPLAYS):
        node, parent = parent, checker.parent(parent)
    closes = _closed_by_loop(parent, node) if node is not reference else _closed_by_helper(checker, parent, node, scope)
    if closes:
        usage.closes += [(call, checker.in_finally(call)) for call in closes]
    elif isinstance(parent, (ast.Return, ast.Yield, ast.YieldFrom)):
        usage.handed_out = True
    elif isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and parent.value is node:
        usage.handed_out = True  # stored on an attribute, in a container, or under another name
    elif (isinstance(parent, ast.Call) and _is_container_insert(parent)) or (
        isinstance(parent, ast.keyword) and parent.arg == "model_client" and _holder_handed_out(checker, parent)
    ):
        usage.handed_out = True


def _holder_handed_out(checker: Checker, argument: ast.keyword) -> bool:
    """``model_client=client`` of an agent that its function returns or stores: the client goes with it."""
    agent = checker.parent(argument)
    holder = checker.parent(agent) if isinstance(agent, ast.Call) else None
    if isinstance(holder, (ast.Return, ast.Yield)):
        return True
    if not isinstance(holder, ast.Assign) or holder.value is not agent:
        return False
    if not all(isinstance(target, ast.Name) for target in holder.targets):
        return True  # stored on an attribute or in a container
    names = {target.id for target in holder.targets if isinstance(target, ast.Name)}
    function = next(
        (a for a in checker.ancestors(holder) if isinstance(a, (ast.FunctionDef, ast.AsyncFunctionDef))), None
    )
    if function is None:
        return False
    return not names.isdisjoint(_names_handed_out(checker, function))


def _names_handed_out(checker: Checker, function: ast.FunctionDef | ast.AsyncFunctionDef) -> frozenset[str]:
    """The names in what ``function`` returns or yields (read once per function and module)."""
    known: dict[ast.AST, frozenset[str]] = checker.scratch.setdefault(_HANDED_OUT, {})
    found = known.get(function)
    if found is None:
        found = known[function] = frozenset(
            inner.id
            for node in ast.walk(function)
            if isinstance(node, (ast.Return, ast.Yield)) and node.value is not None
            for inner in ast.walk(node.value)
            if isinstance(inner, ast.Name)
        )
    return found


def _is_exit_callback(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Attribute) and call.func.attr in EXIT_CALLBACKS


def _is_container_insert(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Attribute) and call.func.attr in CONTAINER_METHODS


def _closed_by_loop(loop: ast.AST | None, display: ast.AST) -> list[ast.Call]:
    """``for c in (a, b): await c.close()``: the ``c.close()`` calls of a loop over a literal display."""
    if (
        not isinstance(loop, (ast.For, ast.AsyncFor))
        or loop.iter is not display
        or not isinstance(loop.target, ast.Name)
    ):
        return []
    return _closes_of(loop.body, loop.target.id)


def _closed_by_helper(checker: Checker, call: ast.AST | None, argument: ast.AST, scope: Scope) -> list[ast.Call]:
    """``await shutdown(client)`` where ``async def shutdown(c): ... await c.close()`` is in the module."""
    if isinstance(call, ast.keyword):
        argument, call = call, checker.parent(call)
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name) or call.func is argument:
        return []
    binding = checker.semantic.lookup(call.func.id, scope)
    function = binding.node if binding is not None and binding.kind is BindingKind.FUNCTION else None
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return []
    positional = [*function.args.posonlyargs, *function.args.args]
    if isinstance(argument, ast.keyword):
        parameter = argument.arg
    else:
        index = next((i for i, a in enumerate(call.args) if a is argument), len(positional))
        parameter = positional[index].arg if index < len(positional) else None
    return [call] if parameter is not None and _closes_of(function.body, parameter) else []


def _closes_of(body: list[ast.stmt], name: str) -> list[ast.Call]:
    return [
        node
        for statement in body
        for node in ast.walk(statement)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "close"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == name
    ]
