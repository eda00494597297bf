"""Migration targets, on whole projects: each fixture project's markers are the spec.

``tests/fixtures/projects/NAME`` is a project with a ``pyproject.toml`` (and, for some,
``requirements.txt`` and ``setup.cfg``). Each is copied away from this repository (whose own
configuration would otherwise apply) and checked by the engine with the settings the plugins
read, a real flake8 process, a real pylint process, the installed command and the language
server over stdio. Python files carry their expected findings as ``# AGL801:12`` comments;
dependency files as a ``# AGL103:1`` comment at the end of the line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest
import pytest_lsp
from harness import FIXTURES, Hit, compare, engine_hits, run_flake8, run_pylint
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from autogen_lint.catalog import RULES
from autogen_lint.discovery import is_dependency_file
from autogen_lint.targets import adapter_settings, ag2_only_name, decide, is_ag2_classic

PROJECTS = FIXTURES / "projects"
NAMES = sorted(p.name for p in PROJECTS.iterdir() if (p / "pyproject.toml").exists())
EXECUTABLE = str(Path(sys.executable).with_name("autogen-lint"))
MAF_GUIDE = "https://learn.microsoft.com/agent-framework/migration-guide/from-autogen"
DEPENDENCY_MARKER = re.compile(r"#\s*((?:AGL\d{3}(?::\d+)?\s*)+)$")

# The one line the command writes about the target, for each project (its start).
REASONS = {
    "ag2_classic": "AG2 Classic project (pyproject.toml requires ag2[openai]<1.0,>=0.9): v0.2 rules are off; "
    'set target = "autogen" or "agent-framework"',
    "ag2_classic_code": "AG2 Classic project (desk.py uses `autogen.LLMConfig`, which only AG2 has",
    "ag2_classic_with_target": 'target: AutoGen v0.4 (target = "autogen" in pyproject.toml)',
    "maf_1x": "target: Agent Framework (pyproject.toml requires agent-framework-core>=1.0)",
    "maf_pre_1_0": "target: Agent Framework (pyproject.toml requires agent-framework>=1.0)",
    "v02_to_agent_framework": 'target: Agent Framework (target = "agent-framework" in pyproject.toml)',
    "v04_in_agent_framework": "target: Agent Framework (pyproject.toml requires agent-framework-core>=1.0)",
}


def copy_of(name: str, tmp_path: Path) -> Path:
    """A copy of a fixture project outside this repository, whose own configuration would apply."""
    copy = tmp_path / name
    shutil.copytree(PROJECTS / name, copy)
    return copy


@pytest.fixture(params=NAMES)
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return copy_of(request.param, tmp_path)


def python_files(project: Path) -> list[Path]:
    return sorted(project.glob("*.py"))


def dependency_expectations(path: Path) -> list[tuple[int, str, int | None]]:
    expected = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = DEPENDENCY_MARKER.search(line)
        for item in match.group(1).split() if match else ():
            code, _, col = item.partition(":")
            expected.append((number, code, int(col) if col else None))
    return expected


def compare_dependencies(path: Path, hits: list[Hit]) -> list[str]:
    expected = sorted(dependency_expectations(path))
    found = sorted((hit.line, hit.code, hit.col) for hit in hits)
    return [] if found == expected else [f"{path.name}: expected {expected}, found {found}"]


def test_every_project_has_its_line() -> None:
    assert set(NAMES) == set(REASONS)


def test_engine(project: Path) -> None:
    settings, problem = adapter_settings(guide_url=None, flag_compat_shims=False, target=None, start=project)
    assert problem is None
    for path in python_files(project):
        assert compare(path, engine_hits(path, settings)) == [], path.name


def test_flake8(project: Path) -> None:
    files = python_files(project)
    hits = run_flake8(files, cwd=project)
    for path in files:
        assert compare(path, hits.get(path.resolve(), [])) == [], path.name


def test_pylint(project: Path) -> None:
    files = python_files(project)
    hits = run_pylint(files, cwd=project)
    for path in files:
        assert compare(path, hits.get(path.resolve(), [])) == [], path.name


def run_command(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXECUTABLE, *args], cwd=project, capture_output=True, text=True, check=False, encoding="utf-8"
    )


def test_command(project: Path) -> None:
    result = run_command(project, "check", "--no-cache", "--output-format", "json")
    assert result.returncode in (0, 1), result.stderr
    lines = [line for line in result.stderr.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith(f"autogen-lint: {REASONS[project.name]}"), result.stderr
    findings = json.loads(result.stdout)
    by_file: dict[str, list[Hit]] = {}
    for finding in findings:
        hit = Hit(finding["line"], finding["column"], finding["code"], finding["message"])
        by_file.setdefault(Path(finding["path"]).name, []).append(hit)
    checked = [path for path in sorted(project.iterdir()) if path.suffix == ".py" or is_dependency_file(path)]
    for path in checked:
        hits = by_file.pop(path.name, [])
        problems = compare(path, hits) if path.suffix == ".py" else compare_dependencies(path, hits)
        assert problems == [], path.name
    assert by_file == {}
    assert (result.returncode == 1) == bool(findings)


def test_report_says_which_target_applies(project: Path) -> None:
    result = run_command(project, "report", "--no-cache", "--format", "json", "-o", "report.json")
    assert result.returncode == 0, result.stderr
    report = json.loads((project / "report.json").read_text(encoding="utf-8"))
    assert report["target"].startswith(REASONS[project.name])


def test_ag2_code_is_found_by_the_checks_own_reads(tmp_path: Path) -> None:
    """The AG2 scan rides on the check's reads: it holds with a warm cache and for a part of the project."""
    project = copy_of("ag2_classic_code", tmp_path)
    (project / "sub").mkdir()
    (project / "sub" / "chat.py").write_text("import autogen\n\nagent = autogen.AssistantAgent('a', llm_config={})\n")
    for args in (["check"], ["check"], ["check", "sub"], ["check", "sub/chat.py"], ["check", "--no-cache", "sub"]):
        result = run_command(project, *args, "--output-format", "concise")
        assert result.returncode == 0 and "No findings" in result.stdout, (args, result.stdout)
        assert result.stderr.startswith(f"autogen-lint: {REASONS['ag2_classic_code']}"), (args, result.stderr)
    [store] = (project / ".autogen_lint_cache").glob("*.json")
    entries = json.loads(store.read_text())["files"]
    assert entries["desk.py"][3] == "autogen.LLMConfig" and entries["sub/chat.py"][3] is None
    # Unchanged files the cache knows are not read again for the scan: doctored, the cache decides.
    then = time.time_ns() - 10**10  # older than any modification a stamp could miss
    for name in ("desk.py", "sub/chat.py"):
        os.utime(project / name, ns=(then, then))
    run_command(project, "check")  # the files are read, known by content, and their size and time kept
    entries = json.loads(store.read_text())["files"]
    entries["desk.py"][3] = None
    store.write_text(json.dumps({"format": 4, "files": entries}))
    result = run_command(project, "check", "sub/chat.py")
    assert result.stderr.startswith("autogen-lint: target: AutoGen v0.4"), result.stderr
    entries["desk.py"][3] = "autogen.LLMConfig"
    store.write_text(json.dumps({"format": 4, "files": entries}))
    # Without the file using AG2-only API the project is a v0.2 one again, warm cache or not.
    (project / "desk.py").unlink()
    for args in (["check"], ["check", "sub"]):
        result = run_command(project, *args, "--output-format", "concise")
        assert result.returncode == 1 and "sub/chat.py:3:" in result.stdout, (args, result.stdout)
        assert result.stderr.startswith("autogen-lint: target: AutoGen v0.4"), (args, result.stderr)


@pytest.mark.parametrize("name", ["ag2_classic", "ag2_classic_code"])
def test_ag2_classic_projects_are_left_in_peace(name: str, tmp_path: Path) -> None:
    """No finding at all, not even on the AG2 pins, until a target says the project is leaving AG2."""
    project = copy_of(name, tmp_path)
    result = run_command(project, "check", "--no-cache", "--output-format", "concise")
    assert result.returncode == 0 and "No findings" in result.stdout, result.stdout
    assert 'set target = "autogen" or "agent-framework" in [tool.autogen-lint] (or --target)' in result.stderr
    for target in ("autogen", "agent-framework"):
        explicit = run_command(project, "check", "--no-cache", "--target", target)
        assert explicit.returncode == 1 and "AGL101" in explicit.stdout and "AG2" not in explicit.stderr


def test_the_explicit_target_reports_as_before(tmp_path: Path) -> None:
    """With `target = "autogen"`, the AG2 project gets what a v0.2 project gets."""
    project = copy_of("ag2_classic_with_target", tmp_path)
    with_target = run_command(project, "check", "--no-cache", "--format", "json")
    findings = json.loads(with_target.stdout)
    assert {f["code"] for f in findings} >= {"AGL101", "AGL103", "AGL201", "AGL301", "AGL401", "AGL601"}
    assert all(MAF_GUIDE not in f["message"] for f in findings)


def test_v02_advice_names_the_agent_framework_replacement(tmp_path: Path) -> None:
    project = copy_of("v02_to_agent_framework", tmp_path)
    result = run_command(project, "check", "--no-cache", "--format", "json")
    findings = json.loads(result.stdout)
    assert findings and all(RULES[f["code"]].v02 for f in findings)
    for finding in findings:
        message = finding["message"]
        assert "in Agent Framework, " in message and "agent_framework" in message, message
        assert f"({MAF_GUIDE}#" in message, message  # the Agent Framework section, in the message
        assert finding["url"].startswith("https://microsoft.github.io/autogen/"), finding  # the v0.2 -> v0.4 one
        assert finding["fix"]["message"].startswith("Agent Framework: ")


def test_agent_framework_rules_link_their_guide(tmp_path: Path) -> None:
    project = copy_of("v04_in_agent_framework", tmp_path)
    result = run_command(project, "check", "--no-cache", "--format", "json")
    findings = [f for f in json.loads(result.stdout) if f["code"].startswith("AGL8")]
    assert findings and all(f["url"].startswith(f"{MAF_GUIDE}#") for f in findings)


def test_no_target_no_agent_framework_rules(tmp_path: Path) -> None:
    """The same v0.4 code with the AutoGen target: AGL7xx only."""
    project = copy_of("v04_in_agent_framework", tmp_path)
    result = run_command(project, "check", "--no-cache", "--format", "json", "--target", "autogen")
    assert {f["code"][:4] for f in json.loads(result.stdout)} == {"AGL7"}


def test_an_invalid_target_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.autogen-lint]\ntarget = "semantic-kernel"\n', encoding="utf-8")
    result = run_command(tmp_path, "check")
    assert result.returncode == 2
    assert 'target must be "autogen" or "agent-framework"' in result.stderr


@pytest.mark.parametrize(
    ("requirement", "ag2"),
    [
        ("autogen", True),
        ("autogen==0.14.0", True),
        ("autogen==0.2.1", False),
        ("ag2", True),
        ("ag2[openai]<1.0", True),
        ("ag2>=1.0", False),
        ("pyautogen>=0.3,<0.10", True),
        ("pyautogen==0.9.1", True),
        ("pyautogen==0.2.35", False),
        ("pyautogen", False),
        ("pyautogen>=0.10", False),
        ("autogen-agentchat>=0.4", False),
    ],
)
def test_which_pins_are_ag2_classic(requirement: str, ag2: bool) -> None:
    from packaging.requirements import Requirement

    assert is_ag2_classic(Requirement(requirement)) is ag2


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("from autogen import LLMConfig\n", "autogen.LLMConfig"),
        ("import autogen\nautogen.LLMConfig(model='x')\n", "autogen.LLMConfig"),
        ("import autogen as ag\nag.agentchat.run_group_chat()\n", "autogen.agentchat.run_group_chat"),
        ("from autogen.agentchat.group.patterns import AutoPattern\n", "autogen.agentchat.group.patterns.AutoPattern"),
        ("from autogen import ConversableAgent\n", None),
        ("class LLMConfig: ...\nLLMConfig()\n", None),
        ("from my_lib import LLMConfig\n", None),
    ],
)
def test_ag2_only_api_is_matched_by_resolved_name(source: str, name: str | None) -> None:
    import ast

    assert ag2_only_name(ast.parse(source)) == name


def test_a_microsoft_dependency_keeps_ag2_looking_code_reported(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("autogen-agentchat~=0.2.40\n", encoding="utf-8")
    (tmp_path / "app.py").write_text("from autogen import LLMConfig\n", encoding="utf-8")
    decision = decide(None, "", tmp_path)
    assert not decision.quiet_v02 and decision.target == "autogen"


def test_migrate_writes_v04_in_an_agent_framework_project(tmp_path: Path) -> None:
    """`migrate` still rewrites v0.2 to v0.4, with v0.4 notes, whatever the target."""
    project = copy_of("v02_to_agent_framework", tmp_path)
    result = run_command(project, "migrate", "--diff", "helpdesk.py")
    assert result.returncode in (0, 1), result.stderr
    added = [line for line in result.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert added and "import asyncio" in "\n".join(added)  # it did migrate
    assert not any("agent_framework" in line or "in Agent Framework" in line for line in added), added


# The language server, over stdio, on a copy of each project.

CONFIG = ClientServerConfig(server_command=[EXECUTABLE, "server"])


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    yield


async def diagnostics(client: LanguageClient, path: Path) -> Sequence[types.Diagnostic]:
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text))
    )
    for _ in range(50):
        if uri in client.diagnostics:
            return list(client.diagnostics.pop(uri))
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    raise AssertionError(f"no diagnostics for {uri}")


@pytest.mark.asyncio
async def test_server(client: LanguageClient, tmp_path: Path) -> None:
    copies = tmp_path / "projects"
    shutil.copytree(PROJECTS, copies)
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=copies.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=copies.as_uri(), name="projects")],
        )
    )
    for name in NAMES:
        for path in python_files(copies / name):
            found = await diagnostics(client, path)
            hits = [Hit(d.range.start.line + 1, d.range.start.character + 1, str(d.code)) for d in found]
            assert compare(path, hits) == [], f"{name}/{path.name}"
    await client.shutdown_session()


def test_agent_framework_fix_pairs_are_rechecked_clean() -> None:
    """What the AGL9xx fixes write has no AGL9xx finding left, and the 1.x project has none at all."""
    from autogen_lint.engine import check_source

    fixes = FIXTURES / "fixes"
    for fixed in sorted(fixes.glob("maf_*.fixed.py")):
        before = check_source(fixed.with_name(fixed.name.replace(".fixed", "")).read_bytes()).findings
        after = check_source(fixed.read_bytes()).findings
        assert {f.code for f in before} >= {"AGL901", "AGL903", "AGL904"}
        assert [f for f in after if f.code.startswith("AGL9")] == [], fixed.name
    for path in python_files(PROJECTS / "maf_1x"):
        assert check_source(path.read_bytes()).findings == []


def test_explain_and_rules_list_the_new_families() -> None:
    listing = subprocess.run([EXECUTABLE, "rules"], capture_output=True, text=True, check=False).stdout
    assert all(code in listing for code in ("AGL801", "AGL807", "AGL901", "AGL904"))
    explained = subprocess.run([EXECUTABLE, "explain", "AGL903"], capture_output=True, text=True, check=False)
    assert explained.returncode == 0 and "run(..., stream=True)" in explained.stdout
    assert f"{MAF_GUIDE}#single-agent-feature-mapping" in explained.stdout
