// Runs an `autogen-lint` command (not the server) and collects what it writes.
import { execFile } from "node:child_process";
import type { Launch } from "./python";

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(launch: Launch, args: string[], cwd: string | undefined): Promise<Ran> {
  return new Promise((resolve, reject) => {
    execFile(
      launch.command,
      [...launch.args, ...args],
      { cwd, env: launch.env, maxBuffer: 64 * 1024 * 1024, timeout: 300_000, windowsHide: true },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(error); // not started (ENOENT) or killed
          return;
        }
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
  });
}
