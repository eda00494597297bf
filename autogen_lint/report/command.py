"""``autogen-lint report``: how far the migration is, as HTML, GitHub Markdown or JSON.

Files are found, configured and checked exactly as ``check`` does (the same options, noqa
comments and result cache); the report is built from those findings.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autogen_lint.cache import ResultCache
    from autogen_lint.config import Config
    from autogen_lint.discovery import Found
    from autogen_lint.report.baseline import Entry
    from autogen_lint.report.model import Report

EXIT_CLEAN, EXIT_ERROR = 0, 2
FORMATS = ("html", "markdown", "json")
_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".json": "json"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Summarise the migration of the files under PATH (default: .) as a page, a GitHub job summary or JSON."
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories to report on")
    parser.add_argument(
        "--format",
        "--output-format",
        dest="format",
        choices=FORMATS,
        help="html, markdown (GitHub-flavoured) or json (default: from the -o suffix, else markdown)",
    )
    parser.add_argument("-o", "--output-file", type=Path, metavar="FILE", help="write the report to this file")
    parser.add_argument(
        "--baseline", type=Path, metavar="PREVIOUS", help="an earlier JSON report (or baseline): show what changed"
    )
    parser.add_argument("--title", help="the report's title (default: the project directory's name)")
    parser.add_argument("--ignore-noqa", action="store_true", help="count findings that # noqa comments suppress")
    from autogen_lint.cli import add_run_options, add_shared_options

    add_shared_options(parser)
    add_run_options(parser)


def output_format(args: argparse.Namespace) -> str:
    """``--format``, or the one the output file's suffix names, or Markdown."""
    if args.format:
        return str(args.format)
    if args.output_file is not None:
        return _SUFFIXES.get(args.output_file.suffix.lower(), "markdown")
    return "markdown"


def _error(message: str) -> int:
    print(f"autogen-lint: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    from autogen_lint.cli import configure, select_files
    from autogen_lint.config import ConfigError
    from autogen_lint.report.baseline import BaselineError, load

    if args.jobs is not None and args.jobs < 1:
        return _error("--jobs must be at least 1")
    try:
        config = configure(args)
    except ConfigError as error:
        return _error(str(error))
    previous = None
    if args.baseline is not None:
        try:
            previous = load(args.baseline)
        except BaselineError as error:
            return _error(str(error))

    cache = None
    if not args.no_cache:
        from autogen_lint.cache import ResultCache

        cache = ResultCache.open(config)
    report = build_report(
        args.paths or [Path(".")],
        config,
        title=args.title,
        previous=previous,
        previous_name=str(args.baseline or ""),
        jobs=args.jobs,
        cache=cache,
        found=select_files(args, config),
    )
    text = render(report, output_format(args))
    if args.output_file is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_CLEAN
    try:
        args.output_file.write_text(text, encoding="utf-8")
    except OSError as error:
        return _error(f"cannot write {args.output_file}: {error.strerror or error}")
    return EXIT_CLEAN


def build_report(
    paths: Sequence[Path],
    config: Config,
    *,
    title: str | None = None,
    previous: Sequence[Entry] | None = None,
    previous_name: str = "",
    jobs: int | None = None,
    cache: ResultCache | None = None,
    found: Iterable[Found] | None = None,
) -> Report:
    """Check the files as ``check`` does (``found``, else all under ``paths``), and build their report."""
    from autogen_lint.report.facts import collect
    from autogen_lint.report.model import build
    from autogen_lint.runner import check_files

    if found is None:
        from autogen_lint.discovery import iter_files

        found = iter_files(paths, config.exclusions, config.root)
    items = list(found)
    reports = check_files(items, config, jobs, cache)
    title = title or f"AutoGen migration report: {_name(paths, config.root)}"
    return build(title, collect(items, reports), config, previous, previous_name)


def _name(paths: Sequence[Path], root: Path) -> str:
    """What the report is about: the one directory given, else the project root."""
    where = paths[0].resolve() if len(paths) == 1 and paths[0].is_dir() else root.resolve()
    return where.name or str(where)


def render(report: Report, fmt: str) -> str:
    """The report in ``fmt`` (one of ``FORMATS``); each renderer is its own module."""
    if fmt == "html":
        from autogen_lint.report.html import render as html

        return html(report)
    if fmt == "json":
        from autogen_lint.report.json_report import render as as_json

        return as_json(report)
    from autogen_lint.report.markdown import render as markdown

    return markdown(report)
