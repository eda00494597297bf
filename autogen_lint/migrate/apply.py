"""Writing the statement-level decisions into the module: replacements, TODOs, ``try``/``finally``, ``async``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from autogen_lint.migrate.asyncify import Spread
from autogen_lint.migrate.edits import Edits, Guarded
from autogen_lint.migrate.refusal import Todo
from autogen_lint.migrate.statements import statement
from autogen_lint.migrate.todos import todo_text
from autogen_lint.migrate.tools import decorator_role


def add_todos(
    item: cst.BaseStatement,
    todos: Sequence[Todo],
    link: Callable[[str], str],
    header: Sequence[cst.EmptyLine] = (),
) -> cst.BaseStatement:
    """``item`` with a TODO comment line per TODO it does not carry already."""
    assert isinstance(item, cst.SimpleStatementLine | cst.BaseCompoundStatement)
    present = {line.comment.value for line in [*item.leading_lines, *header] if line.comment is not None}
    lines = []
    for todo in todos:
        text = todo_text(todo, link)
        if text not in present:
            present.add(text)
            lines.append(cst.EmptyLine(comment=cst.Comment(text)))
    if not lines:
        return item
    return item.with_changes(leading_lines=[*item.leading_lines, *lines])


class Apply(cst.CSTTransformer):
    """Rebuilds every block from the decisions in ``edits`` (keyed by the original statements)."""

    def __init__(
        self,
        edits: Edits,
        spread: Spread,
        link: Callable[[str], str],
        qualified: dict[str, str] | None = None,
        *,
        notebook: bool = False,
    ) -> None:
        super().__init__()
        self.notebook = notebook
        """A notebook's cells: the top level opens its clients in place and closes them at the end."""
        self.edits = edits
        self.spread = spread
        self.link = link
        self.qualified = qualified or {}
        """Kept v0.2 names that a v0.4 name of the same spelling displaces, and their dotted path."""
        self._skip: set[int] = set()
        self.qualified_used = False
        self.moved = {moved for group in edits.moved.values() for moved in group}

    # Names and calls

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._skip.add(id(node.attr))

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._skip.update(id(n) for n in _targets(node.target))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._skip.add(id(node.keyword))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._skip.add(id(node.name))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._skip.add(id(node.name))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        path = self.qualified.get(original_node.value)
        if path is None or id(original_node) in self._skip:
            return updated_node
        self.qualified_used = True
        return cst.parse_expression(path)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        named = self.edits.named.get(id(original_node))
        if named is not None:
            return cst.Name(named)
        if id(original_node) in self.spread.awaited:
            if id(original_node) in self.spread.parenthesized:
                return cst.Await(expression=updated_node, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
            return cst.Await(expression=updated_node)
        if id(original_node) in self.spread.run:
            return cst.Call(func=cst.parse_expression("asyncio.run"), args=[cst.Arg(updated_node)])
        return updated_node

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        methods = self.edits.appended.get(id(original_node))
        if methods and isinstance(updated_node.body, cst.IndentedBlock):
            return updated_node.with_changes(
                body=updated_node.body.with_changes(body=[*updated_node.body.body, *methods])
            )
        return updated_node

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        agents = self.edits.undecorated.get(id(original_node))
        if agents:
            kept = [d for d in updated_node.decorators if (decorator_role(d) or ("",))[0] not in agents]
            updated_node = updated_node.with_changes(decorators=kept)
        if id(original_node) in self.spread.made_async:
            updated_node = updated_node.with_changes(asynchronous=cst.Asynchronous())
        return updated_node

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        updated = super().on_leave(original_node, updated_node)
        header = self.edits.headers.get(id(original_node))
        if header and isinstance(updated, cst.BaseCompoundStatement):
            return updated.with_changes(**header)
        return updated  # type: ignore[return-value]

    # Blocks

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        body = self._rebuild(original_node.body, updated_node.body, nested=True)
        return updated_node.with_changes(body=body or [statement("pass")])

    header: Sequence[cst.EmptyLine] = ()

    def visit_Module(self, node: cst.Module) -> None:
        self.header = node.header

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = self._rebuild(original_node.body, updated_node.body, nested=False)
        if self.notebook:  # no ``try`` across cells: the clients are closed in the last cell
            guards = [self.edits.guarded[id(o)] for o in original_node.body if id(o) in self.edits.guarded]
            closing = [statement(line) for guard in reversed(guards) for line in guard.closing]
            if closing:
                closing[0] = closing[0].with_changes(leading_lines=[cst.EmptyLine()])
            body += closing
        return updated_node.with_changes(body=body)

    def _rebuild(
        self, originals: Sequence[cst.BaseStatement], updated: Sequence[cst.BaseStatement], *, nested: bool
    ) -> list[cst.BaseStatement]:
        updated_of = {id(o): u for o, u in zip(originals, updated, strict=True)}
        out: list[cst.BaseStatement] = []
        guards: list[tuple[int, Guarded]] = []
        carried: list[cst.EmptyLine] = []
        pending: list[Guarded] = []
        """Set-up anchored on statements the rewrite removed: it goes before the next statement."""
        top = self.notebook and not nested  # a notebook's cells: no ``try`` around the rest of the cells
        for original, new in zip(originals, updated, strict=True):
            key = id(original)
            if key in self.moved:
                continue
            if key in self.edits.removed:
                carried += [line for line in _leading(original) if line.comment is not None]
                if key in self.edits.guarded:
                    pending.append(self.edits.guarded[key])
                continue
            here = [*pending, *([self.edits.guarded[key]] if key in self.edits.guarded else [])]
            pending = []
            before: list[cst.BaseStatement] = []
            for guard in here:
                before += [add_todos(s, self.edits.todos.get(id(s), []), self.link) for s in guard.opening]
                if top:
                    before += [statement(line) for line in guard.started]
            if top and before:  # the set-up is spaced from the statement above as the statement was
                first = before[0]
                assert isinstance(first, cst.SimpleStatementLine | cst.BaseCompoundStatement)
                before[0] = first.with_changes(leading_lines=[*_blank_lines(_leading(original)), *first.leading_lines])
            before += [add_todos(s, self.edits.todos.get(id(s), []), self.link) for s in self.edits.before.get(key, [])]
            for moved in self.edits.moved.get(key, []):
                definition = updated_of[moved]
                before.append(add_todos(definition, self.edits.todos.get(moved, []), self.link))
            items = list(self.edits.replaced.get(key, [new]))
            if items:
                header = self.header if not nested and original is originals[0] else ()
                items[0] = add_todos(items[0], self.edits.todos.get(key, []), self.link, header)
            group = [*before, *items]
            if group and carried:
                first = group[0]
                assert isinstance(first, cst.SimpleStatementLine | cst.BaseCompoundStatement)
                group[0] = first.with_changes(leading_lines=[*carried, *first.leading_lines])
                carried = []
            out += group[: len(before)]
            if not top:
                guards += [(len(out), guard) for guard in here]
            out += group[len(before) :]
        for position, guard in reversed(guards):
            out = [*out[:position], _guarded(out[position:], guard)]
        return out


def _targets(node: cst.BaseExpression) -> list[cst.Name]:
    if isinstance(node, cst.Name):
        return [node]
    if isinstance(node, cst.Tuple | cst.List):
        return [name for element in node.elements for name in _targets(element.value)]
    return []


def _leading(item: cst.BaseStatement) -> Sequence[cst.EmptyLine]:
    assert isinstance(item, cst.SimpleStatementLine | cst.BaseCompoundStatement)
    return item.leading_lines


def _blank_lines(lines: Sequence[cst.EmptyLine]) -> list[cst.EmptyLine]:
    """The blank lines that open ``lines`` (before any comment)."""
    blanks: list[cst.EmptyLine] = []
    for line in lines:
        if line.comment is not None:
            break
        blanks.append(line)
    return blanks


def _guarded(body: list[cst.BaseStatement], guard: Guarded) -> cst.Try:
    template = cst.ensure_type(cst.parse_statement("try:\n    pass\nfinally:\n    pass\n"), cst.Try)
    assert template.finalbody is not None
    started = [statement(line) for line in guard.started]
    first = body[0] if body else None
    lines: Sequence[cst.EmptyLine] = ()
    if isinstance(first, cst.SimpleStatementLine | cst.BaseCompoundStatement):
        lines = first.leading_lines  # comments above the first statement stay above the ``try``
        body = [first.with_changes(leading_lines=[]), *body[1:]]
    return template.with_changes(
        leading_lines=lines,
        body=template.body.with_changes(body=[*started, *body]),
        finalbody=template.finalbody.with_changes(
            body=template.finalbody.body.with_changes(body=[statement(line) for line in guard.closing])
        ),
    )
