"""Messages say what to write: the v0.4 replacement, concretely, ending with the guide link."""

from __future__ import annotations

from textwrap import dedent

import pytest

from autogen_lint.engine import check_source
from autogen_lint.settings import DEFAULT_GUIDE_URL


def messages(source: str, code: str) -> list[str]:
    result = check_source(dedent(source))
    assert result.error is None
    return [f.text for f in result.findings if f.code == code]


@pytest.mark.parametrize(
    ("call", "team", "anchor"),
    [
        ('GroupChat(agents=a, messages=[], speaker_selection_method="round_robin", max_round=12)',
         "`autogen_agentchat.teams.RoundRobinGroupChat(participants, max_turns=11)`", "#group-chat"),
        ('GroupChat(agents=a, messages=[], speaker_selection_method="auto")',
         "`autogen_agentchat.teams.SelectorGroupChat(participants, model_client=...)`", "#group-chat"),
        ("GroupChat(agents=a, messages=[], max_round=rounds)",
         "`autogen_agentchat.teams.SelectorGroupChat(participants, model_client=..., max_turns=rounds - 1)`",
         "#group-chat"),
        ("GroupChat(agents=a, messages=[], speaker_selection_method=next_speaker)",
         "`autogen_agentchat.teams.SelectorGroupChat(participants, model_client=..., selector_func=next_speaker)`",
         "#group-chat-with-custom-selector-stateflow"),
        ('GroupChat(agents=a, messages=[], speaker_selection_method="random")',
         "selector_func=<picks at random>", "#group-chat-with-custom-selector-stateflow"),
    ],
)  # fmt: skip
def test_group_chat_picks_the_team(call: str, team: str, anchor: str) -> None:
    [message] = messages(f"from autogen import GroupChat\nchat = {call}\n", "AGL601")
    assert team in message
    assert message.endswith(f"; see {DEFAULT_GUIDE_URL}{anchor}")


def test_manager_takes_the_team_from_its_group_chat() -> None:
    source = """
        import autogen
        chat = autogen.GroupChat(agents=a, messages=[], max_round=4, speaker_selection_method="round_robin")
        manager = autogen.GroupChatManager(groupchat=chat)
    """
    first, second = messages(source, "AGL601")
    assert "RoundRobinGroupChat(participants, max_turns=3)" in first  # the opening message was round 1
    assert "RoundRobinGroupChat(participants, max_turns=3)" in second
    assert "the team replaces the manager" in second


@pytest.mark.parametrize(
    ("keyword", "advice", "anchor"),
    [
        ('human_input_mode="ALWAYS"', "UserProxyAgent(name, input_func=...)", "#user-proxy"),
        ('human_input_mode="NEVER"', "so drop it", "#user-proxy"),
        ("max_consecutive_auto_reply=3", "`max_turns=N`", "#user-proxy"),
        ('code_execution_config={"work_dir": "x"}', "CodeExecutorAgent(name, code_executor=...)", "#code-executors"),
        ("code_execution_config=False", "so drop it", "#code-executors"),
        ("is_termination_msg=done", "TextMentionTermination", "#two-agent-chat"),
        ('default_auto_reply="ok"', "subclass `autogen_agentchat.agents.BaseChatAgent`",
         "#conversable-agent-and-register-reply"),
        ("function_map={}", "`tools=[...]`", "#tool-use"),
    ],
)  # fmt: skip
def test_agent_option_advice(keyword: str, advice: str, anchor: str) -> None:
    [message] = messages(f"from autogen import UserProxyAgent\nUserProxyAgent('u', {keyword})\n", "AGL501")
    assert advice in message
    assert message.endswith(anchor)


def test_unawaited_coroutine_shows_the_await() -> None:
    source = """
        from autogen_agentchat.agents import AssistantAgent
        async def main(client):
            agent = AssistantAgent("a", model_client=client)
            agent.run(task="x")
    """
    [message] = messages(source, "AGL703")
    assert message.startswith(
        "`agent.run(...)` returns a coroutine that is never awaited; write `await agent.run(...)`"
    )


@pytest.mark.parametrize(
    ("source", "anchor", "advice"),
    [
        ("from autogen import AssistantAgent", "#assistant-agent",
         "`from autogen_agentchat.agents import AssistantAgent`"),
        ("from autogen.coding import DockerCommandLineCodeExecutor", "#code-executors",
         "`from autogen_ext.code_executors.docker import DockerCommandLineCodeExecutor`"),
        ("from autogen import ChatResult", "#chat-result", "`from autogen_agentchat.base import TaskResult`"),
        ("from autogen.agentchat.contrib.gpt_assistant_agent import GPTAssistantAgent", "#gptassistantagent",
         "`from autogen_ext.agents.openai import OpenAIAssistantAgent`"),
        ("import autogen.runtime_logging", "#observability-and-control", "Python's `logging`"),
        ("from autogen import Cache", "#model-client-cache",
         "`from autogen_ext.models.cache import ChatCompletionCache`"),
    ],
)  # fmt: skip
def test_import_names_the_exact_replacement(source: str, anchor: str, advice: str) -> None:
    [message] = messages(source, "AGL101")
    assert advice in message
    assert message.endswith(anchor)


def test_llm_config_false_points_to_user_proxy() -> None:
    [message] = messages("from autogen import AssistantAgent\nAssistantAgent('a', llm_config=False)\n", "AGL201")
    assert "UserProxyAgent(name)" in message and message.endswith("#user-proxy")


def test_every_message_ends_with_its_link() -> None:
    source = dedent("""
        import autogen
        from autogen_ext.models.openai import OpenAIChatCompletionClient
        a = autogen.AssistantAgent("a", llm_config={"config_list": [], "cache_seed": 1}, human_input_mode="NEVER")
        a.initiate_chat(a)
        async def main():
            async with OpenAIChatCompletionClient(model="m") as c:
                pass
    """)
    findings = check_source(source).findings
    assert {f.code for f in findings} >= {"AGL101", "AGL201", "AGL202", "AGL203", "AGL301", "AGL501", "AGL704"}
    for finding in findings:
        assert finding.text.endswith(finding.url) and finding.url.startswith(DEFAULT_GUIDE_URL + "#")
