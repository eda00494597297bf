"""Findings as LSP diagnostics: plain JSON-ready dicts, built once per check."""

from __future__ import annotations

import json
from collections.abc import Hashable, Sequence
from typing import Any

from autogen_lint.catalog import RULES
from autogen_lint.findings import Edit, Finding
from autogen_lint.server.positions import UTF16, lsp_position, to_units

SOURCE = "autogen-lint"
ERROR, WARNING = 1, 2  # DiagnosticSeverity
FROM_RANGE = "range"
"""``data.fixLines``: the fix's edit lines count from the diagnostic's start line (0 = that line)."""


def _relative(finding: Finding) -> bool:
    """Whether the fix's lines are given from the finding's line: in a text document, not a notebook."""
    return finding.cell is None and finding.fix is not None and all(e.cell is None for e in finding.fix.edits)


def diagnostic(finding: Finding, lines: Sequence[str], encoding: str = UTF16) -> dict[str, Any]:
    """One diagnostic: exact range (in ``encoding`` code units), the code linked to the guide, the fix in ``data``.

    In a text document the fix's edits count lines from the diagnostic's, so a diagnostic that
    only moved is sent as it was (see ``Encoded``) and its fix follows the range.
    """
    rule = RULES[finding.code]
    data: dict[str, Any] = {}
    if finding.fix is not None:
        fix = finding.fix.to_data()
        if _relative(finding):
            base = finding.line
            fix["edits"] = [[e[0] - base, e[1], e[2] - base, *e[3:]] for e in fix["edits"]]
            data["fixLines"] = FROM_RANGE
        data["fix"] = fix
    return {
        "range": {
            "start": lsp_position(lines, finding.line, finding.col, encoding),
            "end": lsp_position(lines, finding.end_line, finding.end_col, encoding),
        },
        "severity": ERROR if rule.severity == "error" else WARNING,
        "code": finding.code,
        "codeDescription": {"href": finding.url},
        "source": SOURCE,
        "message": finding.message,
        "data": data,
    }


def diagnostics(findings: Sequence[Finding], lines: Sequence[str], encoding: str = UTF16) -> list[dict[str, Any]]:
    return [diagnostic(finding, lines, encoding) for finding in findings]


def absolute(edits: Sequence[Edit], start_line: int) -> tuple[Edit, ...]:
    """Edits whose lines counted from a diagnostic starting at LSP line ``start_line``, made 1-based."""
    base = start_line + 1
    return tuple(Edit(e.line + base, e.col, e.end_line + base, e.end_col, e.content, e.cell) for e in edits)


_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, check_circular=False)


class Encoded:
    """Each document's diagnostics as JSON text, encoding again only the findings that changed.

    A finding that is unchanged, or only moved up or down, since the last check reuses its JSON.
    A diagnostic's JSON is kept as a template with its two line numbers left open; its key is
    the finding with its lines made relative, plus the text of its first and last lines (which
    decide the columns in UTF-16 and UTF-8).
    """

    def __init__(self) -> None:
        self._last: dict[str, dict[Hashable, str]] = {}
        self._shapes: dict[str, dict[int, tuple[Finding, Hashable]]] = {}
        """Per document, the findings last encoded (by identity) and what their diagnostics depend on."""

    def encode(self, uri: str, findings: Sequence[Finding], lines: Sequence[str], encoding: str = UTF16) -> str:
        """The JSON array of the diagnostics of ``uri``."""
        previous = self._last.get(uri, {})
        shapes = self._shapes.get(uri, {})
        current: dict[Hashable, str] = {}
        seen: dict[int, tuple[Finding, Hashable]] = {}
        parts = []
        for finding in findings:
            known = shapes.get(id(finding))
            shape = known[1] if known is not None and known[0] is finding else _moved(finding)
            seen[id(finding)] = (finding, shape)
            key = (shape, _line(lines, finding.line), _line(lines, finding.end_line), encoding)
            template = previous.get(key) or current.get(key)
            if template is None:
                template = _template(finding, lines, encoding)
            current[key] = template
            parts.append(template % (finding.line - 1, finding.end_line - 1))
        self._last[uri] = current
        self._shapes[uri] = seen
        return f"[{','.join(parts)}]"

    def forget(self, uri: str) -> None:
        self._last.pop(uri, None)
        self._shapes.pop(uri, None)


def _moved(finding: Finding) -> Hashable:
    """What a finding's diagnostic depends on, apart from where its lines are."""
    if finding.cell is not None or (finding.fix is not None and not _relative(finding)):
        return finding  # notebooks: lines are not made relative
    base = finding.line
    fix = finding.fix
    edits = (
        () if fix is None else tuple((e.line - base, e.col, e.end_line - base, e.end_col, e.content) for e in fix.edits)
    )
    return (
        finding.code,
        finding.message,
        finding.url,
        finding.col,
        finding.end_line - base,
        finding.end_col,
        None if fix is None else (fix.title, fix.applicability, edits),
    )


def _template(finding: Finding, lines: Sequence[str], encoding: str) -> str:
    """The diagnostic's JSON with ``%d`` for its start and end lines (0-based)."""
    item = diagnostic(finding, lines, encoding)
    start = to_units(_line(lines, finding.line), finding.col, encoding)
    end = to_units(_line(lines, finding.end_line), finding.end_col, encoding)
    del item["range"]
    rest = _ENCODER.encode(item).replace("%", "%%")
    return f'{{"range":{{"start":{{"line":%d,"character":{start}}},"end":{{"line":%d,"character":{end}}}}},{rest[1:]}'


def _line(lines: Sequence[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""
