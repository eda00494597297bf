"""``autogen-lint check --fix`` and its companions, through the installed command.

What each rule's fix writes is pinned by the before/after pairs in ``tests/fixtures/fixes``;
these tests are about how the command applies, shows, reports and writes fixes.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from textwrap import dedent

import pytest
from test_cli import run, write

from autogen_lint import cli
from autogen_lint.fix import files as fix_files_module
from autogen_lint.fix.apply import FixOutcome

UNAWAITED = dedent("""\
    from autogen_agentchat.agents import AssistantAgent


    async def main(client):
        agent = AssistantAgent("a", model_client=client)
        agent.run(task="x")  # keep this comment
""")
AWAITED = UNAWAITED.replace('agent.run(task="x")', 'await agent.run(task="x")')
V02 = 'from autogen import AssistantAgent\nAssistantAgent("a", llm_config=None)\n'


def test_fix_writes_the_safe_fix_and_reports_what_is_left(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": UNAWAITED, "old.py": V02})
    result = run("check", "--fix", cwd=tmp_path)
    assert (tmp_path / "app.py").read_text() == AWAITED
    assert (tmp_path / "old.py").read_text() == V02  # v0.2 rules only suggest
    assert "Fixed 1 finding." in result.stdout
    assert "AGL703" not in result.stdout and "AGL101" in result.stdout
    assert result.returncode == 1
    again = run("check", "--fix", cwd=tmp_path)
    assert (tmp_path / "app.py").read_text() == AWAITED
    assert "Fixed" not in again.stdout


def test_fix_exits_zero_when_nothing_is_left(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": UNAWAITED})
    result = run("check", "--fix", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "app.py").read_text() == AWAITED


def test_diff_writes_nothing_and_exits_one(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": UNAWAITED})
    result = run("check", "--diff", cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "app.py").read_text() == UNAWAITED
    assert result.stdout == (
        "--- app.py\n+++ app.py\n@@ -3,4 +3,4 @@\n \n \n"
        ' async def main(client):\n     agent = AssistantAgent("a", model_client=client)\n'
        '-    agent.run(task="x")  # keep this comment\n'
        '+    await agent.run(task="x")  # keep this comment\n'
    )
    assert "Would fix 1 finding." in result.stderr
    write(tmp_path, {"app.py": AWAITED})
    clean = run("check", "--diff", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_fix_only_reports_nothing_and_exits_zero(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": UNAWAITED, "old.py": V02})
    result = run("check", "--fix-only", "--show-fixes", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "Fixed 1 finding:\n- app.py:\n    1 × AGL703 (autogen-unawaited-coroutine)\n"
    assert (tmp_path / "app.py").read_text() == AWAITED


def test_fixes_keep_encoding_bom_and_line_endings(tmp_path: Path) -> None:
    crlf = UNAWAITED.replace("\n", "\r\n").encode()
    latin = ("# -*- coding: latin-1 -*-\n# café\n" + UNAWAITED).encode("latin-1")
    bom = codecs.BOM_UTF8 + UNAWAITED.encode()
    write(tmp_path, {"crlf.py": crlf, "latin.py": latin, "bom.py": bom})
    run("check", "--fix", "--no-cache", cwd=tmp_path)
    assert (tmp_path / "crlf.py").read_bytes() == AWAITED.replace("\n", "\r\n").encode()
    assert (tmp_path / "latin.py").read_bytes() == ("# -*- coding: latin-1 -*-\n# café\n" + AWAITED).encode("latin-1")
    assert (tmp_path / "bom.py").read_bytes() == codecs.BOM_UTF8 + AWAITED.encode()


def test_the_cache_learns_the_fixed_content(tmp_path: Path) -> None:
    write(tmp_path, {"app.py": UNAWAITED})
    assert "AGL703" in run("check", cwd=tmp_path).stdout  # cached with its finding
    run("check", "--fix", cwd=tmp_path)
    after = run("check", "--format", "json", cwd=tmp_path)
    assert json.loads(after.stdout) == []
    write(tmp_path, {"app.py": UNAWAITED})  # back to the old content: the old findings again
    assert "AGL703" in run("check", cwd=tmp_path).stdout


def test_notebook_cells_are_fixed_in_place(tmp_path: Path) -> None:
    cell_source = [
        "from autogen_agentchat.agents import AssistantAgent\n",
        "agent = AssistantAgent('a', model_client=c)\n",
    ]
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 1,
                "id": "one",
                "metadata": {},
                "outputs": [],
                "source": cell_source,
            },
            {"cell_type": "markdown", "id": "two", "metadata": {}, "source": ["Run it:"]},
            {
                "cell_type": "code",
                "execution_count": 2,
                "id": "three",
                "metadata": {"collapsed": True},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["<coroutine>\n"]}],
                "source": ["%time\n", "agent.run(task='x')"],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(notebook, indent=1) + "\n"
    write(tmp_path, {"book.ipynb": text})
    result = run("check", "--fix", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "book.ipynb").read_text() == text.replace(
        "\"agent.run(task='x')\"", "\"await agent.run(task='x')\""
    )


def test_a_fix_that_fails_leaves_the_file_and_exits_two(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(text: str, check, applies, **_: object) -> FixOutcome[str]:  # type: ignore[no-untyped-def]
        return FixOutcome(text, tuple(check(text)), error="a fix for AGL703 introduced a syntax error (line 1)")

    monkeypatch.setattr(fix_files_module, "fix_text", broken)
    write(tmp_path, {"app.py": UNAWAITED})
    monkeypatch.chdir(tmp_path)
    status = cli.main(["check", "--fix", "--no-cache", "--jobs", "1"])
    out = capsys.readouterr()
    assert status == 2
    assert "error: app.py: a fix for AGL703 introduced a syntax error" in out.err
    assert "AGL703" in out.out  # the findings are still reported
    assert (tmp_path / "app.py").read_text() == UNAWAITED


def test_configuration_turns_fixing_on_and_grades_fixes(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"app.py": UNAWAITED, "pyproject.toml": '[tool.autogen-lint]\nfix = true\nextend-unsafe-fixes = ["AGL703"]\n'},
    )
    run("check", "--no-cache", cwd=tmp_path)
    assert (tmp_path / "app.py").read_text() == UNAWAITED  # now unsafe: not applied by a plain fix
    run("check", "--no-cache", "--unsafe-fixes", cwd=tmp_path)
    assert (tmp_path / "app.py").read_text() == AWAITED
    write(tmp_path, {"app.py": UNAWAITED, "pyproject.toml": '[tool.autogen-lint]\nunfixable = ["AGL7"]\n'})
    result = run("check", "--fix", "--no-cache", "--format", "json", cwd=tmp_path)
    assert (tmp_path / "app.py").read_text() == UNAWAITED
    [finding] = json.loads(result.stdout)
    assert finding["fix"]["applicability"] == "display-only"
    write(tmp_path, {"pyproject.toml": '[tool.autogen-lint]\nfix = "yes"\n'})
    invalid = run("check", "--no-cache", cwd=tmp_path)
    assert invalid.returncode == 2 and "fix must be true or false" in invalid.stderr
