"""Writing the migrated program: clients, agents and teams in place, ``main()`` or notebook cells around them."""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

import libcst as cst

from autogen_lint.migrate.agent_reads import AgentReads
from autogen_lint.migrate.agents import Agent, add_needs, agent_call
from autogen_lint.migrate.conversations import GroupChatCall, Team
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
from autogen_lint.migrate.literals import comment_lines
from autogen_lint.migrate.model_clients import ClientSpec, ModelConfigs, with_helpers
from autogen_lint.migrate.one_reply import IMPORTS as REPLY_IMPORTS
from autogen_lint.migrate.one_reply import one_reply
from autogen_lint.migrate.reaching import ResultBinding, results_at
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.results import ResultUses
from autogen_lint.migrate.scope import Scope, free_names
from autogen_lint.migrate.statements import (
    BlankLines,
    Names,
    bound_by,
    bound_by_cst,
    is_attribute_head,
    loaded,
    one_blank_line,
    statement,
    visited,
    without_leading_blanks,
)
from autogen_lint.migrate.todos import leading, with_todos
from autogen_lint.migrate.tools import Tool

Note = tuple[int, Todo]
"""An engine finding on a line: the TODO it gives a statement that is kept as it was."""
HandsOff = Callable[[int, int], str | None]
"""(first line, last line) of a statement: the code of a finding there that must not be touched."""

AGENT_ATTRIBUTES = frozenset({"name", "description", "dump_component"})
"""What a v0.4 agent answers as the v0.2 one did (``dump_component``: the rewritten ``system_message`` reads)."""
"""v0.2 agent attributes that v0.4 agents have too."""


@dataclass
class Migration:
    """The migrated module's code and how many TODO comments it carries."""

    code: str
    todos: int


@dataclass
class Plan:
    """What becomes of each statement (by index in the flattened program)."""

    replaced: dict[int, list[cst.BaseStatement]] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)
    todos: dict[int, list[Todo]] = field(default_factory=dict)


class ProgramShape:
    """The writing half of ``Program``: what it read becomes the v0.4 module."""

    link: Callable[[str], str]
    hands_off: HandsOff
    notes: Sequence[Note]
    notebook: bool
    module: cst.Module
    tree: ast.Module
    imports: Imports
    guard: int | None
    function: int | None
    items: list[cst.BaseStatement]
    lines: list[tuple[int, int]]
    scope: Scope
    configs: ModelConfigs
    plan: Plan
    agents: dict[str, Agent]
    all_agents: list[Agent]
    chats: dict[str, GroupChatCall]
    managers: dict[str, tuple[int, cst.Call]]
    teams: list[tuple[int, Team]]
    tools: list[Tool]
    deferred: dict[int, int]
    program: set[int]
    cache_heads: dict[int, list[cst.EmptyLine]]
    _statements: list[ast.stmt]
    helpers: list[str]

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
        self.helpers = list(dict.fromkeys(helper for spec in specs for helper in spec.helpers))
        for spec in specs:
            if spec.factory is not None and not self.scope.free(spec.factory):
                raise Refusal(f"`{spec.factory}` already means something else in this file")
        setup: list[cst.BaseStatement] = [
            with_todos(statement(f"{clients[spec]} = {spec.code(len(clients[spec]) + 3)}"), spec.todos, self.link)
            for spec in specs
        ]
        comments = [line for i in sorted(self.configs.statements) for line in comment_lines(self.items[i])]
        if setup and comments and not self.notebook:
            setup[0] = setup[0].with_changes(leading_lines=[*comments, *leading(setup[0])])
        started: list[str] = []
        results: list[ResultBinding] = []
        for agent in self.all_agents:
            needed |= self._write_agent(agent, clients, names, setup, started)
        variables: list[str] = []
        for number, (index, team) in enumerate(self.teams):
            needed |= team.imports()
            variable = names.fresh("team")
            summarizer = clients.get(team.summarizer) if team.summarizer else None
            code = team.statements(variable, clients[team.client] if team.client else None, names.fresh, summarizer)
            earlier = [v for v, (_, other) in zip(variables, self.teams[:number], strict=True) if other.shares(team)]
            if team.fresh:  # v0.2 started each chat afresh unless clear_history=False; v0.4 agents remember
                code = [f"await {v}.reset()" for v in earlier] + code
            variables.append(variable)
            self.plan.todos.setdefault(index, []).extend(todo for agent in team.dropped for todo in agent.todos)
            self.plan.todos[index].extend(team.todos)
            statements = [statement(line) for line in code]
            statements[0] = statements[0].with_changes(leading_lines=leading(self.items[index]))
            self.plan.replaced[index] = statements
            if team.result is not None:  # the program's statements all stand at the top of its scope
                results.append(ResultBinding(index, team.result, team.summary_of(True), unconditional=True))
        self._check_deferred()
        return self._assemble(needed, setup, clients, started, results)

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
        needed: set[tuple[str, str]] = set()
        add_needs(agent, needed, self.helpers)
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
        results: list[ResultBinding],
    ) -> Migration:
        start = min(self.program | (self.configs.statements if self.notebook or self.function is not None else set()))
        inside = self._into_main(start)
        top: list[cst.BaseStatement | Placeholder] = []
        body: list[cst.BaseStatement] = []
        head: list[cst.BaseStatement] = []
        """A program function's statements before its AutoGen code: they run before the clients are made."""
        carried: list[cst.EmptyLine] = []
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
            answered = self._one_reply(index, item) if into_main or self.notebook else None
            if answered is not None:
                self.plan.replaced[index] = new_items = answered
                needed |= REPLY_IMPORTS
            uses = ResultUses(results_at(results, index))
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
            new_items = [visited(n, AgentReads(self.agents)) for n in new_items]
            todos += self._kept_todos(index, new_items[0])
        uses.todos = []
        new_items = [visited(n, uses) for n in new_items]
        if into_main:
            new_items = [visited(n, BlankLines()) for n in new_items]
        todos += uses.todos
        if index in self.cache_heads:
            what = "v0.2 cached the model's replies (`Cache`); v0.4 caches with `ChatCompletionCache`"
            todos.append(Todo("AGL203", what, section="model-client-cache"))
        return list(dict.fromkeys(todos)), new_items

    def _one_reply(self, index: int, item: cst.BaseStatement) -> list[cst.BaseStatement] | None:
        """``agent.generate_reply(messages=[...])`` kept as it was, answered by the v0.4 agent if it can be."""
        if index in self.plan.replaced:
            return None
        answered = one_reply(item, partial(self._unused_agent, index=index), lambda name: None)
        if answered is None:
            return None
        new = [statement(line) for line in answered]
        return [new[0].with_changes(leading_lines=leading(item)), *new[1:]]

    def _unused_agent(self, name: str, index: int) -> Agent | None:
        """The agent ``name`` holds at statement ``index``, when it has taken part in no chat before."""
        held = [agent for agent in self.all_agents if agent.variable == name and agent.index < index]
        if not held:
            return None
        agent = held[-1]
        return None if any(i < index and agent in team.participants for i, team in self.teams) else agent

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
        declared = {name for node in ast.walk(self.tree) if isinstance(node, ast.Global) for name in node.names}
        at_top = any(isinstance(node, ast.Global | ast.Nonlocal) for node in self.tree.body)
        if at_top or (declared and self.function is not None):
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
        shared_globals = sorted(declared & names)  # a function's `global x` would no longer see main()'s `x`
        if shared_globals:
            raise Refusal(f"`{shared_globals[0]}` is declared `global` and bound by code that moves into `main()`")
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
        return with_helpers(out, self.helpers)
