"""Every ``--output-format`` through the installed command, on Python files, a notebook and a
requirements file; OSC 8 hyperlinks on a pseudo-terminal only; fixes in the output of a real run."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from harness import TESTS
from test_cli import EXECUTABLE, SARIF_SCHEMA, V02, V04_MISTAKE, notebook, run, write

from autogen_lint.output import FORMATS
from autogen_lint.settings import DEFAULT_GUIDE_URL

JUNIT_SCHEMA = xmlschema.XMLSchema(str(TESTS / "data" / "junit.xsd"))
GUIDE = f"{DEFAULT_GUIDE_URL}#assistant-agent"
OSC8 = "\033]8;;"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two Python files, a notebook (markdown first, so the code is cell 2), a requirements file."""
    write(
        tmp_path,
        {
            "app.py": V02,
            "v04.py": V04_MISTAKE,
            "clean.py": "x = 1\n",
            "nb.ipynb": notebook(("markdown", "# Notebook"), "%pip install pyautogen\nimport autogen\n"),
            "requirements.txt": "numpy\npyautogen==0.2.35\n",
        },
    )
    return tmp_path


def test_every_format_is_offered() -> None:
    assert set(FORMATS) == {
        "full",
        "concise",
        "text",
        "json",
        "json-lines",
        "sarif",
        "github",
        "gitlab",
        "junit",
        "pylint",
        "azure",
    }


def test_full_is_the_default_also_when_not_a_terminal(project: Path) -> None:
    default = run("check", cwd=project)
    assert default.returncode == 1
    assert default.stdout == run("check", "--output-format", "full", cwd=project).stdout
    assert default.stdout == run("check", "--format", "full", cwd=project).stdout


def test_full(project: Path) -> None:
    out = run("check", "--output-format=full", cwd=project).stdout
    blocks = out.split("\n\n")
    assert blocks[0].splitlines() == [
        "app.py:1:21: AGL101 `autogen.AssistantAgent` is AutoGen v0.2 API",
        "  |",
        "1 | from autogen import AssistantAgent",
        "  |                     ^^^^^^^^^^^^^^ AGL101",
        '2 | assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4o"})',
        "  |",
        "  = help: use `from autogen_agentchat.agents import AssistantAgent` "
        "(it takes `model_client=` instead of `llm_config=`)",
        f"  = guide: {GUIDE}",
    ]
    notebook_block = next(block for block in blocks if block.startswith("nb.ipynb"))
    assert notebook_block.splitlines()[:5] == [
        "nb.ipynb:cell 2:2:8: AGL101 `autogen` is AutoGen v0.2 API",
        "  |",
        "1 | %pip install pyautogen",
        "2 | import autogen",
        "  |        ^^^^^^^ AGL101",
    ]
    requirement = next(block for block in blocks if block.startswith("requirements.txt"))
    assert requirement.splitlines()[:6] == [
        "requirements.txt:2:1: AGL103 `pyautogen==0.2.35` installs the AutoGen v0.2 API",
        "  |",
        "1 | numpy",
        "2 | pyautogen==0.2.35",
        "  | ^^^^^^^^^^^^^^^^^ AGL103",
        "  |",
    ]
    error = next(block for block in blocks if block.startswith("v04.py"))
    assert "  = help: write `await agent.run(...)`" in error
    assert out.count("  = guide: ") == len([b for b in blocks if ": AGL" in b.splitlines()[0]]) == 5
    assert out.endswith("\nFound 5 findings in 4 of 5 files checked.\n1 fixable with `--fix`\n")
    assert "\033[" not in out


def test_concise(project: Path) -> None:
    lines = run("check", "--output-format", "concise", cwd=project).stdout.splitlines()
    assert lines[0] == (
        "app.py:1:21: AGL101 `autogen.AssistantAgent` is AutoGen v0.2 API; use "
        "`from autogen_agentchat.agents import AssistantAgent` (it takes `model_client=` instead of `llm_config=`)"
    )
    assert any(line.startswith("nb.ipynb:cell 2:2:8: AGL101 `autogen`") for line in lines)
    assert any(line.startswith("requirements.txt:2:1: AGL103 ") for line in lines)
    assert lines[-2:] == ["Found 5 findings in 4 of 5 files checked.", "1 fixable with `--fix`"]
    assert len(lines) == 7 and "http" not in "\n".join(lines)


def test_text_keeps_the_old_single_line_form(project: Path) -> None:
    lines = run("check", "--output-format", "text", cwd=project).stdout.splitlines()
    assert len(lines) == 7
    assert all(line.endswith(f"; see {DEFAULT_GUIDE_URL}#" + line.rsplit("#", 1)[-1]) for line in lines[:-2])


def test_json_and_json_lines_hold_the_same_records(project: Path) -> None:
    records = json.loads(run("check", "--output-format", "json", cwd=project).stdout)
    result = run("check", "--output-format", "json-lines", cwd=project)
    assert result.returncode == 1
    assert [json.loads(line) for line in result.stdout.splitlines()] == records
    assert {(r["path"], r["code"], r["cell"]) for r in records} == {
        ("app.py", "AGL101", None),
        ("app.py", "AGL201", None),
        ("v04.py", "AGL703", None),
        ("nb.ipynb", "AGL101", 2),
        ("requirements.txt", "AGL103", None),
    }
    assert all("fix" in record for record in records)


def test_sarif_validates(project: Path) -> None:
    document = json.loads(run("check", "--output-format", "sarif", cwd=project).stdout)
    jsonschema.validate(document, SARIF_SCHEMA)
    assert len(document["runs"][0]["results"]) == 5


def test_github(project: Path) -> None:
    lines = run("check", "--output-format", "github", cwd=project).stdout.splitlines()
    assert "::warning file=requirements.txt,line=2,col=1,endLine=2,endColumn=18,title=AGL103::`pyautogen" in "\n".join(
        lines
    )
    assert any(line.startswith("::warning file=nb.ipynb,title=AGL101::cell 2, line 2, column 8: ") for line in lines)


def test_gitlab_fingerprints_are_stable_and_distinct(project: Path) -> None:
    # Two identical findings in one file (same code, message and line text) must still differ.
    write(project, {"twice.py": "import autogen\nimport autogen\n"})
    first = run("check", "--output-format", "gitlab", cwd=project)
    second = run("check", "--output-format", "gitlab", "--no-cache", cwd=project)
    assert first.returncode == second.returncode == 1
    issues = json.loads(first.stdout)
    assert first.stdout == second.stdout
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(issues) == 7 and len(set(fingerprints)) == 7
    by_path = {(issue["location"]["path"], issue["location"]["lines"]["begin"]): issue for issue in issues}
    assert by_path["app.py", 2] == {
        "type": "issue",
        "description": by_path["app.py", 2]["description"],
        "check_name": "AGL201",
        "categories": ["Compatibility"],
        "fingerprint": by_path["app.py", 2]["fingerprint"],
        "severity": "major",
        "location": {"path": "app.py", "lines": {"begin": 2, "end": 2}},
        "content": {"body": f"Migration guide: {GUIDE}"},
    }
    assert by_path["app.py", 2]["description"].startswith("`llm_config=` is AutoGen v0.2 configuration; ")
    assert by_path["v04.py", 4]["severity"] == "critical"
    assert by_path["requirements.txt", 2]["check_name"] == "AGL103"
    assert by_path["nb.ipynb", 1]["description"].startswith("cell 2, line 2, column 8: `autogen` is")
    # A line added above moves a finding but keeps its fingerprint.
    write(project, {"app.py": "# a comment\n" + V02})
    moved = json.loads(run("check", "--output-format", "gitlab", cwd=project).stdout)
    assert {i["fingerprint"] for i in moved} == set(fingerprints)


def test_junit_validates_one_case_per_file(project: Path) -> None:
    result = run("check", "--output-format", "junit", cwd=project)
    assert result.returncode == 1
    JUNIT_SCHEMA.validate(result.stdout)
    cases = JUNIT_SCHEMA.to_dict(result.stdout)["testsuite"][0]["testcase"]
    assert sorted(case["@name"] for case in cases) == ["app.py", "clean.py", "nb.ipynb", "requirements.txt", "v04.py"]
    failures = {case["@name"]: [f["@type"] for f in case.get("failure", [])] for case in cases}
    assert failures == {
        "app.py": ["AGL101", "AGL201"],
        "clean.py": [],
        "nb.ipynb": ["AGL101"],
        "requirements.txt": ["AGL103"],
        "v04.py": ["AGL703"],
    }
    assert re.search(r'<testsuites name="autogen-lint" tests="5" failures="4" errors="0"', result.stdout)
    assert "app.py:1:21: AGL101 `autogen.AssistantAgent` is AutoGen v0.2 API; use " in result.stdout
    assert "nb.ipynb:cell 2:2:8: AGL101" in result.stdout


def test_pylint(project: Path) -> None:
    lines = run("check", "--output-format", "pylint", cwd=project).stdout.splitlines()
    assert lines[0] == (
        "app.py:1: [AGL101] `autogen.AssistantAgent` is AutoGen v0.2 API; use "
        "`from autogen_agentchat.agents import AssistantAgent` (it takes `model_client=` instead of "
        f"`llm_config=`); see {GUIDE}"
    )
    assert "nb.ipynb:1: [AGL101] cell 2, line 2, column 8: `autogen` is AutoGen v0.2 API" in "\n".join(lines)
    assert any(line.startswith("requirements.txt:2: [AGL103] ") for line in lines)
    assert len(lines) == 5


def test_azure(project: Path) -> None:
    lines = run("check", "--output-format", "azure", cwd=project).stdout.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith(
        "##vso[task.logissue type=warning;sourcepath=app.py;linenumber=1;columnnumber=21;code=AGL101;]`autogen."
    )
    assert any(line.startswith("##vso[task.logissue type=error;sourcepath=v04.py;linenumber=4;") for line in lines)
    notebook_line = next(line for line in lines if "sourcepath=nb.ipynb" in line)
    assert "linenumber=1;columnnumber=1;code=AGL101;]cell 2, line 2, column 8: " in notebook_line


EMPTY = {
    "json": "[]\n",
    "json-lines": "",
    "github": "",
    "gitlab": "[]\n",
    "pylint": "",
    "azure": "",
}


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - {"full", "concise", "text"}))
def test_machine_formats_of_a_clean_tree_written_to_a_file(tmp_path: Path, fmt: str) -> None:
    write(tmp_path, {"a.py": "x = 1\n"})
    result = run("check", "--output-format", fmt, "-o", "out", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")
    written = (tmp_path / "out").read_text(encoding="utf-8")
    if fmt == "sarif":
        assert json.loads(written)["runs"][0]["results"] == []
    elif fmt == "junit":
        JUNIT_SCHEMA.validate(written)
        assert '<testcase name="a.py" classname="autogen-lint" file="a.py" />' in written
    else:
        assert written == EMPTY[fmt]


@pytest.mark.parametrize("options", [["--output-format=json"], ["--output-format=full"], ["--statistics"]])
def test_a_report_written_to_a_file_is_what_is_printed(project: Path, options: list[str]) -> None:
    printed = run("check", "--no-cache", *options, cwd=project)
    written = run("check", "--no-cache", *options, "-o", "out", cwd=project)
    assert (written.returncode, written.stdout) == (printed.returncode, "") == (1, "")
    assert (project / "out").read_text(encoding="utf-8") == printed.stdout
    assert "app.py" in printed.stdout


def test_statistics_with_the_human_formats(project: Path) -> None:
    table = run("check", "--statistics", cwd=project).stdout
    assert table == run("check", "--statistics", "--output-format", "concise", cwd=project).stdout
    assert table.splitlines()[0] == "2  AGL101  autogen-v02-import"
    assert run("check", "--statistics", "--output-format", "junit", cwd=project).returncode == 2


# Hyperlinks


def run_on_terminal(*args: str, cwd: Path, env: dict[str, str]) -> str:
    """Run the command with its stdout on a pseudo-terminal; what it wrote there."""
    environment = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    environment.update({"TERM": "xterm-256color", "COLUMNS": "200", **env})
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(EXECUTABLE), *args], cwd=cwd, stdout=follower, stderr=subprocess.PIPE, env=environment
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal is closed once the process exits (Linux)
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    process.stderr.close()  # type: ignore[union-attr]
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_osc8_hyperlinks_only_on_a_terminal_with_colour(project: Path) -> None:
    linked = f"{OSC8}{GUIDE}\033\\\033[1;33mAGL101\033[0m{OSC8}\033\\"
    on_terminal = run_on_terminal("check", "app.py", cwd=project, env={})
    assert linked in on_terminal
    assert "guide\033[0m:" not in on_terminal  # the link is on the code, not a line of its own
    concise = run_on_terminal("check", "app.py", "--output-format", "concise", cwd=project, env={})
    assert linked in concise
    no_colour = run_on_terminal("check", "app.py", cwd=project, env={"NO_COLOR": "1"})
    assert OSC8 not in no_colour and "\033[" not in no_colour and f"  = guide: {GUIDE}" in no_colour
    to_file = run_on_terminal("check", "app.py", "-o", "report.txt", cwd=project, env={})
    assert OSC8 not in (project / "report.txt").read_text(encoding="utf-8") and OSC8 not in to_file
    piped = run("check", "app.py", cwd=project, env={"FORCE_COLOR": "1"}).stdout
    assert "\033[1;33mAGL101\033[0m" in piped and OSC8 not in piped


# Fixes, in the output of a real run

STAND_IN = """\
import sys
from dataclasses import replace

from autogen_lint import cli, engine, notebooks
from autogen_lint.findings import Applicability, Edit, Fix

checked = engine.check_tree


def with_fixes(tree, settings=engine.DEFAULT_SETTINGS, lines=None, **options):
    found = []
    for finding in checked(tree, settings, lines, **options):
        if finding.code == "AGL703":
            start = Edit(finding.line, finding.col, finding.line, finding.col, "await ")
            finding = finding._replace(fix=Fix("Add `await`", Applicability.SAFE, (start,)))
        elif finding.code == "AGL101":
            finding = finding._replace(fix=Fix("Use autogen_agentchat", Applicability.DISPLAY_ONLY))
        elif finding.code == "AGL201":
            end = Edit(finding.line, finding.col, finding.end_line, finding.end_col, "model_client=client")
            finding = finding._replace(fix=Fix("Pass a model client", Applicability.UNSAFE, (end,)))
        found.append(finding)
    return found


engine.check_tree = notebooks.check_tree = with_fixes
sys.exit(cli.main(sys.argv[1:]))
"""


def run_with_fixes(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in a process whose rules AGL703, AGL201 and AGL101 carry (stand-in) fixes."""
    script = cwd / "stand_in_fixes.py"
    script.write_text(STAND_IN, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    command = [sys.executable, str(script), "check", "--jobs=1", "--no-cache", "--exclude=stand_in_fixes.py", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=environment)


def test_fixes_in_every_human_format_and_the_summary(project: Path) -> None:
    full = run_with_fixes(cwd=project).stdout
    assert "v04.py:4:5: AGL703 [*] `agent.run(...)` returns a coroutine" in full
    assert "  = help: Add `await`\n" in full
    assert "  = help: Pass a model client (an unsafe fix; applied with `--fix --unsafe-fixes`)\n" in full
    assert "Use autogen_agentchat" not in full  # a suggestion without an edit repeats the advice
    assert full.endswith(
        "Found 5 findings in 4 of 5 files checked.\n1 fixable with `--fix` (1 more with `--unsafe-fixes`)\n"
    )
    for fmt in ("concise", "text"):
        lines = run_with_fixes("--output-format", fmt, cwd=project).stdout.splitlines()
        assert [line.split(" ", 2)[:2] for line in lines if "[*]" in line] == [["v04.py:4:5:", "AGL703"]]
        assert lines[-1] == "1 fixable with `--fix` (1 more with `--unsafe-fixes`)"
    unsafe = run_with_fixes("--unsafe-fixes", "--output-format", "concise", cwd=project).stdout.splitlines()
    assert unsafe[-1] == "2 fixable with `--fix`"
    assert sum("[*]" in line for line in unsafe) == 2


def test_fixes_in_json_and_sarif(project: Path) -> None:
    records = json.loads(run_with_fixes("--output-format", "json", cwd=project).stdout)
    fixes = {(r["path"], r["code"]): r["fix"] for r in records}
    assert fixes["v04.py", "AGL703"] == {
        "applicability": "safe",
        "message": "Add `await`",
        "edits": [{"content": "await ", "location": {"row": 4, "column": 5}, "end_location": {"row": 4, "column": 5}}],
    }
    assert fixes["nb.ipynb", "AGL101"] == {
        "applicability": "display-only",
        "message": "Use autogen_agentchat",
        "edits": [],
    }
    assert fixes["requirements.txt", "AGL103"]["applicability"] == "display-only"
    assert fixes["requirements.txt", "AGL103"]["edits"] == []
    document = json.loads(run_with_fixes("--output-format", "sarif", cwd=project).stdout)
    jsonschema.validate(document, SARIF_SCHEMA)
    results = {
        r["ruleId"] + r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r
        for r in document["runs"][0]["results"]
    }
    change = results["AGL703v04.py"]["fixes"][0]["artifactChanges"][0]
    assert change["replacements"] == [
        {
            "deletedRegion": {"startLine": 4, "startColumn": 5, "endLine": 4, "endColumn": 5},
            "insertedContent": {"text": "await "},
        }
    ]
    assert results["AGL201app.py"]["properties"] == {"applicability": "unsafe"}
    assert "fixes" in results["AGL201app.py"] and "fixes" not in results["AGL101app.py"]


def test_applying_a_fix_in_a_notebook_cell_reports_what_is_left(project: Path) -> None:
    write(
        project,
        {
            "nb.ipynb": notebook(
                ("markdown", "# t"),
                V04_MISTAKE,
            )
        },
    )
    before = json.loads(run_with_fixes("--output-format", "json", "nb.ipynb", cwd=project).stdout)
    assert before[0]["fix"]["edits"][0] == {
        "content": "await ",
        "location": {"row": 4, "column": 5},
        "end_location": {"row": 4, "column": 5},
        "cell": 2,
    }
    fixed = run_with_fixes("--fix", "nb.ipynb", cwd=project)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout == "Fixed 1 finding.\nNo findings (1 file checked).\n"
    assert "await agent.run" in (project / "nb.ipynb").read_text(encoding="utf-8")
