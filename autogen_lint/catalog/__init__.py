"""The rule catalog: the one place every rule is described, and what each name becomes.

Docs pages, ``explain``, pylint's ``msgs``, SARIF rule metadata, every diagnostic's link
and the advice for each migration target are read from here. The data lives in one
module per subject: ``rules`` (the AutoGen rule families), ``v04`` (the AutoGen v0.4
destination of each v0.2 name).
"""

from __future__ import annotations

from collections.abc import Iterator

from autogen_lint.catalog.model import (
    CODE_RE,
    PYLINT_BASE_ID,
    SYMBOL_RE,
    FixInfo,
    Guide,
    Rule,
    Severity,
    Target,
)
from autogen_lint.catalog.rules import AUTOGEN_RULES

__all__ = [
    "CODE_RE",
    "PYLINT_BASE_ID",
    "RULES",
    "RULES_BY_SYMBOL",
    "SYMBOL_RE",
    "FixInfo",
    "Guide",
    "Rule",
    "Severity",
    "Target",
    "get_rule",
    "iter_rules",
]

_RULES: tuple[Rule, ...] = AUTOGEN_RULES
RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
RULES_BY_SYMBOL: dict[str, Rule] = {rule.symbol: rule for rule in _RULES}


def get_rule(code_or_symbol: str) -> Rule:
    """Look a rule up by code (``AGL201``, any case) or symbol; ``KeyError`` if unknown."""
    key = code_or_symbol.strip()
    rule = RULES.get(key.upper()) or RULES_BY_SYMBOL.get(key.lower())
    if rule is None:
        raise KeyError(code_or_symbol)
    return rule


def iter_rules(target: Target | None = None) -> Iterator[Rule]:
    """Rules in code order, optionally only those for one kind of input."""
    return (rule for rule in _RULES if target is None or rule.target == target)
