// Starts `autogen-lint server` (from the selected Python environment) as the language server
// for Python files and Jupyter notebooks, and passes it this extension's settings.
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function settings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration("autogen-lint");
  const found: Record<string, unknown> = {};
  for (const key of ["select", "ignore", "unsafeFixes", "guideUrl", "configurationPreference"]) {
    const value = config.get(key);
    if (value !== null && value !== undefined && value !== "") {
      found[key] = value;
    }
  }
  return found;
}

async function selectedPython(): Promise<string | undefined> {
  const python = vscode.extensions.getExtension("ms-python.python");
  if (python === undefined) {
    return undefined;
  }
  const api = python.isActive ? python.exports : await python.activate();
  const active = api?.environments?.getActiveEnvironmentPath?.();
  const resolved = active ? await api.environments.resolveEnvironment(active) : undefined;
  return resolved?.executable?.uri?.fsPath ?? active?.path;
}

async function executable(): Promise<string> {
  const configured = vscode.workspace.getConfiguration("autogen-lint").get<string>("path");
  if (configured) {
    return configured;
  }
  const python = await selectedPython();
  if (python) {
    const name = process.platform === "win32" ? "autogen-lint.exe" : "autogen-lint";
    const beside = path.join(path.dirname(python), name);
    if (fs.existsSync(beside)) {
      return beside;
    }
  }
  return "autogen-lint";
}

async function start(): Promise<void> {
  const command = await executable();
  const server: ServerOptions = { command, args: ["server"] };
  const options: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
      { notebook: "jupyter-notebook", language: "python" },
    ],
    initializationOptions: settings(),
  };
  client = new LanguageClient("autogen-lint", "autogen-lint", server, options);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (client === undefined) {
        return;
      }
      if (event.affectsConfiguration("autogen-lint.path")) {
        await client.stop();
        await start();
      } else if (event.affectsConfiguration("autogen-lint")) {
        await client.sendNotification("workspace/didChangeConfiguration", { settings: settings() });
      }
    }),
    vscode.commands.registerCommand("autogen-lint.restart", async () => {
      await client?.stop();
      await start();
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
