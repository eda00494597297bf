// Fills bundled/libs with autogen-lint and its server's pure-Python dependencies
// (bundled/requirements.txt), as universal py3-none-any wheels: one .vsix for every platform.
// autogen-lint comes from this repository (../..), from AUTOGEN_LINT_SOURCE (a path, a wheel or a
// requirement), else from PyPI at the extension's version.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const here = resolve(import.meta.dirname, "..");
const libs = join(here, "bundled", "libs");
const python = process.env.PYTHON || (process.platform === "win32" ? "python" : "python3");
const version = JSON.parse(readFileSync(join(here, "package.json"), "utf8")).version;
const repository = resolve(here, "..", "..");
const inRepository =
  existsSync(join(repository, "pyproject.toml")) &&
  /^name = "autogen-lint"$/m.test(readFileSync(join(repository, "pyproject.toml"), "utf8"));
let source = process.env.AUTOGEN_LINT_SOURCE || (inRepository ? repository : `autogen-lint==${version}`);

const pip = (...args) =>
  execFileSync(python, ["-m", "pip", "--disable-pip-version-check", "--quiet", ...args], { stdio: "inherit" });

rmSync(libs, { recursive: true, force: true });
const wheels = mkdtempSync(join(tmpdir(), "autogen-lint-wheel-"));
try {
  if (existsSync(source) && !source.endsWith(".whl")) {
    pip("wheel", "--no-deps", "--wheel-dir", wheels, source);
    source = join(wheels, readdirSync(wheels).find((name) => name.endsWith(".whl")));
  }
  pip(
    "install", "--root-user-action=ignore", "--target", libs, "--no-deps", "--no-compile",
    "--only-binary=:all:", "--implementation", "py", "--python-version", "3.10", "--platform", "any",
    "--requirement", join(here, "bundled", "requirements.txt"), source,
  );
} finally {
  rmSync(wheels, { recursive: true, force: true });
}
rmSync(join(libs, "bin"), { recursive: true, force: true });
console.log(`bundled/libs: ${readdirSync(libs).filter((name) => !name.endsWith(".dist-info")).join(", ")}`);
