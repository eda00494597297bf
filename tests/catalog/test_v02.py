"""The v0.2 names the catalog knows exist, and every public v0.2 name is in the catalog
(``tox -e catalog-v02``, against ``autogen-agentchat~=0.2.0``, which ships the ``autogen`` module).

Modules whose optional dependencies are not installed (Jupyter, vector databases, ...) are
read as source instead of imported.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
import types
import warnings
from pathlib import Path

import pytest

autogen = pytest.importorskip("autogen")
if not autogen.__version__.startswith("0.2."):
    pytest.skip("needs the v0.2 `autogen` package", allow_module_level=True)

from claims import V02_CLASSES  # noqa: E402

from autogen_lint.replacements import iter_names, lookup  # noqa: E402
from autogen_lint.targets import AG2_ONLY_MODULES, AG2_ONLY_NAMES  # noqa: E402

NAMESPACES = ("autogen", "autogen.agentchat", "autogen.oai", "autogen.coding", "autogen.cache")
CONTRIB = "autogen.agentchat.contrib"


def _import(module: str) -> types.ModuleType | None:
    """The module, ``None`` if it does not exist; ``ImportError`` if a dependency is missing."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name is not None and (error.name == module or module.startswith(error.name + ".")):
            return None
        raise


def _top_level_names(module: str) -> set[str]:
    """Names a module's source binds at top level (for modules that cannot be imported here)."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    if spec.submodule_search_locations:
        names.update(info.name for info in pkgutil.iter_modules(spec.submodule_search_locations))
    return names


def exists(dotted: str) -> bool:
    parts = dotted.split(".")
    for index in range(len(parts), 0, -1):
        module = ".".join(parts[:index])
        try:
            target: object | None = _import(module)
        except ImportError:
            return index == len(parts) or parts[index] in _top_level_names(module)
        if target is None:
            continue
        for part in parts[index:]:
            if not hasattr(target, part):
                return False
            target = getattr(target, part)
        return True
    return False


KNOWN = sorted(name for name, _ in iter_names())


def test_the_table_is_not_empty() -> None:
    assert len(KNOWN) > 100


@pytest.mark.parametrize("name", KNOWN)
def test_every_v02_name_of_the_catalog_exists(name: str) -> None:
    assert exists(name)


def test_v02_classes_named_in_messages_exist() -> None:
    found = {name.rpartition(".")[2] for name in KNOWN if exists(name)}
    contrib_classes = {cls for module in _contrib_modules() for cls in _classes(module)}
    assert found | contrib_classes >= V02_CLASSES


def _public(module_name: str) -> list[str]:
    """``__all__``, else the public names that belong to the ``autogen`` package itself."""
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    if names is None:
        names = [name for name in dir(module) if not name.startswith("_")]
    public = []
    for name in names:
        value = getattr(module, name)
        origin = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", module_name)
        if isinstance(origin, str) and (origin == "autogen" or origin.startswith("autogen.")):
            public.append(f"{module_name}.{name}")
    return public


PUBLIC = sorted({name for namespace in NAMESPACES for name in _public(namespace)})


def test_public_names_were_found() -> None:
    assert {"autogen.AssistantAgent", "autogen.oai.OpenAIWrapper", "autogen.coding.CodeBlock"} <= set(PUBLIC)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_v02_name_has_a_catalog_entry(name: str) -> None:
    assert lookup(name) is not None, f"{name} would get only the generic message"


def _contrib_modules() -> list[str]:
    package = importlib.import_module(CONTRIB)
    return [info.name for info in pkgutil.walk_packages(package.__path__, f"{CONTRIB}.", onerror=lambda _: None)]


def _classes(module: str) -> list[str]:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    return [node.name for node in tree.body if isinstance(node, ast.ClassDef) and not node.name.startswith("_")]


CONTRIB_AGENTS = sorted(
    f"{module}.{cls}"
    for module in _contrib_modules()
    for cls in _classes(module)
    if cls.endswith(("Agent", "Capability", "Builder", "Optimizer", "Transform", "Limiter", "Compressor"))
)


def test_contrib_agents_were_found() -> None:
    assert f"{CONTRIB}.gpt_assistant_agent.GPTAssistantAgent" in CONTRIB_AGENTS
    assert len(CONTRIB_AGENTS) > 15


@pytest.mark.parametrize("name", CONTRIB_AGENTS)
def test_every_contrib_agent_has_a_catalog_entry(name: str) -> None:
    assert lookup(name) is not None, f"{name} would get only the generic message"


@pytest.mark.parametrize("dotted", sorted(AG2_ONLY_NAMES | set(AG2_ONLY_MODULES)))
def test_ag2_only_api_is_not_in_microsoft_v02(dotted: str) -> None:
    """A project using these is on AG2 Classic: Microsoft's v0.2 `autogen` never had them."""
    module, _, name = dotted.rpartition(".")
    assert importlib.util.find_spec(dotted.partition(".")[0]) is not None
    try:
        found = importlib.util.find_spec(dotted)
    except ModuleNotFoundError:
        found = None
    assert found is None
    if module:
        try:
            parent = importlib.import_module(module)
        except ModuleNotFoundError:
            return
        assert not hasattr(parent, name)
