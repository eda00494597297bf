"""The codemod's conversations: what it keeps as v0.2, with which TODO, beside what it rewrites."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("libcst")

from autogen_lint.config import Config
from autogen_lint.discovery import Found, Kind
from autogen_lint.migrate.driver import migrate_text
from autogen_lint.migrate.reaching import ResultBinding, results_at

HEAD = """import autogen

llm_config = {"config_list": [{"model": "gpt-4o"}]}
poet = autogen.AssistantAgent("poet", llm_config=llm_config)
critic = autogen.AssistantAgent("critic", llm_config=llm_config)
"""


def migrate(source: str, tmp_path: Path) -> tuple[str, int]:
    path = tmp_path / "program.py"
    path.write_text(source, "utf-8")
    return migrate_text(source, Found(path, Kind.PYTHON), Config(root=tmp_path))


def test_a_manager_that_asks_a_person_keeps_its_group_chat(tmp_path: Path) -> None:
    source = HEAD + (
        "chat = autogen.GroupChat(agents=[poet, critic], messages=[], max_round=4)\n"
        'manager = autogen.GroupChatManager(groupchat=chat, llm_config=llm_config, human_input_mode="ALWAYS")\n'
        'critic.initiate_chat(manager, message="A poem.")\n'
        'poet.initiate_chat(critic, message="Judge this.", max_turns=1)\n'
    )
    new, todos = migrate(source, tmp_path)
    assert "# TODO(autogen-lint AGL301): the group chat manager asks a person (`human_input_mode`)" in new
    assert "manager = autogen.GroupChatManager(" in new
    assert todos >= 1


def test_a_sequence_whose_message_is_a_function_stays_and_the_rest_is_rewritten(tmp_path: Path) -> None:
    source = HEAD + (
        "def opening(sender, recipient, context):\n"
        '    return "Write a poem."\n'
        "\n"
        'critic.initiate_chats([{"recipient": poet, "message": opening, "max_turns": 1}])\n'
        'writer = autogen.AssistantAgent("writer", llm_config=llm_config)\n'
        'editor = autogen.AssistantAgent("editor", llm_config=llm_config)\n'
        'editor.initiate_chat(writer, message="A limerick.", max_turns=1)\n'
    )
    new, _ = migrate(source, tmp_path)
    assert "# TODO(autogen-lint AGL302): a chat's message is not a string" in new
    assert "critic.initiate_chats(" in new
    assert "team = RoundRobinGroupChat([writer, editor], max_turns=1)" in new
    assert "llm_config = {" in new  # the kept v0.2 agents still read it


def test_an_agent_rebound_in_a_loop_stays_v02(tmp_path: Path) -> None:
    source = HEAD + (
        "for topic in ['sea', 'sky']:\n"
        '    poet = autogen.AssistantAgent("poet", llm_config=llm_config)\n'
        "    critic.initiate_chat(poet, message=topic, max_turns=1)\n"
    )
    new, _ = migrate(source, tmp_path)
    assert "`poet` is bound to more than one agent here" in new


def test_a_result_read_after_a_branch_needs_the_chats_to_agree() -> None:
    last, reflected = ResultBinding(3, "result", True, False), ResultBinding(5, "result", "summary", False)
    assert results_at([last, reflected], 9) == {"result": False}
    assert results_at([last, reflected], 4) == {"result": True}
    assert results_at([last, ResultBinding(5, "result", "summary", True)], 9) == {"result": "summary"}
    assert results_at([last], 1) == {"result": True}  # read in a loop before the chat: the chat of the last round


def test_generate_reply_after_a_chat_keeps_its_todo(tmp_path: Path) -> None:
    """The v0.4 agent remembers the chat, and a reset would make it forget it: v0.2's agent kept both apart."""
    source = HEAD + (
        'critic.initiate_chat(poet, message="A poem.", max_turns=1)\n'
        'line = poet.generate_reply(messages=[{"content": "One more line.", "role": "user"}])\n'
        'judge = autogen.AssistantAgent("judge", llm_config=llm_config)\n'
        'verdict = judge.generate_reply(messages=[{"content": "TERMINATE", "role": "user"}])\n'
        'opinion = judge.generate_reply(messages=[{"content": "Is it good?", "role": "user"}])\n'
    )
    new, _ = migrate(source, tmp_path)
    assert "# TODO(autogen-lint AGL501): `poet.generate_reply` is v0.2 agent API" in new
    assert "line = poet.generate_reply(" in new
    assert "verdict = judge.generate_reply(" in new  # v0.2 answered None: the message ends judge's chat
    assert 'await judge.on_messages([TextMessage(content="Is it good?", source="user")], CancellationToken())' in new
    assert "await judge.on_reset(CancellationToken())" in new


def test_a_speaker_after_whom_no_one_may_speak_keeps_the_group_chat(tmp_path: Path) -> None:
    """v0.2 ended the chat after such a speaker; a v0.4 ``candidate_func`` cannot end it."""
    source = HEAD + (
        "chat = autogen.GroupChat(agents=[poet, critic], messages=[], max_round=4,\n"
        "    allowed_or_disallowed_speaker_transitions={poet: [critic]}, speaker_transitions_type='allowed')\n"
        "manager = autogen.GroupChatManager(groupchat=chat, llm_config=llm_config)\n"
        'poet.initiate_chat(manager, message="A poem.")\n'
        'writer = autogen.AssistantAgent("writer", llm_config=llm_config)\n'
        'writer.initiate_chat(poet, message="Hello.", max_turns=1)\n'
    )
    new, _ = migrate(source, tmp_path)
    assert "no agent may speak after `critic`: v0.2 ended the chat there" in new
    assert "chat = autogen.GroupChat(" in new


def test_disallowed_transitions_are_turned_into_the_allowed_ones(tmp_path: Path) -> None:
    source = HEAD + (
        'judge = autogen.AssistantAgent("judge", llm_config=llm_config)\n'
        "chat = autogen.GroupChat(agents=[poet, critic, judge], messages=[], max_round=4,\n"
        "    allowed_or_disallowed_speaker_transitions={poet: [poet, judge]}, speaker_transitions_type='disallowed')\n"
        "manager = autogen.GroupChatManager(groupchat=chat, llm_config=llm_config)\n"
        'judge.initiate_chat(manager, message="A poem.")\n'
    )
    new, todos = migrate(source, tmp_path)
    assert todos == 0
    assert '"poet": ["critic"],' in new
    assert '"critic": ["poet", "critic", "judge"],' in new
    assert '"user": ["poet", "critic", "judge"],' in new  # the judge opened the chat: its own entry


def test_the_group_chat_may_be_given_to_its_manager_by_position(tmp_path: Path) -> None:
    source = HEAD + (
        "chat = autogen.GroupChat([poet, critic], messages=[], max_round=3)\n"
        "manager = autogen.GroupChatManager(chat, llm_config=llm_config)\n"
        'poet.initiate_chat(manager, message="A poem.")\n'
    )
    new, todos = migrate(source, tmp_path)
    assert todos == 0
    assert "team = SelectorGroupChat(" in new
    assert "GroupChatManager" not in new


def test_agents_whose_tool_stays_v02_stay_v02_with_their_chat(tmp_path: Path) -> None:
    """A v0.4 agent without the tool would answer differently; a v0.2 decorator on a v0.4 agent would fail."""
    source = HEAD + (
        "\n\n@critic.register_for_execution()\n"
        '@poet.register_for_llm(description="Rhymes.")\n'
        '@critic.register_for_llm(description="Rhymes.")\n'
        "def rhymes(word: str) -> str:\n"
        '    return word + "ing"\n\n\n'
        'critic.initiate_chat(poet, message="A poem.", max_turns=1)\n'
        'writer = autogen.AssistantAgent("writer", llm_config=llm_config)\n'
        'editor = autogen.AssistantAgent("editor", llm_config=llm_config)\n'
        'editor.initiate_chat(writer, message="A limerick.", max_turns=1)\n'
    )
    new, _ = migrate(source, tmp_path)
    assert 'poet = autogen.AssistantAgent("poet", llm_config=llm_config)' in new
    assert 'critic.initiate_chat(poet, message="A poem.", max_turns=1)' in new
    assert 'writer = AssistantAgent("writer", model_client=model_client)' in new


def test_a_started_executor_that_reads_a_later_name_keeps_its_agent(tmp_path: Path) -> None:
    """The Docker executor starts before the block's first agent; a directory made after it is not there yet."""
    source = (
        "import tempfile\n\n"
        "import autogen\n"
        "from autogen.coding import DockerCommandLineCodeExecutor\n\n"
        'llm_config = {"config_list": [{"model": "gpt-4o"}]}\n'
        'coder = autogen.AssistantAgent("coder", llm_config=llm_config)\n'
        "work = tempfile.TemporaryDirectory()\n"
        "executor = DockerCommandLineCodeExecutor(work_dir=work.name)\n"
        "runner = autogen.UserProxyAgent(\n"
        '    "runner", human_input_mode="NEVER", code_execution_config={"executor": executor}\n'
        ")\n"
        'runner.initiate_chat(coder, message="Print 42.")\n'
    )
    new, _ = migrate(source, tmp_path)
    assert "the executor of `runner` reads `work`, made after the first agent of its block" in new
    assert "runner.initiate_chat(coder" in new
