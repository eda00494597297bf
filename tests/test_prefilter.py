"""The prefilter only skips sources where no rule can fire.

Every fixture and example is checked twice, through ``check_source`` (prefiltered) and
by parsing and running every rule unconditionally; the findings must be the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from harness import fixture_files

from autogen_lint.engine import check_source, check_tree
from autogen_lint.notebooks import check_notebook
from autogen_lint.settings import Settings
from autogen_lint.source import ParsedSource, might_match, parse

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [*fixture_files(), *sorted((ROOT / "examples").glob("*.py"))]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_prefiltered_findings_equal_unfiltered(path: Path) -> None:
    raw = path.read_bytes()
    parsed = parse(raw)
    assert isinstance(parsed, ParsedSource)
    unfiltered = check_tree(parsed.tree, lines=parsed.lines)
    assert check_source(raw).findings == unfiltered
    if unfiltered:
        assert might_match(raw) and might_match(path.read_text(encoding="utf-8", errors="replace"))


def test_notebook_cells_are_prefiltered_together(tmp_path: Path) -> None:
    """The import in one cell and the client in another still make the notebook worth parsing."""
    cells = [
        {"cell_type": "code", "source": ["from autogen_ext.models.openai import OpenAIChatCompletionClient\n"]},
        {"cell_type": "code", "source": ["client = OpenAIChatCompletionClient(model='gpt-4o')\n"]},
    ]
    raw = json.dumps({"cells": cells, "nbformat": 4}).encode()
    assert [f.code for f in check_notebook(raw, Settings()).findings] == ["AGL701"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import autogen", True),
        ("from autogen.agentchat import X", True),
        ("import os, autogen", True),
        ("import numpy as np, autogen as ag", True),
        ("x = 1  # see microsoft/autogen", False),
        ("import autogen_core", False),
        ("import autogen_core as autogen", False),
        ("from autogen_core import CancellationToken\nx.run()", False),
        ("from autogen_agentchat.agents import AssistantAgent\nagent.run(task=1)", True),
        ("agent.close()\nfrom autogen_agentchat.teams import RoundRobinGroupChat", True),
        ("from autogen_agentchat import agents\nagents.AssistantAgent('a').run()", True),
        ("import autogen_agentchat\nautogen_agentchat.agents.AssistantAgent('a').run()", True),
        ("from autogen_ext.models.openai import OpenAIChatCompletionClient as Client", True),
        ("from autogen_ext.models.openai import *\nclient = OpenAIChatCompletionClient(model='m')", True),
        (
            "from autogen_ext.models.openai import (\n    OpenAIChatCompletionClient,\n)\n"
            "c = OpenAIChatCompletionClient\n",
            True,
        ),
        ("from autogen_core.models import ChatCompletionClient\nc = ChatCompletionClient.load_component({})", True),
        ("from autogen_core.models import ChatCompletionClient\ndef f(c: ChatCompletionClient) -> None: ...", False),
        ("import autogen_core\nagent = make(llm_config=config)", True),
        ("from autogen_ext.models.replay import ReplayChatCompletionClient\nc = ReplayChatCompletionClient([])", False),
        ("from autogen_ext.models.openai import BaseOpenAIChatCompletionClient as B\nc = B(client=x)", False),
        ("from autogen_ext.models.cache import ChatCompletionCache\nc = ChatCompletionCache(inner, store)", True),
        ("import autogen_ext.models.openai as m\nc = m.AzureOpenAIChatCompletionClient(model='m')", True),
    ],
)
def test_trigger(source: str, expected: bool) -> None:
    assert might_match(source) is expected
    assert might_match(source.encode()) is expected
