"""The prefilter, and every skip the engine makes, only leave out what no rule can fire on.

Every fixture and example is checked twice, through ``check_source`` (prefiltered, modules and
functions skipped where no rule is relevant) and by parsing and running every rule on every
node (``relevance.disabled()``); the findings must be the same.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from harness import fixture_files

from autogen_lint import checker, notebooks, relevance, rules, runner, source
from autogen_lint.engine import check_source, check_tree
from autogen_lint.findings import Finding
from autogen_lint.notebooks import check_notebook
from autogen_lint.settings import Settings
from autogen_lint.source import ParsedSource, decode, might_match, nothing_to_find, parse
from autogen_lint.spellings import AnyOf
from autogen_lint.suppression import comment_lines

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SOURCES = [
    *fixture_files(),
    *sorted((FIXTURES / "fixes").glob("*.py")),
    *sorted((FIXTURES / "fixes_v04").glob("*.py")),
    *sorted((ROOT / "examples").glob("*.py")),
]
NOTEBOOK_SOURCES = sorted((FIXTURES / "notebooks").glob("*.py"))
PROJECT_SOURCES = sorted((FIXTURES / "projects").rglob("*.py"))
AGENT_FRAMEWORK = Settings(target="agent-framework")
DEFAULTS = Settings()


def unfiltered(parsed: ParsedSource, *, notebook: bool = False, settings: Settings = DEFAULTS) -> list[Finding]:
    """Every rule on every node of every module: no prefilter, no skipped module or function."""
    with relevance.disabled():
        return check_tree(parsed.tree, settings, parsed.lines, notebook=notebook)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_prefiltered_findings_equal_unfiltered(path: Path) -> None:
    raw = path.read_bytes()
    parsed = parse(raw)
    assert isinstance(parsed, ParsedSource)
    everything = unfiltered(parsed)
    assert check_source(raw).findings == everything
    assert check_tree(parsed.tree, lines=parsed.lines) == everything
    under_target = unfiltered(parsed, settings=AGENT_FRAMEWORK)
    assert check_tree(parsed.tree, AGENT_FRAMEWORK, parsed.lines) == under_target
    if everything:
        assert might_match(raw) and might_match(path.read_text(encoding="utf-8", errors="replace"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"import os\nprint(os.sep)\n", True),
        ("x = 'caf\u00e9'  # not ASCII, still UTF-8\n".encode(), True),
        (b"", True),
        (b"import autogen\n", False),
        (b"from agent_framework import ChatAgent\n", False),
        (b"x = '\xff\xfe'\n", False),  # not UTF-8: decoding reports it
        (b"\xef\xbb\xbfimport os\n", False),  # a BOM
        (b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", False),
        ("# coding: utf-16\nimport autogen\n".encode("utf-16"), False),  # the bytes do not spell the word
        (b"#!/usr/bin/env python\n# vim: set fileencoding=cp037 :\nx = 1\n", False),
    ],
)
def test_nothing_to_find_only_where_decoding_finds_nothing(raw: bytes, expected: bool) -> None:
    """Told from the bytes alone, only where decoding the file and prefiltering its text would say so."""
    assert nothing_to_find(raw) is expected
    if expected:
        assert not might_match(decode(raw)) and not might_match(decode(raw), every_v04_module=True)


def test_nothing_to_find_agrees_with_decoding_on_every_fixture() -> None:
    for path in [*SOURCES, *NOTEBOOK_SOURCES, *PROJECT_SOURCES]:
        raw = path.read_bytes()
        if nothing_to_find(raw):
            assert not might_match(decode(raw)), path
        else:
            assert b"autogen" in raw or b"agent_framework" in raw or not raw.isascii(), path


MOVING_NOQA = [
    'x = f(\n    """\n    text\n    """  # noqa: AGL201\n)\n',
    "y = 'one' \\\n    'two'  # noqa\n",
    "z = 1 + \\\n    2  # NOQA\n",
    "s = '''\na\n'''  # noqa: E501\n",
]


@pytest.mark.parametrize("text", MOVING_NOQA)
def test_noqa_lines_are_moved_only_where_the_quick_test_looks(text: str) -> None:
    """A ``# noqa`` speaks for lines above it only where ``_may_move`` has the tokenizer look."""
    lines = text.split("\n")
    assert runner._may_move(lines)
    assert any(target != line for line, target in comment_lines(lines).items() if "noqa" in lines[target - 1].lower())


def test_quick_noqa_test_misses_no_moved_noqa() -> None:
    for path in [*SOURCES, *NOTEBOOK_SOURCES, *PROJECT_SOURCES, *sorted((FIXTURES / "migrate").glob("*.py"))]:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        moved = comment_lines(lines)
        if any("noqa" in lines[target - 1].lower() for target in moved.values()):
            assert runner._may_move(lines), path


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
        (
            "from autogen_agentchat.agents import AssistantAgent\ndef f(agent: AssistantAgent):\n    agent.run(task=1)",
            True,
        ),
        ("agent = make()\nagent.close()\nfrom autogen_agentchat.teams import RoundRobinGroupChat", True),
        ("from autogen_agentchat import agents\nagents.AssistantAgent('a').run()", True),
        ("import autogen_agentchat\nautogen_agentchat.agents.AssistantAgent('a').run()", True),
        ("from autogen_ext.models.openai import OpenAIChatCompletionClient as Client", True),
        ("from autogen_ext.models.openai import *\nclient = OpenAIChatCompletionClient(model='gpt-4o')", True),
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
        ("import autogen_ext.models.openai as m\nc = m.AzureOpenAIChatCompletionClient(model='gpt-4o')", True),
        # a coroutine method of a parameter annotated with an interface (AGL703)
        ("from autogen_agentchat.base import Team\nasync def f(team: Team):\n    team.run(task='x')\n", True),
        ("from autogen_agentchat.base import ChatAgent\nasync def f(a: ChatAgent):\n    a.run(task='x')\n", True),
        (
            "from autogen_core.models import ChatCompletionClient\n"
            "async def f(c: ChatCompletionClient):\n    c.create([])",
            True,
        ),
        # v0.4 agents: only those whose name must be an identifier; Docker executors only
        ("from autogen_agentchat.agents import AssistantAgent\na = AssistantAgent('a b', model_client=c)", True),
        ("from autogen_core import RoutedAgent\nclass A(RoutedAgent):\n    pass\n", False),
        (
            "from autogen_ext.code_executors.local import LocalCommandLineCodeExecutor\n"
            "e = LocalCommandLineCodeExecutor()",
            False,
        ),
        ("from autogen_ext.code_executors.docker import DockerCommandLineCodeExecutor as D\ne = D()", True),
        # teams and streams by the names their rules resolve; Console is a coroutine until awaited (AGL703)
        ("from autogen_agentchat.ui import Console\nasync def show(stream):\n    Console(stream)\n", True),
        ("from autogen_agentchat.teams import RoundRobinGroupChat as Team\nt = Team([a])\n", True),
        ("from autogen_agentchat.base import TaskResult\nasync def f(m):\n    m.on_messages_stream([])\n", True),
        ("from autogen_core.models import CreateResult\nasync def f(c):\n    s = c.create_stream([])\n", False),
        ("from autogen_agentchat.teams._group_chat import BaseGroupChat\nx: BaseGroupChat\n", False),
        # asyncio.run counts in notebooks only (AGL711)
        ("import asyncio\nfrom autogen_core import AgentId\nasyncio.run(main())\n", False),
    ],
)
def test_trigger(source: str, expected: bool) -> None:
    assert might_match(source) is expected
    assert might_match(source.encode()) is expected


def test_asyncio_counts_in_notebooks_only() -> None:
    source = "import asyncio\nfrom autogen_core import AgentId\nasyncio.run(main())\n"
    parsed = parse(source)
    assert isinstance(parsed, ParsedSource)
    assert [f.code for f in unfiltered(parsed, notebook=True)] == ["AGL711"]
    assert unfiltered(parsed) == []
    assert might_match(source, notebook=True)
    assert not might_match(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import asyncio\nasyncio.run(main())\n", ["AGL711"]),
        ("import asyncio\nasyncio . run(main())\n", ["AGL711"]),
        ("from asyncio import run\nrun(main())\n", ["AGL711"]),
        ("import asyncio as aio\naio.run(main())\n", ["AGL711"]),
        ("import asyncio\nloop = asyncio\nloop.run(main())\n", ["AGL711"]),
        ("import asyncio\nawait asyncio.sleep(1)\nawait main()\n", []),
        ("import asyncio  # for the event loop\nasyncio.get_event_loop()\n", []),
    ],
)
def test_asyncio_run_counts_in_a_notebook_only_where_it_may_be_reached(source: str, expected: list[str]) -> None:
    """A notebook that uses ``asyncio`` only for other names (``asyncio.sleep``) cannot hold AGL711."""
    source = f"from autogen_core import AgentId\n{source}"
    parsed = parse(source)
    assert isinstance(parsed, ParsedSource)
    assert [f.code for f in unfiltered(parsed, notebook=True)] == expected
    assert might_match(source, notebook=True) == bool(expected)


def test_prefilter_spells_the_executors_the_rule_resolves() -> None:
    """A name resolves only to what the module spells: the prefilter keys on the rule's own leaves."""
    from autogen_lint.rules import executors

    assert {name.rpartition(".")[2] for name in executors.EXECUTORS} == set(source.DOCKER_EXECUTORS)


def test_prefilter_spells_the_coroutine_methods_the_rule_follows() -> None:
    from autogen_lint.rules import coroutines

    assert set(source.COROUTINE_METHODS) == coroutines.ALL_METHODS


@pytest.mark.parametrize("path", PROJECT_SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("settings", [Settings(), AGENT_FRAMEWORK], ids=["autogen", "agent-framework"])
def test_project_findings_equal_unfiltered(path: Path, settings: Settings) -> None:
    parsed = parse(path.read_bytes())
    assert isinstance(parsed, ParsedSource)
    everything = unfiltered(parsed, settings=settings)
    assert check_tree(parsed.tree, settings, parsed.lines) == everything
    assert check_source(path.read_bytes(), settings).findings == everything


@pytest.mark.parametrize("path", NOTEBOOK_SOURCES, ids=lambda p: p.name)
def test_notebook_findings_equal_unfiltered(path: Path) -> None:
    parsed = parse(path.read_bytes())
    assert isinstance(parsed, ParsedSource)
    assert check_tree(parsed.tree, lines=parsed.lines, notebook=True) == unfiltered(parsed, notebook=True)


def _checked(source: str, *, notebook: bool = False) -> tuple[list[str], int]:
    """Codes found with skipping on (checked against skipping off), and how many functions were skipped."""
    parsed = parse(source)
    assert isinstance(parsed, ParsedSource)
    skipped: list[int] = []
    run = checker.Checker.run

    def counting(self: checker.Checker) -> list[Finding]:
        findings = run(self)
        skipped.append(self.skipped)
        return findings

    checker.Checker.run = counting  # type: ignore[method-assign]
    try:
        found = check_tree(parsed.tree, lines=parsed.lines, notebook=notebook)
    finally:
        checker.Checker.run = run  # type: ignore[method-assign]
    assert found == unfiltered(parsed, notebook=notebook)
    return [f.code for f in found], sum(skipped)


CLIENT = "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"


@pytest.mark.parametrize(
    ("source", "codes", "skipped"),
    [
        # a function that spells nothing a rule keys on is not walked; the client is reported
        (
            CLIENT + "c = OpenAIChatCompletionClient(model='gpt-4o')\ndef f(x):\n    return x + 1\n"
            "if __name__ == '__main__':\n    print(c)\n",
            ["AGL701"],
            1,
        ),
        # a word counts where it stands alone: ``runtime`` and ``created`` spell no ``run`` or ``create``
        (
            CLIENT + "c = OpenAIChatCompletionClient(model='gpt-4o')\n"
            "def f(runtime):\n    return runtime.created, 'closed'\nif __name__ == '__main__':\n    print(c)\n",
            ["AGL701"],
            1,
        ),
        # ``asyncio`` (AGL711: a notebook's top level only) and a package named without an import
        (
            "import asyncio\n" + CLIENT + "c = OpenAIChatCompletionClient(model='gpt-4o')\n"
            'async def f():\n    "Waits, as autogen_ext does."\n    await asyncio.sleep(1)\n'
            "if __name__ == '__main__':\n    print(c)\n",
            ["AGL701"],
            1,
        ),
        # closed in a function through an alias: the alias makes the function relevant
        (
            CLIENT + "c = OpenAIChatCompletionClient(model='gpt-4o')\nd = c\n"
            "async def shutdown():\n    try:\n        pass\n    finally:\n        await d.aclose_all(d)\n",
            [],  # handed to a method of its own: it may be closed there
            0,
        ),
        (
            CLIENT + "c = OpenAIChatCompletionClient(model='gpt-4o')\n"
            "async def shutdown():\n    try:\n        pass\n    finally:\n        await c.close()\n",
            [],
            0,
        ),
        # an attribute holding a client, used as a context manager in another method
        (
            CLIENT + "class A:\n    def __init__(self):\n"
            "        self.model = OpenAIChatCompletionClient(model='gpt-4o')\n"
            "    async def go(self):\n        async with self.model:\n            pass\n",
            ["AGL704"],
            0,
        ),
        # an import inside a function is seen: the module imports AutoGen
        (
            "import os\ndef f():\n    import autogen\n    return autogen\nx = g(llm_config={})\n",
            ["AGL101", "AGL201"],
            0,
        ),
        # a star import: any free name may be AutoGen's, nothing is skipped
        (
            "from autogen_ext.models.openai import *\ndef f():\n    return 1\n"
            "def g():\n    c = OpenAIChatCompletionClient(model='gpt-4o')\n",
            ["AGL701"],
            0,
        ),
        # a parameter annotated with an AutoGen type makes a nested function relevant
        (
            "from autogen_agentchat.agents import AssistantAgent\n"
            "def outer(agent: AssistantAgent):\n    def inner():\n        agent.run(task='x')\n    return inner\n",
            ["AGL703"],
            0,
        ),
        # no AutoGen import at all: nothing is walked
        ("import os\nx = make(llm_config={})  # autogen\ndef f():\n    return 1\n", [], 0),
    ],
)
def test_skipped_functions_change_no_finding(source: str, codes: list[str], skipped: int) -> None:
    found, count = _checked(source)
    assert found == codes
    assert count == skipped


def test_module_without_autogen_import_is_not_walked() -> None:
    parsed = parse("x = make(llm_config={})  # mentions autogen only in a comment\n")
    assert isinstance(parsed, ParsedSource)
    plan = rules.plan()
    assert relevance.imported_packages(parsed.tree, plan.packages, "\n".join(parsed.lines)) == frozenset()
    assert plan.for_module(frozenset()) is None
    assert unfiltered(parsed) == []  # nor would walking it find anything


def test_workers_send_back_records_that_decode_to_the_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """With JSON output a worker returns each file's records alone; they are the findings of the long way."""
    from autogen_lint.config import Config
    from autogen_lint.discovery import find_files

    monkeypatch.setattr(runner, "CHUNK", 2)  # several chunks, on two worker processes
    files = find_files([ROOT / "examples", FIXTURES / "notebooks"], [], ROOT)
    config = Config(root=ROOT)
    recorded = runner.check_files(files, config, jobs=2, records=True)
    decoded = runner.check_files(files, config, jobs=1)
    assert len(files) > 2 * runner.CHUNK
    assert [r.findings for r in recorded] == [r.findings for r in decoded]
    assert [r.records for r in recorded] == [r.records for r in decoded]
    assert any(r.has_findings for r in recorded)


NOTHING_TO_FIND = {
    "plain.py": b"import os\nVALUE = os.sep\n",
    "accents.py": "NAME = 'café'  # noqa: AGL101\n".encode(),
    "empty.py": b"",
    "crlf.py": b"x = 1\r\ny = 2\r\n",
    "broken.py": b"def f(:\n",  # a syntax error with nothing to look for is no finding
}
NEEDING_A_LOOK = {
    "cookie.py": b"# -*- coding: latin-1 -*-\nNAME = '\xe9'\n",
    "bom.py": b"\xef\xbb\xbfx = 1\n",
    "undecodable.py": b"NAME = '\xff'\n",
    "comment.py": b"# ported from autogen long ago\nx = 1\n",
    "ag2.py": b"from autogen import LLMConfig\nconfig = LLMConfig(model='m')\n",
    "v02.py": b"import autogen\nagent = autogen.AssistantAgent('a', llm_config={})\n",
}


@pytest.mark.parametrize("hashing", [False, True])
def test_a_file_with_nothing_to_find_is_reported_as_the_long_way_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hashing: bool
) -> None:
    """``check_file`` makes the report of a file ``nothing_to_find`` accepts from its read alone.

    The long way (the file decoded, prefiltered, its AG2-only name looked for) gives the same
    report: path, key, findings, records, content hash, AG2-only name.
    """
    from autogen_lint.cache import content_hash
    from autogen_lint.config import Config
    from autogen_lint.discovery import find_files
    from autogen_lint.output.records import as_json
    from autogen_lint.targets import file_ag2_name

    for name, raw in {**NOTHING_TO_FIND, **NEEDING_A_LOOK}.items():
        (tmp_path / name).write_bytes(raw)
    config = Config(root=tmp_path)
    monkeypatch.chdir(tmp_path)
    files = find_files([tmp_path], [], tmp_path)
    assert sorted(nothing_to_find(item.path.read_bytes()) for item in files) == [False] * 6 + [True] * 5
    reports = [runner.check_file(item, config, hashing=hashing) for item in files]
    monkeypatch.setattr(runner, "nothing_to_find", lambda raw: False)
    for item, report in zip(files, reports, strict=True):
        raw = item.path.read_bytes()
        long_way = runner.check_bytes(item, config, raw).replace(
            digest=content_hash(raw) if hashing else None, ag2=file_ag2_name(raw)
        )
        assert report == long_way
        assert (report.path, report.key) == (item.path.name, item.path.name)
        assert (report.records, as_json([report]), report.has_findings) == (
            long_way.records,
            as_json([long_way]),
            long_way.has_findings,
        )
        assert report == runner.check_file(item, config, hashing=hashing)  # the long way there too
    assert [r.path for r in reports if r.has_findings] == ["ag2.py", "undecodable.py", "v02.py"]
    assert [r.ag2 for r in reports if r.ag2] == ["autogen.LLMConfig"]


def test_functions_of_a_notebook_are_not_walked_for_its_top_level_rule() -> None:
    source = (
        "import asyncio\nfrom autogen_core import AgentId\n"
        "async def main():\n    await asyncio.sleep(0)\n"
        "asyncio.run(main())\n"
        "def later():\n    return asyncio.gather(main())\n"
    )
    assert _checked(source, notebook=True) == (["AGL711"], 2)
    assert rules.plan().for_module(frozenset({"asyncio"})) is None
    assert rules.plan().for_module(frozenset({"asyncio"}), notebook=True) is not None


def test_rules_of_another_target_and_v02_rules_are_left_out_where_they_cannot_report() -> None:
    plan = rules.plan()
    imported = frozenset({"autogen_*", "autogen_core"})
    v04 = plan.for_module(imported, target="autogen")
    under_target = plan.for_module(imported, target="agent-framework")
    v02 = plan.for_module(imported | {"autogen"}, target="autogen")
    assert v04 is not None and under_target is not None and v02 is not None
    families = {kind: {r.__module__.rpartition(".")[2] for r in rs} for kind, rs in v04.node_rules.items()}
    assert "agent_framework" not in families.get(ast.ImportFrom, set())
    assert "imports" not in families.get(ast.Attribute, set())
    assert len(under_target.node_rules[ast.ImportFrom]) > len(v04.node_rules.get(ast.ImportFrom, ()))
    assert len(v02.node_rules[ast.Attribute]) > len(v04.node_rules.get(ast.Attribute, ()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name spelled alone (even in a comment) is taken as imported beside an import found on top
        ("import autogen_core\n# autogen_core, not autogen\n", {"autogen", "autogen_*", "autogen_core"}),
        (
            "import autogen_core\nx = 'autogen_ext'\n",
            {"autogen_*", "autogen_core", "autogen_ext"},
        ),  # no ``autogen`` alone
        ("import autogen_core\nif x:\n    import autogen\n", {"autogen", "autogen_*", "autogen_core"}),
        ("import os\nif x:\n    from autogen import AssistantAgent\n", {"autogen"}),
    ],
)
def test_imported_packages_reads_a_name_standing_alone(text: str, expected: set[str]) -> None:
    tree = ast.parse(text)
    packages = rules.plan().packages
    assert relevance.imported_packages(tree, packages, text) == expected
    assert relevance.imported_packages(tree, packages) <= expected  # every import is found, read from the tree


IPYTHON_LINES = [
    "%pip install pyautogen",
    "!ls -la",
    "  !pip install autogen-agentchat~=0.2",
    "files = !ls",
    "x, y = %who_ls",
    "x = %time f()",
    "pip install autogen",
    "  conda install numpy",
    "uv pip install x",
    "micromamba install -y y",
    "print(a != b)",
    "model_client = make()",
    "continue",
    "class A:",
    "urls = [u for u in us if u != '!']",
    "obj?",
    "obj.method??",
    "what is this?",
    "  ?obj",
    "s = '%d' % 3",
    "mamba_config = 1",
    "pipeline = x",
    "",
    "   ",
]


@pytest.mark.parametrize("line", IPYTHON_LINES)
def test_quick_ipython_line_test_agrees_with_its_patterns(line: str) -> None:
    """A line left as it is without trying the patterns is one none of them would have changed."""
    stripped = line.lstrip()
    if not stripped or (stripped[0] not in "%!?pcmu" and "!" not in line and not line.rstrip().endswith("?")):
        expected = line
    elif assigned := notebooks._ASSIGNED_ESCAPE.match(line):
        expected = f"{assigned.group(1)}{assigned.group(2)} = None"
    elif escape := notebooks._ESCAPE.match(line) or notebooks._AUTOMAGIC.match(line):
        expected = f"{escape.group(1)}pass"
    elif help_suffix := notebooks._HELP_SUFFIX.match(line):
        expected = f"{help_suffix.group(1)}{help_suffix.group(2)}"
    else:
        expected = line
    assert notebooks._python_line(line) == expected


def test_quick_ipython_line_test_agrees_on_every_notebook_fixture() -> None:
    for path in sorted(FIXTURES.rglob("*.py")):
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            test_quick_ipython_line_test_agrees_with_its_patterns(line)


AGENTS = "from autogen_agentchat.agents import AssistantAgent\n"
TEAMS = "from autogen_agentchat.teams import RoundRobinGroupChat\n"

# Modules the prefilter turns down: names spelled where no rule can fire on them.
TURNED_DOWN = [
    # a class statement builds no client; a base class named in it is no call either
    "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
    "class LocalChatCompletionClient(OpenAIChatCompletionClient):\n    pass\n",
    # names in prose, imports and annotations
    TEAMS
    + AGENTS
    + 'def f(team: RoundRobinGroupChat, a: AssistantAgent) -> None:\n    """See :class:`RoundRobinGroupChat`."""\n',
    "from autogen_ext.code_executors.docker import DockerCommandLineCodeExecutor, DockerJupyterCodeExecutor\n"
    "__all__ = ['DockerCommandLineCodeExecutor', 'DockerJupyterCodeExecutor']\n",
    # coroutine methods awaited at once, on one line or several
    AGENTS + "async def f(a: AssistantAgent, m, token):\n    result = await a.run(task='(x')  # a ')'\n"
    "    await a.on_messages(\n        [m],\n        token,\n    )\n    return result\n",
    # a receiver that holds nothing a rule follows: a module, a subscript, a deep attribute, a string
    AGENTS + "import asyncio\nasync def main(agents):\n    agents[0].reset()\n    agents.pool.first.close()\n"
    "    'x'.create()\nasyncio.run(main([]))\n",
    # an attribute assigned a name, not a call
    AGENTS + "class Holder:\n    def __init__(self, factory):\n        self.factory = factory\n"
    "    def make(self, m):\n        return self.factory.create(m)\n",
    # streams iterated or handed on, not awaited; the console awaited
    AGENTS + "from autogen_agentchat.ui import Console\nasync def f(a: AssistantAgent):\n"
    "    async for m in a.run_stream(task='x'):\n        print(m)\n    await Console(a.on_messages_stream([], None))\n",
    # uses in a docstring and a comment: no code
    TEAMS + 'class Chat:\n    """Use it so:\n\n        team = RoundRobinGroupChat([agent])\n'
    "        result = team.run(task='x')\n        c = OpenAIChatCompletionClient(model='gpt-4o')\n"
    '        await Console(team.run_stream())\n    """\n\n# t = RoundRobinGroupChat([a]); t.run()\n',
    # a ``Console`` of another package: an AutoGen console is spelled with its module's name
    "from rich.console import Console\nfrom autogen_core import AgentId\nconsole = Console()\n",
]


@pytest.mark.parametrize("text", TURNED_DOWN)
def test_turned_down_modules_hold_no_finding(text: str) -> None:
    parsed = parse(text)
    assert isinstance(parsed, ParsedSource)
    assert not might_match(text)
    assert unfiltered(parsed) == []
    assert unfiltered(parsed, notebook=True) == [] or might_match(text, notebook=True)


# Near misses: spellings the prefilter must keep, each with the finding the long way reports.
KEPT = [
    # a coroutine method left unawaited on a parameter, a built value, an attribute, in parentheses
    (
        "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
        "async def f(client: OpenAIChatCompletionClient):\n    client.create([])\n",
        ["AGL703"],
    ),
    (
        "from autogen_agentchat.agents import ApprovalAgent\nasync def f():\n    a = ApprovalAgent()\n"
        "    a.run(task='x')\n",
        ["AGL703"],
    ),
    (
        "from autogen_agentchat.agents import ApprovalAgent\nclass Host:\n    def __init__(self):\n"
        "        self.agent = ApprovalAgent()\n    async def go(self):\n        (self.agent).save_state()\n",
        ["AGL703"],
    ),
    # awaited, but what is awaited is an attribute of the coroutine: on its line, after the
    # arguments' lines, on the next line
    (TEAMS + "async def f(team: RoundRobinGroupChat):\n    return await team.run(task='x').messages\n", ["AGL703"]),
    (
        TEAMS
        + "async def f(team: RoundRobinGroupChat):\n    return await team.run(\n        task='x',\n    ).messages\n",
        ["AGL703"],
    ),
    (
        TEAMS + "async def f(team: RoundRobinGroupChat):\n    print(\n        await team.run(task='x')\n"
        "        .messages\n    )\n",
        ["AGL703"],
    ),
    # the method's name after a comment that spells another (inside parentheses)
    (
        "from autogen_agentchat.agents import ApprovalAgent\nasync def f():\n    a = ApprovalAgent()\n"
        "    (a.  # run(\n        save_state())\n",
        ["AGL703"],
    ),
    # a client aliased in parentheses, or called across a line continuation
    (
        "from autogen_ext.models.openai import OpenAIChatCompletionClient\nC = (OpenAIChatCompletionClient)\n"
        "async def main():\n    c = C(model='gpt-4o')\n    print(c)\nif __name__ == '__main__':\n    main()\n",
        ["AGL701"],
    ),
    (
        "from autogen_ext.models.openai import OpenAIChatCompletionClient\nasync def main():\n"
        "    c = OpenAIChatCompletionClient \\\n        (model='gpt-4o')\n    print(c)\n",
        ["AGL701"],
    ),
    # a subclass declared, and its base built
    (
        "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
        "class LocalChatCompletionClient(OpenAIChatCompletionClient):\n    pass\n"
        "async def main():\n    c = OpenAIChatCompletionClient(model='gpt-4o')\n    print(c)\n",
        ["AGL701"],
    ),
    # a team reached through its module and an alias in parentheses
    ("from autogen_agentchat import teams\nT = (teams.RoundRobinGroupChat)\nt = T([a])\n", ["AGL705"]),
    # built in an f-string's replacement field (code), after a docstring that only shows it
    (
        TEAMS + '"""Build `RoundRobinGroupChat([a])` with a stop."""\nprint(f"made {RoundRobinGroupChat([a])}")\n',
        ["AGL705"],
    ),
    # a stream awaited in parentheses, the console left unawaited
    (AGENTS + "async def f(a: AssistantAgent):\n    await (a.run_stream(task='x'))\n", ["AGL706"]),
    ("from autogen_agentchat import ui\nasync def f(a):\n    ui.Console(a)\n", ["AGL703"]),
]


@pytest.mark.parametrize(("text", "codes"), KEPT)
def test_near_misses_are_kept(text: str, codes: list[str]) -> None:
    parsed = parse(text)
    assert isinstance(parsed, ParsedSource)
    assert might_match(text)
    everything = unfiltered(parsed)
    assert [f.code for f in everything] == codes
    assert check_source(text).findings == everything


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("await team.run(task='x')\n", True),
        ("x = await team . run(task='(', n=[1, (2)])  # ).messages\n", True),
        ("await team.run(\n    task='x',\n    n={1: [2]},\n)\nprint(1)\n", True),
        ("await team.run(task='x').messages\n", False),
        ("await team.run(task='x')[0]\n", False),
        ("await team.run(\n    task='x',\n).messages\n", False),
        ("print(\n    await team.run(task='x')\n    # a comment between\n    .messages\n)\n", False),
        ("await team.run('''a \"#\" b''').messages\nprint(1)\n", False),
        ("await team.run(f\"{x['a']}\")\n", False),  # not read for sure
        ("await (team).run()\n", False),
        ('await team.run("a\\") b")\n', False),
    ],
)
def test_awaited_at_once_only_where_the_call_is_awaited(text: str, expected: bool) -> None:
    """Read from the text, and where it says so, the parse agrees: the call's parent is ``await``."""
    from autogen_lint import spelled

    end = text.index("run") + len("run")
    assert spelled.awaited_at_once(text, end) is expected
    tree = ast.parse(text)
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "run")
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    if expected:
        assert isinstance(parents[call], ast.Await)


TRICKY_LITERALS = [
    "x = \"a # b\"  # c \"d\"\ny = '''e\n\"f\" \\''' g''' + r\"\\\\\" + b'\\''\n",
    's = f"{a!r:>{w}} {{b}} {c[0]}" + f\'\'\'\n{d}\n\'\'\' + rb"x"\nt = f"{c[\'k\']}" if"y" else u"z"\n',
    'u = "one \\\ntwo"\nv = """a\\""" b"""\n',
]


def _literal_places(text: str) -> list[bool] | None:
    """Where the tokenizer reads a string's text or a comment (an f-string with a field: nowhere)."""
    import io
    import tokenize

    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    literal = [False] * (len(text) + 1)
    for token in tokens:
        if token.type in (tokenize.STRING, tokenize.COMMENT):
            begin = starts[token.start[0] - 1] + token.start[1]
            end = starts[token.end[0] - 1] + token.end[1]
            prefix = token.string[: len(token.string) - len(token.string.lstrip("rRbBuUfFtT"))].lower()
            depth, index = 0, begin
            while index < end:
                pair = "f" in prefix and not depth and text[index : index + 2] in ("{{", "}}")
                depth += "f" in prefix and not pair and text[index] == "{"
                literal[index] = literal[index + pair] = not depth
                depth -= "f" in prefix and not pair and text[index] == "}" and depth > 0
                index += 1 + pair
    return literal


@pytest.mark.parametrize("text", TRICKY_LITERALS)
def test_literals_are_read_as_the_tokenizer_reads_them(text: str) -> None:
    """A place read as inside a string or comment is one to the tokenizer, and not in an f-string's field."""
    from autogen_lint.literals import Literals

    literal = _literal_places(text)
    assert literal is not None
    literals = Literals(text)
    found = [index for index in range(len(text)) if literals.in_literal(index)]
    assert found and all(literal[index] for index in found)


def test_literals_agree_with_the_tokenizer_on_every_fixture() -> None:
    from autogen_lint.literals import Literals

    for path in [*SOURCES, *NOTEBOOK_SOURCES, *PROJECT_SOURCES]:
        text = path.read_text(encoding="utf-8", errors="replace")
        literal = _literal_places(text)
        if literal is None:
            continue
        literals = Literals(text)
        assert all(literal[index] for index in range(len(text)) if literals.in_literal(index)), path


# The cheaper ways of reading a text before parsing it: each gives the answer of the long way.
EVERY_TEXT = [*SOURCES, *NOTEBOOK_SOURCES, *PROJECT_SOURCES, *sorted((FIXTURES / "migrate").glob("*.py"))]
SPELLINGS = [
    ("keywords", source._KEYWORD_SPELLED, source._KEYWORDS),
    ("names", source._V04_NAME_SPELLED, source._V04_NAMES),
    ("interfaces", source._INTERFACE_SPELLED, source._INTERFACES),
]


def _near_misses(word: str) -> list[str]:
    """The word, alone and inside others; with a character dropped or changed; cut at either end."""
    return [
        word,
        f"x{word}y",
        f"{word}{word}",
        *(word[:i] + word[i + 1 :] for i in range(len(word))),
        *(word[:i] + "#" + word[i + 1 :] for i in range(len(word))),
        word[1:],
        word[:-1],
    ]


@pytest.mark.parametrize(("spelled", "words"), [s[1:] for s in SPELLINGS], ids=[s[0] for s in SPELLINGS])
def test_one_scan_finds_a_word_where_a_scan_per_word_does(spelled: AnyOf, words: tuple[str, ...]) -> None:
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in EVERY_TEXT]
    texts += [miss for word in words for miss in _near_misses(word)]
    texts += ["", "_", "Team" * 3, "é_ChatAgent", "\n".join(words)]
    found = [spelled(text) for text in texts]
    assert found == [any(word in text for word in words) for text in texts]
    assert any(found) and not all(found)


def test_one_scan_needs_every_word_to_spell_an_anchor() -> None:
    assert AnyOf(("a.b", "c(d"), "(.")("x c(d y")
    with pytest.raises(ValueError, match="spells none"):
        AnyOf(("config", "x_y"), "_")


@pytest.mark.parametrize(
    "text", ["a\nb", "a\r\nb\rc\n", "\r", "\n\n", "", "a\x0cb\x0bc\u2028d\x85e\nf", "x\r\n", "tail"]
)
def test_lines_split_without_the_pattern_where_only_lf_ends_them(text: str) -> None:
    assert source.split_lines(text) == source._NEWLINE.split(text)  # form feeds, U+2028 and NEL end no line


def test_v02_imports_are_looked_for_only_where_autogen_ends_a_name() -> None:
    for path in EVERY_TEXT:
        text = path.read_text(encoding="utf-8", errors="replace")
        long_way = any(pattern.search(text) for pattern in source._V02_IMPORTS)
        assert source.imports_v02(text) == long_way, path
        if long_way:
            assert source._V02_NAME.search(text), path


def test_plain_strings_are_read_as_the_long_way_reads_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one-step reading of a plain string leaves every answer as the step-by-step reading gives it."""
    from autogen_lint import literals

    texts = [path.read_text(encoding="utf-8", errors="replace") for path in EVERY_TEXT]
    texts += [*TRICKY_LITERALS, "a\n'x'\n", "ab'x'", "1'x'", "é'x'", "'''x'''", "''", "'a\\\nb'", "'open", "x = ''' '"]

    def answers() -> list[list[bool]]:
        """Asked at each place in order, and at each place after the whole text is read."""
        found = []
        for text in texts:
            reading, whole = literals.Literals(text), literals.Literals(text)
            found.append([reading.in_literal(i) for i in range(len(text) + 1)])
            found.append([whole.in_literal(len(text)), *(whole.in_literal(i) for i in range(len(text)))])
        return found

    quick = answers()
    monkeypatch.setattr(literals, "_NEXT", re.compile(r"#([^\n]*)|[\"']"))  # every string read step by step
    assert answers() == quick
    assert any(any(places) for places in quick)


def test_cells_without_ipython_hints_are_taken_as_they_are() -> None:
    lines = [*IPYTHON_LINES]
    for path in sorted(FIXTURES.rglob("*.py")):
        lines += path.read_text(encoding="utf-8", errors="replace").split("\n")
    for line in lines:
        if notebooks.python_lines([line]) != [line]:
            assert any(hint in line for hint in notebooks.IPYTHON_HINTS), line
    assert any(notebooks.python_lines([line]) != [line] for line in lines)


def test_code_cells_are_what_the_line_by_line_reading_gives() -> None:
    sources: list[str | None] = []
    for path in sorted((FIXTURES / "migrate").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            sources.append(text if cell["cell_type"] == "code" else None)
    sources += ["%%bash\nls", "x = 1\n!ls\nuv pip install y", "print('install')", "pip install ag2", None, "a\r\nb"]
    cells = notebooks.code_cells(sources)
    assert [cell.lines for cell in cells] == [
        notebooks.python_lines(source.split_lines(text)) for text in sources if text is not None
    ]
    assert [cell.pip_lines for cell in cells] == [
        tuple(
            (number, line)
            for number, line in enumerate(source.split_lines(text), start=1)
            if "install" in line and notebooks._PIP.match(line)
        )
        for text in sources
        if text is not None
    ]
    assert any(cell.pip_lines for cell in cells)


def test_uses_of_asyncio_are_found_where_the_word_stands_alone() -> None:
    long_way = re.compile(r"\basyncio\b")
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in EVERY_TEXT]
    texts += ["asyncio", "xasyncio asyncio_ asyncio.run é asyncio", "_asyncio", "(asyncio)", "aasyncio\nasyncio"]
    found = [[use.span() for use in source._ASYNCIO_USE.finditer(text)] for text in texts]
    assert found == [[use.span() for use in long_way.finditer(text)] for text in texts]
    assert any(found)
