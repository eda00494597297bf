"""The report as GitHub-flavoured Markdown, fit for ``>> "$GITHUB_STEP_SUMMARY"``.

GitHub shows at most 1 MiB of a step's summary, so long lists are cut (with a count of what
was left out) until the whole fits in a million bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from autogen_lint.report.model import Change, Report, Status
from autogen_lint.report.sections import Category, section_title
from autogen_lint.report.wording import HEADLINE_CATEGORIES, STATUSES, fixable, percent, plural, rule_list, summary

SUMMARY_LIMIT = 1_000_000  # bytes: GitHub accepts 1 MiB for one step's summary; room is left for a heading
ROWS = 30  # rows of a long table before it is cut

T = TypeVar("T")


def cell(text: str) -> str:
    """Text safe inside a table cell: pipes escaped, on one line."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def code(text: str) -> str:
    """``text`` as inline code in a table cell."""
    ticks = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{cell(text)}{pad}{ticks}"


def table(header: Sequence[str], align: str, rows: Sequence[Sequence[str]]) -> list[str]:
    """A GFM table; ``align`` has one of ``l``/``r`` per column."""
    marks = {"l": ":--", "r": "--:"}
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(marks[a] for a in align) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _cut(rows: Sequence[T], limit: int) -> tuple[Sequence[T], int]:
    return (rows, 0) if len(rows) <= limit else (rows[:limit], len(rows) - limit)


def _more(left_out: int) -> list[str]:
    return ["", f"_… {left_out:,} more not shown; the JSON report has them all._"] if left_out else []


def _headline(report: Report) -> list[str]:
    lines = [f"**{summary(report)}**", ""]
    whole = report.autogen_files
    lines += table(
        ["AutoGen files", "Files", "Share"],
        "lrr",
        [[status.label, f"{report.statuses[status]:,}", percent(report.statuses[status], whole)] for status in STATUSES]
        + [["**all**", f"**{whole:,}**", ""]],
    )
    lines.append("")
    tally = report.tally
    rows = [[label, f"{tally.categories[kind]:,}"] for kind, label in HEADLINE_CATEGORIES]
    rows.append(["**all findings**", f"**{tally.total:,}**"])
    rows.append(["fixable with `--fix` / only with `--unsafe-fixes`", fixable(tally)])
    lines += table(["Findings", "Count"], "lr", rows)
    lines.append("")
    lines.append(
        f"{plural(report.files_checked, 'file')} checked"
        + (f"; {plural(report.unreadable_files, 'file')} could not be read." if report.unreadable_files else ".")
    )
    if report.target:
        lines += ["", f"{report.target[0].upper()}{report.target[1:]}."]
    return lines


def _changes(report: Report, limit: int) -> list[str]:
    changes = report.changes
    if changes is None:
        return []
    lines = ["", f"## Since {code(changes.baseline) if changes.baseline else 'the baseline'}", ""]
    lines.append(f"**{plural(changes.new, 'new finding')}, {plural(changes.fixed, 'finding')} fixed.**")

    def rows(items: Sequence[Change], name: Callable[[str], str]) -> list[list[str]]:
        return [[name(item.name), f"{item.new:,}", f"{item.fixed:,}"] for item in items]

    for title, items, name in (("Section", changes.sections, section_title), ("File", changes.files, code)):
        if items:
            shown, left_out = _cut(items, limit)
            lines += ["", *table([title, "New", "Fixed"], "lrr", rows(shown, name)), *_more(left_out)]
    return lines


def _sections(report: Report) -> list[str]:
    if not report.sections:
        return []
    rows = [
        [
            f"[{cell(row.title)}]({row.url})",
            f"{row.tally.total:,}",
            f"{row.tally.left:,}",
            f"{row.tally.categories[Category.V04_DEFECT]:,}",
            f"{len(row.files):,}",
            fixable(row.tally),
            cell(rule_list(row.codes)),
        ]
        for row in report.sections
    ]
    header = ["Section", "Findings", "Left", "v0.4 defects", "Files", "Fixable (safe / unsafe)", "Rules"]
    return ["", "## By section: migration guide, or the rule's page", "", *table(header, "lrrrrrl", rows)]


def _directories(report: Report, limit: int) -> list[str]:
    if not report.directories:
        return []
    shown, left_out = _cut(report.directories, limit)
    rows = [
        [
            code(row.path),
            f"{row.tally.left:,}",
            *(f"{row.statuses[status]:,}" for status in STATUSES),
            percent(row.statuses[Status.V04], row.autogen_files),
            f"{row.tally.total:,}",
        ]
        for row in shown
    ]
    header = ["Directory", "Left", "Files on v0.4", "v0.4 with defects", "Mixed", "Still v0.2", "Migrated", "Findings"]
    lines = ["", "## By directory, most left first", "", *table(header, "lrrrrrrr", rows)]
    return lines + _more(left_out)


def _files(report: Report, limit: int) -> list[str]:
    if not report.files:
        return []
    shown, left_out = _cut(report.files, limit)
    rows = [
        [
            code(row.path),
            f"{row.tally.left:,}",
            f"{row.tally.total:,}",
            row.status.label if row.status is not None else "-",
            cell(rule_list(row.codes, 4)),
        ]
        for row in shown
    ]
    lines = [
        "",
        "## Files with the most left",
        "",
        *table(["File", "Left", "Findings", "Status", "Rules"], "lrrll", rows),
    ]
    return lines + _more(left_out)


def _render(report: Report, limit: int) -> str:
    lines = [f"# {cell(report.title)}", "", *_headline(report)]
    lines += _changes(report, limit)
    lines += _sections(report)
    lines += _directories(report, limit)
    lines += _files(report, limit)
    lines += ["", f"Left: v0.2 API uses and v0.2 pins still to migrate. Guide: <{report.guide_url}>"]
    return "\n".join(lines) + "\n"


def render(report: Report, max_bytes: int = SUMMARY_LIMIT) -> str:
    """The report, its long tables cut until it fits in ``max_bytes``."""
    limit = ROWS
    text = _render(report, limit)
    while len(text.encode("utf-8")) > max_bytes and limit > 1:
        limit //= 2
        text = _render(report, limit)
    return text
