"""The v0.2 -> v0.4 name table, kept under its former module name (it lives in ``autogen_lint.catalog.v04``)."""

from __future__ import annotations

from autogen_lint.catalog.v04 import (
    CONFIG_LIST_FUNCTIONS,
    GENERIC_ANCHOR,
    GENERIC_INSTEAD,
    MOVED,
    NO_EQUIVALENT,
    REPLACEMENTS,
    Replacement,
    iter_names,
    lookup,
)

__all__ = [
    "CONFIG_LIST_FUNCTIONS",
    "GENERIC_ANCHOR",
    "GENERIC_INSTEAD",
    "MOVED",
    "NO_EQUIVALENT",
    "REPLACEMENTS",
    "Replacement",
    "iter_names",
    "lookup",
]
