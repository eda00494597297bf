"""v0.2 agent calls on a rewritten agent that have a v0.4 counterpart: forgetting the conversation.

``agent.reset()`` and ``agent.clear_history()`` emptied what a v0.2 agent remembered of its
chats; a v0.4 agent forgets its model context with ``await agent.on_reset(cancellation_token)``.
(``reset()`` also set v0.2's reply counters back, which v0.4 agents do not keep: the team counts
turns, and each run starts its count afresh.)
"""

from __future__ import annotations

from collections.abc import Container

import libcst as cst

CANCELLATION = ("autogen_core", "CancellationToken")
FORGETTING = frozenset({"reset", "clear_history"})
STATEMENT_LEVEL = frozenset({*FORGETTING, "generate_reply"})
"""Agent calls the statement-level rewrite answers in v0.4 (``one_reply`` reads ``generate_reply``)."""


def forgetting(node: cst.BaseStatement, agents: Container[str]) -> str | None:
    """``await x.on_reset(CancellationToken())`` for a statement ``x.reset()`` on one of ``agents``."""
    if not isinstance(node, cst.SimpleStatementLine) or len(node.body) != 1:
        return None
    small = node.body[0]
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call) or small.value.args:
        return None
    func = small.value.func
    if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Name):
        return None
    if func.attr.value not in FORGETTING or func.value.value not in agents:
        return None
    return f"await {func.value.value}.on_reset({CANCELLATION[1]}())"
