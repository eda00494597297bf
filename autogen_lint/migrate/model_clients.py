"""v0.2 model configuration (``llm_config``, ``config_list``) into one v0.4 model client."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import libcst as cst

from autogen_lint.migrate import config_calls, config_list
from autogen_lint.migrate.calls import call_code
from autogen_lint.migrate.imports import Imports, dotted, walk
from autogen_lint.migrate.literals import constant, keywords, positional, quote, string
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.scope import Scope
from autogen_lint.migrate.todos import leading
from autogen_lint.openai_models import needs_model_info

OPENAI = ("autogen_ext.models.openai", "OpenAIChatCompletionClient")
AZURE = ("autogen_ext.models.openai", "AzureOpenAIChatCompletionClient")

OPTIONS = {
    **{key: key for key in ("temperature", "top_p", "max_tokens", "seed", "frequency_penalty", "presence_penalty")},
    **{key: key for key in ("stop", "timeout", "max_retries", "organization", "default_headers", "response_format")},
    **{key: key for key in ("logit_bias", "user")},
    "request_timeout": "timeout",
}
"""``llm_config``/config list keys the v0.4 OpenAI clients take, and their v0.4 names."""
ENTRY = ("model", "api_key", "base_url", "api_base", "api_type", "api_version", "azure_endpoint")
DROPPED = ("cache_seed", "tags")
"""Keys that do nothing in v0.4: the cache seed (there is no v0.2 cache), the tags a filter reads."""
DROPPED_WITH_TODO = {
    "price": "v0.2 priced the model's tokens with `price` (for `cost`); v0.4 reports token counts in "
    "`models_usage`: compute the cost from them",
    "functions": "v0.2 offered these `functions` to the model; give the v0.4 agent `tools=[...]` "
    "(`FunctionTool`s) that do what they did",
    "tools": "v0.2 offered these tool schemas (`tools`) to the model; give the v0.4 agent `tools=[...]` "
    "(`FunctionTool`s) that do what they did",
    "api_rate_limit": "v0.2 limited the requests a second (`api_rate_limit`); v0.4 does not",
    "stream": "v0.2 streamed the model's replies (`stream`): give the v0.4 agent `model_client_stream=True`",
}
"""Keys without a v0.4 client option: dropped, with a TODO saying what they did."""
MODEL_INFO = ("autogen_core.models", "ModelInfo")
ASSUMED_MODEL_INFO = (
    'ModelInfo(vision=False, function_calling=True, json_output=False, family="unknown", structured_output=False)'
)
"""What a model the client does not know is taken to support: what v0.2 assumed (it did not ask)."""


@dataclass(frozen=True, slots=True)
class ClientSpec:
    """One v0.4 model client: its class (module, name) and keyword arguments as code."""

    cls: tuple[str, str]
    arguments: tuple[tuple[str | None, str], ...]
    todos: tuple[Todo, ...] = ()
    imports: tuple[tuple[str, str], ...] = ()
    """What the arguments need imported besides the class."""
    factory: str | None = None
    """The function that makes the client, when not the class itself (one of ``helpers``)."""
    helpers: tuple[str, ...] = ()
    """Top-level definitions (code) the file needs once, after its imports."""

    def code(self, before: int = 0) -> str:
        return call_code(self.factory or self.cls[1], list(self.arguments), before)


@dataclass
class _Reading:
    options: dict[str, str] = field(default_factory=dict)
    entry: dict[str, cst.BaseExpression] | None = None
    source: cst.Call | None = None
    """``config_list_from_json(...)``: the list is read at run time."""
    runtime: str | None = None
    """The config list as an expression known only at run time (a parameter, ``self.config_list``)."""
    todos: list[Todo] = field(default_factory=list)


class ModelConfigs:
    """Reads ``llm_config`` expressions, following names to their values and functions to what they return."""

    def __init__(self, module: cst.Module, imports: Imports, scope: Scope) -> None:
        self.module = module
        self.imports = imports
        self.scope = scope
        self.at = 0
        """The statement being read: names are followed to their assignments before it."""
        self.statements: set[int] = set()
        """Indexes of the top-level ``config_list = ...``/``llm_config = ...`` statements read."""
        self.functions: list[cst.FunctionDef] = []
        """Functions whose returned configuration was read (they go when no other use is left)."""

    def client(self, node: cst.BaseExpression) -> ClientSpec | None:
        """The client an agent's ``llm_config=`` stands for; ``None`` for ``llm_config=False``.

        A configuration the codemod cannot read (made by a function, passed in, kept on
        ``self``) is handed as it is to the helper that makes the client when the program runs.
        """
        saved = (set(self.statements), {name: set(ids) for name, ids in self.scope.read.items()}, len(self.functions))
        try:
            return self._client(node)
        except Refusal as refusal:
            readable = refusal.reason.startswith(RUN_TIME) or refusal.reason.endswith(UNASSIGNED)
            if not readable or not _carried(node) or self._v02_in(node):
                raise
        self.statements, self.scope.read = saved[0], saved[1]
        del self.functions[saved[2] :]
        return _runtime_spec([(None, f"**{self.module.code_for_node(node)}")])

    def _client(self, node: cst.BaseExpression) -> ClientSpec | None:
        node = self._follow(node, "llm_config")
        if constant(node) is False:
            return None
        reading = _Reading()
        for key, value in self._items(node, "`llm_config`").items():
            if key == "config_list":
                self._config_list(value, reading)
            elif key in ENTRY:
                reading.entry = {**(reading.entry or {}), key: value}
            else:
                self._option(key, value, reading, "`llm_config`")
        if reading.source is not None:
            return self._from_json(reading.source, reading)
        if reading.runtime is not None:
            if reading.entry:
                raise Refusal("`llm_config` sets the model as well as reading the config list")
            return _runtime_spec([(None, reading.runtime), *sorted(reading.options.items())], reading.todos)
        if reading.entry is None:
            raise Refusal("`llm_config` names no model")
        return self._spec(reading)

    def _option(self, key: str, value: cst.BaseExpression, reading: _Reading, what: str) -> None:
        if key in OPTIONS:
            reading.options[OPTIONS[key]] = self.module.code_for_node(value)
        elif key in DROPPED_WITH_TODO:
            reading.todos.append(Todo("AGL202", DROPPED_WITH_TODO[key]))
        elif key not in DROPPED:
            raise Refusal(f"{what} key {key!r} has no v0.4 client option")

    def follow(self, node: cst.BaseExpression, what: str) -> cst.BaseExpression:
        """``node``, or the value of the name it is (read here: its statement goes when no other use is left)."""
        return self._follow(node, what)

    def _follow(self, node: cst.BaseExpression, what: str) -> cst.BaseExpression:
        """A name's value (its assignment before this statement); a call of a function, what it returns."""
        if isinstance(node, cst.Name) and node.value not in ("True", "False", "None"):
            found = self.scope.value(node.value, self.at)
            if found is None:
                raise Refusal(f"`{node.value}` ({what}) is not assigned at the top level before its use")
            self.scope.take(node)
            self.statements.add(found[0])
            return self._follow(found[1], what) if isinstance(found[1], cst.Name) else found[1]
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and self.imports.v02(node.func) is None:
            returned = self._returned(node)
            if returned is not None:
                return returned
        return node

    def _returned(self, call: cst.Call) -> cst.BaseExpression | None:
        """What ``f(...)`` returns when ``f`` is a top-level function that only returns an expression.

        Its parameters are replaced by the call's arguments (or their defaults).
        """
        name = cst.ensure_type(call.func, cst.Name).value
        found = [
            item
            for item in self.module.body
            if isinstance(item, cst.FunctionDef) and item.name.value == name and not item.decorators
        ]
        if len(found) != 1 or self.scope.bindings[name] != 1 or found[0].asynchronous is not None:
            return None
        function = found[0]
        body = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
        body = [line for line in body if not _is_docstring(line)]
        single = body[0].body if len(body) == 1 and isinstance(body[0], cst.SimpleStatementLine) else ()
        if len(single) != 1 or not isinstance(single[0], cst.Return) or single[0].value is None:
            return None
        params = function.params
        if params.star_arg != cst.MaybeSentinel.DEFAULT or params.star_kwarg or params.kwonly_params:
            return None
        values: dict[str, cst.BaseExpression] = {}
        given = positional(call)
        named = keywords(call, name)
        for index, param in enumerate([*params.posonly_params, *params.params]):
            value = given[index] if index < len(given) else named.get(param.name.value, param.default)
            if value is None:
                return None
            values[param.name.value] = value
        if len(given) + len(named) > len(values):
            return None
        returned = single[0].value.visit(_Arguments(values))
        if not isinstance(returned, cst.BaseExpression):
            return None
        self.scope.take(cst.ensure_type(call.func, cst.Name))
        self.functions.append(function)
        return returned

    def as_lambda(self, name: cst.Name) -> cst.Lambda | None:
        """``def f(x): return <expression>`` (at the top level, bound once) as ``lambda x: <expression>``."""
        found = [
            item
            for item in self.module.body
            if isinstance(item, cst.FunctionDef) and item.name.value == name.value and not item.decorators
        ]
        everywhere = getattr(self.scope, "module_names", self.scope)  # a function's scope counts only its own names
        if len(found) != 1 or everywhere.bindings[name.value] != 1 or found[0].asynchronous is not None:
            return None
        body = found[0].body.body if isinstance(found[0].body, cst.IndentedBlock) else ()
        lines = [line for line in body if not _is_docstring(line)]
        single = lines[0].body if len(lines) == 1 and isinstance(lines[0], cst.SimpleStatementLine) else ()
        if len(single) != 1 or not isinstance(single[0], cst.Return) or single[0].value is None:
            return None
        params = found[0].params.with_changes(params=[p.with_changes(annotation=None) for p in found[0].params.params])
        return cst.Lambda(params=params, body=single[0].value)

    def _items(self, node: cst.BaseExpression, what: str) -> dict[str, cst.BaseExpression]:
        """A dict's items: a literal, ``dict(...)``, ``{**base, ...}`` and ``base | {...}`` merged in order."""
        node = self._follow(node, what)
        if isinstance(node, cst.Dict):
            items: dict[str, cst.BaseExpression] = {}
            for element in node.elements:
                if isinstance(element, cst.StarredDictElement):
                    items.update(self._items(element.value, what))
                    continue
                key = string(element.key) if isinstance(element, cst.DictElement) else None
                if key is None:
                    raise Refusal(f"{what} has a key that is not a string literal")
                items[key] = element.value
            return items
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict":
            given = positional(node)
            if len(given) > 1 or self.scope.bindings["dict"]:
                raise Refusal(f"{what} is a `dict(...)` the codemod cannot read")
            merged = self._items(given[0], what) if given else {}
            return {**merged, **keywords(node, "dict")}
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            return {**self._items(node.left, what), **self._items(node.right, what)}
        made = next(
            (found for n in walk(node) if isinstance(n, cst.Name | cst.Attribute) and (found := self.imports.v02(n))),
            None,
        )
        if made is not None:
            raise Refusal(f"{what} is made by AutoGen's `{made}`")
        raise Refusal(f"{what} is not a dict the codemod can read")

    def _config_list(self, node: cst.BaseExpression, reading: _Reading) -> None:
        given = node
        try:
            node = self._follow(node, "config_list")
        except Refusal:
            if not _carried(given) or self._v02_in(given):
                raise
            reading.runtime = self.module.code_for_node(given)  # a parameter, an import, ``self.config_list``
            return
        if isinstance(given, cst.Name) and self._produced_at_run_time(node):
            reading.runtime = given.value  # the name stays: its statement reads the list when the program runs
            self.scope.read.get(given.value, set()).discard(id(given))
            return
        if isinstance(node, cst.List):
            if not node.elements or any(isinstance(element, cst.StarredElement) for element in node.elements):
                raise Refusal("the config list is not a list of dicts")
            entries = [self._items(element.value, "a config list entry") for element in node.elements]
            for entry in entries:
                unknown = sorted(set(entry) - set(ENTRY) - set(DROPPED) - set(OPTIONS) - set(DROPPED_WITH_TODO))
                if unknown:
                    raise Refusal(f"config list key {unknown[0]!r} has no v0.4 client option")
            first = entries[0]  # v0.2 went on to the next entries when a request failed (docs: approximated)
            reading.entry = {**(reading.entry or {}), **{k: v for k, v in first.items() if k in ENTRY}}
            for key, value in first.items():  # the entry's options win over llm_config's, as in v0.2
                if key not in ENTRY:
                    self._option(key, value, reading, "config list")
            return
        if isinstance(node, cst.Call) and self._reads_oai_config_list(node):
            reading.source = node
            return
        if isinstance(node, cst.Call) and self.imports.v02(node.func):
            raise Refusal(f"`{self.imports.v02(node.func)}()` builds the config list at run time")
        if _carried(given) and not self._v02_in(given):
            reading.runtime = self.module.code_for_node(given)
            return
        raise Refusal("the config list is built at run time")

    def _reads_oai_config_list(self, call: cst.Call) -> bool:
        """``config_list_from_json(...)``, or the call of the helper a migrated file has in its place."""
        kind = self.imports.v02(call.func)
        if kind is not None:
            return kind == "config_list_from_json"
        return isinstance(call.func, cst.Name) and call.func.value == config_list.LOAD

    def _v02_in(self, node: cst.BaseExpression) -> bool:
        return any(isinstance(inner, cst.Name | cst.Attribute) and self.imports.v02(inner) for inner in walk(node))

    def _produced_at_run_time(self, value: cst.BaseExpression) -> bool:
        """A config list a statement makes when the program runs: a call of the program's or a v0.2 helper."""
        if not isinstance(value, cst.Call):
            return False
        kind = self.imports.v02(value.func)
        return kind is None or kind in config_calls.RUNTIME

    def _from_json(self, call: cst.Call, reading: _Reading) -> ClientSpec:
        """``config_list_from_json(...)``: the helper reads the same list at run time."""
        if reading.entry:
            raise Refusal("`llm_config` sets the model as well as reading the config list")
        options = keywords(call, "config_list_from_json")
        given = positional(call)
        names = ("env_or_file", "file_location", "filter_dict")
        if len(given) > len(names) or set(options) - set(names):
            raise Refusal("`config_list_from_json()` has arguments the codemod cannot read")
        values = {**dict(zip(names, given, strict=False)), **options}
        if "env_or_file" not in values:
            raise Refusal("`config_list_from_json()` names no file or environment variable")
        loaded: list[tuple[str | None, str]] = [(None, self.module.code_for_node(values["env_or_file"]))]
        for name in names[1:]:
            if name in values:
                value = self._follow(values[name], name) if name == "filter_dict" else values[name]
                loaded.append((name, self.module.code_for_node(value)))
        source = call_code(config_list.LOAD, loaded, wrap=False)
        spec = _runtime_spec([(None, source), *sorted(reading.options.items())], reading.todos)
        return replace(spec, helpers=(config_list.LOADER, *spec.helpers))

    def _spec(self, reading: _Reading) -> ClientSpec:
        entry = reading.entry or {}
        if "model" not in entry:
            raise Refusal("the config names no model")
        model_node = entry["model"]
        model = string(model_node)
        model_code = self.module.code_for_node(model_node)
        api_type = string(entry.get("api_type")) if "api_type" in entry else "openai"
        if api_type is None:
            raise Refusal("`api_type` is not a string literal")
        arguments: list[tuple[str | None, str]] = [("model", model_code)]
        todos = list(reading.todos)
        endpoint = entry.get("azure_endpoint") or entry.get("base_url") or entry.get("api_base")
        if api_type.startswith("azure"):
            cls = AZURE
            version = entry.get("api_version")
            if endpoint is None or version is None:
                raise Refusal("the Azure configuration has no endpoint or API version")
            deployment = f'{_grouped(model_code)}.replace(".", "")' if model is None else quote(model.replace(".", ""))
            arguments += [
                ("azure_deployment", deployment),
                ("azure_endpoint", self.module.code_for_node(endpoint)),
                ("api_version", self.module.code_for_node(version)),
            ]
            variable = "AZURE_OPENAI_API_KEY"
        elif not api_type.startswith(PROVIDERS):  # v0.2 sent "open_ai", "litellm"... to its OpenAI client
            cls = OPENAI
            if endpoint is not None:
                arguments.append(("base_url", self.module.code_for_node(endpoint)))
            variable = "OPENAI_API_KEY"
        else:
            raise Refusal(f"`api_type` {api_type!r} has no OpenAI client; pick the v0.4 client by hand")
        key = entry.get("api_key")
        if key is not None:
            if _placeholder(string(key)):  # "NULL", "lm-studio": what local servers take, no secret
                arguments.append(("api_key", self.module.code_for_node(key)))
            elif string(key) is not None:
                todos.append(Todo("AGL202", f"the literal API key was not copied: set {variable} in the environment"))
            else:
                arguments.append(("api_key", self.module.code_for_node(key)))
        imports: tuple[tuple[str, str], ...] = ()
        other = api_type != "openai" and not api_type.startswith("azure")  # an OpenAI-compatible server
        if model is None or needs_model_info(model) or other:  # AGL708's table of the models 0.7.5 knows
            arguments.append(("model_info", ASSUMED_MODEL_INFO))  # what v0.2 assumed: no TODO (the docs say so)
            imports = (MODEL_INFO,)
        arguments += sorted(reading.options.items())
        return ClientSpec(cls, tuple(arguments), tuple(todos), imports)


PROVIDERS = ("anthropic", "google", "mistral", "together", "groq", "cohere", "ollama", "bedrock", "cerebras")
"""``api_type`` prefixes v0.2 had a client of its own for; every other one went to its OpenAI client."""
RUN_TIME = ("`llm_config` is not a dict", "`llm_config` has a key")
UNASSIGNED = "(llm_config) is not assigned at the top level before its use"
"""Refusals of an ``llm_config`` the helper can read when the program runs."""


def _carried(node: cst.BaseExpression) -> bool:
    """An expression that may be evaluated where the client is made: names, attributes, subscripts, calls."""
    return all(isinstance(inner, _CARRIED) for inner in walk(node))


_CARRIED: tuple[type[cst.CSTNode], ...] = (cst.Name, cst.Attribute, cst.Subscript, cst.SubscriptElement, cst.Index)
_CARRIED += (cst.Call, cst.Arg, cst.SimpleString, cst.Integer, cst.Comma, cst.Dot, cst.BaseParenthesizableWhitespace)
_CARRIED += (cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket)


def _runtime_spec(arguments: list[tuple[str | None, str]], todos: Sequence[Todo] = ()) -> ClientSpec:
    """The client ``model_client_from_config(...)`` makes when the program runs."""
    return ClientSpec(
        OPENAI, tuple(arguments), tuple(todos), config_list.CLIENT_IMPORTS, config_list.MAKE, (config_list.CLIENT,)
    )


def _placeholder(key: str | None) -> bool:
    """A literal API key that cannot be a secret: short, and not shaped like OpenAI's (``sk-...``)."""
    return key is not None and len(key) < PLACEHOLDER_LENGTH and not key.startswith("sk-")


PLACEHOLDER_LENGTH = 20
"""Real API keys are longer (OpenAI's over 40 characters, Azure's 32)."""


def _grouped(code: str) -> str:
    """``code`` as an operand: in parentheses unless it is a name, an attribute, a call or a subscript."""
    node = cst.parse_expression(code)
    return code if isinstance(node, cst.Name | cst.Attribute | cst.Call | cst.Subscript) else f"({code})"


def _is_docstring(line: cst.BaseStatement) -> bool:
    return (
        isinstance(line, cst.SimpleStatementLine)
        and len(line.body) == 1
        and isinstance(line.body[0], cst.Expr)
        and isinstance(line.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )


class _Arguments(cst.CSTTransformer):
    """A function's parameters replaced by the values of one call."""

    def __init__(self, values: dict[str, cst.BaseExpression]) -> None:
        super().__init__()
        self.values = values

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)  # only the object of ``a.b`` can be a parameter
        return False

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self.values.get(original_node.value, updated_node)


def with_helpers(statements: list[cst.BaseStatement], helpers: Sequence[str]) -> list[cst.BaseStatement]:
    """``statements`` (a module's) with ``helpers`` after the imports of the v0.4 packages they use.

    That is after the run of imports holding the first ``autogen_ext`` one (in a notebook, its
    cell), else after the docstring (or the first cell's start) and imports at the top.
    """
    if not helpers:
        return statements
    first = next((index for index, item in enumerate(statements) if _imports_v04(item)), None)
    at = 0
    for index, item in enumerate(statements):
        if first is not None and index < first:
            continue
        if not (_is_import(item) or (index == 0 and (_is_docstring(item) or _is_cell_start(item)))):
            break
        at = index + 1
    imported = {name for item in statements[:at] for name in _imported(item)}
    placed = [config_list.without_imported(helper, imported) for helper in helpers]
    defined = {item.name.value for item in statements if isinstance(item, cst.FunctionDef | cst.ClassDef)}
    parsed = [  # a second run: the file has them already
        item
        for item in cst.parse_module("\n\n".join(code.rstrip("\n") + "\n" for code in placed)).body
        if not (isinstance(item, cst.FunctionDef | cst.ClassDef) and item.name.value in defined)
    ]
    if not parsed:
        return statements
    parsed[0] = parsed[0].with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()] if at else [])
    after = statements[at:]
    if after:
        lines = leading(after[0])
        while lines and lines[0].comment is None:
            lines.pop(0)
        cell = bool(lines) and lines[0].comment is not None and lines[0].comment.value.startswith(CELL_MARKER)
        after[0] = after[0].with_changes(leading_lines=lines if cell else [cst.EmptyLine(), cst.EmptyLine(), *lines])
    return [*statements[:at], *parsed, *after]


CELL_MARKER = "# autogen-lint-migrate-cell "
"""The comment that starts each cell of a notebook being migrated (no blank lines go before it)."""
CELL_START = "__autogen_lint_cell_"
"""How the statement starting a cell is named (``__autogen_lint_cell_N__ = None``) while it is rewritten."""


def _is_cell_start(item: cst.BaseStatement) -> bool:
    if not isinstance(item, cst.SimpleStatementLine) or not isinstance(item.body[0], cst.Assign):
        return False
    target = item.body[0].targets[0].target
    return isinstance(target, cst.Name) and target.value.startswith(CELL_START)


def _imported(item: cst.BaseStatement) -> list[tuple[str, str]]:
    """``("os", "")`` for ``import os``, ``("dotenv", "load_dotenv")`` for ``from dotenv import load_dotenv``."""
    if not _is_import(item):
        return []
    found: list[tuple[str, str]] = []
    for small in cst.ensure_type(item, cst.SimpleStatementLine).body:
        if isinstance(small, cst.Import):
            found += [(dotted(alias.name) or "", "") for alias in small.names if alias.asname is None]
        elif isinstance(small, cst.ImportFrom) and small.module is not None and not small.relative:
            names = small.names if isinstance(small.names, Sequence) else ()
            module = dotted(small.module) or ""
            found += [(module, dotted(alias.name) or "") for alias in names if alias.asname is None]
    return found


def _imports_v04(item: cst.BaseStatement) -> bool:
    if not _is_import(item):
        return False
    modules = [
        small.module
        for small in cst.ensure_type(item, cst.SimpleStatementLine).body
        if isinstance(small, cst.ImportFrom)
    ]
    return any(module is not None and (dotted(module) or "").startswith("autogen_ext") for module in modules)


def _is_import(item: cst.BaseStatement) -> bool:
    return isinstance(item, cst.SimpleStatementLine) and all(
        isinstance(small, cst.Import | cst.ImportFrom) for small in item.body
    )
