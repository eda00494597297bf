"""The detection engine's entry points: source (or a tree) in, findings out.

Independent of files, flake8 and pylint: every adapter, and notebooks' cells,
come through here.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Sequence
from functools import cache
from typing import NamedTuple

from autogen_lint import relevance
from autogen_lint.checker import Checker, Relevance, Superseded
from autogen_lint.findings import Finding
from autogen_lint.rules import ModulePlan, Plan, plan
from autogen_lint.settings import Settings
from autogen_lint.source import MAF_TRIGGER, TRIGGER, SourceDecodeError, SourceError, decode, might_match, parse

DEFAULT_SETTINGS = Settings()
__all__ = ["DEFAULT_SETTINGS", "CheckResult", "Superseded", "check_source", "check_tree"]


class CheckResult(NamedTuple):
    """Findings of one source, or the reason it could not be checked."""

    findings: list[Finding]
    error: SourceError | None = None


def check_tree(
    tree: ast.Module,
    settings: Settings = DEFAULT_SETTINGS,
    lines: Sequence[str] | None = None,
    *,
    notebook: bool = False,
    rules: Plan | None = None,
    interrupt: Callable[[], bool] | None = None,
    skip: Collection[ast.AST] = (),
) -> list[Finding]:
    """Run every rule over an already parsed module.

    ``lines`` (the module's source lines) turn ``ast``'s byte columns into
    character columns on non-ASCII lines; without them columns stay in bytes.
    ``notebook`` says the module is a notebook's code cells joined together.
    ``rules`` replaces the registered rules (a profiler wraps them). ``interrupt`` is asked
    now and then; when it says ``True`` the check is given up (``Superseded`` is raised).
    """
    rules = rules or plan()
    module: ModulePlan | None
    skipping: Relevance | None = None
    if not relevance.enabled():
        module = _everything() if rules is plan() else rules.everything()
    else:
        index = relevance.Spans(lines) if lines is not None else None
        text = index.text if index is not None else None
        imported = relevance.imported_packages(tree, rules.packages, text)
        module = rules.for_module(imported, notebook=notebook, target=settings.target)
        if module is None:
            return []  # no rule is relevant: the parse was all the cost
        if index is not None and not module.anywhere:
            skipping = Relevance(index, module.words, module.packages)
    checker = Checker(
        tree,
        settings,
        module.node_rules,
        module.finish_rules,
        lines,
        notebook=notebook,
        relevance=skipping,
        interrupt=interrupt,
        skip=skip,
    )
    if interrupt is not None and interrupt():
        raise Superseded
    try:
        return checker.run()
    finally:
        checker.release()


@cache
def _everything() -> ModulePlan:
    return plan().everything()


def check_source(
    source: str | bytes, settings: Settings = DEFAULT_SETTINGS, *, filename: str = "<unknown>"
) -> CheckResult:
    """Check one module's source. Bytes are decoded as Python would (BOM, PEP 263)."""
    if isinstance(source, bytes):
        if TRIGGER.encode() not in source and MAF_TRIGGER.encode() not in source:
            return CheckResult([])
        try:
            source = decode(source)
        except SourceDecodeError as error:
            return CheckResult([], error.error)
    if not might_match(source, every_v04_module=settings.agent_framework):
        return CheckResult([])
    parsed = parse(source, filename)
    if isinstance(parsed, SourceError):
        return CheckResult([], parsed)
    return CheckResult(check_tree(parsed.tree, settings, parsed.lines))
