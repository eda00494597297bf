"""What a rewrite must not add: undefined, used-before-definition or redefined names (pyflakes)."""

from __future__ import annotations

from collections import Counter

from pyflakes import checker, messages  # type: ignore[import-untyped]

_CODES = {
    messages.UndefinedName: "F821",
    messages.UndefinedLocal: "F823",
    messages.RedefinedWhileUnused: "F811",
}


def name_errors(text: str) -> Counter[str]:
    """``F821 `x``` etc. for each undefined, used-before-definition or redefined name."""
    import ast

    try:
        tree = ast.parse(text)
    except SyntaxError:
        return Counter()
    found: Counter[str] = Counter()
    for message in checker.Checker(tree).messages:
        code = _CODES.get(type(message))
        if code is not None:
            found[f"{code} `{message.message_args[0]}`"] += 1
    return found


def new_name_errors(before: str, after: str) -> list[str]:
    """The name errors ``after`` has more of than ``before`` (each once, sorted)."""
    added = name_errors(after) - name_errors(before)
    return sorted(added)
