"""Rule metadata of the AutoGen families (AGL0xx-AGL7xx): identity, message, documentation, fix."""

from __future__ import annotations

from autogen_lint.catalog.model import FixInfo, Rule
from autogen_lint.catalog.model import code_block as _code
from autogen_lint.catalog.model import prose as _text
from autogen_lint.findings import Applicability

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


def _migrated(what: str) -> FixInfo:
    """The suggestion, and what ``autogen-lint migrate`` writes for this construct (keeps, approximates)."""
    return FixInfo(_SUGGESTION.title, _SUGGESTION.applicability, f"{_SUGGESTION.safety}\n\n{_text(what)}")


AUTOGEN_RULES: tuple[Rule, ...] = (
    Rule(
        code="AGL001",
        symbol="autogen-unreadable-file",
        summary="File that could not be read or parsed",
        message="file could not be read or parsed: {reason}",
        anchor="",  # not a migration topic: its link is this rule's own page
        severity="error",
        target="files",
        what=_text("""
            Reported by the `autogen-lint` command for a file it cannot check: unreadable bytes
            (an encoding error, a PEP 263 cookie naming an unknown codec), a syntax error in a
            file that uses AutoGen where a rule could fire (an import of the v0.2 package, a
            v0.2 keyword, a v0.4 call a rule checks: a file that only mentions AutoGen otherwise
            is not parsed), or a notebook that is not valid notebook JSON. The finding is placed
            at the error's line and the rest of the run goes on.
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
        fix=_migrated("""
            `autogen-lint migrate` replaces `autogen.runtime_logging.start(...)`/`.stop()` by
            `start_runtime_log(...)`/`stop_runtime_log()`, two functions written into the file:
            a handler on the `autogen_core` and `autogen_agentchat` event loggers writes v0.4's
            events where v0.2 logged (the SQLite database `dbname`, in v0.2's `chat_completions`
            and `events` tables, or `autogen_logs/<filename>`), and `start` returns a session id.
            Approximated: the rows describe v0.4's events (a model call's request holds only its
            messages; no cost; no `agents` or `oai_clients` rows). A program that reads the
            database back (it imports `sqlite3`), or one of whose calls passes its own `logger=`,
            keeps its calls, with this TODO.
        """),
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
            Only the `autogen-lint` command reads dependency files. In notebooks, the
            `%pip install` and `!pip install` lines of code cells are read too; there a plain
            `pyautogen` or `autogen-agentchat` pin (no extras, no markers) has an unsafe fix
            that installs the v0.4 packages instead (unsafe: the notebook's v0.2 code stops
            importing until it is migrated too).
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
            `autogen-lint migrate` writes the client of the configuration it reads, and hands
            a configuration known only at run time (a config list read from `OAI_CONFIG_LIST`
            or passed in, `self.llm_config`) to a small `model_client_from_config` function
            it writes into the file. Either way the client is the first entry's, the one v0.2
            sent every request to; v0.2 went on to the next entries only when a request
            failed. A module-level Anthropic configuration that nothing in the file reads
            built nothing in v0.2; the codemod writes it as the component configuration
            (`"provider": "autogen_ext.models.anthropic.AnthropicChatCompletionClient"`) that
            `load_component` builds when it is wanted, and `config_list_from_models(...)` as a
            plain function that builds the same list.
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
            `autogen-lint migrate` drops the key: `cache_seed=None` turned the cache off and
            changes nothing; with a seed, a second run of the migrated program asks the model
            again where v0.2 replayed the first run's replies (wrap the client when you relied
            on that). A `with Cache.disk() as cache:` block whose `cache` no chat is given did
            nothing in v0.2: the codemod unwraps it.
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
        fix=_migrated("""
            `autogen-lint migrate` writes the team and its run where the chat stood, the recipient
            first, whether it is given by position or as `recipient=`; `max_turns`,
            `max_consecutive_auto_reply` and each agent's `is_termination_msg` become the team's
            `max_turns` and termination condition, so the run stops where v0.2's did.
            `summary_method="reflection_with_llm"` asks the recipient's model for the summary after
            the run, as v0.2 did. A keyword v0.2 took in `**kwargs` and never read
            (`summary_prompt=`, `llm_config=`, `config_list=`) is dropped, since the v0.2 chat
            went without it; `cache=` and `carryover=` keep the chat as it is. `result.summary` of
            a `last_msg` chat reads the last message (approximated: v0.2 also removed the word
            "TERMINATE" from it). `result.cost` becomes the tokens the chat's messages used
            (`models_usage`; approximated: v0.2 also gave money, and counted the agents' clients
            over their whole life). `a.send(message, b)` after a chat of the two goes on with
            that chat, or is only printed after a chat with `max_turns`, as v0.2 did.
        """),
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
        fix=_migrated("""
            `autogen-lint migrate` rewrites `initiate_chats([...])` (and `agent.initiate_chats([...])`,
            whose agent sends the chats that name no sender) when the chats are a list literal of
            dicts, written there or just before and used nowhere else: each chat becomes the team
            run its `initiate_chat` would have been, in order, and each message carries the
            summaries of the chats before it after a line `Context: `, one a line, as v0.2 wrote
            them (the last message without "TERMINATE", or the model's summary for
            `reflection_with_llm`). The results become a list of `TaskResult`s; a loop that reads
            each chat's `summary` alone runs over the summaries' variables, one that reads `cost`
            or `chat_history` reads each `TaskResult` as a single chat's result is read; other
            statements that read the list keep a TODO naming the summaries' variables. A message
            made by a function, `carryover`, `prerequisites` and `a_initiate_chats` keep the chats
            as they are.
        """),
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
        fix=_migrated("""
            `autogen-lint migrate` gives each function to its caller's `tools=[...]`, with
            `reflect_on_tool_use=True` and `max_tool_iterations=` the caller's automatic replies
            (v0.2's caller could call a tool again after each result).
            `executor.register_function(function_map={...})` is rewritten when one agent's
            `llm_config` offers each function in a literal `"functions"` list: a function whose
            parameters all have type annotations (which `FunctionTool` reads) goes to that agent
            as `FunctionTool(f, description=...)` with the offered name and description
            (approximated: the parameters' schema comes from the function's signature); one
            without them as `SchemaTool(f, {...})`, a small class written into the file that
            offers the JSON schema as it was written and calls `f` with the arguments as the
            model gave them. A schema that is not all literals, or that disagrees with the
            `def` (a property `f` does not take, a parameter without a default that is not
            required), stays as it is.
        """),
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
        fix=_migrated("""
        `autogen-lint migrate` rewrites each option where the program keeps its behaviour.
        `human_input_mode="ALWAYS"` (the `UserProxyAgent` default) without a model is a
        `UserProxyAgent` in the team, and the chat ends when the person types `exit`; with code
        execution it is a small `PersonOrCodeAgent` class that, when the person presses Enter,
        ends the chat on a termination message, else runs the code of the messages it got with
        the v0.4 executor the agent had (else sends the `default_auto_reply`), as v0.2's
        automatic reply did; an executor given by a name that is bound again or read elsewhere
        (`executor.format_functions_for_prompt()`) stays where it is built, becomes v0.4's
        `LocalCommandLineCodeExecutor` there (`functions=` too), and each agent takes the one
        bound above it. `"TERMINATE"` stops the team where v0.2 asked
        the person (a termination message, or `max_consecutive_auto_reply` replies in a row), as
        if they pressed Enter or typed `exit` there. `is_termination_msg` becomes a condition on
        the text, or a `FunctionalTermination` calling the same function on the v0.2 message
        dict; `max_consecutive_auto_reply` (default 100) becomes the team's `max_turns`;
        `default_auto_reply` goes from an agent with a model (it never sent it) and becomes the
        `input_func` of one without; `code_execution_config` with a model becomes a small
        `CodeOrModelAgent` class that runs the code it gets and answers with the model
        otherwise, and `"ALWAYS"` with a model a `PersonOrModelAgent` whose model answers when
        the person presses Enter. `function_map=None` (v0.2's default) is dropped. Reading `agent.system_message`
        of an agent that becomes an `AssistantAgent` gives the v0.4 agent's own,
        `agent.dump_component().config["system_message"]`. The approximations are listed in the
        migrate guide.
    """),
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
        fix=_migrated("""
            `autogen-lint migrate` writes a `BaseChatAgent` subclass, `ReplyFunctionAgent`, once
            per file, and builds the agent as `ReplyFunctionAgent(name, reply_func,
            description=...)` where the function was registered, when the function answered
            every message in v0.2: a `def` of the module taking `(recipient, messages, sender,
            config)`, every path of which returns `(True, value)`, registered first
            (`position=0`, the default) for every sender (a trigger of v0.2 agent classes and
            `None`), on an agent no chat of its scope runs and nothing uses before. The v0.4 agent
            calls the same function as v0.2 did, `reply_func(agent, messages=..., sender=None,
            config=None)`, with the messages it received and sent as v0.2's `{"content", "role",
            "name"}` dicts, and answers with the text of what it returns. The model, person,
            code execution, `is_termination_msg` and `max_consecutive_auto_reply` of the v0.2 agent
            never acted (the function answered first) and are dropped; v0.2's description
            (the system message when none was given) is kept. Approximations: the messages of
            every sender are one list (v0.2 kept one per sender), and a reply of `None` at run time
            is sent as an empty message (v0.2 sent nothing). A function that may return
            `(False, ...)`, reads the recipient, the sender or the config, is a lambda, a method or
            an `async def`, a trigger naming particular senders, another `position`, or an agent a
            chat of its scope runs keep the statement with a TODO that says which.
        """),
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
        fix=_migrated("""
            `autogen-lint migrate` writes a `RoundRobinGroupChat` for
            `speaker_selection_method="round_robin"` and a `SelectorGroupChat` with the manager's
            model for `"auto"`; `max_round=N` becomes `max_turns=N-1`, since v0.2 counted the
            opening message as a round. `admin_name` only told v0.2 whom to hand the turn to on
            Ctrl-C, so it is dropped (approximated: Ctrl-C stops the v0.4 run), as are the
            manager's `system_message`, `silent` and `human_input_mode="NEVER"`, which its run
            never read. `allowed_or_disallowed_speaker_transitions` becomes the `candidate_func` of
            a `SelectorGroupChat` that gives the names v0.2 allowed after the last speaker (one
            name: no model call, as in v0.2). Other speaker selection methods, a speaker after
            whom no one may speak, and a group chat that starts with earlier messages keep a TODO.
        """),
        other_anchors=("group-chat-with-custom-selector-stateflow",),
        what=_text("""
            Flags construction of the v0.2 `GroupChat` and `GroupChatManager`. The message
            picks the v0.4 team from `speaker_selection_method`: `"round_robin"` becomes
            `RoundRobinGroupChat`; `"auto"` or no value becomes `SelectorGroupChat`; a
            function becomes `SelectorGroupChat(selector_func=...)`. `max_round=N` becomes
            `max_turns=N-1`: v0.2 counted the opening message as the first round
            (`GroupChatManager.run_chat` stops at round `max_round - 1`), so N-1 agents answer,
            and v0.4's `max_turns` counts only the agents' turns.
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
                    team = SelectorGroupChat([writer, critic], model_client=model_client, max_turns=11)
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
            `AsyncExitStack.push_async_callback(client.close)`, nor through a loop over a
            literal tuple or list that holds it (`for c in (a, b): await c.close()`) or a
            function of the module whose body closes that parameter, and never hands it out
            (returns or yields it, stores it on an attribute or in a module-level
            container). Passing the client to an agent, a team or a function of yours is not
            a hand-out: v0.4 agents do not close clients; but an agent given the client as
            `model_client=` that the function then returns or stores takes it along. A module-level client closed in
            `main()` counts as closed; one in a module that runs no program (no main guard,
            no `asyncio.run(...)`: a module of agents or clients other modules import) belongs
            to the modules importing it and is not flagged. A client built inline as an argument, as in
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
            `load_state`, `reset`, `close` and `create`, and of `Console(...)`, whose coroutine is
            never awaited: dropped, used as if it were the result (`team.run(task=...).messages`),
            or held in a name that is never awaited, returned, gathered or scheduled in its scope
            (only printed, logged, formatted, passed to `dict()`/`list()`/`json.dumps`, or given
            to another v0.4 method as in `agent.load_state(agent.save_state())`). The receiver is
            a name bound to a v0.4 agent, team or model client, a parameter annotated with one
            (or with `ChatAgent`, `Team`, `ChatCompletionClient`), or a `self.x` attribute that
            some method of the class assigns one. A coroutine handed to any other function is
            not flagged: it may await it.
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
    Rule(
        code="AGL705",
        symbol="autogen-team-without-termination",
        summary="Team with neither a termination condition nor `max_turns`",
        message=(
            "`{team}` is built with neither `termination_condition=` nor `max_turns=`: it runs until the model "
            "stops on its own, or forever; pass `termination_condition=` (e.g. "
            '`TextMentionTermination("TERMINATE") | MaxMessageTermination(20)`) or `max_turns=`'
        ),
        anchor="group-chat",
        what=_text("""
            Flags `RoundRobinGroupChat`, `SelectorGroupChat` and `Swarm` (from
            `autogen_agentchat.teams`) built without `termination_condition=` and without
            `max_turns=`. `MagenticOneGroupChat` is not flagged (its `max_turns` defaults to 20),
            nor is a call that passes `**kwargs`.
        """),
        why=_text("""
            In autogen-agentchat 0.7.5 both arguments default to `None`: nothing ends the run.
            The team keeps handing turns to its agents, spending tokens, until a model happens to
            stop answering or the process is killed. v0.2's `GroupChat(max_round=...)` always had
            a limit; the v0.4 team needs one said explicitly.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_agentchat.teams import RoundRobinGroupChat
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    writer = AssistantAgent("writer", model_client=model_client)
                    critic = AssistantAgent("critic", model_client=model_client)
                    team = RoundRobinGroupChat([writer, critic])
                    await team.run(task="Write a haiku about the sea.")
                finally:
                    await model_client.close()
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_agentchat.conditions import MaxMessageTermination, TextMentionTermination
            from autogen_agentchat.teams import RoundRobinGroupChat
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    writer = AssistantAgent("writer", model_client=model_client)
                    critic = AssistantAgent("critic", model_client=model_client)
                    stop = TextMentionTermination("APPROVE", sources=["critic"]) | MaxMessageTermination(10)
                    team = RoundRobinGroupChat([writer, critic], termination_condition=stop)
                    await team.run(task="Write a haiku about the sea.")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL706",
        symbol="autogen-awaited-async-generator",
        summary="`await` on `run_stream` or `on_messages_stream`",
        message=(
            "`{call}` is an async generator and cannot be awaited (`TypeError`); "
            "iterate it with `async for`, or write `await Console({call})`"
        ),
        anchor="assistant-agent",
        severity="error",
        what=_text("""
            Flags `await x.run_stream(...)` and `await x.on_messages_stream(...)` where `x` is a
            v0.4 agent or team: built from `autogen_agentchat.agents`, `autogen_agentchat.teams`
            or `autogen_ext.agents`, held in a name, a parameter annotated with such a class, or a
            `self.x` attribute.
        """),
        why=_text("""
            `run_stream` and `on_messages_stream` are async generators: they yield events and
            messages as they happen, ending with the `TaskResult` (or `Response`). Awaiting one
            raises `TypeError: object async_generator can't be used in 'await' expression`.
            Iterate it with `async for`, or hand it to `Console(...)`, which iterates it and
            returns the final result.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent("assistant", model_client=model_client)
                    await agent.run_stream(task="Say hello.")
                finally:
                    await model_client.close()
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_agentchat.ui import Console
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent("assistant", model_client=model_client)
                    await Console(agent.run_stream(task="Say hello."))
                    async for event in agent.run_stream(task="Say it again."):
                        print(event)
                finally:
                    await model_client.close()
        """),
        fix=FixInfo(
            "Consume the stream with `Console(...)`",
            Applicability.UNSAFE,
            _text("""
                `await x.run_stream(...)` becomes `await Console(x.run_stream(...))`, importing
                `Console` from `autogen_agentchat.ui` (into an existing
                `from autogen_agentchat.ui import ...` when there is one). The original raises
                `TypeError` every time, so nothing that worked breaks; the fix is unsafe because
                the messages are now printed, and the awaited value is the stream's last item,
                the `TaskResult` (or the agent's `Response`), which the code may not expect.
                Offered only where `Console` is not bound to anything else in the module.
            """),
        ),
    ),
    Rule(
        code="AGL707",
        symbol="autogen-invalid-agent-name",
        summary="Agent name that is not a Python identifier",
        message=(
            'agent name "{name}" is not a Python identifier: the constructor raises `ValueError`; '
            "use letters, digits and underscores"
        ),
        anchor="assistant-agent",
        severity="error",
        what=_text("""
            Flags a string literal given as the name (first argument or `name=`) of a v0.4 agent
            class (`AssistantAgent`, `UserProxyAgent`, `CodeExecutorAgent`,
            `SocietyOfMindAgent`, `MessageFilterAgent`, and the agents of `autogen_ext.agents`)
            when it is not a Python identifier: spaces, hyphens, dots, a leading digit.
        """),
        why=_text("""
            v0.2 accepted any agent name. In autogen-agentchat 0.7.5 `BaseChatAgent.__init__`
            raises `ValueError: The agent name must be a valid Python identifier.`, because the
            name becomes a topic type and a tool name for handoffs. The rename also has to reach
            every place that names the agent: termination `sources=`, handoff targets.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent("Narrative Designer", model_client=model_client)
                    await agent.run(task="Outline a story.")
                finally:
                    await model_client.close()
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    agent = AssistantAgent(
                        "Narrative_Designer", model_client=model_client, description="Narrative Designer"
                    )
                    await agent.run(task="Outline a story.")
                finally:
                    await model_client.close()
        """),
        fix=FixInfo(
            "Rename the agent to `{identifier}` here and where this module refers to it by name",
            Applicability.UNSAFE,
            _text("""
                The name is made an identifier by turning
                every other character into `_` (`"Narrative Designer"` becomes
                `"Narrative_Designer"`, a leading digit gets a `_` before it), and the same literal is
                renamed in the module's `sources=` arguments (`TextMentionTermination`,
                `SourceMatchTermination`), `handoffs=` lists and handoff `target=`s. Unsafe because
                other code may still look the agent up by its old name (a selector function, a
                string built at run time).
            """),
        ),
    ),
    Rule(
        code="AGL708",
        symbol="autogen-model-info-required",
        summary="OpenAI client for a model autogen-ext does not know, without `model_info`",
        message=(
            '`{client}(model="{model}")` needs `model_info=`: the model is not in autogen-ext\'s model table, '
            "so the constructor raises `ValueError`; pass `model_info=ModelInfo(vision=..., "
            "function_calling=..., json_output=..., family=..., structured_output=...)`"
        ),
        anchor="model-client-for-openai-compatible-apis",
        severity="error",
        what=_text("""
            Flags `OpenAIChatCompletionClient(model="...")` and
            `AzureOpenAIChatCompletionClient(model="...")` given neither `model_info=` nor
            `model_capabilities=` (nor `**kwargs`), when the model name is a literal that
            autogen-ext 0.7.5's model table does not know: the Ollama, vLLM, LM Studio or other
            OpenAI-compatible server case. Names of the families later versions keep adding
            (`gpt-*`, `o1`, `o3-mini`, ..., `chatgpt-*`) are never flagged.
        """),
        why=_text("""
            The client looks the model up to learn whether it supports vision, function calling,
            JSON output and structured output. For a name it does not know, 0.7.5 raises
            `ValueError: model_info is required when model name is not a valid OpenAI model`
            before any request is made. v0.2 needed no such thing, so ported `config_list`
            entries for local models fail here.
        """),
        example=_code("""
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(
                    model="llama3.2", base_url="http://localhost:11434/v1", api_key="ollama"
                )
                try:
                    print(model_client.model_info)
                finally:
                    await model_client.close()
        """),
        use_instead=_code("""
            from autogen_core.models import ModelFamily, ModelInfo
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(
                    model="llama3.2",
                    base_url="http://localhost:11434/v1",
                    api_key="ollama",
                    model_info=ModelInfo(
                        vision=False,
                        function_calling=True,
                        json_output=False,
                        family=ModelFamily.UNKNOWN,
                        structured_output=False,
                    ),
                )
                try:
                    print(model_client.model_info)
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL709",
        symbol="autogen-docker-executor-lifecycle",
        summary="Docker code executor never started, or never stopped",
        message="`{name}` (`{executor}`) is {state}: {instead}",
        anchor="code-executors",
        what=_text("""
            Flags a `DockerCommandLineCodeExecutor` bound to a name that is never started
            (`await x.start()`, `async with x`, `AsyncExitStack.enter_async_context(x)`), and a
            `DockerCommandLineCodeExecutor` or `DockerJupyterCodeExecutor` that is started (or,
            for the Jupyter one, starts itself on first use) but never stopped
            (`await x.stop()`, `async with x`, or `x.stop` registered on an exit stack). An
            executor that is returned, stored on an attribute or in a container is someone
            else's to start and stop, and is not flagged.
        """),
        why=_text("""
            v0.2's Docker executor started its container in the constructor. In autogen-ext
            0.7.5 the container is made by `start()`: an executor that is never started fails at
            the first code block with `ValueError: Container is not running. Must first be started
            with either start or a context manager.` One that is never stopped keeps its
            container until the event loop closes (with the default `stop_container=True`), which
            in a notebook or a long-running service is never.
        """),
        example=_code("""
            from autogen_agentchat.agents import CodeExecutorAgent
            from autogen_ext.code_executors.docker import DockerCommandLineCodeExecutor


            async def main() -> None:
                executor = DockerCommandLineCodeExecutor(work_dir="coding")
                agent = CodeExecutorAgent("runner", code_executor=executor)
                await agent.run(task="```python\\nprint('hello')\\n```")
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import CodeExecutorAgent
            from autogen_ext.code_executors.docker import DockerCommandLineCodeExecutor


            async def main() -> None:
                async with DockerCommandLineCodeExecutor(work_dir="coding") as executor:
                    agent = CodeExecutorAgent("runner", code_executor=executor)
                    await agent.run(task="```python\\nprint('hello')\\n```")
        """),
    ),
    Rule(
        code="AGL710",
        symbol="autogen-termination-text-in-task",
        summary="Termination text that the team's task already contains",
        message=(
            '`TextMentionTermination("{text}")` has no `sources=`, and the task given at line {line} contains '
            '"{text}": the team stops on the task message itself; pass `sources=[<agent names>]`'
        ),
        anchor="group-chat",
        what=_text("""
            Flags `TextMentionTermination("X")` without `sources=` when a literal `task` given to
            `run(...)` or `run_stream(...)` of the team it ends (through
            `termination_condition=`, directly, combined with `|` or `&`, or through names in the
            same module) contains `X`.
        """),
        why=_text("""
            The team checks its termination condition on every new message, the task message
            included. A task such as "... reply TERMINATE when done" ends the run at once: in
            autogen-agentchat 0.7.5 the result holds the task alone and `stop_reason` is
            `Text 'TERMINATE' mentioned`. Limiting the condition to the agents' messages with
            `sources=` keeps the instruction in the task.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_agentchat.conditions import TextMentionTermination
            from autogen_agentchat.teams import RoundRobinGroupChat
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    writer = AssistantAgent("writer", model_client=model_client)
                    stop = TextMentionTermination("TERMINATE")
                    team = RoundRobinGroupChat([writer], termination_condition=stop)
                    await team.run(task="Write a haiku, then say TERMINATE.")
                finally:
                    await model_client.close()
        """),
        use_instead=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_agentchat.conditions import TextMentionTermination
            from autogen_agentchat.teams import RoundRobinGroupChat
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    writer = AssistantAgent("writer", model_client=model_client)
                    stop = TextMentionTermination("TERMINATE", sources=["writer"])
                    team = RoundRobinGroupChat([writer], termination_condition=stop)
                    await team.run(task="Write a haiku, then say TERMINATE.")
                finally:
                    await model_client.close()
        """),
    ),
    Rule(
        code="AGL711",
        symbol="autogen-asyncio-run-in-notebook",
        summary="`asyncio.run()` in a notebook cell",
        message=(
            "`asyncio.run()` cannot be called from the notebook's running event loop (`RuntimeError`); "
            "`await` the coroutine at the top level of the cell"
        ),
        anchor="whats-in-this-guide",
        severity="error",
        notebooks_only=True,
        what=_text("""
            Flags `asyncio.run(...)` at the top level of a Jupyter notebook cell (not inside a
            function). Python files are not checked by this rule.
        """),
        why=_text("""
            v0.4 is asynchronous, and scripts start it with `asyncio.run(main())`. Pasted into a
            notebook, that line fails: the kernel's event loop is already running, and
            `asyncio.run` raises `RuntimeError: asyncio.run() cannot be called from a running
            event loop`. IPython runs top-level `await` in that loop instead.
        """),
        example=_code("""
            import asyncio

            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    print(model_client.model_info)
                finally:
                    await model_client.close()


            asyncio.run(main())
        """),
        use_instead=_code("""
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    print(model_client.model_info)
                finally:
                    await model_client.close()


            await main()
        """),
        fix=FixInfo(
            "Await it at the top level of the cell",
            Applicability.SAFE,
            _text("""
                `asyncio.run(main())` becomes `await main()`, when
                `asyncio.run` is given the coroutine alone (no `debug=`).
            """),
        ),
    ),
)
