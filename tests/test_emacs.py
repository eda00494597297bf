"""A real editor: Emacs's eglot (Debian's elpa-eglot) runs the set-up docs/usage/editors.md documents.

The Emacs Lisp snippet is taken from the page as it is and loaded before a driver
(tests/data/emacs/driver.el) that opens a file, starts eglot as ``M-x eglot`` does and records
the diagnostics.
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

EMACS = shutil.which("emacs")
DOCS = Path(__file__).parents[1] / "docs" / "usage" / "editors.md"
DRIVER = Path(__file__).parent / "data" / "emacs" / "driver.el"
SERVER = Path(sys.executable).with_name("autogen-lint")
GUIDE = "https://microsoft.github.io/autogen/stable/user-guide/agentchat-user-guide/migration-guide.html"
PATH_WITHOUT_THE_TOOL = "/usr/local/bin:/usr/bin:/bin"
SOURCE = 'from autogen import AssistantAgent\nassistant = AssistantAgent("a", llm_config={"model": "gpt-4o"})\n'


def documented_snippet() -> str:
    """The eglot snippet of the editors page, exactly as written there."""
    section = DOCS.read_text(encoding="utf-8").split("### Emacs (eglot)\n", 1)[1].split("\n### ", 1)[0]
    snippet = re.search(r"```elisp\n(.*?)```", section, re.S)
    assert snippet is not None, "the eglot snippet is not on the page"
    return snippet.group(1)


def has_eglot() -> bool:
    if EMACS is None:
        return False
    probe = [EMACS, "--batch", "-q", "--eval", "(kill-emacs (if (require 'eglot nil t) 0 1))"]
    return subprocess.run(probe, capture_output=True, timeout=60, check=False).returncode == 0


pytestmark = pytest.mark.skipif(not has_eglot(), reason="emacs and eglot are not installed (.ci/run installs them)")


def run_emacs(project: Path, env: dict[str, str] | None = None) -> dict:
    assert EMACS is not None
    init = project.parent / "init.el"
    init.write_text(documented_snippet(), encoding="utf-8")
    out = project.parent / "seen.json"
    environment = {
        **{k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"},
        "HOME": str(project.parent / "home"),
        "PATH": PATH_WITHOUT_THE_TOOL,
        "AGL_FILE": str(project / "agent.py"),
        "AGL_OUT": str(out),
        **(env or {}),
    }
    process = subprocess.run(
        [EMACS, "--batch", "-q", "-l", str(init), "-l", str(DRIVER)],
        cwd=project,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert process.returncode == 0, process.stderr
    return dict(json.loads(out.read_text(encoding="utf-8")), log=process.stderr)


def test_eglot_with_the_documented_snippet_starts_the_virtualenv_server(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv" / "bin" / "autogen-lint").symlink_to(SERVER)
    (project / "src").mkdir()
    (project / "agent.py").write_text(SOURCE, encoding="utf-8")
    assert shutil.which("autogen-lint", path=PATH_WITHOUT_THE_TOOL) is None
    seen = run_emacs(project)
    assert seen["mode"] == "python-mode"
    assert seen["command"] == [str(project / ".venv" / "bin" / "autogen-lint"), "server"]
    assert sorted((d["code"], d["line"]) for d in seen["diagnostics"]) == [("AGL101", 0), ("AGL201", 1)]
    assert all(d["href"] == f"{GUIDE}#assistant-agent" for d in seen["diagnostics"])


def test_without_a_virtualenv_the_snippet_falls_back_to_the_path(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "agent.py").write_text(SOURCE, encoding="utf-8")
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "autogen-lint").symlink_to(SERVER)
    seen = run_emacs(project, {"PATH": f"{tools}:{PATH_WITHOUT_THE_TOOL}"})
    assert seen["command"] == ["autogen-lint", "server"]
    assert sorted(d["code"] for d in seen["diagnostics"]) == ["AGL101", "AGL201"]
