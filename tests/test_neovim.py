"""A real editor: headless Neovim runs the set-up docs/usage/editors.md documents, as it is there.

The Lua snippet is taken from the page and joined with a driver (tests/data/neovim/driver.lua)
that opens a file, waits for the diagnostics and applies a quick fix.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")
DOCS = Path(__file__).parents[1] / "docs" / "usage" / "editors.md"
DRIVER = Path(__file__).parent / "data" / "neovim" / "driver.lua"
SERVER = Path(sys.executable).with_name("autogen-lint")
GUIDE = "https://microsoft.github.io/autogen/stable/user-guide/agentchat-user-guide/migration-guide.html"
PATH_WITHOUT_THE_TOOL = "/usr/local/bin:/usr/bin:/bin"

SOURCE = """\
from autogen import AssistantAgent, UserProxyAgent
from autogen_agentchat.agents import AssistantAgent as NewAgent

assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4"})
UserProxyAgent("user").initiate_chat(assistant, message="Hi.")


async def main(client) -> None:
    agent = NewAgent("assistant", model_client=client)
    agent.run(task="Say hello.")
"""


def documented_snippet() -> str:
    """The Neovim 0.7-0.10 snippet of the editors page, exactly as written there."""
    page = DOCS.read_text(encoding="utf-8")
    section = page.split("### Neovim\n", 1)[1].split("\n### ", 1)[0]
    snippet = re.search(r"Neovim 0\.7 to 0\.10[^\n]*\n\n```lua\n(.*?)```", section, re.S)
    assert snippet is not None, "the Neovim 0.7 snippet is not on the page"
    return snippet.group(1)


def run_neovim(project: Path, env: dict[str, str]) -> tuple[dict, subprocess.CompletedProcess[str]]:
    assert NVIM is not None
    init = project.parent / "init.lua"
    init.write_text(documented_snippet() + "\n" + DRIVER.read_text(encoding="utf-8"), encoding="utf-8")
    home = project.parent / "home"
    environment = {
        **{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},
        "PATH": PATH_WITHOUT_THE_TOOL,
        "AGL_FILE": str(project / "agent.py"),
        "AGL_OUT": str(project.parent / "seen.json"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        **env,
    }
    process = subprocess.run(
        [NVIM, "--headless", "--clean", "-u", str(init)],
        cwd=project,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    seen = json.loads((project.parent / "seen.json").read_text(encoding="utf-8"))
    return seen, process


def project_with_venv(root: Path) -> Path:
    """A project whose ``.venv`` has autogen-lint (this environment's, linked), not on ``PATH``."""
    project = root / "project"
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv" / "bin" / "autogen-lint").symlink_to(SERVER)
    (project / "agent.py").write_text(SOURCE, encoding="utf-8")
    assert shutil.which("autogen-lint", path=PATH_WITHOUT_THE_TOOL) is None
    return project


pytestmark = pytest.mark.skipif(NVIM is None, reason="nvim is not installed (.ci/run installs it)")


def test_the_documented_snippet_finds_the_virtualenv_server_shows_diagnostics_and_fixes(tmp_path: Path) -> None:
    project = project_with_venv(tmp_path)
    seen, process = run_neovim(project, {})
    assert process.returncode == 0, process.stderr
    assert seen["cmd"] == [str(project / ".venv" / "bin" / "autogen-lint"), "server"]
    assert seen["ok"], "no diagnostics arrived"
    lsp = sorted(seen["lsp"], key=lambda d: (d["range"]["start"]["line"], d["code"]))
    assert [(d["code"], d["range"]["start"]["line"]) for d in lsp] == [
        ("AGL101", 0),
        ("AGL101", 0),
        ("AGL201", 3),
        ("AGL301", 4),
        ("AGL703", 9),
    ]
    assert all(d["source"] == "autogen-lint" for d in lsp)
    assert all(d["codeDescription"]["href"].startswith(f"{GUIDE}#") for d in lsp)
    # What Neovim itself shows: its severities (1 error, 2 warning) and the code it keeps.
    shown = {(d["code"], d["lnum"], d["severity"]) for d in seen["shown"]}
    assert ("AGL703", 9, 1) in shown and ("AGL201", 3, 2) in shown
    assert seen["actions"] == ["Add `await` (AGL703)", "Disable AGL703 for this line"]
    assert seen["applied"] == "Add `await` (AGL703)"
    fixed = SOURCE.replace("    agent.run(", "    await agent.run(")
    assert (project / "agent.py").read_text(encoding="utf-8") == fixed


def test_the_documented_snippet_uses_the_activated_virtualenv(tmp_path: Path) -> None:
    elsewhere = project_with_venv(tmp_path / "other")
    project = tmp_path / "project"
    project.mkdir()
    (project / "agent.py").write_text(SOURCE, encoding="utf-8")
    seen, process = run_neovim(project, {"VIRTUAL_ENV": str(elsewhere / ".venv")})
    assert process.returncode == 0, process.stderr
    assert seen["cmd"] == [str(elsewhere / ".venv" / "bin" / "autogen-lint"), "server"] and seen["ok"]


def test_the_documented_snippet_without_the_server_says_so_and_breaks_nothing(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "agent.py").write_text(SOURCE, encoding="utf-8")
    seen, process = run_neovim(project, {"AGL_WAIT": "2000"})
    assert process.returncode == 0, process.stderr
    assert not seen["attached"] and seen["lsp"] == []
    assert seen["errmsg"] == ""  # no Lua error in the FileType autocommand (it was "client_id: expected number")
    output = process.stdout + process.stderr
    assert "Spawning language server with cmd: `autogen-lint` failed" in output
    assert "expected number" not in output and "Error" not in output
