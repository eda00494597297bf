"""What the editor asks for, merged with the nearest ``pyproject.toml`` (re-read when it changes)."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from autogen_lint.config import SECTION, Config, ConfigError, find_pyproject, from_mapping, selectors

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Editor setting -> (its key in [tool.autogen-lint], its Config field)
SETTINGS = {
    "select": ("select", "select"),
    "ignore": ("ignore", "ignore"),
    "unsafeFixes": ("unsafe-fixes", "unsafe_fixes"),
    "guideUrl": ("guide-url", "guide_url"),
}


@dataclass(frozen=True, slots=True)
class EditorSettings:
    """Settings from ``initializationOptions`` or ``workspace/didChangeConfiguration``."""

    values: dict[str, Any] = field(default_factory=dict)
    editor_first: bool = False
    """``configurationPreference: "editorFirst"``: the editor's settings win over pyproject.toml."""

    @classmethod
    def from_client(cls, options: object) -> EditorSettings:
        """Read the client's settings, under an ``autogen-lint`` / ``autogenLint`` key or at the top."""
        if not isinstance(options, dict):
            return cls()
        for key in ("autogen-lint", "autogenLint", "autogen_lint"):
            if isinstance(options.get(key), dict):
                options = options[key]
                break
        assert isinstance(options, dict)
        values = {key: options[key] for key in SETTINGS if _valid(key, options.get(key))}
        return cls(values, options.get("configurationPreference") == "editorFirst")


def _valid(key: str, value: object) -> bool:
    """Whether ``value`` is usable for the editor setting ``key`` (anything else is ignored)."""
    if key in ("select", "ignore"):
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if key == "unsafeFixes":
        return isinstance(value, bool)
    return isinstance(value, str) and value.startswith(("http://", "https://"))


@dataclass
class _Loaded:
    stamp: tuple[int, int]
    config: Config
    keys: frozenset[str]


class Configurations:
    """The configuration of each document: its project's ``pyproject.toml`` with the editor's settings."""

    def __init__(self) -> None:
        self.editor = EditorSettings()
        self._projects: dict[Path, _Loaded] = {}
        self.errors: list[str] = []
        """Configuration problems not yet shown to the user."""

    def for_path(self, path: Path, fallback_root: Path | None = None) -> Config:
        pyproject = find_pyproject(path.parent)
        if pyproject is None:
            base, keys = Config(root=fallback_root or path.parent), frozenset[str]()
        else:
            base, keys = self._load(pyproject)
        return self._with_editor(base, keys)

    def _load(self, pyproject: Path) -> tuple[Config, frozenset[str]]:
        try:
            status = pyproject.stat()
        except OSError:
            return Config(root=pyproject.parent), frozenset()
        stamp = (status.st_mtime_ns, status.st_size)
        loaded = self._projects.get(pyproject)
        if loaded is None or loaded.stamp != stamp:
            loaded = self._read(pyproject, stamp)
            self._projects[pyproject] = loaded
        return loaded.config, loaded.keys

    def _read(self, pyproject: Path, stamp: tuple[int, int]) -> _Loaded:
        try:
            table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get(SECTION, {})
            config = from_mapping(table, root=pyproject.parent, source=pyproject)
            return _Loaded(stamp, config, frozenset(table))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ConfigError, AttributeError) as error:
            self.errors.append(f"{pyproject}: {error}; using the default configuration")
            return _Loaded(stamp, Config(root=pyproject.parent), frozenset())

    def _with_editor(self, config: Config, keys: frozenset[str]) -> Config:
        changes: dict[str, Any] = {}
        for setting, value in self.editor.values.items():
            key, attribute = SETTINGS[setting]
            if key in keys and not self.editor.editor_first:
                continue
            if setting in ("select", "ignore"):
                try:
                    changes[attribute] = selectors(value, "editor settings")
                except ConfigError as error:
                    self.errors.append(str(error))
            else:
                changes[attribute] = value
        return replace(config, **changes) if changes else config
