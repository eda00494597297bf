"""Rebuilding a call: another callee, some arguments dropped or replaced, some added, formatting kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst


def rebuild(
    call: cst.Call,
    func: str,
    replace: Mapping[str, tuple[str, str] | None],
    extra: Sequence[tuple[str, str]] = (),
) -> cst.Call:
    """``call`` with another callee, some keyword arguments replaced or dropped, some added.

    Keyword arguments in ``replace`` become ``(keyword, code)`` or go (``None``); ``extra`` keyword
    arguments are added at the end. Everything else, with its formatting, is kept, and so are the
    comments that stood after a dropped argument (on their own lines).
    """
    args: list[cst.Arg] = []
    pending: list[cst.EmptyLine] = []
    indent = _argument_indent(call)
    last_comma = call.args[-1].comma if call.args else cst.MaybeSentinel.DEFAULT
    for arg in call.args:
        name = arg.keyword.value if arg.keyword is not None else ""
        if name in replace and replace[name] is None:
            pending += _comments(arg.comma)
            continue
        if pending and args:
            args[-1] = args[-1].with_changes(comma=_with_lines(args[-1].comma, pending, indent))
            pending = []
        new = replace.get(name)
        args.append(
            arg if new is None else arg.with_changes(keyword=cst.Name(new[0]), value=cst.parse_expression(new[1]))
        )
    first = call.args[0].comma if len(call.args) > 1 else cst.MaybeSentinel.DEFAULT
    separator = _bare(first)
    if extra and pending and args:
        args[-1] = args[-1].with_changes(comma=_with_lines(args[-1].comma, pending, indent))
        pending = []
    for keyword, code in extra:
        if args:
            args[-1] = args[-1].with_changes(comma=_line_end(separator, args[-1].comma))
        args.append(_keyword(keyword, code))
    if args:
        closing = _line_end(_bare(last_comma), args[-1].comma) if args[-1] is not call.args[-1] else last_comma
        args[-1] = args[-1].with_changes(comma=_with_lines(closing, pending, indent))
    rebuilt = call.with_changes(func=cst.parse_expression(func), args=args)
    return _one_per_line(rebuilt) if extra else rebuilt


def _parenthesized(comma: cst.Comma | cst.MaybeSentinel) -> cst.ParenthesizedWhitespace | None:
    if isinstance(comma, cst.Comma) and isinstance(comma.whitespace_after, cst.ParenthesizedWhitespace):
        return comma.whitespace_after
    return None


def _bare(comma: cst.Comma | cst.MaybeSentinel) -> cst.Comma | cst.MaybeSentinel:
    """``comma`` without the comments after it (they belong to its argument, which keeps them)."""
    space = _parenthesized(comma)
    if space is None or not isinstance(comma, cst.Comma):
        return comma
    return comma.with_changes(whitespace_after=space.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[]))


def _comments(comma: cst.Comma | cst.MaybeSentinel) -> list[cst.EmptyLine]:
    """The comments after an argument's comma: its end-of-line comment and the lines below."""
    space = _parenthesized(comma)
    if space is None:
        return []
    lines = [line for line in space.empty_lines if line.comment is not None]
    if space.first_line.comment is not None:
        lines.insert(0, cst.EmptyLine(indent=True, whitespace=space.last_line, comment=space.first_line.comment))
    return lines


def _argument_indent(call: cst.Call) -> cst.SimpleWhitespace:
    """How far the arguments of a call written one per line are indented (within the block)."""
    before = call.whitespace_before_args
    if isinstance(before, cst.ParenthesizedWhitespace):
        return before.last_line
    space = _parenthesized(call.args[0].comma) if len(call.args) > 1 else None
    return space.last_line if space is not None else cst.SimpleWhitespace("")


def _with_lines(
    comma: cst.Comma | cst.MaybeSentinel, lines: list[cst.EmptyLine], indent: cst.SimpleWhitespace
) -> cst.Comma | cst.MaybeSentinel:
    """``comma`` with comment lines added below it (kept only where lines can go)."""
    space = _parenthesized(comma)
    if not lines or space is None or not isinstance(comma, cst.Comma):
        return comma
    indented = [line.with_changes(whitespace=indent) for line in lines]
    return comma.with_changes(whitespace_after=space.with_changes(empty_lines=[*space.empty_lines, *indented]))


def _line_end(
    comma: cst.Comma | cst.MaybeSentinel, own: cst.Comma | cst.MaybeSentinel
) -> cst.Comma | cst.MaybeSentinel:
    """``comma`` (where the line goes next) with the comments of the argument's ``own`` comma."""
    space, kept = _parenthesized(comma), _parenthesized(own)
    if space is None or kept is None or not isinstance(comma, cst.Comma):
        return comma
    if kept.first_line.comment is None and not any(line.comment for line in kept.empty_lines):
        return comma
    return comma.with_changes(
        whitespace_after=space.with_changes(
            first_line=kept.first_line, empty_lines=[*kept.empty_lines, *space.empty_lines]
        )
    )


def _one_per_line(call: cst.Call) -> cst.Call:
    """A call written on one line that grew too long, with one argument a line."""
    module = cst.Module([])
    code = module.code_for_node(call)
    if "\n" in code or len(code) <= WIDTH - 20:
        return call
    func = module.code_for_node(call.func)
    parts = [module.code_for_node(arg.with_changes(comma=cst.MaybeSentinel.DEFAULT)) for arg in call.args]
    return cst.ensure_type(cst.parse_expression(f"{func}(\n" + "".join(f"    {p},\n" for p in parts) + ")"), cst.Call)


def _keyword(keyword: str, code: str) -> cst.Arg:
    return cst.Arg(
        keyword=cst.Name(keyword),
        value=cst.parse_expression(code),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )


WIDTH = 92
"""Longest generated line before the arguments go one per line (room for ``main()``'s indentation)."""


def call_code(func: str, arguments: Sequence[tuple[str | None, str]], before: int = 0, *, wrap: bool = True) -> str:
    """``func(a, k=v)`` from (keyword or ``None``, code) pairs; one argument a line when long.

    ``before`` is the length of what precedes the call on its line.
    """
    parts = [code if keyword is None else f"{keyword}={code}" for keyword, code in arguments]
    line = f"{func}({', '.join(parts)})"
    if not wrap or before + len(line) <= WIDTH or "\n" in line:
        return line
    return f"{func}(\n" + "".join(f"    {part},\n" for part in parts) + ")"
