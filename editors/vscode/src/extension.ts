// Starts `autogen-lint server` for Python files and notebooks, and restarts it when its
// interpreter or command changes. Everything else (diagnostics, fixes, hover) is the server's.
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
} from "vscode-languageclient/node";

const SECTION = "autogen-lint";
const SERVER_SETTINGS = ["select", "ignore", "unsafeFixes", "guideUrl", "configurationPreference"];
const RESTART_SETTINGS = ["path", "interpreter"];

interface PythonEnvironments {
  getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
  resolveEnvironment(path: string): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
}

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("autogen-lint", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand(`${SECTION}.restart`, () => restart()),
    vscode.commands.registerCommand(`${SECTION}.showLogs`, () => output.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((name) => event.affectsConfiguration(`${SECTION}.${name}`))) {
        void restart();
      } else if (event.affectsConfiguration(SECTION) && client?.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { [SECTION]: serverSettings() },
        });
      }
    }),
  );
  const environments = await pythonEnvironments();
  if (environments) {
    context.subscriptions.push(environments.onDidChangeActiveEnvironmentPath(() => void restart()));
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
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  const command = await serverCommand();
  output.info(`starting: ${command.join(" ")}`);
  const serverOptions: ServerOptions = {
    command: command[0],
    args: command.slice(1),
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
      { notebook: "jupyter-notebook", language: "python" },
    ],
    initializationOptions: serverSettings(),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/pyproject.toml"),
    },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  client = new LanguageClient(SECTION, "autogen-lint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    const action = await vscode.window.showErrorMessage(
      `autogen-lint: the server did not start (${command.join(" ")}). ` +
        "Install it in the selected Python environment: pip install 'autogen-lint[server]'.",
      "Show Logs",
    );
    if (action) {
      output.show();
    }
    output.error(String(error));
  }
}

/** The settings the user set (defaults are the server's to choose), as the server reads them. */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION, vscode.workspace.workspaceFolders?.[0]?.uri);
  const settings: Record<string, unknown> = {};
  for (const name of SERVER_SETTINGS) {
    const set = config.inspect(name);
    const value =
      set?.workspaceFolderValue ?? set?.workspaceValue ?? set?.globalValue ?? set?.defaultValue ?? undefined;
    if (value !== undefined && value !== null) {
      settings[name] = value;
    }
  }
  return settings;
}

/** `autogen-lint.path`, else `<python> -m autogen_lint.cli server` in the chosen environment. */
async function serverCommand(): Promise<string[]> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const path = config.get<string[]>("path", []);
  if (path.length > 0) {
    return path;
  }
  const python = config.get<string>("interpreter", "") || (await selectedInterpreter()) || "python3";
  return [python, "-m", "autogen_lint.cli", "server"];
}

async function selectedInterpreter(): Promise<string | undefined> {
  const environments = await pythonEnvironments();
  if (!environments) {
    return undefined;
  }
  const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
  const active = environments.getActiveEnvironmentPath(resource);
  const resolved = await environments.resolveEnvironment(active.path);
  return resolved?.executable.uri?.fsPath;
}

async function pythonEnvironments(): Promise<PythonEnvironments | undefined> {
  const extension = vscode.extensions.getExtension("ms-python.python");
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    return (api as { environments?: PythonEnvironments }).environments;
  } catch (error) {
    output.warn(`the Python extension's API is not available: ${String(error)}`);
    return undefined;
  }
}
