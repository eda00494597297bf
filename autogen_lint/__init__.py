"""autogen-lint: find AutoGen v0.2 code and the mistakes made while moving it to v0.4."""

from __future__ import annotations

__version__ = "0.1.0"
