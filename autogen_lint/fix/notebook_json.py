"""Rewriting the sources of a notebook's cells in its JSON text, leaving every other byte alone.

A notebook is not re-serialised: only the ``"source"`` values of the edited cells are replaced,
so outputs, metadata, cell ids, key order and indentation stay exactly as they were.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")


class NotebookLayoutError(ValueError):
    """The notebook's JSON is not shaped so that its cell sources can be found."""


def source_spans(text: str) -> dict[int, tuple[int, int]]:
    """Where each cell's ``"source"`` value stands in the JSON ``text``, by 1-based cell index."""
    position = _skip(text, 0)
    if text[position : position + 1] != "{":
        raise NotebookLayoutError("a notebook is a JSON object")
    spans: dict[int, tuple[int, int]] = {}
    for key, start in _members(text, position):
        if key != "cells":
            continue
        if text[start : start + 1] != "[":
            raise NotebookLayoutError('"cells" is not a list')
        for index, cell_start in enumerate(_elements(text, start), start=1):
            if text[cell_start : cell_start + 1] != "{":
                continue
            for cell_key, value_start in _members(text, cell_start):
                if cell_key == "source":
                    spans[index] = (value_start, _value_end(text, value_start))
    return spans


def replace_sources(text: str, sources: Mapping[int, str]) -> str:
    """``text`` with the given cells' sources replaced, each written in the style of the one it replaces."""
    spans = source_spans(text)
    ascii_only = "\\u" in text and text.isascii()
    pieces: list[str] = []
    position = 0
    for index in sorted(sources, key=lambda i: spans[i][0]):
        start, end = spans[index]
        pieces.append(text[position:start])
        pieces.append(_render(text[start:end], sources[index], ascii_only=ascii_only))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _render(old: str, source: str, *, ascii_only: bool) -> str:
    """``source`` as a JSON value shaped like ``old`` (a string, or a list of lines)."""
    if not old.startswith("["):
        return json.dumps(source, ensure_ascii=ascii_only)
    raw_by_value: dict[str, str] = {}
    elements = list(_elements(old, 0))
    for element_start in elements:
        value, element_end = _DECODER.raw_decode(old, element_start)
        if isinstance(value, str):
            raw_by_value.setdefault(value, old[element_start:element_end])
    lines = _LINE.findall(source)
    rendered = [raw_by_value.get(line) or json.dumps(line, ensure_ascii=ascii_only) for line in lines]
    if not elements:
        return "[" + ", ".join(rendered) + "]"
    opening = old[1 : elements[0]]
    last_end = _value_end(old, elements[-1])
    closing = old[last_end : len(old) - 1]
    if not rendered:
        return "[]"
    return "[" + opening + ("," + opening).join(rendered) + closing + "]"


def _skip(text: str, position: int) -> int:
    match = _WHITESPACE.match(text, position)
    return match.end() if match else position


def _value_end(text: str, start: int) -> int:
    try:
        return _DECODER.raw_decode(text, start)[1]
    except json.JSONDecodeError as error:
        raise NotebookLayoutError(str(error)) from None


def _members(text: str, start: int) -> list[tuple[str, int]]:
    """The keys of the object at ``start`` with where each value starts."""
    members: list[tuple[str, int]] = []
    position = _skip(text, start + 1)
    if text[position : position + 1] == "}":
        return members
    while True:
        try:
            key, position = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise NotebookLayoutError(str(error)) from None
        position = _skip(text, position)
        if text[position : position + 1] != ":" or not isinstance(key, str):
            raise NotebookLayoutError("malformed object")
        value_start = _skip(text, position + 1)
        members.append((key, value_start))
        position = _skip(text, _value_end(text, value_start))
        if text[position : position + 1] == ",":
            position = _skip(text, position + 1)
        elif text[position : position + 1] == "}":
            return members
        else:
            raise NotebookLayoutError("malformed object")


def _elements(text: str, start: int) -> list[int]:
    """Where each element of the list at ``start`` starts."""
    starts: list[int] = []
    position = _skip(text, start + 1)
    if text[position : position + 1] == "]":
        return starts
    while True:
        starts.append(position)
        position = _skip(text, _value_end(text, position))
        if text[position : position + 1] == ",":
            position = _skip(text, position + 1)
        elif text[position : position + 1] == "]":
            return starts
        else:
            raise NotebookLayoutError("malformed list")
