"""The v0.2 programs of ``tests/fixtures/migrate`` stop where ``stopping_points`` says (``tox -e migrate-v02``).

Each program runs on AutoGen 0.2 with the model replaced by its script (the replies are counted),
a person who types ``exit``, and an ``OAI_CONFIG_LIST`` file: the count is the stopping point the
migrated program must reach too (``test_migrated_programs``).
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import runpy
from pathlib import Path
from typing import Any

import pytest

autogen = pytest.importorskip("autogen")
if not autogen.__version__.startswith("0.2."):
    pytest.skip("needs the v0.2 `autogen` package", allow_module_level=True)

from autogen.agentchat.conversable_agent import ConversableAgent  # noqa: E402
from stopping_points import OAI_CONFIG_LIST, STOPS  # noqa: E402

FIXTURES = Path(__file__).parents[1] / "fixtures" / "migrate"


@pytest.mark.parametrize("name", sorted(STOPS))
def test_v02_program_stops_where_the_table_says(name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    script, calls = STOPS[name]
    asked: list[str] = []

    def replayed(self: ConversableAgent, client: Any, messages: Any, cache: Any) -> str:
        asked.append(self.name)
        return script[len(asked) - 1]

    monkeypatch.setattr(ConversableAgent, "_generate_oai_reply_from_client", replayed)
    monkeypatch.setattr(builtins, "input", lambda prompt="": "exit")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.delenv("OAI_CONFIG_LIST", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.argv", ["program", "What is 6 * 7?"])
    (tmp_path / "OAI_CONFIG_LIST").write_text(json.dumps(OAI_CONFIG_LIST))
    with contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(str(FIXTURES / f"{name}.py"), run_name="__main__")
    assert len(asked) == calls, asked
