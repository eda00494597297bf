"""The language server over stdio, driven by a real LSP client (pytest-lsp): every request it answers."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

EXECUTABLE = str(Path(sys.executable).with_name("autogen-lint"))
CONFIG = ClientServerConfig(server_command=[EXECUTABLE, "server"])
GUIDE = "https://microsoft.github.io/autogen/stable/user-guide/agentchat-user-guide/migration-guide.html"

V04 = """\
from autogen_agentchat.agents import AssistantAgent


async def main(client) -> None:
    agent = AssistantAgent("assistant", model_client=client)
    agent.run(task="Say hello.")
"""
V02 = "from autogen import AssistantAgent\n"
ASTRAL = """\
from autogen_agentchat.agents import AssistantAgent


async def main(client) -> None:
    agent = AssistantAgent("assistant", model_client=client)
    note = "𝔘ñ"; agent.run(task="é")
"""


def start(capabilities: types.ClientCapabilities, root: Path, options: object = None) -> types.InitializeParams:
    return types.InitializeParams(
        capabilities=capabilities,
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="project")],
        initialization_options=options,
    )


PUSH = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        code_action=types.CodeActionClientCapabilities(
            code_action_literal_support=types.ClientCodeActionLiteralOptions(
                code_action_kind=types.ClientCodeActionKindOptions(value_set=[types.CodeActionKind.QuickFix])
            ),
            disabled_support=True,
        )
    ),
    notebook_document=types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities()
    ),
)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(start(PUSH, tmp_path, {"unsafeFixes": False}))
    yield
    await lsp_client.shutdown_session()


async def open_document(client: LanguageClient, path: Path, text: str) -> Sequence[types.Diagnostic]:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text))
    )
    return await diagnostics_of(client, uri)


async def diagnostics_of(client: LanguageClient, uri: str) -> Sequence[types.Diagnostic]:
    for _ in range(50):
        if uri in client.diagnostics:
            return list(client.diagnostics.pop(uri))
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    raise AssertionError(f"no diagnostics for {uri}")


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        line = lines[position.line]
        units, column = 0, 0
        while units < position.character and column < len(line):
            units += 2 if ord(line[column]) > 0xFFFF else 1
            column += 1
        return sum(len(item) + 1 for item in lines[: position.line]) + column

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


@pytest.mark.asyncio
async def test_diagnostics_carry_code_link_severity_and_fix(client: LanguageClient, tmp_path: Path) -> None:
    found = await open_document(client, tmp_path / "agent.py", V04)
    assert [(d.code, d.severity, d.source) for d in found] == [
        ("AGL703", types.DiagnosticSeverity.Error, "autogen-lint")
    ]
    diagnostic = found[0]
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href == f"{GUIDE}#assistant-agent"
    assert diagnostic.range == types.Range(types.Position(5, 4), types.Position(5, 32))
    assert diagnostic.data["fix"]["applicability"] == "safe"
    v02 = await open_document(client, tmp_path / "old.py", V02)
    assert {(d.code, d.severity) for d in v02} == {("AGL101", types.DiagnosticSeverity.Warning)}
    assert v02[0].code_description is not None and v02[0].code_description.href.endswith("#assistant-agent")


@pytest.mark.asyncio
async def test_utf16_ranges_on_non_ascii_lines(client: LanguageClient, tmp_path: Path) -> None:
    found = await open_document(client, tmp_path / "astral.py", ASTRAL)
    line = ASTRAL.split("\n")[5]
    start = line.index("agent.run")
    # "𝔘" is two UTF-16 code units: every column after it moves by one.
    assert found[0].range.start == types.Position(5, start + 1)
    assert found[0].range.end == types.Position(5, len(line.encode("utf-16-le")) // 2)


@pytest.mark.asyncio
async def test_change_republishes_for_the_new_version(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "agent.py"
    await open_document(client, path, V04)
    uri = path.as_uri()
    fixed = V04.replace("    agent.run(", "    await agent.run(")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    assert await diagnostics_of(client, uri) == []


async def actions_for(
    client: LanguageClient, uri: str, found: Sequence[types.Diagnostic], only: list[str] | None = None
) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=found[0].range if found else types.Range(types.Position(0, 0), types.Position(0, 0)),
            context=types.CodeActionContext(diagnostics=list(found), only=only),
        )
    )
    return [action for action in result or [] if isinstance(action, types.CodeAction)]


@pytest.mark.asyncio
async def test_quick_fix_and_disable_for_this_line(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "agent.py"
    found = await open_document(client, path, V04)
    actions = await actions_for(client, path.as_uri(), found, [types.CodeActionKind.QuickFix])
    titles = [a.title for a in actions]
    assert titles == ["Add `await` (AGL703)", "Disable AGL703 for this line"]
    quick, disable = actions
    assert quick.is_preferred and quick.edit is not None and quick.edit.changes is not None
    assert apply(V04, quick.edit.changes[path.as_uri()]) == V04.replace("    agent.run(", "    await agent.run(")
    assert disable.edit is not None and disable.edit.changes is not None
    disabled = apply(V04, disable.edit.changes[path.as_uri()])
    assert disabled.split("\n")[5] == '    agent.run(task="Say hello.")  # noqa: AGL703'


@pytest.mark.asyncio
async def test_suggestions_are_marked_and_not_preferred(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "old.py"
    found = await open_document(client, path, V02)
    actions = await actions_for(client, path.as_uri(), found)
    suggestion = actions[0]
    assert suggestion.title.startswith("v0.4: use `from autogen_agentchat.agents import AssistantAgent`")
    assert suggestion.title.endswith("(suggestion)")
    assert not suggestion.is_preferred and suggestion.disabled is not None and suggestion.edit is None
    outside = V04.replace("async def main", "def main")
    path2 = tmp_path / "sync.py"
    found2 = await open_document(client, path2, outside)
    actions2 = await actions_for(client, path2.as_uri(), found2, [types.CodeActionKind.QuickFix])
    assert actions2[0].title == "Add `await` (suggestion)" and not actions2[0].is_preferred
    assert actions2[0].edit is not None


CLIENT_CODE = """\
from autogen_ext.models.openai import OpenAIChatCompletionClient


async def main() -> None:
    async with OpenAIChatCompletionClient(model="gpt-4o") as client:
        print(client)
    other = OpenAIChatCompletionClient(model="gpt-4o")
    print(other)
"""


@pytest.mark.asyncio
async def test_fix_all_applies_safe_fixes(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "clients.py"
    await open_document(client, path, CLIENT_CODE)
    actions = await actions_for(client, path.as_uri(), [], [types.CodeActionKind.SourceFixAll])
    assert [a.kind for a in actions] == ["source.fixAll.autogen-lint"]
    assert actions[0].edit is not None and actions[0].edit.changes is not None
    fixed = apply(CLIENT_CODE, actions[0].edit.changes[path.as_uri()])
    assert '    client = OpenAIChatCompletionClient(model="gpt-4o")\n    try:\n        print(client)\n' in fixed
    assert '    other = OpenAIChatCompletionClient(model="gpt-4o")\n    print(other)\n' in fixed  # unsafe: not applied


RESOLVING = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(
        code_action=types.CodeActionClientCapabilities(
            code_action_literal_support=PUSH.text_document.code_action.code_action_literal_support,  # type: ignore[union-attr]
            resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]),
        )
    )
)


@pytest_lsp.fixture(config=CONFIG)
async def resolving_client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(start(RESOLVING, tmp_path))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_fix_all_is_made_when_chosen_not_at_each_request(
    resolving_client: LanguageClient, tmp_path: Path
) -> None:
    """Editors ask for every kind of action at each cursor move: fix-all comes without its edit, made on resolve."""
    client = resolving_client
    path = tmp_path / "clients.py"
    found = await open_document(client, path, CLIENT_CODE)
    offered = await actions_for(client, path.as_uri(), found)
    fix_all = [a for a in offered if a.kind == "source.fixAll.autogen-lint"]
    assert len(fix_all) == 1 and fix_all[0].edit is None
    resolved = await client.code_action_resolve_async(fix_all[0])
    asked = await actions_for(client, path.as_uri(), [], [types.CodeActionKind.SourceFixAll])
    assert resolved.edit is not None and resolved.edit == asked[0].edit
    assert resolved.title == asked[0].title


@pytest_lsp.fixture(config=CONFIG)
async def unsafe_client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(
        start(PUSH, tmp_path, {"autogen-lint": {"unsafeFixes": True, "ignore": ["AGL1"]}})
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_settings_unsafe_fixes_and_ignore(unsafe_client: LanguageClient, tmp_path: Path) -> None:
    client = unsafe_client
    path = tmp_path / "clients.py"
    await open_document(client, path, CLIENT_CODE)
    actions = await actions_for(client, path.as_uri(), [], [types.CodeActionKind.SourceFixAll])
    assert actions[0].edit is not None and actions[0].edit.changes is not None
    fixed = apply(CLIENT_CODE, actions[0].edit.changes[path.as_uri()])
    assert fixed.endswith("    try:\n        print(other)\n    finally:\n        await other.close()\n")
    assert await open_document(client, tmp_path / "old.py", V02) == []


@pytest.mark.asyncio
async def test_pyproject_wins_and_is_reread(client: LanguageClient, tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.autogen-lint]\nignore = ["AGL703"]\n', encoding="utf-8")
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"autogen-lint": {"ignore": ["AGL1"]}})
    )
    path = tmp_path / "both.py"
    found = await open_document(client, path, V02 + V04)
    assert {d.code for d in found} == {"AGL101"}  # pyproject's ignore wins over the editor's
    pyproject.write_text('[tool.autogen-lint]\nselect = ["AGL7"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(pyproject.as_uri(), types.FileChangeType.Changed)])
    )
    found = await diagnostics_of(client, path.as_uri())
    assert {d.code for d in found} == {"AGL703"}


@pytest.mark.asyncio
async def test_hover_on_a_noqa_code(client: LanguageClient, tmp_path: Path) -> None:
    text = V04.replace('task="Say hello.")', 'task="Say hello.")  # noqa: AGL701, AGL703')
    path = tmp_path / "agent.py"
    assert await open_document(client, path, text) == []
    line = text.split("\n")[5]
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(5, line.index("AGL703") + 2))
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("**AGL703** `autogen-unawaited-coroutine`")
    assert f"({GUIDE}#assistant-agent)" in hover.contents.value
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), types.Position(5, 6))
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_bad_input_never_breaks_the_server(client: LanguageClient, tmp_path: Path) -> None:
    broken = await open_document(client, tmp_path / "broken.py", "import autogen\ndef (:\n")
    assert [d.code for d in broken] == ["AGL001"]
    half_typed = await open_document(client, tmp_path / "typing.py", V04 + "    agent.run(task=")
    assert [(d.code, d.range.start.line) for d in half_typed] == [("AGL001", 6)]
    # Control characters, NUL and a lone surrogate (legal in JSON, not in UTF-8).
    garbage = "".join(chr(c) for c in range(1, 2000)) + "\x00\udcff from autogen import X\n"
    assert [d.code for d in await open_document_text(client, tmp_path / "garbage.py", garbage)] == ["AGL001"]
    huge = V04 + "x = 1\n" * 100_000
    found = await open_document(client, tmp_path / "huge.py", huge)
    assert [d.code for d in found] == ["AGL703"]
    too_big = V04 + "x = 1\n" * 900_000  # over the 5 MB limit: not checked
    assert await open_document(client, tmp_path / "too_big.py", too_big) == []
    # Requests about things the server does not know are still answered.
    missing = types.TextDocumentIdentifier((tmp_path / "missing.py").as_uri())
    assert await client.text_document_hover_async(types.HoverParams(missing, types.Position(99, 99))) is None
    still = await open_document(client, tmp_path / "after.py", V04)
    assert [d.code for d in still] == ["AGL703"]


async def open_document_text(client: LanguageClient, path: Path, text: str) -> Sequence[types.Diagnostic]:
    """Open a buffer that no file holds (its text need not be encodable)."""
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text))
    )
    return await diagnostics_of(client, uri)


@pytest.mark.asyncio
async def test_editor_settings_win_when_the_editor_says_so(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.autogen-lint]\nignore = ["AGL703"]\n', encoding="utf-8")
    settings = {
        "ignore": ["AGL1"],
        "configurationPreference": "editorFirst",
        "guideUrl": "https://guide.example/m.html",
    }
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"autogen-lint": settings}))
    found = await open_document(client, tmp_path / "both.py", V02 + V04)
    assert [d.code for d in found] == ["AGL703"]  # the editor's ignore replaced the project's
    assert found[0].code_description is not None
    assert found[0].code_description.href == "https://guide.example/m.html#assistant-agent"


# What VS Code sends for the whole "autogen-lint" section when the user has set nothing.
VSCODE_DEFAULTS = {
    "select": [],
    "ignore": [],
    "unsafeFixes": None,
    "guideUrl": "",
    "configurationPreference": "filesystemFirst",
    "importStrategy": "useBundled",
    "interpreter": [],
    "path": [],
}


@pytest.mark.asyncio
async def test_default_settings_select_every_rule(client: LanguageClient, tmp_path: Path) -> None:
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"autogen-lint": VSCODE_DEFAULTS})
    )
    path = tmp_path / "both.py"
    found = await open_document(client, path, V02 + V04)
    assert {d.code for d in found} == {"AGL101", "AGL703"}  # an empty select is not "select nothing"
    (tmp_path / "pyproject.toml").write_text('[tool.autogen-lint]\nselect = ["AGL7"]\n', encoding="utf-8")
    editor_first = {**VSCODE_DEFAULTS, "configurationPreference": "editorFirst"}
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"autogen-lint": editor_first})
    )
    found = await diagnostics_of(client, path.as_uri())
    assert {d.code for d in found} == {"AGL703"}  # nor does it replace the project's selection


@pytest.mark.asyncio
async def test_a_file_outside_every_workspace_and_a_broken_pyproject(
    client: LanguageClient, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert [d.code for d in await open_document(client, elsewhere / "loose.py", V04)] == ["AGL703"]
    (elsewhere / "pyproject.toml").write_text("[tool.autogen-lint]\nbogus = 1\n", encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(types.TextDocumentIdentifier((elsewhere / "pyproject.toml").as_uri()))
    )
    message = await asyncio.wait_for(client.wait_for_notification(types.WINDOW_SHOW_MESSAGE), 20)
    assert message.type == types.MessageType.Warning and "pyproject.toml" in message.message
    assert "unknown option 'bogus'" in message.message and "not checked until it is fixed" in message.message
    assert await diagnostics_of(client, (elsewhere / "loose.py").as_uri()) == []  # as the command: no defaults


@pytest.mark.asyncio
async def test_a_pyproject_that_is_not_toml_is_a_warning_and_nothing_is_checked_on_defaults(
    client: LanguageClient, tmp_path: Path
) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.autogen-lint]\nselect = ["AGL7"]\n', encoding="utf-8")
    path = tmp_path / "both.py"
    assert {d.code for d in await open_document(client, path, V02 + V04)} == {"AGL703"}
    pyproject.write_text('[tool.autogen-lint]\nselect = ["AGL7"\nignore = []\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(pyproject.as_uri(), types.FileChangeType.Changed)])
    )
    message = await asyncio.wait_for(client.wait_for_notification(types.WINDOW_SHOW_MESSAGE), 20)
    assert message.type == types.MessageType.Warning
    assert f"{pyproject}:3:1: invalid TOML: Unclosed array" in message.message
    assert await diagnostics_of(client, path.as_uri()) == []
    pyproject.write_text('[tool.autogen-lint]\nselect = ["AGL1"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(pyproject.as_uri(), types.FileChangeType.Changed)])
    )
    assert {d.code for d in await diagnostics_of(client, path.as_uri())} == {"AGL101"}


def open_notebook(
    client: LanguageClient, uri: str, sources: Sequence[str], kinds: Sequence[types.NotebookCellKind] = ()
) -> list[str]:
    """Open a notebook of ``sources`` (code cells unless ``kinds`` says otherwise); the cells' URIs."""
    cells = [f"{uri}#cell{i}" for i in range(len(sources))]
    kinds = kinds or [types.NotebookCellKind.Code] * len(sources)
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=uri,
                notebook_type="jupyter-notebook",
                version=1,
                cells=[types.NotebookCell(kind=k, document=c) for k, c in zip(kinds, cells, strict=True)],
            ),
            cell_text_documents=[
                types.TextDocumentItem(uri=c, language_id="python" if k == 2 else "markdown", version=1, text=s)
                for c, k, s in zip(cells, kinds, sources, strict=True)
            ],
        )
    )
    return cells


@pytest.mark.asyncio
async def test_notebook_cells_are_checked_as_one_module(client: LanguageClient, tmp_path: Path) -> None:
    notebook_uri = (tmp_path / "chat.ipynb").as_uri()
    sources = [
        "from autogen_agentchat.agents import AssistantAgent\n"
        "from autogen_ext.models.replay import ReplayChatCompletionClient",
        "# Notes",
        "client = ReplayChatCompletionClient(['Hi.'])\n"
        "agent = AssistantAgent('a', model_client=client)\n"
        "agent.run(task='x')",
    ]
    kinds = [types.NotebookCellKind.Code, types.NotebookCellKind.Markup, types.NotebookCellKind.Code]
    cells = open_notebook(client, notebook_uri, sources, kinds)
    third = await diagnostics_of(client, cells[2])
    assert [(d.code, d.range.start.line) for d in third] == [("AGL703", 2)]
    assert await diagnostics_of(client, cells[0]) == []
    actions = await actions_for(client, cells[2], third, [types.CodeActionKind.QuickFix])
    assert actions[0].edit is not None and actions[0].edit.changes is not None
    assert apply(sources[2], actions[0].edit.changes[cells[2]]).endswith("await agent.run(task='x')")
    # Cell 1 changes: without its AutoGen import, cell 3's `agent` is no longer AutoGen's.
    client.notebook_document_did_change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(version=2, uri=notebook_uri),
            change=types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    text_content=[
                        types.NotebookDocumentCellContentChanges(
                            document=types.VersionedTextDocumentIdentifier(uri=cells[0], version=2),
                            changes=[
                                types.TextDocumentContentChangeWholeDocument(text="from mylib import AssistantAgent")
                            ],
                        )
                    ]
                )
            ),
        )
    )
    assert await diagnostics_of(client, cells[2]) == []


PULL = types.ClientCapabilities(
    text_document=types.TextDocumentClientCapabilities(diagnostic=types.DiagnosticClientCapabilities()),
    workspace=types.WorkspaceClientCapabilities(
        diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    ),
)


@pytest_lsp.fixture(config=CONFIG)
async def pull_client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    await lsp_client.initialize_session(start(PULL, tmp_path))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_pull_diagnostics(pull_client: LanguageClient, tmp_path: Path) -> None:
    client = pull_client
    path = tmp_path / "agent.py"
    path.write_text(V04, encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(path.as_uri(), "python", 1, V04))
    )
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(path.as_uri()))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert [d.code for d in report.items] == ["AGL703"]
    assert report.items[0].code_description is not None
    await asyncio.sleep(0.2)
    assert path.as_uri() not in client.diagnostics  # pull clients are not also pushed to
    # A settings change asks the client to pull again; the next pull has the new settings.
    assert client.diagnostic_refresh_count == 0
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"ignore": ["AGL703"]}))
    for _ in range(200):
        if client.diagnostic_refresh_count:
            break
        await asyncio.sleep(0.05)
    assert client.diagnostic_refresh_count == 1
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(path.as_uri()))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport) and list(report.items) == []


def frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_shutdown_and_exit_end_the_process() -> None:
    messages = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "rootUri": None, "capabilities": {}},
        },
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    process = subprocess.run(
        [EXECUTABLE, "server"], input=b"".join(map(frame, messages)), capture_output=True, timeout=30, check=False
    )
    assert process.returncode == 0
    assert b'"id": 2' in process.stdout
    # Exit without shutdown: status 1, as the protocol says.
    abrupt = [messages[0], messages[1], messages[3]]
    process = subprocess.run(
        [EXECUTABLE, "server"], input=b"".join(map(frame, abrupt)), capture_output=True, timeout=30, check=False
    )
    assert process.returncode == 1


def test_without_the_extra_the_command_says_what_to_install() -> None:
    code = "import sys; sys.modules['pygls'] = None; from autogen_lint.cli import main; sys.exit(main(['server']))"
    process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert process.returncode == 2
    assert "pip install 'autogen-lint[server]'" in process.stderr


CLIENTS = ["visual-studio-code", "neovim@v0.7.0", "neovim", "emacs"]
UNITS = {"utf-8": lambda text: len(text.encode("utf-8")), "utf-16": lambda text: len(text.encode("utf-16-le")) // 2}


@pytest_lsp.fixture(config=CONFIG, params=CLIENTS)
async def editor(lsp_client: LanguageClient, tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[None]:
    result = await lsp_client.initialize_session(start(client_capabilities(request.param), tmp_path))
    lsp_client.encoding = str(result.capabilities.position_encoding or "utf-16")  # type: ignore[attr-defined]
    lsp_client.pulls = request.param == "neovim"  # type: ignore[attr-defined]  # 0.11 pulls diagnostics
    yield
    await lsp_client.shutdown_session()


async def current(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    """The diagnostics of ``uri`` as this client gets them: pulled, or pushed."""
    if getattr(client, "pulls", False):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri))
        )
        assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
        return list(report.items)
    return await diagnostics_of(client, uri)


@pytest.mark.asyncio
async def test_recorded_editors_open_change_save_close(editor: LanguageClient, tmp_path: Path) -> None:
    client, encoding = editor, getattr(editor, "encoding", "utf-16")
    path = tmp_path / "astral.py"
    path.write_text(ASTRAL, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="python", version=1, text=ASTRAL))
    )
    found = await current(client, uri)
    line = ASTRAL.split("\n")[5]
    width = UNITS.get(encoding, len)
    assert [d.code for d in found] == ["AGL703"]
    assert found[0].range.start == types.Position(5, width(line[: line.index("agent.run")]))
    assert found[0].range.end == types.Position(5, width(line))
    assert found[0].code_description is not None and found[0].code_description.href == f"{GUIDE}#assistant-agent"
    # An incremental change in the client's encoding: `await ` typed before `agent.run`.
    start = found[0].range.start
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start, start), text="await ")],
        )
    )
    assert await current(client, uri) == []
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
    if not getattr(client, "pulls", False):
        assert await diagnostics_of(client, uri) == []
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    if not getattr(client, "pulls", False):
        assert await diagnostics_of(client, uri) == []


@pytest.mark.asyncio
async def test_a_burst_of_changes_is_checked_once_at_its_last_version(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "agent.py"
    await open_document(client, path, V04)
    uri, versions = path.as_uri(), []
    text = V04 + "x = 1\n" * 3000  # a check takes long enough for the burst to pile up behind it
    for version in range(2, 32):
        text += f"# keystroke {version}\n"
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
    while 31 not in versions:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri:
            versions.append(params.version)
    # Not one check per keystroke (30 here without coalescing; 1 to 3 on an idle machine, a few
    # more when the machine is busy and the burst trickles in while checks run).
    assert len(versions) <= 10, versions
    assert versions == sorted(versions)


def frames(stream: bytes) -> list[dict[str, Any]]:
    """The JSON-RPC messages in a stream of framed messages."""
    found = []
    while stream:
        header, _, rest = stream.partition(b"\r\n\r\n")
        length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
        found.append(json.loads(rest[:length]))
        stream = rest[length:]
    return found


def test_a_failing_request_is_answered_as_an_error_and_the_server_goes_on(tmp_path: Path) -> None:
    uri, missing = (tmp_path / "after.py").as_uri(), (tmp_path / "missing.py").as_uri()
    nowhere = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        # malformed: not a CodeActionParams
        {"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": 42}},
        # well formed, but about a document the server was never given and cannot read
        {
            "jsonrpc": "2.0",
            "id": 3,
            "method": "textDocument/codeAction",
            "params": {"textDocument": {"uri": missing}, "range": nowhere, "context": {"diagnostics": []}},
        },
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": V04}},
        },
        {"jsonrpc": "2.0", "id": 4, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": uri}}},
        {
            "jsonrpc": "2.0",
            "id": 6,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri}, "position": {"line": 5, "character": 6}},
        },
        {"jsonrpc": "2.0", "id": 5, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    process = subprocess.run(
        [EXECUTABLE, "server"], input=b"".join(map(frame, messages)), capture_output=True, timeout=60, check=False
    )
    assert process.returncode == 0
    answers = {message["id"]: message for message in frames(process.stdout) if "id" in message}
    assert answers[2]["error"]["code"] in (-32602, -32603)  # invalid params / internal error
    assert answers[3]["error"]["code"] == -32603 and "missing.py" in answers[3]["error"]["message"]
    assert [d["code"] for d in answers[4]["result"]["items"]] == ["AGL703"]
    assert answers[6] == {"jsonrpc": "2.0", "id": 6, "result": None}
    assert answers[5]["result"] is None
    assert b"Traceback" in process.stderr  # the failure is logged


def test_a_pull_is_answered_for_its_version_while_other_changes_arrive(tmp_path: Path) -> None:
    """Changes that arrive while a pulled check runs (another document, the settings) never turn
    the answer into an error: the client asked for this version and gets its findings."""
    big, other = (tmp_path / "big.py").as_uri(), (tmp_path / "other.py").as_uri()
    functions = 2000
    text = V02 + "".join(
        f'\n\ndef make{i}(model):\n    return AssistantAgent("a{i}", llm_config={{"model": model}})\n'
        for i in range(functions)
    )
    pull = {"textDocument": {"diagnostic": {}}, "workspace": {"diagnostics": {"refreshSupport": True}}}
    server = subprocess.Popen(
        [EXECUTABLE, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert server.stdin is not None and server.stdout is not None and server.stderr is not None
    out: list[bytes] = []
    reader = threading.Thread(target=lambda: out.extend(iter(lambda: server.stdout.read1(1 << 16), b"")))  # type: ignore[union-attr]
    reader.start()

    def send(*messages: dict[str, object]) -> None:
        server.stdin.write(b"".join(map(frame, messages)))  # type: ignore[union-attr]
        server.stdin.flush()  # type: ignore[union-attr]

    def opened(uri: str, source: str) -> dict[str, object]:
        item = {"uri": uri, "languageId": "python", "version": 1, "text": source}
        return {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": item}}

    try:
        send(
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": pull}},
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            opened(other, V04),
            opened(big, text),
            {"jsonrpc": "2.0", "id": 2, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": big}}},
        )
        version = 1
        while b'"id": 2' not in b"".join(out) and server.poll() is None:  # changes trickle in until it answers
            version += 1
            changed = {"textDocument": {"uri": other, "version": version}, "contentChanges": [{"text": V04}]}
            send(
                {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": changed},
                {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {}}},
            )
            time.sleep(0.02)
        send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"})
        assert server.wait(timeout=60) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        reader.join(timeout=10)
    answer = next(message for message in frames(b"".join(out)) if message.get("id") == 2)
    assert version > 2  # changes did arrive while the pulled check ran
    assert "error" not in answer, answer
    codes = [item["code"] for item in answer["result"]["items"]]
    assert codes.count("AGL201") == functions and "AGL101" in codes
    assert b"Exception" not in server.stderr.read()


def test_the_vscode_extension_offers_the_settings_the_server_reads() -> None:
    from autogen_lint.server.settings import SETTINGS

    package = json.loads((Path(__file__).parents[1] / "editors" / "vscode" / "package.json").read_text("utf-8"))
    offered = {key.removeprefix("autogen-lint.") for key in package["contributes"]["configuration"]["properties"]}
    assert offered == {*SETTINGS, "configurationPreference", "path", "interpreter", "importStrategy"}


def test_moved_diagnostics_reuse_their_json_and_stay_exact() -> None:
    from autogen_lint.config import Config
    from autogen_lint.discovery import Found, Kind
    from autogen_lint.findings import Edit
    from autogen_lint.runner import check_text
    from autogen_lint.server.diagnostics import Encoded, absolute, diagnostics

    def check(text: str) -> tuple[list[Any], list[str]]:
        report = check_text(Found(Path("agent.py"), Kind.PYTHON), Config(), text)
        return list(report.findings), text.split("\n")

    encoded = Encoded()
    encoded.encode("file:///agent.py", *check(ASTRAL))
    moved = "# 100% moved\n\n" + ASTRAL.replace("agent.run(", "agent.run(  ")  # lines move, the line changes
    for text in (moved, "# 100% moved\n\n" + ASTRAL):
        findings, lines = check(text)
        sent = json.loads(encoded.encode("file:///agent.py", findings, lines))
        assert sent == json.loads(json.dumps(diagnostics(findings, lines)))
        edits = [Edit(*values) for values in sent[0]["data"]["fix"]["edits"]]
        assert absolute(edits, sent[0]["range"]["start"]["line"]) == findings[0].fix.edits  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_disable_extends_an_existing_noqa(client: LanguageClient, tmp_path: Path) -> None:
    text = V04.replace('task="Say hello.")', 'task="Say hello.")  # noqa: E501')
    path = tmp_path / "agent.py"
    found = await open_document(client, path, text)
    actions = await actions_for(client, path.as_uri(), found, [types.CodeActionKind.QuickFix])
    disable = next(a for a in actions if a.title == "Disable AGL703 for this line")
    assert disable.edit is not None and disable.edit.changes is not None
    disabled = apply(text, disable.edit.changes[path.as_uri()])
    assert disabled.split("\n")[5] == '    agent.run(task="Say hello.")  # noqa: E501, AGL703'
    assert await open_document(client, tmp_path / "disabled.py", disabled) == []


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


@pytest.mark.asyncio
async def test_each_change_publishes_what_the_same_text_opened_anew_does(
    client: LanguageClient, tmp_path: Path
) -> None:
    """Every edit is checked from the previous version (parts parsed and walked again): same diagnostics."""
    from test_incremental import EDITS, TEAM

    path = tmp_path / "team.py"
    text = TEAM.read_text(encoding="utf-8")
    await open_document(client, path, text)
    for version, (what, old, new, _) in enumerate(EDITS, start=2):
        text = text.replace(old, new, 1)
        change(client, path.as_uri(), version, text)
        changed = await diagnostics_of(client, path.as_uri())
        fresh = await open_document(client, tmp_path / f"fresh_{version}.py", text)
        assert changed == fresh, what


@pytest.mark.asyncio
async def test_notebook_cell_changes_publish_what_the_notebook_opened_anew_does(
    client: LanguageClient, tmp_path: Path
) -> None:
    from test_incremental import TEAM

    sources = TEAM.read_text(encoding="utf-8").split("\n\n\n")  # a cell for each function

    async def published(cells: list[str]) -> list[Sequence[types.Diagnostic]]:
        return [await diagnostics_of(client, cell) for cell in cells]

    cells = open_notebook(client, (tmp_path / "team.ipynb").as_uri(), sources)
    await published(cells)
    edits = [(4, "return task", "return task or 'x'"), (4, "    return task", "    print(task)\n    return task")]
    edits += [(5, "range(3)", "range(4)"), (1, "from autogen import AssistantAgent, UserProxyAgent\n", "")]
    for version, (index, old, new) in enumerate(edits, start=2):
        sources[index] = sources[index].replace(old, new, 1)
        client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(
                    version=version, uri=cells[0].split("#")[0]
                ),
                change=types.NotebookDocumentChangeEvent(
                    cells=types.NotebookDocumentCellChanges(
                        text_content=[
                            types.NotebookDocumentCellContentChanges(
                                document=types.VersionedTextDocumentIdentifier(uri=cells[index], version=version),
                                changes=[types.TextDocumentContentChangeWholeDocument(text=sources[index])],
                            )
                        ]
                    )
                ),
            )
        )
        changed = await published(cells)
        fresh = open_notebook(client, (tmp_path / f"fresh_{version}.ipynb").as_uri(), sources)
        assert changed == await published(fresh), old


@pytest.mark.asyncio
async def test_a_check_given_up_for_a_newer_version_is_never_published_after_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    from test_incremental import TEAM

    team = TEAM.read_text(encoding="utf-8")
    text = team + "".join(
        f"\n\nasync def more_{n}(task: str) -> None:\n    agent.run(task=task)\n" for n in range(1500)
    )
    path = tmp_path / "team.py"
    await open_document(client, path, text)
    uri, versions = path.as_uri(), []
    # The import changes the module level: version 2 is checked in full, and version 3 arrives meanwhile.
    change(client, uri, 2, text.replace("import asyncio\n", "import asyncio\nimport autogen_core\n"))
    final = text.replace("    return task\n", "    return task or 'x'\n")
    change(client, uri, 3, final)
    while 3 not in versions:
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if params.uri == uri:
            versions.append(params.version)
    with pytest.raises(TimeoutError):  # nothing more: the check of version 2 was given up, or came first
        while True:
            params = await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 2)
            if params.uri == uri:
                versions.append(params.version)
    assert versions[-1] == 3 and versions == sorted(versions), versions
    assert list(client.diagnostics[uri]) == await open_document(client, tmp_path / "fresh.py", final)
