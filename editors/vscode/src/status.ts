// The status bar item: the server's state, the migration target and the workspace's findings
// (from `autogen-lint report --format json`, refreshed on save). Clicking it opens the report.
import * as vscode from "vscode";

export type State = "starting" | "running" | "stopped" | "failed";

export interface Summary {
  findings: number;
  files: Record<string, number>;
  migratedShare: number;
  target: string;
}

/** The status bar's reading of `autogen-lint report --format json`. */
export function summarise(json: string): Summary | undefined {
  try {
    const report = JSON.parse(json) as {
      target?: string;
      headline?: { findings?: number; files?: Record<string, number>; migrated_share?: number };
    };
    const headline = report.headline;
    if (!headline || typeof headline.findings !== "number") {
      return undefined;
    }
    return {
      findings: headline.findings,
      files: headline.files ?? {},
      migratedShare: headline.migrated_share ?? 0,
      target: typeof report.target === "string" ? report.target.replace(/^target:\s*/, "") : "AutoGen v0.4",
    };
  } catch {
    return undefined;
  }
}

export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("autogen-lint.status", vscode.StatusBarAlignment.Right, 100);
  private state: State = "starting";
  private detail = "";
  private summary: Summary | undefined;

  constructor() {
    this.item.name = "autogen-lint";
    this.item.command = "autogen-lint.showReport";
    this.render();
    this.item.show();
  }

  set(state: State, detail = ""): void {
    this.state = state;
    this.detail = detail;
    this.render();
  }

  findings(summary: Summary | undefined): void {
    this.summary = summary;
    this.render();
  }

  private render(): void {
    const icon = {
      starting: "$(loading~spin)",
      running: this.summary?.findings ? "$(warning)" : "$(check)",
      stopped: "$(circle-slash)",
      failed: "$(error)",
    }[this.state];
    const count = this.state === "running" && this.summary ? ` ${this.summary.findings}` : "";
    this.item.text = `${icon} autogen-lint${count}`;
    this.item.backgroundColor =
      this.state === "failed" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = { enabledCommands: ["autogen-lint.showLogs", "autogen-lint.restart", "autogen-lint.showReport"] };
    tooltip.appendMarkdown(`**autogen-lint**: server ${this.state}${this.detail ? ` (${escape(this.detail)})` : ""}\n\n`);
    if (this.summary) {
      const files = this.summary.files;
      tooltip.appendMarkdown(
        `Target: ${escape(this.summary.target)}\n\n` +
          `${this.summary.findings} findings in the workspace; files: ${files["v0.2"] ?? 0} v0.2, ` +
          `${files.mixed ?? 0} mixed, ${files["v0.4"] ?? 0} v0.4 ` +
          `(${Math.round(this.summary.migratedShare * 100)}% migrated)\n\n`,
      );
    }
    tooltip.appendMarkdown(
      "[Migration report](command:autogen-lint.showReport) · [Output](command:autogen-lint.showLogs) · " +
        "[Restart](command:autogen-lint.restart)",
    );
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, "\\$&");
}
