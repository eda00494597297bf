"""Reading a v0.2 program: its agents, chats, tools and configuration, or why it is refused."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Callable, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from autogen_lint.migrate.agent_state import STATEMENT_LEVEL
from autogen_lint.migrate.agents import V02_AGENTS, Agent, read_agent
from autogen_lint.migrate.caches import cache_block
from autogen_lint.migrate.conversations import (
    GroupChatCall,
    Team,
    group_chat,
    read_group_chat,
    two_agent_chat,
    with_recipient_first,
)
from autogen_lint.migrate.function_maps import function_map_tools, is_function_map
from autogen_lint.migrate.imports import Imports, dotted, walk
from autogen_lint.migrate.literals import keywords, positional
from autogen_lint.migrate.model_clients import ModelConfigs
from autogen_lint.migrate.passed import passed_agents
from autogen_lint.migrate.refusal import Refusal
from autogen_lint.migrate.scope import Scope
from autogen_lint.migrate.sends import continued_chat, printed, send_parts
from autogen_lint.migrate.shape import HandsOff, HelperCalls, Migration, Note, Plan, ProgramShape
from autogen_lint.migrate.statements import is_main_guard, method, statement
from autogen_lint.migrate.todos import leading
from autogen_lint.migrate.tools import Tool, decorated_tool, decorator_role, register_function

REFUSED_METHODS = frozenset(
    {"initiate_chat", "initiate_chats", "register_for_llm", "register_nested_chats", "register_reply", "register_hook"}
)
"""v0.2 agent methods whose calls the codemod rewrites only in the shapes it knows, or never."""
BUILDERS = frozenset({*V02_AGENTS, "GroupChat", "GroupChatManager", "register_function"})


class Program(ProgramShape):
    """One module being migrated: reading its statements (the writing is ``ProgramShape``'s)."""

    def __init__(
        self,
        text: str,
        link: Callable[[str], str],
        hands_off: HandsOff,
        *,
        notebook: bool = False,
        notes: Sequence[Note] = (),
    ) -> None:
        self.notes = notes
        self.notebook = notebook
        """A notebook's code cells: statements stay where they are, awaited at the top level."""
        self.link = link
        self.hands_off = hands_off
        try:
            self.module = cst.parse_module(text)
        except cst.ParserSyntaxError as error:
            raise Refusal(f"libcst cannot parse it ({error.message})", error.raw_line) from None
        self.tree = ast.parse(text.replace("\r\n", "\n").replace("\r", "\n"))
        self.imports = Imports.of(self.module)
        if not self.imports.v02_statements:
            raise Refusal("no `autogen` import")
        body = list(self.module.body)
        self.guard: int | None = len(body) - 1 if body and is_main_guard(body[-1]) and not notebook else None
        self.function = self._main_function(body) if self.guard is not None else None
        """The index of ``def main():`` when the program lives in it, called only by the main guard."""
        guarded = cst.ensure_type(body[-1], cst.If).body.body if self.guard is not None else ()
        self.items: list[cst.BaseStatement] = [*body[: self.guard], *guarded]
        if self.function is not None:
            block = cst.ensure_type(cst.ensure_type(body[self.function], cst.FunctionDef).body, cst.IndentedBlock)
            self.items = list(block.body)
        self.caches: dict[str, int] = {}
        """``with Cache.disk() as cache:`` names, and how many ``cache=`` arguments the chats drop."""
        self.cache_heads: dict[int, list[cst.EmptyLine]] = {}
        """First statements of unwrapped ``with Cache...:`` blocks, and the comments above the block."""
        self.items = self._without_caches(self.items)
        positions = MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(PositionProvider)
        self.lines = [(positions[item].start.line, positions[item].end.line) for item in self.items]
        self._statements = [node for node in ast.walk(self.tree) if isinstance(node, ast.stmt)]
        self.scope = Scope(self.items, self.tree)
        self.configs = ModelConfigs(self.module, self.imports, self.scope)
        self.plan = Plan()
        self.helper_calls = HelperCalls()
        self.agents: dict[str, Agent] = {}
        """The agent each variable holds at the statement being read."""
        self.all_agents: list[Agent] = []
        self.chats: dict[str, GroupChatCall] = {}
        self.managers: dict[str, tuple[int, cst.Call]] = {}
        self.bound: Counter[str] = Counter()
        """Group chats and managers: how often each name is bound to one (a notebook may do it again)."""
        self.consumed: Counter[str] = Counter()
        """How often each is read by the rewrite: a group chat by a manager, a manager by a chat."""
        self.teams: list[tuple[int, Team]] = []
        self.tools: list[Tool] = []
        self.callers: list[Agent] = []
        self.deferred: dict[int, int] = {}
        """Agents (statement index) written after the last definition of their tools (index)."""
        self.program: set[int] = set()
        """Statements that are AutoGen program code: they run inside ``main()``."""

    def _without_caches(self, items: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
        """``with Cache.disk() as cache:`` blocks replaced by their statements (v0.4 has no such cache)."""
        flat: list[cst.BaseStatement] = []
        for item in items:
            name = self._cache_block(item)
            if name is None or not isinstance(item, cst.With) or not isinstance(item.body, cst.IndentedBlock):
                flat.append(item)
                continue
            self.caches[name] = 0
            self.cache_heads[len(flat)] = leading(item)
            flat.extend(item.body.body)
        return flat

    def _cache_block(self, item: cst.BaseStatement) -> str | None:
        """The ``as`` name of ``with Cache.disk(...) as name:`` (or ``Cache.redis``), else ``None``."""
        found = cache_block(item, self.imports)
        return found[0] if found is not None else None

    def _main_function(self, body: Sequence[cst.BaseStatement]) -> int | None:
        """``def f():`` holding the AutoGen program, whose only use is ``f()`` in the main guard."""
        guard = cst.ensure_type(body[-1], cst.If)
        call = guard.body.body[0] if len(guard.body.body) == 1 else None
        if not isinstance(call, cst.SimpleStatementLine) or len(call.body) != 1:
            return None
        expression = call.body[0]
        if not isinstance(expression, cst.Expr) or not isinstance(expression.value, cst.Call):
            return None
        name = dotted(expression.value.func)
        if expression.value.args or name is None:
            return None
        for index, item in enumerate(body):
            if isinstance(item, cst.FunctionDef) and item.name.value == name:
                builds = any(isinstance(n, cst.Call) and self.imports.v02(n.func) in BUILDERS for n in walk(item))
                simple = not item.decorators and not item.params.params and item.asynchronous is None
                used_once = sum(1 for n in ast.walk(self.tree) if isinstance(n, ast.Name) and n.id == name) == 1
                if builds and simple and used_once:
                    return index
        return None

    # Reading the statements

    def migrate(self) -> Migration:
        for index, item in enumerate(self.items):
            self._read(index, item)
        if not self.agents:
            raise Refusal("no v0.2 agent the codemod can rewrite")
        if not self.teams:
            raise Refusal("no conversation (`initiate_chat`) the codemod can rewrite")
        self._attach_tools()
        self._check_rebinding()
        self._check_uses()
        if not self.notebook:
            self._check_agent_calls()
        return self._write()

    def _check_agent_calls(self) -> None:
        """Leave the calls the statement-level rewrite answers in v0.4 (``generate_reply``, ``reset``) to it."""
        for index, item in enumerate(self.items):
            for node in walk(item):
                if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
                    owner = dotted(node.func.value)
                    if owner in self.agents and node.func.attr.value in STATEMENT_LEVEL:
                        what = f"`{owner}.{node.func.attr.value}()` is rewritten statement by statement"
                        raise Refusal(what, self.lines[index][0])

    def _guarded(self, index: int, code: str) -> None:
        first, last = self.lines[index]
        found = self.hands_off(first, last)
        if found is not None:
            raise Refusal(f"`# noqa: {found}` or the rule selection keeps this statement as it is", first)

    def _read(self, index: int, item: cst.BaseStatement) -> None:
        line = self.lines[index][0]
        self.configs.at = index
        try:
            self._read_statement(index, item)
        except Refusal as refusal:
            refusal.line = refusal.line or line
            raise

    def _read_statement(self, index: int, item: cst.BaseStatement) -> None:
        if isinstance(item, cst.FunctionDef) and item.decorators:
            roles = [decorator_role(decorator) for decorator in item.decorators]
            found = [role for role in roles if role is not None and role[0] in self.agents]
            if found:
                self._guarded(index, "AGL402")
                self._tool(decorated_tool(item, found))
                kept = [d for d, role in zip(item.decorators, roles, strict=True) if role not in found]
                self.plan.replaced[index] = [item.with_changes(decorators=kept)]
                return
        if not isinstance(item, cst.SimpleStatementLine) or len(item.body) != 1:
            self._refuse_hidden(item)
            return
        small = item.body[0]
        target: str | None = None
        value: cst.BaseExpression | None = None
        if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
            target, value = small.targets[0].target.value, small.value
        elif isinstance(small, cst.Expr):
            value = small.value
        if not isinstance(value, cst.Call):
            self._refuse_hidden(item)
            return
        kind = self.imports.v02(value.func)
        if target is not None and kind in V02_AGENTS:
            self._guarded(index, "AGL201")
            agent = read_agent(target, index, kind, value, self.configs)
            if agent.executor is not None and agent.executor.variable is not None:
                raise Refusal(f"the code executor `{agent.executor.variable}` is bound or read elsewhere too")
            self.agents[target] = agent
            self.all_agents.append(agent)
            self.program.add(index)
        elif target is not None and kind == "GroupChat":
            self._guarded(index, "AGL601")
            self.chats[target] = read_group_chat(index, value)
            self.bound[target] += 1
            self.program.add(index)
            self.plan.removed.add(index)
        elif target is not None and kind == "GroupChatManager":
            self._guarded(index, "AGL601")
            self.managers[target] = (index, value)
            self.bound[target] += 1
            self.program.add(index)
            self.plan.removed.add(index)
        elif target is None and (kind == "register_function" or is_function_map(value, self.agents)):
            self._registration(index, item, value, kind)
        elif method(value) == "initiate_chat":
            self._guarded(index, "AGL301")
            self._conversation(index, target, value)
        elif not (target is None and self._send(index, value)):
            self._refuse_hidden(item)

    def _registration(self, index: int, item: cst.SimpleStatementLine, call: cst.Call, kind: str | None) -> None:
        """``register_function(f, caller=a, ...)`` or ``executor.register_function(function_map={...})``.

        A function map the codemod cannot read stays as it is, with the engine's TODO.
        """
        self._guarded(index, "AGL401")
        if kind == "register_function":
            self._tool(register_function(call))
        else:
            try:
                tools = function_map_tools(call, self.agents, self.configs.follow, self.configs.module)
            except Refusal:
                self._refuse_hidden(item)
                return
            for tool in tools:
                self._tool(tool)
        self.program.add(index)
        self.plan.removed.add(index)

    def _send(self, index: int, call: cst.Call) -> bool:
        """``a.send(message, b)`` after a chat of ``a`` and ``b`` (see ``sends``)."""
        parts = send_parts(call)
        if parts is None:
            return False
        sender, recipient, message = parts
        if sender not in self.agents or recipient not in self.agents or sender == recipient:
            return False
        chats = [(i, chat) for i, chat in self._chat_calls() if {sender, recipient} & set(chat[:2])]
        if not chats or set(chats[-1][1][:2]) != {sender, recipient}:
            return False
        last, (_, _, chat_call) = chats[-1]
        if any(last < agent.index < index for agent in self.all_agents if agent.variable in (sender, recipient)):
            return False
        self._guarded(index, "AGL501")
        turns = keywords(chat_call, "initiate_chat").get("max_turns")
        if turns is None or (isinstance(turns, cst.Name) and turns.value == "None"):
            self._conversation(index, None, continued_chat(sender, recipient, message))
            return True
        later = self.items[index + 1 :]
        if any(isinstance(n, cst.Name) and n.value in (sender, recipient) for item in later for n in walk(item)):
            return False
        line = printed(self.agents[sender].name, self.agents[recipient].name, message)
        self.plan.replaced[index] = [statement(line).with_changes(leading_lines=leading(self.items[index]))]
        self.program.add(index)
        return True

    def _chat_calls(self) -> list[tuple[int, tuple[str, str, cst.Call]]]:
        """The two-agent chats read so far: (statement, (sender, recipient, call))."""
        found = []
        for index, _ in self.teams:
            for node in walk(self.items[index]):
                if isinstance(node, cst.Call) and method(node) == "initiate_chat":
                    call = with_recipient_first(node)
                    given = positional(call)
                    sender = dotted(cst.ensure_type(call.func, cst.Attribute).value) or ""
                    recipient = dotted(given[0]) if given else None
                    if recipient is not None and recipient not in self.managers:
                        found.append((index, (sender, recipient, call)))
        return found

    def _conversation(self, index: int, result: str | None, call: cst.Call) -> None:
        kept = []
        for arg in call.args:
            cache = arg.value.value if isinstance(arg.value, cst.Name) else None
            if arg.keyword is not None and arg.keyword.value == "cache" and cache in self.caches:
                self.caches[cache] += 1
                continue
            kept.append(arg)
        call = with_recipient_first(call.with_changes(args=kept))
        func = cst.ensure_type(call.func, cst.Attribute)
        sender = self.agents.get(dotted(func.value) or "")
        recipient_node = call.args[0].value if call.args and call.args[0].keyword is None else None
        recipient = dotted(recipient_node) if recipient_node is not None else None
        if sender is None or recipient is None:
            raise Refusal("`initiate_chat()` between agents the codemod did not rewrite")
        if recipient in self.managers:
            _, manager = self.managers[recipient]
            chat_name = self._chat_of(manager)
            self.consumed.update((recipient, chat_name))
            team = group_chat(
                sender,
                self.chats[chat_name],
                manager,
                agents=self.agents,
                configs=self.configs,
                call=call,
                result=result,
                module=self.module,
            )
        elif recipient in self.agents:
            team = two_agent_chat(sender, self.agents[recipient], call, result, self.module)
        else:
            raise Refusal(f"`{recipient}` is not an agent the codemod rewrote")
        self.teams.append((index, team))
        self.program.add(index)

    def _chat_of(self, manager: cst.Call) -> str:
        for arg in manager.args:
            named = arg.keyword is None or arg.keyword.value == "groupchat"
            if named and isinstance(arg.value, cst.Name) and arg.value.value in self.chats:
                return arg.value.value
        raise Refusal("the group chat manager's group chat is not one the codemod read")

    def _refuse_hidden(self, item: cst.BaseStatement) -> None:
        """Refuse AutoGen objects built or chats started where the codemod cannot follow them."""
        for node in walk(item):
            if isinstance(node, cst.ClassDef):
                for base in node.bases:
                    if self.imports.v02(base.value):
                        raise Refusal(f"`{node.name.value}` subclasses the v0.2 `{self.imports.v02(base.value)}`")
            if isinstance(node, cst.Call):
                kind = self.imports.v02(node.func)
                if kind in BUILDERS:
                    raise Refusal(f"`{kind}(...)` is called where the codemod cannot follow it")
                if method(node) in REFUSED_METHODS:
                    raise Refusal(f"`.{method(node)}()` is called where the codemod cannot follow it")
        handed = sorted(passed_agents(item, self.agents, self.imports.v02, skip=BUILDERS))  # every agent is v0.4 here
        if handed:
            raise Refusal(f"`{handed[0]}` is given to v0.2 code the codemod keeps, so it stays a v0.2 agent")

    # Checking what is left

    def _tool(self, tool: Tool) -> None:
        agent = self.agents.get(tool.caller)
        if agent is None or agent.role != "assistant":
            raise Refusal(f"the tool `{tool.function}` is given to `{tool.caller}`, which has no model")
        self.tools.append(tool)
        self.callers.append(agent)

    def _attach_tools(self) -> None:
        definitions = {
            item.name.value: index for index, item in enumerate(self.items) if isinstance(item, cst.FunctionDef)
        }
        for tool, agent in zip(self.tools, self.callers, strict=True):
            agent.tools.append(tool)
            defined = definitions.get(tool.function)
            if self.notebook and defined is not None and defined > agent.index:
                self.deferred[agent.index] = max(defined, self.deferred.get(agent.index, defined))

    def _check_rebinding(self) -> None:
        """A name that holds an agent or a chat result holds nothing else anywhere."""
        for agent in self.all_agents:
            indexes = {a.index for a in self.all_agents if a.variable == agent.variable}
            if not self.scope.only_assignments(agent.variable, indexes):
                raise Refusal(f"`{agent.variable}` is also bound to something else than an agent")
        for _, team in self.teams:
            if team.result is None:
                continue
            indexes = {i for i, t in self.teams if t.result == team.result}
            if not self.scope.only_assignments(team.result, indexes):
                raise Refusal(f"`{team.result}` is also bound to something else than a chat result")

    def _check_uses(self) -> None:
        """Every load of a rewritten name must be one the rewrite replaced."""
        for name in (*self.chats, *self.managers):
            bound = self.bound[name]  # each binding read once, by the statement the rewrite replaced
            if self.scope.loads[name] != bound or self.scope.bindings[name] != bound or self.consumed[name] != bound:
                raise Refusal(f"`{name}` is used beyond starting the chat")
        for name, dropped in self.caches.items():
            if self.scope.loads[name] != dropped:
                raise Refusal(f"the cache `{name}` is used for more than the chats")
        for function in self.configs.functions:  # a function that only made the configuration
            if function in self.items and self.scope.all_taken(function.name.value):
                self.plan.removed.add(self.items.index(function))
        for index in self.configs.statements:
            self._guarded(index, "AGL202")
            item = self.items[index]
            small = cst.ensure_type(cst.ensure_type(item, cst.SimpleStatementLine).body[0], cst.Assign)
            name = cst.ensure_type(small.targets[0].target, cst.Name).value
            if not self.scope.all_taken(name):
                raise Refusal(f"the model configuration `{name}` is also used elsewhere", self.lines[index][0])
            self.plan.removed.add(index)
