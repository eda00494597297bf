"""The module's imports: what each top-level name means, and the v0.4 imports a rewrite needs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import libcst as cst

from autogen_lint.migrate.refusal import Refusal
from autogen_lint.migrate.todos import leading
from autogen_lint.names import is_v02, is_v04, leaf

V04_PREFIX = "autogen_"
"""v0.4's packages (``autogen_core``...): their plain imports go with the v0.4 ones, not the file's own."""


def dotted(node: cst.BaseExpression | cst.ImportAlias | cst.Attribute | cst.Name) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else ``None``."""
    if isinstance(node, cst.ImportAlias):
        return dotted(node.name)
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return f"{head}.{node.attr.value}" if head else None
    return None


class Imports:
    """Top-level names bound by imports, as qualified names (``autogen.AssistantAgent``)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.v02_statements: list[int] = []
        """Indexes (in the module body) of the statements that import from ``autogen``."""

    @classmethod
    def of(cls, module: cst.Module) -> Imports:
        """Read the module's imports; refuse the shapes whose names cannot be followed."""
        imports = cls()
        for index, statement in enumerate(module.body):
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    new = isinstance(small, cst.Import | cst.ImportFrom) and imports._add(small)
                    if new and index not in imports.v02_statements:
                        if len(statement.body) > 1:
                            raise Refusal("an `autogen` import shares its line with other statements")
                        imports.v02_statements.append(index)
            else:
                imports._nested(statement)
        return imports

    @classmethod
    def anywhere(cls, module: cst.Module) -> Imports:
        """Every import in the module, at any depth, v0.4 ones too (half-migrated files, shims)."""
        imports = cls()
        imports.lenient = True
        for node in module_nodes(module):
            if isinstance(node, cst.Import | cst.ImportFrom):
                imports._add(node)
        return imports

    lenient = False
    """Whether v0.4 imports are read rather than refused."""

    def _add(self, node: cst.Import | cst.ImportFrom) -> bool:
        """Bind the import's names; whether it imports from ``autogen``."""
        if isinstance(node, cst.Import):
            found = False
            for alias in node.names:
                name = dotted(alias) or ""
                if is_v04(name) and not self.lenient:
                    raise Refusal("the file already uses AutoGen v0.4")
                found = found or is_v02(name)
                if alias.asname is not None:
                    self.names[_asname(alias)] = name
                else:
                    top = name.partition(".")[0]
                    self.names[top] = top
            return found
        if node.relative or node.module is None:
            return False
        module = dotted(node.module) or ""
        if is_v04(module) and not self.lenient:
            raise Refusal("the file already uses AutoGen v0.4")
        if is_v04(module) and not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                name = dotted(alias) or ""
                self.names[_asname(alias) if alias.asname else name] = f"{module}.{name}"
        if not is_v02(module):
            return False
        if isinstance(node.names, cst.ImportStar):
            raise Refusal(f"`from {module} import *` hides which names come from AutoGen")
        for alias in node.names:
            name = dotted(alias) or ""
            self.names[_asname(alias) if alias.asname else name] = f"{module}.{name}"
        return True

    def _nested(self, statement: cst.BaseCompoundStatement) -> None:
        """Refuse ``autogen`` imported inside a block (a compatibility shim, a conditional import)."""
        for node in walk(statement):
            if isinstance(node, cst.Import | cst.ImportFrom):
                names = [dotted(a) or "" for a in node.names] if isinstance(node, cst.Import) else []
                module = dotted(node.module) if isinstance(node, cst.ImportFrom) and node.module else None
                if any(is_v02(n) or is_v04(n) for n in names) or is_v02(module) or is_v04(module):
                    raise Refusal("AutoGen is imported inside a block (a shim or a conditional import)")

    def qualified(self, node: cst.BaseExpression) -> str | None:
        """The qualified name an expression resolves to through the imports, or ``None``."""
        name = dotted(node)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        bound = self.names.get(head)
        if bound is None:
            return None
        return f"{bound}.{rest}" if rest else bound

    def v02(self, node: cst.BaseExpression) -> str | None:
        """The last part of the v0.2 name ``node`` resolves to (``AssistantAgent``), or ``None``."""
        qualified = self.qualified(node)
        return leaf(qualified) if qualified is not None and is_v02(qualified) else None


def _asname(alias: cst.ImportAlias) -> str:
    assert alias.asname is not None
    name = alias.asname.name
    assert isinstance(name, cst.Name)
    return name.value


class _Collect(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.CSTNode] = []
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self._stack: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.found.append(node)
        if self._stack:
            self.parents[node] = self._stack[-1]
        self._stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self._stack.pop()


_MODULES: dict[int, tuple[cst.Module, _Collect]] = {}


def _collected(module: cst.Module) -> _Collect:
    cached = _MODULES.get(id(module))
    if cached is not None and cached[0] is module:
        return cached[1]
    collect = _Collect()
    module.visit(collect)
    if len(_MODULES) > 8:
        _MODULES.clear()
    _MODULES[id(module)] = (module, collect)
    return collect


def module_nodes(module: cst.Module) -> list[cst.CSTNode]:
    """Every node of a module in source order, from one traversal (kept for the last few modules)."""
    return _collected(module).found


def module_parents(module: cst.Module) -> dict[cst.CSTNode, cst.CSTNode]:
    """The parent of every node of a module but the module, from the same traversal."""
    return _collected(module).parents


def walk(node: cst.CSTNode) -> list[cst.CSTNode]:
    found: list[cst.CSTNode] = []
    stack = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(current.children)
    return found


@dataclass(frozen=True)
class Placeholder:
    """Where a v0.2 import stood in the module's statements, until the v0.4 imports are known."""

    statement: cst.BaseStatement


def import_lines(needed: Iterable[tuple[str, str]]) -> list[str]:
    """``import asyncio`` and one ``from module import a, b`` per module, sorted as isort would."""
    by_module: dict[str, set[str]] = {}
    plain: set[str] = set()
    for module, name in needed:
        if name:
            by_module.setdefault(module, set()).add(name)
        else:
            plain.add(module)
    lines = [f"import {module}" for module in sorted(plain)]
    if lines and by_module:
        lines.append("")
    lines += [f"from {module} import {', '.join(sorted(names))}" for module, names in sorted(by_module.items())]
    return lines


def plain_imports(top: Sequence[cst.BaseStatement | Placeholder]) -> list[int]:
    """Positions of the first run of ``import x`` lines before the first v0.2 import."""
    group: list[int] = []
    for position, item in enumerate(top):
        if isinstance(item, Placeholder):
            break
        plain = isinstance(item, cst.SimpleStatementLine) and all(
            isinstance(s, cst.Import) and all(a.asname is None for a in s.names) for s in item.body
        )
        if plain and (not group or (group[-1] == position - 1 and not blank_above(item))):
            group.append(position)
        elif group:
            break
    return group if group and any(isinstance(item, Placeholder) for item in top) else []


def blank_above(item: cst.BaseStatement | Placeholder) -> bool:
    return not isinstance(item, Placeholder) and any(line.comment is None for line in leading(item))


def join_group(
    top: list[cst.BaseStatement | Placeholder], group: list[int], modules: list[str]
) -> list[cst.BaseStatement | Placeholder]:
    """``top`` with ``import m`` lines added to the run of imports at ``group``, sorted by name."""
    lines: list[tuple[str, cst.BaseStatement]] = []
    for position in group:
        statement = cst.ensure_type(top[position], cst.SimpleStatementLine)
        first = cst.ensure_type(statement.body[0], cst.Import)
        lines.append((dotted(first.names[0]) or "", statement))
    lines += [(module, cst.parse_statement(f"import {module}\n")) for module in modules]
    ordered = [statement.with_changes(leading_lines=[]) for _, statement in sorted(lines, key=lambda pair: pair[0])]
    first_leading = leading(cst.ensure_type(top[group[0]], cst.SimpleStatementLine))
    ordered[0] = ordered[0].with_changes(leading_lines=first_leading)
    return [*top[: group[0]], *ordered, *top[group[-1] + 1 :]]


def kept_aliases(item: cst.BaseStatement, used: set[str], new: set[str]) -> cst.BaseStatement | None:
    """The part of a v0.2 import whose names the kept code still reads, or ``None``."""
    statement = cst.ensure_type(item, cst.SimpleStatementLine)
    small = statement.body[0]
    if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
        aliases = [a for a in small.names if alias_name(a) in used]
        if not aliases:
            return None
        if any(alias_name(a) in new for a in aliases):
            raise Refusal(f"`{alias_name(aliases[0])}` would mean both the v0.2 and the v0.4 class")
        aliases[-1] = aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return statement.with_changes(body=[small.with_changes(names=aliases)], leading_lines=[])
    if isinstance(small, cst.Import) and any(alias_name(a) in used for a in small.names):
        return statement.with_changes(leading_lines=[])
    return None


def alias_name(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return (dotted(alias) or "").partition(".")[0]
