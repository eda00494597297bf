"""AGL703: v0.4 coroutine methods called without ``await``."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from autogen_lint.catalog import RULES
from autogen_lint.checker import Checker
from autogen_lint.clients import is_client_constructor
from autogen_lint.findings import Applicability, Edit, Fix
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


@dataclass(frozen=True, slots=True)
class _Candidate:
    call: ast.Call
    method: str
    binding: Binding | None = None
    owner: Scope | None = None
    attribute: str = ""


_CANDIDATES = "autogen_lint.rules.coroutines"


@on(ast.Call, methods=ALL_METHODS)
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
        if binding is not None and func.attr in coroutine_methods(binding.instance_of):
            candidate = _Candidate(node, func.attr, binding=binding)
    elif isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name):
        owner = checker.semantic.enclosing_class_of_self(receiver.value.id)
        if owner is not None:
            candidate = _Candidate(node, func.attr, owner=owner, attribute=receiver.attr)
    if candidate is not None:
        checker.scratch.setdefault(_CANDIDATES, []).append(candidate)


@at_end
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
            assert isinstance(candidate.call.func, ast.Attribute)
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
    if isinstance(parent, ast.Expr):
        return True
    if isinstance(parent, (ast.Attribute, ast.Subscript)) and parent.value is call:
        return True
    if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is call:
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            binding = bindings.get(targets[0])
            return binding is not None and not any(_passed_on(checker, ref) for ref in binding.references)
    return False


def _passed_on(checker: Checker, reference: ast.Name) -> bool:
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
        return parent.func is not node
    return isinstance(parent, (ast.Assign, ast.AnnAssign, ast.NamedExpr))
