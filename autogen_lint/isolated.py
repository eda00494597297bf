"""Top-level functions an edit elsewhere cannot reach: their findings carry over to the new version.

The engine's findings in a function's body depend on the rest of the module only through
names: the module-level bindings it reads, the references its loads add to them, and the flat
set of names whose references are recorded (``SemanticModel.tracked``, which grows as the walk
goes, so one function's assignments decide what a function walked later records). When an edit
changes only the bodies of some top-level functions (same names, parameters, decorators) or
statements that bind nothing at module level, the module level walks as before, and an
unchanged function that shares none of those channels with the rest of the walk (``kept``)
yields the findings it yielded before; the engine skips its body and the caller adds its
previous findings. Anything this cannot prove keeps the function walked.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from autogen_lint.checker import child_nodes

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DEFERRED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_ESCAPES = (ast.Global, ast.Nonlocal, ast.Import, ast.ImportFrom)
_TRACKING = (ast.Call, ast.BinOp)
_WORD = re.compile(r"\w+")
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


@dataclass(frozen=True, slots=True)
class Names:
    """What one top-level statement does with names, as far as the rest of a module's check can tell."""

    used: frozenset[str]
    """Every identifier in it (and every word of its short strings, which annotations may hold)."""
    loaded: frozenset[str]
    tracked: frozenset[str]
    """Names it may assign from a call or a binary operation: the ones whose references are recorded."""
    early: frozenset[str]
    """Names its deferred bodies may load before tracking them themselves (what others' tracking changes)."""
    module: frozenset[str]
    """Names it binds at module level."""
    escapes: bool
    """It declares ``global`` or ``nonlocal`` names, or imports something, somewhere inside."""
    star: bool
    """It holds an ``import *``: any free name anywhere may come from it."""
    body: tuple[int, int] | None
    """For a function whose body starts on a line of its own: its first and last lines, counted
    from the ``def`` line (so they hold wherever the function moves)."""

    def body_lines(self, statement: ast.stmt) -> tuple[int, int] | None:
        """The lines of ``statement``'s body, where it is now."""
        if self.body is None:
            return None
        return statement.lineno + self.body[0], statement.lineno + self.body[1]


def names_of(statement: ast.stmt) -> Names:
    """What ``statement`` (a top-level statement) does with names."""
    used: set[str] = set()
    loaded: set[str] = set()
    tracked: set[str] = set()
    declared: set[str] = set()
    escapes = star = False
    for node in ast.walk(statement):
        if isinstance(node, ast.Name):
            used.add(node.id)
            if isinstance(node.ctx, ast.Load):
                loaded.add(node.id)
        elif isinstance(node, ast.arg):
            used.add(node.arg)
        elif isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            used.add(node.name)
        elif isinstance(node, ast.alias):
            used.update((node.asname or node.name).split("."))
            star = star or node.name == "*"
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            used.update(node.names)
            declared.update(node.names)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            used.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            used.add(node.rest)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) < 200:
            used.update(_WORD.findall(node.value))
        if isinstance(node, _ESCAPES):
            escapes = True
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and isinstance(node.value, _TRACKING):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            tracked.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
    if isinstance(statement, _FUNCTIONS):
        early = _early_loads(statement.body)
        module = {statement.name}
    else:
        early = {name for body in _deferred_bodies(statement) for name in _loads(body)}
        module = set(_module_bindings(statement))
    return Names(
        frozenset(used),
        frozenset(loaded),
        frozenset(tracked),
        frozenset(early),
        frozenset(module | declared),
        escapes,
        star,
        _body(statement),
    )


def same_header(old: ast.stmt, new: ast.stmt) -> bool:
    """Two top-level functions alike but for their bodies: the module level walks them alike."""
    if not isinstance(old, _FUNCTIONS) or type(old) is not type(new):
        return False
    assert isinstance(new, _FUNCTIONS)
    return (
        old.name == new.name
        and ast.dump(old.args) == ast.dump(new.args)
        and [ast.dump(d) for d in old.decorator_list] == [ast.dump(d) for d in new.decorator_list]
        and (None if old.returns is None else ast.dump(old.returns))
        == (None if new.returns is None else ast.dump(new.returns))
        and _dumps(getattr(old, "type_params", ())) == _dumps(getattr(new, "type_params", ()))
    )


def _dumps(nodes: Iterable[ast.AST]) -> list[str]:
    return [ast.dump(node) for node in nodes]


def kept(
    body: Sequence[ast.stmt],
    changed: range,
    old: Sequence[ast.stmt],
    names: dict[ast.stmt, Names],
    *,
    same_text: Callable[[ast.stmt, ast.stmt], bool],
    carried: Callable[[ast.stmt], bool],
) -> list[ast.stmt]:
    """The unchanged top-level functions of ``body`` whose findings carry over from the previous version.

    ``body[changed]`` replaced ``old``: statements with the same text (``same_text``, the old one
    and the new one) only moved; the others must leave the module level as it was (``_alike``),
    else nothing carries over. ``names`` caches ``names_of`` per statement and is filled in here;
    ``carried`` says whether a function's previous findings can be carried over at all.
    """

    def of(statement: ast.stmt) -> Names:
        found = names.get(statement)
        if found is None:
            found = names[statement] = names_of(statement)
        return found

    edits = body[changed.start : changed.stop]
    start, end, limit = 0, 0, min(len(old), len(edits))
    while start < limit and same_text(old[start], edits[start]):
        start += 1  # only moved: walked again, as it was
    while end < limit - start and same_text(old[-1 - end], edits[-1 - end]):
        end += 1
    before = [of(s) for s in old[start : len(old) - end]]
    after = [of(s) for s in edits[start : len(edits) - end]]
    if not _alike(old[start : len(old) - end], edits[start : len(edits) - end], of):
        return []  # the module level binds something else: every function is walked
    everything = [of(s) for s in body]
    if any(n.escapes for n in (*before, *after)) or any(n.star for n in everything):
        return []
    edited = frozenset().union(*(n.module for n in after))
    bound = frozenset().union(*(n.module for n in everything))
    tracked_anywhere = frozenset().union(*(n.tracked for n in (*everything, *before)))
    shared = bound & tracked_anywhere  # loading one of these adds a reference to a module-level binding
    retracked = frozenset().union(*(n.tracked for n in before)) ^ frozenset().union(*(n.tracked for n in after))
    edited_uses = frozenset().union(*(n.used for n in (*before, *after)))
    candidates = {}
    for index, statement in enumerate(body):
        if index in changed or not isinstance(statement, _FUNCTIONS):
            continue
        found = of(statement)
        if (
            found.escapes
            or found.body is None
            or found.used & edited
            or statement.name in edited_uses
            or found.used & shared
            or found.loaded & retracked
            or not carried(statement)
        ):
            continue
        candidates[statement] = found
    while candidates:  # a function walked must not load early what a kept one tracks
        early = frozenset().union(*(of(s).early for s in body if s not in candidates))
        dropped = [s for s, found in candidates.items() if found.tracked & early]
        if not dropped:
            break
        for statement in dropped:
            del candidates[statement]
    return list(candidates)


def _alike(old: Sequence[ast.stmt], new: Sequence[ast.stmt], of: Callable[[ast.stmt], Names]) -> bool:
    """The edited statements leave the module level as it was.

    Functions edited one for one keep their headers; any other statement binds nothing at
    module level (a call, an ``if __name__ == "__main__":`` block), so it may come or go.
    """
    functions = [s for s in old if isinstance(s, _FUNCTIONS)], [s for s in new if isinstance(s, _FUNCTIONS)]
    if len(functions[0]) != len(functions[1]) or not all(map(same_header, *functions)):
        return False
    return all(
        isinstance(s, _FUNCTIONS) or (not isinstance(s, ast.ClassDef) and not of(s).module) for s in (*old, *new)
    )


def _body(statement: ast.stmt) -> tuple[int, int] | None:
    if not isinstance(statement, _FUNCTIONS):
        return None
    header: list[ast.expr | ast.arg] = [*statement.decorator_list, *_header_expressions(statement.args)]
    if statement.returns is not None:
        header.append(statement.returns)
    last = max((node.end_lineno or node.lineno for node in header), default=0)
    first = statement.body[0].lineno
    if first <= max(last, statement.lineno):
        return None  # the body shares a line with the header: findings could not be told apart
    return first - statement.lineno, (statement.end_lineno or first) - statement.lineno


def _header_expressions(args: ast.arguments) -> Iterator[ast.expr | ast.arg]:
    parameters = [*args.posonlyargs, *args.args, *args.kwonlyargs, *(a for a in (args.vararg, args.kwarg) if a)]
    yield from parameters
    yield from args.defaults
    yield from (d for d in args.kw_defaults if d is not None)


def _early_loads(body: list[ast.stmt]) -> set[str]:
    """Names a function body loads before it tracks them, in the order the engine walks it.

    Functions and lambdas defined in it are walked after every top-level function: all their
    loads count.
    """
    tracked: set[str] = set()
    early: set[str] = set()
    stack: list[tuple[ast.AST, ast.AST | None]] = [(s, None) for s in reversed(body)]
    while stack:
        node, parent = stack.pop()
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                if node.id not in tracked:
                    early.add(node.id)
            elif isinstance(node.ctx, ast.Store) and _tracks(node, parent):
                tracked.add(node.id)
            continue
        if isinstance(node, _DEFERRED):
            early.update(_loads(node.body if isinstance(node, _FUNCTIONS) else [node.body]))
        stack.extend((child, node) for child in reversed(_in_walk_order(node)))
    return early


def _tracks(name: ast.Name, parent: ast.AST | None) -> bool:
    """The engine tracks ``name`` when it binds it here (``SemanticModel.tracked``)."""
    if isinstance(parent, ast.Assign):
        return len(parent.targets) == 1 and parent.targets[0] is name and isinstance(parent.value, _TRACKING)
    if isinstance(parent, (ast.AnnAssign, ast.NamedExpr)):
        return isinstance(parent.value, _TRACKING)
    return False


def _in_walk_order(node: ast.AST) -> list[ast.AST]:
    """The children the engine visits right away, in its order (``Checker``'s handlers)."""
    if isinstance(node, (ast.Assign, ast.AugAssign, ast.NamedExpr)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [node.value, *targets]
    if isinstance(node, ast.AnnAssign):
        return [node.annotation, *([node.value] if node.value else []), node.target]
    if isinstance(node, (ast.For, ast.AsyncFor)):
        return [node.iter, node.target, *node.body, *node.orelse]
    if isinstance(node, _COMPREHENSIONS):
        items: list[ast.AST] = []
        for generator in node.generators:
            items += [generator.iter, generator.target, *generator.ifs]
        return [*items, *([node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt])]
    if isinstance(node, _FUNCTIONS):
        returns = [node.returns] if node.returns else []
        return [*node.decorator_list, *_header_expressions(node.args), *returns]
    if isinstance(node, ast.Lambda):
        return [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
    if isinstance(node, ast.ClassDef):
        return [*node.decorator_list, *node.bases, *node.keywords, *node.body]
    if isinstance(node, ast.ExceptHandler):
        return [*([node.type] if node.type is not None else []), *node.body]
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal)):
        return []
    return child_nodes(node)


def _loads(body: Iterable[ast.AST]) -> set[str]:
    return {
        node.id
        for statement in body
        for node in ast.walk(statement)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def _deferred_bodies(statement: ast.stmt) -> Iterator[list[ast.AST]]:
    for node in ast.walk(statement):
        if isinstance(node, _FUNCTIONS):
            yield list(node.body)
        elif isinstance(node, ast.Lambda):
            yield [node.body]


def _module_bindings(statement: ast.stmt) -> Iterator[str]:
    """Names a module-level statement binds at module level (more, where unsure)."""
    if isinstance(statement, ast.ClassDef):
        yield statement.name
        return
    pending: list[ast.AST] = [statement]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            yield node.id
        elif isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            yield node.name
            pending.extend(_in_walk_order(node) if isinstance(node, _FUNCTIONS) else node.decorator_list)
            pending.extend(node.bases if isinstance(node, ast.ClassDef) else ())
            continue  # their bodies bind in scopes of their own
        elif isinstance(node, ast.Lambda):
            pending.extend(_in_walk_order(node))
            continue
        elif isinstance(node, ast.alias):
            yield (node.asname or node.name).partition(".")[0]
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            yield node.name
        elif isinstance(node, ast.MatchMapping) and node.rest:
            yield node.rest
        pending.extend(ast.iter_child_nodes(node))
