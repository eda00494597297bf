"""``autogen-lint migrate`` on notebooks the whole-program rewrite refuses: statement by statement, cell by cell."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("libcst")

from autogen_lint.fix.apply import python_error
from autogen_lint.notebooks import check_notebook, python_lines
from autogen_lint.settings import Settings
from autogen_lint.source import split_lines

FIXTURES = Path(__file__).parent / "fixtures" / "migrate"
EXECUTABLE = Path(sys.executable).with_name("autogen-lint")
TODO = "# TODO(autogen-lint "
CASES = {
    "notebook_kept_chat": 7,  # the poem chat is rewritten; the chat with a v0.2 subclass stays with its TODOs
    "notebook_pip_functions": 6,  # `%%capture` + `%pip install pyautogen`; a chat in a function, awaited by cells
    "notebook_redefined_agents": 2,  # a later cell defines an agent again; each chat runs the agent of its time
}


def command(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXECUTABLE), "migrate", *map(str, args)], cwd=cwd, capture_output=True, text=True, check=False
    )


def sources(raw: bytes) -> list[str]:
    return ["".join(cell["source"]) for cell in json.loads(raw)["cells"]]


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_installed_command_rewrites_what_it_can_and_settles(tmp_path: Path, name: str) -> None:
    target = tmp_path / f"{name}.ipynb"
    shutil.copy(FIXTURES / f"{name}.ipynb", target)
    first = command(target.name, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    todos = f"{CASES[name]} TODO" + ("s" if CASES[name] != 1 else "")
    assert f"Migrated {name}.ipynb ({todos})" in first.stdout, first.stdout
    expected = (FIXTURES / f"{name}.migrated.ipynb").read_bytes()
    assert target.read_bytes() == expected
    assert sum(source.count(TODO) for source in sources(expected)) == CASES[name]
    second = command(target.name, cwd=tmp_path)
    assert f"{name}.ipynb: left unchanged: nothing the codemod can rewrite" in second.stdout, second.stdout
    assert target.read_bytes() == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_cells_outputs_and_magics_are_kept(name: str) -> None:
    before = json.loads((FIXTURES / f"{name}.ipynb").read_bytes())
    after = json.loads((FIXTURES / f"{name}.migrated.ipynb").read_bytes())
    assert before["metadata"] == after["metadata"]
    assert len(before["cells"]) == len(after["cells"])
    for old, new in zip(before["cells"], after["cells"], strict=True):
        assert {k: v for k, v in old.items() if k != "source"} == {k: v for k, v in new.items() if k != "source"}
        old_lines = "".join(old["source"]).splitlines()
        new_lines = "".join(new["source"]).splitlines()
        old_magics = [line.split()[0] for line in old_lines if line.startswith(("%", "!"))]
        assert old_magics == [line.split()[0] for line in new_lines if line.startswith(("%", "!"))]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_cell_compiles_with_top_level_await_and_no_v04_rule_breaks(name: str) -> None:
    raw = (FIXTURES / f"{name}.migrated.ipynb").read_bytes()
    for cell in json.loads(raw)["cells"]:
        source = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
        assert python_error("\n".join(python_lines(split_lines(source))), top_level_await=True) is None, source
    assert not [f for f in check_notebook(raw, Settings()).findings if f.code.startswith("AGL7")]
    assert "asyncio.run" not in raw.decode()


def test_the_statement_that_stays_keeps_its_todo_in_its_own_cell() -> None:
    after = sources((FIXTURES / "notebook_kept_chat.migrated.ipynb").read_bytes())
    before = sources((FIXTURES / "notebook_kept_chat.ipynb").read_bytes())
    kept = next(i for i, source in enumerate(before) if "listener.initiate_chat(" in source)
    assert after[kept].startswith(f"{TODO}AGL301): `echo` is not an agent the codemod rewrote")
    assert "listener.initiate_chat(echo, message=result.messages[-1].to_text())" in after[kept]
    # the rewritten chat is awaited where it stood; the client is closed at the end of the last cell
    chat = next(i for i, source in enumerate(before) if "reader.initiate_chat(" in source)
    assert "result = await Console(team.run_stream(task=" in after[chat]
    assert after[-1].endswith("\n\nawait model_client.close()")
    assert after[2].endswith("import autogen")  # the kept statements still read `autogen`
    assert after[1] == '%pip install pyautogen "autogen-agentchat~=0.7.5" "autogen-ext[openai]~=0.7.5"'


def test_a_function_that_now_awaits_is_awaited_by_the_cells_that_call_it() -> None:
    after = sources((FIXTURES / "notebook_pip_functions.migrated.ipynb").read_bytes())
    assert (
        after[0]
        == '%%capture --no-stderr\n%pip install -q pyautogen "autogen-agentchat~=0.7.5" "autogen-ext[openai]~=0.7.5"'
    )
    assert after[4].startswith("async def ask(question: str) -> str:\n")
    assert after[5] == 'answer = await ask("What is 20 dollars in euros?")'
    assert after[6] == 'print(answer)\nprint(await ask("And 5 dollars?"))'


def _with_cell(tmp_path: Path, source: str, at: int = 2) -> tuple[Path, list[str]]:
    """notebook_tools.ipynb with one more code cell, written to ``tmp_path``."""
    notebook = json.loads((FIXTURES / "notebook_tools.ipynb").read_text("utf-8"))
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
    notebook["cells"].insert(at, cell)
    target = tmp_path / "extra.ipynb"
    target.write_text(json.dumps(notebook, indent=1), "utf-8")
    return target, sources(target.read_bytes())


def test_a_cell_that_does_not_parse_and_names_nothing_of_the_others_stays_as_it_is(tmp_path: Path) -> None:
    shell = "git clone https://example.org/server.git\ncd server\npython -m server --port 8000\n"
    target, before = _with_cell(tmp_path, shell)
    result = command(target.name, cwd=tmp_path)
    assert "Migrated extra.ipynb" in result.stdout, result.stdout
    after = sources(target.read_bytes())
    assert after[2] == shell
    assert after[8] != before[8]  # the chat is rewritten


def test_a_cell_that_does_not_parse_and_names_an_agent_stops_the_rewrite(tmp_path: Path) -> None:
    target, _ = _with_cell(tmp_path, "user_proxy.reset(\n", at=8)
    original = target.read_bytes()
    result = command(target.name, cwd=tmp_path)
    reason = (
        "extra.ipynb: left unchanged: cell 9 cannot be read (SyntaxError: '(' was never closed) and names `user_proxy`"
    )
    assert reason in result.stdout, result.stdout
    assert target.read_bytes() == original


def test_a_shell_line_continued_with_a_backslash_is_one_ipython_line(tmp_path: Path) -> None:
    shell = "!curl -s https://example.org/rates.json \\\n    --output rates.json\n"
    target, _ = _with_cell(tmp_path, shell)
    result = command(target.name, cwd=tmp_path)
    assert "Migrated extra.ipynb" in result.stdout, result.stdout
    assert sources(target.read_bytes())[2] == shell


def test_a_match_statement_does_not_stop_the_statement_level_rewrite(tmp_path: Path) -> None:
    notebook = json.loads((FIXTURES / "notebook_kept_chat.ipynb").read_text("utf-8"))
    code = "match len(result.summary):\n    case 0:\n        print('nothing')\n    case _:\n        print('a poem')\n"
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": code}
    notebook["cells"].insert(6, cell)
    target = tmp_path / "matched.ipynb"
    target.write_text(json.dumps(notebook, indent=1), "utf-8")
    result = command(target.name, cwd=tmp_path)
    assert "Migrated matched.ipynb (7 TODOs)" in result.stdout, result.stdout
    assert sources(target.read_bytes())[6] == code.replace("result.summary", "result.messages[-1].to_text()")


def test_an_agent_defined_again_in_a_later_cell_is_rewritten_in_both_cells() -> None:
    after = sources((FIXTURES / "notebook_redefined_agents.migrated.ipynb").read_bytes())
    first = after.index(
        'team = RoundRobinGroupChat([guide], max_turns=1)\nawait Console(team.run_stream(task="Where is the museum?"))'
    )
    second = next(i for i, source in enumerate(after) if "Answer in French" in source)
    assert first < second
    assert after[second].startswith('guide = AssistantAgent("guide", system_message="Answer in French')
    assert after[second].endswith("model_client=model_client)")
    assert 'await Console(team_2.run_stream(task="Where is the station?"))' in after[second + 1]
    assert after[-1] == "await model_client.close()"  # the last cell was empty


def test_an_agent_bound_again_under_a_condition_stays_v02(tmp_path: Path) -> None:
    """Which agent the chat meets depends on the branch taken: the codemod cannot tell, so it keeps both."""
    from autogen_lint.config import Config
    from autogen_lint.discovery import Found, Kind
    from autogen_lint.migrate.driver import migrate_text

    text = (
        "import autogen\n\n"
        'CONFIG = {"config_list": [{"model": "gpt-4o"}]}\n\n\n'
        "def run(french: bool) -> None:\n"
        '    guide = autogen.AssistantAgent("guide", llm_config=CONFIG)\n'
        '    visitor = autogen.UserProxyAgent("visitor", human_input_mode="NEVER", code_execution_config=False)\n'
        "    if french:\n"
        '        guide = autogen.AssistantAgent("guide", system_message="En français.", llm_config=CONFIG)\n'
        '    visitor.initiate_chat(guide, message="Hi", max_turns=1)\n'
    )
    path = tmp_path / "branches.py"
    new, _ = migrate_text(text, Found(path, Kind.PYTHON), Config(root=tmp_path))
    assert "`guide` is bound to more than one agent here" in new
    assert '    visitor.initiate_chat(guide, message="Hi", max_turns=1)\n' in new
    assert "AssistantAgent(" not in new.replace("autogen.AssistantAgent(", "")


def test_a_v02_name_imported_again_in_a_later_cell_is_imported_once(tmp_path: Path) -> None:
    """The first import's name is read by nothing before the second import once its agents are v0.4."""
    from autogen_lint.migrate.proof import name_errors

    def cell(source: str) -> dict[str, object]:
        return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}

    cells = [
        cell("import os\n\nfrom autogen import AssistantAgent, UserProxyAgent"),
        cell(
            'config = {"config_list": [{"model": "gpt-4o", "api_key": os.environ["OPENAI_API_KEY"]}]}\n'
            'helper = AssistantAgent("helper", llm_config=config)\n'
            'asker = UserProxyAgent("asker", human_input_mode="NEVER", code_execution_config=False)\n'
            'asker.initiate_chat(helper, message="Hello", max_turns=1)'
        ),
        cell("from autogen import AssistantAgent\n\n\nclass Careful(AssistantAgent):\n    pass"),
    ]
    target = tmp_path / "again.ipynb"
    target.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), "utf-8")
    result = command(target.name, cwd=tmp_path)
    assert "Migrated again.ipynb" in result.stdout, result.stdout
    after = sources(target.read_bytes())
    assert "from autogen import" not in after[0]
    assert after[2].startswith("# TODO(autogen-lint AGL501): `Careful` subclasses the v0.2 `AssistantAgent`")
    assert "class Careful(autogen.AssistantAgent):" in after[2]  # the v0.4 `AssistantAgent` took the name
    assert not name_errors("\n".join(after))
