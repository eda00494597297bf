"""``sender.send(message, recipient)`` after a chat between the two agents: what v0.2 did with it.

v0.2's ``send`` hands the message to the recipient, which prints it, keeps it, and answers only
when it replies to that sender on receipt (``reply_at_receive``). A chat sets that flag for the
two agents: ``initiate_chat`` without ``max_turns`` sets it, and the chat goes on as long as
the agents answer; with ``max_turns`` it clears it, and two agents that never chatted have it
cleared too. So after a chat without ``max_turns`` the message goes on with the chat (the
recipient answers first, both remember the chat, each stops as its ``is_termination_msg``
says): the rewrite reads it as ``sender.initiate_chat(recipient, message=..., clear_history=False)``.
Otherwise nothing answers; when no later statement uses either agent (what they remember is
never read), the message is only printed, as v0.2 printed it.
"""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.imports import dotted
from autogen_lint.migrate.literals import keywords, positional, quote
from autogen_lint.migrate.refusal import Refusal

_TEXT = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)


def send_parts(call: cst.Call) -> tuple[str, str, cst.BaseExpression] | None:
    """(sender, recipient, message) of ``sender.send(message, recipient)`` with a text message, else ``None``."""
    if not isinstance(call.func, cst.Attribute) or call.func.attr.value != "send":
        return None
    sender = dotted(call.func.value)
    try:
        options = keywords(call, "send")
    except Refusal:
        return None
    given = positional(call)
    names = ["message", "recipient"]
    if len(given) > len(names) or set(options) - set(names) or set(options) & set(names[: len(given)]):
        return None
    options.update(zip(names, given, strict=False))
    message, recipient = options.get("message"), options.get("recipient")
    if sender is None or not isinstance(recipient, cst.Name) or not isinstance(message, _TEXT):
        return None
    return sender, recipient.value, message


def continued_chat(sender: str, recipient: str, message: cst.BaseExpression) -> cst.Call:
    """The ``initiate_chat`` v0.2's ``send`` amounts to when the recipient answers on receipt."""
    code = cst.Module([]).code_for_node(message)
    if isinstance(message, cst.ConcatenatedString) and not message.lpar:
        code = f"({code})"
    return cst.ensure_type(
        cst.parse_expression(f"{sender}.initiate_chat({recipient}, message={code}, clear_history=False)"), cst.Call
    )


def printed(sender_name: str, recipient_name: str, message: cst.BaseExpression) -> str:
    """What v0.2 printed when the recipient got the message (its name, whom it was to, the text)."""
    code = cst.Module([]).code_for_node(message)
    heading = quote(f"{sender_name} (to {recipient_name}):\n")
    return f"print({heading}, {code}, sep={quote(chr(10))})"
