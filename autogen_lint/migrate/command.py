"""The ``autogen-lint migrate`` subcommand."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from importlib.util import find_spec
from pathlib import Path
from typing import Any

INSTALL = "autogen-lint migrate needs libcst: pip install 'autogen-lint[migrate]' (or: pip install libcst)"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "migrate", help="rewrite AutoGen v0.2 programs into v0.4 code (files that cannot be proven stay as they are)"
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories (default: .)")
    parser.add_argument("--diff", action="store_true", help="print the changes as a unified diff; write nothing")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file would change")
    parser.add_argument("--select", action="append", metavar="CODES", help="only rewrite what these rules find")
    parser.add_argument("--ignore", action="append", metavar="CODES", help="leave what these rules find as it is")
    parser.add_argument("--config", type=Path, metavar="FILE", help="use this pyproject.toml")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument("--guide-url", metavar="URL", help="base URL of the migration guide in TODO links")


def run(args: argparse.Namespace) -> int:
    if find_spec("libcst") is None:
        print(INSTALL, file=sys.stderr)
        return 2
    from autogen_lint import config as configuration

    try:
        config = _config(args, configuration)
    except configuration.ConfigError as error:
        print(f"autogen-lint: error: {error}", file=sys.stderr)
        return 2
    from autogen_lint.discovery import Kind, find_files
    from autogen_lint.migrate.driver import closing_note, migrate_file

    found = find_files(args.paths or [Path(".")], config.exclusions, config.root)
    items = [item for item in found if item.kind in (Kind.PYTHON, Kind.NOTEBOOK)]
    write = not (args.diff or args.check)
    results = []
    for item in items:
        result = migrate_file(item, config, write=write)
        results.append(result)
        if args.diff:
            sys.stdout.write(result.diff)
        if result.status == "unchanged":
            if result.reason != "no `autogen` import":
                print(f"{result.path}: left unchanged: {result.reason}")
        else:
            verb = "Migrated" if write else "Would migrate"
            todos = f" ({result.todos} TODO{'s' if result.todos != 1 else ''})" if result.todos else ""
            print(f"{verb} {result.path}{todos}")
    print(closing_note(results))
    return 1 if args.check and any(r.status != "unchanged" for r in results) else 0


def _config(args: argparse.Namespace, configuration: Any) -> Any:
    if args.isolated:
        config = configuration.Config()
    elif args.config is not None:
        config = configuration.load(args.config.resolve())
    else:
        found = configuration.find_pyproject(Path.cwd())
        config = configuration.load(found) if found else configuration.Config()
    changes: dict[str, Any] = {}
    for name in ("select", "ignore"):
        values = getattr(args, name)
        if values is not None:
            parts = [part.strip() for value in values for part in value.split(",") if part.strip()]
            changes[name] = configuration.selectors(parts)
    if args.guide_url is not None:
        changes["guide_url"] = args.guide_url
    return replace(config, **changes)
