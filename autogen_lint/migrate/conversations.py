"""``initiate_chat`` between two agents, or with a ``GroupChatManager``, into a v0.4 team run."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

from autogen_lint.migrate.agents import Agent, identifier
from autogen_lint.migrate.calls import WIDTH, call_code
from autogen_lint.migrate.literals import constant, dict_items, integer, keywords, positional, quote, string
from autogen_lint.migrate.model_clients import ClientSpec, ModelConfigs
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.summaries import DEFAULT_PROMPT, IMPORTS, reflection
from autogen_lint.migrate.termination import (
    INLINE_CONDITION,
    TASK_SOURCE,
    Stop,
    condition_code,
    condition_statement,
    stop_of,
)
from autogen_lint.migrate.transitions import OPTIONS as TRANSITIONS
from autogen_lint.migrate.transitions import candidate_func

TEAMS = "autogen_agentchat.teams"
CONSOLE = ("autogen_agentchat.ui", "Console")
DEFAULT_MAX_ROUND = 10
_CHAT_READ_OPTIONS = ("cache", "carryover")
"""``initiate_chat`` keywords outside its signature that v0.2 still read (``**kwargs``); any other it ignored."""
_GROUP_CHAT_OPTIONS = (
    "agents",
    "messages",
    "max_round",
    "speaker_selection_method",
    "allow_repeat_speaker",
    "admin_name",
    *TRANSITIONS,
)
"""``GroupChat`` options the team keeps; ``admin_name`` only named who spoke when v0.2 was interrupted (Ctrl-C)."""
_MANAGER_UNREAD = ("human_input_mode", "max_consecutive_auto_reply", "system_message", "description", "silent")
"""``GroupChatManager`` options that do not change a group chat's run: the manager replies once (its run),
v0.2 picked speakers with an agent of its own (not the manager's system message), and ``silent``
only hid what v0.2 printed. A person asked, or a limit below one, is refused."""
_GROUP_CHAT_DROPPED = {
    "enable_clear_history": "v0.4 has no `enable_clear_history`: a person can no longer clear the chat's history",
    "send_introductions": "v0.4 has no `send_introductions`: put the introductions in the agents' system messages",
}
"""``GroupChat`` options the team does without, and the TODO that says so."""


@dataclass
class Team:
    """A v0.4 team and the run that replaces one ``initiate_chat``."""

    cls: tuple[str, str]
    participants: list[Agent]
    task: str
    printed: bool
    result: str | None
    summary_is_last_message: bool
    texts: list[tuple[Stop, tuple[str, ...] | None]] = field(default_factory=list)
    """What ends the chat, and the agents whose messages are checked (``None``: every message)."""
    people: list[str] = field(default_factory=list)
    max_turns: int | None = None
    client: ClientSpec | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    candidates: str | None = None
    """Who may speak after whom: a dict literal from a speaker's name to the names allowed next."""
    fresh: bool = True
    """v0.2's ``clear_history``: the chat starts afresh (agents of earlier teams are reset first)."""
    dropped: list[Agent] = field(default_factory=list)
    """Agents of the v0.2 chat that have no part in the v0.4 team."""
    todos: list[Todo] = field(default_factory=list)
    reflection: tuple[str, str] | None = None
    """``summary_method="reflection_with_llm"``: the summary prompt (code) and its role."""
    summarizer: ClientSpec | None = None
    """The client v0.2 asked for the summary (the recipient's)."""
    summarizer_name: str = ""
    summary_variable: str | None = None
    """The variable the summary is written to (set by ``statements``)."""

    def summary_of(self, earlier: bool | str = True) -> bool | str:
        """What ``result.summary`` reads for this chat's result: the last message (True), a variable, or a TODO."""
        if self.summary_variable is not None:
            return self.summary_variable if earlier is True else False
        return earlier is True and self.summary_is_last_message

    def shares(self, other: Team) -> bool:
        """Whether an agent of this team is in ``other`` too (it would remember this chat)."""
        return any(agent in other.participants for agent in self.participants)

    def imports(self) -> set[tuple[str, str]]:
        needed = {self.cls, *self._condition()[1]}
        if self.reflection is not None and self.summarizer is not None:
            needed |= IMPORTS
        if self.printed:
            needed.add(CONSOLE)
        return needed

    def _condition(self) -> tuple[list[str], set[tuple[str, str]]]:
        checks = [(stop, tuple(map(identifier, s)) if s else None) for stop, s in self.texts]
        people = [identifier(name) for name in self.people]
        task = string(cst.parse_expression(self.task))
        participants = [identifier(a.name) for a in self.participants]
        executors = [identifier(a.name) for a in self.participants if a.role == "executor" and a.client is None]
        return condition_code(
            checks, people, participants=participants, task=task, executors=executors, turns=self.max_turns
        )

    def statements(
        self,
        variable: str,
        client_variable: str | None,
        fresh: Callable[[str], str] | None = None,
        summarizer: str | None = None,
    ) -> list[str]:
        """The team's construction and its run, as code (a long condition first, named by ``fresh``).

        With ``summarizer`` (the variable of the ``summarizer`` client) and ``fresh``, the summary
        v0.2's ``reflection_with_llm`` asked for follows the run.
        """
        arguments: list[tuple[str | None, str]] = [(None, f"[{', '.join(a.variable for a in self.participants)}]")]
        if client_variable is not None:
            arguments.append(("model_client", client_variable))
        conditions, setup = self._condition()[0], []
        inline = " | ".join(conditions)
        if fresh is not None and len(inline) > INLINE_CONDITION:
            name = fresh("termination")
            setup.append(condition_statement(name, conditions, WIDTH))
            inline = name
        if inline:
            arguments.append(("termination_condition", inline))
        if self.max_turns is not None:
            arguments.append(("max_turns", str(self.max_turns)))
        arguments += self.options
        if self.candidates is not None:
            table = self.candidates
            if fresh is not None:
                table = fresh("transitions")
                setup.append(f"{table} = {self.candidates}")
            arguments.append(("candidate_func", f"lambda messages: {table}[messages[-1].source]"))
        run = f"{variable}.run_stream(task={self.task})" if self.printed else f"{variable}.run(task={self.task})"
        awaited = f"await {CONSOLE[1]}({run})" if self.printed else f"await {run}"
        construction = f"{variable} = {call_code(self.cls[1], arguments, len(variable) + 3)}"
        if self.reflection is None or summarizer is None or fresh is None:
            return [*setup, construction, f"{self.result} = {awaited}" if self.result else awaited]
        result = self.result or fresh("result")
        self.summary_variable = fresh("summary")
        prompt, role = self.reflection
        summary = reflection(self.summary_variable, result, summarizer, self.summarizer_name, prompt=prompt, role=role)
        return [*setup, construction, f"{result} = {awaited}", summary]


def with_recipient_first(call: cst.Call) -> cst.Call:
    """``initiate_chat(recipient=x, ...)`` read as ``initiate_chat(x, ...)`` (the same call in v0.2)."""
    if positional(call):
        return call
    named = [arg for arg in call.args if arg.keyword is not None and arg.keyword.value == "recipient"]
    if not named:
        return call
    first = cst.Arg(value=named[0].value)
    return call.with_changes(args=[first, *(arg for arg in call.args if arg is not named[0])])


def _chat_options(call: cst.Call, module: cst.Module) -> tuple[str, bool, int | None, bool]:
    """(task code, printed, max_turns, summary is the last message) of an ``initiate_chat`` call."""
    options = keywords(call, "initiate_chat")
    unknown = sorted(set(options) & set(_CHAT_READ_OPTIONS))
    if unknown:
        raise Refusal(f"`initiate_chat({unknown[0]}=...)` has no v0.4 counterpart")
    message = options.get("message")
    if message is None or isinstance(message, cst.Lambda):
        raise Refusal("`initiate_chat()` has no message text (v0.2 asked a person or called a function)")
    clear = options.get("clear_history")
    if clear is not None and constant(clear) is None:
        raise Refusal("`clear_history=` is not True or False")
    silent = options.get("silent")
    if silent is not None and constant(silent) is None:
        raise Refusal("`silent=` is not a literal")
    turns = options.get("max_turns")
    max_turns = integer(turns) if turns is not None else None
    if turns is not None and max_turns is None:
        raise Refusal("`max_turns=` is not an integer literal")
    summary = options.get("summary_method")
    last = summary is None or string(summary) == "last_msg"
    return _standalone(module.code_for_node(message)), constant(silent) is not True, max_turns, last


def _standalone(code: str) -> str:
    """An argument's code that reads the same outside the call: strings split over lines, in parentheses."""
    try:
        cst.parse_expression(code)
    except cst.ParserSyntaxError:
        return f"({code})"
    return code


def _reflection(call: cst.Call, module: cst.Module) -> tuple[str, str] | None:
    """(prompt code, role) of ``summary_method="reflection_with_llm"`` and its ``summary_args``."""
    options = keywords(call, "initiate_chat")
    if string(options.get("summary_method")) != "reflection_with_llm":
        return None
    given = options.get("summary_args")
    if given is None:
        return quote(DEFAULT_PROMPT), "system"
    settings = dict_items(cst.ensure_type(given, cst.Dict), "`summary_args`") if isinstance(given, cst.Dict) else None
    if settings is None or set(settings) - {"summary_prompt", "summary_role"}:
        raise Refusal("`summary_args` is not a dict of `summary_prompt` and `summary_role`")
    role = string(settings["summary_role"]) if "summary_role" in settings else "system"
    if role not in ("system", "user"):
        raise Refusal('`summary_role` is not "system" or "user"')
    prompt = settings.get("summary_prompt")
    return (_standalone(module.code_for_node(prompt)) if prompt is not None else quote(DEFAULT_PROMPT)), role


def two_agent_chat(sender: Agent, recipient: Agent, call: cst.Call, result: str | None, module: cst.Module) -> Team:
    """``sender.initiate_chat(recipient, message=...)``: the recipient speaks first, then they alternate."""
    if len(positional(call)) != 1:
        raise Refusal("`initiate_chat()` takes more than the recipient by position")
    task, printed, max_turns, last = _chat_options(call, module)
    if max_turns is not None:
        turns: int | None = 2 * max_turns - 1
    else:
        limits = [2 * recipient.max_replies if recipient.max_replies is not None else None]
        limits.append(2 * sender.max_replies + 1 if sender.max_replies is not None else None)
        known = [limit for limit in limits if limit is not None]
        turns = min(known) if known else None
    participants = [agent for agent in (recipient, sender) if agent.role != "silent"]
    if not participants or recipient.role == "silent":
        raise Refusal(f"`{recipient.variable}` neither answers with a model, runs code nor asks a person")
    if len(participants) == 1 and turns is not None:
        turns = (turns + 1) // 2  # only the recipient's turns are left
    team = Team((TEAMS, "RoundRobinGroupChat"), participants, task, printed, result, last, max_turns=turns)
    team.fresh = constant(keywords(call, "initiate_chat").get("clear_history")) is not False
    team.dropped = [agent for agent in (recipient, sender) if agent.role == "silent"]
    _terminations(team, [(sender, (recipient.name,)), (recipient, _received(recipient, sender))])
    reflection = _reflection(call, module)
    summarizer = recipient.client or sender.client  # v0.2 asked the recipient's model, else the sender's
    if reflection is not None and summarizer is not None:
        team.reflection, team.summarizer, team.summarizer_name = reflection, summarizer, identifier(recipient.name)
    return team


def _received(recipient: Agent, sender: Agent) -> tuple[str, ...] | None:
    """The messages the recipient checks: the task (its source is ``"user"`` in v0.4) and the sender's.

    Its own replies are not among them: a person's partner that says "TERMINATE" leaves it to
    the person, as in v0.2. A sender that only auto-replied (gone from the team) sent nothing
    the check can see; the task is left out where it cannot stop the chat (``condition_code``).
    """
    if recipient.termination is None:
        return None
    return (TASK_SOURCE,) if sender.role == "silent" else tuple(dict.fromkeys((sender.name, TASK_SOURCE)))


def _terminations(
    team: Team,
    checks: list[tuple[Agent, tuple[str, ...] | None]],
    manager: Stop | None = None,
    manager_sources: tuple[str, ...] | None = None,
) -> None:
    """The team's ``TextMentionTermination`` words: each v0.2 agent checked the messages it got.

    An agent that does not receive the task checks only the others' messages (``sources=``), so
    a task that mentions the word does not end the run at once.
    """
    found: dict[Stop, tuple[str, ...] | None] = {}
    for text, sources in [(agent.termination, sources) for agent, sources in checks] + [(manager, manager_sources)]:
        if text is None:
            continue
        if text in found:
            earlier = found[text]
            found[text] = None if earlier is None or sources is None else tuple(dict.fromkeys(earlier + sources))
        else:
            found[text] = sources
    team.texts = list(found.items())
    team.people = [agent.name for agent in team.participants if agent.role == "human"]


@dataclass
class GroupChatCall:
    """``GroupChat(...)`` as read: its agents (variables) and options."""

    index: int
    agents: list[str]
    options: dict[str, cst.BaseExpression]
    todos: list[Todo] = field(default_factory=list)


def read_group_chat(index: int, call: cst.Call) -> GroupChatCall:
    options = keywords(call, "GroupChat")
    given = positional(call)
    if given:
        options["agents"] = given[0]
    if len(given) > 1:
        raise Refusal("`GroupChat(...)` takes more than its agents by position")
    unknown = sorted(set(options) - {*_GROUP_CHAT_OPTIONS, *_GROUP_CHAT_DROPPED})
    if unknown:
        raise Refusal(f"`GroupChat({unknown[0]}=...)` has no v0.4 counterpart")
    todos = [Todo("AGL601", _GROUP_CHAT_DROPPED[option]) for option in sorted(set(options) & set(_GROUP_CHAT_DROPPED))]
    agents = options.get("agents")
    messages = options.get("messages")
    if messages is not None and not (isinstance(messages, cst.List) and not messages.elements):
        raise Refusal("the group chat starts with earlier messages")
    if not isinstance(agents, cst.List) or not all(isinstance(e.value, cst.Name) for e in agents.elements):
        raise Refusal("the group chat's agents are not a list of names")
    return GroupChatCall(index, [cst.ensure_type(e.value, cst.Name).value for e in agents.elements], options, todos)


def group_chat(
    sender: Agent,
    chat: GroupChatCall,
    manager: cst.Call,
    *,
    agents: dict[str, Agent],
    configs: ModelConfigs,
    call: cst.Call,
    result: str | None,
    module: cst.Module,
) -> Team:
    """``sender.initiate_chat(manager, message=...)`` with ``manager = GroupChatManager(groupchat=chat, ...)``."""
    task, printed, _, last = _chat_options(call, module)
    options = keywords(manager, "GroupChatManager")
    unknown = sorted(set(options) - {"groupchat", "llm_config", "is_termination_msg", "name", *_MANAGER_UNREAD})
    if unknown or len(positional(manager)) > 1 or (positional(manager) and "groupchat" in options):
        raise Refusal(f"`GroupChatManager({(unknown or ['...'])[0]}=...)` has no v0.4 counterpart")
    _manager_options(options)
    members = []
    for name in chat.agents:
        if name not in agents:
            raise Refusal(f"`{name}` in the group chat is not an agent the codemod rewrote")
        members.append(agents[name])
    method = chat.options.get("speaker_selection_method")
    choice = "auto" if method is None else string(method)
    max_round = chat.options.get("max_round")
    rounds = integer(max_round) if max_round is not None else DEFAULT_MAX_ROUND
    if rounds is None:
        raise Refusal("`max_round=` is not an integer literal")
    if rounds < 2:
        raise Refusal(f"`max_round={rounds}` lets no agent answer")
    turns = rounds - 1  # v0.2 counted the opening message as the first round
    participants = [agent for agent in members if agent.role != "silent"]
    checks: list[tuple[Agent, tuple[str, ...] | None]] = []
    if choice == "round_robin":
        if options.get("llm_config") is not None:
            configs.client(options["llm_config"])  # read, so the configuration it names can go
        participants, turns, checks = _round_robin(members, sender, rounds)
        team = Team((TEAMS, "RoundRobinGroupChat"), participants, task, printed, result, last, max_turns=turns)
    elif choice == "auto":
        config = options.get("llm_config")
        client = configs.client(config) if config is not None else None
        if client is None:
            raise Refusal("the group chat manager picks speakers without a model")
        team = Team((TEAMS, "SelectorGroupChat"), participants, task, printed, result, last, max_turns=turns)
        team.client = client
        _selection(team, chat, members, sender)
    else:
        raise Refusal(f"`speaker_selection_method={choice or '...'}` needs a `selector_func` written by hand")
    if not participants:
        raise Refusal("no agent of the group chat answers")
    team.fresh = constant(keywords(call, "initiate_chat").get("clear_history")) is not False
    team.dropped = [agent for agent in members if agent.role == "silent"]
    team.todos = list(chat.todos)
    for agent in [sender, *members]:
        if all(agent is not checked for checked, _ in checks):
            checks.append((agent, tuple(a.name for a in participants if a is not agent)))
    check = options.get("is_termination_msg")
    stop = stop_of(check, "the manager")
    _terminations(team, checks, stop, _manager_sources(stop, check, task, participants, module))
    return team


def _selection(team: Team, chat: GroupChatCall, members: list[Agent], sender: Agent) -> None:
    """Who may speak next in the ``SelectorGroupChat``: v0.2's speaker transitions, or its repeats."""
    team.candidates = candidate_func(chat.options, members, team.participants, sender)
    if team.candidates is not None:
        return
    repeat = chat.options.get("allow_repeat_speaker")
    if repeat is not None and constant(repeat) is None:
        raise Refusal("`allow_repeat_speaker=` is not True or False")
    team.options.append(("allow_repeated_speaker", str(constant(repeat) is not False)))


def _manager_sources(
    stop: Stop | None,
    check: cst.BaseExpression | None,
    task: str,
    participants: list[Agent],
    module: cst.Module,
) -> tuple[str, ...] | None:
    """The messages the manager's check reads: every one (``None``), the opening message too, as in v0.2.

    A word looked for where v0.2 checked how the message ends (``.endswith``) would end the team
    on an opening message that only mentions it: then the check reads the agents' messages, when
    v0.2's own check does not end the chat on the opening message either. Refused when that
    cannot be told.
    """
    text = string(cst.parse_expression(task))
    if stop is None or stop.mention is None or text is None or stop.mention not in text:
        return None
    ends = check is not None and ".endswith(" in module.code_for_node(check)
    if ends and not text.rstrip().endswith(stop.mention):
        return tuple(agent.name for agent in participants)
    raise Refusal(f"the opening message mentions {stop.mention!r}, which the manager's `is_termination_msg` looks for")


def _manager_options(options: dict[str, cst.BaseExpression]) -> None:
    """Refuse manager options that changed the v0.2 run: a person asked, or no reply at all."""
    mode = options.get("human_input_mode")
    if mode is not None and string(mode) != "NEVER":
        raise Refusal("the group chat manager asks a person (`human_input_mode`)")
    limit = options.get("max_consecutive_auto_reply")
    if limit is not None and (integer(limit) or 0) < 1:
        raise Refusal("the group chat manager's `max_consecutive_auto_reply` is not a positive integer literal")


def _round_robin(
    members: list[Agent], sender: Agent, rounds: int
) -> tuple[list[Agent], int, list[tuple[Agent, tuple[str, ...] | None]]]:
    """(participants in speaking order, agent turns, termination checks) of a v0.2 round robin.

    v0.2 goes on with the member after the one that started the chat; the opening message is
    the first of ``rounds``, and a silent member's turn (an empty reply) is one too. Each member
    checks the message of the one before it.
    """
    if not members:
        raise Refusal("the group chat has no agents")
    start = members.index(sender) + 1 if sender in members else 0
    order = [members[(start + k) % len(members)] for k in range(len(members))]
    turns = sum(order[k % len(order)].role != "silent" for k in range(rounds - 1))
    if not turns:
        raise Refusal(f"no agent of the group chat answers within `max_round={rounds}`")
    checks: list[tuple[Agent, tuple[str, ...] | None]] = []
    for number, agent in enumerate(order):
        before = order[number - 1]
        if before.role != "silent":
            checks.append((agent, (before.name,)))
        elif number == 0:  # the opening message
            checks.append((agent, None))
    return [agent for agent in order if agent.role != "silent"], turns, checks
