"""AGL707: v0.4 agent names that are not Python identifiers, with the renaming fix."""

from __future__ import annotations

import ast
import re
from typing import NamedTuple

from autogen_lint import source
from autogen_lint.agentchat import expected_to_fail, is_agent, keyword, string
from autogen_lint.catalog import RULES
from autogen_lint.checker import Checker
from autogen_lint.findings import Edit, Fix
from autogen_lint.names import is_v04, leaf
from autogen_lint.relevance import AUTOGEN
from autogen_lint.rules import at_end, on

# The agent classes of autogen-agentchat / autogen-ext 0.7.5 whose first parameter is ``name``
# (all ``BaseChatAgent`` subclasses, whose ``__init__`` rejects a name that is not an identifier);
# the prefilter keeps a module that spells one of them.
NAMED_AGENTS = frozenset(source.NAMED_AGENTS)
# Keyword arguments of v0.4 calls that name agents: termination ``sources=``, handoff targets.
NAME_KEYWORDS = frozenset({"sources", "target", "handoffs"})
SOURCE_MATCH = "SourceMatchTermination"
_NOT_WORD = r"\W"  # compiled for the first name that needs it


class _Name(NamedTuple):
    """An agent's name as written, and its value."""

    literal: ast.Constant
    value: str


_NAMES = "autogen_lint.rules.agent_names"
_REFERENCES = "autogen_lint.rules.agent_names.references"


def identifier(name: str) -> str | None:
    """The identifier made from ``name``: ``"Narrative Designer"`` gives ``"Narrative_Designer"``."""
    made = re.sub(_NOT_WORD, "_", name)
    if made and not (made[0].isalpha() or made[0] == "_"):
        made = f"_{made}"
    return made if made.isidentifier() else None


@on(ast.Call, callees=NAMED_AGENTS, packages=AUTOGEN)
def agent_name(checker: Checker, node: ast.Call) -> None:
    qualified = checker.callee(node)
    if not is_agent(qualified) or qualified is None or leaf(qualified) not in NAMED_AGENTS:
        return
    literal = keyword(node, "name") or (node.args[0] if node.args else None)
    value = string(literal)
    if value is None or value.isidentifier() or expected_to_fail(checker, node):
        return
    assert isinstance(literal, ast.Constant)
    checker.scratch.setdefault(_NAMES, []).append(_Name(literal, value))


@on(ast.Call, keywords=NAME_KEYWORDS, callees=(SOURCE_MATCH,), packages=AUTOGEN)
def name_references(checker: Checker, node: ast.Call) -> None:
    """Collect string literals that name agents in v0.4 calls (they must be renamed with the agent)."""
    if not is_v04(checker.callee(node)):
        return
    found: list[ast.Constant] = checker.scratch.setdefault(_REFERENCES, [])
    values = [k.value for k in node.keywords if k.arg in NAME_KEYWORDS]
    if node.args and leaf(checker.callee(node) or "") == SOURCE_MATCH:
        values.append(node.args[0])
    for value in values:
        found += _literals(value)


def _literals(node: ast.expr) -> list[ast.Constant]:
    if string(node) is not None:
        assert isinstance(node, ast.Constant)
        return [node]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [literal for element in node.elts for literal in _literals(element)]
    if isinstance(node, ast.Call):  # ``Handoff(target="...")`` in a ``handoffs=`` list
        target = keyword(node, "target")
        return _literals(target) if target is not None else []
    return []


@at_end(packages=AUTOGEN)
def invalid_names(checker: Checker) -> None:
    names: list[_Name] = checker.scratch.get(_NAMES, [])
    references: list[ast.Constant] = checker.scratch.get(_REFERENCES, [])
    for name in names:
        checker.report("AGL707", name.literal, name=name.value, fix=_rename(checker, name, references))


def _rename(checker: Checker, name: _Name, references: list[ast.Constant]) -> Fix | None:
    new = identifier(name.value)
    if new is None:
        return None
    edits: list[Edit] = []
    for literal in {id(n): n for n in (name.literal, *references) if n.value == name.value}.values():
        edit = _replace_string(checker, literal, new)
        if edit is None:
            if literal is name.literal:
                return None
            continue
        edits.append(edit)
    edits.sort(key=lambda e: e.start)
    return RULES["AGL707"].make_fix(tuple(edits), identifier=new)


def _replace_string(checker: Checker, literal: ast.Constant, new: str) -> Edit | None:
    """An edit writing ``new`` in ``literal``'s quotes, for a plain one-piece literal without escapes."""
    text = checker.node_text(literal)
    if text is None:
        return None
    prefix = len(text) - len(text.lstrip("uU"))
    body = text[prefix:]
    for quote in ('"""', "'''", '"', "'"):
        if body.startswith(quote) and body.endswith(quote) and len(body) >= 2 * len(quote):
            if body[len(quote) : -len(quote)] != literal.value:
                return None  # escapes, implicit concatenation, or a raw or byte literal
            return checker.replace_node(literal, f"{text[:prefix]}{quote}{new}{quote}")
    return None
