"""Reading literal values and call arguments out of libcst nodes."""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.refusal import Refusal


def string(node: cst.BaseExpression | None) -> str | None:
    """The value of a plain string literal (no f-string, no concatenation of non-literals)."""
    if isinstance(node, cst.SimpleString | cst.ConcatenatedString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def quote(value: str) -> str:
    """A string literal for ``value``, in double quotes as most code (and ruff format) writes them."""
    text = repr(value)
    if text.startswith("'") and '"' not in value:
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


def integer(node: cst.BaseExpression | None) -> int | None:
    if isinstance(node, cst.Integer):
        return int(node.evaluated_value)
    return None


def constant(node: cst.BaseExpression | None) -> bool | None:
    """``True``/``False`` for those names; ``None`` otherwise."""
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


def is_none(node: cst.BaseExpression | None) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def keywords(call: cst.Call, what: str) -> dict[str, cst.BaseExpression]:
    """A call's keyword arguments by name; ``*args``/``**kwargs`` cannot be followed."""
    found: dict[str, cst.BaseExpression] = {}
    for arg in call.args:
        if arg.star:
            raise Refusal(f"`{what}` is called with `{arg.star}` arguments")
        if arg.keyword is not None:
            found[arg.keyword.value] = arg.value
    return found


def positional(call: cst.Call) -> list[cst.BaseExpression]:
    return [arg.value for arg in call.args if arg.keyword is None and not arg.star]


def dict_items(node: cst.Dict, what: str) -> dict[str, cst.BaseExpression]:
    """A dict literal with string keys, as a mapping; ``**`` and computed keys are refused."""
    items: dict[str, cst.BaseExpression] = {}
    for element in node.elements:
        key = string(element.key) if isinstance(element, cst.DictElement) else None
        if key is None or not isinstance(element, cst.DictElement):
            raise Refusal(f"{what} has a key that is not a string literal")
        items[key] = element.value
    return items


def comment_lines(statement: cst.BaseStatement) -> list[cst.EmptyLine]:
    """The comments above a statement and the one at the end of its line, as comment lines."""
    lines = [line for line in getattr(statement, "leading_lines", ()) if line.comment is not None]
    if isinstance(statement, cst.SimpleStatementLine) and statement.trailing_whitespace.comment is not None:
        lines.append(cst.EmptyLine(comment=statement.trailing_whitespace.comment))
    return lines
