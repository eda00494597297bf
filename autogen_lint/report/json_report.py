"""The report as JSON, for dashboards; its ``findings`` list also serves as a baseline."""

from __future__ import annotations

import json
from typing import Any

from autogen_lint import __version__
from autogen_lint.catalog import RULES
from autogen_lint.report.baseline import VERSION
from autogen_lint.report.model import Changes, Item, Report, Status, Tally
from autogen_lint.report.sections import Category, category

FORMAT = "autogen-lint-report"


def tally(counts: Tally) -> dict[str, int]:
    """A tally's numbers under the headline's keys."""
    return {
        "findings": counts.total,
        **{kind.value: counts.categories[kind] for kind in Category},
        "left": counts.left,
        "fixable_safe": counts.fixable_safe,
        "fixable_unsafe": counts.fixable_unsafe,
    }


def _statuses(counts: dict[Status, int]) -> dict[str, int]:
    return {kind.value: counts.get(kind, 0) for kind in Status}


def _finding(item: Item) -> dict[str, Any]:
    finding = item.finding
    return {
        **item.entry.to_data(),
        "column": finding.col + 1,
        "end_line": finding.end_line,
        "end_column": finding.end_col + 1,
        "symbol": RULES[finding.code].symbol,
        "category": category(finding.code).value,
        "url": finding.url,
        "fixable": item.fixable.value if item.fixable is not None else None,
    }


def _changes(changes: Changes | None) -> dict[str, Any] | None:
    if changes is None:
        return None
    return {
        "baseline": changes.baseline,
        "new": changes.new,
        "fixed": changes.fixed,
        "sections": [{"section": c.name, "new": c.new, "fixed": c.fixed} for c in changes.sections],
        "files": [{"path": c.name, "new": c.new, "fixed": c.fixed} for c in changes.files],
    }


def data(report: Report) -> dict[str, Any]:
    """Every number of the report, and every finding with its identity."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "autogen_lint": __version__,
        "title": report.title,
        "guide_url": report.guide_url,
        "files_checked": report.files_checked,
        "target": report.target,
        "headline": {
            "autogen_files": report.autogen_files,
            "files": _statuses(report.statuses),
            "migrated_share": round(report.migrated_share, 4),
            "unreadable_files": report.unreadable_files,
            **tally(report.tally),
        },
        "codes": dict(sorted(report.codes.items())),
        "sections": [
            {
                "anchor": row.anchor,
                "title": row.title,
                "url": row.url,
                "files": len(row.files),
                **tally(row.tally),
                "codes": dict(sorted(row.codes.items())),
            }
            for row in report.sections
        ],
        "directories": [
            {"path": row.path, "files_checked": row.files, "files": _statuses(row.statuses), **tally(row.tally)}
            for row in report.directories
        ],
        "files": [
            {
                "path": row.path,
                "kind": row.kind.name.lower(),
                "status": row.status.value if row.status is not None else None,
                **tally(row.tally),
                "codes": dict(sorted(row.codes.items())),
            }
            for row in report.files
        ],
        "changes": _changes(report.changes),
        "findings": [_finding(item) for item in report.items],
    }


def render(report: Report) -> str:
    return json.dumps(data(report), indent=1, ensure_ascii=False) + "\n"
