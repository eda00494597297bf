"""``[tool.autogen-lint]`` in the nearest ``pyproject.toml``, merged with command-line options."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autogen_lint import toml_documents
from autogen_lint.catalog import RULES
from autogen_lint.findings import Applicability, Fix
from autogen_lint.settings import DEFAULT_GUIDE_URL, TARGETS, MigrationTarget, Settings

if TYPE_CHECKING:
    from autogen_lint.targets import Decision

SECTION = "autogen-lint"
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".autogen_lint_cache", ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints",
    ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox",
    ".venv", ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist", "node_modules",
    "site-packages", "venv",
)  # fmt: skip
SELECTOR = r"^(ALL|AGL[0-9]{0,3})$"
"""A rule selector's shape (compiled, by ``re``, when a selector is first read)."""


class ConfigError(Exception):
    """A configuration that cannot be used; the command exits with status 2."""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that decides what ``autogen-lint check`` reads and reports."""

    select: tuple[str, ...] = ("AGL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    guide_url: str = DEFAULT_GUIDE_URL
    flag_compat_shims: bool = False
    honour_noqa: bool = True
    fix: bool = False
    unsafe_fixes: bool = False
    fixable: tuple[str, ...] = ("ALL",)
    unfixable: tuple[str, ...] = ()
    extend_safe_fixes: tuple[str, ...] = ()
    extend_unsafe_fixes: tuple[str, ...] = ()
    baseline: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    target: MigrationTarget | None = None
    """The migration target set in ``[tool.autogen-lint]`` or with ``--target``; ``None``: inferred."""
    target_source: str = ""
    """Where ``target`` was set: the ``pyproject.toml`` path or ``--target``."""
    decision: Decision | None = None
    """The target that applies and why (``autogen_lint.targets.resolve``); unresolved, the explicit one."""

    @property
    def settings(self) -> Settings:
        decision = self.decision
        return Settings(
            guide_url=self.guide_url,
            flag_compat_shims=self.flag_compat_shims,
            target=decision.target if decision is not None else (self.target or "autogen"),
            quiet_v02=decision.quiet_v02 if decision is not None else False,
        )

    @property
    def exclusions(self) -> tuple[str, ...]:
        return (*self.exclude, *self.extend_exclude)

    def enabled(self, code: str) -> bool:
        """The most specific selector decides; on a tie, ``ignore`` wins (as in ruff)."""
        selected = _longest(code, (*self.select, *self.extend_select))
        ignored = _longest(code, self.ignore)
        return selected > ignored

    def effective_fix(self, code: str, fix: Fix | None) -> Fix | None:
        """``fix`` as this configuration grades it.

        ``extend-unsafe-fixes`` demotes a safe fix, ``extend-safe-fixes`` promotes an unsafe one
        (the more specific selector wins; display-only fixes stay suggestions), and a fix of a
        code that is not ``fixable`` (or is ``unfixable``) is shown as a suggestion only.
        """
        if fix is None or fix.applicability is Applicability.DISPLAY_ONLY:
            return fix
        graded: Applicability = fix.applicability
        safer, riskier = _longest(code, self.extend_safe_fixes), _longest(code, self.extend_unsafe_fixes)
        if riskier > safer:
            graded = Applicability.UNSAFE
        elif safer > riskier:
            graded = Applicability.SAFE
        if _longest(code, self.fixable) <= _longest(code, self.unfixable):
            graded = Applicability.DISPLAY_ONLY
        return fix if graded is fix.applicability else fix._replace(applicability=graded)

    def applies(self, fix: Fix | None) -> bool:
        """Whether ``--fix`` applies this (already graded) fix under this configuration."""
        if fix is None or not fix.applicable:
            return False
        return fix.applicability is Applicability.SAFE or self.unsafe_fixes

    def ignored_for(self, relative_path: str) -> tuple[str, ...]:
        """Codes ``per-file-ignores`` turns off for a path (relative to the config's directory)."""
        name = relative_path.rpartition("/")[2]
        return tuple(
            code
            for pattern, codes in self.per_file_ignores
            if fnmatch(relative_path, pattern) or fnmatch(name, pattern)
            for code in codes
        )


def _longest(code: str, selectors: Iterable[str]) -> int:
    lengths = [0 if s == "ALL" else len(s) for s in selectors if s == "ALL" or code.startswith(s)]
    return max(lengths) + 1 if lengths else 0


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has a ``[tool.autogen-lint]`` table.

    A ``pyproject.toml`` met on the way that cannot be read is a ``ConfigError`` (as in ruff): it
    may hold the table, and going on with other settings would apply the wrong ones silently.
    """
    directory = start.resolve()
    for candidate in (directory, *directory.parents):
        path = candidate / "pyproject.toml"
        if path.is_file() and SECTION in _tool_tables(read_toml(path)):
            return path
    return None


def _tool_tables(data: Mapping[str, Any]) -> dict[str, Any]:
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def read_toml(path: Path) -> dict[str, Any]:
    """The TOML document in ``path``; ``ConfigError`` naming the file, line and column if it is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read {_shown(path)}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{_shown(path)}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    try:
        data = toml_documents.loads(text)
    except ValueError as error:  # tomllib.TOMLDecodeError
        raise ConfigError(_toml_error(path, text, error)) from None
    return data


_POSITION = r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$"  # compiled for the first error


def _toml_error(path: Path, text: str, error: ValueError) -> str:
    """``file:line:column: invalid TOML: message``, from the parser's "(at line L, column C)"."""
    message = str(getattr(error, "msg", None) or error)
    match = re.search(_POSITION, message)
    line, column = 0, 0
    if match:
        message = message[: match.start()]
        if match.group(1):
            line, column = int(match.group(1)), int(match.group(2))
    if not line:  # the end of the document
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    return f"{_shown(path)}:{line}:{column}: invalid TOML: {message}"


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (OSError, ValueError):
        return str(path)


def load(path: Path) -> Config:
    """The configuration in ``path`` (a ``pyproject.toml``); ``ConfigError`` if it is invalid."""
    data = read_toml(path)
    table = data.get("tool", {}).get(SECTION, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.{SECTION}] must be a table")
    return from_mapping(table, root=path.parent, source=path)


_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "guide-url",
    "flag-compat-shims",
    "fix",
    "unsafe-fixes",
    "fixable",
    "unfixable",
    "extend-safe-fixes",
    "extend-unsafe-fixes",
    "baseline",
    "target",
}


def from_mapping(table: Mapping[str, Any], *, root: Path, source: Path | None = None) -> Config:
    where = f"{source}: [tool.{SECTION}]" if source else f"[tool.{SECTION}]"
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown option {', '.join(map(repr, unknown))}")
    config = Config(root=root, source=source)
    changes: dict[str, Any] = {}
    for key in ("select", "extend-select", "ignore", *_FIX_SELECTORS):
        if key in table:
            changes[key.replace("-", "_")] = selectors(_string_list(table[key], key, where), where)
    for key in ("exclude", "extend-exclude"):
        if key in table:
            changes[key.replace("-", "_")] = _string_list(table[key], key, where)
    if "per-file-ignores" in table:
        value = table["per-file-ignores"]
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
        changes["per_file_ignores"] = tuple(
            (pattern, selectors(_string_list(codes, f"per-file-ignores.{pattern}", where), where))
            for pattern, codes in value.items()
        )
    if "guide-url" in table:
        url = table["guide-url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"{where}: guide-url must be an http(s) URL")
        changes["guide_url"] = url
    for key in ("flag-compat-shims", "fix", "unsafe-fixes"):
        if key in table:
            flag = table[key]
            if not isinstance(flag, bool):
                raise ConfigError(f"{where}: {key} must be true or false")
            changes[key.replace("-", "_")] = flag
    if "target" in table:
        changes["target"] = target(table["target"], where)
        changes["target_source"] = str(source.name if source else "pyproject.toml")
    if "baseline" in table:
        if not isinstance(table["baseline"], str) or not table["baseline"]:
            raise ConfigError(f"{where}: baseline must be a file name")
        changes["baseline"] = root / table["baseline"]
    return replace(config, **changes)


_FIX_SELECTORS = ("fixable", "unfixable", "extend-safe-fixes", "extend-unsafe-fixes")


def target(value: object, where: str = "command line") -> MigrationTarget:
    """A migration target, validated: ``"autogen"`` or ``"agent-framework"``."""
    for name in TARGETS:
        if value == name:
            return name
    choices = " or ".join(f'"{name}"' for name in TARGETS)
    raise ConfigError(f"{where}: target must be {choices}, not {value!r}")


def _string_list(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def selectors(values: Iterable[str], where: str = "command line") -> tuple[str, ...]:
    """Rule selectors (``AGL``, ``AGL2``, ``AGL201``, ``ALL``), validated against the catalog."""
    result = []
    for raw in values:
        for item in filter(None, (part.strip().upper() for part in raw.split(","))):
            if not re.match(SELECTOR, item) or (item != "ALL" and not any(code.startswith(item) for code in RULES)):
                raise ConfigError(f"{where}: unknown rule selector {item!r}")
            result.append(item)
    return tuple(result)


def project_guide_url(start: Path | None = None) -> str | None:
    """``guide-url`` from the nearest project configuration, for the flake8 and pylint plugins."""
    try:
        path = find_pyproject(start or Path.cwd())
        if path is None:
            return None
        url = _tool_tables(read_toml(path)).get(SECTION, {}).get("guide-url")
    except ConfigError:  # the plugins run inside flake8 and pylint: the command reports it
        return None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None
