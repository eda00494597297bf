"""TOML documents, parsed once per text: the configuration, the target and AGL103 read the same ``pyproject.toml``."""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads`` (an invalid document raises its ``TOMLDecodeError``, a ``ValueError``).

    The same text gives the same document, shared: callers read it and never change it.
    """
    return _parsed(text)


@lru_cache(maxsize=16)
def _parsed(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads(text)
    return data
