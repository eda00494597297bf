"""Options that change what the engine reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

DOCS_URL = "https://autogen-lint.github.io/autogen-lint/"
"""The project's documentation site (``site_url`` in ``mkdocs.yml``)."""
DEFAULT_GUIDE_URL = "https://microsoft.github.io/autogen/stable/user-guide/agentchat-user-guide/migration-guide.html"


@dataclass(frozen=True, slots=True)
class Settings:
    """Engine settings shared by every adapter.

    ``guide_url`` is the migration guide's base URL (an internal mirror, say);
    rule anchors are appended to it. ``flag_compat_shims`` reports v0.2 imports
    inside ``try: <v0.4 import> / except ImportError: <v0.2 import>`` shims,
    which are spared by default.
    """

    guide_url: str = DEFAULT_GUIDE_URL
    flag_compat_shims: bool = False

    def rule_link(self, rule: Linked) -> str:
        """Where a rule's findings point: its guide section, or its own page when it has none (AGL001)."""
        return self.link(rule.anchor) if rule.anchor else rule_page(rule.code)

    def link(self, anchor: str) -> str:
        base = self.guide_url.rstrip("#")
        return f"{base}#{anchor}" if anchor else base


class Linked(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def anchor(self) -> str: ...


def rule_page(code: str) -> str:
    """The rule's page on the documentation site (``docs/rules/CODE.md``)."""
    return f"{DOCS_URL}rules/{code}/"
