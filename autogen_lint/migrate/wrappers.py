"""A v0.2 ``OpenAIWrapper`` that nothing calls into a v0.4 model client.

``client = OpenAIWrapper(config_list=..., temperature=...)`` takes the same configuration as an
``llm_config`` (its keywords are that dict's items), so it becomes the client an agent with that
configuration gets. A wrapper that is used (``client.create(...)``, passed on) stays: its v0.2
calls do not exist on a v0.4 client.
"""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.model_clients import ClientSpec, ModelConfigs
from autogen_lint.migrate.refusal import Refusal


def wrapper_client(target: str, call: cst.Call, configs: ModelConfigs, loads: int) -> ClientSpec:
    """The client ``target = OpenAIWrapper(...)`` stands for; ``loads``: reads of ``target`` in the module."""
    if loads:
        what = f"`{target}` is used as a v0.2 `OpenAIWrapper`; call the v0.4 client with `await {target}.create([...])`"
        raise Refusal(what, code="AGL202")
    if any(arg.keyword is None for arg in call.args):
        raise Refusal("`OpenAIWrapper(...)` takes arguments by position or `**`", code="AGL202")
    items = [
        cst.DictElement(cst.SimpleString(f'"{arg.keyword.value}"'), arg.value)
        for arg in call.args
        if arg.keyword is not None
    ]
    spec = configs.client(cst.Dict(items))
    if spec is None:
        raise Refusal("`OpenAIWrapper(...)` names no model", code="AGL202")
    return spec
