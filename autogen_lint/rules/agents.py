"""AGL501-AGL504: v0.2 agent options, reply hooks, state and capabilities."""

from __future__ import annotations

import ast
from typing import NamedTuple

from autogen_lint.checker import Checker, Gate
from autogen_lint.names import is_v02, leaf
from autogen_lint.patterns import is_constant, keyword_gate, keywords, method_call
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import on


class AgentOption(NamedTuple):
    """What replaces a v0.2 agent keyword; ``when_off`` when the value only turns a feature off."""

    advice: str
    anchor: str
    off_values: tuple[object, ...] = ()
    when_off: str = ""


_USER_PROXY = "`autogen_agentchat.agents.UserProxyAgent(name, input_func=...)`"
AGENT_OPTIONS: dict[str, AgentOption] = {
    "human_input_mode": AgentOption(
        f"human input comes from {_USER_PROXY} in the team; limit turns with the team's `max_turns=N`",
        "user-proxy",
        ("NEVER",),
        f"v0.4 agents never ask for input (only {_USER_PROXY} in a team does), so drop it",
    ),
    "max_consecutive_auto_reply": AgentOption(
        f"limit turns on the team (`max_turns=N` or `MaxMessageTermination(N)`); human input comes from {_USER_PROXY}",
        "user-proxy",
    ),
    "code_execution_config": AgentOption(
        "run code in `autogen_agentchat.agents.CodeExecutorAgent(name, code_executor=...)` with an executor "
        "from `autogen_ext.code_executors` (e.g. `LocalCommandLineCodeExecutor(work_dir=...)`)",
        "code-executors",
        (False, None),
        "v0.4 agents never run code unless the team has a `CodeExecutorAgent`, so drop it",
    ),
    "is_termination_msg": AgentOption(
        "stop the team with `termination_condition=TextMentionTermination(...)` or "
        "`MaxMessageTermination(...)` from `autogen_agentchat.conditions`",
        "two-agent-chat",
    ),
    "default_auto_reply": AgentOption(
        "subclass `autogen_agentchat.agents.BaseChatAgent` and return the reply from its `on_messages`",
        "conversable-agent-and-register-reply",
    ),
    "function_map": AgentOption(
        "pass the functions in `tools=[...]` of `autogen_agentchat.agents.AssistantAgent`, which also runs them",
        "tool-use",
    ),
}
_REPLY = (
    "subclass `autogen_agentchat.agents.BaseChatAgent` and implement `on_messages`, `on_reset` "
    "and `produced_message_types`"
)
_STATE = "use `state = await agent.save_state()` and `await agent.load_state(state)` (teams have them too)"
# capability class -> (advice, anchor)
CAPABILITIES: dict[str, tuple[str, str]] = {
    "TransformMessages": (
        "pass `model_context=BufferedChatCompletionContext(buffer_size=...)` (from `autogen_core.model_context`) "
        "to `AssistantAgent`",
        "long-context-handling",
    ),
    "Teachability": (
        "give `AssistantAgent` a memory store: `memory=[...]` with a store from `autogen_core.memory`",
        "rag-agent",
    ),
    "VisionCapability": (
        "use a vision-capable model client and send `autogen_agentchat.messages.MultiModalMessage` inputs",
        "multi-modal-agent",
    ),
}
_CAPABILITY = (
    "v0.4 has no capability hooks: build the behaviour into the agent "
    "(`model_context=`, `memory=`, or a `BaseChatAgent` subclass)"
)


@on(ast.Call, keywords=tuple(AGENT_OPTIONS), packages=AUTOGEN)
def agent_options(checker: Checker, node: ast.Call) -> None:
    for keyword in keywords(node, AGENT_OPTIONS):
        assert keyword.arg is not None
        option = AGENT_OPTIONS[keyword.arg]
        off = any(is_constant(keyword.value, value) for value in option.off_values)
        instead = option.when_off if off else option.advice
        gate = keyword_gate(checker, node)
        checker.report("AGL501", keyword, anchor=option.anchor, gate=gate, keyword=keyword.arg, instead=instead)


@on(ast.Call, methods=("register_reply",), packages=AUTOGEN)
def register_reply(checker: Checker, node: ast.Call) -> None:
    if method_call(checker, node, ("register_reply",)) is not None:
        checker.report("AGL502", node, gate=Gate.AUTOGEN, instead=_REPLY)


@on(ast.Attribute, attributes=("chat_messages",), packages=AUTOGEN)
def chat_messages_attribute(checker: Checker, node: ast.Attribute) -> None:
    if node.attr == "chat_messages" and checker.semantic.resolve_qualified_name(node) is None:
        checker.report("AGL503", node, gate=Gate.V02, instead=_STATE)


@on(ast.Call, keywords=("chat_messages",), packages=AUTOGEN)
def chat_messages_keyword(checker: Checker, node: ast.Call) -> None:
    for keyword in keywords(node, ("chat_messages",)):
        checker.report("AGL503", keyword, gate=keyword_gate(checker, node, Gate.V02), instead=_STATE)


@on(ast.Call, methods=("add_to_agent",), packages=AUTOGEN)
def add_to_agent(checker: Checker, node: ast.Call) -> None:
    if method_call(checker, node, ("add_to_agent",)) is None:
        return
    assert isinstance(node.func, ast.Attribute)
    capability = _capability_class(checker, node.func.value)
    advice, anchor = CAPABILITIES.get(leaf(capability or ""), (_CAPABILITY, "long-context-handling"))
    gate = Gate.NONE if capability is not None else Gate.V02
    checker.report("AGL504", node, anchor=anchor, gate=gate, instead=advice)


def _capability_class(checker: Checker, receiver: ast.expr) -> str | None:
    """The v0.2 class of the capability ``add_to_agent`` is called on, when it is visible."""
    constructor = checker.constructor_of(receiver)
    return constructor if constructor is not None and is_v02(constructor) else None
