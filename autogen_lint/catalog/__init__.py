"""The rule catalog: the one place every rule is described, and what each name becomes.

Docs pages, ``explain``, pylint's ``msgs``, SARIF rule metadata, every diagnostic's link
and the advice for each migration target are read from here. The data lives in one
module per subject: ``rules`` (the AutoGen rule families), ``rules_maf`` (the Agent
Framework families), ``v04`` (the AutoGen v0.4 destination of each v0.2 name) and ``maf``
(the Agent Framework destination of each v0.2 and v0.4 name, and its names from before 1.0).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from autogen_lint.catalog import maf, v04
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
from autogen_lint.catalog.rules_maf import MAF_RULES
from autogen_lint.findings import Applicability, Fix
from autogen_lint.settings import Settings

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
    "target_advice",
]

_RULES: tuple[Rule, ...] = (*AUTOGEN_RULES, *MAF_RULES)
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


def target_advice(rule: Rule, fields: Mapping[str, str], settings: Settings) -> tuple[dict[str, str], Fix | None]:
    """A v0.2 finding's message fields and suggestion for the project's migration target.

    Under the Agent Framework target the advice (``instead``) names the Agent Framework
    replacement and links its guide section; the finding's own link stays the v0.2 -> v0.4
    guide's. Otherwise the fields are the rule's own and the suggestion its catalog one.
    """
    if not (settings.agent_framework and rule.v02 and "instead" in fields):
        return dict(fields), rule.suggestion(**fields)
    name = fields.get("name")
    entry = v04.lookup(name) if name and rule.code in (v04.MOVED, v04.NO_EQUIVALENT) else None
    advice = maf.v02_advice(rule.code, entry.v04 if entry else None, entry.anchor if entry else None)
    if advice is None:
        return dict(fields), rule.suggestion(**fields)
    text, anchor = advice
    instead = f"in Agent Framework, {text} ({settings.link(anchor)})"
    return {**fields, "instead": instead}, Fix(f"Agent Framework: {text}", Applicability.DISPLAY_ONLY)
