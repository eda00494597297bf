"""Apply every fix to copies of real code and check that nothing breaks.

    python benchmarks/fixes.py --tree v04=PATH/TO/autogen/python --tree v02=PATH/TO/autogen-0.2-checkout

Each tree is copied to a temporary directory (the originals are never written), then:

1. ``autogen-lint check`` gives the findings before, and its wall time;
2. ``autogen-lint check --fix [--unsafe-fixes] --show-fixes`` applies the fixes (timed);
3. every Python file and every notebook cell must still parse, a second ``--fix`` run must
   change no byte, every fixed finding must be gone, and no (file, rule) pair may have more
   findings than before less those fixed.

Prints a table of fixes applied per rule, files changed and fixes refused, and exits 1 when a
check fails.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

COMMAND = str(Path(sys.executable).with_name("autogen-lint"))
_FILE = re.compile(r"^- (?P<path>.+):$")
_COUNT = re.compile(r"^\s+(?P<count>\d+) × (?P<code>AGL\d+) ")


def run(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    result = subprocess.run([COMMAND, *args], cwd=cwd, capture_output=True, text=True, check=False)
    return result, time.perf_counter() - start


def findings(cwd: Path) -> tuple[Counter[tuple[str, str]], float]:
    result, seconds = run(["check", "--no-cache", "--format", "json", "--exit-zero"], cwd)
    return Counter((record["path"], record["code"]) for record in json.loads(result.stdout)), seconds


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def parses(path: Path) -> bool:
    if path.suffix == ".py":
        try:
            ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            return False
        return True
    from autogen_lint.notebooks import python_lines, read_cells

    cells = read_cells(path.read_bytes())
    if not isinstance(cells, list):
        return False
    for cell in cells:
        try:
            ast.parse("\n".join(python_lines(cell.lines)))
        except SyntaxError:
            return False
    return True


def parsed_before(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in [*root.rglob("*.py"), *root.rglob("*.ipynb")] if parses(p)}


def measure(name: str, source: Path, unsafe: bool) -> bool:
    flags = ["--fix", "--unsafe-fixes"] if unsafe else ["--fix"]
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / name
        shutil.copytree(source, root, symlinks=True)
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)  # the tree's own root
        good_before = parsed_before(root)
        before, check_seconds = findings(root)
        original = snapshot(root)
        fixed_run, fix_seconds = run(["check", "--no-cache", "--show-fixes", "--exit-zero", *flags], root)
        applied: Counter[tuple[str, str]] = Counter()
        current = ""
        for line in fixed_run.stdout.splitlines():
            if match := _FILE.match(line):
                current = match.group("path")
            elif (match := _COUNT.match(line)) and current:
                applied[current, match.group("code")] += int(match.group("count"))
        refused = [line for line in fixed_run.stderr.splitlines() if "error:" in line]
        unconverged = [line for line in fixed_run.stderr.splitlines() if "did not converge" in line]
        after_fix = snapshot(root)
        changed = [path for path in after_fix if after_fix[path] != original.get(path)]
        broken = sorted(path for path in changed if path in good_before and not parses(root / path))
        run(["check", "--no-cache", "--exit-zero", *flags], root)
        unstable = sorted(path for path, data in snapshot(root).items() if data != after_fix[path])
        after, _ = findings(root)
        grown = sorted(key for key in after if after[key] > before[key] - applied[key])
        per_code: Counter[str] = Counter()
        for (_, code), count in applied.items():
            per_code[code] += count
    print(f"\n## {name} ({' '.join(flags)})\n")
    print(f"- findings before: {sum(before.values())}; after: {sum(after.values())}")
    codes = ", ".join(f"{code} {count}" for code, count in sorted(per_code.items())) or "none"
    print(f"- fixes applied: {sum(per_code.values())} ({codes})")
    print(f"- files changed: {len(changed)}; still parsing: {len(changed) - len(broken)}")
    print(f"- fixes refused: {len(refused)}; did not converge: {len(unconverged)}")
    for line in refused + unconverged:
        print(f"  - {line}")
    print(f"- second run changed: {len(unstable)} files; (file, rule) pairs with more findings: {len(grown)}")
    print(f"- wall time: check {check_seconds:.2f} s, check --fix {fix_seconds:.2f} s")
    for label, items in (("broken", broken), ("unstable", unstable), ("grown", grown)):
        for item in items[:20]:
            print(f"  {label}: {item}")
    return not (broken or unstable or grown)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", action="append", required=True, metavar="NAME=PATH")
    parser.add_argument("--safe-only", action="append", default=[], metavar="NAME", help="apply only safe fixes here")
    args = parser.parse_args()
    ok = True
    for spec in args.tree:
        name, _, path = spec.partition("=")
        ok &= measure(name, Path(path).resolve(), unsafe=name not in args.safe_only)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
