"""The project's own promises: generated docs are current, README and CI agree, examples show findings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from harness import run_flake8

from autogen_lint.catalog import get_rule, iter_rules
from autogen_lint.docs import render_all, render_rule

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_generated_rule_docs_are_current() -> None:
    """``python -m autogen_lint.docs docs/rules`` has been run after the last catalog change."""
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "rules").glob("*.md")}
    assert committed == render_all()


def test_rule_page_has_ruff_shape() -> None:
    page = render_rule(get_rule("AGL201"))
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings == [
        "What it does",
        "Why is this bad?",
        "Example (v0.2)",
        "Use instead (v0.4)",
        "Fix",
        "Migration guide",
    ]
    assert "#assistant-agent" in page and "#user-proxy" in page


def test_agl101_page_has_the_full_mapping() -> None:
    page = render_rule(get_rule("AGL101"))
    assert "| `autogen.AssistantAgent` | `autogen_agentchat.agents.AssistantAgent`" in page


def test_readme_opens_with_the_two_setup_commands_that_ci_runs() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    demo, tests = commands
    assert "flake8 --select AGL examples/" in demo and "autogen-lint check examples/" in demo
    assert "pytest" in tests
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_bundled_examples_show_the_headline_rules() -> None:
    examples = sorted((ROOT / "examples").glob("*.py"))
    hits = run_flake8(examples)
    codes = {hit.code for path_hits in hits.values() for hit in path_hits}
    assert {"AGL101", "AGL201", "AGL301", "AGL401", "AGL701", "AGL702"} <= codes


def test_bundled_examples_through_the_command() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("autogen-lint")), "check", "--format=json", "examples"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    records = json.loads(result.stdout)
    assert {r["path"] for r in records} == {
        "examples/requirements.txt",
        "examples/v02_group_chat.ipynb",
        "examples/v02_two_agent_chat.py",
        "examples/v04_half_migrated.py",
    }
    assert {"AGL103", "AGL601"} <= {r["code"] for r in records}


def test_docs_module_writes_the_pages(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "autogen_lint.docs", str(tmp_path)], check=True)
    assert {p.name for p in tmp_path.iterdir()} == set(render_all())


def test_site_navigation_lists_every_page() -> None:
    """mkdocs.yml's nav has every page of docs/, and the rule pages in catalog order."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    in_nav = re.findall(r"^\s*- (?:[^:\n]+: )?([\w/.-]+\.md)\s*$", config, re.M)
    pages = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    assert sorted(in_nav) == pages
    rules = [page for page in in_nav if re.fullmatch(r"rules/AGL\d{3}\.md", page)]
    assert rules == [f"rules/{rule.code}.md" for rule in iter_rules()]


def test_readme_example_output_is_what_the_command_prints() -> None:
    """The README shows findings in the default (``full``) format, as ``autogen-lint check examples/`` prints them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```text\n(.*?)```", readme, re.S)
    assert example is not None
    command = [str(Path(sys.executable).with_name("autogen-lint")), "check", "--no-cache", "examples/"]
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    printed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, env=env).stdout
    shown = [block for block in example.group(1).split("\n\n") if block.strip() != "..."]
    assert len(shown) >= 3 and "  = help: " in shown[0] and "^^^" in shown[0]
    for block in shown:
        assert block.strip("\n") in printed
    assert printed.endswith(shown[-1])


OUTPUT_PAGES = ROOT / "docs" / "output"
DEMO = {
    "app.py": (
        'from autogen import AssistantAgent\nassistant = AssistantAgent("assistant", llm_config={"model": "gpt-4o"})\n'
    ),
    "requirements.txt": "pyautogen==0.2.35\n",
}


def test_output_pages_show_what_the_command_prints(tmp_path: Path) -> None:
    """Each format's page (``docs/output/FORMAT.md``) shows that format's output on the example files."""
    from autogen_lint.output import FORMATS

    index = (OUTPUT_PAGES / "index.md").read_text(encoding="utf-8")
    for name, content in DEMO.items():
        assert f"# {name}\n{content}" in index
        (tmp_path / name).write_text(content, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    shown = 0
    for fmt in FORMATS:
        page = (OUTPUT_PAGES / f"{fmt}.md").read_text(encoding="utf-8")
        example = re.search(rf"```text\n\$ autogen-lint check --output-format {fmt}\n(.*?)```", page, re.S)
        if fmt == "sarif":  # the page shows one result, not the whole document with its rule table
            assert example is None and '"deletedRegion"' in page
            continue
        assert example is not None, fmt
        command = [str(Path(sys.executable).with_name("autogen-lint")), "check", "--no-cache", "--output-format", fmt]
        printed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False, env=env)
        assert example.group(1) == printed.stdout, fmt
        shown += 1
    assert shown == len(FORMATS) - 1


def test_fixes_page_lists_every_rule_that_edits_code() -> None:
    """docs/usage/fixes.md's table names each rule whose fix edits code, with the catalog's grade."""
    from autogen_lint.catalog import iter_rules
    from autogen_lint.findings import Applicability

    page = (ROOT / "docs" / "usage" / "fixes.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| \[(AGL\d{3})\]\(\.\./rules/AGL\d{3}\.md\) \| .+ \| ([a-z-]+) \|$", page, re.M))
    fixing = {
        rule.code: rule.fix.applicability.value
        for rule in iter_rules()
        if rule.fix is not None and rule.fix.applicability is not Applicability.DISPLAY_ONLY
    }
    assert listed == fixing


SHARED = re.compile(r"<!-- shared with [^>]*: where it runs -->\n(.*?)<!-- end of the shared part -->", re.S)


def test_docs_index_shares_the_readmes_where_it_runs_table() -> None:
    """One table of surfaces, installs and commands in both places (docs links without ``docs/``)."""
    readme = SHARED.search((ROOT / "README.md").read_text(encoding="utf-8"))
    index = SHARED.search((ROOT / "docs" / "index.md").read_text(encoding="utf-8"))
    assert readme is not None and index is not None
    assert index.group(1) == readme.group(1).replace("](docs/", "]("), "copy README.md's table into docs/index.md"
    table = readme.group(1)
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for extra in set(extras) - {"test", "dev"}:
        assert f"pip install 'autogen-lint[{extra}]'" in table, extra
    commands = re.findall(r"`autogen-lint (\w+)", table)
    assert {"check", "report", "migrate", "server"} <= set(commands)
    executable = str(Path(sys.executable).with_name("autogen-lint"))
    for command in set(commands):  # each command the table names is one the installed command has
        result = subprocess.run([executable, command, "--help"], capture_output=True, text=True, check=False)
        assert result.returncode == 0 and result.stdout.startswith(f"usage: autogen-lint {command}"), command
