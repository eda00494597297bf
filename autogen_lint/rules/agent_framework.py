"""AGL801-AGL807: AutoGen v0.4 code in a project whose target is Agent Framework.

Every rule here reports only under that target (``checker.settings.agent_framework``).
"""

from __future__ import annotations

import ast

from autogen_lint.agentchat import CONSOLE, is_agent, is_team, value_type
from autogen_lint.catalog.maf import SINGLE_AGENT, v04_lookup
from autogen_lint.checker import Checker
from autogen_lint.clients import CLIENT_INTERFACE, is_client_constructor
from autogen_lint.names import is_v04
from autogen_lint.relevance import V04
from autogen_lint.rules import on
from autogen_lint.semantic import IMPORT_KINDS
from autogen_lint.settings import AGENT_FRAMEWORK

CANCELLATION_TOKEN = "autogen_core.CancellationToken"
STATE_METHODS = frozenset({"save_state", "load_state"})
_CALLS_REPORTED = frozenset({CONSOLE, CANCELLATION_TOKEN})
AGENT_KEYWORDS = {
    "model_client": "pass the chat client as `client=` (an `agent_framework.openai` client)",
    "system_message": "pass it as `instructions=`",
    "model_client_stream": "drop it and stream a run with `run(..., stream=True)`",
    "handoffs": (
        "declare the handoffs on the workflow: `HandoffBuilder(participants=[...]).add_handoff(source, [targets])`"
    ),
}
_STREAM = "call `run(..., stream=True)` on the `agent_framework` agent or workflow and iterate it with `async for`"
_CONSOLE = "iterate `agent.run(..., stream=True)` with `async for` and print each update's `.text`"
_NO_TOKEN = "no method takes a cancellation token: cancel the `asyncio` task that awaits the run"
_STATE = (
    "keep the conversation in an `AgentSession` (`agent.create_session()`, `run(..., session=...)`), "
    "saved with `session.to_dict()` and restored with `AgentSession.from_dict(...)`"
)
_CLOSE = (
    "enter the agent (or the chat client) with `async with`; "
    "the `agent_framework.openai` clients' `close()` does nothing"
)


@on(ast.ImportFrom, packages=V04, words=(), target=AGENT_FRAMEWORK)
def replaced_import(checker: Checker, node: ast.ImportFrom) -> None:
    module = node.module
    if not checker.settings.agent_framework or node.level or module is None or not is_v04(module):
        return
    for alias in node.names:
        name = f"{module}.{alias.name}"
        entry = v04_lookup(name)
        if entry is not None:
            checker.report("AGL801", alias, anchor=entry.anchor, name=name, instead=entry.instead)


@on(ast.Attribute, packages=V04, words=(), target=AGENT_FRAMEWORK)
def replaced_module_attribute(checker: Checker, node: ast.Attribute) -> None:
    """``teams.RoundRobinGroupChat`` through ``from autogen_agentchat import teams`` (or ``import``)."""
    if not checker.settings.agent_framework or not isinstance(node.ctx, ast.Load):
        return
    parent = checker.parent(node)
    if isinstance(parent, ast.Attribute) and parent.value is node:
        return  # the outermost attribute of a chain decides
    chain: list[ast.Attribute] = []
    base: ast.expr = node
    while isinstance(base, ast.Attribute):
        chain.append(base)
        base = base.value
    if not isinstance(base, ast.Name):
        return
    binding = checker.semantic.lookup(base.id)
    if binding is None or binding.kind not in IMPORT_KINDS or not is_v04(binding.qualified_name):
        return
    if binding.qualified_name is None or v04_lookup(binding.qualified_name) is not None:
        return  # the import of the name itself is reported
    for attribute in reversed(chain):
        qualified = checker.semantic.resolve_qualified_name(attribute)
        entry = v04_lookup(qualified) if qualified else None
        called = isinstance(parent, ast.Call) and parent.func is attribute
        if called and qualified in _CALLS_REPORTED:
            return  # AGL803 and AGL805 report the call
        if entry is not None and qualified is not None:
            checker.report("AGL801", attribute, anchor=entry.anchor, name=qualified, instead=entry.instead)
            return


@on(ast.Call, methods=("run_stream",), packages=V04, target=AGENT_FRAMEWORK)
def run_stream(checker: Checker, node: ast.Call) -> None:
    func = node.func
    if not checker.settings.agent_framework or not isinstance(func, ast.Attribute):
        return
    parent = checker.parent(node)
    if isinstance(parent, ast.Call) and checker.callee(parent) == CONSOLE:
        return  # AGL803 reports the whole ``Console(x.run_stream(...))``
    owner = value_type(checker, func.value)
    if is_agent(owner) or is_team(owner):
        checker.report("AGL802", node, call=f"{ast.unparse(func.value)}.run_stream(...)", instead=_STREAM)


@on(ast.Call, callees=("Console",), packages=V04, target=AGENT_FRAMEWORK)
def console(checker: Checker, node: ast.Call) -> None:
    if checker.settings.agent_framework and checker.callee(node) == CONSOLE:
        checker.report("AGL803", node, instead=_CONSOLE)


@on(ast.Call, keywords=tuple(AGENT_KEYWORDS), packages=V04, target=AGENT_FRAMEWORK)
def agent_arguments(checker: Checker, node: ast.Call) -> None:
    if not checker.settings.agent_framework or not is_agent(checker.callee(node)):
        return
    for keyword in node.keywords:
        if keyword.arg in AGENT_KEYWORDS:
            checker.report("AGL804", keyword, keyword=keyword.arg, instead=AGENT_KEYWORDS[keyword.arg])


@on(ast.Call, callees=("CancellationToken",), packages=V04, target=AGENT_FRAMEWORK)
def cancellation_token(checker: Checker, node: ast.Call) -> None:
    if checker.settings.agent_framework and checker.callee(node) == CANCELLATION_TOKEN:
        checker.report("AGL805", node, anchor=SINGLE_AGENT, subject="`CancellationToken()`", instead=_NO_TOKEN)


@on(ast.Call, keywords=("cancellation_token",), packages=V04, target=AGENT_FRAMEWORK)
def cancellation_token_argument(checker: Checker, node: ast.Call) -> None:
    func = node.func
    if not checker.settings.agent_framework or not isinstance(func, ast.Attribute):
        return
    owner = value_type(checker, func.value)
    if not (is_agent(owner) or is_team(owner) or _is_client(owner)):
        return
    for keyword in node.keywords:
        if keyword.arg == "cancellation_token":
            checker.report("AGL805", keyword, subject="`cancellation_token=`", instead=_NO_TOKEN)


@on(ast.Call, methods=STATE_METHODS, packages=V04, target=AGENT_FRAMEWORK)
def agent_state(checker: Checker, node: ast.Call) -> None:
    func = node.func
    if not checker.settings.agent_framework or not isinstance(func, ast.Attribute):
        return
    owner = value_type(checker, func.value)
    if is_agent(owner) or is_team(owner):
        checker.report("AGL806", node, call=f"{ast.unparse(func.value)}.{func.attr}()", instead=_STATE)


@on(ast.Call, methods=("close",), packages=V04, target=AGENT_FRAMEWORK)
def model_client_close(checker: Checker, node: ast.Call) -> None:
    func = node.func
    if not checker.settings.agent_framework or not isinstance(func, ast.Attribute):
        return
    if _is_client(value_type(checker, func.value)):
        checker.report("AGL807", node, name=ast.unparse(func.value), instead=_CLOSE)


def _is_client(owner: str | None) -> bool:
    return owner == CLIENT_INTERFACE or is_client_constructor(owner)
