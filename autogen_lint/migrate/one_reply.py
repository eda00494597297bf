"""``agent.generate_reply(messages=[...])``: one answer to given messages, which the agent does not keep.

v0.2 answered the messages given, with its system message, and left its chats as they were. The
v0.4 agent answers them with ``on_messages`` and then forgets them (``on_reset``), which is the
same when it remembered nothing before: it has taken part in no chat yet. v0.2 first ran its
termination check on the last message (it answered ``None`` when that ended the chat): the text
must be known and not end it.
"""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst

from autogen_lint.migrate.agent_state import CANCELLATION
from autogen_lint.migrate.agents import Agent
from autogen_lint.migrate.literals import dict_items, keywords, positional, string
from autogen_lint.migrate.refusal import Refusal
from autogen_lint.migrate.termination import fires

TEXT_MESSAGE = ("autogen_agentchat.messages", "TextMessage")
IMPORTS = frozenset({TEXT_MESSAGE, CANCELLATION})


def one_reply(
    node: cst.BaseStatement, agent_of: Callable[[str], Agent | None], text_of: Callable[[cst.Name], str | None]
) -> list[str] | None:
    """The v0.4 statements for ``[reply =] agent.generate_reply(messages=[...])``, or ``None``.

    ``agent_of`` gives the rewritten agent a variable holds there, when it has chatted with no one
    before; ``text_of`` the string a variable holds there.
    """
    if not isinstance(node, cst.SimpleStatementLine) or len(node.body) != 1:
        return None
    small = node.body[0]
    target: str | None = None
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        target, call = small.targets[0].target.value, small.value
    elif isinstance(small, cst.Expr):
        call = small.value
    else:
        return None
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
        return None
    if call.func.attr.value != "generate_reply" or not isinstance(call.func.value, cst.Name):
        return None
    agent = agent_of(call.func.value.value)
    if agent is None or agent.role != "assistant" or agent.tools or agent.max_replies == 0:
        return None
    messages = _messages(call, agent, text_of)
    if messages is None:
        return None
    variable = agent.variable
    answer = f"await {variable}.on_messages([{', '.join(messages)}], {CANCELLATION[1]}())"
    first = f"{target} = (\n    {answer}\n).chat_message.to_text()" if target is not None else answer
    return [first, f"await {variable}.on_reset({CANCELLATION[1]}())"]


def _messages(call: cst.Call, agent: Agent, text_of: Callable[[cst.Name], str | None]) -> list[str] | None:
    """``TextMessage``s for a literal list of ``{"content": ..., "role": "user"}``, or ``None``."""
    try:
        options = keywords(call, "generate_reply")
    except Refusal:  # a `*` or `**` argument
        return None
    given = positional(call)
    if set(options) - {"messages"} or len(given) + len(options) != 1:
        return None
    listing = options.get("messages", given[0] if given else None)
    if not isinstance(listing, cst.List) or not listing.elements:
        return None
    found: list[str] = []
    last = ""
    for element in listing.elements:
        if not isinstance(element.value, cst.Dict):
            return None
        try:
            items = dict_items(element.value, "a message")
        except Refusal:  # a computed key
            return None
        content = items.get("content")
        if set(items) != {"content", "role"} or string(items["role"]) != "user" or content is None:
            return None
        text = string(content) if not isinstance(content, cst.Name) else text_of(content)
        if text is None:
            return None
        last = text
        found.append(f'TextMessage(content={cst.Module([]).code_for_node(content)}, source="user")')
    if agent.termination is not None and fires(agent.termination, last) is not False:
        return None
    return found
