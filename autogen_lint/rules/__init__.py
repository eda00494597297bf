"""Rule implementations, found by discovery: a new rule is a new module here.

A module registers functions with ``@on(ast.Call, ...)`` (called for each node of
those types, in source order) or ``@at_end`` (called once the whole module,
deferred function bodies included, has been walked). A rule about calls can name
the methods (``methods=``), keyword arguments (``keywords=``) or callees (``callees=``,
the last part of the resolved name; ``"*Client"`` for every name ending so) it is about; it
is then only called for calls that have one, which keeps the walk cheap. A rule about
attributes can name them (``attributes=``) the same way.

Both take two optional declarations of where a rule can fire (see ``autogen_lint.relevance``):
``packages=`` (an import of one of them makes the rule relevant in a module; default: every
module) and ``words=`` (one of them must occur in a function for the rule to fire there,
beyond the names bound to its packages; default: its methods and keywords when it names
any, else anywhere). ``notebook_top_level=True`` says a rule fires only on a notebook's top
level: it runs in no other module, and its packages make no function worth walking.
``target=`` names the only migration target under which a rule reports: under another one it
is not run at all.
"""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import cache
from typing import NamedTuple, TypeVar, overload

from autogen_lint.checker import Checker, FinishRule, NodeRule
from autogen_lint.relevance import Packages
from autogen_lint.settings import MigrationTarget

R = TypeVar("R", bound=Callable[..., None])


class RuleSpec(NamedTuple):
    """One registered rule function and what it declared."""

    function: Callable[..., None]
    node_types: tuple[type[ast.AST], ...]
    methods: frozenset[str] = frozenset()
    keywords: frozenset[str] = frozenset()
    callees: frozenset[str] = frozenset()
    attributes: frozenset[str] = frozenset()
    packages: frozenset[str] | None = None
    words: frozenset[str] | None = None
    """``None``: the rule can fire anywhere in a relevant module."""
    at_end: bool = False
    notebook_top_level: bool = False
    """The rule fires only at the top level of a notebook (its cells, outside functions and classes)."""
    target: MigrationTarget | None = None
    """The only migration target under which the rule reports (``None``: every one)."""

    @property
    def family(self) -> str:
        """The rule's module (``imports``, ``model_clients``...): what the profile groups by."""
        return self.function.__module__.rpartition(".")[2]

    @property
    def filtered(self) -> bool:
        return bool(self.methods or self.keywords or self.callees)


_SPECS: list[RuleSpec] = []


def on(
    *node_types: type[ast.AST],
    methods: Collection[str] = (),
    keywords: Collection[str] = (),
    callees: Collection[str] = (),
    attributes: Collection[str] = (),
    packages: Collection[str] | None = None,
    words: Collection[str] | None = None,
    notebook_top_level: bool = False,
    target: MigrationTarget | None = None,
) -> Callable[[R], R]:
    """Register a rule function for nodes of the given types.

    With ``methods``, ``keywords`` or ``callees`` (calls only), the function runs for a call
    whose callee is ``<something>.<method>``, that passes one of the keyword arguments, or
    whose callee resolves to a qualified name ending in one of ``callees`` (``"*Suffix"``: a last
    part ending in ``Suffix``); once per call. With ``attributes`` (attributes only), for
    ``<something>.<attribute>`` with one of those names. ``packages`` and ``words`` say where
    it can fire (module docstring).
    """
    filtered = bool(methods or keywords or callees)
    if filtered and node_types != (ast.Call,):
        raise ValueError("methods=, keywords= and callees= filter calls only")
    if attributes and node_types != (ast.Attribute,):
        raise ValueError("attributes= filters attributes only")
    if words is None and filtered:
        words = (*methods, *keywords)
    if words is None and attributes:
        words = tuple(attributes)

    def register(function: R) -> R:
        _SPECS.append(
            RuleSpec(
                function,
                node_types,
                frozenset(methods),
                frozenset(keywords),
                frozenset(callees),
                frozenset(attributes),
                None if packages is None else frozenset(packages),
                None if words is None else frozenset(words),
                notebook_top_level=notebook_top_level,
                target=target,
            )
        )
        return function

    return register


@overload
def at_end(function: FinishRule, /) -> FinishRule: ...
@overload
def at_end(*, packages: Collection[str] | None = None) -> Callable[[FinishRule], FinishRule]: ...


def at_end(
    function: FinishRule | None = None, /, *, packages: Collection[str] | None = None
) -> FinishRule | Callable[[FinishRule], FinishRule]:
    """Register a rule function to run after the walk (``@at_end`` or ``@at_end(packages=...)``).

    It runs only in modules that import one of ``packages`` (default: every module); what it
    reads was collected by ``@on`` rules or is in the semantic model.
    """

    def register(finish: FinishRule) -> FinishRule:
        frozen = None if packages is None else frozenset(packages)
        _SPECS.append(RuleSpec(finish, (), packages=frozen, words=frozenset(), at_end=True))
        return finish

    return register(function) if function is not None else register


def _call_dispatcher(
    by_method: Mapping[str, Sequence[NodeRule]],
    by_keyword: Mapping[str, Sequence[NodeRule]],
    by_callee: Mapping[str, Sequence[NodeRule]],
) -> NodeRule:
    by_suffix = [(name[1:], rules) for name, rules in by_callee.items() if name.startswith("*")]
    by_callee = {name: rules for name, rules in by_callee.items() if not name.startswith("*")}
    suffixes = tuple(suffix for suffix, _ in by_suffix)
    callees, attribute = bool(by_callee or by_suffix), ast.Attribute

    def filtered_call_rules(checker: Checker, node: ast.Call) -> None:
        func = node.func
        rules: list[NodeRule] | None = None
        if type(func) is attribute:
            name = func.attr
            found = by_method.get(name)
            if found:
                rules = list(found)
            # A resolved ``a.b.c(...)`` ends in ``c``: a method no callee rule names is not resolved at all.
            resolve = callees and (name in by_callee or name.endswith(suffixes))
        else:
            resolve = callees
        for keyword in node.keywords:
            found = by_keyword.get(keyword.arg or "")  # no argument name for ``**``: never a key
            if found:
                rules = _merged(rules, found)
        if resolve:
            qualified = checker.callee(node)
            if qualified is not None:
                leaf = qualified.rpartition(".")[2]
                found = by_callee.get(leaf)
                if found:
                    rules = _merged(rules, found)
                for suffix, more in by_suffix:
                    if leaf.endswith(suffix):
                        rules = _merged(rules, more)
        if rules is not None:
            for rule in rules:
                rule(checker, node)

    return filtered_call_rules


def _attribute_dispatcher(by_attribute: Mapping[str, Sequence[NodeRule]]) -> NodeRule:
    def filtered_attribute_rules(checker: Checker, node: ast.Attribute) -> None:
        for rule in by_attribute.get(node.attr, ()):
            rule(checker, node)

    return filtered_attribute_rules


def _merged(rules: list[NodeRule] | None, more: Sequence[NodeRule]) -> list[NodeRule]:
    """``rules`` (``None``: none yet) with those of ``more`` it does not hold yet, in order."""
    if rules is None:
        return list(more)
    for rule in more:
        if rule not in rules:
            rules.append(rule)
    return rules


class ModulePlan(NamedTuple):
    """The rules relevant to one kind of module, as the engine dispatches them."""

    node_rules: Mapping[type[ast.AST], Sequence[NodeRule]]
    finish_rules: Sequence[FinishRule]
    words: frozenset[str]
    """What a function must spell for some rule to fire in it (with the relevant names)."""
    packages: Packages
    """Whose names are relevant: the packages of the relevant rules."""
    anywhere: bool
    """Some relevant rule can fire anywhere: every function is walked."""


class Plan:
    """Every registered rule, and per set of imported packages the rules that are relevant."""

    def __init__(
        self, specs: Sequence[RuleSpec], wrap: Callable[[RuleSpec], Callable[..., None]] | None = None
    ) -> None:
        self.specs = tuple(specs)
        self._wrap = wrap
        declared = [p for spec in self.specs if spec.packages is not None for p in spec.packages]
        self.packages = Packages(declared)
        """Every package some rule declared: what a module's imports are checked against."""
        self.always = any(spec.packages is None for spec in self.specs)
        self._plans: dict[frozenset[int], ModulePlan] = {}
        self._chosen: dict[tuple[frozenset[str], bool, MigrationTarget | None], frozenset[int]] = {}

    def for_module(
        self, imported: frozenset[str], *, notebook: bool = False, target: MigrationTarget | None = None
    ) -> ModulePlan | None:
        """The plan for a module importing ``imported`` (package patterns), or ``None``: no rule is relevant.

        ``notebook``: the module is a notebook's cells (else rules of a notebook's top level are left out);
        ``target``: the migration target (rules of another target are left out; ``None``: none is).
        """
        key = (imported, notebook, target)
        chosen = self._chosen.get(key)
        if chosen is None:
            chosen = self._chosen[key] = frozenset(
                index
                for index, spec in enumerate(self.specs)
                if (spec.packages is None or not spec.packages.isdisjoint(imported))
                and (notebook or not spec.notebook_top_level)
                and (target is None or spec.target is None or spec.target == target)
            )
        if not chosen:
            return None
        plan = self._plans.get(chosen)
        if plan is None:
            plan = self._plans[chosen] = self._build([self.specs[i] for i in sorted(chosen)])
        return plan

    def everything(self) -> ModulePlan:
        """Every rule, relevant everywhere (what the engine did before rules declared relevance)."""
        plan = self._build(self.specs)
        return ModulePlan(plan.node_rules, plan.finish_rules, plan.words, plan.packages, anywhere=True)

    def _build(self, specs: Sequence[RuleSpec]) -> ModulePlan:
        node_rules: defaultdict[type[ast.AST], list[NodeRule]] = defaultdict(list)
        tables: tuple[defaultdict[str, list[NodeRule]], ...] = (defaultdict(list), defaultdict(list), defaultdict(list))
        by_attribute: defaultdict[str, list[NodeRule]] = defaultdict(list)
        finish: list[FinishRule] = []
        words: set[str] = set()
        packages: set[str] = set()
        anywhere = False
        for spec in specs:
            function = self._wrap(spec) if self._wrap is not None else spec.function
            if spec.packages is None:
                anywhere = True
            elif not spec.notebook_top_level:  # the top level is always walked: no function is for it
                packages |= spec.packages
            if spec.words is None:
                anywhere = True
            else:
                words |= spec.words
            if spec.at_end:
                finish.append(function)
            elif spec.filtered:
                for table, names in zip(tables, (spec.methods, spec.keywords, spec.callees), strict=True):
                    for name in sorted(names):
                        table[name].append(function)
            elif spec.attributes:
                for name in sorted(spec.attributes):
                    by_attribute[name].append(function)
            else:
                for node_type in spec.node_types:
                    node_rules[node_type].append(function)
        rules: dict[type[ast.AST], Sequence[NodeRule]] = {kind: tuple(fs) for kind, fs in node_rules.items()}
        if any(tables):
            by_method, by_keyword, by_callee = ({k: tuple(v) for k, v in table.items()} for table in tables)
            dispatcher = _call_dispatcher(by_method, by_keyword, by_callee)
            rules[ast.Call] = (*rules.get(ast.Call, ()), dispatcher)
        if by_attribute:
            attribute_rules = _attribute_dispatcher({k: tuple(v) for k, v in by_attribute.items()})
            rules[ast.Attribute] = (*rules.get(ast.Attribute, ()), attribute_rules)
        return ModulePlan(rules, tuple(finish), frozenset(words), Packages(packages), anywhere)


MODULES = (
    "agent_framework", "agent_names", "agents", "conversations", "coroutines", "event_loop", "executors",
    "group_chat", "imports", "llm_config", "maf_names", "model_clients", "model_config", "model_info",
    "streams", "teams", "termination", "tools",
)  # fmt: skip
"""The rule modules, in the order they register (named here: listing the package costs a start-up)."""


def _load() -> None:
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")


@cache
def plan() -> Plan:
    """Import every rule module once and return the plan of all rules."""
    _load()
    return Plan(_SPECS)


def specs() -> tuple[RuleSpec, ...]:
    return plan().specs
