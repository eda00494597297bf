"""v0.2 ``with Cache.disk() as cache:`` blocks: which they are, and the ones no chat uses.

v0.2 used such a cache only where a chat was given it (``initiate_chat(..., cache=cache)``);
a block whose cache nothing reads changed nothing but the directory it opened
(``.cache/<seed>``), so its statements are unwrapped before the program is migrated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from autogen_lint.migrate.imports import Imports, walk
from autogen_lint.migrate.statements import parsed_source

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
    return new.code if unwrap.changed else text


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
