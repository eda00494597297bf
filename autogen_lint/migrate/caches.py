"""v0.2 ``with Cache.disk() as cache:`` blocks: which they are, and the ones no chat uses.

v0.2 used such a cache only where a chat was given it (``initiate_chat(..., cache=cache)``);
a block whose cache nothing reads changed nothing but the directory it opened
(``.cache/<seed>``), so its statements are unwrapped before the program is migrated, and
the ``Cache`` import goes when nothing reads it any more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from autogen_lint.migrate.imports import Imports, dotted, walk
from autogen_lint.migrate.statements import parsed_source
from autogen_lint.names import is_v02

HandsOff = Callable[[int, int], str | None]
_PLAIN: tuple[type[cst.CSTNode], ...] = (cst.Name, cst.SimpleString, cst.Integer, cst.Arg, cst.Comma)
_PLAIN += (cst.BaseParenthesizableWhitespace, cst.AssignEqual, cst.LeftParen, cst.RightParen, cst.Call)
_PLAIN += (cst.Attribute, cst.Dot)
"""What ``Cache.disk(...)`` may be made of for its block to go: names and literals, no other call."""


def cache_block(item: cst.BaseStatement, imports: Imports) -> tuple[str, str] | None:
    """``(name, "disk")`` for ``with Cache.disk(...) as name:`` (or ``"redis"``) of v0.2, else ``None``."""
    if not isinstance(item, cst.With) or len(item.items) != 1 or item.asynchronous is not None:
        return None
    within = item.items[0]
    qualified = imports.qualified(within.item.func) if isinstance(within.item, cst.Call) else None
    target = within.asname.name if within.asname is not None else None
    if qualified is None or not isinstance(target, cst.Name):
        return None
    parts = qualified.split(".")
    if parts[0] != "autogen" or len(parts) < 2 or parts[-2] != "Cache" or parts[-1] not in ("disk", "redis"):
        return None
    return target.value, parts[-1]


def without_unused_caches(text: str, hands_off: HandsOff) -> str:
    """``text`` with its v0.2 ``with Cache.disk(...) as name:`` blocks unwrapped where nothing reads ``name``."""
    if "Cache" not in text:
        return text
    parsed = parsed_source(text)
    if parsed is None:
        return text
    _, module, loads = parsed
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    unwrap = _Unwrap(Imports.anywhere(module), loads, hands_off, wrapper.resolve(PositionProvider))
    new = wrapper.module.visit(unwrap)
    if not unwrap.changed:
        return text
    read = parsed_source(new.code)
    return _without_import(new, "Cache", read[2]).code if read is not None else text


def _without_import(module: cst.Module, name: str, reads: set[str]) -> cst.Module:
    """``module`` without ``name`` in its top-level ``from autogen... import`` lines, where nothing reads it now."""
    body: list[cst.BaseStatement] = []
    carried: list[cst.EmptyLine] = []
    for item in module.body:
        small = item.body[0] if isinstance(item, cst.SimpleStatementLine) and len(item.body) == 1 else None
        if isinstance(small, cst.ImportFrom) and is_v02(dotted(small.module) if small.module else None):
            names = small.names if isinstance(small.names, Sequence) else ()
            kept = [alias for alias in names if dotted(alias.name) != name or _bound(alias) in reads]
            if len(kept) < len(names) and not kept:
                carried += [line for line in item.leading_lines if line.comment is not None]
                continue
            new = item
            if len(kept) < len(names):
                kept[-1] = kept[-1].with_changes(comma=names[-1].comma)  # the last one's comma and line break
                new = item.with_changes(body=[small.with_changes(names=kept)])
        else:
            new = item
        if carried:
            new = new.with_changes(leading_lines=[*carried, *getattr(new, "leading_lines", ())])
            carried = []
        body.append(new)
    if carried or not any(_imports_v02(item) for item in body):
        return module  # the file stays a v0.2 one: the codemod reads it as such
    return module.with_changes(body=body)


def _imports_v02(item: cst.BaseStatement) -> bool:
    """Whether ``item`` imports from AutoGen v0.2 (at the top level)."""
    for small in item.body if isinstance(item, cst.SimpleStatementLine) else ():
        if isinstance(small, cst.ImportFrom) and is_v02(dotted(small.module) if small.module else None):
            return True
        if isinstance(small, cst.Import) and any(is_v02(dotted(alias.name)) for alias in small.names):
            return True
    return False


class _Unwrap(cst.CSTTransformer):
    def __init__(self, imports: Imports, loads: set[str], hands_off: HandsOff, positions: object) -> None:
        super().__init__()
        self.imports = imports
        self.loads = loads
        self.hands_off = hands_off
        self.positions = positions
        self.changed = False

    def leave_With(
        self, original_node: cst.With, updated_node: cst.With
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        found = cache_block(original_node, self.imports)
        if found is None or found[1] != "disk" or found[0] in self.loads:
            return updated_node
        call = original_node.items[0].item
        if not all(isinstance(node, _PLAIN) for node in walk(call)) or _calls(call) > 1:
            return updated_node  # evaluating its arguments may do something
        block = updated_node.body
        if not isinstance(block, cst.IndentedBlock) or any(line.comment for line in block.footer):
            return updated_node
        where = self.positions[original_node]  # type: ignore[index]
        if self.hands_off(where.start.line, where.start.line) is not None:
            return updated_node
        statements: Sequence[cst.BaseStatement] = block.body
        header = [cst.EmptyLine(comment=block.header.comment)] if block.header.comment is not None else []
        first = statements[0]
        lines = [*original_node.leading_lines, *header, *getattr(first, "leading_lines", ())]
        self.changed = True
        return cst.FlattenSentinel([first.with_changes(leading_lines=lines), *statements[1:]])


def _calls(node: cst.CSTNode) -> int:
    return sum(1 for inner in walk(node) if isinstance(inner, cst.Call))


def _bound(alias: cst.ImportAlias) -> str:
    """The name an import binds: its ``as`` name, else its own."""
    asname = alias.asname.name if alias.asname is not None else None
    return asname.value if isinstance(asname, cst.Name) else dotted(alias.name) or ""
