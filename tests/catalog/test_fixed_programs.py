"""Fixed v0.4 programs run on AutoGen 0.7.5 (``tox -e fixes-v04``), and the originals did not.

Each program in ``tests/fixtures/fixes_v04`` is fixed with ``--fix --unsafe-fixes`` through the
engine, then run with ``OpenAIChatCompletionClient`` replaced by a
``ReplayChatCompletionClient`` that counts its ``close()`` calls. The fixed program must finish,
close every client it made, and leave no coroutine unawaited; the original must fail one of
those, or the fix proved nothing.
"""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("autogen_agentchat", minversion="0.4")

from autogen_ext.models import openai as openai_models
from autogen_ext.models.replay import ReplayChatCompletionClient

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.fix.apply import fix_text
from autogen_lint.runner import check_text

PROGRAMS = sorted((Path(__file__).parents[1] / "fixtures" / "fixes_v04").glob("*.py"))


class CountingClient(ReplayChatCompletionClient):
    """A replayed model that records how many were made and how many were closed."""

    made = 0
    closed = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(["Hello there."] * 10)
        type(self).made += 1

    async def close(self) -> None:
        type(self).closed += 1
        await super().close()


@pytest.fixture
def replayed(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[CountingClient]]:
    CountingClient.made = CountingClient.closed = 0
    monkeypatch.setattr(openai_models, "OpenAIChatCompletionClient", CountingClient)
    yield CountingClient


def fixed(path: Path) -> str:
    config = Config(root=path.parent, unsafe_fixes=True)
    item = Found(path, Kind.PYTHON)
    outcome = fix_text(path.read_text("utf-8"), lambda text: check_text(item, config, text).findings, config.applies)
    assert outcome.error is None and outcome.changed, outcome.error
    assert not [f for f in outcome.findings if f.code.startswith("AGL7")], outcome.findings
    return outcome.document


def run(source: str, path: Path) -> tuple[BaseException | None, list[str]]:
    """Run the program's ``main()``; the exception it raised, and the never-awaited warnings."""
    namespace: dict[str, Any] = {"__name__": "fixed_program"}
    exec(compile(source, str(path), "exec"), namespace)
    error: BaseException | None = None
    gc.collect()  # warnings about earlier programs' coroutines are theirs, not this one's
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            asyncio.run(namespace["main"]())
        except Exception as raised:
            error = raised
        namespace.clear()
        gc.collect()
    return error, [str(w.message) for w in caught if "never awaited" in str(w.message)]


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_fixed_program_runs_and_closes_its_client(path: Path, replayed: type[CountingClient]) -> None:
    error, unawaited = run(fixed(path), path)
    assert error is None, repr(error)
    assert not unawaited
    assert replayed.made >= 1 and replayed.closed == replayed.made


@pytest.mark.parametrize("path", [p for p in PROGRAMS if p.stem != "close_late"], ids=lambda p: p.stem)
def test_original_program_fails(path: Path, replayed: type[CountingClient]) -> None:
    error, unawaited = run(path.read_text("utf-8"), path)
    assert error is not None or unawaited or replayed.closed < replayed.made


def test_close_on_error_path(replayed: type[CountingClient], monkeypatch: pytest.MonkeyPatch) -> None:
    """AGL702's fix: the close now runs when the run raises (the original closes only without an error)."""
    from autogen_agentchat.agents import AssistantAgent

    async def failing_run(self: AssistantAgent, **kwargs: Any) -> None:
        raise RuntimeError("network down")

    monkeypatch.setattr(AssistantAgent, "run", failing_run)
    path = next(p for p in PROGRAMS if p.stem == "close_late")
    original_error, _ = run(path.read_text("utf-8"), path)
    assert isinstance(original_error, RuntimeError) and replayed.closed == 0
    error, _ = run(fixed(path), path)
    assert isinstance(error, RuntimeError) and replayed.closed == 1
