"""The fix loop, as ruff runs it: apply what does not overlap, check again, repeat until stable.

It knows nothing of files: a document (a module's text, a notebook's cells) comes with the
functions that check it, edit it and say whether it still parses. The command and the language
server both go through ``fix_document`` (``fix_text`` for plain Python text).
"""

from __future__ import annotations

import ast
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from autogen_lint.findings import Edit, Finding, Fix
from autogen_lint.fix.edits import Overlap, apply_edits, overlaps
from autogen_lint.source import SourceError, parse_module, universal_newlines

MAX_PASSES = 10

D = TypeVar("D")


@dataclass(frozen=True, slots=True)
class FixOutcome(Generic[D]):
    """What fixing a document came to.

    ``document`` is the fixed document, or the one given when nothing applied or a pass broke
    it (``error`` then says why, and ``applied`` is empty). ``findings`` are those of
    ``document``: what is left. ``unconverged`` names the codes that still had fixes to apply
    after the last pass allowed.
    """

    document: D
    findings: tuple[Finding, ...]
    applied: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    unconverged: tuple[str, ...] = ()
    passes: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def fix_document(
    document: D,
    check: Callable[[D], Sequence[Finding]],
    edit: Callable[[D, Sequence[Edit]], D],
    invalid: Callable[[D], str | None],
    applies: Callable[[Fix | None], bool],
    *,
    findings: Sequence[Finding] | None = None,
    max_passes: int = MAX_PASSES,
) -> FixOutcome[D]:
    """Apply the fixes that ``applies`` accepts until none is left, at most ``max_passes`` times.

    Each pass takes fixes in order of their first edit and skips one whose edits overlap an
    edit already taken (it is tried again in the next pass, on the new text); identical edits
    are made once. When a pass leaves the document invalid (``invalid`` returns the reason),
    the document given is returned unchanged with that reason. ``findings`` are the document's
    current findings, when the caller has them already.
    """
    original = document
    current = tuple(findings) if findings is not None else tuple(check(document))
    original_findings = current
    applied: Counter[str] = Counter()
    for number in range(1, max_passes + 1):
        fixes = sorted((f for f in current if applies(f.fix)), key=_first_edit)
        if not fixes:
            return FixOutcome(document, current, applied, passes=number - 1)
        taken: list[Edit] = []
        codes: Counter[str] = Counter()
        for finding in fixes:
            assert finding.fix is not None
            edits = finding.fix.edits
            if any(overlaps(new, old) and new != old for new in edits for old in taken):
                continue
            taken.extend(edits)
            codes[finding.code] += 1
        try:
            changed = edit(document, taken)
        except Overlap as error:  # edits of one fix that overlap each other: a defect in a rule
            return FixOutcome(original, original_findings, error=f"the fixes for {_codes(codes)} overlap: {error}")
        if changed == document:
            return FixOutcome(document, current, applied, passes=number)
        reason = invalid(changed)
        if reason is not None:
            return FixOutcome(
                original,
                original_findings,
                error=f"a fix for {_codes(codes)} introduced a syntax error ({reason}); the file is left unchanged",
                passes=number,
            )
        document = changed
        applied.update(codes)
        current = tuple(check(document))
    left = tuple(sorted({f.code for f in current if applies(f.fix)}))
    return FixOutcome(document, current, applied, unconverged=left, passes=max_passes)


def fix_text(
    text: str,
    check: Callable[[str], Sequence[Finding]],
    applies: Callable[[Fix | None], bool],
    *,
    newline: str = "\n",
    findings: Sequence[Finding] | None = None,
) -> FixOutcome[str]:
    """``fix_document`` for one module's text; ``check`` is given the text as it is kept.

    Line ends in inserted text are written as ``newline``; the result must parse.
    """
    return fix_document(
        text,
        check,
        lambda document, edits: apply_edits(document, edits, newline),
        still_valid(text),
        applies,
        findings=findings,
    )


def python_error(text: str, *, top_level_await: bool = False) -> str | None:
    """Why ``text`` is not a Python module, or ``None`` when it parses and compiles.

    Compiling catches what parsing lets through, such as ``await`` outside an ``async def``;
    ``top_level_await`` allows it at the top level, as a notebook cell does.
    """
    text = universal_newlines(text)
    parsed = parse_module(text)
    if isinstance(parsed, SourceError):
        return f"line {parsed.line}: {parsed.reason}"
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if top_level_await else 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(parsed, "<fixed>", "exec", flags=flags, dont_inherit=True)
    except SyntaxError as error:
        return f"line {error.lineno or 1}: {type(error).__name__}: {error.msg}"
    except (ValueError, RecursionError, MemoryError) as error:
        return f"cannot compile: {error}"
    return None


def still_valid(original: str, *, top_level_await: bool = False) -> Callable[[str], str | None]:
    """A check that a fixed text is no worse than ``original``: it parses, and it compiles if that did."""
    original_compiles = python_error(original, top_level_await=top_level_await) is None

    def invalid(text: str) -> str | None:
        reason = python_error(text, top_level_await=top_level_await)
        if reason is None or original_compiles:
            return reason
        parsed = parse_module(universal_newlines(text))  # it did not compile before: ask only that it parses
        return f"line {parsed.line}: {parsed.reason}" if isinstance(parsed, SourceError) else None

    return invalid


def _first_edit(finding: Finding) -> tuple[tuple[int, int, int], tuple[int, int, int], str]:
    assert finding.fix is not None
    edits = finding.fix.edits
    first = min(edits, key=lambda e: e.start)
    return (first.start, first.end, finding.code)


def _codes(codes: Counter[str]) -> str:
    return ", ".join(sorted(codes)) or "no rule"
