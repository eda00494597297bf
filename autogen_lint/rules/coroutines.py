"""AGL703: v0.4 coroutine methods called without ``await``."""

from __future__ import annotations

import ast
from typing import NamedTuple

from autogen_lint.agentchat import CONSOLE, annotated_type
from autogen_lint.catalog import RULES
from autogen_lint.checker import Checker
from autogen_lint.clients import CLIENT_INTERFACE, is_client_constructor
from autogen_lint.findings import Applicability, Edit, Fix
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rewrite import can_await
from autogen_lint.rules import at_end, on
from autogen_lint.semantic import Binding, Scope

AGENT_METHODS = frozenset({"run", "on_messages", "save_state", "load_state", "close"})
TEAM_METHODS = frozenset({"run", "save_state", "load_state", "reset"})
CLIENT_METHODS = frozenset({"create", "close"})
ALL_METHODS = AGENT_METHODS | TEAM_METHODS | CLIENT_METHODS
AGENT_PACKAGES = ("autogen_agentchat.agents.", "autogen_ext.agents.")
TEAM_PACKAGES = ("autogen_agentchat.teams.", "autogen_ext.teams.")
_DISPLAYS = (ast.List, ast.Tuple, ast.Set, ast.Starred)
# Interfaces a parameter may be annotated with.
INTERFACE_METHODS = {
    CLIENT_INTERFACE: CLIENT_METHODS,
    "autogen_agentchat.base.ChatAgent": AGENT_METHODS,
    "autogen_agentchat.base.Team": TEAM_METHODS,
}
# Calls that take a coroutine without awaiting it: printing, logging, formatting, converting.
NOT_AWAITING_BUILTINS = frozenset({"print", "str", "repr", "format", "dict", "list", "tuple", "set", "len", "vars"})
NOT_AWAITING = frozenset({"json.dump", "json.dumps", "pprint.pprint", "pprint.pformat"})
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log"})


def coroutine_methods(constructor: str | None) -> frozenset[str]:
    """The coroutine methods of what ``constructor`` builds: a v0.4 agent, team or model client."""
    if constructor is None:
        return frozenset()
    if is_client_constructor(constructor):
        return CLIENT_METHODS
    if constructor.startswith(AGENT_PACKAGES):
        return AGENT_METHODS
    if constructor.startswith(TEAM_PACKAGES):
        return TEAM_METHODS
    return frozenset()


class _Candidate(NamedTuple):
    """A call to a coroutine method that may never be awaited, and what it was called on."""

    call: ast.Call
    method: str
    binding: Binding | None = None
    owner: Scope | None = None
    attribute: str = ""


_CANDIDATES = "autogen_lint.rules.coroutines"


@on(ast.Call, callees=("Console",), packages=AUTOGEN)
def collect_console(checker: Checker, node: ast.Call) -> None:
    """``Console(stream)`` is a coroutine too: it does nothing until awaited."""
    if checker.callee(node) == CONSOLE and not isinstance(checker.parent(node), ast.Await):
        checker.scratch.setdefault(_CANDIDATES, []).append(_Candidate(node, "Console"))


@on(ast.Call, methods=ALL_METHODS, packages=AUTOGEN)
def collect(checker: Checker, node: ast.Call) -> None:
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in ALL_METHODS:
        return
    if isinstance(checker.parent(node), ast.Await):
        return
    receiver = func.value
    candidate = None
    if isinstance(receiver, ast.Name):
        binding = checker.semantic.lookup(receiver.id)
        if binding is not None and func.attr in _methods_of(checker, binding):
            candidate = _Candidate(node, func.attr, binding=binding)
    elif isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name):
        owner = checker.semantic.enclosing_class_of_self(receiver.value.id)
        if owner is not None:
            candidate = _Candidate(node, func.attr, owner=owner, attribute=receiver.attr)
    if candidate is not None:
        checker.scratch.setdefault(_CANDIDATES, []).append(candidate)


@at_end(packages=AUTOGEN)
def unawaited(checker: Checker) -> None:
    candidates: list[_Candidate] = checker.scratch.get(_CANDIDATES, [])
    if not candidates:
        return
    bindings = {b.node: b for scope in checker.semantic.scopes for b in scope.all_bindings()}
    for candidate in candidates:
        if candidate.owner is not None:
            constructor = candidate.owner.attributes.get(candidate.attribute)
            if candidate.method not in coroutine_methods(constructor):
                continue
        if _never_awaited(checker, candidate.call, bindings):
            call = f"{ast.unparse(candidate.call.func)}(...)"
            checker.report("AGL703", candidate.call, call=call, fix=await_fix(checker, candidate.call))


def await_fix(checker: Checker, call: ast.Call) -> Fix:
    """``await`` before ``call``, parenthesised where the result is used at once.

    Safe where ``await`` is allowed; elsewhere shown as a suggestion.
    """
    parent = checker.parent(call)
    edits: tuple[Edit, ...]
    if isinstance(parent, (ast.Attribute, ast.Subscript)) and parent.value is call:
        edits = (checker.insert_before(call, "(await "), checker.insert_after(call, ")"))
    else:
        edits = (checker.insert_before(call, "await "),)
    grade = None if can_await(checker, call) else Applicability.DISPLAY_ONLY
    return RULES["AGL703"].make_fix(edits, grade)


def _never_awaited(checker: Checker, call: ast.Call, bindings: dict[ast.AST, Binding]) -> bool:
    """The coroutine is dropped, used as if it were the result, or held in a name nobody awaits."""
    parent = checker.parent(call)
    if isinstance(parent, (ast.Expr, ast.FormattedValue)):
        return True
    if _ignored_by(checker, call, bindings):
        return True
    if isinstance(parent, (ast.Attribute, ast.Subscript)) and parent.value is call:
        return True
    if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is call:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            binding = bindings.get(targets[0])
            return binding is not None and not any(_passed_on(checker, ref, bindings) for ref in binding.references)
    return False


def _passed_on(checker: Checker, reference: ast.Name, bindings: dict[ast.AST, Binding]) -> bool:
    """A reference that awaits the coroutine or hands it to someone who may."""
    node: ast.AST = reference
    parent = checker.parent(node)
    while isinstance(parent, _DISPLAYS):
        node, parent = parent, checker.parent(parent)
    if isinstance(parent, ast.keyword):
        node, parent = parent, checker.parent(parent)
    if isinstance(parent, (ast.Await, ast.Return, ast.Yield, ast.YieldFrom)):
        return True
    if isinstance(parent, ast.Call):
        return parent.func is not node and not _ignored_by(checker, node, bindings)
    return isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr))


def _methods_of(checker: Checker, binding: Binding) -> frozenset[str]:
    """The coroutine methods of what a name holds: built from a v0.4 constructor, or annotated so."""
    if binding.instance_of is not None:
        return coroutine_methods(binding.instance_of)
    annotated = annotated_type(checker, binding)
    return INTERFACE_METHODS.get(annotated or "", frozenset()) or coroutine_methods(annotated)


def _ignored_by(checker: Checker, node: ast.AST, bindings: dict[ast.AST, Binding]) -> bool:
    """``node`` is an argument of a call that never awaits it.

    Printing, logging, ``json.dumps``, ``str.format``, conversions, or a method of a v0.4 agent,
    team or client (``agent.load_state(agent.save_state())``).
    """
    parent = checker.parent(node)
    if isinstance(parent, ast.keyword):
        node, parent = parent, checker.parent(parent)
    if not isinstance(parent, ast.Call) or parent.func is node:
        return False
    func = parent.func
    if isinstance(func, ast.Name) and checker.semantic.lookup(func.id, _scope_of(checker, func)) is None:
        return func.id in NOT_AWAITING_BUILTINS
    if checker.callee(parent) in NOT_AWAITING:
        return True
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in LOG_METHODS:  # ``logger.info(...)``, ``self._log.debug(...)``, ``logging.warning(...)``
        receiver = ast.unparse(func.value).rpartition(".")[2].lstrip("_").lower()
        return receiver.startswith("log")
    if func.attr == "format" and isinstance(func.value, ast.Constant):
        return True
    if isinstance(func.value, ast.Name):
        binding = _binding_of(bindings, func.value)
        return binding is not None and func.attr in _methods_of(checker, binding)
    return False


def _binding_of(bindings: dict[ast.AST, Binding], reference: ast.Name) -> Binding | None:
    for binding in bindings.values():
        if any(ref is reference for ref in binding.references):
            return binding
    return None


def _scope_of(checker: Checker, node: ast.AST) -> Scope:
    """The function (or module) scope ``node`` is in."""
    scopes = {id(scope.node): scope for scope in checker.semantic.scopes}
    for ancestor in checker.ancestors(node):
        scope = scopes.get(id(ancestor))
        if scope is not None:
            return scope
    return checker.semantic.module_scope
