"""What the report needs to know about each checked file beyond its findings.

Which AutoGen packages it imports (a file on v0.4 has no finding saying so) and the identity
of each finding (for comparing with an earlier report). Files are read again only when they
mention AutoGen or have findings; a file is parsed only when its findings leave the question
open: when it mentions an ``autogen_*`` package on an import line, or has no v0.2 findings
but an import of ``autogen``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from autogen_lint.discovery import Found, Kind
from autogen_lint.names import is_v02, top_package
from autogen_lint.report.baseline import Entry, entries
from autogen_lint.report.fingerprint import Lines, read_lines
from autogen_lint.report.sections import Category, category
from autogen_lint.runner import FileReport, display_path
from autogen_lint.source import TRIGGER, parse_module

# The packages of AutoGen v0.4 and later. A project's own ``autogen_stateflow`` module (as in
# AutoGen's promptflow sample) does not put a file on v0.4.
V04_PACKAGES = frozenset({"autogen_agentchat", "autogen_core", "autogen_ext", "autogen_magentic_one"})
_V04_NAMES = "|".join(sorted(V04_PACKAGES))
_V04_IMPORT_LINE = re.compile(rf"(?:^|[\s;])(?:from|import)\s[^\n]*\b(?:{_V04_NAMES})\b")
_V02_IMPORT_LINE = re.compile(r"(?:^|[\s;])(?:from|import)\s[^\n]*\bautogen\b(?!_)")
V04_STATEMENT = re.compile(rf"^(?:from|import)[ \t]+(?:{_V04_NAMES})\b", re.MULTILINE)
V02_STATEMENT = re.compile(r"^(?:from|import)[ \t]+autogen\b(?!_)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FileFacts:
    """One checked file: its findings, their identities, and the AutoGen packages it imports."""

    report: FileReport
    kind: Kind
    entries: tuple[Entry, ...]
    imports_v02: bool
    imports_v04: bool

    @property
    def path(self) -> str:
        return self.report.key or self.report.path


def collect(items: Sequence[Found], reports: Sequence[FileReport]) -> list[FileFacts]:
    """The facts of every checked file, in the reports' order."""
    kinds = {display_path(item.path): item.kind for item in items}
    return [_facts(report, kinds.get(report.path, Kind.PYTHON)) for report in reports]


def _facts(report: FileReport, kind: Kind) -> FileFacts:
    if kind is Kind.DEPENDENCIES:
        return FileFacts(report, kind, tuple(entries(report)), False, False)
    lines: Lines = {}
    if report.findings or _mentions_autogen(Path(report.path)):
        lines = read_lines(Path(report.path), kind)
    found = tuple(entries(report, lines))
    v02_findings = any(category(finding.code) is Category.V02_API for finding in report.findings)
    text = "\n".join(line for cell in lines.values() for line in cell)
    need_v04 = bool(_V04_IMPORT_LINE.search(text))
    need_v02 = not v02_findings and bool(_V02_IMPORT_LINE.search(text))
    imports_v02, imports_v04 = v02_findings, False
    if not any(finding.code == "AGL001" for finding in report.findings):  # the file parses
        imports_v04 = need_v04 and plain_import(V04_STATEMENT, text)
        imports_v02 = imports_v02 or (need_v02 and plain_import(V02_STATEMENT, text))
    want_v04, want_v02 = need_v04 and not imports_v04, need_v02 and not imports_v02
    if want_v04 or want_v02:
        v02, v04 = _imports(lines, want_v02=want_v02, want_v04=want_v04)
        imports_v02, imports_v04 = imports_v02 or v02, imports_v04 or v04
    return FileFacts(report, kind, found, imports_v02, imports_v04)


def plain_import(statement: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` (which parses) has an import statement at the start of a line outside any string.

    A line at column 0 after an even number of each kind of triple quote, not continuing the
    line before, is a statement; anything less plain is left to the parser.
    """
    for match in statement.finditer(text):
        before = text[: match.start()]
        if before.count('"""') % 2 == 0 and before.count("'''") % 2 == 0 and not before.endswith("\\\n"):
            return True
    return False


def _mentions_autogen(path: Path) -> bool:
    try:
        return TRIGGER.encode() in path.read_bytes()
    except OSError:
        return False


def _imports(lines: Lines, *, want_v02: bool, want_v04: bool) -> tuple[bool, bool]:
    """Whether the module (or, failing that, each notebook cell) imports ``autogen``, a v0.4 package.

    Only statements are visited (imports are statements), and the walk stops once what is
    wanted is known.
    """
    tree = parse_module("\n".join(line for cell in lines.values() for line in cell))
    trees = [tree] if isinstance(tree, ast.Module) else []
    if not trees and len(lines) > 1:
        trees = [t for cell in lines.values() if isinstance(t := parse_module("\n".join(cell)), ast.Module)]
    v02 = v04 = False
    for node in (statement for module in trees for statement in _statements(module.body)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        v02 = v02 or any(is_v02(name) for name in names)
        v04 = v04 or any(top_package(name) in V04_PACKAGES for name in names)
        if (v02 or not want_v02) and (v04 or not want_v04):
            break
    return v02, v04


def _statements(body: list[ast.stmt]) -> Iterator[ast.AST]:
    """Every statement in ``body`` and the blocks nested in it (and the handlers and cases holding some)."""
    stack: list[ast.AST] = list(reversed(body))
    while stack:
        node = stack.pop()
        yield node
        for block in ("handlers", "cases", "finalbody", "orelse", "body"):
            children = getattr(node, block, None)
            if isinstance(children, list):
                stack.extend(reversed(children))
