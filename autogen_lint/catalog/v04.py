"""The AutoGen v0.4 destination: what replaces each v0.2 ``autogen`` name (the data behind AGL101 and AGL102)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from autogen_lint.names import is_v02

MOVED = "AGL101"
NO_EQUIVALENT = "AGL102"


class Replacement(NamedTuple):
    """The v0.4 way for one v0.2 name.

    ``v04`` is the dotted name to import instead, or ``None`` when the
    replacement is a different way of writing the code (``advice`` says which).
    ``tree`` entries stand for a whole v0.2 module and everything inside it.
    ``covered_by`` names the rule that reports calls of the name with more specific
    advice, so a call through a module import (``autogen.GroupChat(...)``) is not
    reported twice.
    """

    v02: str
    v04: str | None
    anchor: str
    advice: str = ""
    code: str = MOVED
    also: tuple[str, ...] = ()
    tree: bool = False
    covered_by: str | None = None

    @property
    def instead(self) -> str:
        """The message tail: what to write instead."""
        if self.v04 is None:
            return self.advice
        module, _, name = self.v04.rpartition(".")
        text = f"use `from {module} import {name}`"
        return f"{text} ({self.advice})" if self.advice else text


def _moved(
    v02: str,
    v04: str | None,
    anchor: str,
    advice: str = "",
    *,
    also: tuple[str, ...] = (),
    tree: bool = False,
    covered_by: str | None = None,
) -> Replacement:
    return Replacement(v02, v04, anchor, advice, MOVED, also, tree, covered_by)


def _gone(v02: str, anchor: str, advice: str, *, also: tuple[str, ...] = (), tree: bool = False) -> Replacement:
    return Replacement(v02, None, anchor, advice, NO_EQUIVALENT, also, tree)


def _under(*modules: str, name: str) -> tuple[str, ...]:
    return tuple(f"{module}.{name}" for module in modules)


_AGENTCHAT = "autogen.agentchat"
_CONTRIB = "autogen.agentchat.contrib"
_CAPS = "autogen.agentchat.contrib.capabilities"
_OAI = ("autogen.oai", "autogen.oai.openai_utils")
_MEMORY_ADVICE = (
    "use the v0.4 Memory API: `AssistantAgent(..., memory=[...])` with a store from "
    "`autogen_core.memory` (`ListMemory`) or `autogen_ext.memory`"
)
_CONFIG_ADVICE = (
    "build one client per model, or load a component config with "
    "`autogen_core.models.ChatCompletionClient.load_component(config)`"
)
_COMPATIBLE_ADVICE = "point it at the provider with `base_url=` and `model_info=`"
CONFIG_LIST_FUNCTIONS = (
    "config_list_from_json",
    "config_list_from_dotenv",
    "config_list_from_models",
    "config_list_openai_aoai",
    "config_list_gpt4_gpt35",
    "get_config_list",
    "filter_config",
)
_OPENAI_CLIENT = "autogen_ext.models.openai.OpenAIChatCompletionClient"
_TEAM_ADVICE = "or `RoundRobinGroupChat` for fixed turns; the team replaces both `GroupChat` and its manager"

REPLACEMENTS: tuple[Replacement, ...] = (
    # Agents
    _moved(
        "autogen.AssistantAgent",
        "autogen_agentchat.agents.AssistantAgent",
        "assistant-agent",
        "it takes `model_client=` instead of `llm_config=`",
        also=_under(_AGENTCHAT, f"{_AGENTCHAT}.assistant_agent", name="AssistantAgent"),
    ),
    _moved(
        "autogen.UserProxyAgent",
        "autogen_agentchat.agents.UserProxyAgent",
        "user-proxy",
        "it only relays human input; code execution moves to `CodeExecutorAgent`",
        also=_under(_AGENTCHAT, f"{_AGENTCHAT}.user_proxy_agent", name="UserProxyAgent"),
    ),
    _moved(
        "autogen.ConversableAgent",
        "autogen_agentchat.agents.BaseChatAgent",
        "conversable-agent-and-register-reply",
        "subclass it and implement `on_messages`, or use `AssistantAgent`",
        also=_under(_AGENTCHAT, f"{_AGENTCHAT}.conversable_agent", name="ConversableAgent"),
    ),
    _moved(
        "autogen.Agent",
        "autogen_agentchat.agents.BaseChatAgent",
        "conversable-agent-and-register-reply",
        "the base class of v0.4 chat agents",
        also=(*_under(_AGENTCHAT, f"{_AGENTCHAT}.agent", name="Agent"), f"{_AGENTCHAT}.agent.LLMAgent"),
    ),
    _moved(
        "autogen.GroupChat",
        "autogen_agentchat.teams.SelectorGroupChat",
        "group-chat",
        _TEAM_ADVICE,
        also=_under(_AGENTCHAT, f"{_AGENTCHAT}.groupchat", name="GroupChat"),
        covered_by="AGL601",
    ),
    _moved(
        "autogen.GroupChatManager",
        "autogen_agentchat.teams.SelectorGroupChat",
        "group-chat",
        _TEAM_ADVICE,
        also=_under(_AGENTCHAT, f"{_AGENTCHAT}.groupchat", name="GroupChatManager"),
        covered_by="AGL601",
    ),
    _moved(
        "autogen.ChatResult",
        "autogen_agentchat.base.TaskResult",
        "chat-result",
        "returned by `await team.run(...)`",
        also=_under(_AGENTCHAT, f"{_AGENTCHAT}.chat", name="ChatResult"),
    ),
    _moved(
        "autogen.initiate_chats",
        None,
        "sequential-chat",
        "v0.4 has no built-in sequential chat: chain `await team.run(task=...)` calls, passing each result on",
        also=(
            *_under(_AGENTCHAT, f"{_AGENTCHAT}.chat", name="initiate_chats"),
            f"{_AGENTCHAT}.chat.a_initiate_chats",
        ),
        covered_by="AGL302",
    ),
    _moved(
        "autogen.register_function",
        None,
        "tool-use",
        "pass the function in `tools=[...]` of `autogen_agentchat.agents.AssistantAgent`",
        also=_under(_AGENTCHAT, f"{_AGENTCHAT}.conversable_agent", name="register_function"),
        covered_by="AGL401",
    ),
    _gone(
        "autogen.gather_usage_summary",
        "whats-in-this-guide",
        "v0.4 has no cost tracking yet; add up the `RequestUsage` in `TaskResult.messages[i].models_usage`",
        also=_under(_AGENTCHAT, f"{_AGENTCHAT}.utils", name="gather_usage_summary"),
    ),
    _moved(
        "autogen.graph_utils",
        "autogen_agentchat.teams.GraphFlow",
        "group-chat",
        "speaker transitions are the edges of a `DiGraphBuilder` graph",
        tree=True,
    ),
    # Model clients and configuration
    _moved(
        "autogen.OpenAIWrapper",
        _OPENAI_CLIENT,
        "model-client",
        "one client per model, closed with `await client.close()`",
        also=("autogen.oai.OpenAIWrapper", "autogen.oai.client.OpenAIWrapper"),
        covered_by="AGL202",
    ),
    _moved(
        "autogen.ModelClient",
        "autogen_core.models.ChatCompletionClient",
        "model-client",
        also=("autogen.oai.ModelClient", "autogen.oai.client.ModelClient"),
    ),
    *(
        _moved(
            f"autogen.{name}",
            _OPENAI_CLIENT,
            "model-client",
            _CONFIG_ADVICE,
            also=_under(*_OAI, name=name),
            covered_by="AGL202",
        )
        for name in CONFIG_LIST_FUNCTIONS
    ),
    _moved("autogen.oai.openai_utils", _OPENAI_CLIENT, "model-client", _CONFIG_ADVICE, tree=True),
    _moved(
        "autogen.oai.anthropic.AnthropicClient",
        "autogen_ext.models.anthropic.AnthropicChatCompletionClient",
        "model-client",
    ),
    _moved(
        "autogen.oai.bedrock.BedrockClient",
        "autogen_ext.models.anthropic.AnthropicBedrockChatCompletionClient",
        "model-client",
        "for Claude on Bedrock; other Bedrock models need a client of your own",
    ),
    _moved("autogen.oai.ollama.OllamaClient", "autogen_ext.models.ollama.OllamaChatCompletionClient", "model-client"),
    *(
        _moved(
            f"autogen.oai.{module}.{name}",
            _OPENAI_CLIENT,
            "model-client-for-openai-compatible-apis",
            _COMPATIBLE_ADVICE,
        )
        for module, name in (
            ("gemini", "GeminiClient"),
            ("mistral", "MistralAIClient"),
            ("groq", "GroqClient"),
            ("together", "TogetherClient"),
            ("cerebras", "CerebrasClient"),
            ("cohere", "CohereClient"),
        )
    ),
    _gone(
        "autogen.Completion",
        "whats-in-this-guide",
        "the legacy inference API is gone: call `await client.create([...])` on a model client "
        "such as `autogen_ext.models.openai.OpenAIChatCompletionClient`",
        also=("autogen.oai.Completion", "autogen.oai.completion.Completion"),
    ),
    _gone(
        "autogen.ChatCompletion",
        "whats-in-this-guide",
        "the legacy inference API is gone: call `await client.create([...])` on a model client "
        "such as `autogen_ext.models.openai.OpenAIChatCompletionClient`",
        also=("autogen.oai.ChatCompletion", "autogen.oai.completion.ChatCompletion"),
    ),
    _moved(
        "autogen.token_count_utils",
        "autogen_core.models.ChatCompletionClient",
        "model-client",
        "call `client.count_tokens(messages)` or `client.remaining_tokens(messages)` on the model client",
        tree=True,
    ),
    # Caching
    _moved(
        "autogen.Cache",
        "autogen_ext.models.cache.ChatCompletionCache",
        "model-client-cache",
        "wrap the model client, with a `DiskCacheStore` or `RedisStore` from `autogen_ext.cache_store`",
        also=("autogen.cache.Cache", "autogen.cache.cache.Cache", "autogen.oai.Cache"),
    ),
    _moved(
        "autogen.cache.AbstractCache",
        "autogen_core.CacheStore",
        "model-client-cache",
        also=("autogen.cache.abstract_cache_base.AbstractCache",),
    ),
    _moved(
        "autogen.cache.disk_cache.DiskCache", "autogen_ext.cache_store.diskcache.DiskCacheStore", "model-client-cache"
    ),
    _moved("autogen.cache.redis_cache.RedisCache", "autogen_ext.cache_store.redis.RedisStore", "model-client-cache"),
    _moved("autogen.cache.in_memory_cache.InMemoryCache", "autogen_core.InMemoryStore", "model-client-cache"),
    _moved(
        "autogen.cache.cosmos_db_cache.CosmosDBCache",
        "autogen_core.CacheStore",
        "model-client-cache",
        "implement the store as a `CacheStore`",
    ),
    # Code execution
    _moved(
        "autogen.coding.LocalCommandLineCodeExecutor",
        "autogen_ext.code_executors.local.LocalCommandLineCodeExecutor",
        "code-executors",
        "run it from a `CodeExecutorAgent`",
        also=("autogen.coding.local_commandline_code_executor.LocalCommandLineCodeExecutor",),
    ),
    _moved(
        "autogen.coding.DockerCommandLineCodeExecutor",
        "autogen_ext.code_executors.docker.DockerCommandLineCodeExecutor",
        "code-executors",
        "run it from a `CodeExecutorAgent`",
        also=("autogen.coding.docker_commandline_code_executor.DockerCommandLineCodeExecutor",),
    ),
    _moved(
        "autogen.coding.jupyter.JupyterCodeExecutor",
        "autogen_ext.code_executors.jupyter.JupyterCodeExecutor",
        "code-executors",
        "it starts its own kernel; run it from a `CodeExecutorAgent`",
        also=("autogen.coding.jupyter.jupyter_code_executor.JupyterCodeExecutor",),
    ),
    *(
        _moved(
            f"autogen.coding.jupyter.{name}",
            "autogen_ext.code_executors.jupyter.JupyterCodeExecutor",
            "code-executors",
            "it starts its own kernel; for a kernel in Docker use "
            "`autogen_ext.code_executors.docker_jupyter.DockerJupyterCodeExecutor`",
        )
        for name in ("LocalJupyterServer", "DockerJupyterServer", "EmbeddedIPythonCodeExecutor", "JupyterConnectable")
    ),
    *(
        _moved(f"autogen.coding.{name}", f"autogen_core.code_executor.{name}", "code-executors", also=(base,))
        for name, base in (
            ("CodeBlock", "autogen.coding.base.CodeBlock"),
            ("CodeExecutor", "autogen.coding.base.CodeExecutor"),
            ("CodeResult", "autogen.coding.base.CodeResult"),
        )
    ),
    *(
        _moved(
            f"autogen.coding.func_with_reqs.{name}",
            f"autogen_core.code_executor.{name}",
            "code-executors",
        )
        for name in ("FunctionWithRequirements", "with_requirements")
    ),
    _moved(
        "autogen.coding.CodeExecutorFactory",
        "autogen_agentchat.agents.CodeExecutorAgent",
        "code-executors",
        "construct the executor yourself and give it to `CodeExecutorAgent(code_executor=...)`",
        also=("autogen.coding.factory.CodeExecutorFactory",),
    ),
    _moved(
        "autogen.code_utils",
        "autogen_agentchat.agents.CodeExecutorAgent",
        "code-executors",
        "run code with an executor from `autogen_ext.code_executors` inside a `CodeExecutorAgent`",
        tree=True,
    ),
    _moved(
        "autogen.code_utils.content_str",
        None,
        "conversion-between-v02-and-v04-messages",
        "v0.4 messages render themselves with `message.to_text()`",
    ),
    # Tools
    _moved(
        "autogen.function_utils",
        "autogen_core.tools.FunctionTool",
        "tool-use",
        "`FunctionTool(fn, description=...)` builds the schema (`.schema`)",
        tree=True,
    ),
    # Observability
    _moved(
        "autogen.runtime_logging",
        None,
        "observability-and-control",
        "v0.4 logs through Python's `logging`: configure the `autogen_agentchat.EVENT_LOGGER_NAME` "
        "and `autogen_core.EVENT_LOGGER_NAME` loggers",
        tree=True,
    ),
    _moved(
        "autogen.logger",
        None,
        "observability-and-control",
        "v0.4 logs through Python's `logging`: attach a handler to the `autogen_agentchat.EVENT_LOGGER_NAME` logger",
        tree=True,
    ),
    _moved(
        "autogen.io",
        "autogen_agentchat.ui.Console",
        "observability-and-control",
        "stream output with `Console(team.run_stream(...))`; take input with `UserProxyAgent(input_func=...)`",
        tree=True,
    ),
    # Contrib agents and capabilities
    _moved(
        f"{_CONTRIB}.gpt_assistant_agent.GPTAssistantAgent",
        "autogen_ext.agents.openai.OpenAIAssistantAgent",
        "gptassistantagent",
    ),
    _moved(
        f"{_CONTRIB}.society_of_mind_agent.SocietyOfMindAgent",
        "autogen_agentchat.agents.SocietyOfMindAgent",
        "nested-chat",
        "it wraps a team, not a `GroupChatManager`",
    ),
    _moved(
        f"{_CAPS}.transform_messages",
        "autogen_core.model_context.BufferedChatCompletionContext",
        "long-context-handling",
        "pass it as `AssistantAgent(..., model_context=...)`",
        tree=True,
    ),
    _moved(
        f"{_CAPS}.transforms",
        "autogen_core.model_context.BufferedChatCompletionContext",
        "long-context-handling",
        "pass it as `AssistantAgent(..., model_context=...)`",
        tree=True,
    ),
    _moved(
        f"{_CAPS}.transforms.MessageTokenLimiter",
        "autogen_core.model_context.TokenLimitedChatCompletionContext",
        "long-context-handling",
        "pass it as `AssistantAgent(..., model_context=...)`",
    ),
    _moved(
        f"{_CAPS}.transforms_util",
        "autogen_core.model_context.BufferedChatCompletionContext",
        "long-context-handling",
        tree=True,
    ),
    _moved(
        f"{_CAPS}.text_compressors",
        "autogen_core.model_context.ChatCompletionContext",
        "long-context-handling",
        "compress history in a model context of your own",
        tree=True,
    ),
    _moved(
        f"{_CONTRIB}.multimodal_conversable_agent.MultimodalConversableAgent",
        "autogen_agentchat.agents.AssistantAgent",
        "multi-modal-agent",
        "with a vision model client, sent `autogen_agentchat.messages.MultiModalMessage` inputs",
    ),
    _moved(
        f"{_CONTRIB}.llava_agent",
        "autogen_agentchat.agents.AssistantAgent",
        "multi-modal-agent",
        "with a vision model client, sent `autogen_agentchat.messages.MultiModalMessage` inputs",
        tree=True,
    ),
    _moved(
        f"{_CAPS}.vision_capability",
        "autogen_agentchat.agents.AssistantAgent",
        "multi-modal-agent",
        "with a vision model client, sent `autogen_agentchat.messages.MultiModalMessage` inputs",
        tree=True,
    ),
    _moved(
        f"{_CONTRIB}.img_utils",
        "autogen_core.Image",
        "multi-modal-agent",
        "load images with `Image.from_file()` or `Image.from_pil()`",
        tree=True,
    ),
    _moved(
        f"{_CONTRIB}.web_surfer",
        "autogen_ext.agents.web_surfer.MultimodalWebSurfer",
        "whats-in-this-guide",
        tree=True,
    ),
    _moved(
        "autogen.browser_utils",
        "autogen_ext.agents.web_surfer.MultimodalWebSurfer",
        "whats-in-this-guide",
        "it drives a real browser through Playwright",
        tree=True,
    ),
    # Packages and helpers of the v0.2 namespace
    _moved(
        "autogen.agentchat",
        "autogen_agentchat",
        "whats-in-this-guide",
        "agents are in `autogen_agentchat.agents`, teams in `autogen_agentchat.teams`",
    ),
    _moved("autogen.oai", "autogen_ext.models.openai", "model-client", "one model client per model"),
    _moved(
        "autogen.coding", "autogen_ext.code_executors", "code-executors", "run executors from a `CodeExecutorAgent`"
    ),
    _moved(
        "autogen.cache", "autogen_ext.models.cache", "model-client-cache", "`ChatCompletionCache` wraps a model client"
    ),
    *(
        _moved(
            f"autogen.{name}",
            None,
            "whats-in-this-guide",
            "v0.4 does not raise it: handle the exceptions of the v0.4 call you make instead",
            also=(f"autogen.exception_utils.{name}",),
        )
        for name in (
            "AgentNameConflict",
            "InvalidCarryOverType",
            "NoEligibleSpeaker",
            "SenderRequired",
            "UndefinedNextAgent",
        )
    ),
    _moved(
        "autogen.exception_utils",
        None,
        "whats-in-this-guide",
        "handle the exceptions of the v0.4 call you make instead",
        tree=True,
    ),
    *(
        _moved(
            f"autogen.{name}",
            None,
            "model-client",
            'name the model on the client: `OpenAIChatCompletionClient(model="gpt-4o")`',
        )
        for name in ("DEFAULT_MODEL", "FAST_MODEL")
    ),
    _moved(
        "autogen.formatting_utils",
        None,
        "observability-and-control",
        "v0.4 has no colouring helpers; `autogen_agentchat.ui.Console` renders a run",
        tree=True,
    ),
    _moved(
        "autogen.types",
        "autogen_agentchat.messages",
        "conversion-between-v02-and-v04-messages",
        "v0.4 messages are classes such as `TextMessage` and `MultiModalMessage`",
        tree=True,
    ),
    _moved(
        "autogen.version",
        None,
        "whats-in-this-guide",
        'read `importlib.metadata.version("autogen-agentchat")`',
        tree=True,
    ),
    *(
        _moved(
            f"autogen.coding.{name}",
            "autogen_agentchat.agents.CodeExecutorAgent",
            "code-executors",
            "it extracts the Markdown code blocks of the messages it receives",
            also=(f"autogen.coding.{module}.{name}",),
        )
        for name, module in (("CodeExtractor", "base"), ("MarkdownCodeExtractor", "markdown_code_extractor"))
    ),
    _moved(
        f"{_CONTRIB}.agent_eval",
        None,
        "whats-in-this-guide",
        "v0.4 has no evaluation agents: score `TaskResult.messages` with a model client of your own",
        tree=True,
    ),
    _moved(
        f"{_CAPS}.agent_capability",
        "autogen_agentchat.agents.BaseChatAgent",
        "conversable-agent-and-register-reply",
        "v0.4 has no capability hooks: build the behaviour into a custom agent",
        tree=True,
    ),
    _moved(
        f"{_CAPS}.generate_images",
        "autogen_core.tools.FunctionTool",
        "tool-use",
        "call the image API from a tool given to `AssistantAgent(tools=[...])`",
        tree=True,
    ),
    _moved(
        f"{_CONTRIB}.llamaindex_conversable_agent",
        "autogen_core.tools.FunctionTool",
        "tool-use",
        "wrap the LlamaIndex query engine in a tool given to `AssistantAgent(tools=[...])`",
        tree=True,
    ),
    _moved(
        f"{_CONTRIB}.math_user_proxy_agent",
        "autogen_agentchat.agents.CodeExecutorAgent",
        "code-executors",
        "run the generated code in a team with it",
        tree=True,
    ),
    # No v0.4 equivalent
    _gone(f"{_CAPS}.teachability", "rag-agent", _MEMORY_ADVICE, tree=True),
    _gone(f"{_CONTRIB}.text_analyzer_agent", "rag-agent", _MEMORY_ADVICE, tree=True),
    _gone(f"{_CONTRIB}.retrieve_user_proxy_agent", "rag-agent", _MEMORY_ADVICE, tree=True),
    _gone(f"{_CONTRIB}.retrieve_assistant_agent", "rag-agent", _MEMORY_ADVICE, tree=True),
    _gone(f"{_CONTRIB}.qdrant_retrieve_user_proxy_agent", "rag-agent", _MEMORY_ADVICE, tree=True),
    _gone(f"{_CONTRIB}.vectordb", "rag-agent", _MEMORY_ADVICE, tree=True),
    _gone(f"{_CONTRIB}.graph_rag", "rag-agent", _MEMORY_ADVICE, tree=True),
    _gone("autogen.retrieve_utils", "rag-agent", _MEMORY_ADVICE, tree=True),
    _gone(
        f"{_CONTRIB}.agent_builder",
        "whats-in-this-guide",
        "define the agents in code; v0.4 components save and load with `dump_component()`/`load_component()`",
        tree=True,
    ),
    _gone(
        f"{_CONTRIB}.agent_optimizer",
        "whats-in-this-guide",
        "improve the agent's tools and system message by hand",
        tree=True,
    ),
)

GENERIC_INSTEAD = (
    "port it to the v0.4 packages `autogen_agentchat` (agents, teams), `autogen_core` "
    "(models, tools) and `autogen_ext` (model clients, code executors)"
)
GENERIC_ANCHOR = "whats-in-this-guide"


def _index() -> tuple[dict[str, Replacement], dict[str, Replacement]]:
    exact: dict[str, Replacement] = {}
    leaves: dict[str, Replacement | None] = {}
    for entry in REPLACEMENTS:
        for name in (entry.v02, *entry.also):
            if name in exact:
                raise ValueError(f"duplicate replacement for {name}")
            exact[name] = entry
        if not entry.tree:
            leaf = entry.v02.rpartition(".")[2]
            leaves[leaf] = entry if leaves.get(leaf, entry) is entry else None
    return exact, {leaf: entry for leaf, entry in leaves.items() if entry is not None}


_EXACT, _BY_LEAF = _index()


def lookup(qualified_name: str) -> Replacement | None:
    """The replacement for a v0.2 dotted name, or ``None`` when only the generic advice applies.

    Exact names first; then the same object re-exported from another submodule
    (matched by its last component); then the nearest enclosing ``tree`` module.
    """
    if not is_v02(qualified_name):
        return None
    entry = _EXACT.get(qualified_name)
    if entry is not None:
        return entry
    module, _, leaf = qualified_name.rpartition(".")
    entry = _BY_LEAF.get(leaf)
    if entry is not None:
        return entry
    while module:
        entry = _EXACT.get(module)
        if entry is not None and entry.tree:
            return entry
        module = module.rpartition(".")[0]
    return None


def iter_names() -> Iterator[tuple[str, Replacement]]:
    """Every v0.2 dotted name the table knows, with its replacement."""
    return iter(_EXACT.items())
