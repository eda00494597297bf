"""Name resolution: imports, aliases, scopes, deferral, star imports."""

from __future__ import annotations

import ast
from textwrap import dedent

import pytest

from autogen_lint.checker import Checker
from autogen_lint.semantic import BindingKind
from autogen_lint.settings import Settings

PROBE = "probe"


def resolve_probes(source: str) -> list[str | None]:
    """Resolve the argument of every ``probe(...)`` call where the call stands."""
    tree = ast.parse(dedent(source))
    found: list[str | None] = []

    def probe(checker: Checker, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id == PROBE:
            found.append(checker.semantic.resolve_qualified_name(node.args[0]))

    Checker(tree, Settings(), {ast.Call: (probe,)}, ()).run()
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import autogen\nprobe(autogen.AssistantAgent)", "autogen.AssistantAgent"),
        ("import autogen as ag\nprobe(ag.agentchat.GroupChat)", "autogen.agentchat.GroupChat"),
        ("import autogen.agentchat\nprobe(autogen.agentchat.X)", "autogen.agentchat.X"),
        ("import autogen.agentchat as ac\nprobe(ac.X)", "autogen.agentchat.X"),
        ("from autogen import AssistantAgent as A\nprobe(A)", "autogen.AssistantAgent"),
        ("from autogen.agentchat import GroupChat\nprobe(GroupChat)", "autogen.agentchat.GroupChat"),
        ("from autogen import *\nprobe(AssistantAgent)", "autogen.AssistantAgent"),
        ("from autogen import *\nprobe(NotExported)", None),
        ("from somewhere import *\nprobe(AssistantAgent)", None),
        ("from autogen import AssistantAgent\nA = AssistantAgent\nprobe(A)", "autogen.AssistantAgent"),
        ("from chatlib import GroupChat\nprobe(GroupChat)", "chatlib.GroupChat"),
        ("probe(GroupChat)", None),
        ("class GroupChat: pass\nprobe(GroupChat)", None),
        ("from autogen import GroupChat\nclass GroupChat: pass\nprobe(GroupChat)", None),
        ("from . import autogen\nprobe(autogen.X)", None),
        ("import autogen\nprobe(autogen.x().y)", None),
    ],
)
def test_module_level(source: str, expected: str | None) -> None:
    assert resolve_probes(source) == [expected]


def test_function_bodies_see_imports_written_below_them() -> None:
    source = """
        def main():
            probe(ag.AssistantAgent)
        import autogen as ag
    """
    assert resolve_probes(source) == ["autogen.AssistantAgent"]


def test_imports_inside_functions_stay_local() -> None:
    source = """
        def build():
            from autogen import AssistantAgent
            probe(AssistantAgent)
        def other():
            probe(AssistantAgent)
    """
    assert resolve_probes(source) == ["autogen.AssistantAgent", None]


def test_parameters_and_locals_shadow_imports() -> None:
    source = """
        from autogen import GroupChat, register_function
        def f(GroupChat):
            probe(GroupChat)
        def g():
            def register_function(x): return x
            probe(register_function)
        def h():
            probe(GroupChat)
    """
    assert resolve_probes(source) == [None, None, "autogen.GroupChat"]


def test_class_scope_is_skipped_by_methods() -> None:
    source = """
        from autogen import AssistantAgent
        class C:
            AssistantAgent = None
            probe(AssistantAgent)
            def m(self):
                probe(AssistantAgent)
    """
    assert resolve_probes(source) == [None, "autogen.AssistantAgent"]


def test_global_and_nonlocal() -> None:
    source = """
        def setup():
            global ag
            import autogen as ag
        def use():
            probe(ag.GroupChat)
        def outer():
            from autogen import Agent as A
            def inner():
                nonlocal A
                A = None
                probe(A)
            probe(A)
    """
    # ``outer``'s own probe runs before the deferred ``inner`` rebinds A.
    assert resolve_probes(source) == ["autogen.GroupChat", "autogen.Agent", None]


def test_comprehension_and_lambda_scopes() -> None:
    source = """
        from autogen import AssistantAgent
        agents = [probe(AssistantAgent) for AssistantAgent in range(3)]
        probe(AssistantAgent)
        f = lambda AssistantAgent: probe(AssistantAgent)
        g = lambda: probe(AssistantAgent)
    """
    assert resolve_probes(source) == [None, "autogen.AssistantAgent", None, "autogen.AssistantAgent"]


def test_rebinding_follows_source_order() -> None:
    source = """
        from autogen import AssistantAgent
        probe(AssistantAgent)
        from autogen_agentchat.agents import AssistantAgent
        probe(AssistantAgent)
    """
    assert resolve_probes(source) == ["autogen.AssistantAgent", "autogen_agentchat.agents.AssistantAgent"]


def test_instance_of_and_self_attributes() -> None:
    source = dedent("""
        from autogen_agentchat.agents import AssistantAgent
        agent = AssistantAgent("a")
        class Holder:
            def __init__(self):
                self.team = AssistantAgent("b")
    """)
    tree = ast.parse(source)
    checker = Checker(tree, Settings(), {}, ())
    checker.run()
    module = checker.semantic.module_scope
    assert module.bindings["agent"].instance_of == "autogen_agentchat.agents.AssistantAgent"
    assert module.bindings["agent"].kind is BindingKind.ASSIGNMENT
    holder = next(s for s in checker.semantic.scopes if getattr(s.node, "name", "") == "Holder")
    assert holder.attributes == {"team": "autogen_agentchat.agents.AssistantAgent"}


def test_module_facts() -> None:
    for source, v02, any_autogen in [
        ("import autogen", True, True),
        ("def f():\n    from autogen.agentchat import X", True, True),
        ("import autogen_agentchat", False, True),
        ("import autogenesis, autogen2", False, False),
    ]:
        checker = Checker(ast.parse(source), Settings(), {}, ())
        checker.run()
        assert (checker.semantic.imports_v02, checker.semantic.imports_autogen) == (v02, any_autogen), source
