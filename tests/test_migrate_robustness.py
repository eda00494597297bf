"""Nothing thrown at ``autogen-lint migrate`` makes it raise: every input is migrated into code
that compiles, or refused with a reason.

Generated programs (hypothesmith) follow a v0.2 program that migrates, so the codemod reads
them all the way; every fixture is also migrated with each of its lines taken out in turn.
"""

from __future__ import annotations

import ast
import os
import warnings
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

pytest.importorskip("libcst")

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.fix.apply import python_error
from autogen_lint.migrate.driver import migrate_text
from autogen_lint.migrate.refusal import Refusal

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")
FIXTURES = Path(__file__).parent / "fixtures" / "migrate"
EXAMPLES = int(os.environ.get("AUTOGEN_LINT_FUZZ_EXAMPLES", "40"))
PROGRAM = (FIXTURES / "two_agent_chat.py").read_text("utf-8")
ITEM = Found(FIXTURES / "fuzz.py", Kind.PYTHON)
CONFIG = Config(root=FIXTURES)


def _parses(source: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def migrated_or_refused(source: str) -> None:
    try:
        new, _ = migrate_text(source, ITEM, CONFIG)
    except Refusal as refusal:
        assert str(refusal)
        return
    assert python_error(new) is None, new


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar().map(lambda code: PROGRAM + code).filter(_parses))
def test_generated_programs_never_raise(source: str) -> None:
    migrated_or_refused(source)


@pytest.mark.parametrize("name", ["two_agent_chat", "group_chat_selector", "tool_decorators", "main_function"])
def test_each_line_taken_out(name: str) -> None:
    lines = (FIXTURES / f"{name}.py").read_text("utf-8").splitlines(keepends=True)
    for number in range(len(lines)):
        migrated_or_refused("".join(lines[:number] + lines[number + 1 :]))
