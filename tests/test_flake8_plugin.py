"""The flake8 plugin as flake8 users drive it: noqa, select/ignore, options, config files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from textwrap import dedent

from harness import NOOP_FIXTURES, run_flake8

from autogen_lint import __version__
from autogen_lint.settings import DEFAULT_GUIDE_URL

SOURCE = dedent("""\
    from autogen import AssistantAgent
    a = AssistantAgent("a", llm_config={})
    b = AssistantAgent("b", llm_config={})  # noqa
    c = AssistantAgent("c", llm_config={})  # noqa: AGL201
    d = AssistantAgent("d", llm_config={})  # noqa: E501
    e = AssistantAgent("e", llm_config={})  # noqa: AGL2
    f = AssistantAgent("f", llm_config={})  # noqa:AGL101,AGL201
""")


def lint(tmp_path: Path, *args: str, source: str = SOURCE) -> list[tuple[int, str]]:
    path = tmp_path / "module.py"
    path.write_text(source)
    hits = run_flake8([path], *args).get(path.resolve(), [])
    return [(hit.line, hit.code) for hit in hits]


def test_noqa_as_flake8_users_expect(tmp_path: Path) -> None:
    assert lint(tmp_path) == [(1, "AGL101"), (2, "AGL201"), (5, "AGL201")]


def test_disable_noqa(tmp_path: Path) -> None:
    assert len(lint(tmp_path, "--disable-noqa")) == 7


def test_select_and_ignore(tmp_path: Path) -> None:
    assert lint(tmp_path, "--select=AGL1") == [(1, "AGL101")]
    assert lint(tmp_path, "--select=AGL", "--ignore=AGL101") == [(2, "AGL201"), (5, "AGL201")]
    assert lint(tmp_path, "--select=AGL", "--extend-ignore=AGL2") == [(1, "AGL101")]


def test_plugin_is_enabled_by_default(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text("import autogen\n")
    process = subprocess.run(
        [sys.executable, "-m", "flake8", "--isolated", str(path)], capture_output=True, text=True, check=False
    )
    assert "AGL101" in process.stdout


def test_registered_under_its_name_and_version() -> None:
    process = subprocess.run([sys.executable, "-m", "flake8", "--version"], capture_output=True, text=True, check=True)
    assert f"autogen-lint: {__version__}" in process.stdout


def test_message_ends_with_the_guide_link(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text("from autogen import GroupChat\n")
    [hit] = run_flake8([path])[path.resolve()]
    assert hit.text.endswith(f"; see {DEFAULT_GUIDE_URL}#group-chat")
    assert "autogen_agentchat.teams" in hit.text


def test_guide_url_option(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text("from autogen import GroupChat\n")
    [hit] = run_flake8([path], "--autogen-guide-url=https://mirror.example/guide.html")[path.resolve()]
    assert hit.text.endswith("; see https://mirror.example/guide.html#group-chat")


def test_guide_url_from_a_config_file(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[flake8]\nautogen-guide-url = https://intranet.example/migrate\n")
    path = tmp_path / "module.py"
    path.write_text("import autogen\n")
    process = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=AGL", "module.py"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert "see https://intranet.example/migrate#whats-in-this-guide" in process.stdout


def test_compat_shims_are_spared_unless_asked_for() -> None:
    path = NOOP_FIXTURES / "compat_shim.py"
    assert run_flake8([path]) == {}
    hits = run_flake8([path], "--autogen-flag-compat-shims")[path.resolve()]
    assert [(hit.line, hit.code) for hit in hits] == [(6, "AGL101"), (9, "AGL101"), (17, "AGL101")]


def test_guide_url_from_pyproject_when_flake8_has_none(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.autogen-lint]\nguide-url = "https://mirror.example/guide"\n')
    (tmp_path / "module.py").write_text("import autogen\n")
    [hit] = run_flake8([tmp_path / "module.py"], cwd=tmp_path)[(tmp_path / "module.py").resolve()]
    assert hit.text.endswith("; see https://mirror.example/guide#whats-in-this-guide")
    # flake8's own option wins.
    [hit] = run_flake8([tmp_path / "module.py"], "--autogen-guide-url=https://other.example/g", cwd=tmp_path)[
        (tmp_path / "module.py").resolve()
    ]
    assert hit.text.endswith("; see https://other.example/g#whats-in-this-guide")
