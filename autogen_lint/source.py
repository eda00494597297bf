"""Turning bytes or text into a tree, the way Python itself reads source files."""

from __future__ import annotations

import ast
import re
import tokenize
import warnings
from dataclasses import dataclass
from io import BytesIO

_NEWLINE = re.compile(r"\r\n|\r|\n")
TRIGGER = "autogen"
"""Every rule needs an import of ``autogen`` or an ``autogen_*`` package, so a
source without this text cannot produce a finding and is never parsed."""


@dataclass(frozen=True, slots=True)
class SourceError:
    """Why a source could not be decoded or parsed, and where (1-based line, 0-based column)."""

    reason: str
    line: int = 1
    col: int = 0


@dataclass(frozen=True, slots=True)
class ParsedSource:
    tree: ast.Module
    lines: list[str]


def split_lines(text: str) -> list[str]:
    """Lines as Python numbers them: only LF, CRLF and CR end a line (not form feeds)."""
    return _NEWLINE.split(text)


def might_match(source: str | bytes) -> bool:
    """Tell cheaply whether any rule could fire on this source at all."""
    if isinstance(source, bytes):
        return TRIGGER.encode() in source
    return TRIGGER in source


def decode(source: bytes) -> str:
    """Decode like the interpreter: BOM, PEP 263 cookie, else UTF-8; universal newlines.

    Raises ``SourceDecodeError`` with a readable reason.
    """
    try:
        encoding, _ = tokenize.detect_encoding(BytesIO(source).readline)
    except SyntaxError as error:
        reason = f"SyntaxError: {error.msg}"
        if "unknown encoding" not in error.msg:  # undecodable bytes in the first two lines
            reason = f"cannot decode as utf-8 and no PEP 263 encoding is declared ({error.msg})"
        raise SourceDecodeError(SourceError(reason, error.lineno or 1, 0)) from None
    try:
        text = source.decode(encoding)
    except UnicodeDecodeError as error:
        line = source.count(b"\n", 0, getattr(error, "start", 0)) + 1
        raise SourceDecodeError(SourceError(f"cannot decode as {encoding}: {error}", line, 0)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


class SourceDecodeError(Exception):
    def __init__(self, error: SourceError) -> None:
        super().__init__(error.reason)
        self.error = error


def parse(source: str | bytes, filename: str = "<unknown>") -> ParsedSource | SourceError:
    """Decode (for bytes) and parse a module, or say why it cannot be done. Never raises."""
    try:
        text = decode(source) if isinstance(source, bytes) else source
    except SourceDecodeError as error:
        return error.error
    tree = parse_module(text, filename)
    if isinstance(tree, SourceError):
        return tree
    return ParsedSource(tree, split_lines(text))


def parse_module(text: str, filename: str = "<unknown>") -> ast.Module | SourceError:
    """``ast.parse`` that returns the reason instead of raising, whatever the input."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename=filename)
    except SyntaxError as error:
        line = error.lineno or 1
        col = max((error.offset or 1) - 1, 0)
        return SourceError(f"{type(error).__name__}: {error.msg}", line, col)
    except (ValueError, TypeError) as error:  # null bytes
        return SourceError(f"SyntaxError: {error}", 1, 0)
    except RecursionError:
        return SourceError("too deeply nested to parse", 1, 0)
    except MemoryError:
        return SourceError("too deeply nested to parse (out of memory)", 1, 0)
