"""Rule metadata of the Agent Framework families.

AGL8xx: AutoGen v0.4 code in a project whose target is Microsoft Agent Framework.
AGL9xx: Agent Framework names renamed or removed before 1.0, in any project.
"""

from __future__ import annotations

from autogen_lint.catalog.maf import MODEL_CLIENT, MULTI_AGENT, SINGLE_AGENT
from autogen_lint.catalog.model import FixInfo, Rule
from autogen_lint.catalog.model import code_block as _code
from autogen_lint.catalog.model import prose as _text
from autogen_lint.findings import Applicability

_TARGET_ONLY = _text("""
    Reported only when the project's target is Agent Framework (`target = "agent-framework"` in
    `[tool.autogen-lint]`, `--target agent-framework`, or an `agent-framework*` dependency; see
    Choosing a target).
""")

_SUGGESTION = FixInfo(
    "Agent Framework: {instead}",
    Applicability.DISPLAY_ONLY,
    _text("""
        A suggestion only, shown in the JSON and SARIF output and in editors; `--fix` never applies
        it. Moving to Agent Framework changes how agents are built and run around the name, so
        the rewrite is yours to make.
    """),
)

_RENAME = FixInfo(
    "Rename `{old}` to `{new}`",
    Applicability.SAFE,
    _text("""
        Safe: the old name no longer exists, so the code raised `ImportError`, `AttributeError`
        or `TypeError` there; the new name is the same object under its 1.x name. An imported name
        is renamed in the import and at every use the module makes of it (a name imported
        `as` another keeps its alias). No fix is offered when the new name is already bound to
        something else in the module.
    """),
)

MAF_RULES: tuple[Rule, ...] = (
    Rule(
        code="AGL801",
        symbol="autogen-maf-replaced-import",
        summary="Import of an AutoGen v0.4 name that Agent Framework replaces",
        message="`{name}` is AutoGen v0.4 API; in Agent Framework, {instead}",
        anchor=SINGLE_AGENT,
        other_anchors=(MODEL_CLIENT, MULTI_AGENT),
        guide="agent-framework",
        fix=_SUGGESTION,
        what=_text(f"""
            Flags each import of an AutoGen v0.4 name that Agent Framework replaces, and the
            uses of such a name through a module import, with its replacement: model clients
            become `agent_framework.openai` clients, `AssistantAgent` becomes
            `Agent(client=..., instructions=...)`, `FunctionTool` becomes `@tool`, `AgentTool`
            becomes `agent.as_tool()`, messages become `Message`, `RoundRobinGroupChat`
            `SequentialBuilder`, `SelectorGroupChat` `GroupChatBuilder`, `Swarm`
            `HandoffBuilder`, `MagenticOneGroupChat` `MagenticBuilder`, `GraphFlow`
            `WorkflowBuilder`, and the termination conditions a termination callable or
            `max_rounds=`. {_TARGET_ONLY}
        """),
        why=_text("""
            Microsoft AutoGen is in maintenance mode and points its users to Agent Framework.
            Agent Framework is a different package (`agent_framework`) with its own classes:
            none of the AutoGen names exist there, and agents, tools and orchestrations are
            built differently.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
        """),
        use_instead=_code("""
            from agent_framework import Agent
            from agent_framework.openai import OpenAIChatClient


            async def main() -> None:
                agent = Agent(client=OpenAIChatClient(model="gpt-4o"), instructions="Be brief.")
                result = await agent.run("Say hello.")
                print(result.text)
        """),
    ),
    Rule(
        code="AGL802",
        symbol="autogen-maf-run-stream",
        summary="`run_stream()` of an AutoGen v0.4 agent or team",
        message="`{call}` streams the AutoGen v0.4 way; in Agent Framework, {instead}",
        anchor=SINGLE_AGENT,
        guide="agent-framework",
        fix=_SUGGESTION,
        what=_text(f"""
            Flags `run_stream(...)` called on an AutoGen v0.4 agent or team (unless it is the
            argument of `Console(...)`, which AGL803 reports). {_TARGET_ONLY}
        """),
        why=_text("""
            An Agent Framework agent has one `run` method: `run(..., stream=True)` returns a
            stream of updates, each with the new `.text`, instead of the v0.4 stream of messages
            and events ending with a `TaskResult`. A workflow streams its events the same way.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent


            async def main(agent: AssistantAgent) -> None:
                async for message in agent.run_stream(task="Say hello."):
                    print(message)
        """),
        use_instead=_code("""
            from agent_framework import Agent


            async def main(agent: Agent) -> None:
                async for update in agent.run("Say hello.", stream=True):
                    print(update.text)
        """),
    ),
    Rule(
        code="AGL803",
        symbol="autogen-maf-console",
        summary="AutoGen v0.4 `Console(...)`",
        message="`Console(...)` prints an AutoGen v0.4 stream; in Agent Framework, {instead}",
        anchor=SINGLE_AGENT,
        guide="agent-framework",
        fix=_SUGGESTION,
        what=_text(f"""
            Flags calls of `autogen_agentchat.ui.Console`. {_TARGET_ONLY}
        """),
        why=_text("""
            Agent Framework has no console renderer: the stream of `run(..., stream=True)` is
            iterated with `async for`, printing each update's `.text`; the awaited result of
            the loop's stream is not a `TaskResult`.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_agentchat.ui import Console


            async def main(agent: AssistantAgent) -> None:
                await Console(agent.run_stream(task="Say hello."))
        """),
        use_instead=_code("""
            from agent_framework import Agent


            async def main(agent: Agent) -> None:
                async for update in agent.run("Say hello.", stream=True):
                    print(update.text, end="", flush=True)
        """),
    ),
    Rule(
        code="AGL804",
        symbol="autogen-maf-agent-arguments",
        summary="`model_client=`, `system_message=` and other v0.4 arguments given to an AutoGen v0.4 agent",
        message="`{keyword}=` is an AutoGen v0.4 agent argument; in Agent Framework, {instead}",
        anchor=SINGLE_AGENT,
        other_anchors=(MODEL_CLIENT,),
        guide="agent-framework",
        fix=_SUGGESTION,
        what=_text(f"""
            Flags the `model_client=`, `system_message=`, `model_client_stream=` and `handoffs=`
            arguments of AutoGen v0.4 agents (`autogen_agentchat.agents`, `autogen_ext.agents`).
            {_TARGET_ONLY}
        """),
        why=_text("""
            `agent_framework.Agent` takes the chat client as `client` (its first argument) and
            the system message as `instructions`; the v0.4 names raise `TypeError` there. An agent
            does not stream by construction: a run does, with `run(..., stream=True)`. Handoffs
            belong to the workflow (`HandoffBuilder.add_handoff`), not to the agent.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            def build(model_client: OpenAIChatCompletionClient) -> AssistantAgent:
                return AssistantAgent("assistant", model_client=model_client, system_message="Be brief.")
        """),
        use_instead=_code("""
            from agent_framework import Agent
            from agent_framework.openai import OpenAIChatClient


            def build(client: OpenAIChatClient) -> Agent:
                return Agent(client=client, name="assistant", instructions="Be brief.")
        """),
    ),
    Rule(
        code="AGL805",
        symbol="autogen-maf-cancellation-token",
        summary="AutoGen v0.4 `CancellationToken`",
        message="{subject} is AutoGen v0.4 cancellation; in Agent Framework, {instead}",
        anchor=SINGLE_AGENT,
        guide="agent-framework",
        fix=_SUGGESTION,
        what=_text(f"""
            Flags `CancellationToken()` from `autogen_core`, and `cancellation_token=` given to a
            method of an AutoGen v0.4 agent or team. {_TARGET_ONLY}
        """),
        why=_text("""
            No Agent Framework method takes a cancellation token. A run is cancelled the asyncio
            way: cancel the task that awaits it (`task.cancel()`, `asyncio.wait_for(..., timeout=...)`).
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent
            from autogen_core import CancellationToken


            async def main(agent: AssistantAgent) -> None:
                token = CancellationToken()
                await agent.run(task="Say hello.", cancellation_token=token)
        """),
        use_instead=_code("""
            import asyncio

            from agent_framework import Agent


            async def main(agent: Agent) -> None:
                await asyncio.wait_for(agent.run("Say hello."), timeout=30)
        """),
    ),
    Rule(
        code="AGL806",
        symbol="autogen-maf-agent-state",
        summary="`save_state()` / `load_state()` of an AutoGen v0.4 agent or team",
        message="`{call}` is AutoGen v0.4 state; in Agent Framework, {instead}",
        anchor=SINGLE_AGENT,
        guide="agent-framework",
        fix=_SUGGESTION,
        what=_text(f"""
            Flags `save_state()` and `load_state()` called on an AutoGen v0.4 agent or team.
            {_TARGET_ONLY}
        """),
        why=_text("""
            An Agent Framework agent keeps no conversation of its own: the history lives in an
            `AgentSession` (`agent.create_session()`) passed to each `run(..., session=...)`.
            A session is saved with `session.to_dict()` and restored with
            `AgentSession.from_dict(...)`.
        """),
        example=_code("""
            from autogen_agentchat.agents import AssistantAgent


            async def main(agent: AssistantAgent) -> None:
                state = await agent.save_state()
                await agent.load_state(state)
        """),
        use_instead=_code("""
            from agent_framework import Agent, AgentSession


            async def main(agent: Agent) -> None:
                session = agent.create_session()
                await agent.run("Say hello.", session=session)
                state = session.to_dict()
                await agent.run("And again.", session=AgentSession.from_dict(state))
        """),
    ),
    Rule(
        code="AGL807",
        symbol="autogen-maf-model-client-close",
        summary="`close()` of an AutoGen v0.4 model client",
        message="`{name}.close()` closes an AutoGen v0.4 model client; in Agent Framework, {instead}",
        anchor=MODEL_CLIENT,
        guide="agent-framework",
        fix=_SUGGESTION,
        what=_text(f"""
            Flags `close()` called on an AutoGen v0.4 model client. {_TARGET_ONLY}
        """),
        why=_text("""
            The `try`/`finally` around a v0.4 client exists to call its `close()`. Agent
            Framework's chat clients and `Agent` are async context managers: `async with
            Agent(client=..., ...) as agent:` closes what the agent opened, and the
            `agent_framework.openai` clients' own `close()` does nothing.
        """),
        example=_code("""
            from autogen_ext.models.openai import OpenAIChatCompletionClient


            async def main() -> None:
                model_client = OpenAIChatCompletionClient(model="gpt-4o")
                try:
                    print(model_client.model_info)
                finally:
                    await model_client.close()
        """),
        use_instead=_code("""
            from agent_framework import Agent
            from agent_framework.openai import OpenAIChatClient


            async def main() -> None:
                async with Agent(client=OpenAIChatClient(model="gpt-4o"), instructions="Be brief.") as agent:
                    result = await agent.run("Say hello.")
                    print(result.text)
        """),
    ),
    Rule(
        code="AGL901",
        symbol="autogen-maf-renamed-name",
        summary="Agent Framework name renamed before 1.0",
        message="`{old}` was renamed before Agent Framework 1.0; use `{new}`",
        anchor=SINGLE_AGENT,
        other_anchors=(MODEL_CLIENT,),
        guide="agent-framework",
        fix=_RENAME,
        what=_text("""
            Flags imports, and uses through a module import, of Agent Framework names that were
            renamed before 1.0 with no alias left: `ChatAgent` (now `Agent`), `RawChatAgent`
            (`RawAgent`), `ChatMessage` (`Message`), `ai_function` (`tool`), `AIFunction`
            (`FunctionTool`), `AgentThread` (`AgentSession`), `AgentRunResponse`
            (`AgentResponse`), `AgentRunResponseUpdate` (`AgentResponseUpdate`),
            `ChatClientProtocol` (`SupportsChatGetResponse`), `AgentProtocol`
            (`SupportsAgentRun`), `AgentRunContext` (`AgentContext`), `BaseContextProvider`
            (`ContextProvider`) and `BaseHistoryProvider` (`HistoryProvider`). Reported in any
            module that imports `agent_framework`, whatever the project's target.
        """),
        why=_text("""
            Code written against an Agent Framework preview (and the first versions of the
            AutoGen migration guide) uses these names; on agent-framework-core 1.x the import
            fails with `ImportError`.
        """),
        example=_code("""
            from agent_framework import ChatMessage

            message = ChatMessage("user", ["Hello"])
        """),
        use_instead=_code("""
            from agent_framework import Message

            message = Message("user", ["Hello"])
        """),
    ),
    Rule(
        code="AGL902",
        symbol="autogen-maf-removed-name",
        summary="Agent Framework name removed or moved before 1.0",
        message="`{old}` is gone from Agent Framework 1.x; {instead}",
        anchor=MODEL_CLIENT,
        other_anchors=(SINGLE_AGENT, MULTI_AGENT),
        guide="agent-framework",
        fix=FixInfo(
            "Agent Framework 1.x: {instead}",
            Applicability.DISPLAY_ONLY,
            _text("""
                A suggestion only: the replacement takes other arguments (a client with
                `azure_endpoint=`, a `Content` constructor, a method of the chat client) or
                lives in another package, so the edit is yours to make.
            """),
        ),
        what=_text("""
            Flags imports, and uses through a module import, of Agent Framework names removed
            before 1.0 without a one-to-one replacement: `AzureOpenAIChatClient` and
            `AzureOpenAIResponsesClient` (gone from `agent_framework.azure`, which remains for
            other Azure connectors), `OpenAIResponsesClient`, the per-kind content classes
            (`TextContent`, `DataContent`, `UriContent`, `FunctionCallContent`), the `Hosted*Tool`
            classes, and the orchestration builders imported from `agent_framework` itself
            (they moved to `agent_framework.orchestrations`). Reported in any module that imports
            `agent_framework`.
        """),
        why=_text("""
            These names raise `ImportError` (or `AttributeError`) on agent-framework-core 1.x:
            Azure OpenAI goes through the `agent_framework.openai` clients with
            `azure_endpoint=`, content is one `Content` class with constructors, hosted tools come
            from the chat client's `get_*_tool()` methods, and the builders ship in
            `agent-framework-orchestrations`.
        """),
        example=_code("""
            from agent_framework.azure import AzureOpenAIChatClient

            client = AzureOpenAIChatClient(model="gpt-4o")
        """),
        use_instead=_code("""
            from agent_framework.openai import OpenAIChatCompletionClient

            client = OpenAIChatCompletionClient(model="gpt-4o", azure_endpoint="https://example.openai.azure.com")
        """),
    ),
    Rule(
        code="AGL903",
        symbol="autogen-maf-renamed-method",
        summary="Agent Framework method renamed before 1.0",
        message="`.{old}()` was removed before Agent Framework 1.0; {instead}",
        anchor=SINGLE_AGENT,
        other_anchors=(MODEL_CLIENT,),
        guide="agent-framework",
        fix=FixInfo(
            "Replace `.{old}(...)` with `{new}`",
            Applicability.SAFE,
            _text("""
                Safe: the method no longer exists, so the call raised `AttributeError`; the new
                method does what the old one did (`run_stream(...)` becomes
                `run(..., stream=True)`, which returns the same stream of updates). Not offered
                when the call unpacks `**kwargs` or already passes `stream=`.
            """),
        ),
        what=_text("""
            Flags `create_agent(...)` and `get_streaming_response(...)` on an Agent Framework chat
            client, and `get_new_thread()` and `run_stream(...)` on an Agent Framework agent or
            workflow: the receiver must be built by (or annotated with) an `agent_framework`
            class, or made by a chat client's `create_agent`/`as_agent`.
        """),
        why=_text("""
            Before 1.0 these were renamed: `create_agent` to `as_agent`, `get_new_thread` to
            `create_session`, and streaming moved into `run(..., stream=True)` and
            `get_response(..., stream=True)`. The old methods raise `AttributeError` on 1.x.
        """),
        example=_code("""
            from agent_framework.openai import OpenAIChatClient


            async def main() -> None:
                agent = OpenAIChatClient(model="gpt-4o").create_agent(instructions="Be brief.")
                async for update in agent.run_stream("Say hello."):
                    print(update.text)
        """),
        use_instead=_code("""
            from agent_framework.openai import OpenAIChatClient


            async def main() -> None:
                agent = OpenAIChatClient(model="gpt-4o").as_agent(instructions="Be brief.")
                async for update in agent.run("Say hello.", stream=True):
                    print(update.text)
        """),
    ),
    Rule(
        code="AGL904",
        symbol="autogen-maf-renamed-argument",
        summary="Agent Framework argument renamed before 1.0",
        message="`{old}=` was removed before Agent Framework 1.0; pass `{new}` instead",
        anchor=SINGLE_AGENT,
        other_anchors=(MODEL_CLIENT,),
        guide="agent-framework",
        fix=FixInfo(
            "Replace `{old}=` with `{new}`",
            Applicability.SAFE,
            _text("""
                Safe: the function takes no such argument any more (and no `**kwargs`), so the
                call raised `TypeError`; the new argument takes the same value (`Message(...,
                text=x)` becomes `contents=[x]`). Not offered when the call already passes the
                new argument.
            """),
        ),
        what=_text("""
            Flags `chat_client=` given to `agent_framework.Agent` (now `client=`), `thread=` given
            to an Agent Framework agent's `run` (now `session=`), `model_id=` given to an
            `agent_framework.openai` client (now `model=`), and `text=` given to
            `agent_framework.Message` (now `contents=[...]`).
        """),
        why=_text("""
            These arguments were renamed or removed before 1.0, and the 1.x signatures take no
            `**kwargs`: the old spelling raises `TypeError: ... got an unexpected keyword
            argument`.
        """),
        example=_code("""
            from agent_framework import Agent
            from agent_framework.openai import OpenAIChatClient

            agent = Agent(chat_client=OpenAIChatClient(model_id="gpt-4o"), instructions="Be brief.")
        """),
        use_instead=_code("""
            from agent_framework import Agent
            from agent_framework.openai import OpenAIChatClient

            agent = Agent(client=OpenAIChatClient(model="gpt-4o"), instructions="Be brief.")
        """),
    ),
)
