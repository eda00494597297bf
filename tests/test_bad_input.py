"""Hostile input: the engine reports why it cannot check a file; the plugins never raise."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from harness import BROKEN_FIXTURES, run_flake8, run_pylint

from autogen_lint.engine import check_source, check_tree
from autogen_lint.flake8_plugin import AutogenLintChecker
from autogen_lint.source import ParsedSource, parse

BROKEN = sorted(BROKEN_FIXTURES.glob("*.py"))


@pytest.mark.parametrize(
    ("name", "reason", "line"),
    [
        ("null_bytes.py", "null bytes", 1),
        ("undecodable.py", "cannot decode as utf-8", 2),
        ("unknown_cookie.py", "unknown encoding: no-such-codec", 1),
        ("syntax_error.py", "was never closed", 1),
        ("deep_parentheses.py", "too many nested parentheses", 2),
        ("deep_indentation.py", "too many levels of indentation", 102),
    ],
)
def test_engine_explains_what_it_cannot_read(name: str, reason: str, line: int) -> None:
    result = check_source((BROKEN_FIXTURES / name).read_bytes())
    assert result.findings == []
    assert result.error is not None
    assert reason in result.error.reason
    assert result.error.line == line


def test_ten_thousand_deep_expression() -> None:
    """Python 3.11+ refuses to build this tree; 3.10 builds it, and then it is walked."""
    source = "import autogen\nx = " + " + ".join(["a"] * 10_000) + "\n"
    result = check_source(source)
    if result.error is not None:
        assert "nested" in result.error.reason
    else:
        assert [f.code for f in result.findings] == ["AGL101"]


def test_deep_tree_is_walked_without_recursion() -> None:
    """The deepest tree ``ast`` builds is walked with only a few frames of stack to spare."""
    source = "import autogen\nx = autogen" + ".attr" * 1000 + " + b" * 800 + "\n"
    parsed = parse(source)
    assert isinstance(parsed, ParsedSource), parsed
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 60)
    try:
        findings = check_tree(parsed.tree, lines=parsed.lines)
    finally:
        sys.setrecursionlimit(limit)
    assert [f.code for f in findings] == ["AGL101"]


def test_flake8_adapter_survives_a_deep_tree() -> None:
    source = "import autogen\nx = " + " + ".join(["a"] * 2000) + "\n"
    tree = ast.parse(source)
    results = list(AutogenLintChecker(tree, source.splitlines(keepends=True)).run())
    assert [message.split()[0] for _, _, message, _ in results] == ["AGL101"]


def test_strings_without_the_trigger_are_not_parsed() -> None:
    assert check_source("this is not python (((").error is None
    assert check_source(b"\x00\xff not python").error is None


# flake8 reads undecodable files as Latin-1 and then runs its plugins on them.
FLAKE8_DECODES = {"undecodable.py": [(1, "AGL101")], "unknown_cookie.py": [(2, "AGL101")]}


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_flake8_process_reports_no_plugin_traceback(path: Path) -> None:
    """No traceback goes through our code; flake8's own failures on these files are its business."""
    hits = run_flake8([path], host_may_crash=True).get(path.resolve(), [])
    assert [(hit.line, hit.code) for hit in hits] == FLAKE8_DECODES.get(path.name, [])


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_pylint_process_reports_no_plugin_traceback(path: Path) -> None:
    """pylint reports the file itself (syntax-error); ``run_pylint`` fails on a traceback."""
    assert run_pylint([path]) == {}


@pytest.mark.parametrize("tool", ["flake8", "pylint"])
def test_ten_thousand_deep_file_never_reaches_the_plugin_traceback(tool: str, tmp_path: Path) -> None:
    """flake8 and pylint fail to parse this file themselves; nothing of ours may be in the failure."""
    path = tmp_path / "deep.py"
    path.write_text("import autogen\nx = " + "+".join(["a"] * 10_000) + "\n")
    if tool == "flake8":
        args = [sys.executable, "-m", "flake8", "--isolated", "--select=AGL", str(path)]
    else:
        args = [sys.executable, "-m", "pylint", "--load-plugins=autogen_lint.pylint_plugin", str(path)]
    process = subprocess.run(args, capture_output=True, text=True, check=False, timeout=120)
    assert "autogen_lint" not in process.stdout + process.stderr
