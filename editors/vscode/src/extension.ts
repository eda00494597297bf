// The VS Code extension: starts `autogen-lint server` (bundled, or from the environment) for
// Python files and notebook cells, and adds the status item, the commands and the report view.
// Diagnostics, quick fixes, fix-all and hover are the server's.
import * as vscode from "vscode";
import {
  CodeAction,
  CodeActionRequest,
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State as ClientState,
} from "vscode-languageclient/node";
import { pipeStderr } from "./log";
import { Launch, SECTION, launch, pythonExtension } from "./python";
import { OPEN_LINK, ReportPanel, openLink } from "./report";
import { run } from "./run";
import { Status, summarise } from "./status";

const SERVER_SETTINGS = ["select", "ignore", "unsafeFixes", "guideUrl", "configurationPreference"];
const RESTART_SETTINGS = ["path", "interpreter", "importStrategy"];
const FIX_ALL = "source.fixAll.autogen-lint";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: Status;
let report: ReportPanel;
let extension: vscode.ExtensionContext;
let starting: Promise<void> = Promise.resolve();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extension = context;
  output = vscode.window.createOutputChannel("autogen-lint", { log: true });
  status = new Status();
  report = new ReportPanel(renderReport);
  let summaryTimer: ReturnType<typeof setTimeout> | undefined;
  const saved = (): void => {
    report.refreshSoon();
    clearTimeout(summaryTimer);
    summaryTimer = setTimeout(() => void refreshSummary(), 1000);
  };
  context.subscriptions.push(
    output,
    status,
    report,
    { dispose: () => clearTimeout(summaryTimer) },
    vscode.commands.registerCommand(`${SECTION}.restart`, () => restart()),
    vscode.commands.registerCommand(`${SECTION}.showLogs`, () => output.show()),
    vscode.commands.registerCommand(`${SECTION}.fixAll`, () => fixAllIncludingUnsafe()),
    vscode.commands.registerCommand(`${SECTION}.showReport`, () => report.show()),
    vscode.commands.registerCommand(OPEN_LINK, (target: unknown) => openLink(target)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((name) => event.affectsConfiguration(`${SECTION}.${name}`))) {
        void restart();
      } else if (event.affectsConfiguration(SECTION)) {
        void sendSettings(serverSettings());
        saved();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    vscode.workspace.onDidSaveTextDocument(saved),
    vscode.workspace.onDidSaveNotebookDocument(saved),
  );
  const python = await pythonExtension(output);
  if (python) {
    context.subscriptions.push(python.environments.onDidChangeActiveEnvironmentPath(() => void restart()));
  }
  await restart();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop(5000);
    } catch (error) {
      output.warn(`stopping the server: ${String(error)}`);
    }
    await running.dispose();
  }
}

/** Restart the server; restarts asked for while one is under way run after it, in order. */
function restart(): Promise<void> {
  starting = starting.then(start, start);
  return starting;
}

async function start(): Promise<void> {
  await stop();
  status.set("starting");
  let command: Launch;
  try {
    command = await launch(extension, output, ["server"]);
  } catch (error) {
    return failed(String(error));
  }
  output.info(`starting (${command.origin}): ${[command.command, ...command.args].join(" ")}`);
  const serverOptions: ServerOptions = {
    command: command.command,
    args: command.args,
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, env: command.env },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
      { scheme: "vscode-notebook-cell", language: "python" },
      { notebook: { notebookType: "jupyter-notebook" }, language: "python" },
    ],
    initializationOptions: serverSettings(),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/pyproject.toml") },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    stdioOptions: { stderr: pipeStderr, stdout: pipeStderr },
    initializationFailedHandler: () => false,
  };
  const created = new LanguageClient(SECTION, "autogen-lint", serverOptions, clientOptions);
  created.onDidChangeState((event) => {
    if (client === created && event.newState === ClientState.Stopped) {
      status.set("stopped");
    }
  });
  client = created;
  try {
    await created.start();
  } catch (error) {
    client = undefined;
    await created.dispose().catch(() => undefined);
    return failed(describeFailure(command, error));
  }
  status.set("running", command.origin);
  void refreshSummary();
}

function describeFailure(command: Launch, error: unknown): string {
  const text = String(error);
  if (/ENOENT/.test(text)) {
    return (
      `${command.command} was not found. Select a Python 3.10+ interpreter in the Python extension, ` +
      "or set `autogen-lint.interpreter` to one (or put `python3` on PATH)."
    );
  }
  return `the server did not start (${text}); the output has the details.`;
}

async function failed(message: string): Promise<void> {
  status.set("failed", message);
  output.error(message);
  const choice = await vscode.window.showErrorMessage(`autogen-lint: ${message}`, "Show Output", "Open Settings");
  if (choice === "Show Output") {
    output.show();
  } else if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", SECTION);
  }
}

/** The settings the user set (defaults are the server's to choose), as the server reads them. */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, vscode.workspace.workspaceFolders?.[0]?.uri);
  const settings: Record<string, unknown> = {};
  for (const name of SERVER_SETTINGS) {
    const set = config.inspect(name);
    const value = set?.workspaceFolderValue ?? set?.workspaceValue ?? set?.globalValue ?? set?.defaultValue;
    if (value !== undefined && value !== null) {
      settings[name] = value;
    }
  }
  return settings;
}

async function sendSettings(settings: Record<string, unknown>): Promise<void> {
  if (client?.isRunning()) {
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: settings } });
  }
}

/** "Fix All (including unsafe fixes)": the server's fix-all for the active file, unsafe fixes on. */
async function fixAllIncludingUnsafe(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const running = client;
  if (!editor || !running?.isRunning()) {
    void vscode.window.showInformationMessage("autogen-lint: open a Python file to fix.");
    return;
  }
  const document = editor.document;
  await sendSettings({ ...serverSettings(), unsafeFixes: true });
  try {
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const answer = await running.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: running.code2ProtocolConverter.asUri(document.uri) },
      range: running.code2ProtocolConverter.asRange(whole),
      context: { diagnostics: [], only: [FIX_ALL] },
    });
    const action = (answer ?? []).find((item): item is CodeAction => "edit" in item && item.edit !== undefined);
    if (!action?.edit) {
      void vscode.window.showInformationMessage("autogen-lint: nothing to fix in this file.");
      return;
    }
    await vscode.workspace.applyEdit(await running.protocol2CodeConverter.asWorkspaceEdit(action.edit));
  } finally {
    await sendSettings(serverSettings());
  }
}

/** `autogen-lint report` for the workspace folders, run as the server is (same interpreter and strategy). */
async function reportOf(format: "html" | "json"): Promise<string> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    throw new Error("open a folder to see its migration report");
  }
  const command = await launch(extension, output, ["report"]);
  const ran = await run(
    command,
    ["--format", format, "--no-cache", "--title", `AutoGen migration report: ${folders[0].name}`, ...folders.map((f) => f.uri.fsPath)],
    folders[0].uri.fsPath,
  );
  if (ran.code !== 0 && ran.code !== 1) {
    throw new Error(`autogen-lint report exited with ${ran.code}: ${ran.stderr.trim()}`);
  }
  return ran.stdout;
}

function renderReport(): Promise<string> {
  return reportOf("html");
}

async function refreshSummary(): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    return;
  }
  try {
    status.findings(summarise(await reportOf("json")));
  } catch (error) {
    output.warn(`workspace summary: ${String(error)}`);
  }
}
