"""What the statement-level rewrite decided for each statement, keyed by the original node's identity."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from autogen_lint.migrate.refusal import Todo


@dataclass
class Guarded:
    """Statements of one block run under ``try:``, with the resources they open closed in ``finally:``."""

    opening: list[cst.BaseStatement]
    """Set-up placed before the ``try`` (clients, executors)."""
    started: list[str]
    """Awaited first inside ``try`` (``await executor.start()``)."""
    closing: list[str]
    """Code of the ``finally`` block (``await model_client.close()``)."""


@dataclass
class Edits:
    """Per original statement (``id(node)``): its replacement, removal, TODOs and what goes before it."""

    replaced: dict[int, list[cst.BaseStatement]] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)
    todos: dict[int, list[Todo]] = field(default_factory=dict)
    moved: dict[int, list[int]] = field(default_factory=dict)
    """Function definitions (ids) moved just before a statement (id): tools an agent lists."""
    undecorated: dict[int, set[str]] = field(default_factory=dict)
    """Tool functions (ids) and the agents whose ``register_for_*`` decorators they lose."""
    guarded: dict[int, Guarded] = field(default_factory=dict)
    """The statement (id) from which the rest of its block runs under ``try``/``finally``."""
    needed: set[tuple[str, str]] = field(default_factory=set)
    """v0.4 imports (module, name; name ``""`` for ``import module``)."""
    awaiting: set[int] = field(default_factory=set)
    """Scopes (ids of ``FunctionDef`` or the module) where the rewrite wrote ``await``."""
    before: dict[int, list[cst.BaseStatement]] = field(default_factory=dict)
    """Statements placed just before a statement (id)."""
    appended: dict[int, list[cst.BaseStatement]] = field(default_factory=dict)
    """Methods added at the end of a class (id)."""
    kept: list[str] = field(default_factory=list)
    """Why statements ``# noqa`` or the rule selection keeps were left as they are."""
    rewrites: int = 0
    """How many statements were rewritten (not counting TODO comments)."""
    helpers: list[str] = field(default_factory=list)
    """Top-level definitions the file needs once, after its imports (``ClientSpec.helpers``)."""
    trimmed: set[int] = field(default_factory=set)
    """v0.2 import lines (ids, in the rewritten module) cut down to names kept code still reads."""
    headers: dict[int, dict[str, object]] = field(default_factory=dict)
    """New parts of a kept block's first line (``test`` of ``if``...), by the block statement (id)."""
    named: dict[int, str] = field(default_factory=dict)
    """Calls (ids) replaced by the name a guard's set-up binds their value to."""

    def merge(self, other: Edits) -> None:
        """Take over what ``other`` decided (a trial over some scopes that is kept)."""
        self.replaced.update(other.replaced)
        self.removed |= other.removed
        for key, todos in other.todos.items():
            for todo in todos:
                if todo not in self.todos.setdefault(key, []):
                    self.todos[key].append(todo)
        for key, moved in other.moved.items():
            self.moved.setdefault(key, []).extend(moved)
        for key, agents in other.undecorated.items():
            self.undecorated.setdefault(key, set()).update(agents)
        self.guarded.update(other.guarded)
        for key, statements in other.before.items():
            self.before.setdefault(key, []).extend(statements)
        for key, statements in other.appended.items():
            self.appended.setdefault(key, []).extend(statements)
        self.needed |= other.needed
        self.helpers += [helper for helper in other.helpers if helper not in self.helpers]
        self.headers.update(other.headers)
        self.named.update(other.named)
        self.awaiting |= other.awaiting
        self.kept += other.kept
        self.rewrites += other.rewrites

    def todo(self, node: cst.CSTNode, todo: Todo) -> None:
        found = self.todos.setdefault(id(node), [])
        if todo not in found:
            found.append(todo)
