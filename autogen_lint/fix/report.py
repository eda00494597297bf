"""What the command says about fixes: what was fixed, what could not be."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from autogen_lint.catalog import RULES
from autogen_lint.fix.apply import MAX_PASSES
from autogen_lint.fix.files import FileFix


@dataclass(frozen=True, slots=True)
class Failures:
    """Files whose fixes were refused (``errors``: exit status 2) or did not settle (``warnings``)."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def describe_failures(results: Sequence[FileFix]) -> Failures:
    failures = Failures()
    for result in results:
        path = result.report.path
        if result.error is not None:
            failures.errors.append(f"error: {path}: {result.error}")
        if result.unconverged:
            codes = ", ".join(result.unconverged)
            failures.warnings.append(
                f"warning: {path}: fixes for {codes} did not converge after {MAX_PASSES} passes; "
                "the file holds the last pass that parsed"
            )
    return failures


def show_fixes(results: Sequence[FileFix]) -> str:
    """``--show-fixes``: each fixed file with how many findings of each rule were fixed."""
    total = sum(sum(result.applied.values()) for result in results)
    if not total:
        return "No findings fixed.\n"
    lines = [f"Fixed {total} finding{'' if total == 1 else 's'}:"]
    for result in results:
        if not result.applied:
            continue
        lines.append(f"- {result.report.path}:")
        for code, count in sorted(result.applied.items()):
            lines.append(f"    {count} × {code} ({RULES[code].symbol})")
    return "\n".join(lines) + "\n"
