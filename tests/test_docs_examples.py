"""Every rule page's examples are checked: the Example produces exactly its own rule (and
maybe AGL101/AGL102 for its imports); the Use instead produces nothing.

The code is taken from the rendered pages in ``docs/rules``, as readers see it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path, PurePath

import pytest

from autogen_lint.catalog import Rule, iter_rules
from autogen_lint.dependencies import check_dependencies
from autogen_lint.engine import check_source, check_tree
from autogen_lint.settings import Settings

PAGES = Path(__file__).resolve().parents[1] / "docs" / "rules"
IMPORT_CODES = {"AGL101", "AGL102"}
# v0.4 examples of the Agent Framework rules also import v0.4 names and build v0.4 agents.
V04_CODES = {"AGL801", "AGL804"}


def settings_for(rule: Rule) -> Settings:
    """The AGL8xx rules report under the Agent Framework target only."""
    return Settings(target="agent-framework") if rule.code.startswith("AGL8") else Settings()


def block(rule: Rule, heading: str) -> tuple[str, str]:
    """The language and code of the fenced block under ``## <heading>`` on the rule's page."""
    page = (PAGES / f"{rule.code}.md").read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}[^\n]*\n\n```(\w+)\n(.*?)```$", page, re.M | re.S)
    assert match is not None, f"{rule.code}: no '{heading}' block"
    return match.group(1), match.group(2)


def codes(rule: Rule, heading: str) -> set[str]:
    language, code = block(rule, heading)
    if rule.target == "dependencies":
        assert language == "text"
        findings, errors = check_dependencies(PurePath("requirements.txt"), code, Settings())
        assert errors == []
        return {f.code for f in findings}
    assert language == "python"
    if rule.notebooks_only:  # the example is a notebook cell
        return {f.code for f in check_tree(ast.parse(code), notebook=True)}
    result = check_source(code, settings_for(rule))
    if rule.target == "files":
        return {"AGL001"} if result.error is not None else {f.code for f in result.findings}
    assert result.error is None, result.error
    return {f.code for f in result.findings}


@pytest.mark.parametrize("rule", list(iter_rules()), ids=lambda r: r.code)
def test_example_triggers_its_rule(rule: Rule) -> None:
    found = codes(rule, "Example")
    assert rule.code in found
    assert found <= {rule.code} | (V04_CODES if rule.code.startswith("AGL8") else IMPORT_CODES)


@pytest.mark.parametrize("rule", list(iter_rules()), ids=lambda r: r.code)
def test_use_instead_is_clean(rule: Rule) -> None:
    assert codes(rule, "Use instead") == set()


def test_the_blocks_are_the_catalog_examples() -> None:
    """The pages show the catalog's code unchanged (so `explain` and the docs agree)."""
    for rule in iter_rules():
        assert block(rule, "Example")[1] == rule.example
        assert block(rule, "Use instead")[1] == rule.use_instead
