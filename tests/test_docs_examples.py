"""Each rule's Example triggers exactly that rule; each Use instead triggers nothing."""

from __future__ import annotations

import pytest

from autogen_lint.catalog import get_rule, iter_rules
from autogen_lint.engine import check_source

IMPORT_CODES = {"AGL101", "AGL102"}
PYTHON_RULES = list(iter_rules("python"))


@pytest.mark.parametrize("rule", PYTHON_RULES, ids=lambda r: r.code)
def test_example_triggers_its_rule(rule) -> None:
    result = check_source(rule.example)
    assert result.error is None
    codes = {f.code for f in result.findings}
    assert rule.code in codes
    assert codes <= {rule.code} | IMPORT_CODES


def test_unreadable_file_example() -> None:
    rule = get_rule("AGL001")
    assert check_source(rule.example).error is not None
    assert check_source(rule.use_instead) == check_source("")


@pytest.mark.parametrize("rule", PYTHON_RULES, ids=lambda r: r.code)
def test_use_instead_is_clean(rule) -> None:
    result = check_source(rule.use_instead)
    assert result.error is None
    assert result.findings == []
