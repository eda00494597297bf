"""The rules' fixes, on before/after fixture pairs: through the engine and the installed command.

``tests/fixtures/fixes/NAME.py`` is the input; ``NAME.fixed.py`` what ``--fix`` makes of it and
``NAME.unsafe.py`` what ``--fix --unsafe-fixes`` makes of it. A missing file means "no change
from the previous step" (the input for ``.fixed``, the ``.fixed`` result for ``.unsafe``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.findings import Applicability
from autogen_lint.fix.apply import fix_text, python_error
from autogen_lint.runner import check_text

FIXES = Path(__file__).parent / "fixtures" / "fixes"
EXECUTABLE = Path(sys.executable).with_name("autogen-lint")
INPUTS = sorted(p for p in FIXES.glob("*.py") if p.suffixes == [".py"])
BOM = b"\xef\xbb\xbf"


def expected(source: Path, unsafe: bool) -> str:
    fixed = source.with_suffix(".fixed.py")
    text = fixed.read_text("utf-8") if fixed.exists() else source.read_text("utf-8")
    if unsafe:
        unsafe_file = source.with_suffix(".unsafe.py")
        text = unsafe_file.read_text("utf-8") if unsafe_file.exists() else text
    return text


def engine_fix(text: str, config: Config, path: Path) -> tuple[str, set[str]]:
    item = Found(path, Kind.PYTHON)
    outcome = fix_text(text, lambda t: check_text(item, config, t).findings, config.applies)
    assert outcome.error is None, outcome.error
    return outcome.document, set(outcome.applied)


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.stem)
def test_engine_pairs(source: Path, unsafe: bool, tmp_path: Path) -> None:
    config = Config(root=tmp_path, unsafe_fixes=unsafe)
    before = source.read_text("utf-8")
    after, applied = engine_fix(before, config, source)
    assert after == expected(source, unsafe)
    assert python_error(after) is None
    # A second run changes nothing, and no finding whose fix was applied is left with a fix to apply.
    again, more = engine_fix(after, config, source)
    assert again == after and not more
    left = check_text(Found(source, Kind.PYTHON), config, after).findings
    assert not any(config.applies(f.fix) for f in left)
    # No finding appears that the input did not have.
    codes_before = {f.code for f in check_text(Found(source, Kind.PYTHON), config, before).findings}
    assert {f.code for f in left} <= codes_before
    if after != before:
        assert applied


def test_every_fixing_rule_has_a_pair() -> None:
    from autogen_lint.catalog import iter_rules

    # Notebook-only rules have their pairs as notebooks (tests/test_v04_mistakes.py).
    fixing = {
        r.code
        for r in iter_rules()
        if r.fix and r.fix.applicability is not Applicability.DISPLAY_ONLY and not r.notebooks_only
    }
    config = Config(unsafe_fixes=True)
    covered = set()
    for source in INPUTS:
        covered |= engine_fix(source.read_text("utf-8"), config, source)[1]
    assert fixing <= covered


def test_v02_findings_carry_suggestions_only(tmp_path: Path) -> None:
    source = FIXES / "v02_suggestions.py"
    findings = check_text(Found(source, Kind.PYTHON), Config(root=tmp_path), source.read_text("utf-8")).findings
    assert findings
    for finding in findings:
        assert finding.fix is not None and finding.fix.applicability is Applicability.DISPLAY_ONLY
        assert finding.fix.title.startswith("v0.4: ")
    titles = [f.fix.title for f in findings if f.code == "AGL101" and f.fix]
    assert any("autogen_agentchat.agents import AssistantAgent" in title for title in titles)


def test_await_outside_async_def_is_a_suggestion(tmp_path: Path) -> None:
    source = FIXES / "await_call.py"
    findings = check_text(Found(source, Kind.PYTHON), Config(root=tmp_path), source.read_text("utf-8")).findings
    graded = {(f.line, f.fix.applicability if f.fix else None) for f in findings if f.code == "AGL703"}
    assert (33, Applicability.DISPLAY_ONLY) in graded
    assert (14, Applicability.SAFE) in graded


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(EXECUTABLE), *args], cwd=cwd, capture_output=True, text=True, check=False)


def variants(text: str) -> dict[str, bytes]:
    """The same module as LF, CRLF and with a UTF-8 BOM."""
    data = text.encode("utf-8")
    return {"lf": data, "crlf": data.replace(b"\n", b"\r\n"), "bom": BOM + data}


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_command_fixes_every_pair_in_every_encoding(tmp_path: Path, unsafe: bool) -> None:
    for source in INPUTS:
        for variant, data in variants(source.read_text("utf-8")).items():
            (tmp_path / f"{source.stem}_{variant}.py").write_bytes(data)
    flags = ["--unsafe-fixes"] if unsafe else []
    result = run("check", "--fix", "--no-cache", *flags, ".", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    for source in INPUTS:
        for variant, data in variants(expected(source, unsafe)).items():
            assert (tmp_path / f"{source.stem}_{variant}.py").read_bytes() == data, (source.name, variant)
    again = run("check", "--fix", "--no-cache", *flags, "--diff", ".", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout == "", again.stdout


def test_command_diff_writes_nothing_and_exits_1(tmp_path: Path) -> None:
    target = tmp_path / "context_manager.py"
    shutil.copy(FIXES / "context_manager.py", target)
    before = target.read_bytes()
    result = run("check", "--diff", "--no-cache", "context_manager.py", cwd=tmp_path)
    assert result.returncode == 1
    assert target.read_bytes() == before
    assert result.stdout.startswith("--- context_manager.py\n+++ context_manager.py\n")
    assert '+    model_client = OpenAIChatCompletionClient(model="gpt-4o")\n' in result.stdout
    assert "-    async with OpenAIChatCompletionClient" in result.stdout
    clean = run("check", "--diff", "--no-cache", str(FIXES / "context_manager.fixed.py"), cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == ""


def test_command_fix_only_and_show_fixes(tmp_path: Path) -> None:
    shutil.copy(FIXES / "await_call.py", tmp_path / "await_call.py")
    result = run("check", "--fix-only", "--show-fixes", "--no-cache", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "AGL703" in result.stdout + result.stderr
    assert (tmp_path / "await_call.py").read_text("utf-8") == expected(FIXES / "await_call.py", False)
    # What is left (AGL703 outside async def) is not reported with --fix-only, and exit is 0.
    assert "Cannot await here" not in result.stdout


def test_command_fix_keeps_the_cache_correct(tmp_path: Path) -> None:
    shutil.copy(FIXES / "await_call.py", tmp_path / "await_call.py")
    first = run("check", "--output-format", "json", ".", cwd=tmp_path)
    assert sum(f["code"] == "AGL703" for f in json.loads(first.stdout)) == 6
    run("check", "--fix", ".", cwd=tmp_path)
    after = run("check", "--output-format", "json", ".", cwd=tmp_path)
    assert [f["line"] for f in json.loads(after.stdout) if f["code"] == "AGL703"] == [33]


def notebook(sources: list[str]) -> dict[str, object]:
    cells = [
        {
            "cell_type": "code",
            "id": f"c{i}",
            "metadata": {"tags": ["x"]},
            "execution_count": i,
            "outputs": [],
            "source": source.splitlines(keepends=True),
        }
        for i, source in enumerate(sources)
    ]
    cells.insert(1, {"cell_type": "markdown", "id": "md", "metadata": {}, "source": ["# Title\n"]})
    return {"cells": cells, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}


def test_command_fixes_notebook_cells_in_place(tmp_path: Path) -> None:
    first = (
        "from autogen_agentchat.agents import AssistantAgent\n"
        "from autogen_ext.models.replay import ReplayChatCompletionClient\n"
        "client = ReplayChatCompletionClient(['Hi.'])\n"
        "agent = AssistantAgent('a', model_client=client)"
    )
    second = "%time x = 1\nagent.run(task='Hello.')  # top-level await is allowed in a cell\nawait client.close()"
    document = notebook([first, second])
    path = tmp_path / "chat.ipynb"
    text = json.dumps(document, indent=1) + "\n"
    path.write_text(text, encoding="utf-8")
    result = run("check", "--fix", "--no-cache", "chat.ipynb", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    fixed = json.loads(path.read_text("utf-8"))
    want = replace_source(document, 2, second.replace("agent.run(", "await agent.run("))
    assert fixed == want
    assert path.read_text("utf-8") == json.dumps(want, indent=1) + "\n"


def replace_source(document: dict[str, object], index: int, source: str) -> dict[str, object]:
    cells = [dict(cell) for cell in document["cells"]]  # type: ignore[union-attr]
    cells[index]["source"] = source.splitlines(keepends=True)
    return {**document, "cells": cells}


def test_fixable_and_unfixable_configuration(tmp_path: Path) -> None:
    shutil.copy(FIXES / "context_manager.py", tmp_path / "a.py")
    (tmp_path / "pyproject.toml").write_text('[tool.autogen-lint]\nunfixable = ["AGL704"]\n', encoding="utf-8")
    before = (tmp_path / "a.py").read_bytes()
    result = run("check", "--fix", "--no-cache", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "a.py").read_bytes() == before
    config = replace(Config(root=tmp_path), extend_unsafe_fixes=("AGL704",))
    after, applied = engine_fix(before.decode(), config, tmp_path / "a.py")
    assert after == before.decode() and not applied
