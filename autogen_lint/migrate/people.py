"""Who answers for a v0.2 agent in v0.4: its model, its code executor, a person, or a fixed text.

v0.2 decided each reply in ``ConversableAgent.check_termination_and_human_reply``:
``human_input_mode="ALWAYS"`` asked a person for every reply (``exit`` ended the chat; an empty
reply let the agent auto-reply: run the code in the message, else answer with its model, else
send ``default_auto_reply``). ``"TERMINATE"`` asked only where the chat was about to end (a
termination message, or ``max_consecutive_auto_reply`` replies in a row), and ``"NEVER"`` ended
the chat there. So a ``"TERMINATE"`` agent is the ``"NEVER"`` one whose person stops the chat
where v0.2 asked them (typing ``exit``, or Enter on a termination message), and a person is a v0.4
``UserProxyAgent``, whose ``input_func`` can still give the ``default_auto_reply`` on Enter.
"""

from __future__ import annotations

from typing import Literal

import libcst as cst

from autogen_lint.migrate.literals import string
from autogen_lint.migrate.refusal import Todo

Role = Literal["assistant", "executor", "human", "fixed", "silent", "reply"]
"""``fixed``: replies with its ``default_auto_reply`` and nothing else (a ``UserProxyAgent`` asking no one)."""

MODES = ("NEVER", "ALWAYS", "TERMINATE")
DEFAULT_MODE = {"AssistantAgent": "NEVER", "UserProxyAgent": "ALWAYS", "ConversableAgent": "TERMINATE"}


def role_of(variable: str, kind: str, mode: str, *, model: bool, code: bool) -> tuple[Role, list[Todo]]:
    """The agent's v0.4 role, and what the rewrite cannot keep of it."""
    person = mode == "ALWAYS"
    todos: list[Todo] = []
    if model and not code:  # a person first, the model on Enter: hybrid_agents.PERSON_OR_MODEL
        return ("human" if person else "assistant"), todos
    if person and not model:
        return "human", todos  # with code: hybrid_agents.PERSON_OR_CODE runs it on Enter
    # code and a model: hybrid_agents.CODE_OR_MODEL runs the code it gets, else asks the model
    if not code:
        return "silent", todos
    if person:
        todos.append(Todo("AGL501", f'`{variable}` no longer asks a person (`human_input_mode="ALWAYS"`)'))
    return "executor", todos


def with_reply(
    variable: str, role: Role, reply: cst.BaseExpression, *, model: bool
) -> tuple[Role, str | None, list[Todo]]:
    """(role, ``input_func`` code, TODOs) of an agent with ``default_auto_reply=reply``.

    An agent with a model never sent it (the model always answered); a person's Enter sends it;
    an agent that only auto-replied sends it every time. A code executor without code to run
    said it in v0.2, where a v0.4 one says that it found no code.
    """
    if model:
        return role, None, []
    text = string(reply)
    if role == "executor" or text is None:
        what = f"v0.4 has no `default_auto_reply`: `{variable}` no longer sends it"
        return role, None, [Todo("AGL501", what)]
    if not text:  # an empty auto-reply is what v0.4 sends without one
        return role, None, []
    code = cst.Module([]).code_for_node(reply)
    if role == "human":
        return role, f"lambda prompt: input(prompt) or {code}", []
    return "fixed", f"lambda prompt: {code}", []
