"""The v0.2 programs stop where ``programs.py`` says (``tox -e migrate-v02``, autogen-agentchat 0.2).

Each program runs as ``__main__`` on the real v0.2 agents, with OpenAI's chat completions
endpoint replaced by the program's replies (every request counted), a person who types the
program's inputs and then "exit", and an ``OAI_CONFIG_LIST`` in the working directory. The
number of model calls and the tools run are what ``test_migrated_programs.py`` then expects of
the migrated program on 0.7.5.
"""

from __future__ import annotations

import builtins
import json
import runpy
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("autogen")
pytest.importorskip("openai")

import autogen
from openai.resources.chat import completions
from openai.types.chat import ChatCompletion, ChatCompletionMessage, ChatCompletionMessageToolCall
from openai.types.chat.chat_completion import Choice
from openai.types.chat.chat_completion_message_tool_call import Function
from openai.types.completion_usage import CompletionUsage
from programs import OAI_CONFIG_LIST, REPLIES, RUNS, Offer, Replies, Run, ToolCall, offer

V02_RUNS = [run for run in RUNS if run.v02]


def completion(reply: str | ToolCall, number: int) -> ChatCompletion:
    if isinstance(reply, ToolCall):
        call = ChatCompletionMessageToolCall(
            id=f"call_{number}",
            type="function",
            function=Function(name=reply.name, arguments=json.dumps(reply.arguments)),
        )
        message = ChatCompletionMessage(role="assistant", content=None, tool_calls=[call])
        reason = "tool_calls"
    else:
        message = ChatCompletionMessage(role="assistant", content=reply)
        reason = "stop"
    return ChatCompletion(
        id=f"chatcmpl-{number}",
        choices=[Choice(finish_reason=reason, index=0, message=message)],  # type: ignore[arg-type]
        created=0,
        model="gpt-4o",
        object="chat.completion",
        usage=CompletionUsage(prompt_tokens=1, completion_tokens=1, total_tokens=2),
    )


@pytest.mark.parametrize("run", V02_RUNS, ids=lambda r: f"{r.path.parent.name}/{r.path.stem}")
def test_v02_program_stops_where_expected(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not autogen.__version__.startswith("0.2"):
        pytest.skip("needs AutoGen 0.2 (autogen-agentchat~=0.2.0)")
    requests: list[Any] = []
    models: list[str] = []
    tools: list[str] = []
    arguments: list[tuple[str, dict[str, Any]]] = []
    offers: list[list[Offer]] = []

    def create(self: Any, **kwargs: Any) -> ChatCompletion:
        requests.append(kwargs["messages"])
        models.append(kwargs["model"])
        functions = kwargs.get("functions") or [tool["function"] for tool in kwargs.get("tools", [])]
        offers.append([offer(function) for function in functions])
        replies = [*run.replies, *["Done."] * 20]
        return completion(replies[len(requests) - 1], len(requests))

    execute, a_execute = autogen.ConversableAgent.execute_function, autogen.ConversableAgent.a_execute_function

    def counted(self: Any, func_call: Any, *args: Any, **kwargs: Any) -> Any:
        tools.append(func_call.get("name"))
        arguments.append((func_call.get("name"), json.loads(func_call.get("arguments", "{}"))))
        return execute(self, func_call, *args, **kwargs)

    async def a_counted(self: Any, func_call: Any, *args: Any, **kwargs: Any) -> Any:
        tools.append(func_call.get("name"))
        arguments.append((func_call.get("name"), json.loads(func_call.get("arguments", "{}"))))
        return await a_execute(self, func_call, *args, **kwargs)

    typed = iter([*run.inputs, *["exit"] * 20])
    monkeypatch.setattr(completions.Completions, "create", create)
    monkeypatch.setattr(autogen.ConversableAgent, "execute_function", counted)
    monkeypatch.setattr(autogen.ConversableAgent, "a_execute_function", a_counted)
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(typed))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", [str(run.path)])
    (tmp_path / "OAI_CONFIG_LIST").write_text(json.dumps(OAI_CONFIG_LIST))
    runpy.run_path(str(run.path), run_name="__main__")
    assert len(requests) == run.calls, run.why
    if run.prompts is not None:
        assert [len(messages) for messages in requests] == run.prompts
    assert tools == run.tools
    assert arguments == run.tool_calls()[: len(arguments)]
    if run.offered:
        assert run.functions() and offers == [run.functions()] * run.calls
    if run.model is not None:
        assert set(models) == {run.model}
    if run.output is not None:
        assert run.output in capsys.readouterr().out


def test_config_list_helpers_build_the_lists_v02_built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The plain functions a migrated file gets for v0.2's config list helpers return what v0.2 returned."""
    from autogen_lint.migrate import config_calls

    namespace: dict[str, Any] = {}
    for helper in config_calls.HELPERS.values():  # each imports what it uses itself
        exec(compile(helper.code, helper.name, "exec"), namespace)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("OAI_CONFIG_LIST", raising=False)
    entries = [{"model": "gpt-4o", "api_key": "k1", "tags": ["big"]}, {"model": "gpt-4o-mini", "api_key": "k2"}]
    (tmp_path / "OAI_CONFIG_LIST").write_text(json.dumps(entries))
    for filter_dict in (None, {"model": ["gpt-4o-mini"]}, {"tags": ["big"]}, {"model": {"gpt-5"}}):
        expected = autogen.config_list_from_json("OAI_CONFIG_LIST", filter_dict=filter_dict)
        assert namespace["load_config_list"]("OAI_CONFIG_LIST", filter_dict=filter_dict) == expected
    for name in ("OPENAI_API_KEY", "LOCAL_KEY", "LOCAL_URL"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text("OPENAI_API_KEY=sk-env\nLOCAL_KEY=sk-local\nLOCAL_URL=http://localhost:1234/v1\n")
    keys = {"llama3": {"api_key_env_var": "LOCAL_KEY", "base_url": "LOCAL_URL"}, "gpt-4o": "OPENAI_API_KEY"}
    llama = {"model": ["llama3"]}
    for arguments in ({}, {"model_api_key_map": keys}, {"model_api_key_map": keys, "filter_dict": llama}):
        expected = autogen.config_list_from_dotenv(str(tmp_path / ".env"), **arguments)
        assert namespace[config_calls.DOTENV](str(tmp_path / ".env"), **arguments) == expected
    for arguments in (
        (["k1", " ", "k2"],),
        (["k1", "k2"], ["http://a/v1", "http://b/v1"], "azure", "2024-02-01"),
    ):
        assert namespace[config_calls.KEYS](*arguments) == autogen.get_config_list(*arguments)
    variables = ("OPENAI_API_KEY", "OPENAI_API_BASE", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_API_BASE")
    (tmp_path / "key_openai.txt").write_text("sk-1\nsk-2\n")
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "key_aoai.txt").write_text("az-1")
    (tmp_path / "keys" / "base_aoai.txt").write_text("https://a.openai.azure.com")
    (tmp_path / "keys" / "base_openai.txt").write_text("http://localhost:1234/v1")
    (tmp_path / "keys" / "key_openai.txt").write_text("sk-local")
    counts = []
    for options in ({}, {"key_file_path": "keys"}, {"key_file_path": "keys", "exclude": "aoai"}, {"exclude": "openai"}):
        for name in variables:
            monkeypatch.delenv(name, raising=False)
        expected = autogen.config_list_openai_aoai(**options)
        for name in variables:
            monkeypatch.delenv(name, raising=False)
        assert namespace[config_calls.AOAI](**options) == expected, options
        counts.append(len(expected))
    assert counts == [2, 2, 1, 0]


@pytest.mark.parametrize("case", REPLIES, ids=lambda c: f"{c.path.stem}/{c.agent}")
def test_v02_reply_function_answers(case: Replies, monkeypatch: pytest.MonkeyPatch) -> None:
    """The answers ``programs.REPLIES`` expects are v0.2's: each message joins the agent's history."""
    if not autogen.__version__.startswith("0.2"):
        pytest.skip("needs AutoGen 0.2 (autogen-agentchat~=0.2.0)")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    agent = runpy.run_path(str(case.path))[case.agent]
    history: list[dict[str, Any]] = []
    answers = []
    for text in case.said:
        history.append({"content": text, "role": "user", "name": "user"})
        reply = agent.generate_reply(messages=history, sender=None)
        content = reply["content"] if isinstance(reply, dict) else reply
        history.append({"content": content, "role": "assistant", "name": agent.name})
        answers.append(content)
    assert answers == case.answers
