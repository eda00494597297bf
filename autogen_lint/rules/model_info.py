"""AGL708: OpenAI clients for a model autogen-ext does not know, built without ``model_info``."""

from __future__ import annotations

import ast

from autogen_lint.agentchat import expected_to_fail, keyword, string, unpacks
from autogen_lint.checker import Checker
from autogen_lint.names import leaf
from autogen_lint.openai_models import needs_model_info
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import on

OPENAI_MODELS = "autogen_ext.models.openai."
OPENAI_CLIENTS = frozenset({"OpenAIChatCompletionClient", "AzureOpenAIChatCompletionClient"})
# Either one spares the client the table look-up (``model_capabilities`` is the deprecated form).
INFO_KEYWORDS = ("model_info", "model_capabilities")


@on(ast.Call, callees=OPENAI_CLIENTS, packages=AUTOGEN)
def model_info_required(checker: Checker, node: ast.Call) -> None:
    qualified = checker.callee(node)
    if qualified is None or not qualified.startswith(OPENAI_MODELS) or leaf(qualified) not in OPENAI_CLIENTS:
        return
    if unpacks(node) or any(keyword(node, name) is not None for name in INFO_KEYWORDS):
        return
    literal = keyword(node, "model")
    model = string(literal)
    if literal is None or model is None or not needs_model_info(model) or _placeholder(model):
        return
    if expected_to_fail(checker, node):
        return
    checker.report("AGL708", literal, model=model, client=leaf(qualified))


def _placeholder(model: str) -> bool:
    """``"{model-name}"``, ``"<your model>"``: a documentation stand-in, not a model name."""
    return any(c.isspace() or c in "{}<>" for c in model)
