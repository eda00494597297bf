"""The language server: documents in, diagnostics, code actions and hovers out.

A thin adapter: the engine checks, the catalog explains, ``autogen_lint.fix`` applies. Checks
of one document are coalesced (a burst of changes is checked once, at its last version) and
published as plain JSON, skipping the typed serialisation layer on the hot path.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter, run_async
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from autogen_lint import __version__
from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind, kind_of
from autogen_lint.engine import Superseded
from autogen_lint.findings import Finding
from autogen_lint.incremental import Checked
from autogen_lint.runner import FileReport, check_bytes, check_notebook_again, check_text_again
from autogen_lint.server import actions, hover
from autogen_lint.server.diagnostics import SOURCE, Encoded, diagnostics
from autogen_lint.server.positions import UTF16
from autogen_lint.server.settings import Configurations, EditorSettings
from autogen_lint.server.stdio import EagerReader
from autogen_lint.source import universal_newlines

log = logging.getLogger(__name__)

FIX_ALL = actions.FIX_ALL
RETRY = 0.005
"""After a check given up for a newer version: time for the waiting messages to be read first."""
MAX_BYTES = 5_000_000
"""Larger buffers are not checked (a log message says so): the editor stays responsive."""


class _Protocol(LanguageServerProtocol):
    """pygls' protocol, answering a request whose params cannot be read (pygls only logs it)."""

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=error.to_response_error())
            raise


class AutogenLintServer(LanguageServer):
    """pygls' server with the state autogen-lint keeps per session."""

    def __init__(self) -> None:
        notebooks = types.NotebookDocumentSyncOptions(
            notebook_selector=[
                types.NotebookDocumentFilterWithCells(
                    notebook="jupyter-notebook", cells=[types.NotebookCellLanguage(language="python")]
                )
            ],
            save=True,
        )
        super().__init__("autogen-lint", __version__, notebook_document_sync=notebooks, protocol_cls=_Protocol)
        self.configs = Configurations()
        self.pull = False
        self.delay = 0.0
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._checked: dict[str, tuple[Config, Checked]] = {}
        """The last check of each open text document or notebook, for the next version to start from."""
        self.reader: EagerReader | None = None
        """Standard input, which counts the changes that arrive while a check runs."""
        self.encoded = Encoded()

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client (UTF-16 unless it offered another first)."""
        chosen = self.workspace.position_encoding or UTF16
        return str(getattr(chosen, "value", chosen))

    # Checking

    def path_of(self, uri: str) -> Path:
        parsed = urlparse(uri)
        if parsed.scheme == "file":
            return Path(unquote(parsed.path))
        return Path.cwd() / (Path(unquote(parsed.path)).name or "untitled.py")

    def config_for(self, path: Path) -> Config:
        folders = [self.path_of(f.uri) for f in self.workspace.folders.values()]
        root = next((f for f in folders if f in path.parents), None)
        config = self.configs.for_path(path, root)
        while self.configs.errors:
            self.window_show_message(
                types.ShowMessageParams(types.MessageType.Warning, f"autogen-lint: {self.configs.errors.pop(0)}")
            )
        return config

    def check_text_document(self, uri: str, superseded: bool = True) -> tuple[list[Finding], list[str]]:
        """The findings of an open text document, and its lines (for positions).

        With ``superseded`` the check is given up (``Superseded``) once a newer change arrives.
        """
        document = self.workspace.get_text_document(uri)
        text = universal_newlines(document.source)
        lines = text.split("\n")
        if len(text) > MAX_BYTES:
            log.warning("%s is larger than %d characters: not checked", uri, MAX_BYTES)
            return [], lines
        path = self.path_of(uri)
        config = self.config_for(path)
        if kind_of(path) is Kind.DEPENDENCIES:
            return list(check_bytes(Found(path, Kind.DEPENDENCIES), config, text.encode("utf-8")).findings), lines
        report = self._again(
            uri,
            config,
            lambda previous, interrupt: check_text_again(Found(path, Kind.PYTHON), config, text, previous, interrupt),
            superseded,
        )
        return list(report.findings), lines

    def _again(
        self,
        uri: str,
        config: Config,
        check: Callable[[Checked | None, Callable[[], bool]], tuple[FileReport, Checked | None]],
        superseded: bool = True,
    ) -> FileReport:
        """Run ``check`` from the last check of ``uri`` (under the same configuration), and keep its result.

        With ``superseded``, gives up (``Superseded``) once a newer change has arrived; the last
        check stays kept.
        """
        kept = self._checked.pop(uri, None)
        previous = kept[1] if kept is not None and kept[0] == config else None
        reader = self.reader if superseded else None
        changes = reader.changes if reader is not None else 0

        def interrupt() -> bool:  # a change has arrived since this check began
            return reader is not None and reader.changes != changes

        try:
            report, checked = check(previous, interrupt)
        except Superseded:
            if kept is not None:
                self._checked[uri] = kept
            raise
        if checked is not None:
            self._checked[uri] = (config, checked)
        return report

    def check_notebook(
        self, notebook: types.NotebookDocument, superseded: bool = True
    ) -> dict[str, tuple[list[Finding], list[str]]]:
        """Diagnostics per cell URI: the code cells checked as one module, as the command does.

        With ``superseded`` the check is given up (``Superseded``) once a newer change arrives.
        """
        sources: list[str | None] = []
        texts = {}
        for cell in notebook.cells:
            source = universal_newlines(self.workspace.get_text_document(cell.document).source)
            texts[cell.document] = source.split("\n")
            sources.append(source if cell.kind is types.NotebookCellKind.Code else None)
        path = self.path_of(notebook.uri)
        config = self.config_for(path)
        report = self._again(
            notebook.uri,
            config,
            lambda previous, interrupt: check_notebook_again(
                Found(path, Kind.NOTEBOOK), config, sources, previous, interrupt
            ),
            superseded,
        )
        by_cell: dict[str, list[Finding]] = {cell.document: [] for cell in notebook.cells}
        for finding in report.findings:
            index = (finding.cell or 1) - 1
            if 0 <= index < len(notebook.cells):
                by_cell[notebook.cells[index].document].append(finding)
        return {uri: (found, texts[uri]) for uri, found in by_cell.items()}

    def schedule(self, uri: str) -> None:
        """Check ``uri`` (a text document or a notebook) soon; a newer request replaces an older one."""
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        loop = asyncio.get_running_loop()
        self._pending[uri] = loop.call_later(self.delay, self._run_check, uri)

    def _run_check(self, uri: str) -> None:
        self._pending.pop(uri, None)
        try:
            notebook = self.workspace.get_notebook_document(notebook_uri=uri)
            if notebook is not None:
                for cell_uri, (found, lines) in self.check_notebook(notebook).items():
                    self.publish(cell_uri, found, lines)
            elif uri in self.workspace.text_documents:
                findings, lines = self.check_text_document(uri)
                version = self.workspace.get_text_document(uri).version
                self.publish(uri, findings, lines, version)
        except Superseded:  # a newer version arrived: read it, then check that one
            if uri not in self._pending:
                self._pending[uri] = asyncio.get_running_loop().call_later(RETRY, self._run_check, uri)
        except Exception:  # a defect must not take the editor's session down
            log.exception("checking %s failed", uri)

    def publish(self, uri: str, findings: Sequence[Finding], lines: Sequence[str], version: int | None = None) -> None:
        """Push the diagnostics of ``uri`` (nothing for pull clients: they ask)."""
        if self.pull:
            return
        items = self.encoded.encode(uri, findings, lines, self.encoding) if findings else "[]"
        if not findings:
            self.encoded.forget(uri)
        head = {"uri": uri} if version is None else {"uri": uri, "version": version}
        # Framed here: the diagnostics are already JSON, and the typed layer would encode them again.
        body = (
            f'{{"jsonrpc":"2.0","method":"{types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS}",'
            f'"params":{json.dumps(head)[:-1]},"diagnostics":{items}}}}}'
        ).encode()
        writer = self.protocol.writer
        if writer is not None:
            writer.write(b"Content-Length: %d\r\n\r\n%b" % (len(body), body))

    def forget(self, uri: str) -> None:
        """A closed document or notebook: its last check is not kept."""
        self._checked.pop(uri, None)

    def actions_workspace(self) -> actions.Workspace:
        """What code actions read, handed to them (they do not know the server)."""

        def cells(uri: str) -> list[str] | None:
            notebook = self.workspace.get_notebook_document(cell_uri=uri)
            return [cell.document for cell in notebook.cells] if notebook is not None else None

        return actions.Workspace(
            source=lambda uri: self.workspace.get_text_document(uri).source,
            cells=cells,
            path=self.path_of,
            config=self.config_for,
            encoding=self.encoding,
            resolves="edit"
            in get_capability(self.client_capabilities, "text_document.code_action.resolve_support.properties", []),
        )

    def recheck_all(self) -> None:
        """The configuration changed: check every open document again (pull clients are asked to pull)."""
        if self.pull:
            if get_capability(self.client_capabilities, "workspace.diagnostics.refresh_support", False):
                self.workspace_diagnostic_refresh(None)
            return
        for uri in list(self.workspace.text_documents):
            if self.workspace.get_notebook_document(cell_uri=uri) is None:
                self.schedule(uri)
        for uri in list(self.workspace.notebook_documents):
            self.schedule(uri)


server = AutogenLintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: AutogenLintServer, params: types.InitializeParams) -> None:
    ls.configs.editor = EditorSettings.from_client(params.initialization_options)
    ls.pull = params.capabilities.text_document is not None and params.capabilities.text_document.diagnostic is not None
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounceMs"), int):
        ls.delay = max(0, options["debounceMs"]) / 1000


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: AutogenLintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: AutogenLintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: AutogenLintServer, params: types.DidSaveTextDocumentParams) -> None:
    if ls.path_of(params.text_document.uri).name == "pyproject.toml":
        ls.recheck_all()
    else:
        ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: AutogenLintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)
    ls.publish(params.text_document.uri, [], [])


@server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
def notebook_open(ls: AutogenLintServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.schedule(params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
def notebook_change(ls: AutogenLintServer, params: types.DidChangeNotebookDocumentParams) -> None:
    ls.schedule(params.notebook_document.uri)
    removed = (
        params.change.cells.structure.array.delete_count if params.change.cells and params.change.cells.structure else 0
    )
    if removed and params.change.cells and params.change.cells.structure:
        for closed in params.change.cells.structure.did_close or []:
            ls.publish(closed.uri, [], [])


@server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
def notebook_save(ls: AutogenLintServer, params: types.DidSaveNotebookDocumentParams) -> None:
    ls.schedule(params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
def notebook_close(ls: AutogenLintServer, params: types.DidCloseNotebookDocumentParams) -> None:
    ls.forget(params.notebook_document.uri)
    for cell in params.cell_text_documents:
        ls.publish(cell.uri, [], [])


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: AutogenLintServer, params: types.DidChangeConfigurationParams) -> None:
    ls.configs.editor = EditorSettings.from_client(params.settings)
    ls.recheck_all()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: AutogenLintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(change.uri.endswith("pyproject.toml") for change in params.changes):
        ls.recheck_all()


@server.feature(
    types.TEXT_DOCUMENT_DIAGNOSTIC,
    types.DiagnosticOptions(identifier=SOURCE, inter_file_dependencies=False, workspace_diagnostics=False),
)
def pull_diagnostics(ls: AutogenLintServer, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
    """The report of the version the client asked about.

    A request is answered, never given up for a newer change: the client pulls again for that
    one, and drops an answer it no longer needs.
    """
    uri = params.text_document.uri
    notebook = ls.workspace.get_notebook_document(cell_uri=uri)
    if notebook is not None:
        findings, lines = ls.check_notebook(notebook, superseded=False).get(uri, ([], []))
    else:
        findings, lines = ls.check_text_document(uri, superseded=False)
    items = diagnostics(findings, lines, ls.encoding)
    structured = [ls.protocol._converter.structure(item, types.Diagnostic) for item in items]
    return types.RelatedFullDocumentDiagnosticReport(items=structured)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True),
)
def code_action(ls: AutogenLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    return actions.code_actions(ls.actions_workspace(), params)


@server.feature(types.CODE_ACTION_RESOLVE)
def code_action_resolve(ls: AutogenLintServer, action: types.CodeAction) -> types.CodeAction:
    return actions.resolve(ls.actions_workspace(), action)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: AutogenLintServer, params: types.HoverParams) -> types.Hover | None:
    if params.text_document.uri not in ls.workspace.text_documents:
        return None
    document = ls.workspace.get_text_document(params.text_document.uri)
    lines: Sequence[str] = document.lines
    if params.position.line >= len(lines):
        return None
    config = ls.config_for(ls.path_of(params.text_document.uri))
    return hover.noqa_hover(lines[params.position.line].rstrip("\r\n"), params.position, config, ls.encoding)


def _widen_pipe(fd: int) -> None:
    """Let a large publish go out in one write when stdout is a pipe (Linux), not 64 KiB at a time."""
    try:
        import fcntl  # not on Windows

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError, ValueError):
        pass  # not a pipe, not Linux, or above the system's limit: the default size works too


def serve() -> int:
    """Run the server on stdin and stdout until the client says exit; the exit status."""
    logging.basicConfig(level=logging.WARNING, format="autogen-lint server: %(levelname)s %(message)s")
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))

    _widen_pipe(sys.stdout.fileno())
    gc.freeze()  # the modules loaded so far live as long as the server: keep them out of collections

    async def main() -> None:
        reader = EagerReader(sys.stdin.buffer, asyncio.get_running_loop())
        server.reader = reader
        await run_async(threading.Event(), reader, server.protocol, log, server.report_server_error)

    try:
        asyncio.run(main())
    except SystemExit as exit:  # the ``exit`` notification: 0 after ``shutdown``, else 1
        return exit.code if isinstance(exit.code, int) else 1
    except (BrokenPipeError, KeyboardInterrupt):
        return 1
    return 1  # stdin closed without ``exit``
