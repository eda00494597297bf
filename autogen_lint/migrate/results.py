"""``ChatResult`` uses (``.summary``, ``.chat_history``) onto the v0.4 ``TaskResult``."""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.refusal import Todo


class ResultUses(cst.CSTTransformer):
    """Rewrites ``result.summary`` and ``result.chat_history`` where they map; notes what does not."""

    def __init__(self, results: dict[str, bool]) -> None:
        super().__init__()
        self.results = results
        """Result variables, and whether their summary is the last message."""
        self.todos: list[Todo] = []

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        value = updated_node.value
        if not isinstance(value, cst.Name) or value.value not in self.results:
            return updated_node
        attribute = updated_node.attr.value
        if attribute == "chat_history":
            return updated_node.with_changes(attr=cst.Name("messages"))
        if attribute == "summary" and self.results[value.value]:
            return cst.parse_expression(f"{value.value}.messages[-1].to_text()")
        what = f"`{value.value}.{attribute}` has no `TaskResult` counterpart"
        if attribute == "summary":
            what = f"`{value.value}.summary` was made by the chat's summary method: summarise `messages` yourself"
        self.todos.append(Todo("AGL301", what))
        return updated_node
