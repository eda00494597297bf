"""Words and numbers the HTML and Markdown reports share."""

from __future__ import annotations

from autogen_lint.report.model import Report, Status, Tally
from autogen_lint.report.sections import Category

HEADLINE_CATEGORIES = (
    (Category.V02_API, "v0.2 API still in use (AGL1xx-AGL6xx, blocks the move)"),
    (Category.V04_DEFECT, "v0.4 defects (AGL7xx)"),
    (Category.DEPENDENCY, "v0.2 dependency pins (AGL103)"),
    (Category.UNREADABLE, "unreadable files (AGL001)"),
)
STATUSES = (Status.V04, Status.V04_DEFECTS, Status.MIXED, Status.V02)


def plural(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a whole percentage; never rounds up to 100 % or down to 0 % wrongly."""
    if not whole:
        return "-"
    share = 100 * part / whole
    if 0 < share < 1:
        return "<1%"
    if 99 < share < 100:
        return ">99%"
    return f"{round(share)}%"


def fixable(tally: Tally) -> str:
    """``safe / unsafe`` counts, or a dash when nothing can be fixed."""
    if not tally.fixable_safe and not tally.fixable_unsafe:
        return "-"
    return f"{tally.fixable_safe:,} safe / {tally.fixable_unsafe:,} unsafe"


def summary(report: Report) -> str:
    """The headline in one sentence."""
    if not report.autogen_files:
        files = "No AutoGen files found"
    else:
        on_v04 = report.statuses[Status.V04]
        share = percent(on_v04, report.autogen_files)
        files = f"{on_v04:,} of {plural(report.autogen_files, 'AutoGen file')} fully on v0.4 ({share} migrated)"
    return f"{files}; {left(report.tally)}, {plural(report.tally.total, 'finding')} in all."


def left(tally: Tally) -> str:
    """What ``Left`` counts in every table, spelt out: v0.2 API uses and v0.2 dependency pins."""
    api, pins = tally.categories[Category.V02_API], tally.categories[Category.DEPENDENCY]
    return f"{tally.left:,} left to migrate ({plural(api, 'v0.2 API use')}, {plural(pins, 'v0.2 pin')})"


def rule_list(codes: dict[str, int], limit: int = 6) -> str:
    """The most frequent codes, ``AGL101 ×3, AGL202 ×1`` (and how many more)."""
    ordered = sorted(codes.items(), key=lambda item: (-item[1], item[0]))
    text = ", ".join(f"{code} ×{count:,}" for code, count in ordered[:limit])
    return text + (f", {len(ordered) - limit} more" if len(ordered) > limit else "")
