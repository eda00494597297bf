"""A new version checked from the previous one reports what a full check of it reports.

Every fixture is edited in ways that keep its tree (comments and blank lines typed, added,
removed, including inside multi-line strings, where they are text, not comments) and in ways
that do not; each version is checked from the previous one and in full, and both must agree.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from harness import fixture_files

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.engine import Superseded
from autogen_lint.incremental import Checked, moved_findings, reparse
from autogen_lint.runner import check_bytes, check_notebook_again, check_text, check_text_again
from autogen_lint.source import decode

CONFIG = Config()
SOURCES = [p for p in fixture_files() if b"autogen" in p.read_bytes()]


def versions(text: str) -> list[str]:
    """Edits of ``text``: comments typed at the end of lines, lines added and removed, code changed."""
    lines = text.split("\n")
    picks = sorted({0, len(lines) // 3, len(lines) // 2, (2 * len(lines)) // 3, max(len(lines) - 2, 0)})
    found = []
    for index in picks:
        typed = [*lines]
        typed[index] = f"{typed[index]}  # typed"
        found.append("\n".join(typed))
        found.append("\n".join([*lines[:index], "# a new line", *lines[index:]]))
        found.append("\n".join([*lines[:index], "", "    # indented", *lines[index:]]))
    found.append("# at the top\n" * 3 + text)
    found.append(text.replace("\n\n", "\n", 1))  # a blank line removed
    found.append(text + "\nextra = call(llm_config={})\n")  # code: checked in full
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_each_version_checked_from_the_previous_equals_a_full_check(path: Path) -> None:
    item = Found(path, Kind.PYTHON)
    original = decode(path.read_bytes())
    report, kept = check_text_again(item, CONFIG, original, None)
    assert report == check_text(item, CONFIG, original)
    for version in versions(original):
        # each from the previous version: edits pile up as they do in an editor
        report, kept = check_text_again(item, CONFIG, version, kept)
        assert report == check_text(item, CONFIG, version)


def _checked(text: str) -> Checked:
    _, kept = check_text_again(Found(Path("m.py"), Kind.PYTHON), CONFIG, text, None)
    assert kept is not None
    return kept


V02 = (
    'from autogen import AssistantAgent\n\n\ndef f():\n    """Docs.\n\n    # not a comment\n    """\n'
    '    return AssistantAgent(name, llm_config={"model": "m"})\n'
)


@pytest.mark.parametrize(
    ("edited", "reused"),
    [
        (V02.replace("\n\n\ndef", "\n# typed\n\ndef"), True),  # a comment line between statements
        (V02.replace("return AssistantAgent", "# above\n    return AssistantAgent"), True),
        (V02.replace("def f():", "def f():  # typed after the code"), True),
        (V02.replace("# not a comment", "# still not a comment"), False),  # inside the docstring
        (V02.replace("    # not a comment\n", ""), False),
        (V02.replace("name,", "other,"), False),  # code
        (V02.replace('"m"})', '"m"})  # typed'), False),  # a string on the line: not read here
    ],
)
def test_only_edits_that_keep_the_tree_reuse_the_previous_check(edited: str, reused: bool) -> None:
    moved = moved_findings(_checked(V02), edited.split("\n"))
    assert (moved is not None) is reused
    if moved is not None:
        full = _checked(edited).findings
        assert moved == full


def test_a_check_is_given_up_once_a_newer_version_waits() -> None:
    item = Found(Path("m.py"), Kind.PYTHON)
    asked: list[int] = []

    def newer_after_the_parse() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(Superseded):
        check_text_again(item, CONFIG, V02, None, newer_after_the_parse)
    assert len(asked) == 2  # after parsing, then before the first function
    report, _ = check_text_again(item, CONFIG, V02, None, lambda: False)
    assert report == check_text(item, CONFIG, V02) and report.findings


TEAM = Path(__file__).parent / "fixtures" / "incremental" / "team.py"
SOLO_CLIENT = 'async def solo(task: str) -> str:\n    client = OpenAIChatCompletionClient(model="gpt-4o")'
# Each edit applies to the text the previous one left, as typing does; ``True``: some function
# bodies keep their findings (the edit cannot reach them), ``False``: everything is walked again.
EDITS: list[tuple[str, str, str, bool]] = [
    ("code typed in a function", "    return task\n", "    return task or 'none'\n", True),
    (
        "a line of code added in a function",
        "    await agent.run(task=task)\n",
        "    await agent.run(task=task)\n    print(agent)\n",
        True,
    ),
    (
        "a client closed in the function that made it",
        "    agent.run(task=task)\n",
        "    agent.run(task=task)\n    await client.close()\n",
        True,
    ),
    # ``retry`` loads ``client`` before it assigns it: what it records depends on whether a
    # function walked before it assigned ``client`` from a call (``solo`` does, until now)
    (
        "an earlier function stops tracking a name",
        SOLO_CLIENT,
        SOLO_CLIENT.replace('OpenAIChatCompletionClient(model="gpt-4o")', "shared"),
        True,
    ),
    (
        "and tracks it again",
        SOLO_CLIENT.replace('OpenAIChatCompletionClient(model="gpt-4o")', "shared"),
        SOLO_CLIENT,
        True,
    ),
    ("code typed in the function that loads early", "for _ in range(3)", "for _ in range(4)", True),
    # ``team_run`` hands its client to ``shutdown``: whether it is closed is read from there
    ("the helper closes nothing now", "    await model.close()\n", "    print(model)\n", True),
    ("and closes again", "    print(model)\n", "    await model.close()\n", True),
    ("the module-level client is closed no more", "    await shared.close()\n", "    print(shared)\n", True),
    ("an agent name that is not an identifier", 'Agent("writer"', 'Agent("story writer"', False),
    ("and one again", 'Agent("story writer"', 'Agent("writer"', False),
    (
        "an import typed in a function",
        "    await shutdown(client)\n",
        "    import autogen_core\n    await shutdown(client)\n",
        False,
    ),
    ("and removed", "    import autogen_core\n", "", False),
    (
        "a global declared in a function",
        "    print(shared)\n",
        "    global shared\n    shared = OpenAIChatCompletionClient(model='m')\n",
        False,
    ),
    (
        "and removed",
        "    global shared\n    shared = OpenAIChatCompletionClient(model='m')\n",
        "    print(shared)\n",
        False,
    ),
    (
        "a parameter added",
        "async def closes_shared() -> None:",
        "async def closes_shared(later: bool = False) -> None:",
        False,
    ),
    ("the v0.2 import removed", "from autogen import AssistantAgent, UserProxyAgent\n", "", False),
    ("code typed in a function again", "    return task or 'none'\n", "    return task or 'nothing'\n", True),
    (
        "the v0.2 import back",
        "import asyncio\n",
        "import asyncio\n\nfrom autogen import AssistantAgent, UserProxyAgent\n",
        False,
    ),
    ("a star import", "import asyncio\n", "import asyncio\nfrom autogen_agentchat.agents import *\n", False),
    ("code typed beside it", "    return task or 'nothing'\n", "    return task or 'none'\n", False),
    ("the star import removed", "from autogen_agentchat.agents import *\n", "", False),
    # ``Client`` stands for what ``OpenAIChatCompletionClient`` is bound to when it is assigned
    ("a call at module level", "set_event_loop_policy(None)", "set_event_loop_policy(policy=None)", True),
    ("made a binding", "asyncio.set_event_loop_policy(policy=None)", "OpenAIChatCompletionClient = dict", False),
    ("and a call again", "OpenAIChatCompletionClient = dict", "asyncio.set_event_loop_policy(None)", False),
    ("code typed in the main block", 'solo("hi")', 'solo("hello")', True),
    (
        "a call added at the end",
        '    asyncio.run(solo("hello"))\n',
        '    asyncio.run(solo("hello"))\nprint("done")\n',
        True,
    ),
    (
        "a statement added at the end",
        '    asyncio.run(solo("hello"))\n',
        '    asyncio.run(solo("hi"))\nclient = shared\n',
        False,
    ),
    ("a line that does not parse", "    return task or 'none'\n", "    return task or (\n", False),
    ("fixed again", "    return task or (\n", "    return task or 'none'\n", False),
    ("code typed in a function once more", "for _ in range(4)", "for _ in range(5)", True),
]


# The only import of AutoGen is in a function: skipping it would close the gate of the
# ``config_list`` finding in the other function.
LOCAL_IMPORT = (
    'def make():\n    import autogen\n\n    return autogen.AssistantAgent("a")\n\n\n'
    'def settings():\n    return {"config_list": []}\n'
)
LOCAL_IMPORT_EDITS = [
    ("code typed beside a function that imports", "    return {", "    print(1)\n    return {", False),
    ("and again", "    print(1)\n", "    print(2)\n", False),
]


@pytest.mark.parametrize(
    ("text", "edits"),
    [(TEAM.read_text(encoding="utf-8"), EDITS), (LOCAL_IMPORT, LOCAL_IMPORT_EDITS)],
    ids=["team", "local-import"],
)
def test_edits_checked_from_the_previous_version_equal_a_full_check(
    text: str, edits: list[tuple[str, str, str, bool]]
) -> None:
    item = Found(TEAM, Kind.PYTHON)
    _, kept = check_text_again(item, CONFIG, text, None)
    for what, old, new, reuses in edits:
        assert old in text, what
        text = text.replace(old, new, 1)
        report, checked = check_text_again(item, CONFIG, text, kept)
        assert report == check_text(item, CONFIG, text), what
        reused = checked.reused if checked is not None else 0
        assert (reused > 0) is reuses, (what, reused)
        kept = checked if checked is not None else kept


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_code_typed_in_each_function_equals_a_full_check(path: Path) -> None:
    """In every function of every fixture, last to first: a line of code added at its end, then changed."""
    item = Found(path, Kind.PYTHON)
    text = decode(path.read_bytes())
    _, kept = check_text_again(item, CONFIG, text, None)
    for end in _function_ends(text):
        lines = text.split("\n")
        indent = lines[end - 1][: len(lines[end - 1]) - len(lines[end - 1].lstrip())]
        for typed in ("print(client)", "print(client, agent)"):
            version = "\n".join([*lines[:end], f"{indent}{typed}", *lines[end:]])
            report, checked = check_text_again(item, CONFIG, version, kept)
            assert report == check_text(item, CONFIG, version), (end, typed)
            kept = checked or kept
        text = version


def _function_ends(text: str) -> list[int]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    return sorted((node.end_lineno or node.lineno for node in tree.body if isinstance(node, functions)), reverse=True)


@pytest.mark.parametrize("path", [*SOURCES, TEAM], ids=lambda p: p.name)
def test_a_tree_parsed_again_in_part_equals_the_tree_of_the_whole_text(path: Path) -> None:
    """Statements spliced into the previous tree, the later ones moved: the same tree, positions and all."""
    text = decode(path.read_bytes())
    lines = text.split("\n")
    previous = Checked.parsed(lines, ast.parse(text), [])
    spots = sorted({1, len(lines) // 4, len(lines) // 2, len(lines) - 1})
    for spot in spots:
        for edited in (
            [*lines[:spot], "x = call(llm_config={})", *lines[spot:]],  # a statement
            [*lines[:spot], "    y = 1", *lines[spot:]],  # a line in the block above, if any
            [*lines[: spot - 1], *lines[spot:]],  # a line removed
            [*lines[:spot], "def f(", "    a,", "):", "    return a", *lines[spot:]],
        ):
            try:
                expected = ast.dump(ast.parse("\n".join(edited)), include_attributes=True)
            except SyntaxError:
                expected = None
            spliced = reparse(previous, edited)
            if spliced is not None:
                assert ast.dump(spliced.tree, include_attributes=True) == expected, spot
                spliced.undo()
            assert ast.dump(previous.tree, include_attributes=True) == ast.dump(
                ast.parse(text), include_attributes=True
            )


def test_a_check_given_up_leaves_the_previous_one_as_it_was() -> None:
    item = Found(TEAM, Kind.PYTHON)
    text = TEAM.read_text(encoding="utf-8")
    _, kept = check_text_again(item, CONFIG, text, None)
    assert kept is not None
    grown = text.replace("    return task\n", "    print(task)\n    return task\n", 1)  # later lines move
    with pytest.raises(Superseded):
        check_text_again(item, CONFIG, grown, kept, lambda: True)
    newer = grown.replace("print(task)", "print(task, 1)")
    report, _ = check_text_again(item, CONFIG, newer, kept)
    assert report == check_text(item, CONFIG, newer)


def _notebook(cells: list[str | None]) -> bytes:
    """The notebook JSON of ``cells`` (``None``: a markdown cell)."""
    return json.dumps(
        {
            "cells": [
                {"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None}
                if s is not None
                else {"cell_type": "markdown", "metadata": {}, "source": "# Notes"}
                for s in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    ).encode()


def _replaced(old: str, new: str) -> Callable[[list[str | None]], list[str | None]]:
    """``old`` replaced by ``new`` in the first cell that holds it."""

    def edit(cells: list[str | None]) -> list[str | None]:
        index = next(i for i, source in enumerate(cells) if source is not None and old in source)
        return [*cells[:index], (cells[index] or "").replace(old, new, 1), *cells[index + 1 :]]

    return edit


NOTEBOOK_EDITS: list[tuple[str, Callable[[list[str | None]], list[str | None]], bool]] = [
    ("code typed in a cell's function", _replaced("    return task", "    return task or 'x'"), True),
    ("a line added in a cell's function", _replaced("    return task or", "    print(task)\n    return task or"), True),
    ("a cell added", lambda cells: [*cells[:5], "print(shared)", *cells[5:]], True),
    ("a markdown cell added", lambda cells: [None, *cells], True),
    ("code typed in a cell after it", _replaced("range(3)", "range(4)"), True),
    ("a cell that does not parse", _replaced("print(shared)", "print(shared"), False),
    ("fixed", _replaced("print(shared", "print(shared)"), True),  # from the last version that parsed
    ("a magic", _replaced("print(shared)", "%time print(shared)"), True),
    ("a cell removed", lambda cells: [c for c in cells if c != "%time print(shared)"], True),
    ("the v0.2 import removed", _replaced("from autogen import AssistantAgent, UserProxyAgent\n", ""), False),
]


def test_notebook_cells_checked_from_the_previous_version_equal_a_full_check() -> None:
    item = Found(Path("book.ipynb"), Kind.NOTEBOOK)
    text = TEAM.read_text(encoding="utf-8")
    first, *others = text.split("\n\n\n")  # a cell for each function
    cells: list[str | None] = [None, first, "%pip install autogen-agentchat", *others]
    report, kept = check_notebook_again(item, CONFIG, cells, None)
    assert report == check_bytes(item, CONFIG, _notebook(cells))
    for what, edit, reuses in NOTEBOOK_EDITS:
        cells = edit(cells)
        report, checked = check_notebook_again(item, CONFIG, cells, kept)
        assert report == check_bytes(item, CONFIG, _notebook(cells)), what
        assert (checked is not None and checked.reused > 0) is reuses, what
        kept = checked or kept
