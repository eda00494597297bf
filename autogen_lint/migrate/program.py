"""A v0.2 script into a v0.4 program: the rewrites in order, then ``async def main()`` around them."""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from autogen_lint.migrate.agents import V02_AGENTS, Agent, agent_call, read_agent
from autogen_lint.migrate.conversations import GroupChatCall, Team, group_chat, read_group_chat, two_agent_chat
from autogen_lint.migrate.imports import (
    Imports,
    Placeholder,
    dotted,
    import_lines,
    join_group,
    kept_aliases,
    plain_imports,
    walk,
)
from autogen_lint.migrate.model_clients import ClientSpec, ModelConfigs
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.results import ResultUses
from autogen_lint.migrate.scope import Scope, free_names
from autogen_lint.migrate.statements import (
    BlankLines,
    Names,
    bound_by,
    bound_by_cst,
    is_attribute_head,
    is_main_guard,
    loaded,
    method,
    one_blank_line,
    statement,
    visited,
    without_leading_blanks,
)
from autogen_lint.migrate.todos import leading, with_todos
from autogen_lint.migrate.tools import Tool, decorated_tool, decorator_role, register_function

Note = tuple[int, Todo]
"""An engine finding on a line: the TODO it gives a statement that is kept as it was."""
HandsOff = Callable[[int, int], str | None]
"""(first line, last line) of a statement: the code of a finding there that must not be touched."""

AGENT_ATTRIBUTES = frozenset({"name", "description"})
"""v0.2 agent attributes that v0.4 agents have too."""
REFUSED_METHODS = frozenset(
    {"initiate_chat", "initiate_chats", "register_for_llm", "register_nested_chats", "register_reply", "register_hook"}
)
"""v0.2 agent methods whose calls the codemod rewrites only in the shapes it knows, or never."""
BUILDERS = frozenset({*V02_AGENTS, "GroupChat", "GroupChatManager", "register_function"})


@dataclass
class Migration:
    """The migrated module's code and how many TODO comments it carries."""

    code: str
    todos: int


@dataclass
class _Plan:
    """What becomes of each statement (by index in the flattened program)."""

    replaced: dict[int, list[cst.BaseStatement]] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)
    todos: dict[int, list[Todo]] = field(default_factory=dict)


class Program:
    """One module being migrated."""

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
        self.plan = _Plan()
        self.agents: dict[str, Agent] = {}
        """The agent each variable holds at the statement being read."""
        self.all_agents: list[Agent] = []
        self.chats: dict[str, GroupChatCall] = {}
        self.managers: dict[str, tuple[int, cst.Call]] = {}
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
        if not isinstance(item, cst.With) or len(item.items) != 1 or item.asynchronous is not None:
            return None
        within = item.items[0]
        qualified = self.imports.qualified(within.item.func) if isinstance(within.item, cst.Call) else None
        target = within.asname.name if within.asname is not None else None
        if qualified is None or not isinstance(target, cst.Name):
            return None
        parts = qualified.split(".")
        if parts[0] != "autogen" or len(parts) < 2 or parts[-2] != "Cache" or parts[-1] not in ("disk", "redis"):
            return None
        return target.value

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
        migration = self._write()
        return migration

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
            self.agents[target] = agent
            self.all_agents.append(agent)
            self.program.add(index)
        elif target is not None and kind == "GroupChat":
            self._guarded(index, "AGL601")
            self.chats[target] = read_group_chat(index, value)
            self.program.add(index)
            self.plan.removed.add(index)
        elif target is not None and kind == "GroupChatManager":
            self._guarded(index, "AGL601")
            self.managers[target] = (index, value)
            self.program.add(index)
            self.plan.removed.add(index)
        elif target is None and kind == "register_function":
            self._guarded(index, "AGL401")
            self._tool(register_function(value))
            self.program.add(index)
            self.plan.removed.add(index)
        elif method(value) == "initiate_chat":
            self._guarded(index, "AGL301")
            self._conversation(index, target, value)
        else:
            self._refuse_hidden(item)

    def _conversation(self, index: int, result: str | None, call: cst.Call) -> None:
        kept = []
        for arg in call.args:
            cache = arg.value.value if isinstance(arg.value, cst.Name) else None
            if arg.keyword is not None and arg.keyword.value == "cache" and cache in self.caches:
                self.caches[cache] += 1
                continue
            kept.append(arg)
        call = call.with_changes(args=kept)
        func = cst.ensure_type(call.func, cst.Attribute)
        sender = self.agents.get(dotted(func.value) or "")
        recipient_node = call.args[0].value if call.args and call.args[0].keyword is None else None
        recipient = dotted(recipient_node) if recipient_node is not None else None
        if sender is None or recipient is None:
            raise Refusal("`initiate_chat()` between agents the codemod did not rewrite")
        if recipient in self.managers:
            _, manager = self.managers[recipient]
            chat_name = self._chat_of(manager)
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
            agent.tools.append(tool.code())
            defined = definitions.get(tool.function)
            if self.notebook and defined is not None and defined > agent.index:
                self.deferred[agent.index] = max(defined, self.deferred.get(agent.index, defined))

    def _check_deferred(self) -> None:
        """An agent built after its tools' definitions must not be used before them."""
        for index, after in self.deferred.items():
            variable = cst.ensure_type(cst.ensure_type(self.items[index], cst.SimpleStatementLine).body[0], cst.Assign)
            name = cst.ensure_type(variable.targets[0].target, cst.Name).value
            between = [
                self.plan.replaced.get(i, [self.items[i]])
                for i in range(index + 1, after + 1)
                if i not in self.plan.removed
            ]
            if any(isinstance(n, cst.Name) and n.value == name for group in between for s in group for n in walk(s)):
                raise Refusal(f"`{name}` is used before its tools are defined", self.lines[index][0])

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
            if self.scope.loads[name] != 1 or self.scope.bindings[name] != 1:
                raise Refusal(f"`{name}` is used beyond starting the chat")
        for name, dropped in self.caches.items():
            if self.scope.loads[name] != dropped:
                raise Refusal(f"the cache `{name}` is used for more than the chats")
        for index in self.configs.statements:
            self._guarded(index, "AGL202")
            item = self.items[index]
            small = cst.ensure_type(cst.ensure_type(item, cst.SimpleStatementLine).body[0], cst.Assign)
            name = cst.ensure_type(small.targets[0].target, cst.Name).value
            if not self.scope.all_taken(name):
                raise Refusal(f"the model configuration `{name}` is also used elsewhere", self.lines[index][0])
            self.plan.removed.add(index)

    # Writing the program

    def _write(self) -> Migration:
        names = Names(self.scope)
        specs: list[ClientSpec] = []
        for agent in self.all_agents:
            if agent.client is not None and agent.client not in specs:
                specs.append(agent.client)
        for _, team in self.teams:
            if team.client is not None and team.client not in specs:
                specs.append(team.client)
        clients = {spec: names.fresh("model_client") for spec in specs}
        needed: set[tuple[str, str]] = {spec.cls for spec in specs} | (set() if self.notebook else {("asyncio", "")})
        needed |= {one for spec in specs for one in spec.imports}
        setup: list[cst.BaseStatement] = [
            with_todos(statement(f"{clients[spec]} = {spec.code(len(clients[spec]) + 3)}"), spec.todos, self.link)
            for spec in specs
        ]
        comments = [line for i in sorted(self.configs.statements) for line in leading(self.items[i]) if line.comment]
        if setup and comments and not self.notebook:
            setup[0] = setup[0].with_changes(leading_lines=[*comments, *leading(setup[0])])
        started: list[str] = []
        results: dict[str, bool] = {}
        for agent in self.all_agents:
            needed |= self._write_agent(agent, clients, names, setup, started)
        variables: list[str] = []
        for number, (index, team) in enumerate(self.teams):
            needed |= team.imports()
            variable = names.fresh("team")
            code = team.statements(variable, clients[team.client] if team.client else None)
            earlier = [v for v, (_, other) in zip(variables, self.teams[:number], strict=True) if other.shares(team)]
            if team.fresh:  # v0.2 started each chat afresh unless clear_history=False; v0.4 agents remember
                code = [f"await {v}.reset()" for v in earlier] + code
            variables.append(variable)
            self.plan.todos.setdefault(index, []).extend(todo for agent in team.dropped for todo in agent.todos)
            self.plan.todos[index].extend(team.todos)
            statements = [statement(line) for line in code]
            statements[0] = statements[0].with_changes(leading_lines=leading(self.items[index]))
            self.plan.replaced[index] = statements
            if team.result is not None:
                results[team.result] = results.get(team.result, True) and team.summary_is_last_message
        if any(tool.name or tool.description for tool in self.tools):
            needed.add(("autogen_core.tools", "FunctionTool"))
        self._check_deferred()
        return self._assemble(needed, setup, clients, started, results)

    def _write_agent(
        self,
        agent: Agent,
        clients: dict[ClientSpec, str],
        names: Names,
        setup: list[cst.BaseStatement],
        started: list[str],
    ) -> set[tuple[str, str]]:
        if agent.role == "silent":
            if self.scope.loads[agent.variable] != self._mentions(agent.variable):
                raise Refusal(f"`{agent.variable}` does nothing in v0.4 but is used elsewhere")
            self.plan.removed.add(agent.index)
            return set()
        needed = {agent.v04_class}
        executor_code: str | None = None
        if agent.executor is not None:
            needed.add(agent.executor.cls)
            executor_code = agent.executor.code()
            if agent.executor.needs_start:
                variable = names.fresh("code_executor")
                setup.append(statement(f"{variable} = {executor_code}"))
                started.append(variable)
                executor_code = variable
        client = clients[agent.client] if agent.client is not None else None
        item = cst.ensure_type(self.items[agent.index], cst.SimpleStatementLine)
        assign = cst.ensure_type(item.body[0], cst.Assign)
        new = item.with_changes(body=[assign.with_changes(value=agent_call(agent, client, executor_code))])
        self.plan.replaced[agent.index] = [new]
        self.plan.todos.setdefault(agent.index, []).extend(agent.todos)
        return needed

    def _mentions(self, variable: str) -> int:
        """Loads of an agent variable inside the chats and registrations that were rewritten."""
        rewritten = {i for i, _ in self.teams} | self.plan.removed | set(self.plan.replaced)
        rewritten -= {agent.index for agent in self.all_agents}
        items = [self.items[index] for index in rewritten]
        return sum(1 for item in items for n in walk(item) if isinstance(n, cst.Name) and n.value == variable)

    def _assemble(
        self,
        needed: set[tuple[str, str]],
        setup: list[cst.BaseStatement],
        clients: dict[ClientSpec, str],
        started: list[str],
        results: dict[str, bool],
    ) -> Migration:
        start = min(self.program | (self.configs.statements if self.notebook or self.function is not None else set()))
        inside = self._into_main(start)
        top: list[cst.BaseStatement | Placeholder] = []
        body: list[cst.BaseStatement] = []
        head: list[cst.BaseStatement] = []
        """A program function's statements before its AutoGen code: they run before the clients are made."""
        carried: list[cst.EmptyLine] = []
        uses = ResultUses(results)
        todo_count = 0
        waiting: dict[int, list[cst.BaseStatement]] = {}
        prefix_pending = self.notebook
        for index, item in enumerate(self.items):
            new_items = self.plan.replaced.get(index, [item])
            if index in self.deferred:
                carried += [line for line in leading(item) if line.comment is not None]
                waiting.setdefault(self.deferred[index], []).extend(
                    s.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()]) for s in new_items
                )
                continue
            if index in self.imports.v02_statements and self.function is None:
                top.append(Placeholder(item))
                continue
            if index in self.plan.removed:
                if self.notebook:
                    carried = one_blank_line([*carried, *leading(item)])
                elif index not in self.configs.statements:
                    carried += [line for line in leading(item) if line.comment is not None]
                if prefix_pending and index >= start:  # the clients take the place of the configuration
                    top.extend(self._prefix(setup, started, carried))
                    prefix_pending, carried = False, []
                continue
            into_main = index in inside
            todos, new_items = self._statement_todos(index, item, new_items, uses, into_main=into_main)
            todo_count += len(todos)
            carried += self.cache_heads.get(index, [])
            lines, carried = [*carried, *leading(new_items[0])], []
            prefix: list[cst.BaseStatement] = []
            if prefix_pending and index >= start:
                prefix, lines, prefix_pending = self._prefix(setup, started, lines), [], False
            if into_main:
                lines = one_blank_line(lines)
            new_items[0] = with_todos(new_items[0].with_changes(leading_lines=lines), todos, self.link)
            target = (head if self.function is not None and index < start else body) if into_main else top
            target.extend([*prefix, *new_items, *waiting.pop(index, [])])
        todo_count += sum(len(spec.todos) for spec in clients)
        top_names = self._top_names(inside)
        code = self._module(
            top=top,
            body=body,
            head=head,
            setup=setup,
            clients=clients,
            started=started,
            needed=needed,
            top_names=top_names,
            carried=carried,
        )
        return Migration(code, todo_count)

    def _statement_todos(
        self,
        index: int,
        item: cst.BaseStatement,
        new_items: list[cst.BaseStatement],
        uses: ResultUses,
        *,
        into_main: bool,
    ) -> tuple[list[Todo], list[cst.BaseStatement]]:
        """The TODOs of one statement, and its new statements with chat results rewritten."""
        todos = list(self.plan.todos.get(index, []))
        if index not in self.plan.replaced:
            todos += self._kept_todos(index, item)
        uses.todos = []
        new_items = [visited(n, uses) for n in new_items]
        if into_main:
            new_items = [visited(n, BlankLines()) for n in new_items]
        todos += uses.todos
        if index in self.cache_heads:
            what = "v0.2 cached the model's replies (`Cache`); v0.4 caches with `ChatCompletionCache`"
            todos.append(Todo("AGL203", what, section="model-client-cache"))
        return list(dict.fromkeys(todos)), new_items

    def _top_names(self, inside: set[int]) -> set[str]:
        """Names the statements that stay at the module's top level bind."""
        dropped = self.plan.removed | set(self.imports.v02_statements) | inside
        return {
            name for index in range(len(self.items)) if index not in dropped for name in bound_by(self._ast_of(index))
        }

    def _prefix(
        self, setup: list[cst.BaseStatement], started: list[str], lines: list[cst.EmptyLine]
    ) -> list[cst.BaseStatement]:
        """A notebook's client and executor set-up, under the comment lines given."""
        prefix = [*setup, *(statement(f"await {variable}.start()") for variable in started)]
        if prefix:
            prefix[0] = prefix[0].with_changes(leading_lines=[*lines, *leading(prefix[0])])
        return prefix

    def _into_main(self, start: int) -> set[int]:
        """The statements that run inside ``main()``.

        From the first AutoGen statement on, except imports and the functions and classes that do
        not read a name ``main()`` binds.
        """
        if self.notebook:
            return set()
        if any(isinstance(node, ast.Global | ast.Nonlocal) for node in ast.walk(self.tree)):
            raise Refusal("a `global` or `nonlocal` statement: moving code into `main()` would change it")
        if self.function is not None:
            return set(range(len(self.items)))
        skipped = self.plan.removed | set(self.imports.v02_statements)
        candidates = [index for index in range(start, len(self.items)) if index not in skipped]
        definitions = {index for index in candidates if self._definition(index) is not None}
        inside = {index for index in candidates if index not in definitions and not self._is_import(index)}
        while True:
            names = {name for index in inside for name in bound_by(self._ast_of(index))}
            more = {
                index
                for index in definitions - inside
                if index in self.program or free_names(self._definition(index) or ast.Pass()) & names
            }
            if not more:
                break
            inside |= more
        outside = [index for index in range(len(self.items)) if index not in inside and index not in skipped]
        for index in outside:
            shared = bound_by(self._ast_of(index)) & names
            if shared:
                name = sorted(shared)[0]
                raise Refusal(f"`{name}` is bound both outside `main()` and inside it", self.lines[index][0])
        return inside

    def _is_import(self, index: int) -> bool:
        item = self.items[index]
        return isinstance(item, cst.SimpleStatementLine) and all(
            isinstance(s, cst.Import | cst.ImportFrom) for s in item.body
        )

    def _definition(self, index: int) -> ast.AST | None:
        """A function or class statement (without its decorators, which the rewrite may drop)."""
        node = self._ast_of(index)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            node = copy.copy(node)
            node.decorator_list = []
            return node
        return node if isinstance(node, ast.ClassDef) else None

    def _ast_of(self, index: int) -> ast.AST:
        """The ``ast`` statement(s) of an item: those starting on its lines, outermost only."""
        first, last = self.lines[index]
        starting = [node for node in self._statements if first <= node.lineno <= last]
        inner = {id(child) for node in starting for child in ast.walk(node) if child is not node}
        found = [node for node in starting if id(node) not in inner]
        return found[0] if len(found) == 1 else ast.Module(body=found, type_ignores=[])

    def _kept_todos(self, index: int, item: cst.BaseStatement) -> list[Todo]:
        """What a statement kept as it was still does the v0.2 way: the engine's findings on it first."""
        first, last = self.lines[index]
        found = [todo for line, todo in self.notes if first <= line <= last]
        silenced = self.hands_off(first, last) is not None
        todos = []
        for node in walk(item):
            if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
                agent = self.agents.get(node.value.value)
                if agent is not None and node.attr.value not in AGENT_ATTRIBUTES:
                    todos.append(Todo("AGL501", f"`{agent.variable}.{node.attr.value}` is v0.2 agent API"))
            if isinstance(node, cst.Name | cst.Attribute):
                name = self.imports.v02(node)
                if name is not None and not is_attribute_head(node, item) and not (found or silenced):
                    todos.append(Todo("AGL101", f"`{dotted(node)}` is AutoGen v0.2 API"))
        return [*found, *todos]

    def _module(
        self,
        *,
        top: list[cst.BaseStatement | Placeholder],
        body: list[cst.BaseStatement],
        head: list[cst.BaseStatement],
        setup: list[cst.BaseStatement],
        clients: dict[ClientSpec, str],
        started: list[str],
        needed: set[tuple[str, str]],
        top_names: set[str],
        carried: list[cst.EmptyLine],
    ) -> str:
        if self.function is not None:
            top_names |= {
                name
                for index, node in enumerate(self.tree.body)
                if index != self.function and index not in self.imports.v02_statements
                for name in bound_by(node)
            }
        for module, name in needed:
            bound = name or module
            if bound in top_names and not self._imports_it(bound, module):
                raise Refusal(f"`{bound}` already means something else in this file")
        if self.function is None and ("main" in top_names or "main" in {n for b in body for n in bound_by_cst(b)}):
            raise Refusal("the file already defines `main`")
        closing = [f"await {variable}.stop()" for variable in started]
        closing += [f"await {variable}.close()" for variable in clients.values()]
        rewritten = {*self.plan.replaced, *self.plan.removed}
        if self.function is None:
            rewritten |= set(self.imports.v02_statements)
        kept = [item for i, item in enumerate(self.items) if i not in rewritten]
        if self.notebook:  # the clients are closed in the last cell; comments left over stay at its end
            ending = [statement(c) for c in closing]
            footer = list(self.module.footer)
            if ending:
                ending[0] = ending[0].with_changes(leading_lines=[*carried, cst.EmptyLine()])
            else:
                footer = [*carried, *footer]
            new_top = self._with_imports(top, needed, loaded(kept))
            return self.module.with_changes(body=[*new_top, *ending], footer=footer).code
        main_body: list[cst.BaseStatement] = [*head, *setup]
        if body:
            body[0] = body[0].with_changes(leading_lines=without_leading_blanks(leading(body[0])))
        if closing:
            opening = [statement(f"await {variable}.start()") for variable in started]
            guarded = cst.parse_statement("try:\n    pass\nfinally:\n    pass\n")
            assert isinstance(guarded, cst.Try) and guarded.finalbody is not None
            guarded = guarded.with_changes(
                body=guarded.body.with_changes(body=[*opening, *body]),
                finalbody=guarded.finalbody.with_changes(
                    body=guarded.finalbody.body.with_changes(body=[statement(c) for c in closing])
                ),
            )
            main_body.append(guarded)
        else:
            main_body += body
        if self.function is not None:
            return self._function_module(main_body, needed, kept)
        main = cst.ensure_type(cst.parse_statement("async def main() -> None:\n    pass\n"), cst.FunctionDef)
        main = main.with_changes(
            body=main.body.with_changes(body=main_body), leading_lines=[cst.EmptyLine(), cst.EmptyLine()]
        )
        guard = cst.parse_statement('if __name__ == "__main__":\n    asyncio.run(main())\n')
        guard = guard.with_changes(leading_lines=[cst.EmptyLine(), cst.EmptyLine()])
        new_top = self._with_imports(top, needed, loaded(kept))
        return self.module.with_changes(body=[*new_top, main, guard]).code

    def _function_module(
        self, main_body: list[cst.BaseStatement], needed: set[tuple[str, str]], kept: list[cst.BaseStatement]
    ) -> str:
        """The module with its program function made ``async`` and run by ``asyncio.run`` in the guard."""
        assert self.function is not None and self.guard is not None
        function = cst.ensure_type(self.module.body[self.function], cst.FunctionDef)
        new_function = function.with_changes(
            asynchronous=cst.Asynchronous(), body=function.body.with_changes(body=main_body)
        )
        guard = cst.ensure_type(self.module.body[self.guard], cst.If)
        run = statement(f"asyncio.run({function.name.value}())")
        new_guard = guard.with_changes(body=guard.body.with_changes(body=[run]))
        top: list[cst.BaseStatement | Placeholder] = []
        others: list[cst.BaseStatement] = []
        for index, item in enumerate(self.module.body):
            if index in self.imports.v02_statements:
                top.append(Placeholder(item))
            elif index == self.function:
                top.append(new_function)
            elif index == self.guard:
                top.append(new_guard)
            else:
                top.append(item)
                others.append(item)
        new_top = self._with_imports(top, needed, loaded([*kept, *others]))
        return self.module.with_changes(body=new_top).code

    def _imports_it(self, bound: str, module: str) -> bool:
        return self.imports.names.get(bound) == module or any(
            isinstance(s, cst.Import) and any(dotted(a) == module and a.asname is None for a in s.names)
            for item in self.items
            if isinstance(item, cst.SimpleStatementLine)
            for s in item.body
        )

    def _with_imports(
        self, top: list[cst.BaseStatement | Placeholder], needed: set[tuple[str, str]], used: set[str]
    ) -> list[cst.BaseStatement]:
        """``top`` with the v0.2 imports replaced by the v0.4 ones (v0.2 names still used are kept)."""
        fresh = {(m, n) for m, n in needed if not (n == "" and self._imports_it(m, m))}
        plain = sorted(m for m, n in fresh if n == "")
        group = plain_imports(top)
        if plain and group:  # ``import asyncio`` joins the file's own ``import x`` lines, in order
            top = join_group(top, group, plain)
            fresh = {(m, n) for m, n in fresh if n}
        block = cst.parse_module("\n".join(import_lines(fresh)) + "\n").body
        out: list[cst.BaseStatement] = []
        placed = False
        comments: list[cst.EmptyLine] = []
        for item in top:
            if isinstance(item, Placeholder):
                kept = kept_aliases(item.statement, used, {n or m for m, n in needed})
                if not placed:
                    first = block[0].with_changes(leading_lines=leading(item.statement))
                    out += [first, *block[1:]]
                    placed = True
                elif kept is None:
                    comments += [line for line in leading(item.statement) if line.comment is not None]
                if kept is not None:
                    out.append(kept)
                continue
            out.append(item.with_changes(leading_lines=[*comments, *leading(item)]) if comments else item)
            comments = []
        if comments:
            raise Refusal("comments above the AutoGen imports would have no statement to stay with")
        return out
