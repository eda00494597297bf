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


def test_notebook_with_each_cell_emptied_or_broken() -> None:
    """Each code cell emptied, or given IPython lines and a syntax error, in turn: that cell stays as it is."""
    import json

    from autogen_lint.fix.files import code_cells
    from autogen_lint.migrate.driver import link_for
    from autogen_lint.migrate.notebooks import migrate_notebook

    document = json.loads((FIXTURES / "notebook_tools.ipynb").read_text("utf-8"))
    indexes = [i for i, cell in enumerate(document["cells"]) if cell["cell_type"] == "code"]
    for index in indexes:
        for replacement in ("", "%%bash\necho hi\n", "!ls\nx = (\n", "  indented = 1\n"):
            changed = json.loads(json.dumps(document))
            changed["cells"][index]["source"] = replacement
            raw = json.dumps(changed).encode()
            try:
                new_raw, _, _, _ = migrate_notebook(raw, CONFIG, link_for(CONFIG), lambda raw: ([], []))
            except Refusal as refusal:
                assert str(refusal)
                continue
            cells = code_cells(json.loads(new_raw))
            assert cells[index + 1] == replacement or not replacement
            for number, source in cells.items():
                if number == index + 1:
                    continue  # a cell that does not parse is left as it is, the others are migrated
                lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!", "echo"))]
                assert python_error("\n".join(lines), top_level_await=True) is None, source
