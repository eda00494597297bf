"""Accuracy of autogen-lint on real AutoGen code (run on demand, not in CI).

Recall: a plain AST walk of its own counts the unambiguous v0.2 sites in the v0.2
branch's ``notebook/``, ``samples/`` and ``test/`` Python files and notebooks (imports
from ``autogen``, ``llm_config=`` keywords, ``.initiate_chat(`` calls,
``register_function(`` calls, ``GroupChat(``/``GroupChatManager(`` from ``autogen``)
and checks that flake8 with the plugin (Python files) and the ``autogen-lint`` command
(Python files and notebooks) report each of them, at the same position.

False positives: flake8 with the plugin and ``autogen-lint check`` over the v0.4 tree
(HEAD ``python/``) must report no AGL1xx-AGL6xx finding; every AGL7xx finding there
is listed for reading by hand.

    python benchmarks/accuracy.py --git-dir PATH/TO/autogen.git
    python benchmarks/accuracy.py --v02-dir DIR --v04-dir DIR

``--git-dir`` takes a clone (or bare repository) of microsoft/autogen and extracts branch
``0.2`` and ``HEAD:python`` into a temporary directory.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

V02_FOLDERS = ("notebook", "samples", "test")
SITE_CODES: dict[str, frozenset[str]] = {
    "import from autogen": frozenset({"AGL101", "AGL102"}),
    "llm_config=": frozenset({"AGL201"}),
    ".initiate_chat(": frozenset({"AGL301"}),
    "register_function(": frozenset({"AGL401"}),
    "GroupChat(/GroupChatManager(": frozenset({"AGL601"}),
}
TARGET_RECALL = 0.98


@dataclass(frozen=True, order=True)
class Site:
    path: str
    line: int
    col: int  # 1-based, as flake8 prints it
    kind: str
    cell: int = 0  # notebooks: 1-based cell, and ``line`` counts from the cell's start


@dataclass(frozen=True, order=True)
class Reported:
    path: str
    line: int
    col: int
    code: str
    message: str
    cell: int = 0


def _is_autogen(module: str | None) -> bool:
    return module is not None and (module == "autogen" or module.startswith("autogen."))


def sites_in(path: str, tree: ast.Module) -> Iterator[Site]:
    """The unambiguous v0.2 sites of one module (independent of the linter's own model)."""
    from_autogen: set[str] = set()  # local names imported from autogen
    modules: set[str] = set()  # local names bound to the autogen package itself
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_autogen(alias.name):
                    modules.add(alias.asname or "autogen")
                    yield Site(path, alias.lineno, alias.col_offset + 1, "import from autogen")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _is_autogen(node.module):
            for alias in node.names:
                from_autogen.add(alias.asname or alias.name)
                yield Site(path, alias.lineno, alias.col_offset + 1, "import from autogen")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        position = (node.lineno, node.col_offset + 1)
        for keyword in node.keywords:
            if keyword.arg == "llm_config":
                yield Site(path, keyword.lineno, keyword.col_offset + 1, "llm_config=")
        if isinstance(func, ast.Attribute) and func.attr in ("initiate_chat", "a_initiate_chat"):
            yield Site(path, *position, ".initiate_chat(")
        name = func.id if isinstance(func, ast.Name) else None
        attr_on_module = (
            func.attr
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in modules
            else None
        )
        if (name == "register_function" and name in from_autogen) or (
            isinstance(func, ast.Attribute) and func.attr == "register_function"
        ):
            yield Site(path, *position, "register_function(")
        if (name in ("GroupChat", "GroupChatManager") and name in from_autogen) or attr_on_module in (
            "GroupChat",
            "GroupChatManager",
        ):
            yield Site(path, *position, "GroupChat(/GroupChatManager(")


def notebook_module(raw: bytes) -> tuple[str, list[tuple[int, int]]]:
    """Code cells joined, IPython lines dropped; and (cell, first module line) per cell."""
    cells = json.loads(raw)["cells"]
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    line = 1
    for index, cell in enumerate(cells, start=1):
        if cell.get("cell_type") != "code":
            continue
        source = cell["source"]
        lines = ("".join(source) if isinstance(source, list) else source).split("\n")
        if lines and lines[0].startswith("%%"):
            lines = [""] * len(lines)
        lines = ["" if text.lstrip().startswith(("%", "!")) else text for text in lines]
        starts.append((index, line))
        parts.extend(lines)
        line += len(lines)
    return "\n".join(parts), starts


def ground_truth(root: Path, notebooks: bool = True) -> tuple[list[Site], list[str]]:
    sites: list[Site] = []
    unparsable: list[str] = []
    for folder in V02_FOLDERS:
        for file in sorted((root / folder).rglob("*.py")):
            relative = str(file.relative_to(root))
            try:
                tree = ast.parse(file.read_bytes(), filename=relative)
            except (SyntaxError, ValueError):
                unparsable.append(relative)
                continue
            sites.extend(sites_in(relative, tree))
        for file in sorted((root / folder).rglob("*.ipynb")) if notebooks else ():
            relative = str(file.relative_to(root))
            try:
                module, starts = notebook_module(file.read_bytes())
                tree = ast.parse(module)
            except (SyntaxError, ValueError, KeyError):
                unparsable.append(relative)
                continue
            for site in sites_in(relative, tree):
                cell, first = max((s for s in starts if s[1] <= site.line), key=lambda s: s[1])
                sites.append(Site(site.path, site.line - first + 1, site.col, site.kind, cell))
    return sites, unparsable


def run_cli(root: Path, folders: list[str], jobs: int | None = None) -> tuple[list[Reported], float]:
    command = [
        sys.executable,
        "-m",
        "autogen_lint.cli",
        "check",
        "--format=json",
        "--isolated",
        "--no-cache",
        "--ignore-noqa",
    ]
    if jobs is not None:
        command.append(f"--jobs={jobs}")
    start = time.perf_counter()
    process = subprocess.run([*command, *folders], cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"autogen-lint failed:\n{process.stderr}")
    reported = [
        Reported(str(Path(r["path"])), r["line"], r["column"], r["code"], r["message"], r["cell"] or 0)
        for r in json.loads(process.stdout)
    ]
    return reported, elapsed


def run_flake8(root: Path, folders: list[str]) -> tuple[list[Reported], float]:
    fmt = "%(path)s\t%(row)d\t%(col)d\t%(code)s\t%(text)s"
    command = [
        sys.executable,
        "-m",
        "flake8",
        "--isolated",
        "--disable-noqa",
        "--select=AGL",
        f"--format={fmt}",
        *folders,
    ]
    start = time.perf_counter()
    process = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"flake8 failed:\n{process.stderr}")
    reported = []
    for line in process.stdout.splitlines():
        path, row, col, code, text = line.split("\t", 4)
        reported.append(Reported(str(Path(path)), int(row), int(col), code, text))
    return reported, elapsed


def run_pylint(root: Path, folders: list[str]) -> tuple[list[Reported], float]:
    """The same tree through pylint with the plugin: its findings must equal flake8's."""
    files = sorted(str(p.relative_to(root)) for folder in folders for p in (root / folder).rglob("*.py"))
    template = "{path}\t{line}\t{column}\t{msg}"
    command = [
        sys.executable,
        "-m",
        "pylint",
        "--load-plugins=autogen_lint.pylint_plugin",
        "--disable=all",
        "--enable=autogen-lint",
        "--score=n",
        "--persistent=n",
        "--jobs=0",
        f"--msg-template={template}",
        *files,
    ]
    start = time.perf_counter()
    process = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    reported = []
    for line in process.stdout.splitlines():
        parts = line.split("\t", 3)
        if len(parts) == 4 and parts[3].startswith("AGL"):
            path, row, col, message = parts
            code, _, text = message.partition(" ")
            reported.append(Reported(str(Path(path)), int(row), int(col) + 1, code, text))
    return reported, elapsed


def recall_table(sites: list[Site], reported: list[Reported]) -> tuple[dict[str, tuple[int, int]], list[Site]]:
    by_position: defaultdict[tuple[str, int, int, int], set[str]] = defaultdict(set)
    for finding in reported:
        by_position[(finding.path, finding.cell, finding.line, finding.col)].add(finding.code)
    table: dict[str, tuple[int, int]] = {}
    missed: list[Site] = []
    for kind, codes in SITE_CODES.items():
        of_kind = [site for site in sites if site.kind == kind]
        found = [site for site in of_kind if by_position[(site.path, site.cell, site.line, site.col)] & codes]
        missed += [site for site in of_kind if site not in found]
        table[kind] = (len(found), len(of_kind))
    return table, missed


def extract(git_dir: Path, ref: str, paths: list[str], target: Path) -> None:
    archive = subprocess.run(
        ["git", f"--git-dir={git_dir}", "archive", "--format=tar", ref, *paths],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--git-dir", type=Path, help="a clone of microsoft/autogen")
    parser.add_argument("--v02-ref", default="0.2")
    parser.add_argument("--v04-ref", default="HEAD")
    parser.add_argument("--v02-dir", type=Path, help="a checkout of branch 0.2 (instead of --git-dir)")
    parser.add_argument("--v04-dir", type=Path, help="a checkout of HEAD (instead of --git-dir)")
    parser.add_argument("--show-misses", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--pylint", action="store_true", help="also check that pylint reports what flake8 does")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="autogen-lint-accuracy-") as scratch:
        v02_dir, v04_dir = args.v02_dir, args.v04_dir
        if args.git_dir is not None:
            v02_dir, v04_dir = Path(scratch, "v02"), Path(scratch, "v04")
            extract(args.git_dir, args.v02_ref, list(V02_FOLDERS), v02_dir)
            extract(args.git_dir, args.v04_ref, ["python"], v04_dir)
        if v02_dir is None or v04_dir is None:
            parser.error("give --git-dir, or both --v02-dir and --v04-dir")
        return report(v02_dir, v04_dir, args.show_misses, args.json, args.pylint)


def _print_table(title: str, table: dict[str, tuple[int, int]], missed: list[Site], show: int) -> float:
    found = sum(f for f, _ in table.values())
    total = sum(t for _, t in table.values())
    print(f"\n{title}")
    print(f"{'site':32} {'found':>7} {'sites':>7} {'recall':>8}")
    for kind, (hit, count) in table.items():
        print(f"{kind:32} {hit:7} {count:7} {hit / count if count else 1:8.1%}")
    overall = found / total if total else 1.0
    print(f"{'all':32} {found:7} {total:7} {overall:8.1%}")
    for site in missed[:show]:
        cell = f"cell {site.cell}:" if site.cell else ""
        print(f"  missed {site.kind}: {site.path}:{cell}{site.line}:{site.col}")
    return overall


def report(v02_dir: Path, v04_dir: Path, show_misses: int, json_path: Path | None, pylint: bool = False) -> int:
    folders = [f for f in V02_FOLDERS if (v02_dir / f).is_dir()]
    sites, unparsable = ground_truth(v02_dir)
    py_sites = [site for site in sites if not site.cell]
    print(
        f"v0.2 tree: {v02_dir}: {len(sites)} sites ({len(sites) - len(py_sites)} in notebooks); "
        f"{len(unparsable)} unparsable files skipped"
    )

    reported, flake8_seconds = run_flake8(v02_dir, folders)
    table, missed = recall_table(py_sites, reported)
    flake8_recall = _print_table(f"flake8 + plugin, Python files ({flake8_seconds:.1f} s)", table, missed, show_misses)
    per_code = Counter(f.code for f in reported)
    print("findings per code:", dict(sorted(per_code.items())))
    same_in_pylint = True
    if pylint:
        pylint_reported, pylint_seconds = run_pylint(v02_dir, folders)
        same_in_pylint = sorted(pylint_reported) == sorted(reported)
        count = len(pylint_reported)
        print(f"pylint: {count} findings in {pylint_seconds:.1f} s, identical to flake8's: {same_in_pylint}")

    cli_reported, cli_seconds = run_cli(v02_dir, folders)
    cli_table, cli_missed = recall_table(sites, cli_reported)
    title = f"autogen-lint check, Python files and notebooks ({cli_seconds:.1f} s)"
    cli_recall = _print_table(title, cli_table, cli_missed, show_misses)
    cli_codes = Counter(f.code for f in cli_reported)
    print("findings per code:", dict(sorted(cli_codes.items())))
    one_job, _ = run_cli(v02_dir, folders, jobs=1)
    same_order = one_job == cli_reported
    print(f"--jobs=1 gives the same findings in the same order: {same_order}")

    v04_reported, v04_seconds = run_flake8(v04_dir, ["python"])
    v04_cli, v04_cli_seconds = run_cli(v04_dir, ["python"])
    migration = [f for f in v04_reported if not f.code.startswith("AGL7")]
    cli_migration = [f for f in v04_cli if not f.code.startswith(("AGL7", "AGL0"))]
    mistakes = [f for f in v04_reported if f.code.startswith("AGL7")]
    notebook_mistakes = [f for f in v04_cli if f.code.startswith("AGL7") and f.cell]
    unreadable = [f for f in v04_cli if f.code.startswith("AGL0")]
    print(f"\nv0.4 tree: {v04_dir}: flake8 {v04_seconds:.1f} s, autogen-lint {v04_cli_seconds:.1f} s")
    print(f"AGL1xx-AGL6xx findings: flake8 {len(migration)}, autogen-lint {len(cli_migration)} (target 0)")
    for finding in [*migration, *cli_migration]:
        print(f"  {finding.path}:{finding.line}:{finding.col}: {finding.code} {finding.message[:100]}")
    print(f"AGL001 (unreadable) from autogen-lint: {len(unreadable)}")
    for finding in unreadable:
        print(f"  {finding.path}:{finding.line}: {finding.message[:120]}")
    print(f"AGL7xx findings: {len(mistakes)} in Python files, {len(notebook_mistakes)} in notebooks (read each)")
    for finding in [*mistakes, *notebook_mistakes]:
        cell = f"cell {finding.cell}:" if finding.cell else ""
        print(f"  {finding.path}:{cell}{finding.line}:{finding.col}: {finding.code} {finding.message.split(';')[0]}")

    if json_path is not None:
        figures = {
            "flake8": {
                "recall": {k: {"found": h, "sites": c} for k, (h, c) in table.items()},
                "seconds": flake8_seconds,
            },
            "cli": {"recall": {k: {"found": h, "sites": c} for k, (h, c) in cli_table.items()}, "seconds": cli_seconds},
            "missed": [site.__dict__ for site in [*missed, *cli_missed]],
            "v04_migration_findings": [f.__dict__ for f in [*migration, *cli_migration]],
            "v04_mistake_findings": [f.__dict__ for f in [*mistakes, *notebook_mistakes]],
            "v04_unreadable": [f.__dict__ for f in unreadable],
            "seconds": {"v04_flake8": v04_seconds, "v04_cli": v04_cli_seconds},
        }
        json_path.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    ok = (
        min(flake8_recall, cli_recall) >= TARGET_RECALL
        and not migration
        and not cli_migration
        and same_in_pylint
        and same_order
    )
    verdict = "PASS" if ok else "FAIL"
    print(
        f"\n{verdict}: recall flake8 {flake8_recall:.1%}, autogen-lint {cli_recall:.1%} "
        f"(target {TARGET_RECALL:.0%}); v0.4 AGL1xx-6xx {len(migration) + len(cli_migration)}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
