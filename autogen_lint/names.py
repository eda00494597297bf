"""Predicates over resolved dotted names."""

from __future__ import annotations

V02_PACKAGE = "autogen"
V04_PREFIX = "autogen_"


def top_package(qualified_name: str) -> str:
    return qualified_name.partition(".")[0]


def is_v02(qualified_name: str | None) -> bool:
    """``autogen`` or a name inside it; never ``autogen_core`` or ``autogenesis``."""
    return qualified_name is not None and top_package(qualified_name) == V02_PACKAGE


def is_v04(qualified_name: str | None) -> bool:
    """A name inside an ``autogen_*`` package (``autogen_agentchat``, ``autogen_core``, ...)."""
    return qualified_name is not None and top_package(qualified_name).startswith(V04_PREFIX)


def is_autogen(qualified_name: str | None) -> bool:
    return is_v02(qualified_name) or is_v04(qualified_name)


def leaf(qualified_name: str) -> str:
    return qualified_name.rpartition(".")[2]
