"""Nothing the field throws at the engine and its adapters makes them raise.

Property tests generate programs from Python's grammar (hypothesmith) and put AutoGen
imports in front, so every rule really runs on them. ``AUTOGEN_LINT_FUZZ_EXAMPLES`` raises
the number of examples for a longer run on demand (the default keeps CI quick).
Then the whole standard library of the running interpreter goes through the command.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import sysconfig
import tokenize
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import EXECUTABLE

from autogen_lint.catalog import RULES
from autogen_lint.engine import check_source
from autogen_lint.flake8_plugin import AutogenLintChecker
from autogen_lint.source import ParsedSource, parse

hypothesmith = pytest.importorskip("hypothesmith")
# Generated programs make astroid and hypothesmith compile code full of SyntaxWarnings.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

EXAMPLES = int(os.environ.get("AUTOGEN_LINT_FUZZ_EXAMPLES", "60"))
PRELUDE = (
    "import autogen\n"
    "from autogen import AssistantAgent, GroupChat\n"
    "from autogen_agentchat.agents import AssistantAgent as A4\n"
    "from autogen_ext.models.openai import OpenAIChatCompletionClient\n"
)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


def _parses(source: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


programs = hypothesmith.from_grammar().map(lambda code: PRELUDE + code).filter(_parses)


@FUZZ
@given(programs)
def test_engine_never_raises(source: str) -> None:
    result = check_source(source)
    assert result.error is None
    lines = source.splitlines()
    for finding in result.findings:
        assert 1 <= finding.line <= finding.end_line <= len(lines) + 1


@FUZZ
@given(programs)
def test_flake8_adapter_never_raises(source: str) -> None:
    parsed = parse(source)
    assert isinstance(parsed, ParsedSource)
    checker = AutogenLintChecker(parsed.tree, source.splitlines(keepends=True))
    for line, col, message, _ in checker.run():
        assert line >= 1 and col >= 0 and message.startswith("AGL")


@FUZZ
@given(programs)
def test_pylint_adapter_never_raises(source: str) -> None:
    astroid = pytest.importorskip("astroid")
    from pylint.testutils import UnittestLinter

    from autogen_lint.pylint_plugin import AutogenLintChecker as PylintChecker

    try:
        module = astroid.parse(source)
    except (astroid.AstroidSyntaxError, RecursionError):
        return  # pylint reports these itself; the plugin never sees them
    linter = UnittestLinter()
    checker = PylintChecker(linter)
    checker.open()
    checker.process_module(module)
    symbols = {rule.symbol for rule in RULES.values()}
    assert all(message.msg_id in symbols for message in linter.release_messages())


@FUZZ
@given(st.binary(max_size=400).map(lambda tail: b"import autogen\n" + tail))
def test_arbitrary_bytes_never_raise(source: bytes) -> None:
    result = check_source(source)
    assert result.error is not None or all(f.code.startswith("AGL") for f in result.findings)


@FUZZ
@given(st.text(max_size=400).map(lambda tail: PRELUDE + tail))
def test_arbitrary_text_never_raises(source: str) -> None:
    check_source(source)


# The standard library


def _undecodable(root: Path) -> set[str]:
    """Files of ``root`` that Python itself cannot read as source."""
    found = set()
    for path in root.rglob("*.py"):
        if "site-packages" in path.parts:
            continue
        try:
            with tokenize.open(path) as stream:
                stream.read()
        except (SyntaxError, UnicodeDecodeError, LookupError):
            found.add(path.resolve().as_posix())
    return found


@pytest.mark.slow
def test_whole_standard_library(tmp_path: Path) -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    # The interpreter may live in a git checkout that ignores it (pyenv's does): read it anyway.
    command = [str(EXECUTABLE), "check", "--no-cache", "--isolated", "--no-respect-gitignore"]
    command += ["--extend-exclude", "site-packages", str(stdlib)]

    def lint(*options: str) -> object:
        result = subprocess.run(
            [*command, *options], capture_output=True, text=True, cwd=tmp_path, timeout=600, check=False
        )
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        return json.loads(result.stdout)

    statistics = lint("--statistics", "--format=json")
    assert isinstance(statistics, dict) and statistics["files_checked"] > 1000
    records = lint("--format=json")
    assert isinstance(records, list)
    unreadable = [r["path"] for r in records if r["code"] == "AGL001"]
    assert len(unreadable) == len(set(unreadable))  # each reported once
    assert set(unreadable) == _undecodable(stdlib)
    assert all(r["code"] == "AGL001" for r in records)  # the standard library holds no AutoGen code
    koi8 = stdlib / "test" / "encoded_modules" / "module_koi8_r.py"
    if koi8.exists():  # PEP 263 files are read like any other (ruff rejects this one)
        assert koi8.as_posix() not in unreadable


def test_pep263_koi8r_file_is_linted(tmp_path: Path) -> None:
    path = tmp_path / "legacy.py"
    path.write_bytes('# -*- coding: koi8-r -*-\n"""Модуль."""\nfrom autogen import GroupChat\n'.encode("koi8-r"))
    result = subprocess.run(
        [str(EXECUTABLE), "check", "--format=json", "--no-cache", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert [(r["line"], r["column"], r["code"]) for r in json.loads(result.stdout)] == [(3, 21, "AGL101")]


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/null as a source")
def test_special_files_are_unreadable_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("import autogen\n")
    (tmp_path / "dir.py").mkdir()
    result = subprocess.run(
        [str(EXECUTABLE), "check", "--format=json", "--no-cache", "ok.py", "dir.py"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    records = json.loads(result.stdout)
    assert [(r["path"], r["code"]) for r in records] == [("ok.py", "AGL101")]
