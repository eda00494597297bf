"""The walk: one pass over a module's ``ast``, keeping the semantic model current.

Statements are visited in source order. Function and lambda bodies are
deferred until the enclosing module has been walked (as ruff does), so a body
sees every module-level binding, including imports written below it. Each node
is visited once; the walk uses an explicit stack, so deeply nested trees cannot
exhaust Python's recursion limit.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from enum import Enum
from typing import Any

from autogen_lint.catalog import RULES, target_advice
from autogen_lint.exports import STAR_EXPORTS
from autogen_lint.findings import Edit, Finding, Fix
from autogen_lint.relevance import Packages, Spans
from autogen_lint.semantic import Binding, BindingKind, Scope, ScopeKind, SemanticModel
from autogen_lint.settings import Settings

NodeRule = Callable[["Checker", Any], None]
FinishRule = Callable[["Checker"], None]
Action = Callable[[], None]
Item = ast.AST | Action


class Gate(Enum):
    """Which imports a module needs for a finding to be kept."""

    NONE = "none"
    AUTOGEN = "autogen"  # ``autogen`` or any ``autogen_*`` package
    V02 = "v02"  # the v0.2 ``autogen`` package


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
# ``try`` statements; ``TryStar`` (``except*``, Python 3.11+) has the same fields as ``Try``.
TRY_NODES: tuple[type[ast.Try], ...] = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


# Fields that never hold a node worth visiting: expression contexts, operators, plain values.
_SKIPPED_FIELDS = frozenset({"ctx", "op", "ops", "type_ignores", "type_comment", "kind", "id", "attr", "arg", "level"})
_CHILD_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {ast.Constant: (), ast.Name: ()}
_REVERSED_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}
"""``child_fields`` last first, as the walk pushes children."""


def child_fields(node_type: type[ast.AST]) -> tuple[str, ...]:
    fields = _CHILD_FIELDS.get(node_type)
    if fields is None:
        fields = _CHILD_FIELDS[node_type] = tuple(f for f in node_type._fields if f not in _SKIPPED_FIELDS)
    return fields


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """The node's children in field order, like ``ast.iter_child_nodes``, less what no rule visits.

    Contexts, operators and constants are left out: rules read constants from their parent.
    """
    children: list[ast.AST] = []
    fields = _CHILD_FIELDS.get(type(node))
    if fields is None:
        fields = child_fields(type(node))
    constant = ast.Constant
    for name in fields:
        value = getattr(node, name, None)
        if value is None:
            continue
        if type(value) is list:
            children.extend(item for item in value if isinstance(item, ast.AST) and type(item) is not constant)
        elif isinstance(value, ast.AST) and type(value) is not constant:
            children.append(value)
    return children


def _parameters(args: ast.arguments) -> list[ast.arg]:
    extra = [a for a in (args.vararg, args.kwarg) if a is not None]
    return [*args.posonlyargs, *args.args, *args.kwonlyargs, *extra]


_SAID: dict[tuple[object, ...], tuple[str, str, Fix | None]] = {}
"""What a finding says (message, link, suggestion), by settings, code, anchor and fields: the same for every site."""
_SAID_MAX = 4096


class Superseded(Exception):
    """The check was given up: its ``interrupt`` said a newer version of the text is waiting."""


class Relevance:
    """What lets the checker skip a function: the module's words, and whose names are relevant.

    A function is walked when a line of it spells one of ``words``, a relevant package beside an
    ``import``, or a name bound (anywhere in the module, so far) to something from a relevant package.
    """

    __slots__ = ("packages", "spans")

    def __init__(self, spans: Spans, words: Iterable[str], packages: Packages) -> None:
        self.spans = spans
        self.packages = packages
        spans.add(words)
        spans.add(packages.exact, imported=True)
        spans.add(packages.prefixes, prefixes=True, imported=True)


class Checker:
    """Runs the registered rules over one module; holds what rules may consult."""

    def __init__(
        self,
        tree: ast.Module,
        settings: Settings,
        node_rules: Mapping[type[ast.AST], Sequence[NodeRule]],
        finish_rules: Sequence[FinishRule],
        lines: Sequence[str] | None = None,
        *,
        notebook: bool = False,
        relevance: Relevance | None = None,
        interrupt: Callable[[], bool] | None = None,
        skip: Collection[ast.AST] = (),
    ) -> None:
        self.tree = tree
        self.notebook = notebook
        """The module is a notebook's code cells, joined: its top level runs cell by cell."""
        self.settings = settings
        self.semantic = SemanticModel(STAR_EXPORTS, tree, relevance.packages if relevance is not None else None)
        self._relevance = relevance
        self._interrupt = interrupt
        """Asked between functions; ``True`` gives the check up (``Superseded``)."""
        self._skip = skip
        """Functions whose bodies are not walked: the caller has their findings already."""
        self.skipped = 0
        """Functions and lambdas not walked: nothing in them can matter to a rule."""
        self.parents: dict[ast.AST, ast.AST] = {}
        self._node_rules = node_rules
        self._finish_rules = finish_rules
        self._lines = lines
        self._deferred: deque[tuple[ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, Scope]] = deque()
        self._pending: list[tuple[Gate, Finding]] = []
        self._callees: dict[ast.Call, str | None] = {}
        self.scratch: dict[str, Any] = {}
        """Per-module state of rules that collect during the walk and decide at the end."""
        self._handlers: dict[type[ast.AST], Callable[[Any], list[Item] | None]] = {
            ast.Import: self._import,
            ast.ImportFrom: self._import_from,
            ast.Name: self._name,
            ast.FunctionDef: self._function_def,
            ast.AsyncFunctionDef: self._function_def,
            ast.Lambda: self._lambda,
            ast.ClassDef: self._class_def,
            ast.Assign: self._assign,
            ast.AugAssign: self._assign,
            ast.AnnAssign: self._ann_assign,
            ast.NamedExpr: self._assign,
            ast.For: self._for,
            ast.AsyncFor: self._for,
            ast.ListComp: self._comprehension,
            ast.SetComp: self._comprehension,
            ast.GeneratorExp: self._comprehension,
            ast.DictComp: self._comprehension,
            ast.Global: self._global,
            ast.Nonlocal: self._nonlocal,
            ast.ExceptHandler: self._except_handler,
            ast.MatchAs: self._match_capture,
            ast.MatchStar: self._match_capture,
            ast.MatchMapping: self._match_capture,
        }
        # One lookup per visited node: (semantic handler, rules) by node type.
        self._table: dict[type[ast.AST], tuple[Callable[[Any], list[Item] | None] | None, Sequence[NodeRule]]] = {
            kind: (self._handlers.get(kind), tuple(node_rules.get(kind, ()))) for kind in {*self._handlers, *node_rules}
        }

    # Running

    def run(self) -> list[Finding]:
        self._walk(self.tree.body, self.tree)
        semantic = self.semantic
        interrupt = self._interrupt
        while self._deferred:
            node, scope = self._deferred.popleft()
            if interrupt is not None and interrupt():
                raise Superseded
            if node in self._skip or (self._relevance is not None and self._irrelevant(node)):
                self.skipped += 1
                continue
            semantic.scope = scope
            if isinstance(node, ast.Lambda):
                semantic.push_scope(ScopeKind.LAMBDA, node)
                self._bind_arguments(node.args)
                self._walk((node.body,), node)
            else:
                semantic.push_scope(ScopeKind.FUNCTION, node)
                self._bind_arguments(node.args)
                self._walk(node.body, node)
        semantic.scope = semantic.module_scope
        for finish in self._finish_rules:
            finish(self)
        findings = [finding for gate, finding in self._pending if self._gate_open(gate)]
        findings.sort(key=Finding.sort_key)
        return findings

    def _irrelevant(self, node: ast.AST) -> bool:
        """No rule can fire in ``node`` and nothing in it can matter to one elsewhere."""
        relevance = self._relevance
        assert relevance is not None
        semantic = self.semantic
        if semantic.star_imported:  # any free name may be a relevant one
            self._relevance = None
            return False
        if semantic.relevant_names:
            relevance.spans.add(semantic.relevant_names)
            semantic.relevant_names.clear()
        first = getattr(node, "lineno", 1)
        return not relevance.spans.spells(first, getattr(node, "end_lineno", None) or first)

    def release(self) -> None:
        """Break the model's reference cycles (scope and binding, self and its handlers).

        A checked module is then freed at once, even while the cyclic collector is paused.
        """
        for scope in self.semantic.scopes:
            scope.bindings.clear()
            scope.shadowed.clear()
        self._handlers.clear()
        self._table.clear()
        self.scratch.clear()

    def _walk(self, nodes: Iterable[ast.AST], parent: ast.AST) -> None:  # noqa: PLR0915  (one loop: a call per node costs)
        stack: list[Item] = []
        self._push(stack, list(nodes), parent)
        table = self._table
        parents = self.parents
        pop, push, node_type = stack.pop, stack.append, ast.AST
        name_type, load, tracked = ast.Name, ast.Load, self.semantic.tracked
        name_rules = table.get(name_type, (None, ()))[1]
        fields_of, constant = _REVERSED_FIELDS, ast.Constant
        # The next commonest nodes, walked here as the loop below would: attributes, calls, keywords
        attribute_type, store, attribute = ast.Attribute, ast.Store, self._attribute
        attribute_rules = table.get(attribute_type, (None, ()))[1]
        call_type, call_rules = ast.Call, table.get(ast.Call, (None, ()))[1]
        keyword_type = ast.keyword if ast.keyword not in table else None
        assign_type, assign_rules = ast.Assign, table[ast.Assign][1]
        constant_rules = ast.Constant in table
        while stack:
            item: Any = pop()
            kind: Any = type(item)
            if kind is name_type:  # a third of all nodes: most are loads of names no rule follows
                if type(item.ctx) is not load or item.id in tracked:
                    self._name(item)
                for rule in name_rules:
                    rule(self, item)
                continue
            if kind is attribute_type:
                if type(item.ctx) is store:
                    attribute(item)
                for rule in attribute_rules:
                    rule(self, item)
                value = item.value
                if type(value) is not constant:
                    parents[value] = item
                    push(value)
                continue
            if kind is call_type:
                for rule in call_rules:
                    rule(self, item)
                for child in reversed(item.keywords):
                    parents[child] = item
                    push(child)
                for child in reversed(item.args):
                    if type(child) is not constant:
                        parents[child] = item
                        push(child)
                value = item.func
                if type(value) is not constant:
                    parents[value] = item
                    push(value)
                continue
            if kind is assign_type:  # the value first, then the targets it is bound to
                for rule in assign_rules:
                    rule(self, item)
                for child in reversed(item.targets):
                    parents[child] = item
                    push(child)
                value = item.value
                parents[value] = item
                if constant_rules or type(value) is not constant:
                    push(value)
                continue
            if kind is keyword_type:
                value = item.value
                if type(value) is not constant:
                    parents[value] = item
                    push(value)
                continue
            entry = table.get(kind)
            if entry is None:
                if not isinstance(item, node_type):
                    item()
                    continue
                children = None
            else:
                handler, rules = entry
                children = handler(item) if handler is not None else None
                for rule in rules:
                    rule(self, item)
                if children is not None:
                    if children:
                        self._push(stack, children, item)
                    continue
            # every child, as ``child_nodes`` gives them, pushed last first so they pop in order
            fields = fields_of.get(kind)
            if fields is None:
                fields = fields_of[kind] = child_fields(kind)[::-1]
            for field in fields:
                value = getattr(item, field, None)
                if value is None:
                    continue
                if type(value) is list:
                    for child in reversed(value):
                        if type(child) is not constant and isinstance(child, node_type):
                            parents[child] = item
                            push(child)
                elif type(value) is not constant and isinstance(value, node_type):
                    parents[value] = item
                    push(value)

    def _push(self, stack: list[Item], children: list[Item], parent: ast.AST) -> None:
        parents = self.parents
        for child in children:
            if isinstance(child, ast.AST):
                parents[child] = parent
        children.reverse()
        stack.extend(children)

    # Reporting

    def report(
        self,
        code: str,
        node: ast.AST,
        *,
        anchor: str | None = None,
        gate: Gate = Gate.NONE,
        fix: Fix | None = None,
        **fields: str,
    ) -> None:
        """Record a finding for ``node``, with its ``fix`` if any; kept at the end only if ``gate`` is open."""
        rule = RULES[code]
        settings = self.settings
        if rule.v02 and settings.quiet_v02:
            return  # an AG2 Classic project: its ``import autogen`` is not Microsoft's v0.2
        key = (settings, code, anchor, *fields.items())
        said = _SAID.get(key)
        if said is None:
            shown, suggestion = target_advice(rule, fields, settings)
            said = (rule.format(**shown), settings.link(anchor or rule.anchor), suggestion)
            if len(_SAID) >= _SAID_MAX:
                _SAID.clear()
            _SAID[key] = said
        message, url, suggestion = said
        line, col, end_line, end_col = self.span(node)
        finding = Finding(
            code=code,
            line=line,
            col=col,
            end_line=end_line,
            end_col=end_col,
            message=message,
            url=url,
            fix=fix or suggestion,
        )
        self._pending.append((gate, finding))

    # Positions and edits for fixes (1-based lines, character columns, as findings have them)

    def span(self, node: ast.AST) -> tuple[int, int, int, int]:
        """``node``'s start and end as (line, col, end_line, end_col) in characters."""
        line = getattr(node, "lineno", 1)
        col = self._char_col(line, getattr(node, "col_offset", 0))
        end_line = getattr(node, "end_lineno", None) or line
        end_col_raw = getattr(node, "end_col_offset", None)
        end_col = self._char_col(end_line, end_col_raw) if end_col_raw is not None else col
        return line, col, end_line, end_col

    def replace_node(self, node: ast.AST, content: str) -> Edit:
        """An edit replacing ``node``'s text with ``content``."""
        return Edit(*self.span(node), content)

    def insert_before(self, node: ast.AST, content: str) -> Edit:
        line, col, _, _ = self.span(node)
        return Edit(line, col, line, col, content)

    def insert_after(self, node: ast.AST, content: str) -> Edit:
        _, _, end_line, end_col = self.span(node)
        return Edit(end_line, end_col, end_line, end_col, content)

    def source_line(self, line: int) -> str | None:
        """The text of a 1-based line, when the engine was given the source lines."""
        lines = self._lines
        if lines is None or not 0 < line <= len(lines):
            return None
        return lines[line - 1]

    def node_text(self, node: ast.AST) -> str | None:
        """The exact source text of ``node``, or ``None`` without the source lines."""
        lines = self._lines
        if lines is None:
            return None
        line, col, end_line, end_col = self.span(node)
        if not 0 < line <= end_line <= len(lines):
            return None
        if line == end_line:
            return lines[line - 1][col:end_col]
        return "\n".join([lines[line - 1][col:], *lines[line : end_line - 1], lines[end_line - 1][:end_col]])

    def _gate_open(self, gate: Gate) -> bool:
        if gate is Gate.NONE:
            return True
        if gate is Gate.V02:
            return self.semantic.imports_v02
        return self.semantic.imports_autogen

    def _char_col(self, line: int, byte_col: int) -> int:
        """``ast`` columns count UTF-8 bytes; editors and LSP count characters."""
        lines = self._lines
        if lines is None or not 0 < line <= len(lines):
            return byte_col
        text = lines[line - 1]
        if text.isascii():
            return byte_col
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))

    # Tree helpers for rules

    def callee(self, call: ast.Call) -> str | None:
        """The qualified name ``call`` calls, resolved once per call (several rules ask)."""
        cache = self._callees
        if call in cache:
            return cache[call]
        qualified = cache[call] = self.semantic.resolve_qualified_name(call.func)
        return qualified

    def constructor_of(self, expr: ast.expr) -> str | None:
        """What built the value of ``expr``: the callee of a call, or of the assignment a name holds."""
        return self.callee(expr) if isinstance(expr, ast.Call) else self.semantic.instance_of(expr)

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(node)

    def ancestors(self, node: ast.AST) -> Iterator[ast.AST]:
        parent = self.parents.get(node)
        while parent is not None:
            yield parent
            parent = self.parents.get(parent)

    def at_top_level(self, node: ast.AST) -> bool:
        """``node`` runs at module level (not inside a function, lambda or class body)."""
        return not any(isinstance(a, (*_FUNCTIONS, ast.Lambda, ast.ClassDef)) for a in self.ancestors(node))

    def in_finally(self, node: ast.AST) -> bool:
        """``node`` is inside a ``finally`` block of its own function (or module)."""
        child = node
        for ancestor in self.ancestors(node):
            if isinstance(ancestor, (*_FUNCTIONS, ast.Lambda, ast.ClassDef)):
                return False
            if isinstance(ancestor, TRY_NODES) and any(child is stmt for stmt in ancestor.finalbody):
                return True
            child = ancestor
        return False

    # Semantic handlers: each returns the children to visit, or None for all of them.

    def _import(self, node: ast.Import) -> list[Item]:
        semantic = self.semantic
        for alias in node.names:
            self.parents[alias] = node
            semantic.record_import(alias.name)
            if alias.asname:
                semantic.bind(alias.asname, BindingKind.IMPORT, alias, qualified_name=alias.name)
                semantic.module_names.add(alias.asname)
            else:
                top = alias.name.partition(".")[0]
                semantic.bind(top, BindingKind.IMPORT, alias, qualified_name=top)
                semantic.module_names.add(top)
        return []

    def _import_from(self, node: ast.ImportFrom) -> list[Item]:
        semantic = self.semantic
        module = node.module if not node.level else None
        if module:
            semantic.record_import(module)
        for alias in node.names:
            self.parents[alias] = node
            if alias.name == "*":
                if module:
                    semantic.add_star_import(module)
                continue
            qualified = f"{module}.{alias.name}" if module else None
            semantic.bind(alias.asname or alias.name, BindingKind.FROM_IMPORT, alias, qualified_name=qualified)
        return []

    def _name(self, node: ast.Name) -> list[Item]:
        ctx = node.ctx
        if type(ctx) is ast.Store:
            if not isinstance(self.parents.get(node), ast.AugAssign):
                self._bind_name(node)
        elif type(ctx) is ast.Load and node.id in self.semantic.tracked:
            binding = self.semantic.lookup(node.id)
            if binding is not None:
                binding.references.append(node)
        return []

    def _bind_name(self, node: ast.Name) -> Binding:
        semantic = self.semantic
        parent = self.parents.get(node)
        value: ast.expr | None = None
        kind = BindingKind.OTHER
        scope = None
        if isinstance(parent, ast.Assign):
            kind = BindingKind.ASSIGNMENT
            if len(parent.targets) == 1 and parent.targets[0] is node:
                value = parent.value
        elif isinstance(parent, ast.AnnAssign):
            kind = BindingKind.ASSIGNMENT
            value = parent.value
        elif isinstance(parent, ast.NamedExpr):
            kind = BindingKind.ASSIGNMENT
            value = parent.value
            scope = semantic.function_scope()
        qualified = instance_of = None
        if isinstance(value, (ast.Name, ast.Attribute)):
            qualified = semantic.resolve_qualified_name(value)
        elif isinstance(value, ast.Call):
            instance_of = semantic.resolve_qualified_name(value.func)
        if isinstance(value, (ast.Call, ast.BinOp)):  # a built object, or objects combined (``a | b``)
            semantic.tracked.add(node.id)
        elif isinstance(value, ast.Name) and self._relevance is not None:
            semantic.note_alias(node.id, value.id)
        return semantic.bind(
            node.id, kind, node, qualified_name=qualified, value=value, instance_of=instance_of, scope=scope
        )

    def _attribute(self, node: ast.Attribute) -> None:
        """Remember ``self.x = Constructor(...)`` assignments made in any method of the class (``node``: a store)."""
        parent = self.parents.get(node)
        if (
            isinstance(node.value, ast.Name)
            and isinstance(parent, ast.Assign)
            and len(parent.targets) == 1
            and isinstance(parent.value, ast.Call)
        ):
            function = self.semantic.function_scope().node
            owner = self.semantic.enclosing_class_of_self(node.value.id)
            constructor = self.semantic.resolve_qualified_name(parent.value.func)
            if isinstance(function, _FUNCTIONS) and owner and constructor:
                owner.attributes[node.attr] = constructor
                self.semantic.note_relevant(node.attr, constructor)

    def _function_def(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[Item]:
        self._deferred.append((node, self.semantic.scope))
        return [
            *node.decorator_list,
            *self._argument_expressions(node.args),
            *([node.returns] if node.returns else []),
            lambda: self._bind_definition(node, BindingKind.FUNCTION),
        ]

    def _lambda(self, node: ast.Lambda) -> list[Item]:
        self._deferred.append((node, self.semantic.scope))
        return [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]

    def _class_def(self, node: ast.ClassDef) -> list[Item]:
        semantic = self.semantic

        def enter() -> None:
            semantic.push_scope(ScopeKind.CLASS, node)

        def leave() -> None:
            semantic.pop_scope()
            self._bind_definition(node, BindingKind.CLASS)

        return [*node.decorator_list, *node.bases, *node.keywords, enter, *node.body, leave]

    def _bind_definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, kind: BindingKind) -> None:
        self.semantic.bind(node.name, kind, node)

    def _argument_expressions(self, args: ast.arguments) -> list[ast.AST]:
        return [
            *args.defaults,
            *(d for d in args.kw_defaults if d is not None),
            *(a.annotation for a in _parameters(args) if a.annotation is not None),
        ]

    def _bind_arguments(self, args: ast.arguments) -> None:
        relevance = self._relevance
        for arg in _parameters(args):
            self.semantic.bind(arg.arg, BindingKind.ARGUMENT, arg)
            annotation = arg.annotation
            if relevance is not None and annotation is not None and self.semantic.mentions_relevant(annotation):
                self.semantic.note_alias(arg.arg, None)  # annotated with what may be a relevant type

    def _assign(self, node: ast.Assign | ast.AugAssign | ast.NamedExpr) -> list[Item]:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [node.value, *targets]

    def _ann_assign(self, node: ast.AnnAssign) -> list[Item]:
        return [node.annotation, *([node.value] if node.value else []), node.target]

    def _for(self, node: ast.For | ast.AsyncFor) -> list[Item]:
        return [node.iter, node.target, *node.body, *node.orelse]

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> list[Item]:
        semantic = self.semantic

        def enter() -> None:
            semantic.push_scope(ScopeKind.COMPREHENSION, node)

        items: list[Item] = [enter]
        for generator in node.generators:
            items += [generator.iter, generator.target, *generator.ifs]
        items += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
        items.append(semantic.pop_scope)
        return items

    def _global(self, node: ast.Global) -> list[Item]:
        self.semantic.scope.global_names.update(node.names)
        return []

    def _nonlocal(self, node: ast.Nonlocal) -> list[Item]:
        self.semantic.scope.nonlocal_names.update(node.names)
        return []

    def _except_handler(self, node: ast.ExceptHandler) -> list[Item]:
        name = node.name

        def bind() -> None:
            if name:
                self.semantic.bind(name, BindingKind.OTHER, node)

        return [*([node.type] if node.type is not None else []), bind, *node.body]

    def _match_capture(self, node: ast.MatchAs | ast.MatchStar | ast.MatchMapping) -> None:
        name = node.rest if isinstance(node, ast.MatchMapping) else node.name
        if name:
            self.semantic.bind(name, BindingKind.OTHER, node)
