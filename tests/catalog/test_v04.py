"""Everything the catalog tells users to write exists in AutoGen v0.4 (``tox -e catalog-v04``).

Run against ``autogen-agentchat==0.7.5`` and ``autogen-ext==0.7.5`` with the extras its
targets need. Never imported at run time by autogen-lint itself.
"""

from __future__ import annotations

import ast
import asyncio
import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
import tempfile
import textwrap
import typing
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest
import typing_extensions
from packaging.requirements import Requirement

pytest.importorskip("autogen_agentchat", minversion="0.4")

from claims import V02_CLASSES

import autogen_lint
from autogen_lint.agentchat import CONSOLE
from autogen_lint.catalog import iter_rules
from autogen_lint.clients import CLIENT_SUFFIX, NOT_OWNING
from autogen_lint.openai_models import KNOWN_MODELS, needs_model_info
from autogen_lint.replacements import REPLACEMENTS, iter_names
from autogen_lint.rules.agent_names import NAMED_AGENTS, identifier
from autogen_lint.rules.coroutines import AGENT_METHODS, CLIENT_METHODS, INTERFACE_METHODS, TEAM_METHODS
from autogen_lint.rules.executors import EXECUTORS, STARTED_BY_HAND, STARTED_ON_USE
from autogen_lint.rules.model_info import OPENAI_CLIENTS
from autogen_lint.rules.streams import STREAM_METHODS
from autogen_lint.rules.teams import UNBOUNDED_TEAMS

PACKAGE = Path(autogen_lint.__file__).parent
DOTTED = re.compile(r"\bautogen_(?:agentchat|core|ext)(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
BACKTICKED_CLASS = re.compile(r"`([A-Z][A-Za-z0-9]+)[`(\[]")
NOT_AUTOGEN = {"TypeError", "ValueError", "RuntimeError", "None", "AsyncExitStack"}


def _docstrings(tree: ast.AST) -> set[int]:
    """Strings standing alone as statements: docstrings of modules, classes, functions and attributes."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }


def _written_classes() -> set[str]:
    """Classes ``migrate`` writes into the migrated file itself (not v0.4 API)."""
    return {
        name
        for path in (PACKAGE / "migrate").glob("*.py")
        for name in re.findall(r"^\s*f?'''class ([A-Z][A-Za-z0-9]+)\(", path.read_text(encoding="utf-8"), re.MULTILINE)
    }


# What the Agent Framework destination says is proven by tests/catalog/test_maf.py (tox -e catalog-maf).
AGENT_FRAMEWORK_MODULES = {
    PACKAGE / "catalog" / "maf.py",
    PACKAGE / "catalog" / "rules_maf.py",
    PACKAGE / "rules" / "agent_framework.py",
    PACKAGE / "rules" / "maf_names.py",
}


def _strings(*, agent_framework: bool = True) -> Iterator[str]:
    """The package's user-facing strings: catalog texts, replacements, advice (not docstrings)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if not agent_framework and path in AGENT_FRAMEWORK_MODULES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
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


DOTTED_NAMES = sorted({match for text in _strings() for match in DOTTED.findall(text)})


def test_names_were_found() -> None:
    assert len(DOTTED_NAMES) > 40
    assert "autogen_agentchat.agents.AssistantAgent" in DOTTED_NAMES


@pytest.mark.parametrize("dotted", DOTTED_NAMES)
def test_every_dotted_v04_name_resolves(dotted: str) -> None:
    resolve(dotted)


@pytest.mark.parametrize("entry", [e for e in REPLACEMENTS if e.v04], ids=lambda e: e.v02)
def test_every_replacement_import_resolves(entry) -> None:
    module, _, name = entry.v04.rpartition(".")
    target = resolve(entry.v04)
    if module and not inspect.ismodule(target):
        assert getattr(importlib.import_module(module), name) is target  # importable as `from module import name`


@cache
def _public_v04_names() -> frozenset[str]:
    names: set[str] = set()
    for package_name in ("autogen_agentchat", "autogen_core", "autogen_ext"):
        package = importlib.import_module(package_name)
        names.update(dir(package))
        for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if any(part.startswith("_") for part in info.name.split(".")):
                continue
            try:
                module = importlib.import_module(info.name)
            except Exception:  # optional integrations this environment does not install
                continue
            names.update(name for name in dir(module) if not name.startswith("_"))
    return frozenset(names)


def test_every_class_named_in_backticks_exists() -> None:
    """Bare class names in messages and docs are v0.4 API, or v0.2 names of the table."""
    v02_leaves = {name.rpartition(".")[2] for name, _ in iter_names()}
    named = {match for text in _strings(agent_framework=False) for match in BACKTICKED_CLASS.findall(text)}
    written = _written_classes()
    assert written, "the classes migrate writes were not found"
    unknown = sorted(named - _public_v04_names() - v02_leaves - V02_CLASSES - NOT_AUTOGEN - written)
    assert unknown == []


def _parameters(dotted: str) -> set[str]:
    target = resolve(dotted)
    signature = inspect.signature(target)  # type: ignore[arg-type]
    names = set(signature.parameters)
    for parameter in signature.parameters.values():
        unpacked = typing.get_origin(parameter.annotation) in (typing.Unpack, typing_extensions.Unpack)
        if parameter.kind is inspect.Parameter.VAR_KEYWORD and unpacked:
            names |= set(typing.get_type_hints(typing.get_args(parameter.annotation)[0]))
    return names


# Keyword arguments the messages and examples tell users to pass.
PARAMETERS = {
    "autogen_agentchat.agents.AssistantAgent": {"model_client", "tools", "memory", "model_context", "system_message"},
    "autogen_agentchat.agents.UserProxyAgent": {"input_func"},
    "autogen_agentchat.agents.CodeExecutorAgent": {"code_executor"},
    "autogen_agentchat.agents.SocietyOfMindAgent": {"team", "model_client"},
    "autogen_agentchat.teams.RoundRobinGroupChat": {"participants", "termination_condition", "max_turns"},
    "autogen_agentchat.teams.SelectorGroupChat": {"participants", "model_client", "selector_func", "max_turns"},
    "autogen_core.tools.FunctionTool": {"description", "name"},
    "autogen_core.model_context.BufferedChatCompletionContext": {"buffer_size"},
    "autogen_ext.models.openai.OpenAIChatCompletionClient": {"model", "api_key", "base_url", "model_info"},
    "autogen_ext.models.cache.ChatCompletionCache": {"client", "store"},
    "autogen_ext.code_executors.local.LocalCommandLineCodeExecutor": {"work_dir"},
}


@pytest.mark.parametrize(("dotted", "expected"), PARAMETERS.items(), ids=list(PARAMETERS))
def test_advised_keyword_arguments_exist(dotted: str, expected: set[str]) -> None:
    assert expected <= _parameters(dotted)


ATTRIBUTES = {
    "autogen_core.models.ChatCompletionClient": {"create", "close", "count_tokens", "remaining_tokens", "model_info"},
    "autogen_agentchat.agents.AssistantAgent": {"run", "run_stream", "on_messages", "save_state", "load_state"},
    "autogen_agentchat.teams.RoundRobinGroupChat": {"run", "run_stream", "save_state", "load_state", "reset"},
    "autogen_agentchat.agents.BaseChatAgent": {"on_messages", "on_reset", "produced_message_types"},
    "autogen_core.Image": {"from_file", "from_pil"},
    "autogen_agentchat.messages.TextMessage": {"to_text"},
    "autogen_core.models.ChatCompletionClient.load_component": set(),
    "autogen_core.ComponentBase": {"dump_component", "load_component"},
    "autogen_core.memory.ListMemory": {"add", "query"},
}


@pytest.mark.parametrize(("dotted", "expected"), ATTRIBUTES.items(), ids=list(ATTRIBUTES))
def test_advised_methods_exist(dotted: str, expected: set[str]) -> None:
    target = resolve(dotted)
    assert all(hasattr(target, name) for name in expected)


def test_advised_fields_exist() -> None:
    """``TaskResult.messages[i].models_usage`` (AGL102's advice on cost tracking)."""
    task_result = resolve("autogen_agentchat.base.TaskResult")
    message = resolve("autogen_agentchat.messages.BaseChatMessage")
    assert "messages" in task_result.model_fields  # type: ignore[attr-defined]
    assert "models_usage" in message.model_fields  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("dotted", "methods"),
    [
        ("autogen_agentchat.agents.AssistantAgent", AGENT_METHODS),
        ("autogen_agentchat.teams.RoundRobinGroupChat", TEAM_METHODS),
        ("autogen_agentchat.teams.SelectorGroupChat", TEAM_METHODS),
        ("autogen_ext.models.openai.OpenAIChatCompletionClient", CLIENT_METHODS),
        ("autogen_ext.models.cache.ChatCompletionCache", CLIENT_METHODS),
    ],
)
def test_agl703_methods_are_coroutines(dotted: str, methods: frozenset[str]) -> None:
    cls = resolve(dotted)
    assert all(inspect.iscoroutinefunction(getattr(cls, name)) for name in methods)


def _model_clients() -> list[type]:
    models = importlib.import_module("autogen_ext.models")
    found = []
    for info in pkgutil.iter_modules(models.__path__, "autogen_ext.models."):
        if info.name.rpartition(".")[2].startswith("_"):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:
            continue
        found += [
            value
            for name, value in vars(module).items()
            if name.endswith(CLIENT_SUFFIX) and inspect.isclass(value) and name not in NOT_OWNING
        ]
    return found


def test_agl704_model_clients_are_not_context_managers() -> None:
    clients = _model_clients()
    assert {c.__name__ for c in clients} >= {"OpenAIChatCompletionClient", "AnthropicChatCompletionClient"}
    for client in clients:
        assert not hasattr(client, "__aenter__") and not hasattr(client, "__enter__"), client


def test_agl701_agents_do_not_close_their_model_client() -> None:
    """The premise of AGL701: closing an agent leaves its model client open."""
    for dotted in ("autogen_agentchat.agents.AssistantAgent", "autogen_agentchat.agents.BaseChatAgent"):
        source = inspect.getsource(resolve(dotted).close)  # type: ignore[attr-defined]
        assert "model_client" not in source


def test_use_instead_examples_type_check(tmp_path: Path) -> None:
    """Every Python "Use instead" example passes mypy --strict against the real packages."""
    for rule in iter_rules("python"):
        if rule.guide == "agent-framework":
            continue  # Agent Framework code: tests/catalog/test_maf.py
        code = rule.use_instead
        if rule.notebooks_only:  # a cell's top-level await: checked as the body of a coroutine
            code = "async def _cell() -> None:\n" + textwrap.indent(code, "    ")
        (tmp_path / f"{rule.code.lower()}.py").write_text(code, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n\n[mypy-diskcache.*]\nignore_missing_imports = True\n")
    process = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 0, process.stdout + process.stderr


def test_dependency_advice_is_satisfied_by_the_v04_packages() -> None:
    for rule in iter_rules("dependencies"):
        for line in rule.use_instead.splitlines():
            requirement = Requirement(line)
            assert requirement.specifier.contains(metadata.version(requirement.name)), line


# AGL705-AGL711: what the rules claim 0.7.5 does.


def _replay(responses: list[str]) -> typing.Any:
    return resolve("autogen_ext.models.replay.ReplayChatCompletionClient")(responses)  # type: ignore[operator]


def _agent(name: str, responses: list[str]) -> typing.Any:
    return resolve("autogen_agentchat.agents.AssistantAgent")(name, model_client=_replay(responses))  # type: ignore[operator]


@pytest.mark.parametrize("team", sorted(UNBOUNDED_TEAMS))
def test_agl705_teams_have_no_stop_by_default(team: str) -> None:
    parameters = inspect.signature(resolve(f"autogen_agentchat.teams.{team}")).parameters  # type: ignore[arg-type]
    assert parameters["termination_condition"].default is None
    assert parameters["max_turns"].default is None


def test_agl705_magentic_one_stops_after_20_turns() -> None:
    parameters = inspect.signature(resolve("autogen_agentchat.teams.MagenticOneGroupChat")).parameters  # type: ignore[arg-type]
    assert parameters["max_turns"].default == 20


def test_agl705_a_team_without_a_stop_keeps_going() -> None:
    async def count() -> int:
        team = resolve("autogen_agentchat.teams.RoundRobinGroupChat")(  # type: ignore[operator]
            [_agent("a", ["more"] * 100), _agent("b", ["more"] * 100)]
        )
        seen = 0
        async for _ in team.run_stream(task="Talk."):
            seen += 1
            if seen == 60:
                break
        return seen

    assert asyncio.run(count()) == 60  # no TaskResult came: the team had not stopped


@pytest.mark.parametrize(
    "dotted",
    ["autogen_agentchat.agents.AssistantAgent", *(f"autogen_agentchat.teams.{t}" for t in sorted(UNBOUNDED_TEAMS))],
)
def test_agl706_streams_are_async_generators(dotted: str) -> None:
    cls = resolve(dotted)
    methods = [m for m in STREAM_METHODS if hasattr(cls, m)]
    assert "run_stream" in methods
    assert all(inspect.isasyncgenfunction(getattr(cls, m)) for m in methods)


def test_agl706_awaiting_run_stream_raises_type_error() -> None:
    async def awaited() -> None:
        await _agent("a", ["hi"]).run_stream(task="x")

    with pytest.raises(TypeError, match="async_generator can't be used in 'await' expression"):
        asyncio.run(awaited())


def _agent_classes() -> set[str]:
    base = resolve("autogen_agentchat.agents.BaseChatAgent")
    found = set()
    for package in ("autogen_agentchat.agents", "autogen_ext.agents"):
        modules = [importlib.import_module(package)]
        for info in pkgutil.iter_modules(modules[0].__path__, f"{package}."):
            if not info.name.rpartition(".")[2].startswith("_"):
                try:
                    modules.append(importlib.import_module(info.name))
                except ImportError:  # optional integrations this environment does not install
                    continue
        for module in modules:
            for name in getattr(module, "__all__", ()):
                value = getattr(module, name)
                if inspect.isclass(value) and issubclass(value, base) and not inspect.isabstract(value):  # type: ignore[arg-type]
                    found.add(name)
    return found


def test_agl707_named_agents_are_the_agent_classes() -> None:
    assert _agent_classes() == NAMED_AGENTS
    for name in NAMED_AGENTS:
        cls = next(resolve(f"{p}.{name}") for p in _agent_packages() if _has(p, name))
        assert next(iter(inspect.signature(cls).parameters)) == "name"  # type: ignore[arg-type]


def _agent_packages() -> list[str]:
    return [
        "autogen_agentchat.agents",
        *(
            info.name
            for info in pkgutil.iter_modules(
                importlib.import_module("autogen_ext.agents").__path__, "autogen_ext.agents."
            )
        ),
    ]


def _has(package: str, name: str) -> bool:
    try:
        return hasattr(importlib.import_module(package), name)
    except ImportError:
        return False


def test_agl707_names_must_be_identifiers() -> None:
    with pytest.raises(ValueError, match=r"The agent name must be a valid Python identifier\."):
        _agent("Narrative Designer", ["hi"])
    fixed = identifier("Narrative Designer")
    assert fixed is not None
    assert _agent(fixed, ["hi"]).name == "Narrative_Designer"


def test_agl708_known_models_are_the_installed_table() -> None:
    table = importlib.import_module("autogen_ext.models.openai._model_info")
    assert set(table._MODEL_INFO) | set(table._MODEL_POINTERS) == KNOWN_MODELS  # type: ignore[attr-defined]


@pytest.mark.parametrize("client", sorted(OPENAI_CLIENTS))
def test_agl708_unknown_models_need_model_info(client: str) -> None:
    cls = resolve(f"autogen_ext.models.openai.{client}")
    azure = {"azure_endpoint": "https://example.invalid", "api_version": "2024-06-01"} if "Azure" in client else {}
    assert needs_model_info("llama3.2")
    with pytest.raises(ValueError, match="model_info is required when model name is not a valid OpenAI model"):
        cls(model="llama3.2", api_key="x", **azure)  # type: ignore[operator]
    info = resolve("autogen_core.models.ModelInfo")(  # type: ignore[operator]
        vision=False, function_calling=True, json_output=False, family="unknown", structured_output=False
    )
    cls(model="llama3.2", api_key="x", model_info=info, **azure)  # type: ignore[operator]
    for model in sorted(KNOWN_MODELS):
        assert not needs_model_info(model)
        cls(model=model, api_key="x", **azure)  # type: ignore[operator]


def test_agl709_docker_executor_must_be_started() -> None:
    from autogen_core import CancellationToken
    from autogen_core.code_executor import CodeBlock

    executor_class = resolve(next(iter(STARTED_BY_HAND)))

    async def run_unstarted(work_dir: str) -> None:
        executor = executor_class(work_dir=work_dir)  # type: ignore[operator]
        await executor.execute_code_blocks([CodeBlock(code="print(1)", language="python")], CancellationToken())

    with pytest.raises(ValueError, match="Container is not running"):
        asyncio.run(run_unstarted(tempfile.mkdtemp()))


@pytest.mark.parametrize("dotted", sorted(EXECUTORS))
def test_agl709_executors_start_and_stop(dotted: str) -> None:
    cls = resolve(dotted)
    assert inspect.iscoroutinefunction(cls.start) and inspect.iscoroutinefunction(cls.stop)  # type: ignore[attr-defined]
    assert "self.start()" in inspect.getsource(cls.__aenter__)  # type: ignore[attr-defined]
    assert "self.stop()" in inspect.getsource(cls.__aexit__)  # type: ignore[attr-defined]


def test_agl709_docker_jupyter_executor_starts_itself() -> None:
    cls = resolve(next(iter(STARTED_ON_USE)))
    assert "self.start()" in inspect.getsource(cls._ensure_async_kernel_client)  # type: ignore[attr-defined]


def test_agl710_the_task_message_meets_the_termination_condition() -> None:
    conditions = importlib.import_module("autogen_agentchat.conditions")
    teams = importlib.import_module("autogen_agentchat.teams")

    async def run(sources: list[str] | None) -> typing.Any:
        stop = conditions.TextMentionTermination("TERMINATE", sources=sources)
        team = teams.RoundRobinGroupChat([_agent("writer", ["draft", "TERMINATE"])], termination_condition=stop)
        return await team.run(task="Write a haiku, then say TERMINATE.")

    alone = asyncio.run(run(None))
    assert len(alone.messages) == 1 and alone.stop_reason == "Text 'TERMINATE' mentioned"
    assert len(asyncio.run(run(["writer"])).messages) == 3


def test_agl711_asyncio_run_fails_in_a_notebook_and_the_fix_runs(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    cells = [
        "import asyncio\n\nfrom autogen_agentchat.base import TaskResult\n\n\n"
        "async def main() -> int:\n    await asyncio.sleep(0)\n    return len(TaskResult(messages=[]).messages) + 42\n",
        "asyncio.run(main())\n",
    ]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    path = tmp_path / "demo.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(nbclient.exceptions.CellExecutionError, match="cannot be called from a running event loop"):
        nbclient.NotebookClient(nbformat.read(path, as_version=4), timeout=120).execute()
    command = Path(sys.executable).with_name("autogen-lint")
    subprocess.run([str(command), "check", "--fix", "--isolated", "--no-cache", str(path)], check=False)
    fixed = nbformat.read(path, as_version=4)
    assert fixed.cells[1].source == "await main()\n"
    nbclient.NotebookClient(fixed, timeout=120).execute()
    assert fixed.cells[1].outputs[0]["data"]["text/plain"] == "42"


def test_agl703_console_and_the_interfaces_are_coroutines() -> None:
    assert inspect.iscoroutinefunction(resolve(CONSOLE))
    for dotted, methods in INTERFACE_METHODS.items():
        cls = resolve(dotted)
        assert all(inspect.iscoroutinefunction(getattr(cls, name)) for name in methods), dotted


def test_agl709_an_unstopped_container_lives_until_the_loop_closes() -> None:
    cls = resolve(next(iter(STARTED_BY_HAND)))
    assert inspect.signature(cls).parameters["stop_container"].default is True  # type: ignore[arg-type]
    assert "asyncio_atexit.register(" in inspect.getsource(cls.start)  # type: ignore[attr-defined]


AGENT_NAMES = """\
import asyncio

from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import TextMentionTermination
from autogen_agentchat.teams import Swarm
from autogen_ext.models.replay import ReplayChatCompletionClient


async def main() -> str:
    designer = AssistantAgent("Narrative Designer", model_client=ReplayChatCompletionClient(["Plot ready. DONE"]))
    writer = AssistantAgent("story-writer", model_client=ReplayChatCompletionClient(["DONE"]))
    stop = TextMentionTermination("DONE", sources=["Narrative Designer"])
    team = Swarm([designer, writer], termination_condition=stop, max_turns=3)
    result = await team.run(task="Outline a story.")
    return f"{[m.source for m in result.messages]} {result.stop_reason}"


print(asyncio.run(main()))
"""


def test_agl707_the_renamed_agents_run(tmp_path: Path) -> None:
    """The original raises ValueError; after the unsafe fix the team runs and its sources= still match."""
    script = tmp_path / "names.py"
    script.write_text(AGENT_NAMES, encoding="utf-8")
    before = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=False)
    assert "The agent name must be a valid Python identifier" in before.stderr
    command = Path(sys.executable).with_name("autogen-lint")
    subprocess.run(
        [str(command), "check", "--fix", "--unsafe-fixes", "--isolated", "--no-cache", str(script)], check=False
    )
    assert 'sources=["Narrative_Designer"]' in script.read_text(encoding="utf-8")
    after = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert after.stdout.strip() == "['user', 'Narrative_Designer'] Text 'DONE' mentioned"


def test_agl202_unread_provider_settings_load_as_components() -> None:
    """The component configurations the codemod writes for unread Anthropic settings build the client."""
    import libcst as cst

    from autogen_lint.migrate import component_configs

    pytest.importorskip("anthropic")
    table = importlib.import_module("autogen_ext.models.anthropic._model_info")
    assert set(table._MODEL_INFO) == component_configs.KNOWN_MODELS  # type: ignore[attr-defined]
    load = resolve("autogen_core.models.ChatCompletionClient").load_component  # type: ignore[union-attr]
    for model in ("claude-3-5-sonnet-20240620", "claude-next"):
        entry = f'{{"model": "{model}", "api_key": key, "api_type": "anthropic", "top_k": 5}}'
        source = f'{{"config_list": [{entry}], "temperature": 0.2, "max_tokens": 300, "cache_seed": 42}}'
        module = cst.parse_module(f"settings = {source}\n")
        value = cst.ensure_type(cst.ensure_type(module.body[0], cst.SimpleStatementLine).body[0], cst.Assign).value
        code = component_configs.component_config(value, module)
        assert code is not None
        client = load(eval(code, {"key": "sk-ant-test"}))
        assert type(client).__name__ == "AnthropicChatCompletionClient"
        dumped = client.dump_component().config
        assert (dumped["model"], dumped["temperature"], dumped["max_tokens"], dumped["top_k"]) == (model, 0.2, 300, 5)
        assert client.model_info["function_calling"]
        asyncio.run(client.close())
