"""Which part of the migration a finding belongs to: its guide section and its kind of work."""

from __future__ import annotations

from enum import Enum

from autogen_lint.catalog import RULES
from autogen_lint.findings import Finding
from autogen_lint.guide import MAF_SECTIONS, SECTIONS
from autogen_lint.settings import Settings, rule_page


class Category(str, Enum):
    """The headline's split of findings."""

    V02_API = "v02_api"  # AGL1xx-AGL6xx: v0.2 API still in use, blocks the move
    V04_DEFECT = "v04_defects"  # AGL7xx: mistakes in code already on v0.4
    DEPENDENCY = "dependency_pins"  # AGL103: v0.2 pinned in requirements or pyproject
    UNREADABLE = "unreadable"  # AGL001: files that could not be checked

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Category.V02_API: "v0.2 API still in use",
    Category.V04_DEFECT: "v0.4 defects",
    Category.DEPENDENCY: "v0.2 dependency pins",
    Category.UNREADABLE: "unreadable files",
}


def category(code: str) -> Category:
    if code == "AGL001":
        return Category.UNREADABLE
    if code == "AGL103":
        return Category.DEPENDENCY
    if code.startswith("AGL7"):
        return Category.V04_DEFECT
    return Category.V02_API


TABLE_OF_CONTENTS = "whats-in-this-guide"


def section(finding: Finding) -> str:
    """The key of the report section a finding is filed under.

    The guide section it links to (its rule's main one otherwise); where that is only the guide's
    table of contents, or no guide section at all (AGL001, AGL103, a bare ``import autogen``), the
    rule's code: its section is the rule's own page, which says what to do.
    """
    anchor = finding.url.rpartition("#")[2] if "#" in finding.url else ""
    for candidate in (anchor, RULES[finding.code].anchor):
        if (candidate in SECTIONS and candidate != TABLE_OF_CONTENTS) or candidate in MAF_SECTIONS:
            return candidate
    return finding.code


def section_title(key: str) -> str:
    if key in RULES:
        return f"{RULES[key].summary} ({key})"
    return SECTIONS.get(key) or MAF_SECTIONS.get(key, key)


def section_url(key: str, settings: Settings) -> str:
    """Where a section's title links: the rule's page or the guide section."""
    return rule_page(key) if key in RULES else settings.link(key)
