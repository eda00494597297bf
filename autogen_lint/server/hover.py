"""Hover on a code inside ``# noqa: AGL...``: the rule's summary, what it flags, and its guide link."""

from __future__ import annotations

import re

from lsprotocol import types

from autogen_lint.catalog import RULES
from autogen_lint.config import Config
from autogen_lint.server.positions import from_units, to_units
from autogen_lint.suppression import NOQA

_CODE = re.compile(r"AGL\d{3}", re.IGNORECASE)


def noqa_hover(line: str, position: types.Position, config: Config, encoding: str) -> types.Hover | None:
    column = from_units(line, position.character, encoding)
    for comment in NOQA.finditer(line):
        codes = comment.group("codes")
        if not codes:
            continue
        offset = comment.start("codes")
        for match in _CODE.finditer(codes):
            start, end = offset + match.start(), offset + match.end()
            if start <= column <= end:
                rule = RULES.get(match.group().upper())
                if rule is None:
                    return None
                link = config.settings.rule_link(rule)
                label = "Migration guide" if rule.anchor else "Documentation"
                text = f"**{rule.code}** `{rule.symbol}`: {rule.summary}.\n\n{rule.what}\n\n[{label}]({link})"
                span = types.Range(
                    start=types.Position(line=position.line, character=to_units(line, start, encoding)),
                    end=types.Position(line=position.line, character=to_units(line, end, encoding)),
                )
                return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=span)
    return None
