"""Findings as the records of ``--output-format json``, and back.

One file's findings are kept as the text of their records, laid out as ``json.dumps(...,
indent=2)`` lays out the output's array items, each with an empty ``"path"``: the result cache
stores that text, and a run whose findings come from the cache writes it with the file's path
spliced in, without making a ``Finding`` of each. Written record by record with the C string
encoder (``json.dumps`` with an indent falls back to its pure-Python encoder).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring_ascii
from typing import Any

from autogen_lint.catalog import RULES
from autogen_lint.findings import Applicability, Edit, Finding, Fix

_START = '\n    "path": "",'
_CODES = re.compile(r'\n    "code": "([^"\\]*)",')
_strings: dict[str, str] = {}  # codes, symbols, links and messages repeat


def _encoded(text: str) -> str:
    found = _strings.get(text)
    if found is None:
        found = encode_basestring_ascii(text)
        if len(_strings) < 4096:
            _strings[text] = found
    return found


def records_text(findings: Iterable[Finding], path: str = "") -> str:
    """The findings' records, one after another (a comma and a line break between), each with ``path``.

    With a path this is ``with_path(records_text(findings), path)``, written in one pass.
    """
    start = f'\n    "path": {encode_basestring_ascii(path)},' if path else _START
    parts: list[str] = []
    for finding in findings:
        rule = RULES[finding.code]
        fix = "null" if finding.fix is None else _fix_text(finding.fix)
        cell = "null" if finding.cell is None else finding.cell
        parts.append(
            f'  {{{start}\n    "line": {finding.line},\n    "column": {finding.col + 1},'
            f'\n    "end_line": {finding.end_line},\n    "end_column": {finding.end_col + 1},'
            f'\n    "code": {_encoded(finding.code)},\n    "symbol": {_encoded(rule.symbol)},'
            f'\n    "message": {_encoded(finding.message)},\n    "url": {_encoded(finding.url)},'
            f'\n    "severity": {_encoded(rule.severity)},\n    "cell": {cell},'
            f'\n    "fix": {fix}\n  }}'
        )
    return ",\n".join(parts)


def _fix_text(fix: Fix) -> str:
    """``fix_record(fix)`` as a record's ``"fix"`` value, laid out as ``json.dumps(..., indent=2)`` lays it out."""
    head = (
        f'{{\n      "applicability": {_encoded(fix.applicability.value)},'
        f'\n      "message": {_encoded(fix.title)},\n      "edits": '
    )
    if not fix.edits:
        return f"{head}[]\n    }}"
    edits = ",\n".join(_edit_text(edit) for edit in fix.edits)
    return f"{head}[\n{edits}\n      ]\n    }}"


def _edit_text(edit: Edit) -> str:
    cell = "" if edit.cell is None else f',\n          "cell": {edit.cell}'
    return (
        f'        {{\n          "content": {encode_basestring_ascii(edit.content)},'
        f'\n          "location": {{\n            "row": {edit.line},'
        f'\n            "column": {edit.col + 1}\n          }},'
        f'\n          "end_location": {{\n            "row": {edit.end_line},'
        f'\n            "column": {edit.end_col + 1}\n          }}{cell}\n        }}'
    )


def with_path(records: str, path: str) -> str:
    """``records`` of one file with its ``path`` (as shown) in each record.

    The empty path is found only where a record starts: a JSON string holds no line break
    (it is escaped), so no message can spell that text.
    """
    return records.replace(_START, f'\n    "path": {encode_basestring_ascii(path)},')


def array(parts: Iterable[str]) -> str:
    """The output's JSON array of the records of each file (``with_path`` applied)."""
    return "".join(array_pieces(parts))


def array_pieces(parts: Iterable[str]) -> Iterator[str]:
    """``array`` in pieces, as they can be written one after another (no copy of the whole)."""
    separator = "[\n"
    for part in parts:
        if part:
            yield separator
            yield part
            separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


def plausible(records: object) -> bool:
    """Whether ``records`` (from the result cache) looks as ``records_text`` writes it, naming known rules."""
    if not isinstance(records, str):
        return False
    if not records:
        return True
    codes = _CODES.findall(records)
    return (
        records.startswith("  {" + _START)
        and records.count(_START) == len(codes)
        and all(code in RULES and code != "" for code in codes)
    )


def findings_of(records: str) -> tuple[Finding, ...]:
    """The findings ``records_text`` wrote; raises ``ValueError`` (or ``TypeError``, ``KeyError``) on another shape."""
    if not records:
        return ()
    return tuple(_finding(record) for record in json.loads(f"[{records}]"))


def _finding(record: dict[str, Any]) -> Finding:
    fix = record["fix"]
    finding = Finding(
        record["code"],
        record["line"],
        record["column"] - 1,
        record["end_line"],
        record["end_column"] - 1,
        record["message"],
        record["url"],
        record["cell"],
        None if fix is None else _fix(fix),
    )
    if finding.code not in RULES or not isinstance(finding.line, int):
        raise ValueError("not a finding")
    return finding


def _fix(record: dict[str, Any]) -> Fix:
    edits = tuple(
        Edit(
            edit["location"]["row"],
            edit["location"]["column"] - 1,
            edit["end_location"]["row"],
            edit["end_location"]["column"] - 1,
            edit["content"],
            edit.get("cell"),
        )
        for edit in record["edits"]
    )
    return Fix(record["message"], Applicability(record["applicability"]), edits)


def fix_record(fix: Fix) -> dict[str, Any]:
    """``{applicability, message, edits}`` as ruff writes a fix; positions 1-based, cell-relative in notebooks."""
    return {"applicability": fix.applicability.value, "message": fix.title, "edits": [_edit(e) for e in fix.edits]}


def _edit(edit: Edit) -> dict[str, Any]:
    data: dict[str, Any] = {
        "content": edit.content,
        "location": {"row": edit.line, "column": edit.col + 1},
        "end_location": {"row": edit.end_line, "column": edit.end_col + 1},
    }
    if edit.cell is not None:
        data["cell"] = edit.cell
    return data
