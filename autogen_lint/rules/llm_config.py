"""AGL201: ``llm_config=`` keywords."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker, Gate
from autogen_lint.names import is_autogen
from autogen_lint.rules import on

_MODEL_CLIENT = (
    "pass `model_client=OpenAIChatCompletionClient(model=...)` (from `autogen_ext.models.openai`) "
    "to `autogen_agentchat.agents.AssistantAgent`; sampling options such as `temperature` move to the client"
)
_NO_MODEL = (
    "an agent without a model is `autogen_agentchat.agents.UserProxyAgent(name)` "
    "(or a `BaseChatAgent` subclass), which takes no model settings"
)


@on(ast.Call)
def llm_config_keyword(checker: Checker, node: ast.Call) -> None:
    for keyword in node.keywords:
        if keyword.arg != "llm_config":
            continue
        direct = is_autogen(checker.semantic.resolve_qualified_name(node.func))
        value = keyword.value
        if isinstance(value, ast.Constant) and value.value is False:
            checker.report("AGL201", keyword, anchor="user-proxy", gate=_gate(direct), instead=_NO_MODEL)
        else:
            checker.report("AGL201", keyword, gate=_gate(direct), instead=_MODEL_CLIENT)


def _gate(direct: bool) -> Gate:
    return Gate.NONE if direct else Gate.AUTOGEN
