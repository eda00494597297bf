"""``--statistics``: counts per rule and per file, most first."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from autogen_lint.catalog import RULES
from autogen_lint.output.common import each, summary
from autogen_lint.runner import FileReport


def statistics(reports: Sequence[FileReport], checked: int, *, as_json_output: bool = False) -> str:
    """Counts per rule and per file, most first: the migration work left."""
    by_rule = Counter(finding.code for _, finding in each(reports))
    by_file = Counter({report.path: len(report.findings) for report in reports if report.findings})
    rules = sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))
    files = sorted(by_file.items(), key=lambda item: (-item[1], item[0]))
    if as_json_output:
        data = {
            "rules": [{"code": code, "symbol": RULES[code].symbol, "count": count} for code, count in rules],
            "files": [{"path": path, "count": count} for path, count in files],
            "total": sum(by_rule.values()),
            "files_checked": checked,
        }
        return json.dumps(data, indent=2) + "\n"
    width = len(str(max([*by_rule.values(), *by_file.values(), 1])))
    lines = [f"{count:>{width}}  {code}  {RULES[code].symbol}" for code, count in rules]
    lines += ["", *(f"{count:>{width}}  {path}" for path, count in files)] if files else []
    lines.append(summary(reports, checked))
    return "\n".join(lines) + "\n"
