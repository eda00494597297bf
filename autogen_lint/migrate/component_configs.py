"""v0.2 provider configurations that nothing reads, as v0.4 component configurations.

A module-level ``claude_config = {"config_list": [{"model": "claude-...", "api_type":
"anthropic", ...}]}`` that no statement of the file reads built nothing in v0.2: it is a
setting kept for later. It stays a setting, in v0.4's declarative form: a component
configuration ``{"provider": "autogen_ext.models.anthropic.AnthropicChatCompletionClient",
"config": {...}}`` that ``ChatCompletionClient.load_component(...)`` builds when it is wanted.
Writing it imports nothing (the provider's extra, ``autogen-ext[anthropic]``, is needed only
to load it). Configurations the migration's model clients read are not touched here.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

import libcst as cst

from autogen_lint.migrate.literals import quote, string
from autogen_lint.migrate.statements import parsed_source

ANTHROPIC = "autogen_ext.models.anthropic.AnthropicChatCompletionClient"
PROVIDERS = {"anthropic": ANTHROPIC}
"""``api_type`` values with a v0.4 client, and that client's component provider."""
SETTINGS = ("model", "api_key", "temperature", "max_tokens", "top_k", "top_p", "stop_sequences")
"""The settings v0.2's Anthropic client read from a config entry; v0.4's client takes them by the same names."""
IGNORED = ("api_type", "cache_seed")
"""Keys with nothing to carry: the provider names the client; the config builds no client that would cache."""
KNOWN_MODELS = frozenset(
    {
        "claude-opus-4-20250514",
        "claude-opus-4-0",
        "claude-sonnet-4-20250514",
        "claude-sonnet-4-0",
        "claude-3-7-sonnet-20250219",
        "claude-3-7-sonnet-latest",
        "claude-3-opus-20240229",
        "claude-3-sonnet-20240229",
        "claude-3-haiku-20240307",
        "claude-3-5-sonnet-20240620",
        "claude-instant-1.2",
        "claude-2.0",
        "claude-2.1",
    }
)
"""The models autogen-ext 0.7.5's Anthropic client knows; another one needs a ``model_info``."""
ASSUMED_MODEL_INFO = (
    ("vision", "False"),
    ("function_calling", "True"),
    ("json_output", "False"),
    ("family", '"unknown"'),
    ("structured_output", "False"),
)
"""What v0.2 assumed of a model (it did not ask), as a component configuration's ``model_info``."""

HandsOff = Callable[[int, int], str | None]


def with_component_configs(text: str, hands_off: HandsOff) -> str:
    """``text`` with its unread provider configurations written as v0.4 component configurations."""
    if '"config_list"' not in text and "'config_list'" not in text:
        return text
    parsed = parsed_source(text)
    if parsed is None:
        return text
    tree, module, loads = parsed
    stores = [node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)]
    body = list(module.body)
    if len(body) != len(tree.body):  # ``a = 1; b = 2``: one line, two statements
        return text
    changed = False
    for index, (item, node) in enumerate(zip(module.body, tree.body, strict=True)):
        if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            continue
        name = node.targets[0].id
        if name in loads or stores.count(name) != 1 or hands_off(node.lineno, node.end_lineno or node.lineno):
            continue
        small = cst.ensure_type(cst.ensure_type(item, cst.SimpleStatementLine).body[0], cst.Assign)
        code = component_config(small.value, module)
        if code is not None:
            body[index] = item.with_changes(body=[small.with_changes(value=cst.parse_expression(code))])
            changed = True
    return module.with_changes(body=body).code if changed else text


def component_config(value: cst.BaseExpression, module: cst.Module) -> str | None:
    """The component configuration of a v0.2 ``llm_config`` literal of one provider entry, else ``None``."""
    outer = _items(value)
    if outer is None or "config_list" not in outer or _has_comment(value):
        return None
    entries = outer["config_list"]
    if not isinstance(entries, cst.List) or len(entries.elements) != 1:
        return None  # several entries: v0.2 went on to the next when one failed, a component is one client
    entry = _items(entries.elements[0].value)
    if entry is None:
        return None
    if set(outer) & set(entry):
        return None
    keys = list(outer)
    at = keys.index("config_list")
    merged = {k: outer[k] for k in keys[:at]} | entry | {k: outer[k] for k in keys[at + 1 :]}  # as evaluated
    provider = PROVIDERS.get(string(merged.get("api_type")) or "")
    model = string(merged.get("model"))
    key = merged.get("api_key")
    if provider is None or model is None or set(merged) - set(SETTINGS) - set(IGNORED):
        return None
    if key is not None and string(key) is not None:
        return None  # a literal key is never copied: the statement keeps its TODO
    if not all(isinstance(merged[k], cst.Name | cst.SimpleString | cst.Integer) for k in IGNORED if k in merged):
        return None  # what goes must do nothing when it is evaluated
    lines = [f"        {quote(k)}: {module.code_for_node(v)}," for k, v in merged.items() if k in SETTINGS]
    if model not in KNOWN_MODELS:
        info = [f"            {quote(k)}: {code}," for k, code in ASSUMED_MODEL_INFO]
        lines += ['        "model_info": {', *info, "        },"]
    return "\n".join(["{", f'    "provider": {quote(provider)},', '    "config": {', *lines, "    },", "}"])


def _items(node: cst.BaseExpression) -> dict[str, cst.BaseExpression] | None:
    """A dict literal's items, when every key is a string literal (no ``**``)."""
    if not isinstance(node, cst.Dict):
        return None
    items: dict[str, cst.BaseExpression] = {}
    for element in node.elements:
        key = string(element.key) if isinstance(element, cst.DictElement) else None
        if key is None or key in items:
            return None
        items[key] = element.value
    return items


def _has_comment(node: cst.CSTNode) -> bool:
    """Whether a comment stands inside ``node`` (it would be lost with the literal)."""
    found: list[cst.Comment] = []

    class _Comments(cst.CSTVisitor):
        def visit_Comment(self, comment: cst.Comment) -> None:
            found.append(comment)

    node.visit(_Comments())
    return bool(found)
