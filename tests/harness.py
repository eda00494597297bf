"""Running fixtures through the engine, flake8 and pylint, and reading their expectations.

A fixture states its expected findings as comments: ``# AGL101`` expects that
code on the comment's line; ``# AGL101:21`` also fixes the 1-based column;
several codes are separated by spaces.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tokenize
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from autogen_lint.catalog import RULES
from autogen_lint.engine import check_source
from autogen_lint.settings import Settings

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
RULE_FIXTURES = FIXTURES / "rules"
NOOP_FIXTURES = FIXTURES / "noop"
ENCODING_FIXTURES = FIXTURES / "encodings"
BROKEN_FIXTURES = FIXTURES / "broken"
MARKER = re.compile(r"^#\s*(AGL\d{3}(?::\d+)?(?:\s+AGL\d{3}(?::\d+)?)*)\s*$")


@dataclass(frozen=True, order=True)
class Hit:
    """A finding reduced to what every adapter reports: line, 1-based column, code, text."""

    line: int
    col: int
    code: str
    text: str = ""


def expectations(path: Path) -> list[tuple[int, str, int | None]]:
    """(line, code, 1-based column or None) for each marker comment of a fixture."""
    expected = []
    with tokenize.open(path) as stream:
        for token in tokenize.generate_tokens(stream.readline):
            if token.type != tokenize.COMMENT:
                continue
            match = MARKER.match(token.string)
            if not match:
                continue
            for item in match.group(1).split():
                code, _, col = item.partition(":")
                expected.append((token.start[0], code, int(col) if col else None))
    return expected


def compare(path: Path, hits: list[Hit]) -> list[str]:
    """Problems with ``hits`` against the fixture's markers (empty when they agree)."""
    remaining = Counter(expectations(path))
    problems = []
    for hit in sorted(hits):
        for key in ((hit.line, hit.code, hit.col), (hit.line, hit.code, None)):
            if remaining[key]:
                remaining[key] -= 1
                break
        else:
            problems.append(f"unexpected {hit.code} at {hit.line}:{hit.col}")
    for (line, code, col), count in sorted(remaining.items(), key=lambda item: (item[0][0], item[0][1])):
        problems += [f"missing {code} at {line}:{col or '*'}"] * count
    return problems


def engine_hits(path: Path, settings: Settings | None = None) -> list[Hit]:
    result = check_source(path.read_bytes(), settings or Settings(), filename=str(path))
    assert result.error is None, result.error
    return [Hit(f.line, f.col + 1, f.code, f.text) for f in result.findings]


def run_flake8(
    paths: list[Path], *extra: str, cwd: Path | None = None, host_may_crash: bool = False
) -> dict[Path, list[Hit]]:
    """Run a real flake8 process; hits per resolved path.

    A traceback fails the run, unless ``host_may_crash`` allows flake8 itself to crash on
    hostile input (as flake8 does on null bytes under Python 3.10); one passing through
    autogen-lint's code always fails it.
    """
    fmt = "%(path)s\t%(row)d\t%(col)d\t%(code)s\t%(text)s"
    args = [sys.executable, "-m", "flake8", "--isolated", "--select", "AGL", f"--format={fmt}", *extra]
    process = subprocess.run([*args, *map(str, paths)], capture_output=True, text=True, cwd=cwd, check=False)
    assert "autogen_lint" not in process.stderr, process.stderr
    if not host_may_crash:
        assert process.returncode in (0, 1), process.stderr
        assert "Traceback" not in process.stderr, process.stderr
    hits: dict[Path, list[Hit]] = {}
    for line in process.stdout.splitlines():
        path, row, col, code, text = line.split("\t", 4)
        hits.setdefault(Path(cwd or ".", path).resolve(), []).append(Hit(int(row), int(col), code, text))
    return hits


def run_pylint(
    paths: list[Path], *extra: str, cwd: Path | None = None, rcfile: Path | None = None
) -> dict[Path, list[Hit]]:
    """Run a real pylint process with the plugin loaded; hits per resolved path.

    Message ids and symbols are checked against the catalog on the way.
    """
    template = "{abspath}\t{line}\t{column}\t{msg_id}\t{symbol}\t{msg}"
    args = [
        sys.executable,
        "-m",
        "pylint",
        f"--rcfile={rcfile or TESTS / 'data' / 'empty_pylintrc'}",
        "--load-plugins=autogen_lint.pylint_plugin",
        "--disable=all",
        "--enable=autogen-lint",
        "--score=n",
        "--persistent=n",
        f"--msg-template={template}",
        *extra,
    ]
    process = subprocess.run([*args, *map(str, paths)], capture_output=True, text=True, cwd=cwd, check=False)
    assert "Traceback" not in process.stderr + process.stdout, process.stderr + process.stdout
    by_id = {rule.pylint_id: rule for rule in RULES.values()}
    hits: dict[Path, list[Hit]] = {}
    for line in process.stdout.splitlines():
        if line.startswith("*" * 13):
            continue
        path, row, col, msg_id, symbol, message = line.split("\t", 5)
        rule = by_id.get(msg_id)
        if rule is None:  # pylint's own messages, such as syntax-error
            continue
        assert symbol == rule.symbol, line
        code, _, text = message.partition(" ")
        assert code == rule.code, line
        hits.setdefault(Path(path).resolve(), []).append(Hit(int(row), int(col) + 1, code, text))
    return hits


def fixture_files() -> list[Path]:
    return sorted(p for d in (RULE_FIXTURES, NOOP_FIXTURES, ENCODING_FIXTURES) for p in d.glob("*.py"))
