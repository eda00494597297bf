"""The ``autogen-lint migrate`` subcommand."""

from __future__ import annotations

import argparse
import sys
from importlib.util import find_spec
from pathlib import Path

INSTALL = "autogen-lint migrate needs libcst: pip install 'autogen-lint[migrate]' (or: pip install libcst)"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "migrate",
        help="rewrite v0.2 programs as v0.4 code, where it can prove them",
        description="Rewrite AutoGen v0.2 programs into v0.4 code; files that cannot be proven stay as they are.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories (default: .)")
    parser.add_argument("--diff", action="store_true", help="print the changes as a unified diff; write nothing")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file would change")
    from autogen_lint.cli import add_shared_options

    add_shared_options(parser)


def run(args: argparse.Namespace) -> int:
    if find_spec("libcst") is None:
        print(INSTALL, file=sys.stderr)
        return 2
    from autogen_lint.cli import configure, select_files
    from autogen_lint.config import ConfigError

    try:
        config = configure(args)
    except ConfigError as error:
        print(f"autogen-lint: error: {error}", file=sys.stderr)
        return 2
    from autogen_lint.discovery import Kind
    from autogen_lint.migrate.driver import closing_note, migrate_file

    found = sorted(select_files(args, config), key=lambda item: item.path.as_posix())
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
