// The server's stderr in the output channel at each line's own level. The server (and pygls)
// log as `autogen-lint server: LEVEL message`; other lines (a traceback) keep the last level.
import * as readline from "node:readline";
import type { Readable } from "node:stream";
import type * as vscode from "vscode";

const LINE = /^autogen-lint server: (DEBUG|INFO|WARNING|ERROR|CRITICAL) (.*)$/;

type Level = "trace" | "debug" | "info" | "warn" | "error";

const LEVELS: Record<string, Level> = {
  DEBUG: "debug",
  INFO: "info",
  WARNING: "warn",
  ERROR: "error",
  CRITICAL: "error",
};

/** The level and text of one stderr line, given the level of the line before it. */
export function parse(line: string, previous: Level): [Level, string] {
  const match = LINE.exec(line);
  return match ? [LEVELS[match[1]], match[2]] : [previous, line];
}

export function pipeStderr(input: Readable, output: vscode.LogOutputChannel): void {
  let level: Level = "info";
  readline
    .createInterface({ input, crlfDelay: Infinity, terminal: false, historySize: 0 })
    .on("line", (line: string) => {
      const [found, text] = parse(line, level);
      level = found;
      output[found](text);
    });
}
