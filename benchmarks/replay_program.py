"""Run one migrated program with a replayed model and say whether it reached its chat and stopped.

    /path/to/v04/python benchmarks/replay_program.py PROGRAM.py [--reply TEXT ...]

Meant for an interpreter with autogen-agentchat and autogen-ext 0.7.5 (``migrate.py --run``
starts it with a timeout, stdin fed "exit" lines, the program's folder as working directory,
an ``OAI_CONFIG_LIST`` written there and every network address pointed at loopback).
Before the program is run as ``__main__``, the OpenAI and Azure OpenAI clients of
``autogen_ext.models.openai`` are replaced by a ``ReplayChatCompletionClient`` that answers
with the replies given (by default one working reply, then "TERMINATE"), the Docker code
executor by the local one (no Docker daemon is assumed), and the ``run`` and
``run_stream`` methods of teams and agents are wrapped to count the chats started and the
``TaskResult`` values they ended with; an agent asked for one reply (``on_messages`` outside
any run) counts as a chat that ended with its ``Response``. When the interpreter exits, one JSON line on stderr
prefixed ``REPLAY `` holds: ``chats`` started, ``results`` returned, ``calls`` to the model,
clients ``made`` and ``closed``, and the ``error`` the program ended with (or null).
"""

from __future__ import annotations

import argparse
import atexit
import json
import runpy
import sys
import traceback
from collections.abc import AsyncGenerator, Callable
from pathlib import Path
from typing import Any

MODEL_INFO = {
    "vision": False,
    "function_calling": True,
    "json_output": True,
    "family": "unknown",
    "structured_output": True,
}
STATE: dict[str, Any] = {"chats": 0, "results": 0, "calls": 0, "made": 0, "closed": 0, "error": None}


def replayed_clients(replies: list[str]) -> None:
    """Put a counting ``ReplayChatCompletionClient`` where the OpenAI clients are looked up."""
    from autogen_ext.models import openai as openai_models
    from autogen_ext.models.replay import ReplayChatCompletionClient

    class Replayed(ReplayChatCompletionClient):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__([*replies, *["TERMINATE"] * 200], model_info=MODEL_INFO)  # type: ignore[arg-type]
            STATE["made"] += 1

        async def create(self, *args: Any, **kwargs: Any) -> Any:
            STATE["calls"] += 1
            return await super().create(*args, **kwargs)

        def create_stream(self, *args: Any, **kwargs: Any) -> Any:
            STATE["calls"] += 1
            return super().create_stream(*args, **kwargs)

        async def close(self) -> None:
            STATE["closed"] += 1
            await super().close()

    openai_models.OpenAIChatCompletionClient = Replayed  # type: ignore[misc]
    openai_models.AzureOpenAIChatCompletionClient = Replayed  # type: ignore[misc]


def local_docker() -> None:
    """Code a Docker executor would run runs in a local one: the replay has no Docker daemon."""
    from autogen_ext.code_executors import docker
    from autogen_ext.code_executors.local import LocalCommandLineCodeExecutor

    class Local(LocalCommandLineCodeExecutor):
        def __init__(self, *args: Any, timeout: int = 60, work_dir: Any = None, **kwargs: Any) -> None:
            super().__init__(timeout=timeout, work_dir=work_dir)

    docker.DockerCommandLineCodeExecutor = Local  # type: ignore[misc,assignment]


def counted_chats() -> None:
    """Count every chat started and every ``TaskResult`` a team or an agent returned."""
    from autogen_agentchat.agents import AssistantAgent, BaseChatAgent
    from autogen_agentchat.base import Response, TaskResult
    from autogen_agentchat.teams import BaseGroupChat

    running = [0]
    """Runs under way: the replies agents give inside them are the run's, not chats of their own."""
    for answering in (BaseChatAgent, AssistantAgent):
        answer: Callable[..., Any] = answering.on_messages

        async def counted_answer(self: Any, *args: Any, _answer: Callable[..., Any] = answer, **kwargs: Any) -> Any:
            if running[0]:
                return await _answer(self, *args, **kwargs)
            STATE["chats"] += 1
            running[0] += 1
            try:
                response = await _answer(self, *args, **kwargs)
            finally:
                running[0] -= 1
            STATE["results"] += isinstance(response, Response)
            return response

        answering.on_messages = counted_answer  # type: ignore[method-assign]
    for owner in (BaseGroupChat, BaseChatAgent):
        run: Callable[..., Any] = owner.run
        stream: Callable[..., Any] = owner.run_stream

        def counted_run(self: Any, *args: Any, _run: Callable[..., Any] = run, **kwargs: Any) -> Any:
            async def go() -> Any:
                STATE["chats"] += 1
                running[0] += 1
                try:
                    result = await _run(self, *args, **kwargs)
                finally:
                    running[0] -= 1
                STATE["results"] += isinstance(result, TaskResult)
                return result

            return go()

        def counted_stream(
            self: Any, *args: Any, _stream: Callable[..., Any] = stream, **kwargs: Any
        ) -> AsyncGenerator[Any, None]:
            async def go() -> AsyncGenerator[Any, None]:
                STATE["chats"] += 1
                running[0] += 1
                try:
                    async for item in _stream(self, *args, **kwargs):
                        STATE["results"] += isinstance(item, TaskResult)
                        yield item
                finally:
                    running[0] -= 1

            return go()

        owner.run = counted_run  # type: ignore[method-assign]
        owner.run_stream = counted_stream  # type: ignore[method-assign]


def report() -> None:
    print("REPLAY " + json.dumps(STATE), file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("program", type=Path)
    parser.add_argument("--reply", action="append", help="what the model says, in order (repeatable)")
    args = parser.parse_args()
    replayed_clients(args.reply or ["Working on it."])
    local_docker()
    counted_chats()
    atexit.register(report)
    program = args.program.resolve()
    sys.argv = [str(program)]
    sys.path.insert(0, str(program.parent))
    try:
        runpy.run_path(str(program), run_name="__main__")
    except SystemExit as stop:
        if stop.code not in (None, 0):
            STATE["error"] = f"SystemExit({stop.code!r})"
    except BaseException as error:  # the program's own failure is the measurement
        last = traceback.extract_tb(error.__traceback__)[-1]
        STATE["error"] = f"{type(error).__name__}: {str(error)[:200]} ({Path(last.filename).name}:{last.lineno})"


if __name__ == "__main__":
    main()
