"""AGL705-AGL711 beyond the fixtures: notebook cells, and the fixes through the installed command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from harness import FIXTURES, Hit, compare

from autogen_lint.engine import check_source
from autogen_lint.notebooks import check_notebook
from autogen_lint.rules.agent_names import identifier
from autogen_lint.settings import Settings

EXECUTABLE = Path(sys.executable).with_name("autogen-lint")
NOTEBOOK_FIXTURES = FIXTURES / "notebooks"
CELL = "# %%"


def as_notebook(path: Path) -> tuple[str, list[int]]:
    """A fixture in "# %%" form as notebook JSON, and each cell's first line in the fixture."""
    cells: list[list[str]] = []
    starts: list[int] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(keepends=True), start=1):
        if line.rstrip() == CELL:
            cells.append([])
            starts.append(number + 1)
        elif cells:
            cells[-1].append(line)
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None} for c in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook), starts


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXECUTABLE), *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("path", sorted(NOTEBOOK_FIXTURES.glob("*.py")), ids=lambda p: p.name)
def test_notebook_fixture(path: Path) -> None:
    raw, starts = as_notebook(path)
    result = check_notebook(raw.encode(), Settings())
    assert result.errors == []
    hits = []
    for finding in result.findings:
        assert finding.cell is not None
        hits.append(Hit(starts[finding.cell - 1] + finding.line - 1, finding.col + 1, finding.code))
    assert compare(path, hits) == []


def cells(path: Path) -> list[str]:
    return ["".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]]


def test_asyncio_run_fix_in_a_notebook(tmp_path: Path) -> None:
    raw, _ = as_notebook(NOTEBOOK_FIXTURES / "AGL711.py")
    target = tmp_path / "demo.ipynb"
    target.write_text(raw, encoding="utf-8")
    before = cells(target)
    result = run("check", "--fix", "--isolated", "--no-cache", "--select", "AGL711", "demo.ipynb", cwd=tmp_path)
    after = cells(target)
    assert "Found 1 error" in result.stdout or "AGL711" in result.stdout, result.stdout + result.stderr
    assert after[1] == "await main()  # AGL711:1\n"
    assert after[2] == before[2].replace("run_loop(agent.run(", "await agent.run(").replace(
        "print(asyncio.run(main()))", "print((await main()))"
    ).replace('task="Again."))', 'task="Again.")')
    assert after[0] == before[0] and after[3] == before[3]
    left = run(
        "check", "--isolated", "--no-cache", "--select", "AGL711", "--format", "json", "demo.ipynb", cwd=tmp_path
    )
    assert [f["code"] for f in json.loads(left.stdout)] == ["AGL711"]  # asyncio.run(main(), debug=True)
    again = run("check", "--fix", "--isolated", "--no-cache", "--select", "AGL711", "demo.ipynb", cwd=tmp_path)
    assert cells(target) == after, again.stdout


def test_asyncio_run_is_left_alone_in_python_files(tmp_path: Path) -> None:
    source = (FIXTURES / "noop" / "asyncio_run_in_script.py").read_text(encoding="utf-8")
    (tmp_path / "script.py").write_text(source, encoding="utf-8")
    result = run("check", "--fix", "--isolated", "--no-cache", "script.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "script.py").read_text(encoding="utf-8") == source


AGENT_NAMES = """\
from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import SourceMatchTermination, TextMentionTermination
from autogen_agentchat.teams import Swarm
from autogen_ext.models.replay import ReplayChatCompletionClient

client = ReplayChatCompletionClient(["hi"])
designer = AssistantAgent("Narrative Designer", model_client=client)  # the lead
writer = AssistantAgent(
    name='story-writer',
    model_client=client,
    handoffs=["Narrative Designer"],
)
stop = TextMentionTermination("DONE", sources=["Narrative Designer", 'story-writer']) | SourceMatchTermination(
    ["story-writer"]
)
team = Swarm([designer, writer], termination_condition=stop)
label = "Narrative Designer"  # a plain string: not renamed
"""

AGENT_NAMES_FIXED = """\
from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import SourceMatchTermination, TextMentionTermination
from autogen_agentchat.teams import Swarm
from autogen_ext.models.replay import ReplayChatCompletionClient

client = ReplayChatCompletionClient(["hi"])
designer = AssistantAgent("Narrative_Designer", model_client=client)  # the lead
writer = AssistantAgent(
    name='story_writer',
    model_client=client,
    handoffs=["Narrative_Designer"],
)
stop = TextMentionTermination("DONE", sources=["Narrative_Designer", 'story_writer']) | SourceMatchTermination(
    ["story_writer"]
)
team = Swarm([designer, writer], termination_condition=stop)
label = "Narrative Designer"  # a plain string: not renamed
"""


def test_agent_name_fix_is_unsafe_and_renames_the_references(tmp_path: Path) -> None:
    target = tmp_path / "agents.py"
    target.write_text(AGENT_NAMES, encoding="utf-8")
    safe_only = run("check", "--fix", "--isolated", "--no-cache", "--select", "AGL707", "agents.py", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == AGENT_NAMES, safe_only.stdout
    run("check", "--fix", "--unsafe-fixes", "--isolated", "--no-cache", "--select", "AGL707", "agents.py", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == AGENT_NAMES_FIXED
    again = run(
        "check", "--fix", "--unsafe-fixes", "--isolated", "--no-cache", "--select", "AGL707", "agents.py", cwd=tmp_path
    )
    assert again.returncode == 0, again.stdout
    assert target.read_text(encoding="utf-8") == AGENT_NAMES_FIXED


def test_agent_names_without_a_safe_rewrite_get_no_fix() -> None:
    source = (
        "from autogen_agentchat.agents import UserProxyAgent\n"
        'a = UserProxyAgent("tab\\there")\n'
        'b = UserProxyAgent("one " "two")\n'
        'c = UserProxyAgent("")\n'
        'd = UserProxyAgent("plain name")\n'
    )
    findings = check_source(source).findings
    assert [(f.code, f.line, f.fix is None) for f in findings] == [
        ("AGL707", 2, True),
        ("AGL707", 3, True),
        ("AGL707", 4, True),
        ("AGL707", 5, False),
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Narrative Designer", "Narrative_Designer"),
        ("my-agent.v2", "my_agent_v2"),
        ("1st", "_1st"),
        ("Erzähler Zwei", "Erzähler_Zwei"),
        ("", None),
    ],
)
def test_identifier(name: str, expected: str | None) -> None:
    assert identifier(name) == expected


NEW_RULE_FIXTURES = sorted(
    p
    for pattern in ("AGL70[5-9]*.py", "AGL71*.py", "AGL703_stored.py", "AGL701_closed_elsewhere.py")
    for p in (FIXTURES / "rules").glob(pattern)
)


def test_the_command_reports_the_fixtures(tmp_path: Path) -> None:
    """The installed command, in one process, agrees with every new fixture's markers."""
    result = run("check", "--isolated", "--no-cache", "--format", "json", *map(str, NEW_RULE_FIXTURES), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    hits: dict[Path, list[Hit]] = {path.resolve(): [] for path in NEW_RULE_FIXTURES}
    for finding in json.loads(result.stdout):
        hits[Path(finding["path"]).resolve()].append(Hit(finding["line"], finding["column"], finding["code"]))
    assert len(hits) >= 10
    assert {path.name: compare(path, found) for path, found in hits.items()} == {path.name: [] for path in hits}
