"""Whether a name spelled in a module's text can be the call, alias or binding a rule looks for.

The prefilter reads text, not a tree. Each test answers "maybe" wherever the spelling could be
code of that shape, and "no" only where no parse of the text can make it so: a spelling inside a
string or a comment is no code at all, so only spellings that are code need a right answer, and
from a token that is code the text up to the next token holds only whitespace, line
continuations and comments.
"""

from __future__ import annotations

import re

from autogen_lint.source import TOKEN_GAP

_GAP = re.compile(TOKEN_GAP)
_IDENTIFIER_CHAR = re.compile(r"\w")
# ``class N(`` and ``def N(`` define a name, they do not call it
_DEFINED = re.compile(r"(?:^|[^\w.])(?:class|def)[ \t]+$", re.MULTILINE)
# The name (after a dotted prefix, in parentheses) starts an assigned value, or its line does
_VALUE_START = re.compile(r"(?:^|=)[ \t(]*(?:[A-Za-z_]\w*[ \t]*\.[ \t]*)*$", re.MULTILINE)
# A receiver: identifiers joined by dots, on the line of the method's dot
_RECEIVER = re.compile(r"[A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*[ \t]*$", re.MULTILINE)
_AWAITED_CALLEE = re.compile(r"(?<![\w.])await[ \t]+[A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*$", re.MULTILINE)
_ASSIGNS = re.compile(r"(?<![=!<>])=(?!=)")
_ENDS_IN_AWAIT = re.compile(r"(?<![\w.])await$")
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*[ \t]*")
_NOT_CALLS = frozenset({"await", "lambda", "not", "yield", "None", "True", "False"})
# On one line: a string without escapes (its prefix, if any), or a comment
_STRING_OR_COMMENT = re.compile(r"(\w*)(?:\"[^\"\\\n]*\"|'[^'\\\n]*')|#[^\n]*")
_BRACKET = re.compile(r"[()\[\]{}]")
_CLOSING = {"(": ")", "[": "]", "{": "}"}
_ARGUMENT_LINES = 40


def _next_token(text: str, position: int) -> tuple[int, bool]:
    """Where the token after ``position`` starts, and whether a line break comes first."""
    end = _GAP.match(text, position).end()  # type: ignore[union-attr]  # matches the empty string
    return end, text.find("\n", position, end) >= 0


def _word_at(text: str, position: int, word: str) -> bool:
    end = position + len(word)
    return text.startswith(word, position) and not _IDENTIFIER_CHAR.match(text, end)


def _line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, position) + 1


def called_or_aliased(text: str, start: int, end: int) -> bool:
    """Whether the identifier at ``text[start:end]`` may be called, imported as another name or aliased.

    A call: the next token is ``(`` (unless the line defines the name: ``class N(``). An import
    under another name: ``N as``. An alias: ``x = N`` or ``x = module.N``, maybe in parentheses,
    the name ending the value; a name starting its line may continue a value from the line above.
    """
    after, broken = _next_token(text, end)
    following = text[after : after + 1]
    line_start = _line_start(text, start)
    if following == "(":
        return _DEFINED.search(text, line_start, start) is None
    if _word_at(text, after, "as"):
        return True
    if not (broken or following in ("", ")", ";")):
        return False
    return _VALUE_START.search(text, line_start, start) is not None


def method_called(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` may be the attribute of an ``x.method(...)`` call."""
    if not whole_word(text, start, end):
        return False
    after, _ = _next_token(text, end)
    if not text.startswith("(", after):
        return False
    before = text[_line_start(text, start) : start].rstrip(" \t")
    return not before or before.endswith(".")


def awaited_at_once(text: str, end: int) -> bool:
    """``await a.b.f(...)`` with nothing after the call, ``f`` ending at ``end``: the call's parent is ``await``.

    Anything this does not read for sure (strings with prefixes or escapes, a string over several
    lines, a callee in parentheses, arguments over more than ``_ARGUMENT_LINES`` lines) counts as
    not awaited.
    """
    if _AWAITED_CALLEE.search(text, _line_start(text, end), end) is None:
        return False
    line_end = _line_end(text, end)
    rest = text[end:line_end].lstrip(" \t")
    if not rest.startswith("("):
        return False
    code, opened = _code_of(rest[1:]), []
    for _ in range(_ARGUMENT_LINES):
        if code is None:
            return False
        for bracket in _BRACKET.finditer(code):
            if bracket.group() in "([{":
                opened.append(_CLOSING[bracket.group()])
            elif opened:
                if opened.pop() != bracket.group():
                    return False
            elif bracket.group() != ")":
                return False
            else:  # the call's own closing parenthesis: is anything applied to its result?
                trailer = code[bracket.end() :].lstrip(" \t")
                if trailer:
                    return trailer[0] not in ".(["
                after, _ = _next_token(text, line_end)
                return text[after : after + 1] not in (".", "(", "[")
        if line_end >= len(text):
            return False
        next_end = _line_end(text, line_end + 1)
        code, line_end = _code_of(text[line_end + 1 : next_end]), next_end
    return False


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _code_of(line: str) -> str | None:
    """The line with each string made ``_`` and its comment left out; ``None`` where that is not sure.

    Only plain strings are read: a line with a prefixed string (an f-string may nest quotes), a
    string left open, triple quotes (``'''a '#' b'''`` would read as a string and a comment) or a
    backslash anywhere gives ``None``.
    """
    if "\\" in line or '"""' in line or "'''" in line:
        return None
    pieces = []
    position = 0
    for match in _STRING_OR_COMMENT.finditer(line):
        if match.group(1):
            return None
        pieces.append(line[position : match.start()])
        pieces.append("" if match.group().startswith("#") else "_")
        position = match.end()
    pieces.append(line[position:])
    code = "".join(pieces)
    return None if "'" in code or '"' in code else code


def receiver_may_hold_a_value(text: str, dot: int, bound: dict[str, bool]) -> bool:
    """Whether the receiver before ``text[dot]`` may be a name or ``self.x`` holding a built or annotated value.

    A receiver of three or more dotted names, a call's result, a subscript or a literal holds
    nothing a rule follows. Otherwise the last name counts when the module may bind it: assign it
    a call, annotate it, or bind it with ``:=`` (``bound`` remembers the answer for each name).
    """
    line_start = _line_start(text, dot)
    before = text[line_start:dot].rstrip(" \t")
    if not before or before.endswith(")"):
        return True  # on the line above, or in parentheses
    receiver = _RECEIVER.search(text, line_start, dot)
    if receiver is None:
        return False  # a subscript, a string, a number
    names = [name.strip() for name in receiver.group().split(".")]
    if len(names) >= 3:
        return False
    name = names[-1]
    if name not in bound:
        bound[name] = may_be_bound(text, name)
    return bound[name]


def may_be_bound(text: str, name: str) -> bool:
    """Whether ``name`` (a variable or an attribute) may be assigned a call's result, or annotated.

    An assignment target may be in parentheses (``(x) = f()``, ``(x): T = f()``); a parameter's
    closing parenthesis and colon (``def f(x):``) annotate nothing.
    """
    for match in re.finditer(rf"{re.escape(name)}{_GAP.pattern}[):=]", text):  # a literal first: scans fast
        if not whole_word(text, match.start(), match.start() + len(name)):
            continue
        position = match.end() - 1
        closed = False
        while text.startswith(")", position):
            position, _ = _next_token(text, position + 1)
            closed = True
        following = text[position : position + 1]
        if following == ":" and (not closed or _ASSIGNS.search(text, position, _line_end(text, position))):
            return True
        if following == "=" and not text.startswith("==", position) and _value_may_be_a_call(text, position + 1):
            return True
    return False


def _value_may_be_a_call(text: str, position: int) -> bool:
    while text.startswith((" ", "\t"), position):
        position += 1
    if text.startswith(("(", "\\"), position):
        return True
    dotted = _DOTTED.match(text, position)
    if dotted is None or dotted.group().strip() in _NOT_CALLS:
        return False
    return text.startswith(("(", "\\", "."), dotted.end())


def whole_word(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is not part of a longer identifier."""
    return not (start and _IDENTIFIER_CHAR.match(text, start - 1)) and not _IDENTIFIER_CHAR.match(text, end)


def awaited_method_call(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` may be the method of an ``await x.method(...)`` call.

    Not awaited: a call whose receiver, a dotted name, follows on its line anything but ``await``
    (``async for m in x.method(...)``, ``s = x.method(...)``, ``Console(x.method(...))``).
    """
    if not method_called(text, start, end):
        return False
    line_start = _line_start(text, start)
    dot = text.rfind(".", line_start, start)
    if dot < 0:
        return True  # the receiver is on a line above
    receiver = _RECEIVER.search(text, line_start, dot)
    if receiver is None:
        return True
    before = text[line_start : receiver.start()].rstrip(" \t(")
    if not before or before.endswith((".", ")", "]", "}", "'", '"', "\\")):
        return True
    return _ENDS_IN_AWAIT.search(before) is not None


def word_in(text: str, word: str) -> bool:
    """``word`` is spelled somewhere as a whole identifier."""
    position = text.find(word)
    while position >= 0:
        if whole_word(text, position, position + len(word)):
            return True
        position = text.find(word, position + 1)
    return False
