"""AGL901-AGL904: Agent Framework names, methods and arguments renamed or removed before 1.0.

Reported in any module that imports ``agent_framework``, whatever the project's target.
Names are matched once resolved; methods and arguments only on values whose Agent
Framework class is known (built by a resolved constructor, annotated with one, or made by
a chat client's ``create_agent``/``as_agent`` or a builder's ``build``).
"""

from __future__ import annotations

import ast
import re

from autogen_lint.agentchat import unpacks, value_type
from autogen_lint.catalog import RULES
from autogen_lint.catalog.maf import PRE_1_0_ARGUMENTS, PRE_1_0_BY_NAME, PRE_1_0_METHODS, Renamed, RenamedMember
from autogen_lint.checker import Checker
from autogen_lint.findings import Edit, Fix
from autogen_lint.names import leaf, top_package
from autogen_lint.relevance import AGENT_FRAMEWORK
from autogen_lint.rules import at_end, on
from autogen_lint.semantic import IMPORT_KINDS, BindingKind

PACKAGE = "agent_framework"
AGENT_CLASSES = frozenset({"Agent", "ChatAgent", "RawAgent", "RawChatAgent", "BaseAgent", "Workflow"})
AGENT_FACTORIES = frozenset({"create_agent", "as_agent"})
MESSAGE_CLASSES = frozenset({"agent_framework.Message", "agent_framework.ChatMessage"})
STREAMING = frozenset({"run_stream", "get_streaming_response"})
_IMPORTS = "autogen_lint.rules.maf_names.imports"
_METHODS = {member.old: member for member in PRE_1_0_METHODS}
_ARGUMENTS = {member.old: member for member in PRE_1_0_ARGUMENTS}


def is_framework(qualified_name: str | None) -> bool:
    return qualified_name is not None and top_package(qualified_name) == PACKAGE


def imports_framework(checker: Checker) -> bool:
    """The module imports ``agent_framework`` somewhere (every AGL9xx rule needs it)."""
    return PACKAGE in checker.semantic.imported_modules


@on(ast.ImportFrom, packages=AGENT_FRAMEWORK, words=())
def renamed_import(checker: Checker, node: ast.ImportFrom) -> None:
    module = node.module
    if node.level or module is None or not is_framework(module):
        return
    for alias in node.names:
        entry = PRE_1_0_BY_NAME.get(f"{module}.{alias.name}")
        if entry is None:
            continue
        if entry.new is None:
            checker.report("AGL902", alias, anchor=entry.anchor, old=entry.old, instead=entry.instead)
        else:
            checker.scratch.setdefault(_IMPORTS, []).append((alias, entry))


@on(ast.Attribute, packages=AGENT_FRAMEWORK, words=())
def renamed_module_attribute(checker: Checker, node: ast.Attribute) -> None:
    """``af.ChatAgent`` through ``import agent_framework as af``."""
    if not imports_framework(checker) or not isinstance(node.ctx, ast.Load):
        return
    base: ast.expr = node.value
    while isinstance(base, ast.Attribute):
        base = base.value
    if not isinstance(base, ast.Name):
        return
    binding = checker.semantic.lookup(base.id)
    if binding is None or binding.kind not in IMPORT_KINDS or not is_framework(binding.qualified_name):
        return
    entry = PRE_1_0_BY_NAME.get(checker.semantic.resolve_qualified_name(node) or "")
    if entry is None:
        return
    if entry.new is None:
        checker.report("AGL902", node, anchor=entry.anchor, old=entry.old, instead=entry.instead)
        return
    _, _, end_line, end_col = checker.span(node)
    edit = Edit(end_line, end_col - len(node.attr), end_line, end_col, leaf(entry.new))
    fix = RULES["AGL901"].make_fix((edit,), old=leaf(entry.old), new=leaf(entry.new))
    checker.report("AGL901", node, anchor=entry.anchor, old=entry.old, new=entry.new, fix=fix)


@at_end(packages=AGENT_FRAMEWORK)
def renamed_imports(checker: Checker) -> None:
    imported: list[tuple[ast.alias, Renamed]] = checker.scratch.get(_IMPORTS, [])
    for alias, entry in imported:
        assert entry.new is not None
        fix = _rename_fix(checker, alias, entry.old, entry.new)
        checker.report("AGL901", alias, anchor=entry.anchor, old=entry.old, new=entry.new, fix=fix)


def _rename_fix(checker: Checker, alias: ast.alias, old: str, new: str) -> Fix | None:
    """The import renamed, and every use of the name in the module when it is not imported ``as`` another."""
    old_name, new_name = leaf(old), leaf(new)
    line, col, _, _ = checker.span(alias)
    edits = [Edit(line, col, line, col + len(old_name), new_name)]
    if alias.asname is None:
        uses = _uses(checker.tree, alias, old_name, new_name)
        if uses is None:
            return None
        edits += [checker.replace_node(use, new_name) for use in uses]
    return RULES["AGL901"].make_fix(tuple(edits), old=old_name, new=new_name)


def _uses(tree: ast.Module, alias: ast.alias, old: str, new: str) -> list[ast.Name] | None:
    """Every load of ``old``, when nothing else in the module binds ``old`` or ``new`` (else ``None``).

    ``new`` may already be imported from the same module (``from agent_framework import Agent,
    ChatAgent``). A string that mentions ``old`` (a forward reference, ``__all__``) cannot be
    followed, so it also means no fix.
    """
    word = re.compile(rf"\b{re.escape(old)}\b")
    uses: list[ast.Name] = []
    new_imported = False
    new_loaded = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load) and node.id == old:
                uses.append(node)
            elif isinstance(node.ctx, ast.Load) and node.id == new:
                new_loaded = True
            elif node.id in (old, new):
                return None
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for other in node.names:
                bound = other.asname or other.name.partition(".")[0]
                if other is alias or bound not in (old, new):
                    continue
                same = isinstance(node, ast.ImportFrom) and node.module == PACKAGE and not other.asname
                if bound == old or not same:
                    return None
                new_imported = True
        elif _binds(node, (old, new)) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and word.search(node.value)
        ):
            return None
    if new_loaded and not new_imported:
        return None
    return uses


def _binds(node: ast.AST, names: tuple[str, str]) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name in names
    if isinstance(node, ast.arg):
        return node.arg in names
    if isinstance(node, ast.ExceptHandler):
        return node.name in names
    return False


@on(ast.Call, methods=tuple(_METHODS), packages=AGENT_FRAMEWORK)
def renamed_method(checker: Checker, node: ast.Call) -> None:
    func = node.func
    if not imports_framework(checker) or not isinstance(func, ast.Attribute):
        return
    member = _METHODS[func.attr]
    owner = framework_type(checker, func.value)
    if owner is None or not _owned_by(member, owner):
        return
    stream = func.attr in STREAMING
    new = f"{member.new}(..., stream=True)" if stream else f".{member.new}(...)"
    instead = f"call `{new}`" if stream else f"call `.{member.new}(...)`"
    checker.report(
        "AGL903", node, anchor=member.anchor, old=func.attr, instead=instead, fix=_method_fix(checker, node, new)
    )


def _method_fix(checker: Checker, call: ast.Call, new: str) -> Fix | None:
    func = call.func
    assert isinstance(func, ast.Attribute)
    member = _METHODS[func.attr]
    _, _, end_line, end_col = checker.span(func)
    edits = [Edit(end_line, end_col - len(func.attr), end_line, end_col, member.new)]
    if func.attr in STREAMING:
        if unpacks(call) or any(k.arg == "stream" for k in call.keywords):
            return None
        arguments: list[ast.AST] = [*call.args, *call.keywords]
        if arguments:
            last = max(arguments, key=lambda a: checker.span(a)[2:])
            _, _, line, col = checker.span(last)
            edits.append(Edit(line, col, line, col, ", stream=True"))
        else:
            _, _, line, col = checker.span(call)
            edits.append(Edit(line, col - 1, line, col - 1, "stream=True"))
    return RULES["AGL903"].make_fix(tuple(edits), old=func.attr, new=new)


@on(ast.Call, keywords=tuple(_ARGUMENTS), packages=AGENT_FRAMEWORK)
def renamed_argument(checker: Checker, node: ast.Call) -> None:
    if not imports_framework(checker):
        return
    for keyword in node.keywords:
        member = _ARGUMENTS.get(keyword.arg or "")
        if member is None or not _takes(checker, node, member):
            continue
        new = f"{member.new}=[...]" if member.old == "text" else f"{member.new}="
        fix = None
        if not any(k.arg == member.new for k in node.keywords) and not (member.old == "text" and len(node.args) > 1):
            fix = _argument_fix(checker, keyword, member, new)
        checker.report("AGL904", keyword, anchor=member.anchor, old=member.old, new=new, fix=fix)


def _argument_fix(checker: Checker, keyword: ast.keyword, member: RenamedMember, new: str) -> Fix | None:
    line, col, _, _ = checker.span(keyword)
    if member.old != "text":
        edit = Edit(line, col, line, col + len(member.old), member.new)
        return RULES["AGL904"].make_fix((edit,), old=member.old, new=new)
    value = checker.node_text(keyword.value)
    if value is None:
        return None
    return RULES["AGL904"].make_fix(
        (checker.replace_node(keyword, f"{member.new}=[{value}]"),), old=member.old, new=new
    )


def _takes(checker: Checker, call: ast.Call, member: RenamedMember) -> bool:
    """Whether ``call`` is one the renamed argument belonged to."""
    func = call.func
    if member.owners == "run":
        if not isinstance(func, ast.Attribute) or func.attr not in ("run", "run_stream"):
            return False
        owner = framework_type(checker, func.value)
        return owner is not None and leaf(owner) in AGENT_CLASSES
    callee = checker.callee(call)
    if member.owners == "Agent":
        return callee in ("agent_framework.Agent", "agent_framework.ChatAgent")
    if member.owners == "Message":
        return callee in MESSAGE_CLASSES
    removed = PRE_1_0_BY_NAME.get(callee or "")
    if removed is not None and removed.new is None:
        return False  # AGL902 reports the class itself
    return is_framework(callee) and callee is not None and leaf(callee).endswith("Client")


def _owned_by(member: RenamedMember, owner: str) -> bool:
    name = leaf(owner)
    if member.owners == "client":
        return name.endswith("Client")
    return name in AGENT_CLASSES


def framework_type(checker: Checker, expr: ast.expr) -> str | None:
    """The Agent Framework class of what ``expr`` holds, when it is known."""
    found = value_type(checker, expr)
    if is_framework(found):
        return found
    call = expr if isinstance(expr, ast.Call) else _assigned_call(checker, expr)
    if call is None or not isinstance(call.func, ast.Attribute):
        return None
    made_by = call.func.attr
    if made_by in AGENT_FACTORIES or made_by == "build":
        maker = framework_type(checker, call.func.value)
        if maker is not None and made_by in AGENT_FACTORIES and leaf(maker).endswith("Client"):
            return "agent_framework.Agent"
        if maker is not None and made_by == "build" and leaf(maker).endswith("Builder"):
            return "agent_framework.Workflow"
    return None


def _assigned_call(checker: Checker, expr: ast.expr) -> ast.Call | None:
    if not isinstance(expr, ast.Name):
        return None
    binding = checker.semantic.lookup(expr.id)
    if binding is None or binding.kind is not BindingKind.ASSIGNMENT or not isinstance(binding.value, ast.Call):
        return None
    return binding.value
