"""A function offered with a hand-written JSON schema (v0.2's ``llm_config["functions"]``) as a v0.4 tool.

v0.2 sent each ``"functions"`` entry to the model as it was written and, when the model called
one, ran ``function_map[name](**arguments)`` with the arguments the model gave
(``ConversableAgent.execute_function``), answering with ``str()`` of the result. v0.4's
``FunctionTool`` makes the schema from the function's annotations instead (and fails on a
parameter without one), so a function without them becomes a ``SchemaTool``: a small
``BaseTool`` written into the file, which offers the entry as it was written and calls the
function with the arguments as they came (``BaseTool.return_value_as_string`` is ``str()`` too),
in a worker thread as ``FunctionTool`` calls a plain function (v0.2 called it in its own thread).

The entry must be a literal that agrees with the function's ``def``: every property is a
parameter the function takes by keyword, every parameter without a default is required.
"""

from __future__ import annotations

import ast
import re

import libcst as cst

from autogen_lint.migrate.calls import WIDTH
from autogen_lint.migrate.hybrid_agents import Hybrid
from autogen_lint.migrate.literals import quote
from autogen_lint.migrate.refusal import Refusal

SCHEMA_TOOL = Hybrid(
    "SchemaTool",
    frozenset({("asyncio", ""), ("autogen_core.tools", "BaseTool"), ("pydantic", "BaseModel")}),
    '''class SchemaTool(BaseTool[BaseModel, BaseModel]):
    """A function offered to the model with the JSON schema an AutoGen v0.2 `llm_config` spelled out.

    The model sees that name, description and parameters; the function is called with the
    arguments the model gave, as they are (as v0.2's `function_map` called it), in a worker
    thread (as `FunctionTool` calls a plain function).
    """

    class Arguments(BaseModel, extra="allow"):
        """The arguments as the model gave them: the schema says what they are."""

    def __init__(self, func, schema):
        super().__init__(self.Arguments, BaseModel, schema["name"], schema.get("description", ""))
        self._func = func
        self._schema = schema

    @property
    def schema(self):
        return self._schema

    async def run(self, args, cancellation_token):
        arguments = args.model_dump()
        future = asyncio.get_running_loop().run_in_executor(None, lambda: self._func(**arguments))
        cancellation_token.link_future(future)
        return await future''',
)
_KEYS = frozenset({"name", "description", "parameters"})
_NAME = re.compile(r"^[a-zA-Z0-9_-]+$")
"""The tool names v0.4's OpenAI client accepts (``assert_valid_name``), as OpenAI's API did for v0.2."""


def literal_schema(entry: cst.Dict, module: cst.Module) -> dict[str, object]:
    """The value of a ``"functions"`` entry made of literals only, as v0.2 sent it."""
    try:
        value = ast.literal_eval(module.code_for_node(entry).strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise Refusal("a function `llm_config` offers is not made of literals only", code="AGL401") from None
    if not isinstance(value, dict) or not _json_like(value):
        raise Refusal("a function `llm_config` offers is not a JSON object literal", code="AGL401")
    return value


def _json_like(value: object) -> bool:
    """Whether ``value`` is what JSON holds: objects with string keys, arrays, strings, numbers, booleans, null."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and _json_like(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_json_like(item) for item in value)
    return value is None or isinstance(value, str | int | float)


def check_agreement(schema: dict[str, object], definition: cst.FunctionDef) -> None:
    """Refuse unless the function can take every call the schema lets the model make, and needs no more."""
    function = definition.name.value
    unknown = sorted(set(schema) - _KEYS)
    if unknown:
        raise Refusal(f"the schema offered for `{function}` has `{unknown[0]}`, which v0.4 tools do not offer")
    name = schema.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise Refusal(f"the name offered for `{function}` is not one v0.4's OpenAI client accepts")
    if not isinstance(schema.get("description", ""), str):
        raise Refusal(f"the description offered for `{function}` is not a string")
    if definition.asynchronous is not None:
        raise Refusal(f"`{function}` is a coroutine function, which v0.2's `function_map` did not await")
    parameters = schema.get("parameters", {"type": "object", "properties": {}})
    properties = parameters.get("properties", {}) if isinstance(parameters, dict) else None
    required = parameters.get("required", []) if isinstance(parameters, dict) else None
    if (
        not isinstance(parameters, dict)
        or parameters.get("type") != "object"
        or not isinstance(properties, dict)
        or not isinstance(required, list)
        or not set(required) <= set(properties)
    ):
        raise Refusal(f"the parameters offered for `{function}` are not an object schema with its properties")
    params = definition.params
    by_keyword = {param.name.value: param for param in (*params.params, *params.kwonly_params)}
    accepts_more = isinstance(params.star_kwarg, cst.Param)
    for name in properties:
        if name not in by_keyword and not accepts_more:
            raise Refusal(f"the model may give `{function}` a `{name}` it does not take", code="AGL401")
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.default is None and param.name.value not in required:
            what = f"`{function}` needs `{param.name.value}`, which the schema offered for it does not require"
            raise Refusal(what, code="AGL401")


def schema_tool_code(function: str, schema: dict[str, object], level: int) -> str:
    """``SchemaTool(function, {...})``; continuation lines indented for an expression at ``level``."""
    line = f"{SCHEMA_TOOL.name}({function}, {_code(schema, None)})"
    if level + len(line) <= WIDTH:
        return line
    inner = " " * (level + 4)
    return f"{SCHEMA_TOOL.name}(\n{inner}{function},\n{inner}{_code(schema, level + 4)},\n{' ' * level})"


def _code(value: object, level: int | None) -> str:
    """Python source for a JSON-like literal: on one line (``level`` ``None``) or, if long, one item a line."""
    if isinstance(value, str):
        return quote(value)
    if not isinstance(value, dict | list):
        return repr(value)
    pairs = value.items() if isinstance(value, dict) else ((None, item) for item in value)
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    flat = [f"{_key(key)}{_code(item, None)}" for key, item in pairs]
    line = f"{opening}{', '.join(flat)}{closing}"
    if level is None or level + len(line) <= WIDTH:
        return line
    inner = " " * (level + 4)
    items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
    parts = [f"{inner}{_key(key)}{_code(item, level + 4)},\n" for key, item in items]
    return f"{opening}\n{''.join(parts)}{' ' * level}{closing}"


def _key(key: str | None) -> str:
    """``"key": `` before an object's value; nothing before an array's item (``None``)."""
    return "" if key is None else f"{quote(key)}: "
