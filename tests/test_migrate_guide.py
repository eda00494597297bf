"""The migration guide's own v0.2 examples, one fixture per section, migrate to that section's v0.4 classes.

The fixtures in ``tests/fixtures/migrate/guide`` follow the shape of each v0.2 example of the
guide's sections (Model Client, Assistant Agent, User Proxy, Conversable Agent and Register
Reply, Two-Agent Chat, Tool Use, Group Chat). ``migrate`` must rewrite each one, its output must
compile, settle, pass the v0.4 rules and import the classes that section's v0.4 example uses.
Where the example is a whole program, ``tox -e migrate-v04`` runs the output with a replayed
model (``tests/catalog/programs.py``). The two-agent chat's ``MaxMessageTermination`` is not
required (v0.2's ``max_consecutive_auto_reply`` may be kept another way), and the guide's
``TextMentionTermination`` may be any condition (a ``FunctionalTermination`` keeps v0.2's exact
check, where the guide's condition matches the word anywhere).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytest.importorskip("libcst")

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.engine import check_source
from autogen_lint.migrate.driver import migrate_text
from autogen_lint.migrate.refusal import Refusal

GUIDE = Path(__file__).parent / "fixtures" / "migrate" / "guide"
AGENTS = "autogen_agentchat.agents"
OPENAI = "autogen_ext.models.openai"
CONDITION = "autogen_agentchat.conditions.*"
"""Any termination condition: the guide's ``TextMentionTermination``, or a ``FunctionalTermination``."""
EXPECTED: dict[str, set[str]] = {
    "model_client": {f"{OPENAI}.OpenAIChatCompletionClient"},
    "assistant_agent": {f"{AGENTS}.AssistantAgent", f"{OPENAI}.OpenAIChatCompletionClient"},
    "user_proxy": {f"{AGENTS}.UserProxyAgent"},
    "register_reply": {
        f"{AGENTS}.BaseChatAgent",
        "autogen_agentchat.base.Response",
        "autogen_agentchat.messages.TextMessage",
    },
    "two_agent_chat": {
        f"{AGENTS}.AssistantAgent",
        f"{AGENTS}.CodeExecutorAgent",
        "autogen_agentchat.teams.RoundRobinGroupChat",
        CONDITION,
        "autogen_agentchat.ui.Console",
        "autogen_ext.code_executors.local.LocalCommandLineCodeExecutor",
        f"{OPENAI}.OpenAIChatCompletionClient",
    },
    "tool_use": {f"{AGENTS}.AssistantAgent", f"{OPENAI}.OpenAIChatCompletionClient"},
    "group_chat": {
        f"{AGENTS}.AssistantAgent",
        "autogen_agentchat.teams.RoundRobinGroupChat",
        CONDITION,
        "autogen_agentchat.ui.Console",
        f"{OPENAI}.OpenAIChatCompletionClient",
    },
}
"""The v0.4 names each section's v0.4 example imports (the guide's alternatives left out)."""
NOT_YET: dict[str, str] = {}
"""Sections ``migrate`` does not yet rewrite to the guide's classes, and why."""


def imported(text: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def migrate(path: Path, text: str | None = None) -> tuple[str, int]:
    source = path.read_text("utf-8") if text is None else text
    return migrate_text(source, Found(path, Kind.PYTHON), Config(root=path.parent))


def sections() -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[name])) if name in NOT_YET else name
        for name in EXPECTED
    ]


def test_every_section_has_a_fixture() -> None:
    assert sorted(p.stem for p in GUIDE.glob("*.py") if ".migrated" not in p.name) == sorted(EXPECTED)


@pytest.mark.parametrize("section", sections())
def test_guide_example_migrates_to_the_sections_v04_classes(section: str) -> None:
    path = GUIDE / f"{section}.py"
    new, _ = migrate(path)
    compile(new, str(path), "exec")
    assert not [f for f in check_source(new).findings if f.code.startswith("AGL7")], new
    names = imported(new)
    wanted = {name for name in EXPECTED[section] if not name.endswith(".*")}
    assert wanted <= names, new
    for pattern in EXPECTED[section] - wanted:
        assert any(name.startswith(pattern[:-1]) for name in names), new
    assert not any(name.split(".")[0] == "autogen" for name in names), new
    with pytest.raises(Refusal):
        migrate(path, new)


# Before/after pairs for the guide's and the run programs' fixtures (guide/, programs/)

PAIRED = sorted(
    path
    for folder in ("guide", "programs")
    for path in (GUIDE.parent / folder).glob("*.py")
    if not path.name.endswith(".migrated.py")
)


@pytest.mark.parametrize("path", PAIRED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_migrates_to_its_expected_program(path: Path) -> None:
    """A fixture with a ``.migrated.py`` migrates to it, fully and for good; the others do not yet."""
    after = path.with_name(path.stem + ".migrated.py")
    try:
        new, todos = migrate(path)
    except Refusal:
        new, todos = None, 0
    if not after.exists():
        assert new is None or todos, f"{path.name} now migrates fully: write {after.name}"
        return
    assert new == after.read_text("utf-8")
    assert todos == 0 and check_source(new).findings == []
    with pytest.raises(Refusal):
        migrate(path, new)
