"""A real editor: headless Neovim's built-in LSP client drives the installed `autogen-lint server`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")
INIT = Path(__file__).parent / "data" / "neovim" / "init.lua"
SERVER = str(Path(sys.executable).with_name("autogen-lint"))
GUIDE = "https://microsoft.github.io/autogen/stable/user-guide/agentchat-user-guide/migration-guide.html"

SOURCE = """\
from autogen import AssistantAgent, UserProxyAgent
from autogen_agentchat.agents import AssistantAgent as NewAgent

assistant = AssistantAgent("assistant", llm_config={"model": "gpt-4"})
UserProxyAgent("user").initiate_chat(assistant, message="Hi.")


async def main(client) -> None:
    agent = NewAgent("assistant", model_client=client)
    agent.run(task="Say hello.")
"""


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (.ci/run installs it)")
def test_neovim_shows_the_diagnostics_and_applies_a_quick_fix(tmp_path: Path) -> None:
    assert NVIM is not None
    path, out = tmp_path / "agent.py", tmp_path / "seen.json"
    path.write_text(SOURCE, encoding="utf-8")
    home = tmp_path / "home"
    env = {
        **os.environ,
        "AGL_FILE": str(path),
        "AGL_OUT": str(out),
        "AGL_SERVER": SERVER,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }
    subprocess.run(
        [NVIM, "--headless", "--clean", "-u", str(INIT)],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=True,
    )
    seen = json.loads(out.read_text(encoding="utf-8"))
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
    assert path.read_text(encoding="utf-8") == SOURCE.replace("    agent.run(", "    await agent.run(")
