"""v0.2 model configuration (``llm_config``, ``config_list``) into one v0.4 model client."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from autogen_lint.migrate.calls import call_code
from autogen_lint.migrate.imports import Imports, dotted
from autogen_lint.migrate.literals import constant, dict_items, keywords, quote, string
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.scope import Scope
from autogen_lint.openai_models import needs_model_info

OPENAI = ("autogen_ext.models.openai", "OpenAIChatCompletionClient")
AZURE = ("autogen_ext.models.openai", "AzureOpenAIChatCompletionClient")

SAMPLING = ("temperature", "top_p", "max_tokens", "seed", "frequency_penalty", "presence_penalty", "stop", "timeout")
"""``llm_config`` options the v0.4 OpenAI clients take as they are."""
DROPPED = ("cache_seed",)
ENTRY = ("model", "api_key", "base_url", "api_type", "api_version", "azure_endpoint", "tags")


_ENV_READERS = ("os.getenv", "os.environ.get")
MODEL_INFO = ("autogen_core.models", "ModelInfo")
ASSUMED_MODEL_INFO = (
    'ModelInfo(vision=False, function_calling=True, json_output=False, family="unknown", structured_output=False)'
)
"""What a model the client does not know is taken to support (v0.2 did not ask); a TODO says so."""


@dataclass(frozen=True, slots=True)
class ClientSpec:
    """One v0.4 model client: its class (module, name) and keyword arguments as code."""

    cls: tuple[str, str]
    arguments: tuple[tuple[str, str], ...]
    todos: tuple[Todo, ...] = ()
    imports: tuple[tuple[str, str], ...] = ()
    """What the arguments need imported besides the class."""

    def code(self, before: int = 0) -> str:
        return call_code(self.cls[1], list(self.arguments), before)


@dataclass
class _Reading:
    options: dict[str, str] = field(default_factory=dict)
    entry: dict[str, cst.BaseExpression] | None = None
    todos: list[Todo] = field(default_factory=list)


class ModelConfigs:
    """Reads ``llm_config`` expressions, following names to their top-level literal values."""

    def __init__(self, module: cst.Module, imports: Imports, scope: Scope) -> None:
        self.module = module
        self.imports = imports
        self.scope = scope
        self.at = 0
        """The statement being read: names are followed to their assignments before it."""
        self.statements: set[int] = set()
        """Indexes of the top-level ``config_list = ...``/``llm_config = ...`` statements read."""

    def client(self, node: cst.BaseExpression) -> ClientSpec | None:
        """The client an agent's ``llm_config=`` stands for; ``None`` for ``llm_config=False``."""
        node = self._follow(node, "llm_config")
        if constant(node) is False:
            return None
        if not isinstance(node, cst.Dict):
            raise Refusal("`llm_config` is not a dict literal the codemod can read")
        reading = _Reading()
        for key, value in dict_items(node, "`llm_config`").items():
            if key == "config_list":
                reading.entry = self._config_list(value, reading.todos)
            elif key in SAMPLING:
                reading.options[key] = self.module.code_for_node(value)
            elif key in ENTRY:
                reading.entry = {**(reading.entry or {}), key: value}
            elif key not in DROPPED:
                raise Refusal(f"`llm_config` key {key!r} has no v0.4 client option")
        if reading.entry is None:
            raise Refusal("`llm_config` names no model")
        for key in SAMPLING:  # options in the config list entry apply unless llm_config sets them
            if key in reading.entry and key not in reading.options:
                reading.options[key] = self.module.code_for_node(reading.entry[key])
        return self._spec(reading)

    def _follow(self, node: cst.BaseExpression, what: str) -> cst.BaseExpression:
        if isinstance(node, cst.Name) and node.value not in ("True", "False", "None"):
            found = self.scope.value(node.value, self.at)
            if found is None:
                raise Refusal(f"`{node.value}` ({what}) is not assigned at the top level before its use")
            self.scope.take(node)
            self.statements.add(found[0])
            return found[1]
        return node

    def _config_list(self, node: cst.BaseExpression, todos: list[Todo]) -> dict[str, cst.BaseExpression]:
        node = self._follow(node, "config_list")
        if isinstance(node, cst.List):
            entries = [self._follow(element.value, "config list entry") for element in node.elements]
            if not entries or not all(isinstance(entry, cst.Dict) for entry in entries):
                raise Refusal("the config list is not a list of dict literals")
            read = [dict_items(entry, "a config list entry") for entry in entries if isinstance(entry, cst.Dict)]
            for entry in read:
                unknown = sorted(set(entry) - set(ENTRY) - set(DROPPED) - set(SAMPLING))
                if unknown:
                    raise Refusal(f"config list key {unknown[0]!r} has no v0.4 client option")
            return read[0]
        if isinstance(node, cst.Call) and self.imports.v02(node.func) == "config_list_from_json":
            return {"model": self._one_model(node, todos)}
        if isinstance(node, cst.Call) and self.imports.v02(node.func):
            raise Refusal(f"`{self.imports.v02(node.func)}()` builds the config list at run time")
        raise Refusal("the config list is built at run time")

    def _one_model(self, call: cst.Call, todos: list[Todo]) -> cst.BaseExpression:
        given = keywords(call, "config_list_from_json").get("filter_dict")
        if given is None:
            raise Refusal("`config_list_from_json()` has no `filter_dict`: the model is only known at run time")
        filters = dict_items(cst.ensure_type(self._follow(given, "filter_dict"), cst.Dict), "`filter_dict`")
        models = filters.get("model")
        if set(filters) != {"model"} or not isinstance(models, cst.List | cst.Set | cst.Tuple):
            raise Refusal("`filter_dict` does not pick the model by name")
        names = [string(element.value) for element in models.elements]
        if not names or None in names:
            raise Refusal("`filter_dict` does not name its models with string literals")
        if len(names) > 1:
            picked = ", ".join(quote(name or "") for name in names)
            what = f"v0.2 used the first entry of the config file among {picked}: check the model"
            todos.append(Todo("AGL202", what))
        return models.elements[0].value

    def _spec(self, reading: _Reading) -> ClientSpec:
        entry = reading.entry or {}
        model = string(entry.get("model"))
        if model is None:
            raise Refusal("the model is not a string literal")
        api_type = string(entry.get("api_type")) if "api_type" in entry else "openai"
        arguments: list[tuple[str, str]] = [("model", quote(model))]
        todos = list(reading.todos)
        if api_type == "azure":
            cls = AZURE
            endpoint = entry.get("azure_endpoint") or entry.get("base_url")
            version = entry.get("api_version")
            if endpoint is None or version is None:
                raise Refusal("the Azure configuration has no endpoint or API version")
            arguments += [
                ("azure_deployment", quote(model)),
                ("azure_endpoint", self._setting(endpoint, "azure endpoint")),
                ("api_version", self._setting(version, "API version")),
            ]
            variable = "AZURE_OPENAI_API_KEY"
        elif api_type == "openai":
            cls = OPENAI
            if "base_url" in entry:
                arguments.append(("base_url", self._setting(entry["base_url"], "base URL")))
            variable = "OPENAI_API_KEY"
        else:
            raise Refusal(f"`api_type` {api_type!r} has no OpenAI client; pick the v0.4 client by hand")
        key = entry.get("api_key")
        if key is not None:
            if string(key) is not None:
                todos.append(Todo("AGL202", f"the literal API key was not copied: set {variable} in the environment"))
            else:
                arguments.append(("api_key", self._setting(key, "API key")))
        imports: tuple[tuple[str, str], ...] = ()
        if needs_model_info(model):  # AGL708's table of the models 0.7.5 knows
            arguments.append(("model_info", ASSUMED_MODEL_INFO))
            imports = (MODEL_INFO,)
            what = f"the v0.4 client does not know {quote(model)}: check what `model_info` says it supports"
            todos.append(Todo("AGL202", what))
        arguments += sorted(reading.options.items())
        return ClientSpec(cls, tuple(arguments), tuple(todos), imports)

    def _setting(self, node: cst.BaseExpression, what: str) -> str:
        """A literal, or a read of the environment, as code; anything else is refused."""
        if string(node) is not None or _reads_environment(node):
            return self.module.code_for_node(node)
        raise Refusal(f"the {what} is computed at run time")


def _reads_environment(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Call):
        return dotted(node.func) in _ENV_READERS and all(string(arg.value) is not None for arg in node.args)
    if isinstance(node, cst.Subscript):
        index = node.slice[0].slice if len(node.slice) == 1 else None
        return dotted(node.value) == "os.environ" and isinstance(index, cst.Index) and string(index.value) is not None
    return False
