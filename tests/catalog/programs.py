"""The v0.2 programs both ends run: what the model says, what the person types, when v0.2 stops.

``test_v02_programs.py`` (``tox -e migrate-v02``) runs each v0.2 program on autogen-agentchat
0.2 with these replies and checks the number of model calls and the tools called;
``test_migrated_programs.py`` (``tox -e migrate-v04``) migrates the same program, runs it on
0.7.5 with the same replies, and checks the same numbers. The counts are derived from v0.2's
sources (``ConversableAgent.check_termination_and_human_reply``, ``GroupChatManager.run_chat``)
and written next to each program; the v0.2 run proves them.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parents[1] / "fixtures" / "migrate"
OAI_CONFIG_LIST = [{"model": "gpt-4o-mini", "api_key": "sk-from-the-file"}, {"model": "gpt-4o", "api_key": "sk-2"}]
"""The ``OAI_CONFIG_LIST`` file in the working directory of both runs."""
CODE = "```python\nprint(6 * 7)\n```"


@dataclass(frozen=True)
class ToolCall:
    """The model asks for one tool call."""

    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True)
class Run:
    """One program, the replies the model gives in order, and what v0.2 does with them."""

    path: Path
    replies: list[str | ToolCall]
    calls: int
    """Model calls the v0.2 program makes before it stops."""
    why: str
    """Why v0.2 stops there."""
    tools: list[str] = field(default_factory=list)
    """Tools called, in order."""
    inputs: list[str] = field(default_factory=list)
    """What the person types, in order (then "exit")."""
    v02: bool = True
    """Whether the program runs on v0.2 alone (a half-migrated one also needs v0.4)."""
    output: str | None = None
    """Something the program prints (its code's output, a summary)."""
    todos: int = 0
    """TODO comments the migrated program keeps (things to check that do not stop it running)."""
    prompts: list[int] | None = None
    """How many messages the model is given on each call (what the agents remember), where checked."""
    model: str | None = None
    """The model every call goes to, where checked."""
    offered: bool = False
    """Whether every model call is offered the functions the program's ``llm_config`` lists, as written."""

    def tool_calls(self) -> list[tuple[str, dict[str, Any]]]:
        """The tool calls the model asks for, in order: each runs with these arguments."""
        return [(reply.name, reply.arguments) for reply in self.replies if isinstance(reply, ToolCall)]

    def functions(self) -> list[Offer]:
        """The functions the program's ``llm_config`` offers the model (its literal ``"functions"`` list)."""
        for node in ast.walk(ast.parse(self.path.read_text("utf-8"))):
            if isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "functions":
                        return [offer(schema) for schema in ast.literal_eval(value)]
        return []


Offer = tuple[str, str, dict[str, Any], list[str]]


def offer(schema: Mapping[str, Any]) -> Offer:
    """What the model is told of a function: name, description, parameters' properties, required ones.

    A function offered without ``parameters`` takes none (v0.4 sends ``{}``, or an empty object).
    """
    parameters = schema.get("parameters") or {}
    return (
        schema["name"],
        schema.get("description", ""),
        parameters.get("properties", {}),
        sorted(parameters.get("required", [])),
    )


RUNS = [
    Run(
        FIXTURES / "programs" / "function_main.py",
        ["The Louvre.", "TERMINATE"],
        calls=2,
        why='the visitor has v0.2\'s default is_termination_msg: a reply that is exactly "TERMINATE"',
    ),
    Run(
        FIXTURES / "programs" / "async_tools.py",
        [ToolCall("shipping_days", {"country": "Japan"}), "Six days. TERMINATE"],
        calls=2,
        why="the tool's result goes back to the clerk, whose next reply mentions TERMINATE",
        tools=["shipping_days"],
    ),
    Run(
        FIXTURES / "programs" / "class_based.py",
        ["Plants turn light into sugar. TERMINATE"],
        calls=1,
        why="the first reply ends with TERMINATE",
        output="Plants turn light into sugar.",
    ),
    Run(
        FIXTURES / "programs" / "oai_config_list.py",
        ["Day one: Alfama.", "Day two: Belem.", "Take tram 28.", "Try the pastries."],
        calls=4,
        why="no reply says TERMINATE: the traveller auto-replies 3 times (max_consecutive_auto_reply=3), "
        "each answered by the planner, then stops",
    ),
    Run(
        FIXTURES / "programs" / "config_list_fallbacks.py",
        ["2, 3 and 5.", "TERMINATE", "More."],
        calls=2,
        why='the first entry answers every request (none fails); the second reply is exactly "TERMINATE"',
        model="gpt-4o-mini",
    ),
    Run(
        FIXTURES / "programs" / "settings_left_unused.py",
        ["Which river is the longest?", "TERMINATE"],
        calls=2,
        why='the player has v0.2\'s default is_termination_msg: the second reply is exactly "TERMINATE"; the '
        "Claude settings build nothing and the chat is not given the cache",
    ),
    Run(
        FIXTURES / "programs" / "group_max_round.py",
        ["Cleaner air.", "Fewer deliveries.", "Safer streets.", "Lost shops."],
        calls=3,
        why="max_round=4 counts the opening message as round 1: three speakers reply",
    ),
    Run(
        FIXTURES / "programs" / "sequential_chats.py",
        ["Owls can turn their heads 270 degrees.", "Owls turn heads far around.", "Owls turn far."],
        calls=3,
        why="max_turns=1 in each chat; reflection_with_llm asks the researcher's model once more after the "
        "first; the second chat's message carries that summary after v0.2's \"Context: \" line",
        output="Shorten this fact.\nContext: \nOwls turn heads far around.",
        prompts=[2, 3, 2],
    ),
    Run(
        FIXTURES / "programs" / "results_read.py",
        ["Lisbon. TERMINATE", "A hat.", "Pack a hat for Lisbon."],
        calls=3,
        why="max_turns=1 in each chat; reflection_with_llm asks the packer's model once more after the second; "
        "the loop prints each chat's summary (the first chat's last message without \"TERMINATE\")",
        output="Lisbon. \nPack a hat for Lisbon.",
    ),
    Run(
        FIXTURES / "programs" / "system_message_read.py",
        ["Rain taps the roof.", "More."],
        calls=1,
        why="max_turns=1: the haiku poet replies once; the reader has no model",
        output="Write short poems. Use three lines.",
    ),
    Run(
        FIXTURES / "programs" / "reply_then_chats.py",
        ["What has keys but no locks?", "What has a neck but no head?", "A bottle.", "Two riddles asked."],
        calls=4,
        why="generate_reply answers once; each chat has max_turns=1 (one reply of the teller); the second "
        "chat's reflection_with_llm asks once more (summary_prompt= given to initiate_chat was never read)",
        output="Two riddles asked.",
        prompts=[2, 2, 2, 3],
    ),
    Run(
        FIXTURES / "programs" / "send_goes_on.py",
        ["Hi Bob.", "How are you?", "Fine, bye.", "Yes?", "Nothing, bye.", "More."],
        calls=5,
        why="the chat (no max_turns) stops when bob reads ann's bye; ann's send goes on with it: bob answers "
        "first, remembering the chat, until ann's next bye (v0.4: without ann's bye, which the first team "
        "never handed to bob, so the model calls are checked, not what bob remembers)",
    ),
    Run(
        FIXTURES / "programs" / "send_after_turns.py",
        ["Hi Bob.", "More."],
        calls=1,
        why="max_turns=1: ann replies once; after a chat with max_turns bob does not answer a message sent to "
        "him, which v0.2 only printed",
        output="ann (to bob):\n\nOne more thing, Bob.",
    ),
    Run(
        FIXTURES / "programs" / "reply_chat_send.py",
        ["Welcome to the quiz.", "First question?", "Paris.", "Right, bye.", "Go on.", "The Nile, bye.", "More."],
        calls=6,
        why="generate_reply answers once; the chat stops at the host's bye, read by the player; the host's send "
        "goes on with it, the player answering first, until the player's bye, read by the host",
    ),
    Run(
        FIXTURES / "agent_reset.py",
        ["Rivers flow to the sea.", "Mountains rise.", "More."],
        calls=2,
        why="max_turns=1 in each of the two chats; teacher.reset() only empties what the teacher remembers",
        prompts=[2, 2],
    ),
    Run(
        FIXTURES / "one_reply.py",
        ["Two atoms walk into a bar.", "A second joke.", "More."],
        calls=2,
        why="generate_reply answers once and keeps nothing; the chat (max_turns=1) has one reply",
        output="Two atoms walk into a bar.",
        prompts=[2, 2],
    ),
    Run(
        FIXTURES / "one_reply_alone.py",
        ["Rain on the roof.", "More."],
        calls=1,
        why="a script without a chat: generate_reply asks the model once, and the program prints the answer",
        output="Rain on the roof.",
        prompts=[2],
    ),
    Run(
        FIXTURES / "one_reply_unused_agent.py",
        ["Bonjour.", "More."],
        calls=1,
        why="one answer from the translator; the reviewer is built and never asked",
        output="Bonjour.",
        prompts=[2],
    ),
    Run(
        FIXTURES / "group_chat_task_mentions.py",
        ["Here are the tests.", "Sorted. TERMINATE", "More."],
        calls=2,
        why="the opening message mentions TERMINATE but does not end with it; the coder's reply does, "
        "and the manager's check stops the chat",
    ),
    Run(
        FIXTURES / "programs" / "speaker_transitions.py",
        ["Here is the code.", "Add tests.", "planner", "Plan: tests first.", "Tests added."],
        calls=5,
        why="max_round=5: four replies; the engineer and the critic follow alone (no model call), "
        "after the critic the model picks between two (one call)",
    ),
    Run(
        FIXTURES / "async_chat.py",
        ["Air scatters blue light most.", "More."],
        calls=1,
        why="a_initiate_chat(max_turns=1): one reply, which the program prints",
        output="Air scatters blue light most.",
    ),
    Run(
        FIXTURES / "programs" / "half_migrated.py",
        ["Rayleigh scattering. TERMINATE", "Air scatters blue light most."],
        calls=2,
        why="the v0.2 chat stops at its first reply (TERMINATE), then the v0.4 summarizer answers once",
        v02=False,
    ),
    Run(
        FIXTURES / "guide" / "two_agent_chat.py",
        ["```python\nprint([n * n for n in range(1, 6)])\n```", "Right. TERMINATE"],
        calls=2,
        why="the runner runs the code, the coder's next reply ends with TERMINATE",
        output="[1, 4, 9, 16, 25]",
    ),
    Run(
        FIXTURES / "guide" / "tool_use.py",
        [ToolCall("exchange_rate", {"currency": "USD"}), "One euro buys 1.08 dollars."],
        calls=2,
        why="max_consecutive_auto_reply=1 ends the caller's turn after the tool call; "
        'summary_method="reflection_with_llm" asks the model once more',
        tools=["exchange_rate"],
        inputs=["How many dollars is a euro?"],
        output="One euro buys 1.08 dollars.",
    ),
    Run(
        FIXTURES / "guide" / "group_chat.py",
        ["Rain taps the window.", "APPROVE"],
        calls=2,
        why="the writer's is_termination_msg sees the reviewer's APPROVE and the writer does not reply",
    ),
    Run(
        FIXTURES / "tool_type_alias.py",
        [ToolCall("convert", {"amount": 3, "unit": "kg"}), "TERMINATE"],
        calls=2,
        why='the desk runs the tool; the clerk\'s next reply is exactly "TERMINATE"',
        tools=["convert"],
    ),
    Run(
        FIXTURES / "tool_function_map.py",
        [ToolCall("find_shelf", {"title": "Dune"}), "Dune is on shelf B4. TERMINATE"],
        calls=2,
        why="the reader runs the function its function_map names; the librarian's next reply mentions TERMINATE",
        tools=["find_shelf"],
    ),
    Run(
        FIXTURES / "tool_function_map_schema.py",
        [
            ToolCall("departures", {"city": "Oslo", "limit": 2}),
            ToolCall("fare", {"kind": "adult", "count": 2}),
            "Ferries at 08:15 and 12:40; two adult tickets cost 84.0. TERMINATE",
        ],
        calls=3,
        why="the traveller runs each function its function_map names (the schema's `fare` is `ticket_price`) "
        "and the dispatcher answers each result, calling the next function; its last reply mentions TERMINATE",
        tools=["departures", "fare"],
        output="ticket_price('adult', 2)",
        offered=True,
    ),
    Run(
        FIXTURES / "global_statement.py",
        ["Hello! How can I help?", "TERMINATE", "More."],
        calls=2,
        why="the user proxy auto-replies once; the assistant's second reply is exactly \"TERMINATE\" (v0.2's "
        "default is_termination_msg); the function with `global calls` stays at the top of the module",
    ),
    Run(
        FIXTURES / "tool_default_in_function.py",
        [ToolCall("weather", {}), "TERMINATE"],
        calls=2,
        why='the guest runs the tool; the teller\'s next reply is exactly "TERMINATE"',
        tools=["weather"],
    ),
    Run(
        FIXTURES / "config_at_run_time.py",
        ["2.", "3."],
        calls=2,
        why="two chats of max_turns=1: the helper answers once in each",
    ),
    Run(
        FIXTURES / "task_names_stop_word.py",
        ["Red, green, blue.\nDONE", "More."],
        calls=1,
        why="the asker's is_termination_msg: the reply ends with DONE (the task holds DONE, not at its end)",
    ),
    Run(
        FIXTURES / "default_terminate.py",
        ["Let me think.", "Still thinking.", "TERMINATE", "Too far."],
        calls=3,
        why='v0.2\'s default is_termination_msg: the user proxy stops at a reply that is exactly "TERMINATE"',
    ),
    Run(
        FIXTURES / "auto_reply_limit.py",
        ["Done. TERMINATE"] * 6,
        calls=4,
        why='"Done. TERMINATE" is not exactly "TERMINATE": max_consecutive_auto_reply=3 ends the chat',
    ),
    Run(
        FIXTURES / "group_chat_max_round.py",
        ["A river runs.", "A river sings.", "A river sleeps."],
        calls=2,
        why="max_round=4 counts the opening message; the third reply is the silent user's empty one",
    ),
    Run(
        FIXTURES / "group_chat_round_robin.py",
        ["Plan: a list and a button.", "Built it. TERMINATE", "More."],
        calls=2,
        why="the admin, next in the round, sees TERMINATE in the engineer's message",
    ),
    Run(
        FIXTURES / "oai_config_list.py",
        ["Red, yellow, blue.", "TERMINATE", "More."],
        calls=2,
        why='the model comes from OAI_CONFIG_LIST; the second reply is exactly "TERMINATE"',
    ),
    Run(
        FIXTURES / "two_agent_chat.py",
        [CODE, "The answer is 42. TERMINATE", "More."],
        calls=2,
        why="the user proxy runs the code; the assistant's next reply ends with TERMINATE",
        output="42",
    ),
    Run(
        FIXTURES / "config_list_from_json.py",
        ["Yes, it will rain.", "More."],
        calls=1,
        why='the person (human_input_mode="ALWAYS") types "exit" after the first reply',
    ),
    Run(
        FIXTURES / "named_executor.py",
        [CODE, "TERMINATE", "More."],
        calls=2,
        why="the executor made above the agent runs the code; the next reply is exactly TERMINATE",
        output="42",
    ),
    Run(
        FIXTURES / "runtime_config.py",
        ["Hello to you.", "TERMINATE", "More."],
        calls=2,
        why="the model, endpoint and key are read at run time; the second reply is exactly TERMINATE",
    ),
    Run(
        FIXTURES / "config_function.py",
        ["Rain on the roof.", "Wind in the trees.", "More."],
        calls=2,
        why="initiate_chat(max_turns=2): two replies of the writer",
    ),
    Run(
        FIXTURES / "reflection_summary.py",
        ["Plants make sugar from light. Oxygen is released.", "Plants turn light into sugar.", "More."],
        calls=2,
        why='max_turns=1: one reply; summary_method="reflection_with_llm" asks the tutor\'s model once more',
        output="Plants turn light into sugar.",
    ),
    Run(
        FIXTURES / "termination_function.py",
        ["def reverse(s): return s[::-1]", "Done. terminate", "More."],
        calls=2,
        why="the boss's termination_msg function: the reply's last nine characters, upper-cased, are TERMINATE",
    ),
    Run(
        FIXTURES / "person_runs_code.py",
        ["Sandwiches and fruit.", "Add lemonade.", "Six plates.", "More."],
        calls=3,
        why='a person answers every reply (human_input_mode="ALWAYS"): Enter sends the default reply '
        "(there is no code to run), the typed line goes as it is, exit ends the chat",
        inputs=["", "Bring a blanket."],
        output="Please continue.",
    ),
    Run(
        FIXTURES / "person_given_executor.py",
        ["```python\nprint([n * n for n in range(1, 6)])\n```", "Those are the squares.", "More."],
        calls=3,
        why='a person answers every reply (human_input_mode="ALWAYS"): Enter runs the code of the message '
        "with the executor it was given and sends the output, the typed line goes as it is, exit ends the chat",
        inputs=["", "Thanks."],
        output="[1, 4, 9, 16, 25]",
    ),
    Run(
        FIXTURES / "executor_bound_twice.py",
        [
            "```python\nprint([n * n for n in range(1, 6)])\n```",
            "TERMINATE",
            "```python\nfrom functions import cube\n\nprint([cube(n) for n in (1, 2, 3)])\n```",
            "Done.",
            "TERMINATE",
            "More.",
        ],
        calls=5,
        why="the person only presses Enter: the code runs with the executor the checker had when it was built "
        "(the second one offers cube), Enter on a reply that is exactly TERMINATE ends each chat, Enter on a "
        "reply without code sends the default_auto_reply",
        inputs=["", "", "", "", ""],
        output="[1, 8, 27]",
    ),
    Run(
        FIXTURES / "assistant_without_model.py",
        ["More."],
        calls=0,
        why="the helper has no model: it answers with an empty reply each time; the visitor's person types "
        "once, then exit",
        inputs=["Hello?"],
    ),
    Run(
        FIXTURES / "termination_over_lines.py",
        ["A light on the rock.", "It turns all night. THE END", "More."],
        calls=2,
        why="the reader's two-line is_termination_msg finds THE END in the poet's second reply",
    ),
    Run(
        FIXTURES / "executor_settings_read.py",
        [CODE, "TERMINATE", "More."],
        calls=2,
        why="the runner runs the code in the work_dir read from a name; the helper then says TERMINATE",
        output="42",
    ),
    Run(
        FIXTURES / "execution_settings_named.py",
        [CODE, "TERMINATE", "More."],
        calls=2,
        why="the runner runs the code with the executor its named settings give; the helper then says TERMINATE",
        output="42",
    ),
    Run(
        FIXTURES / "group_chat_twice.py",
        ["Soup.", "Bread.", "Tart.", "Ice cream.", "More."],
        calls=4,
        why="each round-robin group chat has max_round=3: the opening message, then two replies",
    ),
    Run(
        FIXTURES / "group_chat_twice_in_function.py",
        ["Soup.", "Bread.", "Tart.", "Ice cream.", "More."],
        calls=4,
        why="as group_chat_twice, inside a function",
    ),
    Run(
        FIXTURES / "fixed_reply.py",
        ["Waves fold on the shore.", "Leaves drift on the tide.", "Red maple, still sea.", "More."],
        calls=3,
        why="the reviewer sends its default_auto_reply twice (max_consecutive_auto_reply=2), then stops the chat",
        output="Make it about autumn.",
    ),
    Run(
        FIXTURES / "terminate_mode.py",
        [CODE, CODE, "```python\nprint(42)\n```", "More."],
        calls=3,
        why='the runner runs code twice (max_consecutive_auto_reply=2); then human_input_mode="TERMINATE" '
        "asks the person, who types exit",
        output="42",
    ),
    Run(
        FIXTURES / "conversable_players.py",
        ["e4", "e5", "Nf3", "Nc6", "Bb5", "a6", "O-O"],
        calls=6,
        why="each player replies 3 times (max_consecutive_auto_reply=3); then white's "
        'human_input_mode="TERMINATE" asks the person, who types exit',
    ),
    Run(
        FIXTURES / "termination_called.py",
        ["Salt.", "Shorter, please.", "Sun.", "Good. FINISHED", "More."],
        calls=4,
        why="the author's function sees the editor's two replies (state kept in a list); the editor's "
        "lambda, kept in a variable, sees FINISHED at the end of the author's second reply",
        output="checked messages from ['editor', 'editor']",
    ),
    Run(
        FIXTURES / "code_and_model.py",
        ["Read it.", "Please go on.", CODE, "The answer is 42. TERMINATE", "More."],
        calls=4,
        why="the user proxy answers a message without code with its model and runs the code of the next one; "
        'the assistant\'s last reply ends with TERMINATE, and human_input_mode="TERMINATE" asks the person, '
        "who types exit",
        output="42",
    ),
    Run(
        FIXTURES / "person_or_model.py",
        ["Rain falls.", "Make it longer.", "Rain falls on the roofs.", "You are welcome.", "More."],
        calls=4,
        why='the admin asks a person for every reply (human_input_mode="ALWAYS"): Enter lets its model '
        "answer, a typed line goes as it is, exit ends the chat",
        inputs=["", "Good, thanks."],
        output="Make it longer.",
    ),
    Run(
        FIXTURES / "custom_termination.py",
        ["Working on it.", "All DONE.", "More."],
        calls=2,
        why='the user proxy\'s function `done` finds "DONE" in the reply',
    ),
    Run(
        FIXTURES / "config_list_listed.py",
        ["Try the rose garden.", "More."],
        calls=1,
        why="max_turns=1: the guide replies once; the config list the program prints is filtered to one model",
        output="models: ['gpt-4o-mini']",
    ),
    Run(
        FIXTURES / "runtime_log.py",
        ["The tide turns twice a day. TERMINATE", "More."],
        calls=1,
        why="the first reply says TERMINATE; the log (a SQLite database) is written while the chat runs",
        output="Session 36 logged: True",
    ),
]


@dataclass(frozen=True)
class Replies:
    """An agent that answers with a registered reply function, the messages it gets and its answers."""

    path: Path
    agent: str
    said: list[str]
    answers: list[str]
    """What v0.2's ``generate_reply`` answers to each message, the agent's history kept between them."""


REPLIES = [
    Replies(FIXTURES / "guide" / "register_reply.py", "greeter", ["Hi.", "How are you?"], ["Hello!", "Hello!"]),
    Replies(
        FIXTURES / "reply_function.py",
        "parrot",
        ["Hi.", "Bye."],
        ["You said 'Hi.' (1 messages so far).", "You said 'Bye.' (3 messages so far)."],
    ),
]
