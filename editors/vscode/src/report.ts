// "autogen-lint: Show Migration Report": `autogen-lint report --format html` for the workspace in
// a webview with a strict Content-Security-Policy (no scripts; styles by nonce; images only as
// data: URIs). Links leave through the `autogen-lint.openLink` command, the only command URI the
// webview may use; the report escapes the workspace's file names and code itself.
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";

export const OPEN_LINK = "autogen-lint.openLink";

/** The report's HTML made safe to show: CSP added, styles given a nonce, scripts and foreign links dropped. */
export function webviewHtml(report: string, nonce: string): string {
  const csp =
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ` +
    `style-src 'nonce-${nonce}'; img-src data:; font-src 'none'; form-action 'none';">`;
  let html = report
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, "")
    .replace(/<(iframe|object|embed|base|link|meta http-equiv)\b[^>]*>/gi, "")
    .replace(/<style\b/gi, `<style nonce="${nonce}"`)
    .replace(/\shref="([^"]*)"/gi, (_whole, target: string) => ` href="${link(unescapeAttribute(target))}"`);
  html = /<head\b[^>]*>/i.test(html) ? html.replace(/<head\b[^>]*>/i, (head) => `${head}\n${csp}`) : csp + html;
  return html;
}

function link(target: string): string {
  if (target.startsWith("#")) {
    return escapeAttribute(target);
  }
  if (/^https?:\/\//i.test(target)) {
    return `command:${OPEN_LINK}?${encodeURIComponent(JSON.stringify([target]))}`;
  }
  return "#";
}

function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Opens an http(s) link from the report in the browser; anything else is refused. */
export async function openLink(target: unknown): Promise<void> {
  if (typeof target === "string" && /^https?:\/\//i.test(target)) {
    await vscode.env.openExternal(vscode.Uri.parse(target, true));
  }
}

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly render: () => Promise<string>) {}

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
    } else {
      this.panel = vscode.window.createWebviewPanel(
        "autogen-lint.report",
        "AutoGen Migration Report",
        vscode.ViewColumn.Beside,
        { enableScripts: false, enableCommandUris: [OPEN_LINK], localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    await this.refresh();
  }

  /** Render again soon (after a save), if the panel is open. */
  refreshSoon(): void {
    if (!this.panel) {
      return;
    }
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.refresh(), 500);
  }

  private async refresh(): Promise<void> {
    const panel = this.panel;
    if (!panel) {
      return;
    }
    const nonce = randomBytes(16).toString("base64");
    try {
      panel.webview.html = webviewHtml(await this.render(), nonce);
    } catch (error) {
      panel.webview.html = webviewHtml(
        `<html><head><style>body{font-family:sans-serif}</style></head><body><h1>No report</h1><p>${escapeAttribute(
          String(error),
        )}</p></body></html>`,
        nonce,
      );
    }
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.panel?.dispose();
  }
}
