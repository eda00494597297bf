"""Which part of the migration a finding belongs to: its guide section and its kind of work."""

from __future__ import annotations

from enum import Enum

from autogen_lint.catalog import RULES
from autogen_lint.findings import Finding
from autogen_lint.guide import MAF_SECTIONS, SECTIONS


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


def section(finding: Finding) -> str:
    """The anchor of the guide section the finding links to (its rule's main one otherwise)."""
    anchor = finding.url.rpartition("#")[2]
    return anchor if anchor in SECTIONS else RULES[finding.code].anchor


def section_title(anchor: str) -> str:
    return SECTIONS.get(anchor) or MAF_SECTIONS.get(anchor, anchor)
