"""Public names of AutoGen modules, for resolving names brought in by ``import *``.

A name used after ``from M import *`` resolves to ``M.name`` only when it is
listed here for ``M``; unknown modules resolve nothing, so a star import never
turns an unrelated name into an AutoGen one.
"""

from __future__ import annotations


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_AGENTCHAT_V02 = _names("""
    Agent AssistantAgent ChatResult ConversableAgent GroupChat GroupChatManager UserProxyAgent
    gather_usage_summary initiate_chats register_function
""")
_OAI_V02 = _names("""
    Cache ChatCompletion Completion ModelClient OpenAIWrapper config_list_from_dotenv
    config_list_from_json config_list_from_models config_list_gpt4_gpt35 config_list_openai_aoai
    filter_config get_config_list
""")

STAR_EXPORTS: dict[str, frozenset[str]] = {
    "autogen": _AGENTCHAT_V02
    | _OAI_V02
    | _names("""
        AgentNameConflict DEFAULT_MODEL FAST_MODEL InvalidCarryOverType NoEligibleSpeaker
        SenderRequired UndefinedNextAgent agentchat cache code_utils coding exception_utils
        formatting_utils function_utils graph_utils io logger oai runtime_logging
        token_count_utils types version
    """),
    "autogen.agentchat": _AGENTCHAT_V02,
    "autogen.oai": _OAI_V02,
    "autogen.coding": _names("""
        CodeBlock CodeExecutor CodeExecutorFactory CodeExtractor CodeResult
        DockerCommandLineCodeExecutor LocalCommandLineCodeExecutor MarkdownCodeExtractor
    """),
    "autogen.cache": _names("AbstractCache Cache"),
    "autogen_agentchat.agents": _names("""
        AssistantAgent BaseChatAgent CodeExecutorAgent MessageFilterAgent SocietyOfMindAgent
        UserProxyAgent
    """),
    "autogen_agentchat.teams": _names("""
        BaseGroupChat DiGraph DiGraphBuilder GraphFlow MagenticOneGroupChat RoundRobinGroupChat
        SelectorGroupChat Swarm
    """),
    "autogen_core.models": _names("ChatCompletionClient"),
    "autogen_ext.models.openai": _names("""
        AzureOpenAIChatCompletionClient BaseOpenAIChatCompletionClient OpenAIChatCompletionClient
    """),
    "autogen_ext.models.cache": _names("ChatCompletionCache"),
}
