"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.activate = activate;
exports.deactivate = deactivate;
// Starts `autogen-lint server` (from the selected Python environment) as the language server
// for Python files and Jupyter notebooks, and passes it this extension's settings.
const fs = require("fs");
const path = require("path");
const vscode = require("vscode");
const node_1 = require("vscode-languageclient/node");
let client;
function settings() {
    const config = vscode.workspace.getConfiguration("autogen-lint");
    const found = {};
    for (const key of ["select", "ignore", "unsafeFixes", "guideUrl", "configurationPreference"]) {
        const value = config.get(key);
        if (value !== null && value !== undefined && value !== "") {
            found[key] = value;
        }
    }
    return found;
}
async function selectedPython() {
    const python = vscode.extensions.getExtension("ms-python.python");
    if (python === undefined) {
        return undefined;
    }
    const api = python.isActive ? python.exports : await python.activate();
    const active = api?.environments?.getActiveEnvironmentPath?.();
    const resolved = active ? await api.environments.resolveEnvironment(active) : undefined;
    return resolved?.executable?.uri?.fsPath ?? active?.path;
}
async function executable() {
    const configured = vscode.workspace.getConfiguration("autogen-lint").get("path");
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
async function start() {
    const command = await executable();
    const server = { command, args: ["server"] };
    const options = {
        documentSelector: [
            { scheme: "file", language: "python" },
            { scheme: "untitled", language: "python" },
            { notebook: "jupyter-notebook", language: "python" },
        ],
        initializationOptions: settings(),
    };
    client = new node_1.LanguageClient("autogen-lint", "autogen-lint", server, options);
    await client.start();
}
async function activate(context) {
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
        if (client === undefined) {
            return;
        }
        if (event.affectsConfiguration("autogen-lint.path")) {
            await client.stop();
            await start();
        }
        else if (event.affectsConfiguration("autogen-lint")) {
            await client.sendNotification("workspace/didChangeConfiguration", { settings: settings() });
        }
    }), vscode.commands.registerCommand("autogen-lint.restart", async () => {
        await client?.stop();
        await start();
    }));
    await start();
}
async function deactivate() {
    await client?.stop();
}
