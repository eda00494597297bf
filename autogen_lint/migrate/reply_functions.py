"""``agent.register_reply(trigger, reply_func)``: a v0.4 custom agent that answers with ``reply_func``.

v0.2 tried an agent's reply functions in order and ``register_reply`` put the new one first
(``position=0``, its default): a function that always returns ``(True, value)`` answered every
message, before the termination check, the person and the model had a turn, so the agent's
model, ``is_termination_msg``, ``max_consecutive_auto_reply`` and ``human_input_mode`` never
acted. v0.4 writes such an agent as a ``BaseChatAgent`` subclass (the guide's "Conversable Agent
and Register Reply"); the codemod writes one, ``ReplyFunctionAgent``, once per file, which calls
the same function the way v0.2 did: ``reply_func(agent, messages=..., sender=None, config=None)``
with the messages the agent has received and sent, as v0.2's ``{"content", "role", "name"}``
dicts. It does so only when it can read the function: a plain ``def`` of the module whose every
path returns ``(True, value)`` and which reads neither the agent, the sender nor the config
(v0.4 has no v0.2 objects to give it). Anything else keeps its TODO, which says what stopped it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

import libcst as cst

from autogen_lint.migrate.hybrid_agents import AGENTS, Hybrid
from autogen_lint.migrate.literals import integer, keywords, positional
from autogen_lint.migrate.refusal import Refusal

SECTION = "conversable-agent-and-register-reply"
TRIGGER_CLASSES = frozenset({"Agent", "ConversableAgent", "AssistantAgent", "UserProxyAgent"})
"""v0.2 classes a trigger may list: every sender of a v0.2 chat is a ``ConversableAgent``."""

REPLY_FUNCTION = Hybrid(
    "ReplyFunctionAgent",
    frozenset(
        {
            (AGENTS, "BaseChatAgent"),
            ("autogen_agentchat.base", "Response"),
            ("autogen_agentchat.messages", "TextMessage"),
        }
    ),
    '''class ReplyFunctionAgent(BaseChatAgent):
    """An AutoGen v0.2 agent whose registered reply function answered every message.

    The function is called as v0.2 called it, with the messages this agent received and sent
    as v0.2's ``{"content", "role", "name"}`` dicts; what it returns is the agent's reply.
    """

    def __init__(self, name, reply_func, *, description="An agent that answers with a reply function"):
        super().__init__(name, description=description)
        self._reply_func = reply_func
        self._messages = []

    @property
    def produced_message_types(self):
        return (TextMessage,)

    async def on_messages(self, messages, cancellation_token):
        self._messages += [{"content": m.to_text(), "role": "user", "name": m.source} for m in messages]
        _, reply = self._reply_func(self, messages=self._messages, sender=None, config=None)
        content = reply.get("content") if isinstance(reply, dict) else reply
        text = "" if content is None else str(content)
        self._messages.append({"content": text, "role": "assistant", "name": self.name})
        return Response(chat_message=TextMessage(content=text, source=self.name))

    async def on_reset(self, cancellation_token):
        self._messages = []''',
)


def reply_function(
    call: cst.Call, v02: Callable[[cst.BaseExpression], str | None], tree: ast.Module, variable: str
) -> str:
    """The name of the reply function ``<variable>.register_reply(...)`` registers, or ``Refusal`` saying why not."""
    try:
        options = keywords(call, "register_reply")
    except Refusal:
        raise Refusal("`register_reply` takes `*` or `**` arguments the codemod cannot read", code="AGL502") from None
    given = positional(call)
    for index, name in enumerate(("trigger", "reply_func", "position")):
        if index < len(given):
            options[name] = given[index]
    extra = sorted(set(options) - {"trigger", "reply_func", "position"})
    if extra or len(given) > 3:
        what = f"`{extra[0]}=`" if extra else "more than three arguments"
        raise Refusal(f"`register_reply` has {what}: write the custom agent by hand", code="AGL502")
    if "position" in options and integer(options["position"]) != 0:
        what = "the reply function is not first (`position=0`): the replies before it would answer first"
        raise Refusal(f"{what}; write the custom agent by hand", code="AGL502")
    _check_trigger(options.get("trigger"), v02)
    function = options.get("reply_func")
    if not isinstance(function, cst.Name):
        what = "the reply function is not a `def` of this module given by its name"
        raise Refusal(f"{what}: write a custom agent (subclass `BaseChatAgent`) that answers as it does", code="AGL502")
    definition = _definition(tree, function.value)
    _check_function(definition, variable)
    return function.value


def _check_trigger(trigger: cst.BaseExpression | None, v02: Callable[[cst.BaseExpression], str | None]) -> None:
    elements = [e.value for e in trigger.elements] if isinstance(trigger, cst.List | cst.Tuple) else [trigger]
    for element in elements:
        if element is None or (isinstance(element, cst.Name) and element.value == "None"):
            continue
        if v02(element) not in TRIGGER_CLASSES:
            what = "the trigger names particular senders: only their messages went to the reply function"
            raise Refusal(f"{what}; write a custom agent that checks the sender", code="AGL502")


def _definition(tree: ast.Module, name: str) -> ast.FunctionDef:
    found = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Assign | ast.Import)
        and name in _binds(node)
    ]
    if len(found) != 1 or not isinstance(found[0], ast.FunctionDef):
        single = found[0] if len(found) == 1 else None
        kind = "an `async def`" if isinstance(single, ast.AsyncFunctionDef) else "not one `def` of this module"
        raise Refusal(f"the reply function `{name}` is {kind}: write the custom agent by hand", code="AGL502")
    return found[0]


def _binds(node: ast.stmt) -> set[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {t.id for t in node.targets if isinstance(t, ast.Name)}
    if isinstance(node, ast.Import):
        return {(a.asname or a.name).split(".")[0] for a in node.names}
    return set()


def _check_function(definition: ast.FunctionDef, variable: str) -> None:
    name = definition.name
    arguments = definition.args
    params = [*arguments.posonlyargs, *arguments.args]
    if len(params) != 4 or arguments.vararg or arguments.kwarg or arguments.kwonlyargs or definition.decorator_list:
        what = "does not take v0.2's `(recipient, messages, sender, config)`"
        raise Refusal(f"the reply function `{name}` {what}: write the custom agent by hand", code="AGL502")
    loads = {n.id for n in ast.walk(definition) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    read = [p.arg for p in (params[0], params[2], params[3]) if p.arg in loads]
    if read:
        what = f"reads `{read[0]}`, a v0.2 object v0.4 does not have"
        raise Refusal(
            f"the reply function `{name}` {what}: write a custom agent (subclass `BaseChatAgent`) for `{variable}`",
            code="AGL502",
        )
    nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
    own = _own_nodes(definition, nested)
    if any(isinstance(n, ast.Yield | ast.YieldFrom | ast.Global | ast.Nonlocal) for n in own):
        raise Refusal(f"the reply function `{name}` is a generator or rebinds globals", code="AGL502")
    returns = [n for n in own if isinstance(n, ast.Return)]
    final = [n for n in returns if _returns_final(n)]
    if not definition.body or not isinstance(definition.body[-1], ast.Return | ast.Raise) or final != returns:
        what = (
            "may return `(False, ...)` or nothing: v0.2 then let the agent's next reply (its termination "
            "check, a person or the model) answer"
        )
        raise Refusal(
            f"the reply function `{name}` {what}; write a custom agent (subclass `BaseChatAgent`) whose "
            "`on_messages` does both",
            code="AGL502",
        )


def _returns_final(node: ast.Return) -> bool:
    """``return True, value`` with a value that is not the literal ``None`` (v0.2 sent no reply then)."""
    value = node.value
    if not isinstance(value, ast.Tuple) or len(value.elts) != 2:
        return False
    flag, reply = value.elts
    final = isinstance(flag, ast.Constant) and flag.value is True
    return final and not (isinstance(reply, ast.Constant) and reply.value is None)


def _own_nodes(definition: ast.FunctionDef, nested: tuple[type[ast.AST], ...]) -> list[ast.AST]:
    """The nodes of ``definition``'s body outside nested functions, lambdas and classes."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = list(definition.body)
    while stack:
        node = stack.pop()
        found.append(node)
        if not isinstance(node, nested):
            stack.extend(ast.iter_child_nodes(node))
    return found
