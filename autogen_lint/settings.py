"""Options that change what the engine reports."""

from __future__ import annotations

from typing import Literal, NamedTuple, Protocol

from autogen_lint.guide import MAF_GUIDE_URL, MAF_SECTIONS

DOCS_URL = "https://autogen-lint.github.io/autogen-lint/"
"""The project's documentation site (``site_url`` in ``mkdocs.yml``)."""
DEFAULT_GUIDE_URL = "https://microsoft.github.io/autogen/stable/user-guide/agentchat-user-guide/migration-guide.html"

MigrationTarget = Literal["autogen", "agent-framework"]
"""Where the code is going: Microsoft AutoGen v0.4, or Microsoft Agent Framework."""
AUTOGEN: MigrationTarget = "autogen"
AGENT_FRAMEWORK: MigrationTarget = "agent-framework"
TARGETS: tuple[MigrationTarget, ...] = (AUTOGEN, AGENT_FRAMEWORK)


class Settings(NamedTuple):
    """Engine settings shared by every adapter.

    ``guide_url`` is the migration guide's base URL (an internal mirror, say);
    rule anchors are appended to it. ``flag_compat_shims`` reports v0.2 imports
    inside ``try: <v0.4 import> / except ImportError: <v0.2 import>`` shims,
    which are spared by default. ``target`` is the project's migration target:
    the AGL8xx rules report only under ``"agent-framework"``, and the v0.2 rules'
    advice names that target's replacement. ``quiet_v02`` drops every v0.2 finding
    (an AG2 Classic project, where ``import autogen`` is not Microsoft's v0.2).
    """

    guide_url: str = DEFAULT_GUIDE_URL
    flag_compat_shims: bool = False
    target: MigrationTarget = AUTOGEN
    quiet_v02: bool = False

    @property
    def agent_framework(self) -> bool:
        return self.target == AGENT_FRAMEWORK

    def rule_link(self, rule: Linked) -> str:
        """Where a rule's findings point: its guide section, or its own page when it has none (AGL001)."""
        return self.link(rule.anchor) if rule.anchor else rule_page(rule.code)

    def link(self, anchor: str) -> str:
        """The guide section ``anchor``: in the Agent Framework guide for its sections, else in ``guide_url``."""
        if anchor in MAF_SECTIONS:
            return f"{MAF_GUIDE_URL}#{anchor}"
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
