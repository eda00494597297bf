"""Programs ``autogen-lint migrate`` writes run on AutoGen 0.7.5 (``tox -e migrate-v04``).

Each v0.2 example of ``tests/fixtures/migrate`` that migrates without a TODO is migrated here,
then run with the OpenAI clients replaced by a ``ReplayChatCompletionClient`` that plays a
script for that program and counts ``close()`` calls. The run must end with a ``TaskResult``,
call the tools it was given, run the code in the local executor, close every client, leave no
coroutine unawaited, and ``autogen-lint check`` must find nothing in the migrated text.
"""

from __future__ import annotations

import asyncio
import builtins
import gc
import json
import linecache
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

import pytest

pytest.importorskip("autogen_agentchat", minversion="0.4")
pytest.importorskip("libcst")

from autogen_agentchat import ui
from autogen_agentchat.base import TaskResult
from autogen_agentchat.messages import TextMessage, ToolCallExecutionEvent
from autogen_agentchat.teams._group_chat._base_group_chat import BaseGroupChat
from autogen_core import CancellationToken, FunctionCall
from autogen_core.models import CreateResult, RequestUsage
from autogen_core.tools import BaseTool, Tool
from autogen_ext.models import openai as openai_models
from autogen_ext.models.replay import ReplayChatCompletionClient
from programs import OAI_CONFIG_LIST, REPLIES, RUNS, Offer, Replies, Run, ToolCall, offer

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.engine import check_source
from autogen_lint.fix.files import code_cells
from autogen_lint.migrate.driver import migrate_text
from autogen_lint.migrate.notebooks import migrate_notebook
from autogen_lint.notebooks import check_notebook

FIXTURES = Path(__file__).parents[1] / "fixtures" / "migrate"
MODEL_INFO = {
    "vision": False,
    "function_calling": True,
    "json_output": False,
    "family": "unknown",
    "structured_output": False,
}


def call(name: str, arguments: dict[str, Any]) -> CreateResult:
    return CreateResult(
        finish_reason="function_calls",
        content=[FunctionCall(id="call-1", name=name, arguments=json.dumps(arguments))],
        usage=RequestUsage(prompt_tokens=0, completion_tokens=0),
        cached=False,
    )


# What the model says in each program, in order; "Done." fills the turns after.
SCRIPTS: dict[str, list[str | CreateResult]] = {
    "two_agent_chat": ["```python\nprint(6 * 7)\n```", "The answer is 42. TERMINATE"],
    "config_list_from_json": ["Yes, it will rain."],
    "azure": ["Leaves fall softly", "Red and gold"],
    "group_chat_round_robin": ["Plan: a list and a button.", "Built it. TERMINATE"],
    "group_chat_selector": ["coder", "```python\nprint(2 + 3)\n```", "executor", "reviewer", "Good. TERMINATE"],
    "tool_register_function": [call("add", {"a": 44232, "b": 13312}), "It is 57544. TERMINATE"],
    "tool_decorators": [call("convert", {"amount": 100, "rate": 1.08}), "108 USD."],
    "notebook_tools": [call("convert", {"amount": 100, "rate": 1.08}), "108 USD. TERMINATE"],
    "notebook_config_list": ["Red leaves drift and fall."],
    "unread_config": ["Tide pools teem with life."],
    "main_function": ["```python\nprint(6 * 7)\n```", "42. TERMINATE"],
    "two_chats": ["Light becomes sugar.", "In leaves.", "Sugar becomes energy.", "In cells."],
    "ends_at_once": ["2, 3 and 5."],
    "continued_chat": ["4", "12"],
    "cached_chat": ["7", "11"],
    "conversable_players": ["e4", "e5", "Nf3", "Nc6", "Bb5", "a6"],
    "code_and_model": ["Read it.", "Please go on.", "```python\nprint(1 + 1)\n```", *["TERMINATE"] * 10],
    "notebook_executor_cells": ["A bar chart.", "A rain chart."],
    "notebook_reply_results": ["A riddle.", "Guess.", "A piano?", "Yes.", "Again.", "A bottle?", "Yes.", "Two."],
}
PARTLY = {
    "group_chat_options": 1,
    "ends_at_once": 1,
    "cached_chat": 1,
}
CHATS = {**PARTLY, "continued_chat": 2, "two_chats": 2, "notebook_reply_results": 2, "notebook_executor_cells": 2}
"""Programs migrated with TODO comments that still run: how many chats they hold."""
TOOLS = {"tool_register_function", "tool_decorators", "notebook_tools"}
CODE = {
    "two_agent_chat": ("user_proxy", "42"),
    "group_chat_selector": ("executor", "5"),
    "main_function": ("user_proxy", "42"),
    "code_and_model": ("user_proxy", "2"),
}
"""The agent that runs the code, and what the code prints."""
PROGRAMS = sorted(
    FIXTURES / f"{name}.ipynb" if name.startswith("notebook") else FIXTURES / f"{name}.py" for name in SCRIPTS
)


class CountingClient(ReplayChatCompletionClient):
    """A replayed model that plays the current program's script and counts makes and closes."""

    script: ClassVar[list[str | CreateResult]] = []
    made = 0
    closed = 0
    settings: ClassVar[list[dict[str, Any]]] = []
    """The keyword arguments each client was made with."""
    prompts: ClassVar[list[int]] = []
    """How many messages each call to the model was given."""
    offers: ClassVar[list[list[Offer]]] = []
    """The tools each call to the model was offered."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__([*self.script, *["Done."] * 20], model_info=MODEL_INFO)  # type: ignore[arg-type]
        type(self).made += 1
        type(self).settings.append(kwargs)

    async def create(self, messages: Any, **kwargs: Any) -> CreateResult:
        type(self).prompts.append(len(messages))
        schemas = [tool.schema if isinstance(tool, Tool) else tool for tool in kwargs.get("tools", [])]
        type(self).offers.append([offer(schema) for schema in schemas])
        return await super().create(messages, **kwargs)

    async def close(self) -> None:
        type(self).closed += 1
        await super().close()


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[TaskResult]]:
    """The replayed clients, a person who types "exit", and every ``TaskResult`` the program got."""
    CountingClient.made = CountingClient.closed = 0
    CountingClient.prompts = []
    CountingClient.offers = []
    CountingClient.settings = []
    monkeypatch.setattr(openai_models, "OpenAIChatCompletionClient", CountingClient)
    monkeypatch.setattr(openai_models, "AzureOpenAIChatCompletionClient", CountingClient)
    monkeypatch.setattr(builtins, "input", lambda prompt="": "exit")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "test")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OAI_CONFIG_LIST", raising=False)
    (tmp_path / "OAI_CONFIG_LIST").write_text(json.dumps(OAI_CONFIG_LIST))
    monkeypatch.setattr("sys.argv", ["program", "What is 6 * 7?"])
    results: list[TaskResult] = []
    console, run = ui.Console, BaseGroupChat.run

    async def recorded_console(stream: Any, **kwargs: Any) -> Any:
        result = await console(stream, **kwargs)
        results.append(result)
        return result

    async def recorded_run(self: BaseGroupChat, **kwargs: Any) -> TaskResult:
        result = await run(self, **kwargs)
        results.append(result)
        return result

    monkeypatch.setattr(ui, "Console", recorded_console)
    monkeypatch.setattr(BaseGroupChat, "run", recorded_run)
    yield results


def migrated(path: Path) -> str:
    config = Config(root=path.parent)
    if path.suffix == ".ipynb":
        raw = path.read_bytes()
        new_raw, _, _, todos = migrate_notebook(raw, config, lambda code: code, lambda raw: ([], []))
        new_text = new_raw.decode("utf-8-sig")
        assert not [f for f in check_notebook(new_text.encode(), config.settings).findings], new_text
        cells = code_cells(json.loads(new_text))
        return "\n".join(
            "\n".join(line for line in s.splitlines() if not line.startswith(("%", "!"))) for s in cells.values()
        )
    text, todos = migrate_text(path.read_text("utf-8"), Found(path, Kind.PYTHON), config)
    findings = check_source(text).findings
    if path.stem in PARTLY:
        assert todos and not [f for f in findings if f.code.startswith("AGL7")], text
    else:
        assert findings == [] and todos == 0, text
    return text


def run(source: str, path: Path) -> tuple[BaseException | None, list[str]]:
    """Run the migrated program (its ``main()``, or a notebook's cells); the error, the unawaited warnings."""
    namespace: dict[str, Any] = {"__name__": "migrated_program"}
    error: BaseException | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            if path.suffix == ".ipynb":
                code = compile(source, str(path), "exec", flags=0x2000)  # top-level await
                # as IPython does, so that `inspect` finds the source of functions defined in cells
                linecache.cache[str(path)] = (len(source), None, source.splitlines(keepends=True), str(path))

                async def cells() -> None:
                    result = eval(code, namespace)
                    if asyncio.iscoroutine(result):
                        await result

                asyncio.run(cells())
            else:
                exec(compile(source, str(path), "exec"), namespace)
                asyncio.run(namespace["main"]())
        except Exception as raised:
            error = raised
        namespace.clear()
        gc.collect()
    return error, [str(w.message) for w in caught if "never awaited" in str(w.message)]


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_migrated_program_runs(path: Path, runtime: list[TaskResult]) -> None:
    CountingClient.script = SCRIPTS[path.stem]
    error, unawaited = run(migrated(path), path)
    assert error is None, repr(error)
    assert not unawaited
    assert runtime and all(isinstance(result, TaskResult) for result in runtime)
    assert len(runtime) == CHATS.get(path.stem, 1)
    assert all(result.stop_reason for result in runtime)
    assert (CountingClient.made >= 1 or run.calls == 0) and CountingClient.closed == CountingClient.made
    messages = [message for result in runtime for message in result.messages]
    if path.stem in TOOLS:
        executed = [m for m in messages if isinstance(m, ToolCallExecutionEvent)]
        assert executed and not any(r.is_error for m in executed for r in m.content)
    if path.stem == "notebook_reply_results":  # one reply, three replies a chat, the second chat's summary
        assert len(CountingClient.prompts) == 8
    if path.stem == "two_chats":  # the second chat starts afresh, as v0.2's clear_history=True did
        assert CountingClient.prompts[2] == CountingClient.prompts[0]
    if path.stem == "continued_chat":  # clear_history=False: the teacher remembers the first chat
        assert CountingClient.prompts[1] > CountingClient.prompts[0]
    if path.stem in ("oai_config_list", "config_list_from_json", "notebook_config_list", "unread_config"):
        assert CountingClient.settings[0]["model"] == "gpt-4o-mini"
        assert CountingClient.settings[0]["api_key"] == "sk-from-the-file"
    if path.stem == "notebook_config_list":  # the cell after the chat saved what it had
        assert json.loads(Path("task.json").read_text()) == {"task": "A haiku about autumn."}
    if path.stem in CODE:
        executor, printed = CODE[path.stem]
        ran = [m.to_text() for m in messages if m.source == executor]
        assert any(printed in text for text in ran), ran


def test_the_config_list_helper_finds_oai_config_list_as_v02_did(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The helpers a migrated file gets, on the real 0.7.5 clients: file, variable, path, filter, Azure."""
    from autogen_lint.migrate import config_list

    needed = set(config_list.CLIENT_IMPORTS)
    imports = "".join(f"import {m}\n" if not n else f"from {m} import {n}\n" for m, n in sorted(needed))
    namespace: dict[str, Any] = {}
    exec(compile(imports + config_list.LOADER + config_list.CLIENT, "helper", "exec"), namespace)
    load, client_of = namespace[config_list.LOAD], namespace[config_list.MAKE]

    def make(env_or_file: str, filter_dict: dict[str, list[str]] | None = None, **options: Any) -> Any:
        return client_of(load(env_or_file, filter_dict=filter_dict), **options)

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OAI_CONFIG_LIST", raising=False)
    local = {"model": "llama3", "base_url": "http://localhost:11434/v1", "api_key": "x", "tags": ["local"]}
    (tmp_path / "OAI_CONFIG_LIST").write_text(json.dumps([local, {"model": "gpt-4o-mini", "api_key": "sk-1"}]))
    client = make("OAI_CONFIG_LIST")
    assert isinstance(client, openai_models.OpenAIChatCompletionClient)
    assert client._raw_config["base_url"] == "http://localhost:11434/v1"  # type: ignore[attr-defined]
    assert client.model_info["family"] == "unknown"  # a model 0.7.5 does not know: the assumed model_info
    client = make("OAI_CONFIG_LIST", filter_dict={"model": ["gpt-4o-mini"]}, temperature=0)
    assert client._raw_config == {"api_key": "sk-1", "model": "gpt-4o-mini", "temperature": 0}  # type: ignore[attr-defined]
    assert client.model_info["family"] != "unknown"
    assert make("OAI_CONFIG_LIST", filter_dict={"tags": ["local"]})._raw_config["model"] == "llama3"
    with pytest.raises(ValueError, match="no entry matched"):
        make("OAI_CONFIG_LIST", filter_dict={"model": ["gpt-5"]})
    monkeypatch.setenv("OAI_CONFIG_LIST", json.dumps([{"model": "gpt-4o", "api_key": "sk-env"}]))
    assert make("OAI_CONFIG_LIST")._raw_config["api_key"] == "sk-env"
    azure = {"model": "gpt-3.5-turbo", "api_type": "azure", "base_url": "https://x.openai.azure.com"}
    (tmp_path / "azure.json").write_text(json.dumps([{**azure, "api_version": "2024-02-01", "api_key": "k"}]))
    monkeypatch.setenv("OAI_CONFIG_LIST", "azure.json")
    client = make("OAI_CONFIG_LIST")
    assert isinstance(client, openai_models.AzureOpenAIChatCompletionClient)
    assert client._raw_config["azure_deployment"] == "gpt-35-turbo"  # type: ignore[attr-defined]
    assert client._raw_config["azure_endpoint"] == "https://x.openai.azure.com"  # type: ignore[attr-defined]
    # an llm_config known only at run time: its options, the entry's settings winning, v0.2's renamings
    llm_config = {"config_list": [{"model": "gpt-4o", "api_key": "sk-3", "temperature": 1}], "temperature": 0.5}
    client = client_of(**llm_config, cache_seed=42, request_timeout=30, max_tokens=100)
    assert client._raw_config == {  # type: ignore[attr-defined]
        "model": "gpt-4o",
        "api_key": "sk-3",
        "temperature": 1,
        "timeout": 30,
        "max_tokens": 100,
    }
    with pytest.warns(UserWarning, match="functions"):
        client_of(**llm_config, functions=[{"name": "f"}])
    with pytest.raises(ValueError, match="by hand"):
        client_of([{"model": "claude-3", "api_type": "anthropic"}])


# Programs in functions, classes, OAI_CONFIG_LIST and half-migrated files, and the guide's whole
# programs: each migrated program stops where the v0.2 program stopped (programs.py; proven on
# v0.2 by test_v02_programs.py).


def replayed(reply: str | ToolCall, number: int) -> str | CreateResult:
    if isinstance(reply, ToolCall):
        return CreateResult(
            finish_reason="function_calls",
            content=[FunctionCall(id=f"call-{number}", name=reply.name, arguments=json.dumps(reply.arguments))],
            usage=RequestUsage(prompt_tokens=0, completion_tokens=0),
            cached=False,
        )
    return reply


NOT_YET: dict[str, str] = {}
"""Programs ``migrate`` does not yet rewrite into one that stops where v0.2 stopped, and why."""


def run_id(run: Run) -> str:
    return f"{run.path.parent.name}/{run.path.stem}"


def runs() -> list[Any]:
    return [
        pytest.param(run, id=run_id(run), marks=pytest.mark.xfail(strict=True, reason=NOT_YET[run_id(run)]))
        if run_id(run) in NOT_YET
        else pytest.param(run, id=run_id(run))
        for run in RUNS
    ]


@pytest.mark.parametrize("run", runs())
def test_migrated_program_stops_where_v02_stopped(
    run: Run,
    runtime: list[TaskResult],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    text, todos = migrate_text(run.path.read_text("utf-8"), Found(run.path, Kind.PYTHON), Config(root=run.path.parent))
    assert todos == run.todos and check_source(text).findings == [], text
    CountingClient.script = [*(replayed(reply, i) for i, reply in enumerate(run.replies)), *["Done."] * 250]
    typed = iter([*run.inputs, *["exit"] * 20])
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(typed))
    config_list = json.dumps(OAI_CONFIG_LIST)
    (tmp_path / "OAI_CONFIG_LIST").write_text(config_list, "utf-8")
    monkeypatch.setenv("OAI_CONFIG_LIST", config_list)
    called: list[tuple[str, dict[str, Any]]] = []
    tool_run = BaseTool.run_json

    async def counted(self: BaseTool[Any, Any], args: Mapping[str, Any], *rest: Any, **kwargs: Any) -> Any:
        called.append((self.name, dict(args)))
        return await tool_run(self, args, *rest, **kwargs)

    monkeypatch.setattr(BaseTool, "run_json", counted)
    monkeypatch.setattr("sys.argv", [str(run.path)])
    namespace: dict[str, Any] = {"__name__": "__main__"}
    program = tmp_path / run.path.name  # the migrated file, where `inspect` finds its functions' source
    program.write_text(text, "utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(compile(text, str(program), "exec"), namespace)
        namespace.clear()
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]
    assert len(CountingClient.prompts) == run.calls, run.why
    if run.prompts is not None:
        assert CountingClient.prompts == run.prompts
    assert [name for name, _ in called] == run.tools
    assert called == run.tool_calls()[: len(called)]
    if run.offered:
        assert run.functions() and CountingClient.offers == [run.functions()] * run.calls
    assert (CountingClient.made >= 1 or run.calls == 0) and CountingClient.closed == CountingClient.made
    if run.model is not None:
        assert {settings["model"] for settings in CountingClient.settings} == {run.model}
    if run.output is not None:
        assert run.output in capsys.readouterr().out


@pytest.mark.parametrize("case", REPLIES, ids=lambda c: f"{c.path.stem}/{c.agent}")
def test_migrated_reply_function_answers_as_v02_did(case: Replies) -> None:
    """The custom agent written for a reply function answers each message as the v0.2 agent did."""
    source = case.path.read_text("utf-8")
    text, todos = migrate_text(source, Found(case.path, Kind.PYTHON), Config(root=case.path.parent))
    assert todos == 0 and check_source(text).findings == [], text
    namespace: dict[str, Any] = {"__name__": case.path.stem}
    exec(compile(text, str(case.path), "exec"), namespace)
    agent = namespace[case.agent]

    async def talk() -> list[str]:
        answers = []
        for said in case.said:
            response = await agent.on_messages([TextMessage(content=said, source="user")], CancellationToken())
            answers.append(response.chat_message.to_text())
        return answers

    assert asyncio.run(talk()) == case.answers
