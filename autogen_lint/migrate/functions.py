"""One function scope (or the module) rewritten statement by statement: what it proves, it rewrites.

Agents, group chats, tools and chats are read in reading order through the scope's blocks. A
statement that cannot be proven stays as it is with a TODO saying why; an agent stays v0.2 when
no chat of its scope could be rewritten, and a chat stays when one of its agents did.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

import libcst as cst

from autogen_lint.migrate import config_calls
from autogen_lint.migrate.agent_reads import AgentReads
from autogen_lint.migrate.agent_state import CANCELLATION, forgetting
from autogen_lint.migrate.agents import V02_AGENTS, Agent, add_needs, agent_call, read_agent, reply_agent_call
from autogen_lint.migrate.blocks import Body, FunctionScope, Site, statements_of
from autogen_lint.migrate.conversations import (
    GroupChatCall,
    Team,
    group_chat,
    read_group_chat,
    two_agent_chat,
    with_recipient_first,
)
from autogen_lint.migrate.edits import Edits, Guarded
from autogen_lint.migrate.executor_names import movable, rewritten, shared_reads
from autogen_lint.migrate.executors import LOCAL, bound_executor
from autogen_lint.migrate.function_maps import function_map_tools, is_function_map
from autogen_lint.migrate.imports import Imports, dotted, walk
from autogen_lint.migrate.literals import keywords, string
from autogen_lint.migrate.model_clients import ClientSpec, ModelConfigs
from autogen_lint.migrate.one_reply import IMPORTS as REPLY_IMPORTS
from autogen_lint.migrate.one_reply import one_reply
from autogen_lint.migrate.passed import passed_agents
from autogen_lint.migrate.placing import binds, reads_code, reads_now
from autogen_lint.migrate.reaching import ResultBinding, results_at
from autogen_lint.migrate.rebinding import rebound_agents
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.reply_functions import reply_function
from autogen_lint.migrate.results import ResultUses, loop_reads
from autogen_lint.migrate.sends import continued_chat, printed, send_parts
from autogen_lint.migrate.sequential import carried, chat_calls, last_message_summary
from autogen_lint.migrate.standalone import chat_options_todos, standalone, used_as_value
from autogen_lint.migrate.statements import Names, method, statement, visited
from autogen_lint.migrate.tools import Tool, decorated_tool, decorator_role, register_function
from autogen_lint.migrate.wrappers import wrapper_client

BUILDERS = frozenset({*V02_AGENTS, "GroupChat", "GroupChatManager", "register_function"})
KEPT_METHODS = {
    "register_reply": "v0.4 agents have no `register_reply`: write a custom agent (subclass `BaseChatAgent`)",
    "register_nested_chats": "v0.4 has no nested chats: run the inner team from a custom agent or a tool",
    "register_hook": "v0.4 agents have no hooks: write a custom agent",
    "initiate_chats": "run the chats one after the other with `await team.run(task=...)`",
    "register_for_llm": "give the function to the v0.4 agent's `tools=[...]`",
    "register_for_execution": "v0.4 agents run the tools they are given",
}
"""v0.2 agent methods kept where they stand, and what to do instead."""
SECTION = "conversable-agent-and-register-reply"
TOOL_METHODS = frozenset(
    {
        "register_for_llm",
        "register_for_execution",
        "register_function",
        "register_reply",
        "register_hook",
        "register_nested_chats",
        "register_model_client",
    }
)
"""v0.2 agent methods that give an agent tools or change how it replies: it keeps them only as a v0.2 agent."""
CHAT_METHODS = frozenset({"initiate_chat", "a_initiate_chat", "initiate_chats", "a_initiate_chats"})
AGENT_ATTRIBUTES = frozenset({"name", "description", "dump_component"})
"""What a v0.4 agent answers as the v0.2 one did (``dump_component``: the rewritten ``system_message`` reads)."""
CONSTRUCT_RULE = {"agent": "AGL201", "config": "AGL202", "chat": "AGL301", "tool": "AGL401", "group": "AGL601"}


@dataclass
class _Sequence:
    """The chats of one ``initiate_chats`` call, the variable of its results, the list's own statement."""

    target: str | None
    listing: int | None
    chats: list[_Chat] = field(default_factory=list)


@dataclass
class _Chat:
    site: Site
    team: Team
    agents: set[str]
    sequence: _Sequence | None = None


@dataclass
class ScopeRewrite:
    """Reads one scope's sites, then writes its decisions into ``edits``."""

    owner: cst.Module | cst.FunctionDef
    found: list[Site]
    scope: FunctionScope
    module: cst.Module
    imports: Imports
    edits: Edits
    hands_off: Callable[[cst.CSTNode], str | None]
    """The code of a finding ``# noqa`` or the rule selection keeps on a statement, else ``None``."""
    blocker: str | None
    """Why this scope cannot ``await`` (its chats then stay), or ``None``."""
    names: Names
    agents: dict[str, Agent] = field(default_factory=dict)
    kept_agents: set[str] = field(default_factory=set)
    group_chats: dict[str, tuple[Site, GroupChatCall]] = field(default_factory=dict)
    managers: dict[str, tuple[Site, cst.Call]] = field(default_factory=dict)
    tools: list[tuple[Site, Tool, Agent]] = field(default_factory=list)
    chats: list[_Chat] = field(default_factory=list)
    refused: list[tuple[Site, set[str]]] = field(default_factory=list)
    sites_of: dict[str, Site] = field(default_factory=dict)
    """The site of each agent variable's latest binding."""
    members: dict[str, dict[str, Agent]] = field(default_factory=dict)
    """The agents each group chat (by its variable) was built with, as bound where it was built."""
    bound: list[tuple[Agent, Site]] = field(default_factory=list)
    """Every agent binding read, in reading order (a variable may be bound to one agent after another)."""
    _decorators: dict[int, set[str]] = field(default_factory=dict)
    outer: dict[str, Agent] = field(default_factory=dict)
    """Agents kept on ``self`` by the class's ``__init__`` (``self.x``), rewritten there."""
    skip: set[int] = field(default_factory=set)
    """Statements (ids) another rewrite owns (the agents ``__init__`` keeps on ``self``)."""
    used_outer: set[str] = field(default_factory=set)
    refused_outer: set[str] = field(default_factory=set)
    inline: list[tuple[Site, Agent]] = field(default_factory=list)
    """Agents built in a statement that returns or stores them (``return AssistantAgent(...)``)."""
    wrappers: bool = False
    """Whether an ``OpenAIWrapper`` was rewritten (its configuration statements may go)."""
    replies: dict[str, tuple[Site, str]] = field(default_factory=dict)
    """Agents (variables) given a reply function that answers every message: its statement and name."""
    executors: dict[str, list[Site]] = field(default_factory=dict)
    """``name = <v0.2 executor>(...)`` statements, by name (see ``executor_names``)."""
    runtime_log_kept: bool = False
    """Whether the file's ``runtime_logging`` calls stay v0.2 (``runtime_log.keeps_runtime_log``)."""

    def __post_init__(self) -> None:
        self.configs = ModelConfigs(self.module, self.imports, self.scope)

    # Reading

    def read(self) -> None:
        for site in self.found:
            self.configs.at = site.index
            try:
                self._read(site)
            except Refusal as refusal:
                self._refuse(site, refusal, self._rule_of(site.node))
            except Exception as error:  # a shape nobody foresaw costs this statement, not the file
                reason = f"the codemod cannot read this statement ({type(error).__name__}: {str(error)[:80]})"
                self._refuse(site, Refusal(reason), self._rule_of(site.node))
        self._settle()
        self._write()

    def _refuse(self, site: Site, refusal: Refusal, code: str | None = None) -> None:
        self.edits.todo(site.node, Todo(refusal.code or code or "AGL101", refusal.reason))
        self.refused.append((site, self._agent_names(site.node)))
        self.refused_outer |= self._outer_names(site.node)

    def _outer_names(self, node: cst.CSTNode) -> set[str]:
        return {dotted(n) or "" for n in walk(node) if isinstance(n, cst.Attribute)} & set(self.outer)

    def _rule_of(self, node: cst.BaseStatement) -> str:
        """The rule of the construct a statement holds (an agent, a chat, a tool...)."""
        if isinstance(node, cst.FunctionDef):
            return CONSTRUCT_RULE["tool"]
        for inner in walk(node):
            if isinstance(inner, cst.Call):
                if method(inner) in ("initiate_chat", "a_initiate_chat"):
                    return CONSTRUCT_RULE["chat"]
                if "initiate_chats" in (method(inner), self.imports.v02(inner.func)):
                    return "AGL302"
                kind = self.imports.v02(inner.func)
                if kind in V02_AGENTS:
                    return CONSTRUCT_RULE["agent"]
                if kind in ("GroupChat", "GroupChatManager"):
                    return CONSTRUCT_RULE["group"]
                if kind == "register_function":
                    return CONSTRUCT_RULE["tool"]
        return CONSTRUCT_RULE["config"]

    def _agent_names(self, node: cst.CSTNode) -> set[str]:
        return {n.value for n in walk(node) if isinstance(n, cst.Name) and n.value in self.agents}

    def _read(self, site: Site) -> None:
        node = site.node
        if id(node) in self.skip:
            return
        held = self.hands_off(node)
        if held is not None:
            self.edits.kept.append(f"`# noqa: {held}` or the rule selection keeps this statement as it is")
            self.refused.append((site, self._agent_names(node)))
            bound = _assigned(node)
            if bound is not None:
                self.kept_agents.add(bound)
            return
        if isinstance(node, cst.FunctionDef):
            self._decorated(site, node)
            return
        if isinstance(node, cst.ClassDef):
            for base in node.bases:
                kind = self.imports.v02(base.value)
                if kind is not None:
                    what = f"`{node.name.value}` subclasses the v0.2 `{kind}`: write a custom v0.4 agent"
                    self.edits.todo(node, Todo("AGL501", what, section=SECTION))
            return
        if not isinstance(node, cst.SimpleStatementLine):
            return
        small = node.body[0] if len(node.body) == 1 else None
        target: str | None = None
        value: cst.BaseExpression | None = None
        if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
            target, value = small.targets[0].target.value, small.value
        elif isinstance(small, cst.Expr):
            value = small.value
        awaited = value.expression if isinstance(value, cst.Await) else None
        if isinstance(awaited, cst.Call) and method(awaited) == "a_initiate_chat":
            value = awaited  # v0.2's async chat: the same chat, already awaited
        kind = self.imports.v02(value.func) if isinstance(value, cst.Call) else None
        if isinstance(value, cst.Call) and target is not None and kind in V02_AGENTS:
            self._agent(site, target, kind or "", value)
        elif isinstance(value, cst.Call) and target is not None and kind == "GroupChat":
            self.group_chats[target] = (site, read_group_chat(site.index, value))
            self.members[target] = dict(self.agents)
        elif isinstance(value, cst.Call) and target is not None and kind == "GroupChatManager":
            self.managers[target] = (site, value)
        elif isinstance(value, cst.Call) and target is None and kind == "register_function":
            self._tool(site, register_function(value))
        elif isinstance(value, cst.Call) and target is None and is_function_map(value, self.agents):
            self._function_map(site, value)
        elif isinstance(value, cst.Call) and method(value) in ("initiate_chat", "a_initiate_chat"):
            self._chat(site, target, value)
        elif isinstance(value, cst.Call) and target is not None and kind == "OpenAIWrapper":
            self._wrapper(node, target, value)
        elif isinstance(value, cst.Call) and "initiate_chats" in (method(value), kind):
            self._sequence(site, target, value)
        elif isinstance(value, cst.Call) and target is None and method(value) == "register_reply":
            self._reply(site, value)
        elif not (isinstance(value, cst.Call) and target is None and self._send(site, value)):
            self._other(site)

    def _reply(self, site: Site, call: cst.Call) -> None:
        """``agent.register_reply(...)`` with a reply function the codemod can read (``reply_functions``)."""
        variable = dotted(cst.ensure_type(call.func, cst.Attribute).value) or ""
        agent = self.agents.get(variable)
        if agent is None or variable in self.replies or self.scope.bindings[variable] != 1:
            self._other(site)
            return
        function = reply_function(call, self.imports.v02, ast.parse(self.module.code), variable)
        agent_site = self.sites_of[variable]
        between = [s for s in self.found if agent_site.index < s.index < site.index]
        if site.block is not agent_site.block or any(_reads_of(s.node, variable) for s in between):
            what = f"`{variable}` is used before its reply function is registered: write the custom agent by hand"
            raise Refusal(what, code="AGL502")
        self.replies[variable] = (site, function)

    def _function_map(self, site: Site, call: cst.Call) -> None:
        """``executor.register_function(function_map={...})``: tools of the agent offering them.

        A map the codemod cannot read is kept as any other v0.2 method call.
        """
        try:
            tools = function_map_tools(call, self.agents, self.configs.follow, self.configs.module)
        except Refusal:
            self._other(site)
            return
        for tool in tools:
            self._tool(site, tool)

    def _wrapper(self, node: cst.SimpleStatementLine, target: str, call: cst.Call) -> None:
        """``client = OpenAIWrapper(...)`` that nothing reads: its v0.4 client."""
        spec = wrapper_client(target, call, self.configs, self.scope.module_names.loads[target])
        made = cst.ensure_type(statement(f"{target} = {spec.code(len(target) + 3)}"), cst.SimpleStatementLine)
        self.edits.replaced[id(node)] = [node.with_changes(body=made.body)]
        for todo in spec.todos:
            self.edits.todo(node, todo)
        self.edits.needed |= {spec.cls, *spec.imports}
        self.edits.helpers += [helper for helper in spec.helpers if helper not in self.edits.helpers]
        self.edits.rewrites += 1
        self.wrappers = True

    def _agent(self, site: Site, target: str, kind: str, call: cst.Call) -> None:
        rebound = rebound_agents(target, self.found, self.scope.bindings[target], self.imports, body_of(self.owner))
        if target in self.kept_agents or (target in self.agents and not rebound):
            self._kept_agent(target)
            raise Refusal(f"`{target}` is bound to more than one agent here")
        try:
            agent = read_agent(target, site.index, kind, call, self.configs)
        except Refusal:
            self._kept_agent(target)
            raise
        if self.scope.bindings[target] != 1 and not rebound:
            self.kept_agents.add(target)
            raise Refusal(f"`{target}` is also bound to something else than an agent")
        self.agents[target] = agent
        self.sites_of[target] = site
        self.bound.append((agent, site))

    def _manager_sites(self) -> list[Site]:
        """Every ``GroupChatManager(...)`` statement of the scope, before and after this one."""
        return [
            site
            for site in self.found
            if isinstance(site.node, cst.SimpleStatementLine)
            and isinstance(site.node.body[0], cst.Assign)
            and isinstance(call := site.node.body[0].value, cst.Call)
            and self.imports.v02(call.func) == "GroupChatManager"
        ]

    def _kept_agent(self, name: str) -> None:
        agent = self.agents.pop(name, None)
        self.kept_agents.add(name)
        if agent is not None:
            what = f"`{name}` stays a v0.2 agent: a statement that uses it could not be rewritten"
            for earlier, site in self.bound:
                if earlier.variable == name:
                    self.edits.todo(site.node, Todo("AGL201", what))

    def _decorated(self, site: Site, node: cst.FunctionDef) -> None:
        roles = [decorator_role(decorator) for decorator in node.decorators]
        found = [role for role in roles if role is not None]
        if not found:
            return
        known = [role for role in found if role[0] in self.agents]
        if len(known) != len(found):
            what = "the tool's agents are not v0.4 agents here: give the function to the agent's `tools=[...]`"
            raise Refusal(what)
        tool = decorated_tool(node, known)
        self._tool(site, tool)
        self._decorators[id(node)] = {role[0] for role in known}

    def _tool(self, site: Site, tool: Tool) -> None:
        agent = self.agents.get(tool.caller)
        if agent is None or agent.role != "assistant":
            raise Refusal(
                f"`{tool.caller}` is not an agent with a model here: give `{tool.function}` to its `tools=[...]`"
            )
        if self.scope.bindings[tool.caller] != 1:
            raise Refusal(f"`{tool.caller}` is bound to more than one agent: give `{tool.function}` to the right one")
        self.tools.append((site, tool, agent))

    def _chat(self, site: Site, result: str | None, call: cst.Call) -> None:
        if self.blocker is not None:
            raise Refusal(self.blocker, code="AGL301")
        call = with_recipient_first(call)
        func = cst.ensure_type(call.func, cst.Attribute)
        sender_name = dotted(func.value) or ""
        sender = self.agents.get(sender_name) or self.outer.get(sender_name)
        recipient = dotted(call.args[0].value) if call.args and call.args[0].keyword is None else None
        if sender is None or recipient is None:
            raise Refusal("`initiate_chat()` between agents the codemod did not rewrite")
        if recipient in self.managers:
            manager_site, manager = self.managers[recipient]
            chat_name = next(
                (
                    arg.value.value
                    for arg in manager.args
                    if (arg.keyword is None or arg.keyword.value == "groupchat")
                    and isinstance(arg.value, cst.Name)
                    and arg.value.value in self.group_chats
                ),
                None,
            )
            if chat_name is None:
                raise Refusal("the group chat manager's group chat is not one the codemod read")
            names = self.scope.module_names if isinstance(self.owner, cst.Module) else self.scope
            if names.loads[chat_name] > sum(_reads_of(s.node, chat_name) for s in self._manager_sites()):
                raise Refusal(f"`{chat_name}` is used beyond starting the chat")
            chat_site, chat = self.group_chats[chat_name]
            team = group_chat(
                sender,
                chat,
                manager,
                agents=self.members.get(chat_name, self.agents),
                configs=self.configs,
                call=call,
                result=result,
                module=self.module,
            )
            members = {*chat.agents, sender.variable}
            self.edits.removed |= {id(chat_site.node), id(manager_site.node)}
        elif recipient in self.agents or recipient in self.outer:
            team = two_agent_chat(
                sender, self.agents.get(recipient) or self.outer[recipient], call, result, self.module
            )
            members = {sender.variable, recipient}
        else:
            raise Refusal(f"`{recipient}` is not an agent the codemod rewrote")
        self.chats.append(_Chat(site, team, members))

    def _send(self, site: Site, call: cst.Call) -> bool:
        """``a.send(message, b)`` after a chat of ``a`` and ``b`` at the top of the scope (see ``sends``)."""
        parts = send_parts(call)
        if parts is None or site.in_loop or site.block is not body_of(self.owner):
            return False
        sender, recipient, message = parts
        if sender not in self.agents or recipient not in self.agents or sender == recipient:
            return False
        chats = [chat for chat in self.chats if {sender, recipient} & chat.agents]
        last = chats[-1] if chats else None
        if last is not None and (last.agents != {sender, recipient} or last.sequence is not None):
            return False
        bound = [s.index for agent, s in self.bound if agent.variable in (sender, recipient)]
        if last is None or last.site.in_loop or last.site.block is not site.block or max(bound) > last.site.index:
            return False
        chat_call = next(n for n in walk(last.site.node) if isinstance(n, cst.Call) and method(n) in CHAT_METHODS)
        turns = keywords(chat_call, "initiate_chat").get("max_turns")
        if turns is None or (isinstance(turns, cst.Name) and turns.value == "None"):
            self._chat(site, None, continued_chat(sender, recipient, message))
            return True
        if any(_reads_of(s.node, name) for s in self.found if s.index > site.index for name in (sender, recipient)):
            return False
        line = printed(self.agents[sender].name, self.agents[recipient].name, message)
        node = cst.ensure_type(site.node, cst.SimpleStatementLine)
        self.edits.replaced[id(node)] = [statement(line).with_changes(leading_lines=node.leading_lines)]
        self.edits.rewrites += 1
        return True

    def _sequence(self, site: Site, target: str | None, call: cst.Call) -> None:
        """``initiate_chats([...])``: each chat read as the ``initiate_chat`` v0.2 made of it."""
        if self.blocker is not None:
            raise Refusal(self.blocker, code="AGL302")
        receiver = dotted(call.func.value) if isinstance(call.func, cst.Attribute) else None
        if receiver is not None and receiver not in self.agents and receiver not in self.outer:
            raise Refusal(f"`{receiver}` is not an agent the codemod rewrote", code="AGL302")
        calls, listing = chat_calls(call, receiver, self.scope, site.index)
        start = len(self.chats)
        try:
            for one in calls:
                self._chat(site, None, one)
        except Refusal:
            del self.chats[start:]
            raise
        sequence = _Sequence(target, listing, self.chats[start:])
        agents = {name for chat in sequence.chats for name in chat.agents}
        for chat in sequence.chats:
            if not (chat.team.summary_is_last_message or chat.team.reflection is not None):
                del self.chats[start:]
                raise Refusal("a chat's summary cannot be carried over", code="AGL302")
            chat.agents, chat.sequence = agents, sequence
            if chat is not sequence.chats[-1] or target is not None:  # its summary is carried, or listed
                chat.team.result = self.names.fresh("result")

    def _other(self, site: Site) -> None:
        """A statement kept as it is: AutoGen objects it builds or v0.2 methods it calls get a TODO.

        Its v0.2 config list helpers (``config_list_from_json(...)``) become the plain functions
        that build the same list.
        """
        if self._inline_agent(site):
            return
        executor = bound_executor(site.node, self.imports)
        if executor is not None:
            self.executors.setdefault(executor[0], []).append(site)
            return
        found = config_calls.rewritten(site.node, self.imports, runtime_log_kept=self.runtime_log_kept)
        if found is not None:
            self.edits.replaced[id(site.node)] = [found[0]]
            self.edits.rewrites += 1
            for helper in found[1]:
                self.edits.needed |= helper.imports
                if helper.code not in self.edits.helpers:
                    self.edits.helpers.append(helper.code)
        for node in walk(site.node):
            if isinstance(node, cst.Call):
                kind = self.imports.v02(node.func)
                if kind in BUILDERS:
                    self._refuse(site, Refusal(f"`{kind}(...)` is built where the codemod cannot follow it"))
                    return
                name = method(node)
                if name in KEPT_METHODS and name is not None:
                    self.edits.todo(site.node, Todo("AGL501", KEPT_METHODS[name], section=SECTION))
                    self.refused.append((site, self._agent_names(site.node)))
                    return

    # Deciding

    def _settle(self) -> None:
        """Agents used by kept chats stay v0.2, and chats with such agents stay too, until nothing moves."""
        if self.chats:  # a custom agent is written only for agents no chat of this scope runs
            for variable, (site, function) in self.replies.items():
                self._reply_kept(site, variable, function)
                self.refused.append((site, self._agent_names(site.node)))
            self.replies.clear()
        self._settle_local()
        for variable, (site, function) in self.replies.items():
            if variable in self.agents:
                self.agents[variable].answer_with(function)
            else:
                self._reply_kept(site, variable, function)
        self.used_outer = {name for chat in self.chats for name in chat.agents & set(self.outer)}

    def _reply_kept(self, site: Site, variable: str, function: str) -> None:
        what = (
            f"`{variable}` answers with `{function}`, which the codemod turns into a custom agent only where no "
            "chat or kept statement uses the agent: subclass `BaseChatAgent` and call it in `on_messages`"
        )
        self.edits.todo(site.node, Todo("AGL502", what, section=SECTION))

    def _settle_local(self) -> None:
        for site, names in self.refused:
            if _is_chat(site.node) or (
                self.chats and (self._changes_replies(site.node) or self._builds_group(site.node))
            ):
                for name in names:
                    self._kept_agent(name)
        changed = True
        while changed:
            changed = False
            for site, _ in self.group_chats.values() if self.chats else ():
                if id(site.node) not in self.edits.removed:  # a v0.2 group chat keeps v0.2 members
                    for name in sorted(self._agent_names(site.node)):
                        self._kept_agent(name)
                        changed = True
            for name in sorted(self._handed_to_v02()):
                self._kept_agent(name)
                changed = True
            for chat in list(self.chats):
                kept = sorted(chat.agents & self.kept_agents)
                if kept:
                    self.chats.remove(chat)
                    self.refused_outer |= chat.agents & set(self.outer)
                    what = f"`{kept[0]}` stays a v0.2 agent, so this chat stays as it is"
                    self.edits.todo(chat.site.node, Todo("AGL301", what))
                    self._restore_group(chat)
                    changed = True
            for name, agent, _ in self._executor_users(blocked=True):
                if not self._straight(name):  # which executor the agent gets depends on a branch or loop
                    self._kept_agent(agent.variable)
                    changed = True
            if not self.chats:
                alone = self._alone() if not any(self._runs_agents(site) for site in self.found) else set()
                for name in list(self.agents):
                    if name not in alone:
                        self.agents.pop(name)
                        self.kept_agents.add(name)
                        changed = True
        copied = [agent for _, agent, _ in self._executor_users(blocked=True)] + [agent for _, agent in self.inline]
        for agent in copied:  # the executor stays v0.2 where it is: the agent gets a v0.4 copy of its own
            if agent.executor is not None:
                agent.executor = replace(agent.executor, variable=None)

    def _handed_to_v02(self) -> set[str]:
        """Agents a statement the rewrite keeps gives to a v0.2 agent's method or a v0.2 function (see ``passed``)."""
        rewritten = {id(chat.site.node) for chat in self.chats} | self.edits.removed | set(self.edits.replaced)
        rewritten |= {id(site.node) for site, _, _ in self.tools} | {id(site.node) for site, _ in self.replies.values()}
        rewritten |= self.skip
        silent = {name for name, agent in self.agents.items() if agent.role == "silent"}  # used elsewhere: kept
        holders = self.kept_agents | silent
        found: set[str] = set()
        for site in self.found:
            if id(site.node) not in rewritten and isinstance(site.node, cst.SimpleStatementLine):
                found |= passed_agents(site.node, self.agents, self.imports.v02, holders=holders, skip=BUILDERS)
        return found

    def _executor_users(self, *, blocked: bool = False) -> list[tuple[str, Agent, Site]]:
        """Agents rewritten to use an executor by its name: (name, agent, site); ``blocked``: it must stay v0.2."""
        users = [
            (agent.executor.variable, agent, site)
            for agent, site in self.bound
            if agent.variable in self.agents and agent.executor is not None and agent.executor.variable is not None
        ]
        return [user for user in users if not self._executor_moves(user[0])] if blocked else users

    def _straight(self, name: str) -> bool:
        """Whether every binding of ``name`` is a v0.2 executor at the top of the scope, outside loops."""
        sites = self.executors.get(name, [])
        top = body_of(self.owner)
        return len(sites) == self.scope.bindings[name] and all(s.block is top and not s.in_loop for s in sites)

    def _executor_moves(self, name: str) -> bool:
        """Whether the executor statements of ``name`` become v0.4 ones where they stand (``executor_names``).

        Only for an executor that a rewritten agent here takes by its name: nothing else may read it.
        """
        sites = self.executors.get(name, [])
        top = body_of(self.owner)
        if not movable(sites, self.scope.bindings[name], top, imports=self.imports, module=self.module):
            return False
        if any(self.hands_off(site.node) is not None for site in sites):
            return False
        users = [site for used, _, site in self._executor_users() if used == name]
        allowed = sum(_reads_of(site.node, name) for site in users) + shared_reads(self.owner, name)
        return bool(users) and allowed == self.scope.loads[name] + self.scope.inner_loads[name]

    def _write_executors(self) -> None:
        for name, sites in self.executors.items():
            if not self._executor_moves(name):
                continue
            for site in sites:
                node = cst.ensure_type(site.node, cst.SimpleStatementLine)
                self.edits.replaced[id(node)] = [rewritten(node, self.imports, self.module)]
                self.edits.needed.add(LOCAL)
                self.edits.rewrites += 1

    def _builds_group(self, node: cst.CSTNode) -> bool:
        return any(
            isinstance(inner, cst.Call) and self.imports.v02(inner.func) in ("GroupChat", "GroupChatManager")
            for inner in walk(node)
        )

    def _restore_group(self, chat: _Chat) -> None:
        for site, _ in self.group_chats.values():
            self.edits.removed.discard(id(site.node))
        for site, _ in self.managers.values():
            self.edits.removed.discard(id(site.node))

    def _changes_replies(self, node: cst.BaseStatement) -> bool:
        """Whether a kept statement gives agents tools or reply hooks: they keep them only as v0.2 agents."""
        return any(
            isinstance(n, cst.Call) and (method(n) in TOOL_METHODS or self.imports.v02(n.func) == "register_function")
            for n in walk(node)
        )

    # Writing

    def _inline_agent(self, site: Site) -> bool:
        """``return AssistantAgent(...)`` or ``self.x = AssistantAgent(...)``: read, kept for later."""
        node = site.node
        small = node.body[0] if isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1 else None
        call: cst.BaseExpression | None = None
        if isinstance(small, cst.Return) and isinstance(self.owner, cst.FunctionDef):
            call, label = small.value, f"{self.owner.name.value}()"
        elif (
            isinstance(small, cst.Assign)
            and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Attribute)
        ):
            call, label = small.value, dotted(small.targets[0].target) or "the attribute"
        if not isinstance(call, cst.Call) or self.imports.v02(call.func) not in V02_AGENTS:
            return False
        kind = self.imports.v02(call.func) or ""
        self.inline.append((site, read_agent(label, site.index, kind, call, self.configs)))
        return True

    def _runs_agents(self, site: Site) -> bool:
        """Whether ``site`` may run v0.2 agents: a chat, or a v0.2 function the rewrite does not know."""
        if _is_chat(site.node):
            return True
        return any(
            isinstance(node, cst.Call)
            and (self.imports.v02(node.func) or "") not in ("", *BUILDERS, *config_calls.HELPERS, "OpenAIWrapper")
            for node in walk(site.node)
        )

    def _alone(self) -> set[str]:
        """Agents of a scope without chats that can be v0.4 agents on their own (see ``standalone``)."""
        refused = {id(site.node) for site, _ in self.refused}
        tools = {id(site.node): tool.caller for site, tool, _ in self.tools}
        replies = {id(site.node) for site, _ in self.replies.values()}
        answered: dict[int, str] = {}
        if self._only_answering():  # else the agents are written alone, and nothing here may await
            answered = {id(site.node): name for site in self.found if (name := self._answered(site)) is not None}
        return standalone(
            self.agents,
            self.found,
            self.scope,
            self.imports,
            refused=refused,
            tools=tools,
            replies=replies,
            answered=answered,
        )

    def _answered(self, site: Site) -> str | None:
        """The agent whose one reply (``generate_reply``) the statement at ``site`` asks for, if v0.4 can give it."""
        node = site.node
        if (
            self.blocker is not None
            or not isinstance(node, cst.SimpleStatementLine)
            or one_reply(node, partial(self._unused_agent, site=site), partial(self._text, site=site)) is None
        ):
            return None
        call = next(n for n in walk(node) if isinstance(n, cst.Call))
        return dotted(cst.ensure_type(call.func, cst.Attribute).value)

    def _only_answering(self) -> bool:
        """Whether the agents here only give one reply each (``generate_reply``): they are written as for a chat.

        Agents nothing reads may stand beside them. The scope then awaits the answers, so its
        clients are made and closed as a chat's are.
        """
        answering = {self._answered(site) for site in self.found}
        return (
            bool(answering - {None})
            and not self.inline
            and all(
                (name in answering or not self.scope.loads[name]) and agent.reply is None
                for name, agent in self.agents.items()
            )
        )

    def _write(self) -> None:
        self._write_executors()
        alone = not self.chats and not any(self._runs_agents(site) for site in self.found)
        for site, agent in self.inline:
            if not (alone and self._inline_alone(site, agent)):
                kind = agent.kind
                self._refuse(site, Refusal(f"`{kind}(...)` is built where the codemod cannot follow it"))
        answering = not self.chats and self._only_answering()
        if not self.chats and (self.agents or self.inline) and not answering:
            self._write_alone()
            return
        if not self.chats and self.wrappers:
            self._configs()
        if not self.chats and not answering:
            for site, _ in self.group_chats.values():
                self.edits.todo(site.node, Todo("AGL601", "the group chat's chat could not be rewritten here"))
            return
        used_groups = {id(s.node) for s, _ in self.group_chats.values()} & self.edits.removed
        for site, _ in self.group_chats.values():
            if id(site.node) not in used_groups:
                self.edits.todo(site.node, Todo("AGL601", "the group chat's chat could not be rewritten here"))
        for site, tool, agent in self.tools:
            self._attach(site, tool, agent)
        clients: dict[tuple[ClientSpec, int], str] = {}
        opening: dict[int, Guarded] = {}
        first_in_block: dict[int, Site] = {}
        written = [(agent, site) for agent, site in self.bound if agent.variable in self.agents]
        for _, site in written:
            first_in_block.setdefault(id(site.block), site)
        for agent, site in written:
            self._write_agent(agent, site, clients, opening, first_in_block)
        results: list[ResultBinding] = []
        earlier: list[Team] = []
        top = body_of(self.owner)
        for chat in self.chats:
            self._write_chat(chat, clients, opening, first_in_block, earlier)
            if chat.team.result is not None:
                unconditional = chat.site.block is top and not chat.site.in_loop
                summary = chat.team.summary_of(True)
                results.append(ResultBinding(chat.site.index, chat.team.result, summary, unconditional))
        for key, guard in opening.items():
            self.edits.guarded[key] = guard
        self._configs()
        self._uses(results)
        self.edits.awaiting.add(id(self.owner))

    def _write_alone(self) -> None:
        """Agents of a scope without chats, each with its client made just before it (see ``standalone``)."""
        for site, _ in self.group_chats.values():
            self.edits.todo(site.node, Todo("AGL601", "the group chat's chat could not be rewritten here"))
        for site, tool, agent in self.tools:
            if tool.caller in self.agents:
                self._attach(site, tool, agent)
        clients: dict[tuple[ClientSpec, int], str] = {}
        refused = {id(site.node) for site, _ in self.refused}
        placed = [(self.sites_of[agent.variable], agent) for agent in self.agents.values()]
        placed += [(site, agent) for site, agent in self.inline if id(site.node) not in refused]
        for site, agent in placed:
            if agent.reply is not None:
                self._write_reply_agent(site, agent)
                continue
            item = cst.ensure_type(site.node, cst.SimpleStatementLine)
            todos = chat_options_todos(agent)
            if agent.role == "silent":
                agent.role = "human"
                what = (
                    f'`{agent.variable}` answered without asking anyone (`human_input_mode="NEVER"`); '
                    "a v0.4 `UserProxyAgent` asks a person: keep it out of the teams that should not ask"
                )
                todos.append(Todo("AGL501", what))
            client = None
            if agent.client is not None:
                key = (agent.client, id(site.block))
                if key not in clients:
                    clients[key] = self.names.fresh("model_client")
                    code = agent.client.code(len(clients[key]) + 3)
                    created = statement(f"{clients[key]} = {code}").with_changes(leading_lines=item.leading_lines)
                    item = item.with_changes(leading_lines=[])
                    self.edits.before.setdefault(id(site.node), []).append(created)
                    for todo in agent.client.todos:
                        self.edits.todo(created, todo)
                    self.edits.needed.add(agent.client.cls)
                    self.edits.needed.update(agent.client.imports)
                    self.edits.helpers += [h for h in agent.client.helpers if h not in self.edits.helpers]
                client = clients[key]
            executor = agent.executor.code() if agent.executor is not None else None
            if agent.executor is not None:
                self.edits.needed.add(agent.executor.cls)
            add_needs(agent, self.edits.needed, self.edits.helpers)
            new = item.deep_replace(agent.call, agent_call(agent, client, executor))
            self.edits.replaced[id(site.node)] = [cst.ensure_type(new, cst.SimpleStatementLine)]
            self.edits.rewrites += 1
            for todo in [*agent.todos, *todos]:
                self.edits.todo(site.node, todo)
        self._configs()
        self._uses([])

    def _write_reply_agent(self, site: Site, agent: Agent) -> None:
        """The custom agent, built where its reply function was registered (that statement's place)."""
        register = cst.ensure_type(self.replies[agent.variable][0].node, cst.SimpleStatementLine)
        built = cst.ensure_type(site.node, cst.SimpleStatementLine)
        self.edits.replaced[id(site.node)] = []
        assign = cst.Assign([cst.AssignTarget(cst.Name(agent.variable))], reply_agent_call(agent))
        blanks = [line for line in register.leading_lines if line.comment is None]
        blanks = blanks or [line for line in built.leading_lines if line.comment is None]
        lines = [*blanks, *(line for line in (*built.leading_lines, *register.leading_lines) if line.comment)]
        self.edits.replaced[id(register)] = [register.with_changes(body=[assign], leading_lines=lines)]
        add_needs(agent, self.edits.needed, self.edits.helpers)
        self.edits.rewrites += 1

    def _inline_alone(self, site: Site, agent: Agent) -> bool:
        """Whether an agent returned or stored here is only a value wherever the module uses it."""
        if agent.executor is not None and agent.executor.needs_start:
            return False
        small = cst.ensure_type(site.node, cst.SimpleStatementLine).body[0]
        if isinstance(small, cst.Assign):
            attribute = cst.ensure_type(small.targets[0].target, cst.Attribute).attr.value
            return used_as_value(self.module, self.imports, attribute=attribute)
        if isinstance(self.owner, cst.FunctionDef):
            return used_as_value(self.module, self.imports, maker=self.owner.name.value)
        return False

    def _attach(self, site: Site, tool: Tool, agent: Agent) -> None:
        agent_site = next(
            (where for bound, where in self.bound if bound is agent and bound.variable in self.agents), None
        )
        if agent_site is None:
            return  # the agent stays v0.2 (its statement says why), and so does its tool
        agent.tools.append(tool)
        if isinstance(site.node, cst.FunctionDef):
            self.edits.undecorated.setdefault(id(site.node), set()).update(self._decorators.get(id(site.node), ()))
            if agent_site.block is site.block and site.index > agent_site.index:
                self._move_before(agent_site, site)
            elif agent_site.block is not site.block:
                what = f"define `{tool.function}` before `{tool.caller}`, which lists it in `tools=[...]`"
                self.edits.todo(site.node, Todo("AGL401", what))
        else:
            self.edits.removed.add(id(site.node))
            definition = next(
                (s for s in self.found if isinstance(s.node, cst.FunctionDef) and s.node.name.value == tool.function),
                None,
            )
            if definition is not None and definition.index > agent_site.index:
                if definition.block is agent_site.block:
                    self._move_before(agent_site, definition)
                else:
                    what = f"define `{tool.function}` before `{tool.caller}`, which lists it in `tools=[...]`"
                    self.edits.todo(definition.node, Todo("AGL401", what))

    def _move_before(self, agent_site: Site, site: Site) -> None:
        """``site`` (a tool's ``def``) moved just before ``agent_site``, with what its definition reads.

        The statements between them that bind a name the ``def`` reads where it stands (an
        annotation's type alias, a default) move with it, in their order, when they read no agent.
        """
        between = [s for s in self.found if s.block is site.block and agent_site.index <= s.index < site.index]
        needed = reads_now(site.node) - set(self.agents)  # the agents' decorators go
        taken: list[Site] = []
        while True:
            found = [s for s in between if s not in taken and binds(s.node) & needed]
            if not found:
                break
            for extra in found:
                taken.append(extra)
                needed |= reads_now(extra.node)
        moved_already = {key for group in self.edits.moved.values() for key in group}
        if any(s is agent_site or reads_now(s.node) & set(self.agents) for s in taken):
            what = f"define `{_defined(site.node)}` before the agent that lists it in `tools=[...]`"
            self.edits.todo(site.node, Todo("AGL401", what))
            taken = []
        group = self.edits.moved.setdefault(id(agent_site.node), [])
        for extra in sorted(taken, key=lambda s: s.index):
            if id(extra.node) not in moved_already and id(extra.node) not in group:
                group.append(id(extra.node))
        group.append(id(site.node))

    def _client(
        self,
        spec: ClientSpec,
        site: Site,
        clients: dict[tuple[ClientSpec, int], str],
        opening: dict[int, Guarded],
        first_in_block: dict[int, Site],
    ) -> str:
        key = (spec, id(site.block))
        outer = next(
            (
                variable
                for (made, block), variable in clients.items()
                if made == spec and block in first_in_block and _after(first_in_block[block], site.node)
            ),
            None,
        )
        if key not in clients and outer is not None:
            return outer  # made in an enclosing block, before the statement that holds this one
        if key not in clients:
            variable = self.names.fresh("model_client")
            clients[key] = variable
            code = spec.code(len(variable) + 3)
            anchor = self._anchor(site, first_in_block, code)
            guard = opening.setdefault(id(anchor.node), Guarded([], [], []))
            created = statement(f"{variable} = {code}")
            guard.opening.append(created)
            for todo in spec.todos:
                self.edits.todo(created, todo)
            guard.closing.append(f"await {variable}.close()")
            self.edits.needed.add(spec.cls)
            self.edits.needed.update(spec.imports)
            self.edits.helpers += [helper for helper in spec.helpers if helper not in self.edits.helpers]
        return clients[key]

    def _anchor(self, site: Site, first_in_block: dict[int, Site], code: str) -> Site:
        """Where set-up ``code`` for ``site`` goes.

        That is the block's first agent, or ``site`` itself when the code reads a name bound in
        between (it then opens a ``try`` of its own).
        """
        anchor = first_in_block.setdefault(id(site.block), site)
        between = [s for s in self.found if s.block is site.block and anchor.index <= s.index < site.index]
        late = reads_code(code) & {name for s in between for name in binds(s.node)}
        return site if late else anchor

    def _write_agent(
        self,
        agent: Agent,
        site: Site,
        clients: dict[tuple[ClientSpec, int], str],
        opening: dict[int, Guarded],
        first_in_block: dict[int, Site],
    ) -> None:
        if agent.role == "silent":
            in_chats = sum(_reads_of(chat.site.node, agent.variable) for chat in self.chats)
            if self.scope.loads[agent.variable] != in_chats + self._group_mentions(agent.variable):
                what = f"`{agent.variable}` does nothing in v0.4 but is used elsewhere"
                self.edits.todo(site.node, Todo("AGL201", what))
                return
            self.edits.removed.add(id(site.node))
            return
        add_needs(agent, self.edits.needed, self.edits.helpers)
        executor_code: str | None = None
        if agent.executor is not None:
            self.edits.needed.add(agent.executor.cls)
            executor_code = agent.executor.code()
            if agent.executor.needs_start:
                variable = self.names.fresh("code_executor")
                anchor = self._anchor(site, first_in_block, executor_code)
                guard = opening.setdefault(id(anchor.node), Guarded([], [], []))
                guard.opening.append(statement(f"{variable} = {executor_code}"))
                guard.started.append(f"await {variable}.start()")
                guard.closing.insert(0, f"await {variable}.stop()")
                executor_code = variable
        client = self._client(agent.client, site, clients, opening, first_in_block) if agent.client else None
        item = cst.ensure_type(site.node, cst.SimpleStatementLine)
        assign = cst.ensure_type(item.body[0], cst.Assign)
        new = item.with_changes(body=[assign.with_changes(value=agent_call(agent, client, executor_code))])
        self.edits.replaced[id(site.node)] = [new]
        self.edits.rewrites += 1
        for todo in agent.todos:
            self.edits.todo(site.node, todo)

    def _group_mentions(self, name: str) -> int:
        """Mentions of ``name`` in statements the rewrite removes, and in tool decorators it drops."""
        found = 0
        for site in self.found:
            if id(site.node) in self.edits.removed:
                found += _reads_of(site.node, name)
            elif isinstance(site.node, cst.FunctionDef) and name in self.edits.undecorated.get(id(site.node), ()):
                found += sum(
                    _reads_of(d, name) for d in site.node.decorators if (decorator_role(d) or ("",))[0] == name
                )
        return found

    def _write_chat(
        self,
        chat: _Chat,
        clients: dict[tuple[ClientSpec, int], str],
        opening: dict[int, Guarded],
        first_in_block: dict[int, Site],
        earlier: list[Team],
    ) -> None:
        team = chat.team
        before, after = self._in_sequence(chat) if chat.sequence is not None else ([], [])
        self.edits.needed |= team.imports()
        client = self._client(team.client, chat.site, clients, opening, first_in_block) if team.client else None
        variable = self.names.fresh("team")
        summarizer = (
            self._client(team.summarizer, chat.site, clients, opening, first_in_block) if team.summarizer else None
        )
        code = team.statements(variable, client, self.names.fresh, summarizer)
        if team.fresh and (chat.site.in_loop or any(other.shares(team) for other in earlier)):
            built = next(i for i, line in enumerate(code) if line.startswith(f"{variable} = "))
            code.insert(built + 1, f"await {variable}.reset()")
        earlier.append(team)
        if chat.sequence is not None:
            after = self._sequence_summary(chat, after)
        new = [statement(line) for line in [*before, *code, *after]]
        written = self.edits.replaced.get(id(chat.site.node))
        if written is None:
            new[0] = new[0].with_changes(
                leading_lines=list(cst.ensure_type(chat.site.node, cst.SimpleStatementLine).leading_lines)
            )
        self.edits.replaced[id(chat.site.node)] = [*(written or []), *new]
        self.edits.rewrites += 1
        for agent in team.dropped:
            for todo in agent.todos:
                self.edits.todo(chat.site.node, todo)
        for todo in team.todos:
            self.edits.todo(chat.site.node, todo)

    def _in_sequence(self, chat: _Chat) -> tuple[list[str], list[str]]:
        """The statement that carries the earlier chats' summaries into this chat's task; what follows the run."""
        sequence = chat.sequence
        assert sequence is not None
        position = sequence.chats.index(chat)
        if position == 0 and sequence.listing is not None:
            self.edits.removed.add(id(self.found[sequence.listing].node))
        if position == 0:
            return [], []
        task = self.names.fresh("task")
        summaries = [cst.ensure_type(c.team.summary_variable, str) for c in sequence.chats[:position]]
        line = f"{task} = {carried(chat.team.task, summaries)}"
        chat.team.task = task
        return [line], []

    def _sequence_summary(self, chat: _Chat, after: list[str]) -> list[str]:
        """The chat's summary bound to a variable (the next chats carry it), and the results' list last."""
        sequence = chat.sequence
        assert sequence is not None
        team = chat.team
        if team.summary_variable is None and team.result is not None:
            team.summary_variable = self.names.fresh("summary")
            after = [*after, f"{team.summary_variable} = {last_message_summary(cst.ensure_type(team.result, str))}"]
        if chat is sequence.chats[-1] and sequence.target is not None:
            after.append(f"{sequence.target} = [{', '.join(str(c.team.result) for c in sequence.chats)}]")
        return after

    def _one_reply(self, node: cst.SimpleStatementLine, site: Site) -> bool:
        """``agent.generate_reply(messages=[...])`` answered by the v0.4 agent, if it can be."""
        if self.blocker is not None:  # the answer is awaited
            return False
        answered = one_reply(node, partial(self._unused_agent, site=site), partial(self._text, site=site))
        if answered is None:
            return False
        new = [statement(line) for line in answered]
        new[0] = new[0].with_changes(leading_lines=node.leading_lines, trailing_whitespace=node.trailing_whitespace)
        self.edits.replaced[id(node)] = new
        self.edits.needed |= REPLY_IMPORTS
        self.edits.awaiting.add(id(self.owner))
        return True

    def _unused_agent(self, name: str, site: Site) -> Agent | None:
        """The rewritten agent ``name`` holds at ``site``, when no chat of it can come before."""
        if name not in self.agents:
            return None
        held = [agent for agent, bound in self.bound if agent.variable == name and bound.index < site.index]
        chats = [chat for chat in self.chats if name in chat.agents]
        if not held or any(chat.site.index < site.index for chat in chats) or (site.in_loop and chats):
            return None
        return held[-1]

    def _text(self, name: cst.Name, site: Site) -> str | None:
        """The string literal ``name`` holds at ``site``, if the scope binds it once to one."""
        found = self.scope.value(name.value, site.index)
        return string(found[1]) if found is not None else None

    def _sequence_uses(self, site: Site, bindings: list[ResultBinding]) -> None:
        """A kept statement that reads the results of ``initiate_chats``: they are v0.4 ``TaskResult``s now.

        A loop over the results whose variable is read only as ``<variable>.<attribute>`` reads each
        chat: over the summaries when it reads ``.summary`` alone, else over the ``TaskResult``s,
        its variable then read as a chat result (``bindings``).
        """
        node = site.node
        header: cst.CSTNode = node
        if isinstance(node, cst.For):
            header = node.iter
        elif isinstance(node, cst.If | cst.While):
            header = node.test
        elif not isinstance(node, cst.SimpleStatementLine):
            return
        for chat in self.chats:
            sequence = chat.sequence
            if sequence is None or chat is not sequence.chats[-1] or sequence.target is None:
                continue
            if _reads_of(header, sequence.target) and not self._results_loop(site, sequence, bindings):
                summaries = ", ".join(f"`{c.team.summary_variable}`" for c in sequence.chats)
                what = f"`{sequence.target}` holds v0.4 `TaskResult`s (`.messages`); the summaries are {summaries}"
                self.edits.todo(node, Todo("AGL302", what, section="chat-result"))

    def _results_loop(self, site: Site, sequence: _Sequence, bindings: list[ResultBinding]) -> bool:
        """``for <variable> in <results>:`` read the v0.4 way (see ``_sequence_uses``), if it can be."""
        node = site.node
        if not (
            isinstance(node, cst.For)
            and isinstance(node.iter, cst.Name)
            and node.iter.value == sequence.target
            and isinstance(node.target, cst.Name)
            and node.orelse is None
        ):
            return False
        variable = node.target.value
        read = loop_reads(node.body, variable)
        if not read:
            return False
        if read == {"summary"}:
            summaries = [cst.Element(cst.Name(cst.ensure_type(c.team.summary_variable, str))) for c in sequence.chats]
            self.edits.headers[id(node)] = {"iter": cst.List(summaries)}
            bindings.append(ResultBinding(site.index, variable, variable, unconditional=False))
            return True
        if "summary" in read:
            return False
        bindings.append(ResultBinding(site.index, variable, False, unconditional=False))
        return True

    def _configs(self) -> None:
        """Configurations every read of which was rewritten go; one a kept statement reads stays.

        A kept statement: an agent that stays v0.2 with its chat, or another configuration, or a
        function defined here (it reads the name when it runs; a module's unread ones go later).
        """
        named: dict[str, cst.BaseStatement] = {}
        for index in sorted(i for i in self.configs.statements if i >= 0):
            node = self.found[index].node
            small = cst.ensure_type(node, cst.SimpleStatementLine).body[0]
            named[cst.ensure_type(cst.ensure_type(small, cst.Assign).targets[0].target, cst.Name).value] = node
        if self.scope.module_scope is not None:  # a function's local that nothing reads: v0.2 settings left behind
            for site in self.found:
                name = _assigned(site.node)
                if name is not None and name not in named and self._unread_config(site.node, name):
                    named[name] = site.node
                    for load in walk(site.node):
                        if isinstance(load, cst.Name):
                            self.scope.take(load)
        going = {
            name
            for name, node in named.items()
            if self.scope.all_taken(name) and not self.scope.inner_loads[name] and self.hands_off(node) is None
        }
        rewritten = set(self.edits.replaced) | self.edits.removed | {id(node) for node in named.values()}
        kept_lines = [
            site.node
            for site in self.found
            if isinstance(site.node, cst.SimpleStatementLine) and id(site.node) not in rewritten
        ]
        going -= {name for name in going if any(_reads_of(node, name) for node in kept_lines)}
        kept = set(named) - going
        while kept:
            read = {name for other in kept for name in going if _reads_of(named[other], name)}
            going -= read
            kept = read
        self.edits.removed |= {id(named[name]) for name in going}

    def _unread_config(self, node: cst.BaseStatement, name: str) -> bool:
        """``name = {"config_list": ..., ...}`` of plain values, where ``name`` is read nowhere."""
        value = cst.ensure_type(cst.ensure_type(node, cst.SimpleStatementLine).body[0], cst.Assign).value
        if not isinstance(value, cst.Dict) or "config_list" not in {
            string(element.key) for element in value.elements if isinstance(element, cst.DictElement)
        }:
            return False
        unread = self.scope.bindings[name] == 1 and not self.scope.loads[name] and not self.scope.inner_loads[name]
        return unread and all(isinstance(n, _PLAIN) for n in walk(value) if isinstance(n, cst.BaseExpression))

    def module_configs(self) -> set[str]:
        """Names of the module's top-level configuration statements this scope read for a rewrite it made."""
        if not self.edits.rewrites:
            return set()
        found: set[str] = set()
        for index in self.configs.statements:
            if index < 0:  # a module-level statement read from a function
                name = self.scope.module_scope.assigned_name(-1 - index) if self.scope.module_scope else None
            else:
                name = _assigned(self.found[index].node) if self.scope.module_scope is None else None
            if name is not None:
                found.add(name)
        return found

    def _uses(self, bindings: list[ResultBinding]) -> None:
        """Kept statements: chat results read the v0.4 way; v0.2 agent API on rewritten agents marked."""
        for site in self.found:
            node = site.node
            if id(node) in self.edits.replaced or id(node) in self.edits.removed:
                continue
            self._sequence_uses(site, bindings)
            results = results_at(bindings, site.index)
            if not isinstance(node, cst.SimpleStatementLine):
                if results and isinstance(node, cst.BaseCompoundStatement):
                    self._header_uses(node, results)
                continue
            if self._one_reply(node, site):
                continue
            reset = forgetting(node, self.agents)
            if reset is not None:
                new = statement(reset).with_changes(
                    leading_lines=node.leading_lines, trailing_whitespace=node.trailing_whitespace
                )
                self.edits.replaced[id(node)] = [new]
                self.edits.needed.add(CANCELLATION)
                continue
            if results:
                uses = ResultUses(results)
                new = visited(node, uses)
                if not new.deep_equals(node):
                    self.edits.replaced[id(node)] = [new]
                for todo in uses.todos:
                    self.edits.todo(node, todo)
            read = visited(self.edits.replaced.get(id(node), [node])[0], AgentReads(self.agents))
            if not read.deep_equals(node):
                self.edits.replaced[id(node)] = [read]
            for inner in walk(read):
                if isinstance(inner, cst.Attribute) and isinstance(inner.value, cst.Attribute):
                    held = self.outer.get(dotted(inner.value) or "")
                    if (
                        held is not None
                        and inner.attr.value not in AGENT_ATTRIBUTES
                        and not self.edits.todos.get(id(node))
                    ):
                        what = f"`{held.variable}.{inner.attr.value}` is v0.2 agent API"
                        self.edits.todo(node, Todo("AGL501", what))
                if isinstance(inner, cst.Attribute) and isinstance(inner.value, cst.Name):
                    agent = self.agents.get(inner.value.value)
                    if (
                        agent is not None
                        and inner.attr.value not in AGENT_ATTRIBUTES
                        and not self.edits.todos.get(id(node))
                    ):
                        what = f"`{agent.variable}.{inner.attr.value}` is v0.2 agent API"
                        self.edits.todo(node, Todo("AGL501", what))

    def _header_uses(self, node: cst.BaseCompoundStatement, results: dict[str, bool | str]) -> None:
        """Chat results read in the header of a kept block (``if result.summary:``), the v0.4 way."""
        uses = ResultUses(results)
        header: dict[str, object] = {}
        for name in HEADERS.get(type(node), ()):
            value = getattr(node, name)
            new = [item.visit(uses) for item in value] if isinstance(value, Sequence) else value.visit(uses)
            if not _same(new, value):
                header[name] = new
        if header:
            self.edits.headers[id(node)] = header
        for todo in uses.todos:
            self.edits.todo(node, todo)


HEADERS: dict[type[cst.CSTNode], tuple[str, ...]] = {
    cst.If: ("test",),
    cst.While: ("test",),
    cst.For: ("target", "iter"),
    cst.With: ("items",),
    cst.Match: ("subject",),
}
"""The parts of a block's first line that are expressions, by the block's kind."""


def _same(new: object, old: object) -> bool:
    if isinstance(new, list) and isinstance(old, Sequence):
        return len(new) == len(old) and all(a.deep_equals(b) for a, b in zip(new, old, strict=True))
    return isinstance(new, cst.CSTNode) and isinstance(old, cst.CSTNode) and new.deep_equals(old)


def _after(anchor: Site, node: cst.CSTNode) -> bool:
    """Whether ``node`` lies inside a statement of ``anchor``'s block that comes after ``anchor``."""
    later = list(statements_of(anchor.block))
    position = next((i for i, item in enumerate(later) if item is anchor.node), None)
    return position is not None and any(node in walk(item) for item in later[position + 1 :])


_PLAIN = (cst.Dict, cst.List, cst.Tuple, cst.Name, cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)
"""What a configuration left behind may be made of: evaluating it does nothing (no call, no subscript)."""


def _reads_of(node: cst.CSTNode, name: str) -> int:
    """How often ``node`` reads the variable ``name`` (not a keyword or an attribute spelled alike)."""
    nodes = walk(node)
    other = {id(n.keyword) for n in nodes if isinstance(n, cst.Arg) and n.keyword is not None}
    other |= {id(n.attr) for n in nodes if isinstance(n, cst.Attribute)}
    return sum(1 for n in nodes if isinstance(n, cst.Name) and n.value == name and id(n) not in other)


def _defined(node: cst.BaseStatement) -> str:
    return node.name.value if isinstance(node, cst.FunctionDef | cst.ClassDef) else "the function"


def _assigned(node: cst.BaseStatement) -> str | None:
    """``x`` of ``x = ...``."""
    if isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1 and isinstance(node.body[0], cst.Assign):
        targets = node.body[0].targets
        if len(targets) == 1 and isinstance(targets[0].target, cst.Name):
            return targets[0].target.value
    return None


def _is_chat(node: cst.BaseStatement) -> bool:
    return any(isinstance(n, cst.Call) and method(n) in CHAT_METHODS for n in walk(node))


def body_of(owner: cst.Module | cst.FunctionDef) -> Body:
    if isinstance(owner, cst.Module):
        return owner
    return owner.body
