"""Attribute annotations naming a v0.2 agent class follow the agents the rewrite writes.

``agent: autogen.AssistantAgent`` in a class body declares what the class (or its subclasses)
keeps there. When every assignment of that attribute in the file was rewritten to one v0.4
agent class, the annotation names that class; when the file assigns it nowhere (a base class
whose subclasses live in other modules, which the codemod rewrites the same way), a v0.2
``AssistantAgent`` becomes v0.4's ``AssistantAgent``. A v0.2 base class (``ConversableAgent``,
``Agent``) becomes ``BaseChatAgent``, the base of every v0.4 agent. An assignment that stays
v0.2, or one the codemod cannot read, keeps the annotation v0.2 (with its TODO).
"""

from __future__ import annotations

import libcst as cst

from autogen_lint.migrate.agents import V02_AGENTS
from autogen_lint.migrate.edits import Edits
from autogen_lint.migrate.imports import Imports, module_nodes, walk

AGENTS_MODULE = "autogen_agentchat.agents"
BASES = frozenset({"Agent", "ConversableAgent"})
"""v0.2 base classes: every v0.4 agent the codemod writes is a ``BaseChatAgent``."""
ANNOTATED = frozenset({*V02_AGENTS, *BASES})


def follow_annotations(module: cst.Module, imports: Imports, edits: Edits) -> None:
    """Rewrite, in ``edits``, the class-body annotations of v0.2 agents the file's rewrite replaced."""
    for node in module_nodes(module):
        if not isinstance(node, cst.ClassDef) or not isinstance(node.body, cst.IndentedBlock):
            continue
        for line in node.body.body:
            small = line.body[0] if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 else None
            if not isinstance(small, cst.AnnAssign) or not isinstance(small.target, cst.Name):
                continue
            if id(line) in edits.replaced or (small.value is not None and not _is_none(small.value)):
                continue
            named = [n for n in walk(small.annotation) if isinstance(n, cst.Name | cst.Attribute)]
            v02 = {imports.v02(n) for n in named} & ANNOTATED
            cls = _v04_class(v02, module, small.target.value, edits) if len(v02) == 1 else None
            if cls is None:
                continue
            annotation = cst.ensure_type(small.annotation.visit(_Renamed(imports, cls)), cst.Annotation)
            if any(
                imports.v02(n) and not (isinstance(n, cst.Name) and n.value == cls)
                for n in walk(annotation)
                if isinstance(n, cst.Name | cst.Attribute)
            ):
                continue  # other v0.2 names in it (`autogen.GroupChat`) stay v0.2
            new = line.with_changes(body=[small.with_changes(annotation=annotation)])
            edits.replaced[id(line)] = [new]
            edits.todos.pop(id(line), None)
            edits.needed.add((AGENTS_MODULE, cls))
            edits.rewrites += 1


def _v04_class(v02: set[str | None], module: cst.Module, attribute: str, edits: Edits) -> str | None:
    """The v0.4 class an annotation of the v0.2 class (``v02``, one) names, else ``None``.

    A base class becomes ``BaseChatAgent``; ``AssistantAgent`` the class the file's assignments
    build (v0.4's ``AssistantAgent`` when there are none); another agent class the class its
    assignments build.
    """
    built = _assigned_classes(module, attribute, edits)
    if built is None:
        return None  # an assignment stays v0.2, or sets something the codemod cannot read
    if v02 <= BASES:
        return "BaseChatAgent"
    if len(built) == 1:
        return built.pop()
    return "AssistantAgent" if not built and v02 == {"AssistantAgent"} else None


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _setting(module: cst.Module, attribute: str) -> list[cst.SimpleStatementLine]:
    """The statements that set ``<x>.attribute``, or a name ``attribute`` (a class body's), anywhere."""
    found = []
    for node in module_nodes(module):
        if not isinstance(node, cst.SimpleStatementLine):
            continue
        for small in node.body:
            value = getattr(small, "value", None)
            if value is None or _is_none(value):  # a declaration, or no agent yet
                continue
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign | cst.AugAssign):
                targets = [small.target]
            else:
                continue
            for target in targets:
                if (isinstance(target, cst.Attribute) and target.attr.value == attribute) or (
                    isinstance(target, cst.Name) and target.value == attribute
                ):
                    found.append(node)
    return found


def _assigned_classes(module: cst.Module, attribute: str, edits: Edits) -> set[str] | None:
    """The v0.4 agent classes the rewritten assignments of the attribute build; ``None`` if one is not rewritten."""
    classes: set[str] = set()
    for line in _setting(module, attribute):
        replaced = edits.replaced.get(id(line))
        if replaced is None:
            return None
        built = {
            small.value.func.value
            for new in replaced
            if isinstance(new, cst.SimpleStatementLine)
            for small in new.body
            if isinstance(small, cst.Assign)
            and any(isinstance(t.target, cst.Attribute) and t.target.attr.value == attribute for t in small.targets)
            and isinstance(small.value, cst.Call)
            and isinstance(small.value.func, cst.Name)
        }
        if len(built) != 1 or not {(AGENTS_MODULE, cls) for cls in built} <= edits.needed:
            return None
        classes |= built
    return classes


class _Renamed(cst.CSTTransformer):
    """The v0.2 agent class names of an annotation replaced by the v0.4 class name."""

    def __init__(self, imports: Imports, cls: str) -> None:
        super().__init__()
        self.imports = imports
        self.cls = cls

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        return cst.Name(self.cls) if self.imports.v02(original_node) in ANNOTATED else updated_node

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return cst.Name(self.cls) if self.imports.v02(original_node) in ANNOTATED else updated_node
