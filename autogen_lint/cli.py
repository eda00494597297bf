"""The ``autogen-lint`` command: ``check``, ``rules``, ``explain``.

Exit status, as ruff's: 0 no findings, 1 findings, 2 a usage or configuration error, or a fix
that could not be applied.
Only what a subcommand needs is imported, so the command starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from autogen_lint import __version__

if TYPE_CHECKING:
    from autogen_lint.cache import ResultCache
    from autogen_lint.catalog import Rule
    from autogen_lint.config import Config
    from autogen_lint.discovery import Found
    from autogen_lint.runner import FileReport

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

# Subcommands that live in their capability's subpackage: each module has
# ``add_arguments(parser)`` and ``run(args) -> int``; both import lightly.
SUBCOMMANDS: dict[str, str] = {
    "migrate": "autogen_lint.migrate.command",
    "report": "autogen_lint.report.command",
    "server": "autogen_lint.server.command",
}
COMMANDS: dict[str, str] = {
    "check": "check files and directories (default: .)",
    "rules": "list every rule",
    "explain": "show a rule's documentation",
    "clean": "remove the result caches in and below a directory",
    "migrate": "rewrite v0.2 programs as v0.4 code, where it can prove them",
    "report": "summarise the migration: files on v0.4, work left per section",
    "server": "run the language server (LSP over stdio) for editors",
}
"""Every command and its line of help, in the order ``--help`` lists them."""


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width as ``shutil`` would (``shutil`` is not loaded for it).

    argparse makes one for every option it defines, to check its metavar.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_columns() - 2)


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: ``$COLUMNS``, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _parser(wanted: str | None = None, *, alone: bool = False) -> argparse.ArgumentParser:
    """The parser; only the ``wanted`` command's options are defined (each command's costs imports).

    Every command is known (``--help`` lists them all); ``wanted=None`` defines none's options.
    With ``alone`` (the arguments start with the ``wanted`` command, so that the top level
    neither lists the commands nor rejects one) the other commands are not defined at all.
    """
    parser = argparse.ArgumentParser(
        prog="autogen-lint",
        description="Find AutoGen v0.2 code and AutoGen v0.4 migration mistakes.",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"autogen-lint {__version__}")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for name, summary in COMMANDS.items():
        if alone and name != wanted:
            continue
        command = commands.add_parser(name, help=summary, formatter_class=_HelpFormatter)
        if name != wanted:
            continue
        if name in SUBCOMMANDS:
            _subcommand(SUBCOMMANDS[name]).add_arguments(command)
        else:
            _ARGUMENTS[name](command)
    return parser


def _check_arguments(check: argparse.ArgumentParser) -> None:
    from autogen_lint import output

    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories to check")
    check.add_argument(
        "--output-format",
        "--format",
        dest="format",
        default=output.DEFAULT,
        choices=output.FORMATS,
        metavar="FORMAT",
        help=f"how to write the findings: {', '.join(output.FORMATS)} (default: %(default)s)",
    )
    check.add_argument("--statistics", action="store_true", help="show counts per rule and per file instead")
    check.add_argument("--exit-zero", action="store_true", help="exit with 0 even when there are findings")
    check.add_argument("-o", "--output-file", type=Path, help="write the report to this file")
    check.add_argument("--ignore-noqa", action="store_true", help="report findings that # noqa comments suppress")
    check.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings not recorded in FILE")
    check.add_argument("--write-baseline", type=Path, metavar="FILE", help="record every finding in FILE and exit")
    fixing = check.add_argument_group("fixes")
    fixing.add_argument("--fix", action="store_true", default=None, help="apply safe fixes and write the files")
    fixing.add_argument("--no-fix", dest="fix", action="store_false", help="do not apply fixes (overrides `fix`)")
    fixing.add_argument(
        "--unsafe-fixes", action="store_true", default=None, help="apply unsafe fixes too (and count them fixable)"
    )
    fixing.add_argument("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false", help="only safe fixes")
    fixing.add_argument("--fix-only", action="store_true", help="apply fixes; do not report what is left")
    fixing.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    fixing.add_argument("--show-fixes", action="store_true", help="list what was fixed, per file and rule")
    fixing.add_argument("--add-noqa", action="store_true", help="add # noqa comments to every line with a finding")
    add_shared_options(check)
    add_run_options(check)


def _rules_arguments(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("--format", default="text", choices=("text", "json"))


def _explain_arguments(explain: argparse.ArgumentParser) -> None:
    explain.add_argument(
        "rule",
        metavar="RULE",
        help="a code (AGL201), pylint id (W7421) or symbol (autogen-llm-config, llm-config)",
    )


def _clean_arguments(clean: argparse.ArgumentParser) -> None:
    clean.add_argument("path", nargs="?", type=Path, default=Path("."), metavar="PATH")


_ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "check": _check_arguments,
    "rules": _rules_arguments,
    "explain": _explain_arguments,
    "clean": _clean_arguments,
}


# The options `check`, `report` and `migrate` share, defined once here and read by `configure()`.


def add_shared_options(parser: argparse.ArgumentParser) -> None:
    """Rule selection, file selection and configuration: the options every checking command takes."""
    add_rule_selection(parser)
    add_file_selection(parser)
    add_configuration(parser)


def add_rule_selection(parser: argparse.ArgumentParser) -> None:
    rules = parser.add_argument_group("rule selection")
    rules.add_argument("--select", action="append", metavar="CODES", help="only these rules (code prefixes)")
    rules.add_argument("--extend-select", action="append", metavar="CODES", help="these rules as well")
    rules.add_argument("--ignore", action="append", metavar="CODES", help="not these rules")


def add_file_selection(parser: argparse.ArgumentParser) -> None:
    files = parser.add_argument_group("file selection")
    files.add_argument("--exclude", action="append", metavar="GLOB", help="replace the default exclusions")
    files.add_argument("--extend-exclude", action="append", metavar="GLOB", help="exclude these as well")
    files.add_argument("--force-exclude", action="store_true", help="apply exclusions to paths given explicitly")
    files.add_argument("--no-respect-gitignore", action="store_true", help="also read files .gitignore ignores")


def add_configuration(parser: argparse.ArgumentParser) -> None:
    """The configuration file and the options that override it (each read by `configure()`)."""
    options = parser.add_argument_group("configuration")
    options.add_argument("--config", type=Path, metavar="FILE", help="use this pyproject.toml")
    options.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    options.add_argument("--guide-url", metavar="URL", help="base URL of the migration guide in links")
    options.add_argument("--flag-compat-shims", action="store_true", default=None, help="report v0.2 shim imports")
    options.add_argument(
        "--target",
        choices=("autogen", "agent-framework"),
        help="the migration target (default: `target` in [tool.autogen-lint], else from the dependencies)",
    )


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """How `check` and `report` run the checks (`migrate` rewrites one file at a time, uncached)."""
    running = parser.add_argument_group("running")
    running.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    running.add_argument("--jobs", "-j", type=int, metavar="N", help="processes to use (default: all cores)")


def _subcommand(module: str) -> Any:
    from importlib import import_module

    return import_module(module)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The command is the first word that is no option (the top level's options take no value).
    wanted = next((word for word in arguments if not word.startswith("-")), None)
    parser = _parser(wanted, alone=wanted in COMMANDS and arguments[0] == wanted)
    args = parser.parse_args(arguments)
    if args.command is None:  # a bare `autogen-lint`: the commands, one line each
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        if args.command == "rules":
            return _rules(args.format)
        if args.command == "explain":
            return _explain(args.rule)
        if args.command == "clean":
            return _clean(args.path)
        if args.command in SUBCOMMANDS:
            return int(_subcommand(SUBCOMMANDS[args.command]).run(args))
        from autogen_lint.runner import collector_paused  # as the workers check: nothing in a cycle

        with collector_paused():
            return _check(args)
    except BrokenPipeError:  # e.g. piped into `head`
        sys.stderr.close()
        return EXIT_CLEAN


def entry() -> NoReturn:
    """The ``autogen-lint`` command: ``main``, then exit without tearing the interpreter down.

    Everything the command writes is written (and flushed) by then; freeing the objects of a
    large run one by one would only delay the exit the caller waits for.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (BrokenPipeError, ValueError):  # a reader that went away, a stream already closed
            pass
    os._exit(code)


def _error(message: str) -> int:
    print(f"autogen-lint: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def configure(args: argparse.Namespace, *, defer_scan: bool = False) -> Config:
    """The configuration for a run: the project's (or ``--config``'s) with the options applied.

    Reads the options of ``add_shared_options`` (and ``check``'s own, where a command has them);
    ``check``, ``report`` and ``migrate`` all call it. Raises ``ConfigError``. With
    ``defer_scan``, the AG2 Classic scan of the project's code is left to the caller
    (``targets.settle``), which reads the files anyway.
    """
    from dataclasses import replace

    from autogen_lint import config as configuration

    if args.isolated:
        config = configuration.Config()
    elif args.config is not None:
        config = configuration.load(args.config.resolve())
    else:
        found = configuration.find_pyproject(Path.cwd())
        config = configuration.load(found) if found else configuration.Config()
    from autogen_lint.targets import for_migrate, resolve

    config = resolve(replace(config, **_option_changes(args)), _project_start(args), defer_scan=defer_scan)
    return for_migrate(config) if getattr(args, "command", None) == "migrate" else config


def _project_start(args: argparse.Namespace) -> Path:
    """Where the checked project is, when no configuration file says: the first PATH's directory."""
    paths = getattr(args, "paths", None) or [Path(".")]
    first = Path(paths[0]).resolve()
    return first if first.is_dir() else first.parent


def _option_changes(args: argparse.Namespace) -> dict[str, Any]:
    """The ``Config`` fields the command-line options set."""
    from autogen_lint import config as configuration

    changes: dict[str, Any] = {}
    for name in ("select", "extend_select", "ignore"):
        values = _split(getattr(args, name))
        if values is not None:
            changes[name] = configuration.selectors(values)
    for name in ("exclude", "extend_exclude"):
        values = _split(getattr(args, name))
        if values is not None:
            changes[name] = values
    if args.guide_url is not None:
        changes["guide_url"] = args.guide_url
    if args.flag_compat_shims is not None:
        changes["flag_compat_shims"] = True
    if getattr(args, "target", None) is not None:
        changes["target"] = args.target
        changes["target_source"] = "--target"
    # Options of one command only.
    if getattr(args, "ignore_noqa", False):
        changes["honour_noqa"] = False
    for name in ("fix", "unsafe_fixes"):
        if getattr(args, name, None) is not None:
            changes[name] = getattr(args, name)
    return changes


def select_files(args: argparse.Namespace, config: Config, notes: list[str] | None = None) -> Iterator[Found]:
    """The files the shared file-selection options and ``PATH`` arguments (default: ``.``) name.

    When they hold no Python file or notebook, a warning says so on standard error (as ruff's),
    or is added to ``notes`` when given (to be shown later).
    """
    from autogen_lint.discovery import iter_files

    found = iter_files(
        args.paths or [Path(".")],
        config.exclusions,
        config.root,
        force_exclude=args.force_exclude,
        respect_gitignore=not args.no_respect_gitignore,
    )
    return _warn_when_empty(found, notes)


def _warn_when_empty(found: Iterable[Found], notes: list[str] | None = None) -> Iterator[Found]:
    from autogen_lint.discovery import Kind

    any_code = False
    for item in found:
        any_code = any_code or item.kind is not Kind.DEPENDENCIES
        yield item
    if not any_code:
        warning = f"autogen-lint: warning: {NOTHING_FOUND}"
        if notes is None:
            print(warning, file=sys.stderr)
        else:
            notes.append(warning)


NOTHING_FOUND = "No Python files or notebooks found under the given path(s)"


def _check(args: argparse.Namespace) -> int:
    from autogen_lint import config as configuration
    from autogen_lint.output import HUMAN

    if args.statistics and args.format not in (*HUMAN, "json"):
        return _error(f"--statistics works with --output-format {', '.join(HUMAN)} or json")
    modes = [flag for flag in ("diff", "fix_only", "add_noqa") if getattr(args, flag)]
    if len(modes) > 1:
        return _error(" and ".join(f"--{mode.replace('_', '-')}" for mode in modes) + " cannot be combined")
    if args.jobs is not None and args.jobs < 1:
        return _error("--jobs must be at least 1")
    try:
        config = configure(args, defer_scan=True)
    except configuration.ConfigError as error:
        return _error(str(error))

    from dataclasses import replace

    from autogen_lint.ag2_scan import Scan
    from autogen_lint.runner import check_files

    fixing = bool(args.add_noqa or args.diff or args.fix_only or config.fix)
    scan = Scan.of(args, config) if not fixing else None
    if scan is None and config.decision is not None and config.decision.scan is not None:
        from autogen_lint.targets import settle

        config = replace(config, decision=settle(config.decision))  # fixing: decided before any file is read
    if scan is None and config.decision is not None:
        print(f"autogen-lint: {config.decision.reason}", file=sys.stderr)
    items = select_files(args, config, None if scan is None else scan.notes)
    if args.add_noqa:
        return _add_noqa(items, config, args.jobs)
    cache = None
    if not args.no_cache:
        from autogen_lint.cache import ResultCache

        cache = ResultCache.open(config)
    if fixing:
        return _fix(args, items, config, cache)
    records = args.format == "json" and not args.statistics  # written as the files are checked
    if scan is None:
        return _report(args, check_files(items, config, args.jobs, cache, records=records), config)
    reports = check_files(scan.recorded(items), config, args.jobs, cache, records=records)
    config, reports = scan.settle(config, reports, cache)
    return _report(args, reports, config)


def _report(args: argparse.Namespace, reports: Sequence[FileReport], config: Config, *, failed: bool = False) -> int:
    """Write the findings in the chosen format; the exit status for them."""
    if getattr(args, "write_baseline", None) is not None or getattr(args, "baseline", None) or config.baseline:
        from autogen_lint.report.baseline import gate  # only loaded when a baseline is in play

        reports, status = gate(args, reports, config)
        if status is not None:
            return status
    output = _render(args, reports, len(reports), config)
    if args.output_file is not None:
        with args.output_file.open("w", encoding="utf-8") as stream:
            stream.writelines(output)
    else:
        sys.stdout.writelines(output)
        sys.stdout.flush()
    if failed:
        return EXIT_ERROR
    found_any = any(report.has_findings for report in reports)
    return EXIT_FINDINGS if found_any and not args.exit_zero else EXIT_CLEAN


def _fix(args: argparse.Namespace, items: Iterable[Found], config: Config, cache: ResultCache | None) -> int:
    """``--fix``, ``--fix-only`` and ``--diff``: apply (or show) fixes, then report what is left."""
    from autogen_lint.fix.report import describe_failures, show_fixes
    from autogen_lint.fix.run import fix_files

    results = fix_files(items, config, args.jobs, cache, write=not args.diff)
    failures = describe_failures(results)
    for line in failures.errors + failures.warnings:
        print(f"autogen-lint: {line}", file=sys.stderr)
    fixed = sum(sum(result.applied.values()) for result in results)
    if args.diff:
        sys.stdout.write("".join(result.diff for result in results))
        sys.stdout.flush()
        print(f"Would fix {_count(fixed, 'finding')}.", file=sys.stderr)
        if failures.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if any(result.diff for result in results) else EXIT_CLEAN
    if args.show_fixes:
        summary = show_fixes(results)
    else:
        summary = f"Fixed {_count(fixed, 'finding')}.\n" if fixed or args.fix_only else ""
    from autogen_lint.output import HUMAN

    stream = sys.stdout if args.format in HUMAN and args.output_file is None else sys.stderr
    stream.write(summary)
    if args.fix_only:
        return EXIT_ERROR if failures.errors else EXIT_CLEAN
    reports = [result.report for result in results]
    return _report(args, reports, config, failed=bool(failures.errors))


def _add_noqa(items: Iterable[Found], config: Config, jobs: int | None) -> int:
    from autogen_lint.fix.run import add_noqa_files

    results = add_noqa_files(items, config, jobs)
    failed = False
    for path, result in results:
        if result.error is not None:
            failed = True
            print(f"autogen-lint: error: {path}: {result.error}", file=sys.stderr)
    added = sum(result.added for _, result in results)
    print(f"Added {_count(added, 'noqa directive')}.")
    return EXIT_ERROR if failed else EXIT_CLEAN


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _render(args: argparse.Namespace, reports: Sequence[FileReport], checked: int, config: Config) -> Iterable[str]:
    """The output, in pieces to write one after another."""
    from autogen_lint import output

    if args.statistics:
        return (output.statistics(reports, checked, as_json_output=args.format == "json"),)
    colour = args.output_file is None and _colour()
    terminal = output.Terminal(colour=colour, hyperlinks=colour and sys.stdout.isatty())
    return output.pieces(args.format, reports, checked, config, terminal)


def _colour() -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (``FORCE_COLOR`` forces it)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _rules(fmt: str) -> int:
    import json

    from autogen_lint.catalog import iter_rules
    from autogen_lint.replacements import iter_names
    from autogen_lint.settings import Settings

    settings = Settings()
    if fmt == "text":
        for rule in iter_rules():
            print(f"{rule.code}  {rule.pylint_id}  {rule.symbol:42}  {rule.summary}")
        return EXIT_CLEAN
    mappings: dict[str, dict[str, str | None]] = {}
    for name, entry in sorted(iter_names()):
        mappings.setdefault(entry.code, {})[name] = entry.v04
    records = [
        {
            "code": rule.code,
            "symbol": rule.symbol,
            "pylint_id": rule.pylint_id,
            "severity": rule.severity,
            "summary": rule.summary,
            "target": rule.target,
            "url": settings.rule_link(rule),
            **({"mapping": mappings[rule.code]} if rule.code in mappings else {}),
        }
        for rule in iter_rules()
    ]
    print(json.dumps(records, indent=2))
    return EXIT_CLEAN


def _clean(start: Path) -> int:
    from autogen_lint.cache import clean

    for removed in clean(start):
        print(f"Removed {removed}")
    return EXIT_CLEAN


def _explain(name: str) -> int:
    from autogen_lint.docs import render_rule

    rule = _rule_named(name)
    if rule is None:
        return _error(f"unknown rule {name!r} (see `autogen-lint rules`)")
    sys.stdout.write(render_rule(rule))
    return EXIT_CLEAN


def _rule_named(name: str) -> Rule | None:
    """The rule any of its names shows: code (AGL201), pylint id (W7421), symbol, or symbol without ``autogen-``."""
    from autogen_lint.catalog import iter_rules

    key = name.strip().lower()
    for rule in iter_rules():
        symbol = rule.symbol.lower()
        if key in (rule.code.lower(), rule.pylint_id.lower(), symbol, symbol.removeprefix("autogen-")):
            return rule
    return None


if __name__ == "__main__":
    entry()
