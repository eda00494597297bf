"""``is_termination_msg`` lambdas into the text a ``TextMentionTermination`` looks for."""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.literals import string
from autogen_lint.migrate.refusal import Refusal

CONDITIONS = "autogen_agentchat.conditions"

_METHODS = frozenset({"get", "rstrip", "strip", "lstrip", "endswith", "startswith", "find", "__contains__"})
_NAMES = frozenset({"None", "True", "False", "str"})
_IGNORED_STRINGS = frozenset({"content", ""})
_STRUCTURE = (
    cst.Call, cst.Arg, cst.Comparison, cst.ComparisonTarget, cst.BooleanOperation, cst.UnaryOperation,
    cst.Subscript, cst.SubscriptElement, cst.IfExp, cst.Index, cst.Integer, cst.SimpleString,
    cst.LeftParen, cst.RightParen,
    cst.BaseCompOp, cst.BaseBooleanOp, cst.BaseUnaryOp, cst.BaseParenthesizableWhitespace, cst.Comma,
    cst.TrailingWhitespace, cst.EmptyLine, cst.Comment, cst.Newline, cst.LeftSquareBracket, cst.RightSquareBracket,
)  # fmt: skip


def always(node: cst.BaseExpression | None) -> bool:
    """``lambda x: True``: the agent ends the chat on the first message it gets."""
    return isinstance(node, cst.Lambda) and isinstance(node.body, cst.Name) and node.body.value == "True"


def termination_text(node: cst.BaseExpression | None, variable: str) -> str | None:
    """The word a recognised ``lambda x: ... "TERMINATE" ...`` looks for; refuse other checks.

    Recognised: a one-parameter lambda that reads only the message's ``"content"`` through
    ``get``/``[]``, string methods (``strip``, ``endswith``, ``find``, ...), comparisons and
    ``and``/``or``/``not``, and mentions exactly one other string literal.
    """
    if node is None or (isinstance(node, cst.Name) and node.value == "None"):
        return None
    if not isinstance(node, cst.Lambda) or len(node.params.params) != 1 or _other_params(node.params):
        raise Refusal(f"`is_termination_msg` of `{variable}` is not a lambda the codemod can read")
    parameter = node.params.params[0].name.value
    words: set[str] = set()
    if not _readable(node.body, parameter, words) or len(words) != 1:
        raise Refusal(f"`is_termination_msg` of `{variable}` is not a check for one word")
    return words.pop()


def _other_params(params: cst.Parameters) -> bool:
    return bool(params.posonly_params or params.kwonly_params or params.star_kwarg) or isinstance(
        params.star_arg, cst.Param
    )


def _readable(node: cst.CSTNode, parameter: str, words: set[str]) -> bool:
    if isinstance(node, cst.Name):
        return node.value == parameter or node.value in _NAMES
    if isinstance(node, cst.Attribute):
        return node.attr.value in _METHODS and _readable(node.value, parameter, words)
    if isinstance(node, cst.SimpleString | cst.ConcatenatedString):
        value = string(node)
        if value is None:
            return False
        if value not in _IGNORED_STRINGS:
            words.add(value)
        return True
    if not isinstance(node, _STRUCTURE):
        return False
    return all(_readable(child, parameter, words) for child in node.children)
