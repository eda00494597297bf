"""The statement-level codemod: every construct it can prove is rewritten where it stands, the rest marked.

Used when the whole-program rewrite (``program.Program``) refuses a file. Each scope (the
module, every function and method) is read by ``functions.ScopeRewrite``; functions that now
``await`` become ``async def`` with their callers followed (``asyncify``); the v0.2 imports give
way to the v0.4 ones the rewritten code needs, keeping the v0.2 names kept statements still use;
every v0.2 finding left in the result gets a ``# TODO(autogen-lint AGLnnn)`` comment above its
statement.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from autogen_lint.migrate.agents import Agent
from autogen_lint.migrate.annotations import follow_annotations
from autogen_lint.migrate.apply import Apply, add_todos
from autogen_lint.migrate.asyncify import TOP_LEVEL, Calls
from autogen_lint.migrate.blocks import FunctionScope, Site, scopes, sites
from autogen_lint.migrate.edits import Edits
from autogen_lint.migrate.entry import into_main
from autogen_lint.migrate.functions import ScopeRewrite, body_of
from autogen_lint.migrate.imports import V04_PREFIX, Imports, alias_name, dotted, import_lines, module_nodes
from autogen_lint.migrate.model_clients import with_helpers
from autogen_lint.migrate.owners import read_owner, write_owner
from autogen_lint.migrate.refusal import Refusal, Todo
from autogen_lint.migrate.runtime_log import keeps_runtime_log
from autogen_lint.migrate.scope import Scope, bound_names
from autogen_lint.migrate.shape import Migration
from autogen_lint.migrate.statements import Names
from autogen_lint.migrate.todos import PREFIX
from autogen_lint.names import is_v02

AG2_ONLY = frozenset(
    {"LLMConfig", "initiate_swarm_chat", "run_swarm", "SwarmAgent", "register_hand_off", "AfterWork", "OnCondition"}
)
"""Names only AG2 (the ``autogen`` fork) has: such a file is not a v0.2 program."""
Notes = Callable[[str], list[tuple[int, Todo]]]
"""The TODOs the engine's kept v0.2 findings give a text, by line."""


def rewrite_statements(
    text: str,
    link: Callable[[str], str],
    hands_off: Callable[[int, int], str | None] | None,
    notes: Notes,
    *,
    notebook: bool = False,
) -> Migration:
    """The file rewritten statement by statement; raises ``Refusal`` when nothing can be done.

    ``notebook``: ``text`` is a notebook's cells, whose top level awaits (nothing moves into ``main()``).
    """
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        raise Refusal(f"libcst cannot parse it ({error.message})", error.raw_line) from None
    tree = ast.parse(text.replace("\r\n", "\n").replace("\r", "\n"))
    imports = Imports.anywhere(module)
    v02 = {name: path for name, path in imports.names.items() if is_v02(path)}
    if not v02:
        if any(not is_v02(path) and path.startswith("autogen_") for path in imports.names.values()):
            raise Refusal("the file already uses AutoGen v0.4")
        raise Refusal("no `autogen` import")
    ag2 = sorted({path.rpartition(".")[2] for path in v02.values()} & AG2_ONLY)
    if ag2:
        raise Refusal(f"`{ag2[0]}` is AG2 API (the `autogen` fork), not AutoGen v0.2")
    for node in module_nodes(module):
        if (
            isinstance(node, cst.ImportFrom)
            and isinstance(node.names, cst.ImportStar)
            and is_v02(dotted(node.module) if node.module else None)
        ):
            raise Refusal("`from autogen import *` hides which names come from AutoGen")
    held = _held(module, hands_off) if hands_off is not None else {}
    moved = None if notebook else into_main(module, tree, imports)
    if moved is not None:
        main_module, renamed = moved
        kept = {new: held[old] for new, old in renamed.items() if old in held}
        edits, new = _rewrite(main_module, {**held, **kept}, link)
        main = next(s for s in new.body if isinstance(s, cst.FunctionDef) and s.name.value == "main")
        if main.asynchronous is None:  # nothing in it awaits, not even a function it calls
            tried = edits
            reasons = {renamed[key]: todos for key, todos in tried.todos.items() if key in renamed}
            edits, new = _rewrite(module, held, link, reasons)
            if not edits.rewrites:
                edits = tried  # its reasons speak of the program, not of the module's top level
    else:
        edits, new = _rewrite(module, held, link, notebook=notebook)
    new = _mark(new, notes(new.code), link, edits.trimmed, rewritten=edits.rewrites > 0)
    if new.code == text:
        raise Refusal(_nothing_reason(edits))
    return Migration(new.code, new.code.count(PREFIX) - text.count(PREFIX))


def _held(module: cst.Module, hands_off: Callable[[int, int], str | None]) -> dict[int, str]:
    """The statements (ids) ``# noqa`` or the rule selection keeps, and the code kept on each."""
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    held: dict[int, str] = {}
    for node in module_nodes(module):
        if isinstance(node, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            where = positions[node]
            code = hands_off(where.start.line, where.end.line)
            if code is not None:
                held[id(node)] = code
    return held


def _scopes(
    module: cst.Module, tree: ast.Module
) -> tuple[dict[int, FunctionScope], dict[int, list[Site]], dict[int, cst.Module | cst.FunctionDef]]:
    """Each scope's names, statements and node, by the scope's id."""
    defined = sorted(
        (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)),
        key=lambda node: (node.lineno, node.col_offset),
    )
    written = [node for node in module_nodes(module) if isinstance(node, cst.FunctionDef)]
    if [node.name for node in defined] != [node.name.value for node in written]:
        raise Refusal("the codemod cannot match the file's functions")
    functions = {id(node): definition for node, definition in zip(written, defined, strict=True)}
    module_scope = Scope(list(module.body), tree)
    scope_of: dict[int, FunctionScope] = {}
    found_of: dict[int, list[Site]] = {}
    owners: dict[int, cst.Module | cst.FunctionDef] = {}
    for owner in scopes(module):
        found = sites(body_of(owner))
        if isinstance(owner, cst.Module):
            scope_of[id(owner)] = FunctionScope(found, tree, None, module_scope)
        else:
            scope_of[id(owner)] = FunctionScope(found, functions[id(owner)], module_scope, module_scope)
        found_of[id(owner)] = found
        owners[id(owner)] = owner
    return scope_of, found_of, owners


def _rewrite(
    module: cst.Module,
    held: dict[int, str],
    link: Callable[[str], str],
    reasons: dict[int, list[Todo]] | None = None,
    *,
    notebook: bool = False,
) -> tuple[Edits, cst.Module]:
    """Every scope of ``module`` read and rewritten; the v0.4 imports in place.

    ``reasons``: for statements at the module's top level, why they could not be rewritten inside
    ``main()``; they replace the TODO that says the top level cannot ``await``.
    """
    text = module.code
    tree = ast.parse(text.replace("\r\n", "\n").replace("\r", "\n"))
    imports = Imports.anywhere(module)
    v02 = {name: path for name, path in imports.names.items() if is_v02(path)}
    scope_of, found_of, owners = _scopes(module, tree)
    calls = Calls.of(module, top_level_await=notebook)
    edits = Edits()
    log_kept = keeps_runtime_log(module, imports)
    holders = [
        holder
        for node in module_nodes(module)
        if isinstance(node, cst.ClassDef)
        for holder in [read_owner(node, imports, module, scope_of)]
        if holder is not None
    ]
    held_by = {
        id(method): holder
        for holder in holders
        for method in cst.ensure_type(holder.cls.body, cst.IndentedBlock).body
        if isinstance(method, cst.FunctionDef)
    }

    def read(
        owner: cst.Module | cst.FunctionDef, into: Edits, outer: dict[str, Agent], skip: set[int] | None = None
    ) -> ScopeRewrite:
        scope = scope_of[id(owner)]
        rewrite = ScopeRewrite(
            owner,
            found_of[id(owner)],
            scope,
            module,
            imports,
            into,
            lambda node: held.get(id(node)),
            calls.blocker(owner),
            Names(scope),
            outer=outer,
            skip=skip or set(),
            runtime_log_kept=log_kept,
        )
        rewrite.read()
        read_configs.update(rewrite.module_configs())
        return rewrite

    read_configs: set[str] = set()
    trials: dict[int, list[tuple[cst.FunctionDef, ScopeRewrite, Edits]]] = {}
    for owner in scopes(module):
        holder = held_by.get(id(owner))
        if holder is None:
            read(owner, edits, {})
        else:
            trial = Edits()
            trials.setdefault(id(holder.cls), []).append(
                (
                    cst.ensure_type(owner, cst.FunctionDef),
                    read(owner, trial, holder.agents, {id(site.node) for site in holder.sites.values()}),
                    trial,
                )
            )
    for holder in holders:
        tried = trials.get(id(holder.cls), [])
        used = {name for _, rewrite, _ in tried for name in rewrite.used_outer}
        refused = {name for _, rewrite, _ in tried for name in rewrite.refused_outer}
        if used and not refused:
            for _, _, trial in tried:
                for site in holder.sites.values():
                    trial.todos.pop(id(site.node), None)
                edits.merge(trial)
            write_owner(holder, edits, module, used, calls.blocker)
        else:
            for method, _, _ in tried:
                read(method, edits, {})
    for key, todos in (reasons or {}).items():
        if any(todo.what == TOP_LEVEL for todo in edits.todos.get(key, ())):
            edits.todos[key] = [t for t in edits.todos[key] if t.what != TOP_LEVEL] + [
                t for t in todos if t not in edits.todos[key]
            ]
    follow_annotations(module, imports, edits)
    spread = calls.spread(edits.awaiting, owners)
    if spread.run:
        edits.needed.add(("asyncio", ""))
    applied = Apply(edits, spread, link, _clashes(edits.needed, v02), notebook=notebook)
    new = module.visit(applied)
    if applied.qualified_used and "autogen" in _reads(new):
        edits.needed.add(("autogen", ""))
    if not edits.rewrites:
        if held or _v02_aliases(imports) & _reads(new) or _imports_v02_module(module):
            return edits, new  # TODO comments only: the imports stay as they are
        edits.rewrites += 1  # v0.2 names imported, none read: the module no longer needs AutoGen v0.2
    new = _imports(new, edits.needed, imports, edits.trimmed)
    if not notebook:  # a notebook's cells stay as they were: the configuration stays in its cell
        new = _without_unread(new, read_configs)
    return edits, new.with_changes(body=with_helpers(list(new.body), edits.helpers))


def _imports_v02_module(module: cst.Module) -> bool:
    """``import autogen`` (not ``from autogen import ...``): kept, it may be there for what importing does."""
    return any(
        isinstance(node, cst.Import) and any(is_v02(dotted(alias)) for alias in node.names)
        for node in module_nodes(module)
    )


def _without_unread(module: cst.Module, names: set[str]) -> cst.Module:
    """Top-level configurations (``llm_config = {...}``) that the rewritten clients took and nothing reads now."""
    if not names:
        return module
    tree = ast.parse(module.code)
    loads = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    bound = [name for node in ast.walk(tree) for name in bound_names(node)]
    unread = {name for name in names if name not in loads and bound.count(name) == 1}
    body: list[cst.BaseStatement] = []
    carried: list[cst.EmptyLine] = []
    for item in module.body:
        if _assigned_name(item) in unread:
            carried += cst.ensure_type(item, cst.SimpleStatementLine).leading_lines
            continue
        if carried and isinstance(item, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            lines = [line for line in carried if line.comment]
            blank = [line for line in [*lines, *item.leading_lines] if line.comment is None]
            if any(line.comment is None for line in carried) and not blank:
                lines.insert(0, cst.EmptyLine())
            body.append(item.with_changes(leading_lines=[*lines, *item.leading_lines]))
            carried = []
            continue
        body.append(item)
    return module.with_changes(body=body)


def _assigned_name(item: cst.BaseStatement) -> str | None:
    if isinstance(item, cst.SimpleStatementLine) and len(item.body) == 1 and isinstance(item.body[0], cst.Assign):
        targets = item.body[0].targets
        if len(targets) == 1 and isinstance(targets[0].target, cst.Name):
            return targets[0].target.value
    return None


def _nothing_reason(edits: Edits) -> str:
    reasons = [*edits.kept, *(todo.what for group in edits.todos.values() for todo in group)]
    return "nothing the codemod can rewrite" + (f": {reasons[0]}" if reasons else "")


def _clashes(needed: set[tuple[str, str]], v02: dict[str, str]) -> dict[str, str]:
    """v0.2 names spelled like a v0.4 name the rewrite imports: kept code reads them as ``autogen.X``."""
    wanted = {name for _, name in needed if name}
    return {alias: path for alias, path in v02.items() if alias in wanted}


def _imports(module: cst.Module, needed: set[tuple[str, str]], imports: Imports, trimmed: set[int]) -> cst.Module:
    """v0.2 imports cut to the names still read; the v0.4 imports where the first v0.2 one stood."""
    module = _without_shims(module, {n for _, n in needed if n})
    used = _reads(module)
    fresh = sorted(
        (m, n)
        for m, n in needed
        if not (n and imports.names.get(n) == f"{m}.{n}") and not (not n and imports.names.get(m) == m)
    )
    for m, n in fresh:
        bound = n or m
        if bound in imports.names and bound not in _v02_aliases(imports):
            raise Refusal(f"`{bound}` already means something else in this file")
    trim = _TrimV02(used, {n or m for m, n in fresh}, trimmed)
    body: list[cst.BaseStatement] = []
    position: int | None = None
    carried: list[cst.EmptyLine] = []
    for item in module.body:
        if isinstance(item, cst.SimpleStatementLine) and trim.is_v02(item):
            if position is None:
                position = len(body)
                carried = list(item.leading_lines)
            kept = trim.kept(item)
            if kept is not None:
                placed = kept.with_changes(leading_lines=[]) if len(body) == position else kept
                if id(kept) in trimmed:
                    trimmed.add(id(placed))
                body.append(placed)
            continue
        body.append(item.visit(trim))  # type: ignore[arg-type]
    plain = sorted(m for m, n in fresh if not n and not m.startswith(V04_PREFIX))
    if plain and _into_plain_group(body, plain, position):
        position = None if position is None else position + len(plain)
        fresh = [(m, n) for m, n in fresh if n or m not in plain]
    if not fresh:
        return module.with_changes(body=_new_v02_marked(_without_reimported(body), module, trimmed))
    block = list(cst.parse_module("\n".join(import_lines(set(fresh))) + "\n").body)
    if position is None:
        position = 0
        for index, statement in enumerate(body):
            if _is_import_line(statement) or (index == 0 and _is_docstring(statement)):
                position = index + 1
            elif index >= position:
                break
    else:
        block[0] = block[0].with_changes(leading_lines=carried)
    body[position:position] = block
    return module.with_changes(body=_new_v02_marked(_without_reimported(body), module, trimmed))


def _new_v02_marked(body: list[cst.BaseStatement], module: cst.Module, trimmed: set[int]) -> list[cst.BaseStatement]:
    """``body``, with the v0.2 import lines the rewrite wrote (``import autogen`` for kept code) carrying TODOs."""

    def text(item: cst.SimpleStatementLine) -> str:
        return cst.Module([]).code_for_node(item.with_changes(leading_lines=[]))

    lines = [item for item in module.body if isinstance(item, cst.SimpleStatementLine)]
    originals = {text(item) for item in lines if _TrimV02.is_v02(item)}
    for item in body:
        if isinstance(item, cst.SimpleStatementLine) and _TrimV02.is_v02(item) and text(item) not in originals:
            trimmed.add(id(item))
    return body


def _into_plain_group(body: list[cst.BaseStatement], plain: list[str], before: int | None) -> bool:
    """``import m`` for each of ``plain``, sorted into the plain imports above ``before``; whether there were any."""
    group = [i for i, item in enumerate(body[: before or len(body)]) if _is_plain_import(item)]
    if not group:
        return False
    start = group[0]
    run = [i for i in group if i - start == group.index(i)]
    lines = [(_imported(body[i]), cst.ensure_type(body[i], cst.SimpleStatementLine)) for i in run]
    lines += [(m, cst.ensure_type(cst.parse_statement(f"import {m}\n"), cst.SimpleStatementLine)) for m in plain]
    ordered = [item.with_changes(leading_lines=[]) for _, item in sorted(lines, key=lambda pair: pair[0])]
    ordered[0] = ordered[0].with_changes(
        leading_lines=cst.ensure_type(body[start], cst.SimpleStatementLine).leading_lines
    )
    body[start : run[-1] + 1] = ordered
    return True


def _without_reimported(body: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
    """v0.2 names no statement reads before a later import binds them again, dropped from the earlier import.

    Once the rewritten statements no longer read them, such names would be imported twice in a row.
    """
    out: list[cst.BaseStatement | None] = list(body)
    for index, item in enumerate(out):
        small = item.body[0] if isinstance(item, cst.SimpleStatementLine) and _TrimV02.is_v02(item) else None
        if item is None or not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
            continue
        dropped = set()
        for alias in small.names:
            name = alias_name(alias)
            later = [statement for statement in out[index + 1 :] if statement is not None]
            again = next((at for at, statement in enumerate(later) if name in _imports_of(statement)), None)
            if again is not None and name not in _reads(_module_of(later[:again])):
                dropped.add(name)
        kept = [alias for alias in small.names if alias_name(alias) not in dropped]
        if not dropped:
            continue
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            out[index] = item.with_changes(body=[small.with_changes(names=kept)])
            continue
        out[index] = None
        comments = [line for line in cst.ensure_type(item, cst.SimpleStatementLine).leading_lines if line.comment]
        following = next((at for at in range(index + 1, len(out)) if out[at] is not None), None)
        if comments and following is not None:
            after = out[following]
            assert isinstance(after, cst.SimpleStatementLine | cst.BaseCompoundStatement)
            out[following] = after.with_changes(leading_lines=[*comments, *after.leading_lines])
    return [statement for statement in out if statement is not None]


def _module_of(statements: Sequence[cst.BaseStatement]) -> cst.Module:
    return cst.Module(
        body=[s for s in statements if isinstance(s, cst.SimpleStatementLine | cst.BaseCompoundStatement)]
    )


def _imports_of(item: cst.BaseStatement) -> set[str]:
    """The names a top-level import statement binds."""
    if not _is_import_line(item):
        return set()
    return {
        alias_name(alias)
        for small in cst.ensure_type(item, cst.SimpleStatementLine).body
        if isinstance(small, cst.Import | cst.ImportFrom) and not isinstance(small.names, cst.ImportStar)
        for alias in small.names
    }


def _imported(item: cst.BaseStatement) -> str:
    small = cst.ensure_type(item, cst.SimpleStatementLine).body[0]
    return dotted(cst.ensure_type(small, cst.Import).names[0]) or ""


def _without_shims(module: cst.Module, new: set[str]) -> cst.Module:
    """``try: from autogen import ... except ImportError: ...`` dropped when the rest reads none of its names."""
    body: list[cst.BaseStatement] = []
    carried: list[cst.EmptyLine] = []
    for index, statement in enumerate(module.body):
        item = statement
        if (
            isinstance(item, cst.Try)
            and item.body.body
            and all(isinstance(inner, cst.SimpleStatementLine) and _TrimV02.is_v02(inner) for inner in item.body.body)
        ):
            bound = {
                alias_name(alias)
                for inner in item.body.body
                for small in cst.ensure_type(inner, cst.SimpleStatementLine).body
                if isinstance(small, cst.Import | cst.ImportFrom) and not isinstance(small.names, cst.ImportStar)
                for alias in small.names
            }
            rest = module.with_changes(body=[*module.body[:index], *module.body[index + 1 :]])
            if not (bound & _reads(rest)) - new:
                carried += [line for line in item.leading_lines if line.comment is not None]
                continue
        if carried and isinstance(item, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            body.append(item.with_changes(leading_lines=[*carried, *item.leading_lines]))
            carried = []
        else:
            body.append(item)
    return module.with_changes(body=body)


def _is_plain_import(item: cst.BaseStatement) -> bool:
    return isinstance(item, cst.SimpleStatementLine) and all(
        isinstance(s, cst.Import) and all(a.asname is None for a in s.names) and not is_v02(dotted(s.names[0]))
        for s in item.body
    )


def _v02_aliases(imports: Imports) -> set[str]:
    return {name for name, path in imports.names.items() if is_v02(path)}


def _reads(module: cst.Module) -> set[str]:
    """Names the module uses outside its import statements."""
    found: set[str] = set()

    class Reads(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> bool:
            return False

        def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
            return False

        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)

    module.visit(Reads())
    return found


def _is_import_line(item: cst.BaseStatement) -> bool:
    return isinstance(item, cst.SimpleStatementLine) and all(
        isinstance(s, cst.Import | cst.ImportFrom) for s in item.body
    )


def _is_docstring(item: cst.BaseStatement) -> bool:
    return (
        isinstance(item, cst.SimpleStatementLine)
        and isinstance(item.body[0], cst.Expr)
        and isinstance(item.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )


class _TrimV02(cst.CSTTransformer):
    """v0.2 import statements reduced to the names the code still reads (removed when none is)."""

    def __init__(self, used: set[str], new: set[str], trimmed: set[int]) -> None:
        super().__init__()
        self.used = used
        self.new = new
        self.trimmed = trimmed
        """Import lines (ids) cut down to v0.2 names still read: they carry the TODOs of those names."""

    @staticmethod
    def is_v02(item: cst.SimpleStatementLine) -> bool:
        if len(item.body) != 1:
            return False
        small = item.body[0]
        if isinstance(small, cst.ImportFrom):
            return not small.relative and is_v02(dotted(small.module) if small.module else None)
        return isinstance(small, cst.Import) and all(is_v02(dotted(a)) for a in small.names)

    def kept(self, item: cst.SimpleStatementLine) -> cst.SimpleStatementLine | None:
        small = item.body[0]
        if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
            aliases = [a for a in small.names if alias_name(a) in self.used and alias_name(a) not in self.new]
            if not aliases:
                return None
            if not any(alias_name(a) in self.new for a in small.names):
                return item  # v0.2 names are still read: the line stays as it was (its findings with it)
            aliases[-1] = aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            cut = item.with_changes(body=[small.with_changes(names=aliases)])
            self.trimmed.add(id(cut))
            return cut
        if isinstance(small, cst.Import):
            return item if any(alias_name(a) in self.used for a in small.names) else None
        return item

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.SimpleStatementLine | cst.RemovalSentinel:
        if not self.is_v02(updated_node):
            return updated_node
        kept = self.kept(updated_node)
        return cst.RemoveFromParent() if kept is None else kept

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        if not updated_node.body:
            return updated_node.with_changes(body=[cst.parse_statement("pass\n")])
        return updated_node


def _mark(
    module: cst.Module,
    notes: Sequence[tuple[int, Todo]],
    link: Callable[[str], str],
    trimmed: set[int],
    *,
    rewritten: bool,
) -> cst.Module:
    """A TODO above the statement of each v0.2 finding left, unless one with its code is there.

    A v0.2 import kept as it was leaves its TODOs to the statements that read its names; when a
    rewritten file (``rewritten``) would carry none at all, the import gets its findings' TODOs:
    a file with v0.2 code left never reads as fully migrated.
    """
    if not notes:
        return module
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    spans: list[tuple[int, int, cst.BaseStatement]] = []
    kept_imports: list[tuple[int, cst.SimpleStatementLine]] = []
    for node in module_nodes(module):
        if isinstance(node, cst.SimpleStatementLine):
            if _is_import_line(node) and id(node) not in trimmed:
                kept_imports.append((positions[node].start.line, node))
                continue  # the statements that use the names carry the TODOs
            where = positions[node]
            spans.append((where.start.line, where.end.line, node))
        elif isinstance(node, cst.BaseCompoundStatement):
            where = positions[node]
            inner = None if isinstance(node, cst.Match) else node.body  # a `match` has cases, not a body
            end = where.start.line
            if isinstance(inner, cst.IndentedBlock) and inner.body:
                end = max(where.start.line, positions[inner.body[0]].start.line - 1 - len(_leading(inner.body[0])))
            elif isinstance(inner, cst.SimpleStatementSuite):
                end = where.end.line
            spans.append((where.start.line, end, node))
    marks: dict[int, list[Todo]] = {}
    targets: dict[int, cst.BaseStatement] = {}
    for line, todo in notes:
        holding = [(last - first, id(node), node) for first, last, node in spans if first <= line <= last]
        if not holding:
            continue
        _, key, node = min(holding, key=lambda found: (found[0], -found[1]))
        above = [*_leading(node), *(module.header if module.body and node is module.body[0] else ())]
        present = [c.comment.value for c in above if c.comment is not None]
        if any(text.startswith(f"{PREFIX}{todo.code})") for text in present):
            continue
        found = marks.setdefault(key, [])
        if all(t.code != todo.code for t in found):
            found.append(todo)
        targets[key] = node
    if rewritten and not marks and PREFIX not in module.code:
        for line, node in kept_imports:
            todos = [todo for at, todo in notes if at == line]
            if todos:
                marks[id(node)] = list(dict.fromkeys(todos))
    return module.visit(_Marks(marks, link))


def _leading(node: cst.CSTNode) -> Sequence[cst.EmptyLine]:
    if isinstance(node, cst.SimpleStatementLine | cst.BaseCompoundStatement):
        return node.leading_lines
    return ()


class _Marks(cst.CSTTransformer):
    def __init__(self, marks: dict[int, list[Todo]], link: Callable[[str], str]) -> None:
        super().__init__()
        self.marks = marks
        self.link = link

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        todos = self.marks.get(id(original_node))
        if todos and isinstance(updated_node, cst.SimpleStatementLine | cst.BaseCompoundStatement):
            return add_todos(updated_node, todos, self.link)
        return updated_node
