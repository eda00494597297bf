"""The module's imports: what each top-level name means, and the v0.4 imports a rewrite needs."""

from __future__ import annotations

from collections.abc import Iterable

import libcst as cst

from autogen_lint.migrate.refusal import Refusal
from autogen_lint.names import is_v02, is_v04, leaf


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

    def _add(self, node: cst.Import | cst.ImportFrom) -> bool:
        """Bind the import's names; whether it imports from ``autogen``."""
        if isinstance(node, cst.Import):
            found = False
            for alias in node.names:
                name = dotted(alias) or ""
                if is_v04(name):
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
        if is_v04(module):
            raise Refusal("the file already uses AutoGen v0.4")
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
        for node in _walk(statement):
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


def _walk(node: cst.CSTNode) -> Iterable[cst.CSTNode]:
    yield node
    for child in node.children:
        yield from _walk(child)


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
