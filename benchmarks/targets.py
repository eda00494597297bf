"""Migration targets on microsoft/agent-framework's samples (run on demand, not in CI).

Two figures, from the ``autogen-lint`` command:

- AGL9xx (Agent Framework names from before 1.0) over the whole ``python/samples/`` tree, which
  is written for 1.x: every finding is a false positive (target 0);
- AGL8xx (AutoGen v0.4 under the Agent Framework target) on ``python/samples/autogen-migration/``,
  whose samples hold the same program twice, an AutoGen half and an Agent Framework half: the
  findings are counted per half (by the enclosing top-level function, ``run_autogen*`` or
  ``run_agent_framework*``), and the Agent Framework halves must have none.

    python benchmarks/targets.py --samples PATH/TO/agent-framework/python/samples
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path


def check(samples: Path, *args: str) -> tuple[list[dict[str, object]], float, str]:
    command = [sys.executable, "-m", "autogen_lint.cli", "check", "--isolated", "--no-cache", "--format=json", *args]
    start = time.perf_counter()
    process = subprocess.run([*command, str(samples)], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"autogen-lint failed:\n{process.stderr}")
    return json.loads(process.stdout), elapsed, process.stderr.strip()


def half_of(path: Path, line: int) -> str:
    """``autogen``, ``agent-framework`` or ``module`` for the top-level function holding ``line``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= (node.end_lineno or 0):
            if node.name.startswith("run_autogen"):
                return "autogen"
            if node.name.startswith("run_agent_framework"):
                return "agent-framework"
            return f"other ({node.name})"
    return "module"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=Path, required=True, help="microsoft/agent-framework python/samples")
    args = parser.parse_args(argv)
    samples = args.samples.resolve()
    py_files = sum(1 for _ in samples.rglob("*.py"))

    findings, seconds, line = check(samples, "--target", "agent-framework")
    pre_1_0 = [f for f in findings if str(f["code"]).startswith("AGL9")]
    print(f"{samples}: {py_files} Python files, {seconds:.1f} s ({line})")
    print(f"AGL9xx findings (all false positives on 1.x samples): {len(pre_1_0)} (target 0)")
    for finding in pre_1_0:
        print(f"  {finding['path']}:{finding['line']}:{finding['column']}: {finding['code']} {finding['message']}")

    migration = samples / "autogen-migration"
    by_half: Counter[str] = Counter()
    by_code: Counter[str] = Counter()
    by_file: Counter[str] = Counter()
    for finding in findings:
        path = Path(str(finding["path"]))
        full = path if path.is_absolute() else (Path.cwd() / path)
        if migration not in full.resolve().parents or not str(finding["code"]).startswith("AGL8"):
            continue
        by_half[half_of(full, int(str(finding["line"])))] += 1
        by_code[str(finding["code"])] += 1
        by_file[str(full.resolve().relative_to(migration))] += 1
    files = sorted(migration.rglob("*.py"))
    print(f"\nAGL8xx on autogen-migration/ ({len(files)} samples), under --target agent-framework:")
    print(f"  per code: {dict(sorted(by_code.items()))}")
    print(f"  per half: {dict(sorted(by_half.items()))}")
    for name in sorted(by_file):
        print(f"  {name}: {by_file[name]}")
    misplaced = sum(count for half, count in by_half.items() if half != "autogen")
    print(f"AGL8xx outside the AutoGen halves: {misplaced} (target 0)")

    untargeted, _, reason = check(samples)
    extra = [f for f in untargeted if str(f["code"])[:4] in ("AGL8", "AGL9")]
    print(f"\nWithout --target ({reason}): {len(extra)} AGL8xx/AGL9xx findings (target 0)")
    ok = not pre_1_0 and not misplaced and not extra and sum(by_half.values()) > 0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
