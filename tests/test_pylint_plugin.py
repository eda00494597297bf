"""The pylint plugin as pylint users drive it: pragmas, --disable, options, pyproject."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from textwrap import dedent

from harness import NOOP_FIXTURES, TESTS, run_pylint

from autogen_lint.catalog import iter_rules

SOURCE = dedent("""\
    from autogen import AssistantAgent
    a = AssistantAgent("a", llm_config={})
    b = AssistantAgent("b", llm_config={})  # pylint: disable=autogen-llm-config
    c = AssistantAgent("c", llm_config={})  # pylint: disable=W7421
    d = AssistantAgent("d", llm_config={})  # pylint: disable=autogen-v02-import
""")


def lint(tmp_path: Path, *args: str, source: str = SOURCE) -> list[tuple[int, str]]:
    path = tmp_path / "module.py"
    path.write_text(source)
    return [(hit.line, hit.code) for hit in run_pylint([path], *args).get(path.resolve(), [])]


def test_disable_pragmas_by_symbol_and_id(tmp_path: Path) -> None:
    assert lint(tmp_path) == [(1, "AGL101"), (2, "AGL201"), (5, "AGL201")]


def test_disable_option(tmp_path: Path) -> None:
    assert lint(tmp_path, "--disable=autogen-v02-import") == [(2, "AGL201"), (5, "AGL201")]


def test_guide_url_option(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text("from autogen import GroupChat\n")
    [hit] = run_pylint([path], "--autogen-guide-url=https://mirror.example/guide.html")[path.resolve()]
    assert hit.text.endswith("; see https://mirror.example/guide.html#group-chat")


def test_loaded_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        dedent("""\
            [tool.pylint.main]
            load-plugins = ["autogen_lint.pylint_plugin"]
            disable = ["all"]
            enable = ["autogen-lint"]

            [tool.pylint.autogen-lint]
            autogen-guide-url = "https://intranet.example/migrate"
        """)
    )
    (tmp_path / "module.py").write_text("import autogen\n")
    process = subprocess.run(
        [sys.executable, "-m", "pylint", "--score=n", "module.py"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert "W7411" in process.stdout and "(autogen-v02-import)" in process.stdout
    assert "see https://intranet.example/migrate#whats-in-this-guide" in process.stdout


def test_every_rule_is_a_pylint_message() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "pylint", "--load-plugins=autogen_lint.pylint_plugin", "--list-msgs"],
        capture_output=True,
        text=True,
        check=True,
        cwd=TESTS / "data",
    )
    for rule in iter_rules():
        assert f":{rule.symbol} ({rule.pylint_id}):" in process.stdout


def test_compat_shims_are_spared_unless_asked_for() -> None:
    path = NOOP_FIXTURES / "compat_shim.py"
    assert run_pylint([path]) == {}
    hits = run_pylint([path], "--autogen-flag-compat-shims=y")[path.resolve()]
    assert [(hit.line, hit.code) for hit in hits] == [(6, "AGL101"), (9, "AGL101"), (17, "AGL101")]


def test_guide_url_from_autogen_lint_table_when_pylint_has_none(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.autogen-lint]\nguide-url = "https://mirror.example/guide"\n')
    path = tmp_path / "module.py"
    path.write_text("import autogen\n")
    [hit] = run_pylint([path], cwd=tmp_path)[path.resolve()]
    assert hit.text.endswith("; see https://mirror.example/guide#whats-in-this-guide")
    [hit] = run_pylint([path], "--autogen-guide-url=https://other.example/g", cwd=tmp_path)[path.resolve()]
    assert hit.text.endswith("; see https://other.example/g#whats-in-this-guide")
