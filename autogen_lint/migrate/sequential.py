"""``initiate_chats([...])``: v0.2's sequential chats, as one team run after another.

v0.2 ran each chat with ``sender.initiate_chat(recipient, **chat)`` and appended the summaries
of the chats before it to its message, after a line "Context: " (``_process_carryover``;
one summary a line). The rewrite reads each chat of a literal list as the
``initiate_chat`` call v0.2 made, and writes that message as the next team's task. A chat's
summary is its last message without "TERMINATE" (``last_msg``), or the model's summary
(``reflection_with_llm``).
"""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.blocks import FunctionScope
from autogen_lint.migrate.literals import dict_items, keywords, positional, quote, string
from autogen_lint.migrate.refusal import Refusal

CHAT_KEYS = frozenset(
    {"sender", "recipient", "message", "max_turns", "summary_method", "summary_args", "clear_history", "silent"}
)
_IGNORED_KEYS = frozenset({"chat_id", "verbose"})
"""Keys v0.2's synchronous ``initiate_chats`` did not act on (``chat_id`` orders only the async one)."""
CONTEXT = "\nContext: \n"
"""What v0.2 put between a chat's message and the summaries it carries over."""


def chat_calls(
    call: cst.Call, receiver: str | None, scope: FunctionScope, index: int
) -> tuple[list[cst.Call], int | None]:
    """The ``sender.initiate_chat(recipient, ...)`` calls v0.2 made, and the list's own statement (index).

    ``receiver``: the agent of ``agent.initiate_chats(...)`` (the sender of chats that name none).
    """
    given = positional(call)
    options = keywords(call, "initiate_chats")
    queue = given[0] if len(given) == 1 and not options else options.get("chat_queue")
    if queue is None or len(call.args) != 1:
        raise Refusal("`initiate_chats()` takes more than its list of chats", code="AGL302")
    listing: int | None = None
    if isinstance(queue, cst.Name):
        found = scope.value(queue.value, index)
        if found is None or found[0] < 0 or scope.bindings[queue.value] != 1 or scope.loads[queue.value] != 1:
            raise Refusal(f"`{queue.value}` is not a list of chats built once and used only here", code="AGL302")
        listing, queue = found
    if not isinstance(queue, cst.List) or not queue.elements:
        raise Refusal("the chats are not a list literal", code="AGL302")
    calls = [_one_chat(element.value, receiver) for element in queue.elements]
    return calls, listing


def _one_chat(node: cst.BaseExpression, receiver: str | None) -> cst.Call:
    if not isinstance(node, cst.Dict):
        raise Refusal("a chat of the list is not a dict literal", code="AGL302")
    items = dict_items(node, "a chat of the list")
    unknown = sorted(set(items) - CHAT_KEYS - _IGNORED_KEYS)
    if unknown:
        raise Refusal(f"the chat key {unknown[0]!r} has no v0.4 counterpart", code="AGL302")
    sender = items.get("sender")
    sender_name = sender.value if isinstance(sender, cst.Name) else receiver if sender is None else None
    recipient = items.get("recipient")
    if sender_name is None or not isinstance(recipient, cst.Name):
        raise Refusal("a chat's sender or recipient is not an agent variable", code="AGL302")
    message = items.get("message")
    if not isinstance(message, cst.SimpleString | cst.ConcatenatedString | cst.FormattedString):
        raise Refusal("a chat's message is not a string (v0.2 called a function or asked a person)", code="AGL302")
    method = items.get("summary_method")
    if method is not None and string(method) not in ("last_msg", "reflection_with_llm"):
        raise Refusal("a chat's `summary_method` is not a method v0.4 can write", code="AGL302")
    if isinstance(message, cst.ConcatenatedString) and not message.lpar:
        message = message.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    items["message"] = message
    args = [cst.Arg(value=recipient)]
    args += [
        cst.Arg(keyword=cst.Name(key), value=value, equal=_EQUAL)
        for key, value in items.items()
        if key in CHAT_KEYS - {"sender", "recipient"}
    ]
    return cst.Call(func=cst.Attribute(value=cst.Name(sender_name), attr=cst.Name("initiate_chat")), args=args)


_EQUAL = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))


def carried(task: str, summaries: list[str]) -> str:
    """The message v0.2 sent: the chat's own, then the summaries of the chats before it."""
    atom = isinstance(cst.parse_expression(task), cst.SimpleString | cst.FormattedString | cst.Name)
    own = task if atom or task.startswith("(") else f"({task})"
    return " + ".join([own, quote(CONTEXT), ' + "\\n" + '.join(summaries)])


def last_message_summary(result: str) -> str:
    """v0.2's ``last_msg`` summary: the chat's last message, "TERMINATE" removed."""
    return f'{result}.messages[-1].to_text().replace("TERMINATE", "")'
