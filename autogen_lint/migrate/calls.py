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
    arguments are added at the end. Everything else, with its formatting, is kept.
    """
    args: list[cst.Arg] = []
    last_comma = call.args[-1].comma if call.args else cst.MaybeSentinel.DEFAULT
    for arg in call.args:
        name = arg.keyword.value if arg.keyword is not None else None
        if name is None or name not in replace:
            args.append(arg)
            continue
        new = replace[name]
        if new is not None:
            args.append(arg.with_changes(keyword=cst.Name(new[0]), value=cst.parse_expression(new[1])))
    first = call.args[0].comma if len(call.args) > 1 else cst.MaybeSentinel.DEFAULT
    separator: cst.Comma | cst.MaybeSentinel = first if isinstance(first, cst.Comma) else cst.MaybeSentinel.DEFAULT
    for keyword, code in extra:
        if args:
            args[-1] = args[-1].with_changes(comma=separator)
        args.append(_keyword(keyword, code))
    if args:
        args[-1] = args[-1].with_changes(comma=last_comma)
    rebuilt = call.with_changes(func=cst.parse_expression(func), args=args)
    return _one_per_line(rebuilt) if extra else rebuilt


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
