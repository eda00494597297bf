"""The ``autogen-lint migrate`` subcommand."""

from __future__ import annotations

import argparse
import sys
from importlib.util import find_spec
from pathlib import Path

INSTALL = (
    "autogen-lint migrate needs libcst and pyflakes: pip install 'autogen-lint[migrate]' "
    "(or: pip install libcst pyflakes)"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Rewrite AutoGen v0.2 programs into v0.4 code; files that cannot be proven stay as they are."
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories (default: .)")
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the changes as a unified diff; write nothing; exit 1 when a file would change",
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file would change")
    from autogen_lint.cli import add_shared_options

    add_shared_options(parser)


def run(args: argparse.Namespace) -> int:
    if find_spec("libcst") is None or find_spec("pyflakes") is None:
        print(INSTALL, file=sys.stderr)
        return 2
    from autogen_lint.cli import configure, select_files
    from autogen_lint.config import ConfigError

    try:
        config = configure(args)
    except ConfigError as error:
        print(f"autogen-lint: error: {error}", file=sys.stderr)
        return 2
    missing = [path for path in args.paths if not path.exists()]
    if missing:
        print(f"autogen-lint: error: {missing[0]}: no such file or directory", file=sys.stderr)
        return 2
    from autogen_lint.discovery import Kind
    from autogen_lint.migrate.driver import migrate_file
    from autogen_lint.migrate.summary import closing_note, file_line

    found = sorted(select_files(args, config), key=lambda item: item.path.as_posix())
    items = [item for item in found if item.kind in (Kind.PYTHON, Kind.NOTEBOOK)]
    write = not (args.diff or args.check)
    status = sys.stderr if args.diff else sys.stdout  # --diff: standard output is the patch alone
    results = []
    for item in items:
        result = migrate_file(item, config, write=write)
        results.append(result)
        if args.diff:
            sys.stdout.write(result.diff)
            sys.stdout.flush()
        line = file_line(result, write=write)
        if line is not None:
            print(line, file=status)
    print(closing_note(results, write=write), file=status)
    changed = any(r.status != "unchanged" for r in results)
    return 1 if changed and not write else 0
