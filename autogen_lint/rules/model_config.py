"""AGL202 / AGL203: v0.2 model configuration and response caching."""

from __future__ import annotations

import ast

from autogen_lint.checker import Checker, Gate
from autogen_lint.names import is_v02, leaf
from autogen_lint.patterns import is_constant, keywords, string_keys, v02_callee
from autogen_lint.relevance import AUTOGEN
from autogen_lint.replacements import CONFIG_LIST_FUNCTIONS
from autogen_lint.rules import on

CONFIG_FUNCTIONS = frozenset({"OpenAIWrapper", *CONFIG_LIST_FUNCTIONS})
CACHE_FACTORIES = frozenset({"disk", "redis", "cosmos_db"})

_CLIENT = (
    "build one model client per model, e.g. `OpenAIChatCompletionClient(model=..., api_key=...)` "
    "from `autogen_ext.models.openai`, or load a component config with "
    "`autogen_core.models.ChatCompletionClient.load_component(config)`"
)
_CACHE = (
    "wrap the model client in `autogen_ext.models.cache.ChatCompletionCache` with a "
    "`DiskCacheStore` or `RedisStore` from `autogen_ext.cache_store`"
)
_NO_CACHE = "v0.4 caches nothing unless you wrap the client in `ChatCompletionCache`, so drop it"


@on(ast.Call, callees=CONFIG_FUNCTIONS, packages=AUTOGEN)
def config_call(checker: Checker, node: ast.Call) -> None:
    qualified = v02_callee(checker, node, CONFIG_FUNCTIONS)
    if qualified is not None:
        checker.report("AGL202", node, name=qualified, instead=_CLIENT)


@on(ast.Dict, packages=AUTOGEN, words=("config_list", "cache_seed"))
def config_dict(checker: Checker, node: ast.Dict) -> None:
    for key in string_keys(node, ("config_list",)):
        checker.report("AGL202", key, gate=Gate.AUTOGEN, name='"config_list"', instead=_CLIENT)
    for key in string_keys(node, ("cache_seed",)):
        value = node.values[node.keys.index(key)]
        _report_cache_seed(checker, key, '`"cache_seed"`', value)


@on(ast.Call, keywords=("cache_seed",), packages=AUTOGEN)
def cache_seed_keyword(checker: Checker, node: ast.Call) -> None:
    for keyword in keywords(node, ("cache_seed",)):
        _report_cache_seed(checker, keyword, "`cache_seed=`", keyword.value)


@on(ast.Call, methods=CACHE_FACTORIES, packages=AUTOGEN)
def cache_factory(checker: Checker, node: ast.Call) -> None:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in CACHE_FACTORIES:
        owner = checker.semantic.resolve_qualified_name(func.value)
        if owner is not None and is_v02(owner) and leaf(owner) == "Cache":
            checker.report("AGL203", node, name=f"`Cache.{func.attr}()`", instead=_CACHE)


def _report_cache_seed(checker: Checker, node: ast.AST, name: str, value: ast.expr) -> None:
    instead = _NO_CACHE if is_constant(value, None) else _CACHE
    checker.report("AGL203", node, gate=Gate.AUTOGEN, name=name, instead=instead)
