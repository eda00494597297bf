"""``ChatResult`` uses (``.summary``, ``.chat_history``) onto the v0.4 ``TaskResult``."""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.imports import dotted, walk
from autogen_lint.migrate.literals import string
from autogen_lint.migrate.refusal import Todo

TASK_RESULT = frozenset({"messages", "stop_reason"})
"""Attributes of the v0.4 ``TaskResult``."""
_WHOLE_LIST_READERS = frozenset({"len", "print", "pprint", "list", "reversed"})
"""Functions that take ``chat_history`` as a whole, where ``messages`` (a list too) does the same."""


def usage(result: str) -> str:
    """``result.cost``: the tokens the models used for the chat's messages (v0.4 counts no money)."""
    counted = f"for m in {result}.messages if m.models_usage"
    return (
        f'{{"prompt_tokens": sum(m.models_usage.prompt_tokens {counted}), '
        f'"completion_tokens": sum(m.models_usage.completion_tokens {counted})}}'
    )


def loop_reads(body: cst.BaseSuite, variable: str) -> set[str] | None:
    """The attributes read of ``variable`` in a loop's body, or ``None`` when it is used otherwise (or not)."""
    names = [node for node in walk(body) if isinstance(node, cst.Name) and node.value == variable]
    attributes = [
        node
        for node in walk(body)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == variable
    ]
    if not attributes or len(names) != len(attributes) + sum(1 for a in attributes if a.attr.value == variable):
        return None
    return {attribute.attr.value for attribute in attributes}


class ResultUses(cst.CSTTransformer):
    """Rewrites ``result.summary`` and ``result.chat_history`` where they map; notes what does not.

    ``result.chat_history[i]["content"]`` becomes ``result.messages[i].to_text()``;
    ``len(result.chat_history)`` and ``print(result.chat_history)`` read ``result.messages``;
    any other use of the v0.2 message dicts gets a TODO.
    """

    def __init__(self, results: dict[str, bool | str]) -> None:
        super().__init__()
        self.results = results
        """Result variables, and what their summary is: the last message (True), a variable, or unknown."""
        self.todos: list[Todo] = []
        self._whole: set[int] = set()
        self._looked_into: set[int] = set()
        """Expressions read further (``cost["..."]``): v0.2's dict shape, which the usage does not have."""

    def _history(self, node: cst.BaseExpression) -> str | None:
        """The result variable of ``<result>.chat_history``, else ``None``."""
        if (
            isinstance(node, cst.Attribute)
            and node.attr.value == "chat_history"
            and isinstance(node.value, cst.Name)
            and node.value.value in self.results
        ):
            return node.value.value
        return None

    def visit_Call(self, node: cst.Call) -> None:
        printer = isinstance(node.func, cst.Attribute) and dotted(node.func) == "pprint.pprint"
        if printer or (isinstance(node.func, cst.Name) and node.func.value in _WHOLE_LIST_READERS):
            self._whole.update(id(arg.value) for arg in node.args if self._history(arg.value))

    def _content_of_one(self, node: cst.Subscript) -> tuple[str, cst.SubscriptElement] | None:
        """(result, index) of ``<result>.chat_history[<index>]["content"]``."""
        inner = node.value
        key = node.slice[0].slice if len(node.slice) == 1 else None
        if not isinstance(inner, cst.Subscript) or not isinstance(key, cst.Index) or string(key.value) != "content":
            return None
        result = self._history(inner.value)
        return (result, inner.slice[0]) if result is not None and len(inner.slice) == 1 else None

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._looked_into.add(id(node.value))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._looked_into.add(id(node.value))
        if self._content_of_one(node) is not None:
            self._whole.add(id(cst.ensure_type(node.value, cst.Subscript).value))

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        found = self._content_of_one(original_node)
        if found is None:
            return updated_node
        index = cst.Module([]).code_for_node(found[1])
        return cst.parse_expression(f"{found[0]}.messages[{index}].to_text()")

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        value = updated_node.value
        if not isinstance(value, cst.Name) or value.value not in self.results:
            return updated_node
        attribute = updated_node.attr.value
        if attribute in TASK_RESULT:  # already v0.4 (the rewrite's own code)
            return updated_node
        summary = self.results[value.value]
        if attribute == "summary" and isinstance(summary, str):
            return cst.Name(summary)
        if attribute == "chat_history":
            if id(original_node) in self._whole:
                return updated_node.with_changes(attr=cst.Name("messages"))
            what = (
                f"`{value.value}.chat_history` held v0.2 message dicts: read `{value.value}.messages` (v0.4 messages)"
            )
            self.todos.append(Todo("AGL301", what, section="chat-result"))
            return updated_node
        if attribute == "summary" and self.results[value.value]:
            return cst.parse_expression(f"{value.value}.messages[-1].to_text()")
        if attribute == "cost" and id(original_node) not in self._looked_into:
            return cst.parse_expression(usage(value.value))
        what = f"`{value.value}.{attribute}` has no `TaskResult` counterpart"
        if attribute == "summary":
            what = f"`{value.value}.summary` was made by the chat's summary method: summarise `messages` yourself"
        self.todos.append(Todo("AGL301", what, section="chat-result"))
        return updated_node
