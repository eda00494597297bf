"""``is_termination_msg`` (given, or v0.2's default) into the team's v0.4 ``termination_condition``.

v0.2 agents checked each message they received with ``is_termination_msg``; without one, a
message ended the chat when its content was exactly ``"TERMINATE"``. A check of ``"W" in``
the content becomes ``TextMentionTermination("W")``, and so does one that it ends with ``"W"``
(as the migration guide writes it); any other check that reads only the message's text becomes
a ``FunctionalTermination`` that runs the same expression on the v0.4 message's text
(``m.to_text()``), so the chat stops where v0.2 stopped.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import libcst as cst

from autogen_lint.migrate.calls import call_code
from autogen_lint.migrate.literals import quote, string
from autogen_lint.migrate.predicates import MESSAGE
from autogen_lint.migrate.refusal import Refusal

CONDITIONS = "autogen_agentchat.conditions"
MENTION = (CONDITIONS, "TextMentionTermination")
FUNCTIONAL = (CONDITIONS, "FunctionalTermination")
TEXT = "m.to_text()"
"""A v0.4 message's text, where a v0.2 check read the message's ``"content"``."""
TASK_SOURCE = "user"
"""The ``source`` of the task message a v0.4 team starts with."""
INLINE_CONDITION = 60
"""Longest ``termination_condition=`` written in the team's call; a longer one is a statement of its own."""

_BUILTINS = frozenset({"None", "True", "False", "str", "len", "bool", "any", "all", "isinstance", "int"})
_STRUCTURE = (
    cst.Call, cst.Arg, cst.Comparison, cst.ComparisonTarget, cst.BooleanOperation, cst.UnaryOperation,
    cst.Subscript, cst.SubscriptElement, cst.IfExp, cst.Index, cst.Integer, cst.Float, cst.SimpleString,
    cst.ConcatenatedString, cst.LeftParen, cst.RightParen, cst.Attribute, cst.Name, cst.Tuple, cst.List,
    cst.Element, cst.Slice,
    cst.BaseCompOp, cst.BaseBooleanOp, cst.BaseUnaryOp, cst.BaseParenthesizableWhitespace, cst.Comma,
    cst.Dot, cst.Colon, cst.TrailingWhitespace, cst.EmptyLine, cst.Comment, cst.Newline,
    cst.LeftSquareBracket, cst.RightSquareBracket,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Stop:
    """When an agent ends the chat on a message it gets: a word it looks for, or a check of ``m``."""

    mention: str | None = None
    """The text ``TextMentionTermination`` looks for."""
    check: str | None = None
    """A v0.4 expression over the message ``m`` that is true when the chat ends."""


EXACT_TERMINATE = Stop(check=f'{TEXT} == "TERMINATE"')
"""v0.2's default ``is_termination_msg``: the content is exactly ``"TERMINATE"``."""
EXIT = Stop(check=f'{TEXT} == "exit"')
"""A person's reply that ends a v0.2 chat (``check_termination_and_human_reply``)."""


def always(node: cst.BaseExpression | None) -> bool:
    """``lambda x: True``: the agent ends the chat on the first message it gets."""
    return isinstance(node, cst.Lambda) and isinstance(node.body, cst.Name) and node.body.value == "True"


def stop_of(
    node: cst.BaseExpression | None,
    variable: str,
    *,
    default: bool = True,
    functions: Callable[[cst.Name], cst.Lambda | None] | None = None,
    called: Callable[[cst.BaseExpression], str | None] | None = None,
) -> Stop | None:
    """What ``is_termination_msg=node`` stops on; v0.2's default when it is not given (and ``default``).

    ``functions`` gives a top-level function that only returns an expression as the lambda it is.
    A check that reads more of the message than its text, or names anything but the message and
    a few builtins, is called on the v0.2 message dict (``predicates.MESSAGE``) when ``called``
    gives the code that calls it where the team is built; else it is refused.
    """
    if node is None or (isinstance(node, cst.Name) and node.value == "None"):
        return EXACT_TERMINATE if default else None
    what = f"`is_termination_msg` of `{variable}`"
    given = node
    if isinstance(node, cst.Name) and functions is not None:  # def check(msg): return <expression>
        node = functions(node) or node
    if not isinstance(node, cst.Lambda) or len(node.params.params) != 1 or _other_params(node.params):
        return _called(given, called, f"{what} is not a lambda the codemod can read")
    parameter = node.params.params[0].name.value
    word = _mention(node.body, parameter)
    if word is not None:
        return Stop(mention=word)
    ending = _ending(node.body, parameter)
    if not _readable(node.body, parameter):
        if ending is not None:
            return Stop(mention=ending)
        return _called(given, called, f"{what} reads more than the message's text")
    body = node.body.visit(_ContentReads(parameter))
    assert isinstance(body, cst.BaseExpression)
    code = cst.Module([]).code_for_node(body.with_changes(lpar=[], rpar=[]))
    # a check over several lines continued them inside the call's parentheses: one line here
    return Stop(mention=ending, check=ast.unparse(ast.parse(f"({code}\n)", mode="eval")) if "\n" in code else code)


def _called(node: cst.BaseExpression, called: Callable[[cst.BaseExpression], str | None] | None, why: str) -> Stop:
    """The check called as it is on the v0.2 message dict, or the refusal ``why``."""
    code = called(node) if called is not None else None
    if code is None:
        raise Refusal(why)
    return Stop(check=f"{code}({MESSAGE})")


def condition_code(
    checks: Sequence[tuple[Stop, tuple[str, ...] | None]],
    people: Sequence[str],
    *,
    participants: Sequence[str] = (),
    task: str | None = None,
    executors: Sequence[str] = (),
    turns: int | None = None,
) -> tuple[list[str], set[tuple[str, str]]]:
    """The conditions a team's ``termination_condition=`` joins with ``|``, and what they import.

    ``checks`` are the stops with the (v0.4) agent names whose messages they see (``None``: all,
    the task too); ``people`` are the agents a person answers for, who end the chat by typing
    exactly ``exit`` (v0.2 compared the reply with it). With the ``task`` text known, a stop it
    cannot trigger is written without sources when it sees every participant, and v0.2's exact
    ``"TERMINATE"`` goes where another stop ends the chat on that text too. ``executors``
    answer with code output, which in v0.2 always began with ``exitcode:`` and so never was
    exactly ``"TERMINATE"``. A team of one ``turns`` whose task stops nothing needs no
    condition: it stops after that turn anyway.
    """
    checks = [(_as_written(stop, task), sources) for stop, sources in checks]
    if turns == 1 and task is not None and all(fires(stop, task) is False for stop, _ in checks):
        checks = []
    checks = [*checks, *((EXIT, (name,)) for name in people)]
    merged: dict[Stop, tuple[str, ...] | None] = {}
    for stop, given in checks:
        sources = given
        if stop == EXACT_TERMINATE and executors and task is not None and fires(stop, task) is False:
            sources = tuple(name for name in (given or participants) if name not in executors)
            if not sources:
                continue
        task_only_source = sources and TASK_SOURCE in sources and TASK_SOURCE not in participants
        if task_only_source and task is not None and fires(stop, task) is False:  # the task cannot stop it
            sources = tuple(name for name in sources or () if name != TASK_SOURCE)
            if not sources:
                continue
        sources = _normalised(stop, sources, participants, task)
        if stop in merged:
            earlier = merged[stop]
            merged[stop] = None if earlier is None or sources is None else tuple(dict.fromkeys(earlier + sources))
        else:
            merged[stop] = sources
    for stop, sources in list(merged.items()):
        if sources is not None and participants and {*participants, TASK_SOURCE} <= set(sources):
            merged[stop] = None  # every message
    for stop, sources in list(merged.items()):
        if _covered(stop, sources, merged):
            del merged[stop]
    conditions: list[str] = []
    needed: set[tuple[str, str]] = set()
    for stop, sources in merged.items():
        if stop.mention is not None:
            named = [("sources", _names(sources))] if sources else []
            conditions.append(call_code(MENTION[1], [(None, quote(stop.mention)), *named]))
            needed.add(MENTION)
        elif stop.check is not None:
            conditions.append(f"{FUNCTIONAL[1]}(lambda messages: any({stop.check} for m in messages{_only(sources)}))")
            needed.add(FUNCTIONAL)
    return conditions, needed


def _as_written(stop: Stop, task: str | None) -> Stop:
    """A check that the message ends with a word, as the guide's mention of the word.

    Unless the task holds the word without ending with it: the mention would stop the team on
    its task where v0.2 did not, so the check stays exact.
    """
    if stop.mention is None or stop.check is None:
        return stop
    if task is not None and stop.mention in task and fires(Stop(check=stop.check), task) is False:
        return Stop(check=stop.check)
    return Stop(mention=stop.mention)


def condition_statement(variable: str, conditions: Sequence[str], width: int) -> str:
    """``variable = <conditions joined by |>``, a long ``FunctionalTermination`` on lines of its own."""
    parts = []
    head = f"{FUNCTIONAL[1]}("
    for condition in conditions:
        long = condition.startswith(head) and len(variable) + len(condition) + 3 > width
        parts.append(f"{head}\n    {condition[len(head) : -1]}\n)" if long else condition)
    return f"{variable} = {' | '.join(parts)}"


def fires(stop: Stop, text: str) -> bool | None:
    """Whether ``stop`` ends the chat on a message reading ``text`` (``None``: not known)."""
    if stop.mention is not None:
        return stop.mention in text
    if stop.check is None:
        return None
    try:
        tree = ast.parse(stop.check, mode="eval")
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr not in _SAFE_METHODS:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, int) and abs(node.value) > 10_000:
            return None
    try:
        found = eval(compile(tree, "<check>", "eval"), {"__builtins__": _SAFE_BUILTINS}, {"m": _Text(text)})
    except Exception:  # the check fails on this text: v0.4 would raise too, so nothing is known
        return None
    return bool(found)


class _Text:
    """A message with only a text, to try a check on."""

    def __init__(self, text: str) -> None:
        self.text = text

    def to_text(self) -> str:
        return self.text


_SAFE_METHODS = frozenset(
    {"to_text", "strip", "rstrip", "lstrip", "lower", "upper", "casefold", "endswith", "startswith", "find",
     "rfind", "count", "split", "rsplit", "splitlines", "isspace", "isupper", "islower", "title", "index"}
)  # fmt: skip
"""String methods a check may call when the codemod tries it on a text (none makes a large string)."""
_SAFE_BUILTINS = {"str": str, "len": len, "bool": bool, "any": any, "all": all, "isinstance": isinstance}


def _normalised(
    stop: Stop, sources: tuple[str, ...] | None, participants: Sequence[str], task: str | None
) -> tuple[str, ...] | None:
    """``sources`` without a filter when they are every participant and the task cannot end the chat."""
    if task is None or not participants or fires(stop, task) is not False:
        return sources
    if sources is None or set(participants) <= set(sources):
        return None
    return tuple(name for name in sources if name in participants) or sources


def _covered(stop: Stop, sources: tuple[str, ...] | None, merged: dict[Stop, tuple[str, ...] | None]) -> bool:
    """v0.2's exact "TERMINATE" where another stop, seeing at least the same messages, ends on it too."""
    return stop == EXACT_TERMINATE and any(
        other != stop
        and fires(other, "TERMINATE") is True
        and (wider is None or (sources is not None and set(sources) <= set(wider)))
        for other, wider in merged.items()
    )


def _only(sources: tuple[str, ...] | None) -> str:
    if not sources:
        return ""
    names = [quote(name) for name in sources]
    return f" if m.source == {names[0]}" if len(names) == 1 else f" if m.source in ({', '.join(names)})"


def _names(names: tuple[str, ...]) -> str:
    return f"[{', '.join(quote(name) for name in names)}]"


def _other_params(params: cst.Parameters) -> bool:
    return bool(params.posonly_params or params.kwonly_params or params.star_kwarg) or isinstance(
        params.star_arg, cst.Param
    )


def _is_content(node: cst.CSTNode, parameter: str) -> bool:
    """``x["content"]``, ``x.get("content")`` or ``x.get("content", "<text>")``."""
    if isinstance(node, cst.Subscript) and _is_parameter(node.value, parameter) and len(node.slice) == 1:
        index = node.slice[0].slice
        return isinstance(index, cst.Index) and string(index.value) == "content"
    if (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == "get"
        and _is_parameter(node.func.value, parameter)
        and 1 <= len(node.args) <= 2
        and all(arg.keyword is None and not arg.star for arg in node.args)
    ):
        return string(node.args[0].value) == "content" and all(string(arg.value) is not None for arg in node.args[1:])
    return False


def _is_parameter(node: cst.CSTNode, parameter: str) -> bool:
    return isinstance(node, cst.Name) and node.value == parameter


def _mention(body: cst.BaseExpression, parameter: str) -> str | None:
    """``W`` of ``"W" in <content>``."""
    if not isinstance(body, cst.Comparison) or len(body.comparisons) != 1 or body.lpar:
        return None
    target = body.comparisons[0]
    word = string(body.left)
    if isinstance(target.operator, cst.In) and word and _is_text(target.comparator, parameter):
        return word
    return None


def _ending(body: cst.BaseExpression, parameter: str) -> str | None:
    """``W`` of ``<content>.endswith("W")`` or ``<content>.rstrip().endswith("W")``.

    Read as a mention of ``W``, as the migration guide does: the same stop when the word closes
    the message, as models write it (the docs say so).
    """
    if not isinstance(body, cst.Call) or not isinstance(body.func, cst.Attribute) or body.func.attr.value != "endswith":
        return None
    if len(body.args) != 1 or body.args[0].keyword is not None or body.args[0].star:
        return None
    text = body.func.value
    if (
        isinstance(text, cst.Call)
        and isinstance(text.func, cst.Attribute)
        and text.func.attr.value in ("rstrip", "strip")
    ):
        text = text.func.value if not text.args else text
    word = string(body.args[0].value)
    return word if word and _is_text(text, parameter) else None


def _is_text(node: cst.BaseExpression, parameter: str) -> bool:
    """The content, or ``(<content> or "")``."""
    if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or):
        return _is_content(node.left, parameter) and string(node.right) == ""
    return _is_content(node, parameter)


def _is_dict_check(node: cst.CSTNode, parameter: str) -> bool:
    """``isinstance(x, dict)``: always true of a v0.2 message."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "isinstance"
        and len(node.args) == 2
        and _is_parameter(node.args[0].value, parameter)
        and isinstance(node.args[1].value, cst.Name)
        and node.args[1].value.value == "dict"
    )


def _readable(node: cst.CSTNode, parameter: str) -> bool:
    if _is_content(node, parameter) or _is_dict_check(node, parameter):
        return True
    if isinstance(node, cst.Name):
        return node.value in _BUILTINS
    if isinstance(node, cst.Attribute):
        return _readable(node.value, parameter)
    if isinstance(node, cst.SimpleString | cst.ConcatenatedString) and string(node) is None:
        return False
    if not isinstance(node, _STRUCTURE):
        return False
    return all(_readable(child, parameter) for child in node.children)


class _ContentReads(cst.CSTTransformer):
    """The message's content, read the v0.2 way, becomes the v0.4 message's text."""

    def __init__(self, parameter: str) -> None:
        super().__init__()
        self.parameter = parameter

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        return cst.parse_expression(TEXT) if _is_content(original_node, self.parameter) else updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        return cst.parse_expression(TEXT) if _is_content(original_node, self.parameter) else updated_node

    def leave_BooleanOperation(
        self, original_node: cst.BooleanOperation, updated_node: cst.BooleanOperation
    ) -> cst.BaseExpression:
        """``isinstance(x, dict) and <check>`` is the check (a v0.4 message is read through its text)."""
        if isinstance(original_node.operator, cst.And) and _is_dict_check(original_node.left, self.parameter):
            return updated_node.right
        return updated_node
