"""Which places of a module's text are inside a string or a comment, read from the start as far as asked.

The prefilter asks this of a name only after finding it used as a rule needs it, so most modules
are read only up to their first such use, many not at all. Where the reading is not sure (an
f-string whose replacement fields hold quotes, comments or backslashes; a string left open; an
unknown prefix), every place from there on counts as code.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_PREFIX = re.compile(r"[A-Za-z]{0,2}$")
_PREFIXES = frozenset({"", "r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt"})
_LINE_STRING_END = {'"': re.compile(r'(?:[^"\\\n]|\\[\s\S])*"'), "'": re.compile(r"(?:[^'\\\n]|\\[\s\S])*'")}
_IN_TEMPLATE = re.compile(r"[{}\\\n'\"]")
_IN_FIELD = re.compile(r"[{}\[\]()\\#'\"]")
# The next comment or string, each read in one step where it is a comment (group 1) or a common
# string (2 or 3): no prefix (no word character before its quote; after a line break the
# prefix reading looks at the line above), on one line, not triple-quoted, closed. Any other
# quote matches alone and is read step by step. Every branch starts with its character, so
# the search skips everything else at once; a string's text is read in runs between escapes.
_NEXT = re.compile(
    r"""#([^\n]*)|"((?<![\w\n]")(?!"")[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*")|'((?<![\w\n]')(?!'')[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*')|"|'"""
)


class Literals:
    """The strings and comments of ``text``: ``in_literal(position)`` is true only where it surely is."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._read = 0  # everything before is read; spans lie there
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._unsure = False

    def in_literal(self, position: int) -> bool:
        """``text[position]`` is inside a string's text (not an f-string's replacement field) or a comment."""
        while self._read <= position and not self._unsure:
            self._read_past(position)
        if self._unsure:
            return False
        index = bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]

    def _span(self, start: int, end: int) -> None:
        if end > start:
            self._starts.append(start)
            self._ends.append(end)

    def _read_past(self, position: int) -> None:
        """Read comments and common strings until past ``position``, or up to a string read step by step."""
        text = self._text
        for found in _NEXT.finditer(text, self._read):
            kind = found.lastindex
            if kind is None:
                self._string(found.start())
                return
            start, end = found.span()
            self._starts.append(start)
            self._ends.append(end)
            self._read = end + 1 if kind == 1 else end  # past a comment's line break
            if self._read > position:
                return
        self._read = len(text) + 1

    def _string(self, start: int) -> None:
        """Read the string whose quote is at ``start``, or find the reading unsure."""
        text = self._text
        prefix = _PREFIX.search(text, max(0, start - 2), start)
        letters = prefix.group().lower() if prefix else ""
        before = start - len(letters) - 1
        if letters not in _PREFIXES or (before >= 0 and (text[before].isalnum() or text[before] == "_")):
            self._unsure = True  # a name glued to a quote: not a string this reading knows
            return
        quote = text[start] * 3 if text.startswith(text[start] * 3, start) else text[start]
        if "f" in letters or "t" in letters:
            self._template(start, quote)
            return
        closed = self._string_end(start, quote)
        if closed is None:
            self._unsure = True
            return
        self._span(start, closed)
        self._read = closed

    def _string_end(self, start: int, quote: str) -> int | None:
        """Past the quotes closing the string opened at ``start``: the first not escaped by a backslash."""
        text = self._text
        if len(quote) == 1:
            found = _LINE_STRING_END[quote].match(text, start + 1)
            return None if found is None else found.end()
        position = start + 3
        while True:
            end = text.find(quote, position)
            if end < 0:
                return None
            back = end
            while back > start + 3 and text[back - 1] == "\\":
                back -= 1
            if (end - back) % 2 == 0:
                return end + 3
            position = end + 1

    def _template(self, start: int, quote: str) -> None:
        """An f-string (or t-string): its text outside replacement fields is literal."""
        text = self._text
        position = literal = start
        position += len(quote)
        while True:
            found = _IN_TEMPLATE.search(text, position)
            if found is None:
                break
            char, at = found.group(), found.start()
            if char in "'\"":
                if text.startswith(quote, at):
                    self._span(literal, at + len(quote))
                    self._read = at + len(quote)
                    return
                position = at + 1
            elif char in "{}" and text.startswith(char * 2, at):
                position = at + 2
            elif char == "{":
                self._span(literal, at)
                field_end = self._field_end(at + 1)
                if field_end is None:
                    break
                position = literal = field_end
            elif char == "\n" and len(quote) == 3:
                position = at + 1
            else:  # a backslash, a lone ``}``, a line break in a one-line string
                break
        self._unsure = True

    def _field_end(self, position: int) -> int | None:
        """Past the ``}`` closing a replacement field; ``None`` where it holds what this does not read."""
        text = self._text
        depth = 1
        while True:
            found = _IN_FIELD.search(text, position)
            if found is None or found.group() in "\\#'\"":
                return None
            position = found.end()
            if found.group() in "{[(":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return position if found.group() == "}" else None
