"""The v0.2 -> v0.4 table behind AGL101/AGL102."""

from __future__ import annotations

import pytest

from autogen_lint.replacements import NO_EQUIVALENT, REPLACEMENTS, iter_names, lookup


@pytest.mark.parametrize(
    ("name", "v04"),
    [
        ("autogen.AssistantAgent", "autogen_agentchat.agents.AssistantAgent"),
        ("autogen.agentchat.AssistantAgent", "autogen_agentchat.agents.AssistantAgent"),
        ("autogen.agentchat.assistant_agent.AssistantAgent", "autogen_agentchat.agents.AssistantAgent"),
        ("autogen.UserProxyAgent", "autogen_agentchat.agents.UserProxyAgent"),
        ("autogen.ConversableAgent", "autogen_agentchat.agents.BaseChatAgent"),
        ("autogen.Agent", "autogen_agentchat.agents.BaseChatAgent"),
        ("autogen.GroupChat", "autogen_agentchat.teams.SelectorGroupChat"),
        ("autogen.GroupChatManager", "autogen_agentchat.teams.SelectorGroupChat"),
        ("autogen.OpenAIWrapper", "autogen_ext.models.openai.OpenAIChatCompletionClient"),
        ("autogen.oai.client.OpenAIWrapper", "autogen_ext.models.openai.OpenAIChatCompletionClient"),
        ("autogen.ModelClient", "autogen_core.models.ChatCompletionClient"),
        ("autogen.config_list_from_json", "autogen_ext.models.openai.OpenAIChatCompletionClient"),
        ("autogen.oai.openai_utils.config_list_from_dotenv", "autogen_ext.models.openai.OpenAIChatCompletionClient"),
        ("autogen.Cache", "autogen_ext.models.cache.ChatCompletionCache"),
        ("autogen.cache.cache.Cache", "autogen_ext.models.cache.ChatCompletionCache"),
        (
            "autogen.coding.LocalCommandLineCodeExecutor",
            "autogen_ext.code_executors.local.LocalCommandLineCodeExecutor",
        ),
        (
            "autogen.coding.docker_commandline_code_executor.DockerCommandLineCodeExecutor",
            "autogen_ext.code_executors.docker.DockerCommandLineCodeExecutor",
        ),
        ("autogen.coding.jupyter.JupyterCodeExecutor", "autogen_ext.code_executors.jupyter.JupyterCodeExecutor"),
        ("autogen.register_function", None),
        ("autogen.ChatResult", "autogen_agentchat.base.TaskResult"),
        (
            "autogen.agentchat.contrib.gpt_assistant_agent.GPTAssistantAgent",
            "autogen_ext.agents.openai.OpenAIAssistantAgent",
        ),
        (
            "autogen.agentchat.contrib.society_of_mind_agent.SocietyOfMindAgent",
            "autogen_agentchat.agents.SocietyOfMindAgent",
        ),
        (
            "autogen.agentchat.contrib.capabilities.transform_messages.TransformMessages",
            "autogen_core.model_context.BufferedChatCompletionContext",
        ),
        (
            "autogen.agentchat.contrib.capabilities.transforms",
            "autogen_core.model_context.BufferedChatCompletionContext",
        ),
        (
            "autogen.agentchat.contrib.multimodal_conversable_agent.MultimodalConversableAgent",
            "autogen_agentchat.agents.AssistantAgent",
        ),
        ("autogen.agentchat.contrib.web_surfer.WebSurferAgent", "autogen_ext.agents.web_surfer.MultimodalWebSurfer"),
        ("autogen.runtime_logging", None),
        ("autogen.runtime_logging.start", None),
    ],
)
def test_mission_mapping(name: str, v04: str | None) -> None:
    entry = lookup(name)
    assert entry is not None and entry.code == "AGL101"
    assert entry.v04 == v04


@pytest.mark.parametrize(
    "name",
    [
        "autogen.gather_usage_summary",
        "autogen.Completion",
        "autogen.oai.ChatCompletion",
        "autogen.agentchat.contrib.capabilities.teachability.Teachability",
        "autogen.agentchat.contrib.retrieve_user_proxy_agent.RetrieveUserProxyAgent",
        "autogen.agentchat.contrib.retrieve_assistant_agent.RetrieveAssistantAgent",
        "autogen.agentchat.contrib.agent_builder.AgentBuilder",
        "autogen.agentchat.contrib.agent_optimizer.AgentOptimizer",
    ],
)
def test_no_equivalent(name: str) -> None:
    entry = lookup(name)
    assert entry is not None and entry.code == NO_EQUIVALENT and entry.v04 is None


@pytest.mark.parametrize(
    "name", ["autogen", "autogen.NoSuchName", "autogen_agentchat.agents.AssistantAgent", "x.Cache"]
)
def test_unknown_names_get_the_generic_message(name: str) -> None:
    assert lookup(name) is None


def test_instead_names_the_exact_import() -> None:
    entry = lookup("autogen.AssistantAgent")
    assert entry is not None
    assert entry.instead.startswith("use `from autogen_agentchat.agents import AssistantAgent`")


def test_every_name_is_v02_and_every_entry_says_what_to_do() -> None:
    for name, entry in iter_names():
        assert name == "autogen" or name.startswith("autogen."), name
        assert entry.instead
        assert entry.v04 is None or entry.v04.split(".")[0] in {"autogen_agentchat", "autogen_core", "autogen_ext"}
    assert len(REPLACEMENTS) == len({entry.v02 for entry in REPLACEMENTS})
