"""Run ``autogen-lint migrate`` over a copy of real v0.2 code and check what it wrote.

    python benchmarks/migrate.py [--corpus /work/corpus/v02] [--reasons 12]

The corpus (by default microsoft/autogen branch ``0.2``: ``notebook/``, ``samples/``, ``test/``)
is copied to a temporary directory; the original is never written. Then:

1. ``autogen-lint migrate .`` rewrites the copy (timed): files migrated fully, partly (with
   TODO comments) or left unchanged, and why;
2. every rewritten Python file and notebook cell must compile (cells with top-level ``await``);
3. a second ``autogen-lint migrate .`` must change no byte;
4. no AGL1xx-AGL6xx finding may stand on a line the codemod wrote, except on statements it
   kept under a ``# TODO(autogen-lint ...)`` comment.

Prints the counts and the top refusal reasons; exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from autogen_lint.engine import check_source
from autogen_lint.fix.apply import python_error
from autogen_lint.fix.files import code_cells
from autogen_lint.migrate.driver import kind_of_reason
from autogen_lint.notebooks import python_lines

COMMAND = str(Path(sys.executable).with_name("autogen-lint"))
REWRITTEN = ("AGL1", "AGL2", "AGL3", "AGL4", "AGL5", "AGL6")
_MIGRATED = re.compile(r"^Migrated (?P<path>.+?)(?: \((?P<todos>\d+) TODOs?\))?$")
_LEFT = re.compile(r"^(?P<path>.+?): left unchanged: (?P<reason>.+)$")


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def sources(path: str, raw: bytes) -> dict[int, str]:
    """The Python text of a file (key 0) or of each notebook code cell (IPython lines blanked)."""
    if path.endswith(".ipynb"):
        cells = code_cells(json.loads(raw.decode("utf-8-sig")))
        return {i: "\n".join(python_lines(s.splitlines())) for i, s in cells.items()}
    return {0: raw.decode("utf-8-sig")}


def written_lines(old: str, new: str) -> set[int]:
    """1-based lines of ``new`` that are not lines of ``old``."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    return {j + 1 for tag, _, _, j1, j2 in matcher.get_opcodes() if tag != "equal" for j in range(j1, j2)}


def under_todo(text: str, line: int) -> bool:
    """Whether ``line`` is inside a statement the codemod kept with a TODO comment above it."""
    lines = text.splitlines()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.stmt) and node.lineno <= line <= (node.end_lineno or node.lineno):
            above = node.lineno - 2
            while above >= 0 and lines[above].lstrip().startswith("#"):
                if "# TODO(autogen-lint " in lines[above]:
                    return True
                above -= 1
    return False


def check_outputs(before: dict[str, bytes], after: dict[str, bytes], changed: list[str]) -> tuple[list[str], int]:
    """Failures (a file that does not compile, a v0.2 finding on a written line) and that count."""
    failures: list[str] = []
    outside = 0
    for path in changed:
        old, new = sources(path, before[path]), sources(path, after[path])
        for cell, text in new.items():
            error = python_error(text, top_level_await=path.endswith(".ipynb"))
            if error is not None:
                failures.append(f"{path} cell {cell}: {error}")
                continue
            written = written_lines(old.get(cell, ""), text)
            for finding in check_source(text).findings:
                wrote = finding.code.startswith(REWRITTEN) and finding.line in written
                if wrote and not under_todo(text, finding.line):
                    outside += 1
                    failures.append(f"{path}:{cell}:{finding.line}: {finding.code} on a rewritten line")
    return failures, outside


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpus/v02"))
    parser.add_argument("--reasons", type=int, default=12, help="how many refusal reasons to list")
    args = parser.parse_args()
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "corpus"
        shutil.copytree(args.corpus, root)
        before = snapshot(root)
        start = time.perf_counter()
        first = subprocess.run([COMMAND, "migrate", "."], cwd=root, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if first.returncode != 0 or "Traceback" in first.stdout + first.stderr:
            failures.append(f"the first run failed: {first.stderr[-2000:]}")
        after = snapshot(root)
        migrated: dict[str, int] = {}
        reasons: Counter[str] = Counter()
        for line in first.stdout.splitlines():
            if match := _MIGRATED.match(line):
                migrated[match["path"]] = int(match["todos"] or 0)
            elif match := _LEFT.match(line):
                reasons[kind_of_reason(match["reason"])] += 1
        changed = sorted(path for path in after if after[path] != before.get(path))
        if sorted(migrated) != changed:
            failures.append(f"reported {sorted(migrated)} but changed {changed}")
        found, outside = check_outputs(before, after, changed)
        failures += found
        second = subprocess.run([COMMAND, "migrate", "."], cwd=root, capture_output=True, text=True, check=False)
        settled = snapshot(root) == after
        if not settled:
            failures.append("the second run changed files")
    notebooks = [p for p in before if p.endswith(".ipynb")]
    python = [p for p in before if p.endswith((".py", ".pyi"))]
    full = sum(1 for todos in migrated.values() if todos == 0)
    print(f"corpus: {args.corpus} ({len(python)} Python files, {len(notebooks)} notebooks)")
    print(f"first run: {seconds:.1f} s; {first.stdout.splitlines()[-1] if first.stdout else ''}")
    print(f"migrated fully: {full} ({sum(1 for p in migrated if p.endswith('.ipynb') and not migrated[p])} notebooks)")
    print(f"migrated partly: {len(migrated) - full} with {sum(migrated.values())} TODOs")
    total = len(python) + len(notebooks)
    left = total - len(migrated)
    print(f"left unchanged: {left} ({left - sum(reasons.values())} without an `autogen` import)")
    for reason, count in reasons.most_common(args.reasons):
        print(f"  {count:4d}  {reason}")
    print(f"every output compiles: {'yes' if not any('cell' in f for f in failures) else 'no'}")
    print(f"second run changes nothing: {'yes' if settled else 'no'} ({second.stdout.splitlines()[-1]})")
    print(f"AGL1xx-AGL6xx on rewritten lines (outside TODO statements): {outside}")
    for failure in failures:
        print(f"FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
