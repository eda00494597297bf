"""Rendering reports in every output format, one module per format.

``FORMATS`` lists the names ``--output-format`` accepts (ruff's where ruff has the format).
Importing this package is cheap; a format's module is imported when it is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from autogen_lint.config import Config
    from autogen_lint.runner import FileReport

FORMATS = ("full", "concise", "text", "json", "json-lines", "sarif", "github", "gitlab", "junit", "pylint", "azure")
DEFAULT = "full"
# Formats written for people: they end with the summary, and the fix summary goes with them.
HUMAN = ("full", "concise", "text")


class Terminal(NamedTuple):
    """What the output stream supports: ANSI colour, and OSC 8 hyperlinks (a TTY with colour)."""

    colour: bool = False
    hyperlinks: bool = False


def render(fmt: str, reports: Sequence[FileReport], checked: int, config: Config, terminal: Terminal) -> str:
    """The report of ``checked`` files in format ``fmt`` (one of ``FORMATS``)."""
    if fmt == "full":
        from autogen_lint.output.full import Options, full

        return full(reports, checked, config, Options(terminal.colour, terminal.hyperlinks))
    if fmt == "concise":
        from autogen_lint.output.concise import concise

        return concise(reports, checked, config, colour=terminal.colour, hyperlinks=terminal.hyperlinks)
    if fmt == "text":
        from autogen_lint.output.concise import text

        return text(reports, checked, config, colour=terminal.colour)
    if fmt in ("json", "json-lines"):
        from autogen_lint.output.records import as_json, json_lines

        return as_json(reports) if fmt == "json" else json_lines(reports)
    if fmt == "sarif":
        from autogen_lint.output.sarif import sarif

        return sarif(reports, config.settings)
    from importlib import import_module

    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}")
    module = import_module(f"autogen_lint.output.{fmt}")  # github, gitlab, junit, pylint, azure
    result: str = getattr(module, fmt)(reports)
    return result


def pieces(fmt: str, reports: Sequence[FileReport], checked: int, config: Config, terminal: Terminal) -> Iterable[str]:
    """``render``'s text in pieces to write one after another (JSON, the largest output, is never joined)."""
    if fmt == "json":
        from autogen_lint.output.records import json_pieces

        return json_pieces(reports)
    return (render(fmt, reports, checked, config, terminal),)


def statistics(reports: Sequence[FileReport], checked: int, *, as_json_output: bool = False) -> str:
    """``--statistics``: counts per rule and per file (see ``autogen_lint.output.statistics``)."""
    from autogen_lint.output.statistics import statistics as table

    return table(reports, checked, as_json_output=as_json_output)
