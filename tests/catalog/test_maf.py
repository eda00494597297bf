"""Everything the catalog tells users to write exists in Agent Framework 1.x, and every AGL9xx name
is gone (``tox -e catalog-maf``).

Run against the current ``agent-framework-core``, ``agent-framework-openai`` and
``agent-framework-orchestrations``. Never imported at run time by autogen-lint itself.
"""

from __future__ import annotations

import ast
import asyncio
import importlib
import inspect
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("agent_framework")

import agent_framework
from agent_framework.openai import OpenAIChatClient, OpenAIChatCompletionClient

import autogen_lint
from autogen_lint.catalog import iter_rules, maf
from autogen_lint.catalog.maf import PRE_1_0, PRE_1_0_ARGUMENTS, PRE_1_0_METHODS, V04
from autogen_lint.rules.agent_framework import AGENT_KEYWORDS
from autogen_lint.rules.maf_names import AGENT_CLASSES, MESSAGE_CLASSES

PACKAGE = Path(autogen_lint.__file__).parent
MODULES = [
    PACKAGE / "catalog" / "maf.py",
    PACKAGE / "catalog" / "rules_maf.py",
    PACKAGE / "rules" / "agent_framework.py",
    PACKAGE / "rules" / "maf_names.py",
    PACKAGE / "catalog" / "__init__.py",
]
DOTTED = re.compile(r"\bagent_framework(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
BACKTICKED_CLASS = re.compile(r"`@?([A-Z][A-Za-z0-9]+)[`(.\[]")
FIXES = Path(__file__).parents[1] / "fixtures" / "fixes"
PROJECTS = Path(__file__).parents[1] / "fixtures" / "projects"
# Not Agent Framework names: AutoGen's, Python's, or words.
NOT_FRAMEWORK = {"AutoGen", "TypeError", "ImportError", "AttributeError", "None", "Console", "True"}


def _strings() -> Iterator[str]:
    """The Agent Framework destination's user-facing strings (docstrings left out)."""
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield node.value


def resolve(dotted: str) -> object:
    """Import the longest module prefix of ``dotted`` and follow the rest as attributes."""
    parts = dotted.split(".")
    for index in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:index]))
        except ModuleNotFoundError:
            continue
        for part in parts[index:]:
            target = getattr(target, part)
        return target
    raise ModuleNotFoundError(dotted)


def _gone(dotted: str) -> bool:
    try:
        resolve(dotted)
    except (AttributeError, ImportError):
        return True
    return False


ADVISED = sorted({match for text in _strings() for match in DOTTED.findall(text)} - {e.old for e in PRE_1_0})


def test_names_were_found() -> None:
    assert len(ADVISED) > 15
    assert "agent_framework.orchestrations.SequentialBuilder" in ADVISED


@pytest.mark.parametrize("dotted", ADVISED)
def test_every_advised_dotted_name_resolves(dotted: str) -> None:
    resolve(dotted)


@pytest.mark.parametrize("entry", [e for e in V04 if e.maf], ids=lambda e: e.v04)
def test_every_v04_replacement_imports_as_advised(entry: maf.MafReplacement) -> None:
    assert entry.maf is not None
    module, _, name = entry.maf.rpartition(".")
    assert getattr(importlib.import_module(module), name) is resolve(entry.maf)


def _public_names() -> set[str]:
    names: set[str] = set()
    for module in ("agent_framework", "agent_framework.openai", "agent_framework.orchestrations"):
        imported = importlib.import_module(module)
        names.update(getattr(imported, "__all__", None) or dir(imported))
    return names


def test_every_class_named_in_backticks_exists() -> None:
    """Bare class names in the Agent Framework advice are 1.x names (or the AutoGen name being replaced)."""
    v04_leaves = {entry.v04.rpartition(".")[2] for entry in V04}
    old_leaves = {entry.old.rpartition(".")[2] for entry in PRE_1_0}
    named = {match for text in _strings() for match in BACKTICKED_CLASS.findall(text)}
    unknown = sorted(named - _public_names() - v04_leaves - old_leaves - NOT_FRAMEWORK)
    assert unknown == []


@pytest.mark.parametrize("entry", PRE_1_0, ids=lambda e: e.old)
def test_every_pre_1_0_name_is_gone_and_its_replacement_exists(entry: maf.Renamed) -> None:
    assert _gone(entry.old)
    if entry.new is not None:
        resolve(entry.new)


def test_the_azure_namespace_remains_for_other_connectors() -> None:
    """AGL902 flags `AzureOpenAIChatClient`, never `agent_framework.azure` itself."""
    importlib.import_module("agent_framework.azure")
    assert _gone("agent_framework.azure.AzureOpenAIChatClient")


def _signature(target: object) -> inspect.Signature:
    return inspect.signature(target)  # type: ignore[arg-type]


def _takes(target: object, name: str) -> bool:
    parameters = _signature(target).parameters
    return name in parameters


def _takes_any_keyword(target: object) -> bool:
    return any(p.kind is inspect.Parameter.VAR_KEYWORD for p in _signature(target).parameters.values())


@pytest.mark.parametrize("member", PRE_1_0_METHODS, ids=lambda m: m.old)
def test_renamed_methods(member: maf.RenamedMember) -> None:
    owners = [OpenAIChatClient, OpenAIChatCompletionClient] if member.owners == "client" else [agent_framework.Agent]
    if member.old == "run_stream":
        owners.append(agent_framework.Workflow)
    for owner in owners:
        assert not hasattr(owner, member.old), owner
        assert hasattr(owner, member.new), owner
        if member.old in ("run_stream", "get_streaming_response"):
            assert _takes(getattr(owner, member.new), "stream")


@pytest.mark.parametrize("member", PRE_1_0_ARGUMENTS, ids=lambda m: m.old)
def test_renamed_arguments(member: maf.RenamedMember) -> None:
    """The old keyword raises `TypeError` (no such parameter, no `**kwargs`); the new one is taken."""
    targets = {
        "Agent": [agent_framework.Agent],
        "run": [agent_framework.Agent.run],
        "client": [OpenAIChatClient, OpenAIChatCompletionClient],
        "Message": [agent_framework.Message],
    }[member.owners]
    for target in targets:
        assert not _takes(target, member.old) and not _takes_any_keyword(target), target
        assert _takes(target, member.new), target


def test_the_argument_rules_know_the_classes() -> None:
    assert {leaf.rpartition(".")[2] for leaf in MESSAGE_CLASSES} == {"Message", "ChatMessage"}
    assert {"Agent", "RawAgent", "BaseAgent", "Workflow"} <= AGENT_CLASSES
    assert all(hasattr(agent_framework, name) for name in AGENT_CLASSES - {"ChatAgent", "RawChatAgent"})


# Keyword arguments the advice tells users to pass.
PARAMETERS = {
    "agent_framework.Agent": {"client", "instructions", "name", "tools", "context_providers"},
    "agent_framework.Agent.run": {"stream", "session"},
    "agent_framework.Agent.as_tool": {"name"},
    "agent_framework.Message": {"role", "contents"},
    "agent_framework.tool": {"approval_mode", "name", "description"},
    "agent_framework.WorkflowBuilder": {"start_executor"},
    "agent_framework.Workflow.run": {"stream"},
    "agent_framework.openai.OpenAIChatClient": {"model", "api_key", "azure_endpoint", "credential"},
    "agent_framework.openai.OpenAIChatCompletionClient": {"model", "api_key", "azure_endpoint", "credential"},
    "agent_framework.orchestrations.SequentialBuilder": {"participants"},
    "agent_framework.orchestrations.GroupChatBuilder": {
        "participants",
        "orchestrator_agent",
        "selection_func",
        "termination_condition",
        "max_rounds",
    },
    "agent_framework.orchestrations.HandoffBuilder": {"participants", "termination_condition"},
    "agent_framework.orchestrations.MagenticBuilder": {"participants", "manager_agent"},
}


@pytest.mark.parametrize(("dotted", "expected"), PARAMETERS.items(), ids=list(PARAMETERS))
def test_advised_keyword_arguments_exist(dotted: str, expected: set[str]) -> None:
    assert expected <= set(_signature(resolve(dotted)).parameters)


ATTRIBUTES = {
    "agent_framework.Agent": {"run", "create_session", "as_tool", "__aenter__", "__aexit__"},
    "agent_framework.AgentSession": {"to_dict", "from_dict"},
    "agent_framework.AgentResponse": {"text"},
    "agent_framework.AgentResponseUpdate": {"text"},
    "agent_framework.BaseAgent": {"create_session", "as_tool"},
    "agent_framework.Content": {"from_text", "from_uri", "from_data"},
    "agent_framework.WorkflowBuilder": {"add_edge", "build"},
    "agent_framework.Workflow": {"run", "as_agent"},
    "agent_framework.openai.OpenAIChatClient": {
        "as_agent",
        "get_response",
        "get_code_interpreter_tool",
        "get_web_search_tool",
        "get_file_search_tool",
        "get_mcp_tool",
        "__aenter__",
    },
    "agent_framework.openai.OpenAIChatCompletionClient": {"as_agent", "get_response", "__aenter__"},
    "agent_framework.orchestrations.SequentialBuilder": {"build"},
    "agent_framework.orchestrations.HandoffBuilder": {"add_handoff", "build"},
    "agent_framework.orchestrations.GroupChatBuilder": {"build"},
}


@pytest.mark.parametrize(("dotted", "expected"), ATTRIBUTES.items(), ids=list(ATTRIBUTES))
def test_advised_methods_exist(dotted: str, expected: set[str]) -> None:
    target = resolve(dotted)
    assert {name for name in expected if not hasattr(target, name)} == set()


def test_agl801_agent_keywords_are_not_agent_framework_arguments() -> None:
    """`model_client=` and `system_message=` raise `TypeError` on `Agent`; `client=` and `instructions=` do not."""
    for keyword in AGENT_KEYWORDS:
        assert not _takes(agent_framework.Agent, keyword)
    assert not _takes_any_keyword(agent_framework.Agent)


def test_agl805_no_method_takes_a_cancellation_token() -> None:
    for target in (agent_framework.Agent.run, agent_framework.Workflow.run, OpenAIChatClient.get_response):
        assert not _takes(target, "cancellation_token")


def test_agl807_the_openai_clients_close_does_nothing_and_they_are_context_managers() -> None:
    """`close()` exists on chat clients but the `agent_framework.openai` ones inherit the base's, a no-op."""
    from agent_framework import BaseChatClient

    for client in (OpenAIChatClient, OpenAIChatCompletionClient):
        assert client.close is BaseChatClient.close
        assert hasattr(client, "__aenter__") and hasattr(client, "__aexit__")

    async def closes_quietly() -> None:
        client = OpenAIChatClient(model="gpt-4o", api_key="test")
        await client.close()

    asyncio.run(closes_quietly())


def test_use_instead_examples_type_check(tmp_path: Path) -> None:
    """Every Agent Framework example the docs show type-checks against the installed packages."""
    pytest.importorskip("mypy")
    for rule in iter_rules():
        if rule.guide != "agent-framework":
            continue
        path = tmp_path / f"{rule.code.lower()}.py"
        path.write_text(rule.use_instead, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


FIXED = sorted(FIXES.glob("maf_*.fixed.py")) + sorted(PROJECTS.glob("maf_1x/*.py"))


@pytest.mark.parametrize("path", FIXED, ids=lambda p: p.name)
def test_fixed_and_1x_code_imports_and_type_checks(path: Path, tmp_path: Path) -> None:
    """What the AGL9xx fixes write, and the 1.x fixture project, run their imports and type-check."""
    pytest.importorskip("mypy")
    copy = tmp_path / path.name.replace(".", "_", path.name.count(".") - 1)
    copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    imported = subprocess.run(
        [sys.executable, "-c", f"import runpy; runpy.run_path({str(copy)!r})"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--ignore-missing-imports", "--no-error-summary", str(copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout


def test_the_pre_1_0_code_fails_on_1x(tmp_path: Path) -> None:
    """The fix pairs' inputs really break on 1.x: importing them raises `ImportError`."""
    for source in sorted(FIXES.glob("maf_*.py")):
        if source.suffixes != [".py"]:
            continue
        copy = tmp_path / source.name
        copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        code = textwrap.dedent(f"""
            import runpy
            try:
                runpy.run_path({str(copy)!r})
            except ImportError:
                raise SystemExit(0)
            raise SystemExit(1)
        """)
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert result.returncode == 0, (source.name, result.stderr)
