"""The ``server`` subcommand: start the language server on stdio."""

from __future__ import annotations

import argparse
import sys

INSTALL_HINT = "the language server needs the `server` extra: pip install 'autogen-lint[server]'"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--stdio", action="store_true", help="talk over stdin and stdout (the default and only transport)"
    )


def run(args: argparse.Namespace) -> int:
    try:
        from autogen_lint.server.app import serve
    except ImportError as error:
        if error.name not in ("pygls", "lsprotocol", "cattrs", "attrs") and not str(error.name).startswith(
            ("pygls.", "lsprotocol.")
        ):
            raise
        print(f"autogen-lint: error: {INSTALL_HINT}", file=sys.stderr)
        return 2
    return serve()
