"""What the editor asks for, merged with the nearest ``pyproject.toml`` (re-read when it changes)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG
from typing import Any

from autogen_lint.config import SECTION, Config, ConfigError, from_mapping, read_toml, selectors

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
    """Whether ``value`` sets the editor setting ``key``; anything else counts as not set.

    Editors send their defaults too (VS Code's ``synchronize.configurationSection`` sends the
    whole section), so an empty list, an empty string or ``null`` means "not set": an empty
    ``select`` leaves the project's selection (or every rule) in force, never "select nothing".
    """
    if key in ("select", "ignore"):
        return isinstance(value, list) and bool(value) and all(isinstance(item, str) for item in value)
    if key == "unsafeFixes":
        return isinstance(value, bool)
    return isinstance(value, str) and value.startswith(("http://", "https://"))


@dataclass
class _Loaded:
    stamp: tuple[int, int]
    config: Config | None
    """None: the file holds no ``[tool.autogen-lint]`` table, so it is not the project's."""
    keys: frozenset[str]
    refused: bool = False
    """The command would refuse this file (exit 2): nothing under it is checked until it is fixed."""


class Configurations:
    """The configuration of each document: its project's ``pyproject.toml`` with the editor's settings.

    The project is found as the command finds it (the nearest ``pyproject.toml`` with a
    ``[tool.autogen-lint]`` table); each file is parsed again only when its size or mtime changes.
    """

    def __init__(self) -> None:
        self.editor = EditorSettings()
        self._projects: dict[Path, _Loaded] = {}
        self.errors: list[str] = []
        """Configuration problems not yet shown to the user."""

    def for_path(self, path: Path, fallback_root: Path | None = None) -> Config:
        """The document's configuration, its migration target decided as the command decides it."""
        from autogen_lint.targets import resolve

        directory = path.parent.resolve()
        for candidate in (directory, *directory.parents):
            loaded = self._load(candidate / "pyproject.toml")
            if loaded is not None and loaded.config is not None:
                if loaded.refused:
                    return loaded.config
                return resolve(self._with_editor(loaded.config, loaded.keys), directory)
        return resolve(self._with_editor(Config(root=fallback_root or path.parent), frozenset()), directory)

    def _load(self, pyproject: Path) -> _Loaded | None:
        try:
            status = pyproject.stat()
        except OSError:
            return None
        if not S_ISREG(status.st_mode):
            return None
        stamp = (status.st_mtime_ns, status.st_size)
        loaded = self._projects.get(pyproject)
        if loaded is None or loaded.stamp != stamp:
            loaded = self._read(pyproject, stamp)
            self._projects[pyproject] = loaded
        return loaded

    def _read(self, pyproject: Path, stamp: tuple[int, int]) -> _Loaded:
        try:
            tool = read_toml(pyproject).get("tool", {})
            if not isinstance(tool, dict) or SECTION not in tool:
                return _Loaded(stamp, None, frozenset())
            table = tool[SECTION]
            return _Loaded(stamp, from_mapping(table, root=pyproject.parent, source=pyproject), frozenset(table))
        except (ConfigError, AttributeError, TypeError) as error:
            self.errors.append(f"{error}; files under {pyproject.parent} are not checked until it is fixed")
            return _Loaded(stamp, Config(root=pyproject.parent, select=()), frozenset(), refused=True)

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
