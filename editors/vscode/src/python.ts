// Which command runs autogen-lint: `autogen-lint.path`, else `<python> bundled/tool/run.py` with
// the interpreter from `autogen-lint.interpreter`, the Python extension, or `python3` on PATH.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { PythonExtension } from "@vscode/python-extension";
import * as vscode from "vscode";

export const SECTION = "autogen-lint";

export type ImportStrategy = "useBundled" | "fromEnvironment";

export interface Launch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Where the command came from, for the logs and the status item. */
  origin: string;
}

/** The command that runs `autogen-lint <args>` for the workspace. */
export async function launch(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  args: string[],
): Promise<Launch> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const config = vscode.workspace.getConfiguration(SECTION, folder);
  const trusted = vscode.workspace.isTrusted;
  // In an untrusted workspace VS Code hides the workspace's values of the restricted settings
  // (package.json `restrictedConfigurations`): `path`, `interpreter` and `importStrategy` come
  // from the user's own settings only.
  const command = (config.get<string[] | null>("path") ?? []).filter((item) => item !== "");
  if (command.length > 0) {
    return { command: command[0], args: [...command.slice(1), ...args], env: process.env, origin: "autogen-lint.path" };
  }
  const strategy: ImportStrategy =
    trusted && config.get<string>("importStrategy") === "fromEnvironment" ? "fromEnvironment" : "useBundled";
  const python = await interpreter(config, folder, trusted, log);
  const script = context.asAbsolutePath(path.join("bundled", "tool", "run.py"));
  return {
    command: python.path,
    args: [script, ...args],
    env: { ...process.env, AUTOGEN_LINT_IMPORT_STRATEGY: strategy, PYTHONUNBUFFERED: "1" },
    origin: `${strategy}, ${python.origin}`,
  };
}

interface Interpreter {
  path: string;
  origin: string;
}

async function interpreter(
  config: vscode.WorkspaceConfiguration,
  folder: vscode.Uri | undefined,
  trusted: boolean,
  log: vscode.LogOutputChannel,
): Promise<Interpreter> {
  const configured = config.get<string | null>("interpreter");
  if (configured) {
    return { path: substitute(configured, folder), origin: "autogen-lint.interpreter" };
  }
  const selected = await selectedInterpreter(folder, log);
  if (selected && (trusted || !insideWorkspace(selected))) {
    return { path: selected, origin: "the Python extension's interpreter" };
  }
  if (selected) {
    log.warn(`untrusted workspace: not running ${selected}, which the workspace holds`);
  }
  const fallback = process.platform === "win32" ? "python" : "python3";
  return { path: fallback, origin: `${fallback} on PATH` };
}

function substitute(value: string, folder: vscode.Uri | undefined): string {
  return value
    .replace(/\$\{workspaceFolder\}/g, folder?.fsPath ?? "")
    .replace(/^~(?=$|[\\/])/, process.env.HOME ?? process.env.USERPROFILE ?? "~");
}

function insideWorkspace(file: string): boolean {
  return (vscode.workspace.workspaceFolders ?? []).some((folder) => {
    const relative = path.relative(folder.uri.fsPath, file);
    return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  });
}

let pythonApi: Promise<PythonExtension | undefined> | undefined;

/** The Python extension's API, or undefined when it is not installed. */
export function pythonExtension(log: vscode.LogOutputChannel): Promise<PythonExtension | undefined> {
  if (!vscode.extensions.getExtension("ms-python.python")) {
    return Promise.resolve(undefined);
  }
  pythonApi ??= PythonExtension.api().catch((error: unknown) => {
    log.warn(`the Python extension's API is not available: ${String(error)}`);
    return undefined;
  });
  return pythonApi;
}

async function selectedInterpreter(
  folder: vscode.Uri | undefined,
  log: vscode.LogOutputChannel,
): Promise<string | undefined> {
  const api = await pythonExtension(log);
  if (!api) {
    return undefined;
  }
  try {
    const active = api.environments.getActiveEnvironmentPath(folder);
    const resolved = await api.environments.resolveEnvironment(active);
    const executable = resolved?.executable.uri?.fsPath;
    return executable && existsSync(executable) ? executable : undefined;
  } catch (error) {
    log.warn(`no interpreter from the Python extension: ${String(error)}`);
    return undefined;
  }
}
