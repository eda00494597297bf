"""AGL201: ``llm_config=`` keywords."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker
from autogen_lint.patterns import is_constant, keyword_gate, keywords
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import on

_MODEL_CLIENT = (
    "pass `model_client=OpenAIChatCompletionClient(model=...)` (from `autogen_ext.models.openai`) "
    "to `autogen_agentchat.agents.AssistantAgent`; sampling options such as `temperature` move to the client"
)
_NO_MODEL = (
    "an agent without a model is `autogen_agentchat.agents.UserProxyAgent(name)` "
    "(or a `BaseChatAgent` subclass), which takes no model settings"
)


@on(ast.Call, keywords=("llm_config",), packages=AUTOGEN)
def llm_config_keyword(checker: Checker, node: ast.Call) -> None:
    for keyword in keywords(node, ("llm_config",)):
        gate = keyword_gate(checker, node)
        if is_constant(keyword.value, False):
            checker.report("AGL201", keyword, anchor="user-proxy", gate=gate, instead=_NO_MODEL)
        else:
            checker.report("AGL201", keyword, gate=gate, instead=_MODEL_CLIENT)
