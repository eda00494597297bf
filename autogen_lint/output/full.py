"""The ``full`` format (the default): each finding with its source lines, a caret under it, help.

::

    app.py:2:41: AGL201 `llm_config=` is AutoGen v0.2 configuration
      |
    1 | from autogen import AssistantAgent
    2 | assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4o"})
      |                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ AGL201
      |
      = help: pass `model_client=OpenAIChatCompletionClient(model=...)` instead
      = guide: https://microsoft.github.io/autogen/stable/user-guide/...#assistant-agent

On a terminal with colour the code is a hyperlink (OSC 8) to the guide instead of the last line.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from autogen_lint.catalog import RULES
from autogen_lint.config import Config
from autogen_lint.findings import Applicability, Finding
from autogen_lint.output.common import Style, closing, each, fix_mark, hyperlink, position, split_message
from autogen_lint.output.sources import Sources
from autogen_lint.runner import FileReport

CONTEXT = 2  # lines shown before and after the finding's lines
LONGEST = 6  # a longer range shows its first and last lines around an ellipsis
TAB = 4


@dataclass(frozen=True, slots=True)
class Options:
    """How to draw: ANSI colour, and the rule code as an OSC 8 hyperlink (then no guide line)."""

    colour: bool = False
    hyperlinks: bool = False


def full(reports: Sequence[FileReport], checked: int, config: Config, options: Options = Options()) -> str:
    style = Style(options.colour)
    sources = Sources()
    blocks = [_finding(path, finding, config, sources, style, options=options) for path, finding in each(reports)]
    return "".join(f"{block}\n\n" for block in blocks) + "\n".join(closing(reports, checked, config)) + "\n"


def _finding(path: str, finding: Finding, config: Config, sources: Sources, style: Style, *, options: Options) -> str:
    problem, advice = split_message(finding.message)
    code = style(finding.code, style.severity(finding))
    if options.hyperlinks:
        code = hyperlink(code, finding.url)
    lines = [f"{style(path, '1')}:{position(finding)}: {code} {fix_mark(finding, config)}{problem}"]
    snippet, width = _snippet(sources.lines(path, finding.cell), finding, style)
    lines += snippet
    notes = [("help", advice)] if advice else []
    if finding.fix is not None and (finding.fix.edits or not advice):  # a bare suggestion repeats the advice
        notes.append(("help", _fix_help(finding, config)))
    if not options.hyperlinks and RULES[finding.code].anchor:  # AGL001 is no migration topic: no guide line
        notes.append(("guide", finding.url))
    lines += [f"{' ' * width} {style('=', '1;34')} {style(label, '1')}: {text}" for label, text in notes]
    return "\n".join(lines)


def _fix_help(finding: Finding, config: Config) -> str:
    fix = finding.fix
    assert fix is not None
    if fix.applicability is Applicability.DISPLAY_ONLY or not fix.edits:
        return f"{fix.title} (a suggestion; not applied by `--fix`)"
    if fix.applicability is Applicability.UNSAFE and not config.applies(fix):
        return f"{fix.title} (an unsafe fix; applied with `--fix --unsafe-fixes`)"
    return fix.title


def _snippet(source: list[str], finding: Finding, style: Style) -> tuple[list[str], int]:
    """The finding's lines with some context, numbered, each underlined where the finding is.

    Also the width of the line numbers, which the notes below line up with (1 without lines).
    """
    first, last = finding.line, max(finding.end_line, finding.line)
    if not 0 < first <= len(source):
        return [], 1
    last = min(last, len(source))
    shown = list(range(max(1, first - CONTEXT), min(len(source), last + CONTEXT) + 1))
    if last - first + 1 > LONGEST:  # first three and last two lines of a long range
        shown = [n for n in shown if n < first + 3 or n > last - 2]
    while shown and shown[0] < first and not source[shown[0] - 1].strip():
        shown.pop(0)
    while shown and shown[-1] > last and not source[shown[-1] - 1].strip():
        shown.pop()
    width = len(str(shown[-1]))
    bar = style("|", "1;34")
    out = [f"{' ' * width} {bar}"]
    previous = shown[0] - 1
    for number in shown:
        if number != previous + 1:
            out.append(f"{style('.' * width, '1;34')} {bar}")
        previous = number
        text = source[number - 1]
        out.append(f"{style(str(number).rjust(width), '1;34')} {bar} {_expand(text)}".rstrip())
        underline = _underline(text, number, finding)
        if underline is not None:
            start, length = underline
            label = f" {finding.code}" if number == last else ""
            marks = style("^" * length + label, style.severity(finding))
            out.append(f"{' ' * width} {bar} {' ' * start}{marks}")
    out.append(f"{' ' * width} {bar}")
    return out, width


def _underline(text: str, number: int, finding: Finding) -> tuple[int, int] | None:
    """Display start and width of the finding's part of line ``number``, ``None`` if outside it."""
    first, last = finding.line, max(finding.end_line, finding.line)
    if not first <= number <= last:
        return None
    start = finding.col if number == first else len(text) - len(text.lstrip())
    end = finding.end_col if number == finding.end_line else len(text.rstrip())
    start = min(start, len(text))
    end = min(max(end, start), len(text))
    offset = _width(text[:start])
    return offset, max(1, _width(text[:end]) - offset)


def _expand(text: str) -> str:
    """The line as drawn: tabs to the next multiple of ``TAB``, so the carets line up.

    Other control characters (an escape sequence in a string literal) are drawn as U+FFFD,
    so source text never drives the terminal.
    """
    if text.isascii() and text.isprintable():  # most lines: no tab, nothing wide or invisible
        return text
    out = []
    column = 0
    for char in text:
        if char == "\t":
            out.append(" " * (TAB - column % TAB))
            column += TAB - column % TAB
        else:
            out.append("\ufffd" if _control(char) else char)
            column += _char_width(char)
    return "".join(out)


def _control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def _width(text: str) -> int:
    """Terminal columns ``text`` takes once drawn by ``_expand``."""
    if text.isascii() and text.isprintable():
        return len(text)
    column = 0
    for char in text:
        column += TAB - column % TAB if char == "\t" else _char_width(char)
    return column


@functools.lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if _control(char):
        return 1
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
