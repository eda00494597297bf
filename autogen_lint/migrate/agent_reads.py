"""Reads of a v0.2 agent's attributes that the rewritten v0.4 agent can answer (``agent.system_message``)."""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from autogen_lint.migrate.agents import AGENTS, Agent

ASSISTANT = (AGENTS, "AssistantAgent")


def system_message(agent: str) -> str:
    """The system message the v0.4 ``AssistantAgent`` was given (or its default), from its public config."""
    return f'{agent}.dump_component().config["system_message"]'


class AgentReads(cst.CSTTransformer):
    """``agent.system_message`` read (not assigned) on a rewritten ``AssistantAgent``: its v0.4 system message."""

    def __init__(self, agents: Mapping[str, Agent]) -> None:
        super().__init__()
        self.agents = agents
        self._stored: set[int] = set()

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._stored.add(id(node.target))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._stored.add(id(node.target))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._stored.add(id(node.target))

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        value = updated_node.value
        if (
            id(original_node) in self._stored
            or updated_node.attr.value != "system_message"
            or not isinstance(value, cst.Name)
        ):
            return updated_node
        agent = self.agents.get(value.value)
        if agent is None or agent.hybrid is not None or agent.v04_class != ASSISTANT:
            return updated_node
        return cst.parse_expression(system_message(value.value))
