"""The project's migration target, and whether it is an AG2 Classic project.

``target`` in ``[tool.autogen-lint]`` (or ``--target``) decides. Unset, the project's
declared dependencies do: an ``agent-framework*`` dependency means Agent Framework,
otherwise AutoGen v0.4. A project whose dependencies name AG2 Classic (``autogen`` 0.3
and later, ``ag2`` before 1.0, ``pyautogen`` 0.3 to 0.9), or whose code uses AG2-only
API with no Microsoft AutoGen dependency, gets no v0.2 finding unless a target is set:
there ``import autogen`` is AG2's, not Microsoft's v0.2.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from autogen_lint.settings import AGENT_FRAMEWORK, AUTOGEN, MigrationTarget, Settings
from autogen_lint.source import imports_v02

if TYPE_CHECKING:
    from packaging.requirements import Requirement

    from autogen_lint.config import Config

NAMES: dict[MigrationTarget, str] = {AUTOGEN: "AutoGen v0.4", AGENT_FRAMEWORK: "Agent Framework"}
_OPT_IN = 'set target = "autogen" or "agent-framework" in [tool.autogen-lint] (or --target) to migrate off AG2'
_DEPENDENCY_FILES = ("pyproject.toml", "setup.cfg")
_PROJECT_MARKERS = (*_DEPENDENCY_FILES, "setup.py", "requirements.txt", ".git")
_MICROSOFT = frozenset({"autogen-agentchat", "autogen-core", "autogen-ext"})
_DECIDING = frozenset({*_MICROSOFT, "autogen", "ag2", "pyautogen"})

# AG2-only API: names Microsoft's v0.2 ``autogen`` never had (proven by ``tox -e catalog-v02``).
AG2_ONLY_NAMES = frozenset(
    {
        "autogen.LLMConfig",
        "autogen.llm_config.LLMConfig",
        "autogen.run_group_chat",
        "autogen.a_run_group_chat",
        "autogen.agentchat.run_group_chat",
        "autogen.agentchat.a_run_group_chat",
        "autogen.initiate_swarm_chat",
        "autogen.a_initiate_swarm_chat",
        "autogen.agentchat.initiate_swarm_chat",
        "autogen.register_hand_off",
        "autogen.OnCondition",
        "autogen.AfterWork",
        "autogen.AfterWorkOption",
        "autogen.SwarmResult",
    }
)
AG2_ONLY_MODULES = (
    "autogen.agentchat.group",
    "autogen.beta",
    "autogen.llm_config",
    "autogen.agentchat.contrib.swarm_agent",
)
_AG2_MARKERS = (
    b"LLMConfig",
    b"run_group_chat",
    b"agentchat.group",
    b"autogen.beta",
    b"swarm",
    b"hand_off",
    b"AfterWork",
)


class Decision(NamedTuple):
    """The target that applies, whether the v0.2 rules are quiet (AG2 Classic), and why, in one line.

    ``scan`` is set on a decision made before the project's code was read (``decide(...,
    defer_scan=True)``): the project whose Python files may still turn it into an AG2 Classic
    one; ``settle`` finishes it.
    """

    target: MigrationTarget
    quiet_v02: bool
    reason: str
    scan: Path | None = None


def decide(
    explicit: MigrationTarget | None,
    source: str,
    root: Path,
    code: Iterable[Path] | None = None,
    *,
    defer_scan: bool = False,
) -> Decision:
    """The decision for the project at ``root``.

    ``explicit`` is the configured target and ``source`` where it was set (``--target``,
    ``pyproject.toml``). ``code`` are the Python files to look for AG2-only API in (by default
    the project's own). With ``defer_scan``, the project's files are not read here: when they
    could still decide, the decision made without them comes back with ``scan`` set.
    """
    if explicit is not None:
        where = f"--target {explicit}" if source == "--target" else f'target = "{explicit}" in {source}'
        return Decision(explicit, False, f"target: {NAMES[explicit]} ({where})")
    project = project_root(root)
    files = _dependency_files(project)
    key = (project, tuple(_stamp(path) for path in files), code is None)
    cached = _DECISIONS.get(key) if code is None else None
    if cached is not None:
        return cached
    decision = _decide(project, files, code, defer_scan=defer_scan)
    if code is None and decision.scan is None:
        _DECISIONS[key] = decision
    return decision


def settle(
    decision: Decision, known: Mapping[Path, str | None] | None = None, order: Sequence[Path] | None = None
) -> Decision:
    """A deferred decision made final: AG2 Classic when a Python file of the project uses AG2-only API.

    ``known`` holds the AG2-only name (or ``None``) of files already read (``file_ag2_name``),
    which are not read again. ``order`` lists every Python file of the project in the order
    discovery finds them, when the caller walked the project as the scan does (then ``known``
    need only hold the files that use such a name); else the project is walked here. The first
    file found decides, as ``decide`` does.
    """
    project = decision.scan
    if project is None:
        return decision
    known = known or {}
    if order is not None:
        found = next(((path, known[path]) for path in order if known.get(path) is not None), None)
    else:
        found = _project_ag2_usage(project, known)
    if found is None:
        return decision._replace(scan=None)
    path, name = found
    assert name is not None
    return _ag2_code_decision(decision.target, project, path, name)


_DECISIONS: dict[tuple[Path, tuple[tuple[int, int], ...], bool], Decision] = {}


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (0, -1)
    return (status.st_mtime_ns, status.st_size)


def _dependency_files(project: Path) -> list[Path]:
    files = [project / name for name in _DEPENDENCY_FILES]
    return files + sorted(project.glob("requirements*.txt")) + sorted(project.glob("requirements/*.txt"))


def _decide(project: Path, files: list[Path], code: Iterable[Path] | None, *, defer_scan: bool = False) -> Decision:
    requirements = list(_declared(project, files))
    framework = next((r for where, r in requirements if _canonical(r.name).startswith("agent-framework")), None)
    ag2 = next(((where, r) for where, r in requirements if is_ag2_classic(r)), None)
    if ag2 is not None:
        where, requirement = ag2
        target = AGENT_FRAMEWORK if framework is not None else AUTOGEN
        return Decision(
            target, True, f"AG2 Classic project ({where} requires {requirement}): v0.2 rules are off; {_OPT_IN}"
        )
    microsoft = any(_is_microsoft(r) for _, r in requirements)
    scan = None
    if not microsoft:
        if defer_scan and code is None:
            scan = project
        else:
            found = _ag2_usage(tuple(code) if code is not None else None, project)
            if found is not None:
                return _ag2_code_decision(AGENT_FRAMEWORK if framework is not None else AUTOGEN, project, *found)
    if framework is not None:
        where = next(w for w, r in requirements if r is framework)
        return Decision(AGENT_FRAMEWORK, False, f"target: Agent Framework ({where} requires {framework})", scan)
    return Decision(
        AUTOGEN,
        False,
        'target: AutoGen v0.4 (no agent-framework dependency declared; target = "agent-framework" '
        "in [tool.autogen-lint] to move to Agent Framework)",
        scan,
    )


def _ag2_code_decision(target: MigrationTarget, project: Path, path: Path, name: str) -> Decision:
    return Decision(
        target,
        True,
        f"AG2 Classic project ({_relative(path, project)} uses `{name}`, which only AG2 has, and no Microsoft "
        f"AutoGen dependency is declared): v0.2 rules are off; {_OPT_IN}",
    )


def _canonical(name: str) -> str:
    """``packaging``'s canonical project name (``packaging`` is imported only when a project declares some)."""
    from packaging.utils import canonicalize_name

    return str(canonicalize_name(name))


def is_ag2_classic(requirement: Requirement) -> bool:
    """``autogen`` 0.3 and later, ``ag2`` before 1.0, ``pyautogen`` 0.3 to 0.9: AG2's ``import autogen``."""
    from autogen_lint.dependencies import admits

    name = _canonical(requirement.name)
    if name == "autogen":
        return admits(requirement, at_least="0.3")
    if name == "ag2":
        return admits(requirement, below="1.0")
    if name == "pyautogen":
        return (
            bool(str(requirement.specifier))
            and admits(requirement, at_least="0.3", below="0.10")
            and not admits(requirement, below="0.3")
        )
    return False


def _is_microsoft(requirement: Requirement) -> bool:
    from autogen_lint.dependencies import admits

    name = _canonical(requirement.name)
    if name in _MICROSOFT:
        return True
    return name == "pyautogen" and (admits(requirement, below="0.3") or admits(requirement, at_least="0.10"))


def project_root(start: Path) -> Path:
    """The nearest directory at or above ``start`` that declares a project (dependency files, ``.git``)."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if any((directory / marker).exists() for marker in _PROJECT_MARKERS) or any(
            directory.glob("requirements*.txt")
        ):
            return directory
    return start


def _declared(project: Path, files: list[Path]) -> Iterator[tuple[str, Requirement]]:
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        from autogen_lint.dependencies import declared_requirements  # loaded for a project that has such files

        for requirement in declared_requirements(path, text, _decides):
            yield _relative(path, project), requirement


def _decides(name: str) -> bool:
    """A requirement on project ``name`` (canonical) can take part in the decision (the others are not parsed)."""
    return name in _DECIDING or name.startswith("agent-framework")


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return str(path)


def _ag2_usage(code: tuple[Path, ...] | None, project: Path) -> tuple[Path, str] | None:
    if code is None:
        return _project_ag2_usage_once(project)
    return next(filter(None, map(_file_ag2_usage, code)), None)


@lru_cache(maxsize=16)
def _project_ag2_usage_once(project: Path) -> tuple[Path, str] | None:
    """The first AG2-only name the project's Python files use (read once per process)."""
    return _project_ag2_usage(project, {})


def _project_ag2_usage(project: Path, known: Mapping[Path, str | None]) -> tuple[Path, str] | None:
    from autogen_lint.config import DEFAULT_EXCLUDE
    from autogen_lint.discovery import Kind, iter_files

    for item in iter_files([project], DEFAULT_EXCLUDE, project):
        if item.kind is Kind.PYTHON:
            try:
                name = known[item.path]
            except KeyError:  # not read yet
                found = _file_ag2_usage(item.path)
                if found is not None:
                    return found
            else:
                if name is not None:
                    return item.path, name
    return None


def _file_ag2_usage(path: Path) -> tuple[Path, str] | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    name = file_ag2_name(raw)
    return (path, name) if name is not None else None


def file_ag2_name(raw: bytes) -> str | None:
    """The first AG2-only name a Python file's content imports or uses, if any (cheap unless it may)."""
    if b"autogen" not in raw or not any(marker in raw for marker in _AG2_MARKERS):
        return None
    if b"\\\n" not in raw and not imports_v02(raw.decode("latin-1")):
        return None  # every AG2-only name is reached through an import of ``autogen``: nothing to parse
    try:
        tree = ast.parse(raw)
    except (SyntaxError, ValueError):
        return None
    return ag2_only_name(tree)


def ag2_only_name(tree: ast.AST) -> str | None:
    """The first AG2-only name ``tree`` imports or uses through ``import autogen``, resolved."""
    modules: dict[str, str] = {}  # local name -> module imported
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                if _ag2_only(node.module) or _ag2_only(name):
                    return name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _ag2_only(alias.name):
                    return alias.name
                if alias.name.partition(".")[0] == "autogen":
                    modules[alias.asname or "autogen"] = alias.name if alias.asname else "autogen"
    if not modules:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node, modules)
            if dotted is not None and _ag2_only(dotted):
                return dotted
    return None


def _dotted(node: ast.Attribute, modules: dict[str, str]) -> str | None:
    parts = [node.attr]
    base: ast.expr = node.value
    while isinstance(base, ast.Attribute):
        parts.append(base.attr)
        base = base.value
    if not isinstance(base, ast.Name) or base.id not in modules:
        return None
    return ".".join([modules[base.id], *reversed(parts)])


def _ag2_only(name: str) -> bool:
    return name in AG2_ONLY_NAMES or any(name == m or name.startswith(f"{m}.") for m in AG2_ONLY_MODULES)


def resolve(config: Config, start: Path | None = None, *, defer_scan: bool = False) -> Config:
    """``config`` with its decision made, for the project at its root (or at ``start`` without a configuration).

    With ``defer_scan`` the decision may wait on the project's code (``Decision.scan``; see ``settle``).
    """
    root = config.root if config.source is not None or start is None else start
    decision = decide(config.target, config.target_source or "pyproject.toml", root, defer_scan=defer_scan)
    return replace(config, decision=decision)


def for_migrate(config: Config) -> Config:
    """``migrate`` writes AutoGen v0.4 whatever the target: its notes give the v0.4 advice of every v0.2 finding."""
    decision = config.decision
    if decision is None or (decision.target == AUTOGEN and not decision.quiet_v02):
        return config
    reason = f"{decision.reason}; migrate writes AutoGen v0.4 code and notes all the same"
    return replace(config, decision=Decision(AUTOGEN, False, reason))


def adapter_settings(
    *, guide_url: str | None, flag_compat_shims: bool, target: str | None, start: Path | None = None
) -> tuple[Settings, str | None]:
    """Settings for the flake8 and pylint plugins: their options over the project's ``pyproject.toml``.

    Returns the settings and a configuration problem to show (the defaults are then used).
    """
    from autogen_lint.config import Config, ConfigError, find_pyproject, load, project_guide_url
    from autogen_lint.config import target as valid_target
    from autogen_lint.settings import DEFAULT_GUIDE_URL

    directory = (start or Path.cwd()).resolve()
    problem = None
    try:
        found = find_pyproject(directory)
        config = load(found) if found else Config(root=directory)
        if target:
            config = replace(config, target=valid_target(target, "--autogen-target"), target_source="--target")
    except ConfigError as error:
        problem = f"{error}; using the default configuration"
        config = Config(root=directory, guide_url=project_guide_url(directory) or DEFAULT_GUIDE_URL)
    config = resolve(config, directory)
    settings = config.settings
    return settings._replace(guide_url=guide_url or config.guide_url, flag_compat_shims=flag_compat_shims), problem
