"""The Microsoft Agent Framework destination: what replaces each AutoGen name there.

Three tables, proven against agent-framework-core, -openai and -orchestrations by the
``catalog-maf`` tox env:

- ``V04``: the AutoGen v0.4 names Agent Framework replaces (AGL801), with the replacement;
- ``V02_BY_RULE`` and ``v02_advice``: the Agent Framework advice of the v0.2 rules when
  the project's target is Agent Framework (the v0.2 names reach it through the v0.4 table);
- ``PRE_1_0``: Agent Framework names renamed or removed before 1.0, with no alias left
  (AGL901, AGL902).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

SINGLE_AGENT = "single-agent-feature-mapping"
MULTI_AGENT = "multi-agent-feature-mapping"
MODEL_CLIENT = "model-client-creation-and-configuration"
DIFFERENCES = "key-similarities-and-differences"


class MafReplacement(NamedTuple):
    """The Agent Framework way for one AutoGen v0.4 name.

    ``maf`` is the dotted name to import instead, or ``None`` when the replacement is a
    different way of writing the code (``advice`` says which). ``prefix`` entries stand
    for every name in a v0.4 module (the termination conditions).
    """

    v04: str
    maf: str | None
    anchor: str
    advice: str = ""
    prefix: bool = False

    @property
    def instead(self) -> str:
        if self.maf is None:
            return self.advice
        module, _, name = self.maf.rpartition(".")
        text = f"use `from {module} import {name}`"
        return f"{text} ({self.advice})" if self.advice else text


_OPENAI = "agent_framework.openai"
_USER_PROXY_ADVICE = (
    "there is no user-proxy agent: read the person's input yourself and pass it to `agent_framework.Agent.run`; "
    'a tool a person must approve is declared with `@tool(approval_mode="always_require")`'
)
_TERMINATION = (
    "there are no condition classes: give `GroupChatBuilder` or `HandoffBuilder` a "
    "`termination_condition=` callable over the message list, or bound the rounds with `max_rounds=`"
)

V04: tuple[MafReplacement, ...] = (
    # Agents
    MafReplacement(
        "autogen_agentchat.agents.AssistantAgent",
        "agent_framework.Agent",
        SINGLE_AGENT,
        "`Agent(client=..., instructions=...)`: `model_client=` becomes `client=`, `system_message=` `instructions=`",
    ),
    MafReplacement("autogen_agentchat.agents.UserProxyAgent", None, SINGLE_AGENT, _USER_PROXY_ADVICE),
    MafReplacement(
        "autogen_agentchat.agents.BaseChatAgent",
        "agent_framework.BaseAgent",
        SINGLE_AGENT,
        "subclass it and implement `run`",
    ),
    # Model clients
    MafReplacement(
        "autogen_ext.models.openai.OpenAIChatCompletionClient",
        f"{_OPENAI}.OpenAIChatCompletionClient",
        MODEL_CLIENT,
        "`OpenAIChatCompletionClient(model=...)`; `agent_framework.openai.OpenAIChatClient` uses the Responses API",
    ),
    MafReplacement(
        "autogen_ext.models.openai.AzureOpenAIChatCompletionClient",
        f"{_OPENAI}.OpenAIChatCompletionClient",
        MODEL_CLIENT,
        "Azure OpenAI goes through the same class: `OpenAIChatCompletionClient(model=..., azure_endpoint=..., "
        "credential=...)`",
    ),
    # Tools
    MafReplacement(
        "autogen_core.tools.FunctionTool",
        "agent_framework.tool",
        SINGLE_AGENT,
        "decorate the function with `@tool` (or pass the plain function in `tools=[...]`)",
    ),
    MafReplacement(
        "autogen_agentchat.tools.AgentTool",
        None,
        SINGLE_AGENT,
        "use `agent.as_tool()` on the `agent_framework.Agent` to wrap",
    ),
    # Messages and results
    MafReplacement(
        "autogen_agentchat.messages.TextMessage",
        "agent_framework.Message",
        SINGLE_AGENT,
        '`Message("user", ["text"])`',
    ),
    MafReplacement(
        "autogen_agentchat.messages.MultiModalMessage",
        "agent_framework.Message",
        SINGLE_AGENT,
        '`Message("user", [Content.from_text(...), Content.from_uri(...)])`',
    ),
    MafReplacement(
        "autogen_agentchat.base.TaskResult",
        "agent_framework.AgentResponse",
        SINGLE_AGENT,
        "`await agent.run(...)` returns it; the answer is `.text`",
    ),
    # Streaming and cancellation
    MafReplacement(
        "autogen_agentchat.ui.Console",
        None,
        SINGLE_AGENT,
        "stream with `async for update in agent.run(..., stream=True)` and print `update.text`",
    ),
    MafReplacement(
        "autogen_core.CancellationToken",
        None,
        SINGLE_AGENT,
        "no method takes a cancellation token: cancel the `asyncio` task that runs the agent",
    ),
    # Teams
    MafReplacement(
        "autogen_agentchat.teams.RoundRobinGroupChat",
        "agent_framework.orchestrations.SequentialBuilder",
        MULTI_AGENT,
        "`SequentialBuilder(participants=[...]).build()`, run with `await workflow.run(task)`",
    ),
    MafReplacement(
        "autogen_agentchat.teams.SelectorGroupChat",
        "agent_framework.orchestrations.GroupChatBuilder",
        MULTI_AGENT,
        "`GroupChatBuilder(participants=[...], orchestrator_agent=... or selection_func=..., max_rounds=...)`",
    ),
    MafReplacement(
        "autogen_agentchat.teams.Swarm",
        "agent_framework.orchestrations.HandoffBuilder",
        MULTI_AGENT,
        "`HandoffBuilder(participants=[...])`",
    ),
    MafReplacement(
        "autogen_agentchat.teams.MagenticOneGroupChat",
        "agent_framework.orchestrations.MagenticBuilder",
        MULTI_AGENT,
        "`MagenticBuilder(participants=[...], manager_agent=...)`",
    ),
    MafReplacement(
        "autogen_agentchat.teams.GraphFlow",
        "agent_framework.WorkflowBuilder",
        MULTI_AGENT,
        "`WorkflowBuilder(start_executor=...)` with `.add_edge(...)`, then `.build()`",
    ),
    MafReplacement(
        "autogen_agentchat.teams.DiGraphBuilder",
        "agent_framework.WorkflowBuilder",
        MULTI_AGENT,
        "`WorkflowBuilder(start_executor=...)` with `.add_edge(...)`, then `.build()`",
    ),
    # Termination conditions
    MafReplacement("autogen_agentchat.conditions", None, MULTI_AGENT, _TERMINATION, prefix=True),
)

_V04_EXACT = {entry.v04: entry for entry in V04 if not entry.prefix}
_V04_PREFIXES = tuple(entry for entry in V04 if entry.prefix)


def v04_lookup(qualified_name: str) -> MafReplacement | None:
    """The Agent Framework replacement for a v0.4 dotted name, or ``None`` when it has none listed."""
    entry = _V04_EXACT.get(qualified_name)
    if entry is not None:
        return entry
    return next((e for e in _V04_PREFIXES if qualified_name.startswith(f"{e.v04}.")), None)


def iter_v04() -> Iterator[MafReplacement]:
    return iter(V04)


# v0.2 rules under the Agent Framework target: the advice their messages give instead.
V02_BY_RULE: dict[str, tuple[str, str]] = {
    "AGL101": (
        "port it to `agent_framework.Agent` with a chat client from `agent_framework.openai`, "
        "tools as plain functions or `@tool`, and multi-agent runs as `agent_framework.orchestrations` builders",
        DIFFERENCES,
    ),
    "AGL102": (
        "there is none either: memory and retrieval go in `agent_framework.Agent(..., context_providers=[...])`",
        SINGLE_AGENT,
    ),
    "AGL103": (
        "depend on `agent-framework-core` and `agent-framework-openai` (imported as `agent_framework`) instead",
        DIFFERENCES,
    ),
    "AGL201": (
        "give the agent a chat client: `Agent(client=OpenAIChatClient(model=...), instructions=...)`, "
        "with the client from `agent_framework.openai`",
        MODEL_CLIENT,
    ),
    "AGL202": (
        "build one chat client per model: `agent_framework.openai.OpenAIChatClient(model=..., api_key=...)`",
        MODEL_CLIENT,
    ),
    "AGL203": (
        "responses are not cached: drop the option, or add an `agent_framework.ChatMiddleware` that caches",
        MODEL_CLIENT,
    ),
    "AGL301": (
        "one agent answers with `await agent.run(...)`; agents that take turns are a "
        "`agent_framework.orchestrations.SequentialBuilder(participants=[...]).build()` workflow, "
        "run with `await workflow.run(task)`",
        MULTI_AGENT,
    ),
    "AGL302": (
        "chain `await agent.run(...)` calls, or build an "
        "`agent_framework.orchestrations.SequentialBuilder(participants=[...])` workflow",
        MULTI_AGENT,
    ),
    "AGL303": (
        "wrap the inner `agent_framework.Agent` with `as_tool()`, or the inner workflow with `workflow.as_agent()`",
        MULTI_AGENT,
    ),
    "AGL401": (
        "pass the function in `Agent(..., tools=[...])`; decorate it with `@agent_framework.tool` to set its "
        "name or description",
        SINGLE_AGENT,
    ),
    "AGL402": (
        "pass the function in `Agent(..., tools=[...])`; decorate it with `@agent_framework.tool` to set its "
        "name or description",
        SINGLE_AGENT,
    ),
    "AGL501": (
        "an `agent_framework.Agent` has no such option: tools go in `tools=[...]` (with "
        '`@tool(approval_mode="always_require")` where a human must approve), turn limits in a '
        "`GroupChatBuilder(max_rounds=...)`",
        SINGLE_AGENT,
    ),
    "AGL502": (
        "subclass `agent_framework.BaseAgent` and implement `run`",
        SINGLE_AGENT,
    ),
    "AGL503": (
        "keep the history in an `agent_framework.AgentSession`: `session = agent.create_session()`, `agent.run(..., "
        "session=session)`, saved with `session.to_dict()` and restored with `AgentSession.from_dict(...)`",
        SINGLE_AGENT,
    ),
    "AGL504": (
        "give the agent context providers: `agent_framework.Agent(..., context_providers=[...])`",
        SINGLE_AGENT,
    ),
    "AGL601": (
        "use `agent_framework.orchestrations.GroupChatBuilder(participants=[...], max_rounds=...)` "
        "(`SequentialBuilder` for fixed turns); `.build()` gives the workflow to run",
        MULTI_AGENT,
    ),
}


_USER_PROXY = (_USER_PROXY_ADVICE, SINGLE_AGENT)
_CODE_EXECUTION = (
    "code runs in the chat client's hosted code interpreter: "
    "`agent_framework.Agent(..., tools=[client.get_code_interpreter_tool()])`",
    SINGLE_AGENT,
)
# By the v0.2 -> v0.4 guide section of a v0.2 name with no listed Agent Framework replacement.
V02_BY_SECTION: dict[str, tuple[str, str]] = {
    "user-proxy": _USER_PROXY,
    "code-executors": _CODE_EXECUTION,
    "tool-use": V02_BY_RULE["AGL401"],
    "model-client": V02_BY_RULE["AGL202"],
    "model-client-for-openai-compatible-apis": V02_BY_RULE["AGL202"],
    "model-client-cache": V02_BY_RULE["AGL203"],
    "group-chat": V02_BY_RULE["AGL601"],
    "two-agent-chat": V02_BY_RULE["AGL301"],
    "sequential-chat": V02_BY_RULE["AGL302"],
    "nested-chat": V02_BY_RULE["AGL303"],
    "conversable-agent-and-register-reply": V02_BY_RULE["AGL502"],
    "save-and-load-agent-state": V02_BY_RULE["AGL503"],
    "long-context-handling": V02_BY_RULE["AGL504"],
    "rag-agent": V02_BY_RULE["AGL102"],
}


def v02_advice(code: str, v04_name: str | None = None, section: str | None = None) -> tuple[str, str] | None:
    """Agent Framework advice (to read after "in Agent Framework, ") and guide anchor for a v0.2 finding.

    ``v04_name`` is the v0.4 name the v0.2 one maps to, when it has one, and ``section`` its
    v0.2 -> v0.4 guide section: the Agent Framework replacement of the v0.4 name is the advice,
    else the advice for that section, else the rule's own.
    """
    if v04_name is not None:
        entry = v04_lookup(v04_name)
        if entry is not None:
            return entry.instead, entry.anchor
    if section is not None and section in V02_BY_SECTION:
        return V02_BY_SECTION[section]
    return V02_BY_RULE.get(code)


class Renamed(NamedTuple):
    """An Agent Framework name from before 1.0 and what became of it.

    ``new`` is the dotted name to use instead when the rename is one-to-one (a safe fix);
    otherwise ``None`` and ``advice`` says what to write.
    """

    old: str
    new: str | None
    advice: str = ""
    anchor: str = SINGLE_AGENT

    @property
    def instead(self) -> str:
        if self.new is None:
            return self.advice
        text = f"use `{self.new}`"
        return f"{text} ({self.advice})" if self.advice else text


_AF = "agent_framework"
_CONTENT = "use `agent_framework.Content` and its constructors (`Content.from_text(...)`, `Content.from_uri(...)`, ...)"

PRE_1_0: tuple[Renamed, ...] = (
    Renamed(f"{_AF}.ChatAgent", f"{_AF}.Agent"),
    Renamed(f"{_AF}.RawChatAgent", f"{_AF}.RawAgent"),
    Renamed(f"{_AF}.ChatMessage", f"{_AF}.Message"),
    Renamed(f"{_AF}.ChatClientProtocol", f"{_AF}.SupportsChatGetResponse", anchor=MODEL_CLIENT),
    Renamed(f"{_AF}.AgentProtocol", f"{_AF}.SupportsAgentRun"),
    Renamed(f"{_AF}.AgentRunContext", f"{_AF}.AgentContext"),
    Renamed(f"{_AF}.ai_function", f"{_AF}.tool"),
    Renamed(f"{_AF}.AIFunction", f"{_AF}.FunctionTool"),
    Renamed(f"{_AF}.AgentThread", f"{_AF}.AgentSession"),
    Renamed(f"{_AF}.AgentRunResponse", f"{_AF}.AgentResponse"),
    Renamed(f"{_AF}.AgentRunResponseUpdate", f"{_AF}.AgentResponseUpdate"),
    Renamed(f"{_AF}.BaseContextProvider", f"{_AF}.ContextProvider"),
    Renamed(f"{_AF}.BaseHistoryProvider", f"{_AF}.HistoryProvider"),
    # Removed, or moved, with no one-to-one name.
    Renamed(
        f"{_AF}.azure.AzureOpenAIChatClient",
        None,
        "use `agent_framework.openai.OpenAIChatCompletionClient(model=..., azure_endpoint=..., credential=...)`",
        MODEL_CLIENT,
    ),
    Renamed(
        f"{_AF}.azure.AzureOpenAIResponsesClient",
        None,
        "use `agent_framework.openai.OpenAIChatClient(model=..., azure_endpoint=..., credential=...)`",
        MODEL_CLIENT,
    ),
    Renamed(
        f"{_AF}.openai.OpenAIResponsesClient",
        None,
        "use `agent_framework.openai.OpenAIChatClient`, which now speaks the Responses API",
        MODEL_CLIENT,
    ),
    Renamed(f"{_AF}.TextContent", None, _CONTENT),
    Renamed(f"{_AF}.DataContent", None, _CONTENT),
    Renamed(f"{_AF}.UriContent", None, _CONTENT),
    Renamed(f"{_AF}.FunctionCallContent", None, _CONTENT),
    Renamed(
        f"{_AF}.HostedCodeInterpreterTool",
        None,
        "use the chat client's `get_code_interpreter_tool()`",
    ),
    Renamed(f"{_AF}.HostedWebSearchTool", None, "use the chat client's `get_web_search_tool()`"),
    Renamed(f"{_AF}.HostedFileSearchTool", None, "use the chat client's `get_file_search_tool()`"),
    Renamed(f"{_AF}.HostedMCPTool", None, "use the chat client's `get_mcp_tool()`"),
    Renamed(
        f"{_AF}.SequentialBuilder",
        None,
        "import it from `agent_framework.orchestrations` (package `agent-framework-orchestrations`)",
        MULTI_AGENT,
    ),
    Renamed(
        f"{_AF}.ConcurrentBuilder",
        None,
        "import it from `agent_framework.orchestrations` (package `agent-framework-orchestrations`)",
        MULTI_AGENT,
    ),
    Renamed(
        f"{_AF}.GroupChatBuilder",
        None,
        "import it from `agent_framework.orchestrations` (package `agent-framework-orchestrations`)",
        MULTI_AGENT,
    ),
    Renamed(
        f"{_AF}.HandoffBuilder",
        None,
        "import it from `agent_framework.orchestrations` (package `agent-framework-orchestrations`)",
        MULTI_AGENT,
    ),
    Renamed(
        f"{_AF}.MagenticBuilder",
        None,
        "import it from `agent_framework.orchestrations` (package `agent-framework-orchestrations`)",
        MULTI_AGENT,
    ),
)

PRE_1_0_BY_NAME: dict[str, Renamed] = {entry.old: entry for entry in PRE_1_0}


class RenamedMember(NamedTuple):
    """A method or keyword argument renamed before 1.0, on the Agent Framework objects ``owners`` names."""

    old: str
    new: str
    owners: str
    """``"client"`` (chat clients), ``"agent"`` (agents and workflows), ``"Agent"`` (its constructor),
    ``"Message"`` (its constructor) or ``"run"`` (an agent's ``run``)."""
    anchor: str = SINGLE_AGENT


PRE_1_0_METHODS: tuple[RenamedMember, ...] = (
    RenamedMember("create_agent", "as_agent", "client"),
    RenamedMember("get_new_thread", "create_session", "agent"),
    RenamedMember("run_stream", "run", "agent"),
    RenamedMember("get_streaming_response", "get_response", "client", MODEL_CLIENT),
)

PRE_1_0_ARGUMENTS: tuple[RenamedMember, ...] = (
    RenamedMember("chat_client", "client", "Agent"),
    RenamedMember("thread", "session", "run"),
    RenamedMember("model_id", "model", "client", MODEL_CLIENT),
    RenamedMember("text", "contents", "Message"),
)
