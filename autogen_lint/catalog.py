"""The rule catalog: the one place every rule is described.

Docs pages, ``explain``, pylint's ``msgs``, SARIF rule metadata and every
diagnostic's link are generated from the entries below.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from textwrap import dedent
from typing import Literal

from autogen_lint.findings import Applicability, Edit, Fix

Severity = Literal["warning", "error"]
Target = Literal["python", "dependencies", "files"]

CODE_RE = re.compile(r"^AGL[0-9]{3}$")
SYMBOL_RE = re.compile(r"^autogen-[a-z0-9]+(?:-[a-z0-9]+)*$")
PYLINT_BASE_ID = "74"


@dataclass(frozen=True, slots=True)
class FixInfo:
    """What a rule's fix does: its title (formatted with the message's fields), grade and why."""

    title: str
    applicability: Applicability
    safety: str
    """Why the fix has its grade: the "Fix safety" section of the rule's page."""

    def format(self, **fields: str) -> str:
        return self.title.format(**fields)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity, message and documentation."""

    code: str
    symbol: str
    summary: str
    message: str
    anchor: str
    what: str
    why: str
    example: str
    use_instead: str
    severity: Severity = "warning"
    target: Target = "python"
    other_anchors: tuple[str, ...] = ()
    fix: FixInfo | None = None

    @property
    def pylint_id(self) -> str:
        """``W74xy`` (``E74xy`` for errors) from the code's first and last digits."""
        letter = "E" if self.severity == "error" else "W"
        return f"{letter}{PYLINT_BASE_ID}{self.code[3]}{self.code[5]}"

    @property
    def anchors(self) -> tuple[str, ...]:
        return (self.anchor, *self.other_anchors)

    def format(self, **fields: str) -> str:
        return self.message.format(**fields)

    def make_fix(self, edits: tuple[Edit, ...], applicability: Applicability | None = None, **fields: str) -> Fix:
        """A fix of this rule with ``edits``, titled from the catalog; graded as the catalog says unless told."""
        assert self.fix is not None, f"{self.code} has no fix in the catalog"
        return Fix(self.fix.format(**fields), applicability or self.fix.applicability, edits)

    def suggestion(self, **fields: str) -> Fix | None:
        """The display-only fix every finding of this rule carries, if the catalog gives one."""
        if self.fix is None or self.fix.applicability is not Applicability.DISPLAY_ONLY:
            return None
        return self.make_fix((), None, **fields)


def _code(text: str) -> str:
    return dedent(text).strip("\n") + "\n"


def _text(text: str) -> str:
    return " ".join(dedent(text).split())


_SUGGESTION = FixInfo(
    "v0.4: {instead}",
    Applicability.DISPLAY_ONLY,
    _text("""
        A suggestion only, shown in the JSON and SARIF output and in editors; `--fix` never
        applies it. Renaming a v0.2 name alone leaves code that still breaks on the v0.2
        options around it (`llm_config=`, `initiate_chat`): the rewrite is a whole-program one,
        which `autogen-lint migrate` makes where it can prove the program's shape.
    """),
)


_RULES: tuple[Rule, ...] = (
    Rule(
        code="AGL001",
        symbol="autogen-unreadable-file",
        summary="File that could not be read or parsed",
        message="file could not be read or parsed: {reason}",
        anchor="whats-in-this-guide",
        severity="error",
        target="files",
        what=_text("""
            Reported by the `autogen-lint` command for a file it cannot check: unreadable bytes
            (an encoding error, a PEP 263 cookie naming an unknown codec), a syntax error in a
            file that uses AutoGen, or a notebook that is not valid notebook JSON. The finding
            is placed at the error's line and the rest of the run goes on.
        """),
        why=_text("""
            A file that cannot be parsed cannot be checked, so its v0.2 code would go unseen.
            Saying so keeps a broken file from passing silently. (flake8 and pylint report
            these files with their own codes, E999 and syntax-error.)
        """),
        example=_code("""
            from autogen import (AssistantAgent
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
        """),
    ),
    Rule(
        code="AGL101",
        symbol="autogen-v02-import",
        summary="Import from the AutoGen v0.2 `autogen` package",
        message="`{name}` is AutoGen v0.2 API; {instead}",
        anchor="whats-in-this-guide",
        fix=_SUGGESTION,
        other_anchors=(
            "assistant-agent",
            "user-proxy",
            "conversable-agent-and-register-reply",
            "group-chat",
            "model-client",
            "model-client-for-openai-compatible-apis",
            "model-client-cache",
            "code-executors",
            "tool-use",
            "chat-result",
            "gptassistantagent",
            "nested-chat",
            "sequential-chat",
            "long-context-handling",
            "multi-modal-agent",
            "observability-and-control",
            "conversion-between-v02-and-v04-messages",
        ),
        what=_text("""
            Flags every `import autogen` and every name imported from the v0.2 `autogen`
            package or its submodules, including uses through a whole-module import such as
            `autogen.AssistantAgent(...)`. The message names the exact v0.4 import that
            replaces the name, from the table below, and links the guide section about it.
            Imports inside a `try: <v0.4 import> / except ImportError: <v0.2 import>`
            compatibility shim are spared unless you ask for them (`flag-compat-shims = true`
            in `[tool.autogen-lint]`, flake8 `--autogen-flag-compat-shims`, pylint
            `--autogen-flag-compat-shims=y`).
        """),
        why=_text("""
            AutoGen v0.4 is a rewrite: the single `autogen` package was split into
            `autogen_agentchat` (agents and teams), `autogen_core` (models, tools, runtime)
            and `autogen_ext` (model clients, code executors, extensions). The v0.2 names
            do not exist there, and most classes changed their constructor and behaviour.
        """),
        example=_code("""
            from autogen import AssistantAgent, UserProxyAgent
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent, UserProxyAgent
        """),
    ),
    Rule(
        code="AGL102",
        symbol="autogen-v02-no-equivalent",
        summary="Import of a v0.2 feature that AutoGen v0.4 does not have",
        message="`{name}` has no AutoGen v0.4 equivalent; {instead}",
        anchor="whats-in-this-guide",
        fix=_SUGGESTION,
        other_anchors=("rag-agent",),
        what=_text("""
            Flags imports (and whole-module uses) of v0.2 features that v0.4 does not
            provide: teachable agents (`Teachability`), the retrieval agents
            (`RetrieveUserProxyAgent`, `RetrieveAssistantAgent` and their vector stores),
            cost tracking (`gather_usage_summary`), the legacy `Completion`/`ChatCompletion`
            inference API, `AgentBuilder` and `AgentOptimizer`. It is reported instead of
            AGL101 for these names.
        """),
        why=_text("""
            There is nothing to rename: the code has to be redesigned. RAG and teachability
            move to the v0.4 Memory API (`AssistantAgent(memory=[...])`); usage is read from
            `RequestUsage` on the model client's results; everything else needs your own
            code. The guide lists these features as not yet available in v0.4.
        """),
        example=_code("""
            from autogen.agentchat.contrib.retrieve_user_proxy_agent import RetrieveUserProxyAgent
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_core.memory import ListMemory, MemoryContent, MemoryMimeType
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                memory = ListMemory()
                await memory.add(MemoryContent(content="Paris is in France.", mime_type=MemoryMimeType.TEXT))
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent("assistant", model_client=model_client, memory=[memory])
                    await agent.run(task="Where is Paris?")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL103",
        symbol="autogen-v02-dependency",
        summary="Dependency that installs the AutoGen v0.2 API",
        message="`{requirement}` installs the AutoGen v0.2 API; {instead}",
        anchor="whats-in-this-guide",
        fix=_SUGGESTION,
        target="dependencies",
        what=_text("""
            Flags dependency declarations (`requirements*.txt`, `pyproject.toml`,
            `setup.cfg`) that admit a v0.2 API release: `pyautogen` below 0.10,
            `autogen-agentchat` 0.2.x, and the v0.2-API packages `ag2` and `autogen`.
            Only the `autogen-lint` command reads dependency files.
        """),
        why=_text("""
            While the pin admits v0.2, the v0.2 `autogen` module keeps being installed and
            imported, and v0.4 code cannot be adopted next to it. The v0.4 API ships as
            `autogen-agentchat>=0.4` and `autogen-ext`.
        """),
        example=_code("""
            pyautogen==0.2.35
        """),
        use_instead=_code("""
            autogen-agentchat>=0.4
            autogen-ext[openai]>=0.4
        """),
    ),
    Rule(
        code="AGL201",
        symbol="autogen-llm-config",
        summary="`llm_config=` passed to an agent",
        message="`llm_config=` is AutoGen v0.2 configuration; {instead}",
        anchor="assistant-agent",
        fix=_SUGGESTION,
        other_anchors=("user-proxy",),
        what=_text("""
            Flags the keyword `llm_config=` in a call to an AutoGen name, and in any call of
            a module that imports `autogen` or an `autogen_*` package (where the callee is
            usually an agent class or a factory of your own). `llm_config=False` gets the
            user-proxy advice instead.
        """),
        why=_text("""
            v0.4 agents take a model client object, not a configuration dictionary:
            `AssistantAgent(name, model_client=OpenAIChatCompletionClient(model=...))`.
            Sampling options such as `temperature` and `seed` move to the client. An agent
            that needs no model (`llm_config=False`) is a `UserProxyAgent` or a custom agent.
        """),
        example=_code("""
            from autogen import AssistantAgent

            assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4o"})
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    assistant = AssistantAgent("assistant", model_client=model_client)
                    await assistant.run(task="Say hello.")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL202",
        symbol="autogen-config-list",
        summary="v0.2 config list or `OpenAIWrapper`",
        message="`{name}` is AutoGen v0.2 model configuration; {instead}",
        anchor="model-client",
        fix=_SUGGESTION,
        what=_text("""
            Flags calls that build or load a v0.2 config list (`config_list_from_json`,
            `config_list_from_dotenv`, `config_list_from_models`, `config_list_openai_aoai`,
            `config_list_gpt4_gpt35`, `get_config_list`, `filter_config`), the v0.2
            `OpenAIWrapper` client, and dictionary literals with a `"config_list"` key in
            modules that use AutoGen.
        """),
        why=_text("""
            v0.2 tried each entry of a config list until one worked; v0.4 expects one
            explicit model client per model: `OpenAIChatCompletionClient(model=...,
            api_key=...)`, `AzureOpenAIChatCompletionClient(...)`, or a component
            configuration loaded with `ChatCompletionClient.load_component(config)`.
        """),
        example=_code("""
            import autogen

            config_list = autogen.config_list_from_json("OAI_CONFIG_LIST")
        """),
        use_instead=_code("""
            from autogen_core.models import ChatCompletionClient


            async def main() -> None:
                config = {"provider": "OpenAIChatCompletionClient", "config": {"model": "gpt-4o"}}
                model_client = ChatCompletionClient.load_component(config)
                try:
                    print(model_client.model_info)
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL203",
        symbol="autogen-cache-seed",
        summary="v0.2 response caching (`cache_seed`, `Cache`)",
        message="{name} is AutoGen v0.2 caching; {instead}",
        anchor="model-client-cache",
        fix=_SUGGESTION,
        what=_text("""
            Flags the `"cache_seed"` key of a configuration dictionary, the `cache_seed=`
            keyword, and the v0.2 cache factories `Cache.disk()`, `Cache.redis()` and
            `Cache.cosmos_db()`, in modules that use AutoGen.
        """),
        why=_text("""
            v0.2 cached every model response by default, keyed by `cache_seed`. v0.4 caches
            nothing unless you wrap the client in `ChatCompletionCache` with a store such as
            `DiskCacheStore` or `RedisStore`; a `cache_seed` option is silently meaningless.
        """),
        example=_code("""
            from autogen import Cache

            llm_config = {"model": "gpt-4o", "cache_seed": 42}
            with Cache.disk(cache_seed=7) as cache:
                pass
        """),
        use_instead=_code("""
            from autogen_ext.cache_store.diskcache import DiskCacheStore
            from autogen_ext.models.cache import CHAT_CACHE_VALUE_TYPE, ChatCompletionCache
            from autogen_ext.models.openai import OpenAIChatCompletionClient
            from diskcache import Cache


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                store = DiskCacheStore[CHAT_CACHE_VALUE_TYPE](Cache("/tmp/cache"))
                cached_client = ChatCompletionCache(model_client, store)
                try:
                    print(cached_client.model_info)
                finally:
                    await cached_client.close()
        """),
    ),
    Rule(
        code="AGL301",
        symbol="autogen-initiate-chat",
        summary="`initiate_chat()` two-agent conversation",
        message="`.{method}()` is the AutoGen v0.2 two-agent chat; {instead}",
        anchor="two-agent-chat",
        fix=_SUGGESTION,
        what=_text("""
            Flags the methods `.initiate_chat(...)` and `.a_initiate_chat(...)` in modules
            that use AutoGen.
        """),
        why=_text("""
            v0.4 agents do not talk to each other directly. A conversation is a team:
            put the agents in `RoundRobinGroupChat([...], termination_condition=...)` and
            `await team.run(task=...)` (or stream it with `run_stream` and `Console`). A
            single agent answers with `await agent.run(task=...)`. The result is a
            `TaskResult` instead of a `ChatResult`.
        """),
        example=_code("""
            from autogen import AssistantAgent, UserProxyAgent

            assistant = AssistantAgent("assistant")
            user_proxy = UserProxyAgent("user_proxy")
            user_proxy.initiate_chat(assistant, message="Plot a chart.")
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent, UserProxyAgent
            from autogen_agentchat.conditions import TextMentionTermination
            from autogen_agentchat.teams import RoundRobinGroupChat
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    assistant = AssistantAgent("assistant", model_client=model_client)
                    user_proxy = UserProxyAgent("user_proxy")
                    team = RoundRobinGroupChat(
                        [assistant, user_proxy], termination_condition=TextMentionTermination("TERMINATE")
                    )
                    await team.run(task="Plot a chart.")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL302",
        symbol="autogen-initiate-chats",
        summary="`initiate_chats()` sequential chat",
        message="`{name}()` is the AutoGen v0.2 sequential chat; {instead}",
        anchor="sequential-chat",
        fix=_SUGGESTION,
        what=_text("""
            Flags `initiate_chats(...)` imported from `autogen` and the methods
            `.initiate_chats(...)` and `.a_initiate_chats(...)` in modules that use AutoGen.
        """),
        why=_text("""
            v0.4 has no built-in sequential chat. Each step is a `run` of an agent or a team;
            chain them in plain Python, passing each `TaskResult` on, or build an
            event-driven workflow with the Core API.
        """),
        example=_code("""
            import autogen

            autogen.initiate_chats([])
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    researcher = AssistantAgent("researcher", model_client=model_client)
                    writer = AssistantAgent("writer", model_client=model_client)
                    notes = await researcher.run(task="Collect facts about Mars.")
                    await writer.run(task=notes.messages[-1].to_text())
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL303",
        symbol="autogen-nested-chats",
        summary="`register_nested_chats()`",
        message="`.register_nested_chats()` is AutoGen v0.2 nested chat; {instead}",
        anchor="nested-chat",
        fix=_SUGGESTION,
        what=_text("""
            Flags `.register_nested_chats(...)` in modules that use AutoGen.
        """),
        why=_text("""
            In v0.4 a nested chat is an implementation detail of an agent: write a
            `BaseChatAgent` subclass whose `on_messages` runs the inner team, or use
            `SocietyOfMindAgent`, which wraps a team as one agent.
        """),
        example=_code("""
            from autogen import ConversableAgent

            agent = ConversableAgent("agent")
            agent.register_nested_chats([], trigger=agent)
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent, SocietyOfMindAgent
            from autogen_agentchat.teams import RoundRobinGroupChat
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    inner = RoundRobinGroupChat(
                        [AssistantAgent("writer", model_client=model_client)], max_turns=2
                    )
                    agent = SocietyOfMindAgent("agent", team=inner, model_client=model_client)
                    await agent.run(task="Write a haiku.")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL401",
        symbol="autogen-register-function",
        summary="`register_function()` tool registration",
        message="`{name}()` registers a tool the AutoGen v0.2 way; {instead}",
        anchor="tool-use",
        fix=_SUGGESTION,
        what=_text("""
            Flags calls of `register_function(...)` that resolve to AutoGen's, and the
            method `.register_function(...)` in modules that use AutoGen. A function of
            your own named `register_function` is not flagged.
        """),
        why=_text("""
            v0.2 needed a caller agent and an executor agent for every tool. A v0.4
            `AssistantAgent` both calls and executes its tools: pass the functions in
            `tools=[...]` (wrap one in `FunctionTool` to set its name or description).
        """),
        example=_code("""
            from autogen import AssistantAgent, UserProxyAgent, register_function


            def get_weather(city: str) -> str:
                return f"Sunny in {city}."


            caller = AssistantAgent("caller")
            executor = UserProxyAgent("executor")
            register_function(get_weather, caller=caller, executor=executor)
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            def get_weather(city: str) -> str:
                return f"Sunny in {city}."


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent("assistant", model_client=model_client, tools=[get_weather])
                    await agent.run(task="Weather in Paris?")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL402",
        symbol="autogen-register-for-llm",
        summary="`register_for_llm()` / `register_for_execution()`",
        message="`.{method}()` registers a tool the AutoGen v0.2 way; {instead}",
        anchor="tool-use",
        fix=_SUGGESTION,
        what=_text("""
            Flags `.register_for_llm(...)` and `.register_for_execution(...)`, used as
            decorators or called, in modules that use AutoGen.
        """),
        why=_text("""
            The split between the agent that proposes a tool call and the agent that runs
            it is gone in v0.4: an `AssistantAgent` with `tools=[...]` does both.
            Descriptions come from the docstring and annotations, or from `FunctionTool`.
        """),
        example=_code("""
            from autogen import AssistantAgent

            assistant = AssistantAgent("assistant")


            @assistant.register_for_llm(description="Add two numbers.")
            def add(a: int, b: int) -> int:
                return a + b
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_core.tools import FunctionTool
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            def add(a: int, b: int) -> int:
                return a + b


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    tool = FunctionTool(add, description="Add two numbers.")
                    assistant = AssistantAgent("assistant", model_client=model_client, tools=[tool])
                    await assistant.run(task="What is 2 + 3?")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL501",
        symbol="autogen-v02-agent-option",
        summary="v0.2-only agent option",
        message="`{keyword}=` is an AutoGen v0.2 agent option; {instead}",
        anchor="user-proxy",
        fix=_SUGGESTION,
        other_anchors=("code-executors", "two-agent-chat", "tool-use", "conversable-agent-and-register-reply"),
        what=_text("""
            Flags the v0.2 agent keywords `human_input_mode`, `max_consecutive_auto_reply`,
            `code_execution_config`, `is_termination_msg`, `default_auto_reply` and
            `function_map` in calls of modules that use AutoGen. The message says what
            replaces each one.
        """),
        why=_text("""
            v0.4 agents have none of these options. Human input is a `UserProxyAgent`
            (with `input_func` to customise it); turn limits and stop conditions belong to
            the team (`max_turns`, `TextMentionTermination`, `MaxMessageTermination`); code
            runs in a `CodeExecutorAgent`; tools are passed in `tools=[...]`.
        """),
        example=_code("""
            from autogen import UserProxyAgent

            user_proxy = UserProxyAgent("user_proxy", human_input_mode="NEVER")
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import UserProxyAgent

            user_proxy = UserProxyAgent("user_proxy", input_func=input)
        """),
    ),
    Rule(
        code="AGL502",
        symbol="autogen-register-reply",
        summary="`register_reply()` custom reply function",
        message="`.register_reply()` is the AutoGen v0.2 reply hook; {instead}",
        anchor="conversable-agent-and-register-reply",
        fix=_SUGGESTION,
        what=_text("""
            Flags `.register_reply(...)` in modules that use AutoGen.
        """),
        why=_text("""
            Instead of guessing a reply function's position and signature, v0.4 has you
            write an agent: subclass `BaseChatAgent` and implement `on_messages`, `on_reset`
            and `produced_message_types`.
        """),
        example=_code("""
            from autogen import ConversableAgent


            def reply(recipient, messages=None, sender=None, config=None):
                return True, "Custom reply"


            agent = ConversableAgent("agent")
            agent.register_reply([ConversableAgent], reply, position=0)
        """),
        use_instead=_code("""
            from collections.abc import Sequence

            from autogen_agentchat.agents import BaseChatAgent
            from autogen_agentchat.base import Response
            from autogen_agentchat.messages import BaseChatMessage, TextMessage
            from autogen_core import CancellationToken


            class CustomAgent(BaseChatAgent):
                async def on_messages(
                    self, messages: Sequence[BaseChatMessage], cancellation_token: CancellationToken
                ) -> Response:
                    return Response(chat_message=TextMessage(content="Custom reply", source=self.name))

                async def on_reset(self, cancellation_token: CancellationToken) -> None:
                    pass

                @property
                def produced_message_types(self) -> Sequence[type[BaseChatMessage]]:
                    return (TextMessage,)
        """),
    ),
    Rule(
        code="AGL503",
        symbol="autogen-chat-messages-state",
        summary="Agent state through `chat_messages`",
        message="`chat_messages` is AutoGen v0.2 agent state; {instead}",
        anchor="save-and-load-agent-state",
        fix=_SUGGESTION,
        what=_text("""
            Flags the `.chat_messages` attribute and the `chat_messages=` keyword in
            modules that import the v0.2 `autogen` package.
        """),
        why=_text("""
            v0.2 had no state API, so state was saved by copying `chat_messages` out and
            back in. v0.4 agents and teams have `await save_state()` and
            `await load_state(state)`, which return and take a JSON-serialisable dict.
        """),
        example=_code("""
            from autogen import ConversableAgent

            agent = ConversableAgent("agent")
            history = agent.chat_messages
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent("agent", model_client=model_client)
                    state = await agent.save_state()
                    await agent.load_state(state)
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL504",
        symbol="autogen-v02-capability",
        summary="v0.2 agent capability `add_to_agent()`",
        message="`.add_to_agent()` attaches a v0.2 capability; {instead}",
        anchor="long-context-handling",
        fix=_SUGGESTION,
        other_anchors=("rag-agent", "multi-modal-agent"),
        what=_text("""
            Flags `.add_to_agent(...)` on the v0.2 capabilities `TransformMessages`,
            `Teachability` and `VisionCapability`, and on any object in a module that
            imports `autogen`.
        """),
        why=_text("""
            v0.4 has no capability hooks. Long-context handling is a model context
            (`AssistantAgent(model_context=BufferedChatCompletionContext(buffer_size=10))`),
            teachability and retrieval are `memory=[...]`, and vision comes from a vision
            model client with `MultiModalMessage` inputs.
        """),
        example=_code("""
            from autogen import ConversableAgent
            from autogen.agentchat.contrib.capabilities.transform_messages import TransformMessages
            from autogen.agentchat.contrib.capabilities.transforms import MessageHistoryLimiter

            agent = ConversableAgent("agent")
            TransformMessages(transforms=[MessageHistoryLimiter(max_messages=10)]).add_to_agent(agent)
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_core.model_context import BufferedChatCompletionContext
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent(
                        "agent",
                        model_client=model_client,
                        model_context=BufferedChatCompletionContext(buffer_size=10),
                    )
                    await agent.run(task="Hello")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL601",
        symbol="autogen-group-chat",
        summary="v0.2 `GroupChat` / `GroupChatManager`",
        message="`{name}(...)` is an AutoGen v0.2 group chat; {instead}",
        anchor="group-chat",
        fix=_SUGGESTION,
        other_anchors=("group-chat-with-custom-selector-stateflow",),
        what=_text("""
            Flags construction of the v0.2 `GroupChat` and `GroupChatManager`. The message
            picks the v0.4 team from `speaker_selection_method`: `"round_robin"` becomes
            `RoundRobinGroupChat`; `"auto"` or no value becomes `SelectorGroupChat`; a
            function becomes `SelectorGroupChat(selector_func=...)`. `max_round=N` becomes
            `max_turns=N`.
        """),
        why=_text("""
            A v0.4 team is one object that holds its participants, picks the speaker and
            runs with `await team.run(task=...)`; there is no separate manager agent and no
            user proxy is needed to start it.
        """),
        example=_code("""
            from autogen import AssistantAgent, GroupChat

            writer = AssistantAgent("writer")
            critic = AssistantAgent("critic")
            group = GroupChat(agents=[writer, critic], messages=[], max_round=12)
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_agentchat.teams import SelectorGroupChat
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    writer = AssistantAgent("writer", model_client=model_client)
                    critic = AssistantAgent("critic", model_client=model_client)
                    team = SelectorGroupChat([writer, critic], model_client=model_client, max_turns=12)
                    await team.run(task="Write a story.")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL701",
        symbol="autogen-unclosed-model-client",
        summary="v0.4 model client that is never closed",
        message="{subject} is never closed; {instead}",
        anchor="model-client",
        fix=FixInfo(
            "Close `{name}` in a `finally` block",
            Applicability.UNSAFE,
            _text("""
                Unsafe: the statements after the client's creation, up to the end of their block,
                move into `try:` with `await client.close()` in `finally`, so the client is now
                closed where it was not before; code that used it after that block would no
                longer work. Offered only in an `async def` (the `finally` block awaits), when the
                client is bound by a plain assignment and something follows it in its block, and
                never when re-indenting would change a multi-line string.
            """),
        ),
        what=_text("""
            Flags a v0.4 model client (a `*ChatCompletionClient` from `autogen_ext.models`,
            `ChatCompletionCache`, or `ChatCompletionClient.load_component(...)`) bound to a
            name whose owner never calls `close()` on it, neither directly nor through
            `AsyncExitStack.push_async_callback(client.close)`, and never hands it out
            (returns or yields it, stores it on an attribute or in a module-level
            container). Passing the client to an agent, a team or a function of yours is not
            a hand-out: v0.4 agents do not close clients. A module-level client closed in
            `main()` counts as closed. A client built inline as an argument, as in
            `AssistantAgent("a", model_client=OpenAIChatCompletionClient(...))`, is flagged
            too: nothing can close it. `ReplayChatCompletionClient`, a test double with no
            connection, and the `Base*` classes, which wrap an SDK client their caller owns, are
            not flagged.
        """),
        why=_text("""
            A model client owns an HTTP connection pool. Left open, it leaks sockets and
            makes asyncio print `Unclosed client session` or `Event loop is closed`
            errors at exit. Every example in the migration guide ends with
            `await model_client.close()`.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                agent = AssistantAgent("assistant", model_client=model_client)
                await agent.run(task="Say hello.")
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent("assistant", model_client=model_client)
                    await agent.run(task="Say hello.")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL702",
        symbol="autogen-model-client-close-not-guaranteed",
        summary="Model client closed outside `finally`",
        message="`{name}.close()` is skipped when an exception is raised first; {instead}",
        anchor="model-client",
        fix=FixInfo(
            "Move `{name}.close()` into a `finally` block",
            Applicability.UNSAFE,
            _text("""
                Unsafe: the statements between the client's creation and its `await
                client.close()` move into `try:`, and the close into `finally`. The close now
                also runs when an exception is raised, which changes what happens on that
                path. Offered only when the creation and the close stand in the same block of
                an `async def`, and never when re-indenting would change a multi-line string.
            """),
        ),
        what=_text("""
            Flags `close()` calls on a v0.4 model client when none of the client's
            `close()` calls is in a `finally` block or registered on an exit stack. In notebooks,
            `close()` at the top level of a cell is not flagged: a failing cell leaves the
            kernel running, so the closing cell can still be run.
        """),
        why=_text("""
            If anything between creating the client and closing it raises (a network error,
            a cancelled task, a tool failure), the `close()` line never runs and the
            connection pool leaks. A `finally` block, or
            `AsyncExitStack.push_async_callback(client.close)`, runs on every path.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                agent = AssistantAgent("assistant", model_client=model_client)
                await agent.run(task="Say hello.")
                await model_client.close()
        """),
        use_instead=_code("""
            from contextlib import AsyncExitStack

            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                async with AsyncExitStack() as stack:
                    model_client = OpenAIChatCompletionClient(model="gpt-4o")
                    stack.push_async_callback(model_client.close)
                    agent = AssistantAgent("assistant", model_client=model_client)
                    await agent.run(task="Say hello.")
        """),
    ),
    Rule(
        code="AGL703",
        symbol="autogen-unawaited-coroutine",
        summary="v0.4 coroutine method called without `await`",
        message="`{call}` returns a coroutine that is never awaited; write `await {call}`",
        anchor="assistant-agent",
        fix=FixInfo(
            "Add `await`",
            Applicability.SAFE,
            _text("""
                Safe inside an `async def` (or at the top level of a notebook cell, where
                `await` is allowed) when the coroutine is dropped or used directly as if it
                were the result: nothing ran before, and awaiting runs exactly the call that
                was written. Outside an `async def` the fix is shown as a suggestion only,
                since `await` is a syntax error there, and so it is inside a `lambda` or a
                generator expression, where `await` would change what the expression is.
            """),
        ),
        severity="error",
        what=_text("""
            Flags calls of the v0.4 coroutine methods `run`, `on_messages`, `save_state`,
            `load_state`, `reset`, `close` and `create` without `await`, on a name bound to a
            v0.4 agent, team or model client (a constructor from `autogen_agentchat`,
            `autogen_ext` or `autogen_core`), including `self.x` attributes assigned in
            `__init__` and used in other methods of the same class.
        """),
        why=_text("""
            Everything that does work in v0.4 is `async`. Without `await` the call only
            creates a coroutine object: nothing runs, the result is a coroutine instead of a
            `TaskResult`, and Python warns `coroutine ... was never awaited` at best.
            Coming from the synchronous v0.2 API, this is the most common migration slip.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent("assistant", model_client=model_client)
                    agent.run(task="Say hello.")
                finally:
                    await model_client.close()
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent("assistant", model_client=model_client)
                    await agent.run(task="Say hello.")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL704",
        symbol="autogen-model-client-context-manager",
        summary="Model client used as a context manager",
        message="v0.4 model clients are not context managers (`{statement}` raises `TypeError`); {instead}",
        anchor="model-client",
        fix=FixInfo(
            "Replace `{statement}` with `try`/`finally` and `await {name}.close()`",
            Applicability.SAFE,
            _text("""
                Safe: the original statement raises `TypeError` before its body runs, so the
                program did nothing useful there; after the fix the body runs and the client
                is closed on every path. The body keeps its text and indentation. Offered when
                the statement has one client bound with `as NAME`, starts its own line and has its
                body on the following lines, inside an `async def` (or a notebook cell's top
                level); elsewhere nothing can await `close()`, and no fix is offered.
            """),
        ),
        what=_text("""
            Flags `async with` and `with` on a v0.4 model client, built inline or bound to a
            name.
        """),
        why=_text("""
            The model clients in `autogen-ext` 0.7.5 define neither `__aenter__` nor
            `__enter__`, so the statement raises `TypeError: ... does not support the
            asynchronous context manager protocol` before the block runs. Close the client
            in a `finally` block, or register `client.close` on an `AsyncExitStack`.
        """),
        example=_code("""
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                async with OpenAIChatCompletionClient(model="gpt-4o") as model_client:
                    print(model_client.model_info)
        """),
        use_instead=_code("""
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    print(model_client.model_info)
                finally:
                    await model_client.close()
        """),
    ),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
RULES_BY_SYMBOL: dict[str, Rule] = {rule.symbol: rule for rule in _RULES}


def get_rule(code_or_symbol: str) -> Rule:
    """Look a rule up by code (``AGL201``, any case) or symbol; ``KeyError`` if unknown."""
    key = code_or_symbol.strip()
    rule = RULES.get(key.upper()) or RULES_BY_SYMBOL.get(key.lower())
    if rule is None:
        raise KeyError(code_or_symbol)
    return rule


def iter_rules(target: Target | None = None) -> Iterator[Rule]:
    """Rules in code order, optionally only those for one kind of input."""
    return (rule for rule in _RULES if target is None or rule.target == target)
