"""``gitlab``: a GitLab Code Quality report, shown in merge requests.

Each finding's ``fingerprint`` is what GitLab tells findings apart by, across pipelines: it
hashes the path, the code, the message and the text of the finding's line (not its number, so
a finding keeps its fingerprint when lines are added above it), plus how many identical
findings came before it in the file, so two findings never share one.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from autogen_lint.findings import Finding
from autogen_lint.output.common import each, in_cell, is_error
from autogen_lint.output.sources import Sources
from autogen_lint.runner import FileReport


def gitlab(reports: Sequence[FileReport]) -> str:
    sources = Sources()
    seen: Counter[str] = Counter()
    issues = []
    for path, finding in each(reports):
        text = sources.line(path, finding.cell, finding.line).strip()
        key = json.dumps([path, finding.code, finding.cell, finding.message, text])
        fingerprint = hashlib.sha256(f"{key}#{seen[key]}".encode()).hexdigest()
        seen[key] += 1
        issues.append(_issue(path, finding, fingerprint))
    return json.dumps(issues, indent=2) + "\n"


def _issue(path: str, finding: Finding, fingerprint: str) -> dict[str, Any]:
    line, end_line = (1, 1) if finding.cell is not None else (finding.line, max(finding.end_line, finding.line))
    return {
        "type": "issue",
        "description": in_cell(finding, finding.message),
        "check_name": finding.code,
        "categories": ["Compatibility"] if not is_error(finding) else ["Bug Risk"],
        "fingerprint": fingerprint,
        "severity": "critical" if is_error(finding) else "major",
        "location": {"path": path, "lines": {"begin": line, "end": end_line}},
        "content": {"body": f"Migration guide: {finding.url}"},
    }
