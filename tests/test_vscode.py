"""VS Code itself (code-server 4.100.3 = VS Code 1.100.3) with the packed extension, driven by
headless Chromium: findings, links, hover, quick fixes, fix-all, notebooks and the report, all
with the extension's default settings and nothing installed but a ``python3`` on PATH.

Set ``AUTOGEN_LINT_SCREENSHOTS=DIR`` to keep the screenshots (``editors/vscode/media/screenshots``
holds the README's pictures); ``AUTOGEN_LINT_CODE_SERVER_CACHE`` moves code-server's install.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote

import pytest

pytest.importorskip("selenium", reason="selenium is in the test extra")

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from vscode import codeserver
from vscode.workbench import Workbench, browser, wait

T = TypeVar("T")
REPO = Path(__file__).parents[1]
EXTENSION = REPO / "editors" / "vscode"
GUIDE = "https://microsoft.github.io/autogen/stable/user-guide/agentchat-user-guide/migration-guide.html"
NEEDED = ("/usr/bin/chromium", "/usr/bin/chromedriver")
MISSING = [tool for tool in (*NEEDED, "npm", "rg") if shutil.which(tool) is None]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason=f"{', '.join(MISSING)} not installed (.ci/run installs them)"),
]

V02 = """\
import autogen

config_list = [{"model": "gpt-4o"}]
assistant = autogen.AssistantAgent("assistant", llm_config={"config_list": config_list})
user = autogen.UserProxyAgent("user", human_input_mode="NEVER")
user.initiate_chat(assistant, message="Say hello.")
"""
V04 = """\
from autogen_agentchat.agents import AssistantAgent
from autogen_ext.models.openai import OpenAIChatCompletionClient


async def main() -> None:
    model_client = OpenAIChatCompletionClient(model="gpt-4o")
    agent = AssistantAgent("assistant", model_client=model_client)
    agent.run(task="Say hello.")
    await model_client.close()
"""
V04_FIXED = """\
from autogen_agentchat.agents import AssistantAgent
from autogen_ext.models.openai import OpenAIChatCompletionClient


async def main() -> None:
    model_client = OpenAIChatCompletionClient(model="gpt-4o")
    try:
        agent = AssistantAgent("assistant", model_client=model_client)
        await agent.run(task="Say hello.")
    finally:
        await model_client.close()
"""
CELLS = [
    "import autogen\n",
    'assistant = autogen.AssistantAgent("assistant", llm_config={"model": "gpt-4o"})',
]
ODD_NAME = "<b>odd&amp;.py"  # shown in the report: escaped, never markup


def notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "execution_count": None,
                    "id": f"c{i}",
                    "metadata": {},
                    "outputs": [],
                    "source": source.splitlines(keepends=True),
                }
                for i, source in enumerate(cells)
            ],
            "metadata": {
                "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                "language_info": {"name": "python"},
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


@dataclass
class Editor:
    workbench: Workbench
    workspace: Path
    logs: Path
    shots: Path


def build_vsix() -> Path:
    """``npm ci`` (first time only) and ``npm run package``: the .vsix a user installs."""
    npm = shutil.which("npm")
    assert npm is not None
    steps = [[npm, "run", "--silent", "package"]]
    if not (EXTENSION / "node_modules" / ".bin" / "vsce").exists():
        steps.insert(0, [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    for step in steps:
        done = subprocess.run(
            step, cwd=EXTENSION, check=False, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stdout + done.stderr
    warnings = [line for line in (done.stdout + done.stderr).splitlines() if line.lstrip().startswith("WARNING ")]
    assert not warnings, warnings  # vsce's warnings (pip's "WARNING:" lines are about the machine)
    return EXTENSION / "autogen-lint.vsix"


def without_this_environment(path: str) -> str:
    """PATH minus the test's virtual environment: the extension must bring its own autogen-lint."""
    venv = Path(sys.prefix).resolve()
    return os.pathsep.join(
        entry for entry in path.split(os.pathsep) if entry and not Path(entry).resolve().is_relative_to(venv)
    )


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """code-server (installed once into its cache) and the freshly packed .vsix."""
    return codeserver.install(tmp_path_factory.mktemp("install")), build_vsix()


@pytest.fixture(scope="module")
def editor(packed: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    scratch = tmp_path_factory.mktemp("code-server")
    workspace = tmp_path_factory.mktemp("workspace")
    (workspace / "v02_chat.py").write_text(V02, encoding="utf-8")
    (workspace / "v04_half.py").write_text(V04, encoding="utf-8")
    (workspace / "chat.ipynb").write_text(notebook(CELLS), encoding="utf-8")
    (workspace / ODD_NAME).write_text("import autogen\n", encoding="utf-8")
    executable, vsix = packed
    path = without_this_environment(os.environ.get("PATH", os.defpath))
    shots = Path(os.environ.get("AUTOGEN_LINT_SCREENSHOTS") or scratch / "screenshots")
    with codeserver.serve(executable, vsix, workspace, scratch, path) as server:
        settings = (scratch / "user-data" / "User" / "settings.json").read_text(encoding="utf-8")
        assert "autogen-lint" not in settings and "python." not in settings  # the extension's defaults
        with browser(scratch / "chromium") as driver:
            workbench = Workbench(driver)
            driver.get(f"{server.url}/?folder={workspace}")
            wait("the workbench", lambda: workbench.all(".explorer-folders-view"))
            yield Editor(workbench, workspace, scratch / "user-data" / "logs", shots)
        pids = {server.process.pid, *codeserver.descendants(server.process.pid)}
    assert not [pid for pid in pids if codeserver.alive(pid)], "a process code-server started is still running"


@pytest.fixture(autouse=True)
def screenshot_on_failure(request: pytest.FixtureRequest) -> Iterator[None]:
    failed = request.session.testsfailed
    yield
    if request.session.testsfailed > failed and "editor" in request.fixturenames:
        editor: Editor = request.getfixturevalue("editor")
        editor.workbench.driver.switch_to.default_content()
        path = editor.workbench.screenshot(editor.shots / "failures" / f"{request.node.name}.png")
        print(f"screenshot of the failure: {path}", file=sys.stderr)


def at_least(count: int, found: list[T]) -> list[T] | None:
    return found if len(found) >= count else None


def read_back(path: Path, expected: str, timeout: float = 20) -> None:
    """Wait until the saved file holds ``expected``."""
    deadline = time.monotonic() + timeout
    while path.read_text(encoding="utf-8") != expected:
        if time.monotonic() > deadline:
            assert path.read_text(encoding="utf-8") == expected
        time.sleep(0.2)


def test_a_v02_file_shows_findings_linked_to_the_guide_with_hovers(editor: Editor) -> None:
    bench = editor.workbench
    bench.open_file("v02_chat.py")
    squiggles = wait("squiggles", bench.squiggle_classes)
    assert all("squiggly-warning" in classes for classes in squiggles)

    def codes_and_links() -> dict[str, str | None] | None:  # read at once: the panel redraws its rows
        rows = at_least(8, bench.problems())
        if rows is None:
            return None
        return {
            link.text.strip(): link.get_attribute("href")
            for row in rows[1:]  # the first row is the file
            for link in bench.all("a.monaco-link", row)
        }

    codes = wait("7 findings in the Problems panel", codes_and_links)
    assert set(codes) == {"AGL101", "AGL201", "AGL202", "AGL301", "AGL501"}
    assert codes["AGL201"] == f"{GUIDE}#assistant-agent"
    assert all(href and href.startswith(GUIDE + "#") for href in codes.values())
    bench.screenshot(editor.shots / "problems.png")
    bench.keys(Keys.CONTROL, Keys.SHIFT, "m")  # close the panel
    hover = bench.hover(lambda: bench.squiggles()[0])
    assert "`autogen` is AutoGen v0.2 API" in hover or "autogen is AutoGen v0.2 API" in hover
    assert "AGL101" in hover
    bench.screenshot(editor.shots / "hover.png", park_mouse=False)
    bench.escape()


def test_disable_for_this_line_writes_a_noqa_comment(editor: Editor) -> None:
    bench = editor.workbench
    bench.open_file("v02_chat.py")
    wait("squiggles", bench.squiggles)
    bench.go_to(1, 9)
    bench.quick_fix("Disable AGL101 for this line")
    bench.keys(Keys.CONTROL, "s")
    read_back(editor.workspace / "v02_chat.py", V02.replace("import autogen\n", "import autogen  # noqa: AGL101\n", 1))


def test_a_safe_quick_fix_then_fix_all_including_unsafe_fixes(editor: Editor) -> None:
    bench = editor.workbench
    bench.open_file("v04_half.py")
    squiggles = wait("two squiggles", lambda: at_least(2, bench.squiggle_classes()))
    assert any("squiggly-error" in classes for classes in squiggles)  # AGL703
    bench.go_to(8, 5)
    assert "Add `await` (AGL703)" in bench.code_actions()
    bench.screenshot(editor.shots / "quick-fix.png")
    bench.escape()
    bench.quick_fix("Add `await` (AGL703)")
    bench.keys(Keys.CONTROL, "s")
    path = editor.workspace / "v04_half.py"
    read_back(path, V04.replace("    agent.run(", "    await agent.run("))
    bench.command("autogen-lint: Fix All (including unsafe fixes)")
    wait("the fix", lambda: "finally:" in bench.editor_text())
    bench.keys(Keys.CONTROL, "s")
    read_back(path, V04_FIXED)
    wait("no findings left", lambda: not bench.squiggles())


def test_notebook_cells_get_findings(editor: Editor) -> None:
    bench = editor.workbench
    bench.open_file("chat.ipynb")
    cells = wait("the notebook's cells", lambda: bench.visible(".notebook-editor .cell-editor-container"))
    assert len(cells) == 2
    # autogen, autogen.AssistantAgent, llm_config= (each cell gets its own diagnostics, one after the other)
    wait("3 squiggles in the cells", lambda: at_least(3, bench.squiggles(bench.visible(".notebook-editor")[0])))
    rows = wait("rows in the Problems panel", lambda: [row.text for row in bench.problems()])
    assert any("AGL201" in row for row in rows)
    bench.screenshot(editor.shots / "notebook.png")
    bench.keys(Keys.CONTROL, Keys.SHIFT, "m")
    # A quick fix in the second cell: click into its `llm_config=` finding, disable it for the line.

    def click_config() -> bool:  # found and clicked at once: the cell redraws its squiggles
        second = bench.visible(".notebook-editor .cell-editor-container")[1]
        config = [squiggle for squiggle in bench.squiggles(second) if squiggle.size["width"] > 0][-1]
        ActionChains(bench.driver).move_to_element(config).click().perform()
        return True

    wait("a click on the `llm_config=` finding", click_config)
    bench.quick_fix("Disable AGL201 for this line")
    bench.keys(Keys.CONTROL, "s")
    path = editor.workspace / "chat.ipynb"

    def saved() -> list[str] | None:
        cells = ["".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]]
        return cells if cells[1] != CELLS[1] else None

    assert wait("the saved notebook", saved) == [CELLS[0], CELLS[1] + "  # noqa: AGL201"]


def test_the_migration_report_opens_in_a_safe_webview(editor: Editor) -> None:
    bench = editor.workbench
    driver = bench.driver
    bench.open_file("v02_chat.py")
    bench.command("autogen-lint: Show Migration Report")
    try:
        report = bench.webview("the report", lambda: read_report(bench))
    finally:
        driver.switch_to.default_content()
    assert report.heading == f"AutoGen migration report: {editor.workspace.name}"
    assert ODD_NAME in report.body  # the file name is text, not markup (which would read "odd&.py")
    assert "odd&.py" not in report.body
    assert report.csp and "default-src 'none'" in report.csp[0]
    assert not report.scripts
    outside = [link for link in report.links if not link.startswith("#")]
    assert outside and all(link.startswith("command:autogen-lint.openLink?") for link in outside)
    before = findings_in_all(report.body)
    bench.screenshot(editor.shots / "report.png")
    # A link leaves through the extension's command, into a new browser tab (VS Code asks first).
    windows = set(driver.window_handles)

    def click_guide() -> str | None:  # read and clicked at once: the report may be drawn again
        links = [a for a in bench.all("a[href]") if a.text.strip()]
        if not links:
            return None
        href = links[0].get_attribute("href") or ""
        links[0].click()
        return href

    try:
        href = bench.webview("a click on a link to the guide", click_guide)
    finally:
        driver.switch_to.default_content()
    target = json.loads(unquote(href.partition("?")[2]))[0]
    assert target.startswith(GUIDE)
    opening = wait(
        "VS Code's question",
        lambda: [b for b in bench.visible(".monaco-dialog-box a.monaco-button") if b.text == "Open"],
    )
    opening[0].click()
    opened = wait("a new tab", lambda: set(driver.window_handles) - windows)
    driver.switch_to.window(opened.pop())
    try:
        assert driver.current_url.startswith(target.split("#")[0])
    finally:
        driver.close()
        driver.switch_to.window(windows.pop())
    # Saving a file refreshes the report (the file opens in the first group, beside the report).
    bench.keys(Keys.CONTROL, "1")
    bench.open_file(ODD_NAME)
    bench.go_to(2, 1)
    bench.keys("autogen.GroupChat(agents=[], messages=[])")
    bench.keys(Keys.CONTROL, "s")
    read_back(editor.workspace / ODD_NAME, "import autogen\nautogen.GroupChat(agents=[], messages=[])")
    try:
        bench.webview("the refreshed report", lambda: (shown := findings_shown(bench)) is not None and shown > before)
    finally:
        driver.switch_to.default_content()


@dataclass
class Report:
    """What the report's webview shows, read at once (its document is replaced when it refreshes)."""

    heading: str
    body: str
    csp: list[str]
    scripts: int
    links: list[str]


def read_report(bench: Workbench) -> Report | None:
    """The report, from inside its webview's frame (``Workbench.webview``), once its heading is drawn."""
    headings = [h.text for h in bench.all("h1") if "migration report" in h.text]
    if not headings:
        return None
    return Report(
        heading=headings[0],
        body=bench.all("body")[0].text,
        csp=[meta.get_attribute("content") or "" for meta in bench.all('meta[http-equiv="Content-Security-Policy"]')],
        scripts=len(bench.all("script")),
        links=[a.get_attribute("href") or "" for a in bench.all("a[href]")],
    )


def findings_shown(bench: Workbench) -> int | None:
    """The report's count of findings, from inside its frame; ``None`` while a refresh draws it."""
    body = bench.all("body")
    match = re.search(r"(\d+) findings in all", body[0].text) if body else None
    return int(match.group(1)) if match else None


def findings_in_all(text: str) -> int:
    match = re.search(r"(\d+) findings in all", text)
    assert match, text[:300]
    return int(match.group(1))


def test_status_item_and_server_log_levels(editor: Editor) -> None:
    bench = editor.workbench
    bench.open_file("v02_chat.py")

    def status_item() -> list[WebElement]:  # "autogen-lint N": the workspace's findings
        return [e for e in bench.visible(".statusbar-item") if re.fullmatch(r"autogen-lint \d+", e.text.strip())]

    wait("the status item with the workspace's findings", status_item)
    tooltip = bench.hover(
        lambda: status_item()[0], "the status item's tooltip", ".monaco-hover", "autogen-lint: server"
    )
    assert "server running" in tooltip and "Target: AutoGen v0.4" in tooltip
    assert "findings in the workspace" in tooltip
    log = wait("the extension's log", lambda: list(editor.logs.glob("**/autogen-lint.autogen-lint/autogen-lint.log")))
    text = log[0].read_text(encoding="utf-8")
    assert "(useBundled, python3 on PATH)" in text
    assert "[info] autogen-lint 0.1.0 (bundled)" in text
    assert "[error]" not in text


@pytest.mark.parametrize("strategy", ["useBundled", "fromEnvironment"])
def test_the_launcher_runs_the_bundled_or_the_environments_autogen_lint(
    packed: tuple[Path, Path], strategy: str, tmp_path: Path
) -> None:
    env = {**os.environ, "AUTOGEN_LINT_IMPORT_STRATEGY": strategy}
    launcher = str(EXTENSION / "bundled" / "tool" / "run.py")
    done = subprocess.run(
        [sys.executable, launcher, "server"], check=False, env=env, input="", capture_output=True, text=True, timeout=60
    )
    origin = "bundled" if strategy == "useBundled" else "environment"  # this environment has autogen-lint
    assert f"autogen-lint server: INFO autogen-lint 0.1.0 ({origin}) on Python" in done.stderr
    (tmp_path / "old.py").write_text("import autogen\n", encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, launcher, "check", "--no-cache", "--output-format", "concise", "old.py"],
        check=False,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "AGL101" in checked.stdout and "autogen-lint server:" not in checked.stderr  # said for the server only


def test_an_untrusted_workspace_runs_only_the_bundled_autogen_lint(
    packed: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    scratch = tmp_path_factory.mktemp("untrusted")
    workspace = tmp_path_factory.mktemp("stranger")
    (workspace / "v02_chat.py").write_text(V02, encoding="utf-8")
    (workspace / ".vscode").mkdir()
    planted = workspace / "planted"
    settings = {
        "autogen-lint.path": [str(planted)],
        "autogen-lint.interpreter": str(planted),
        "autogen-lint.importStrategy": "fromEnvironment",
    }
    (workspace / ".vscode" / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    planted.write_text(f"#!/bin/sh\ntouch {workspace / 'ran'}\nexit 1\n", encoding="utf-8")
    planted.chmod(0o755)
    executable, vsix = packed
    path = without_this_environment(os.environ.get("PATH", os.defpath))
    with (
        codeserver.serve(executable, vsix, workspace, scratch, path, trust=True) as server,
        browser(scratch / "chromium") as driver,
    ):
        bench = Workbench(driver)
        driver.get(f"{server.url}/?folder={workspace}")
        wait("the workbench", lambda: bench.all(".explorer-folders-view"))
        wait("Restricted Mode", lambda: [e for e in bench.visible(".statusbar-item") if "Restricted" in e.text])
        bench.open_file("v02_chat.py")
        wait("squiggles", bench.squiggles)
    assert not (workspace / "ran").exists()  # the workspace's program never ran
    log = next((scratch / "user-data" / "logs").glob("**/autogen-lint.autogen-lint/autogen-lint.log"))
    assert "(useBundled, python3 on PATH)" in log.read_text(encoding="utf-8")
